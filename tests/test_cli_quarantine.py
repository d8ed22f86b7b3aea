"""`yishi quarantine`: list the records an import set aside, settle one; Chinese errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.models import Topic
from tests.sync.quarantine_helpers import make_quarantine
from tests.sync_pair import Pair, add_topic

OTHER = "同一版本的另一内容"


def test_list_then_take_incoming_then_refuse_a_second_settling(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(pair.district.home.root)
    assert main(["--home", home, "quarantine"]) == 0
    assert capsys.readouterr().out.strip() == "没有待核对的记录"

    add_topic(pair.room, "路灯不亮")
    number = make_quarantine(pair.room, pair.district, tmp_path / "usb", title=OTHER)

    assert main(["--home", home, "quarantine"]) == 0
    out = capsys.readouterr().out
    header, rule, row, hint = out.strip().splitlines()
    assert header.split() == ["编号", "时间", "数据包", "数据表", "记录", "不同的字段"]
    assert set(rule) <= {"-", " "}
    assert row.split()[0] == str(number)
    assert "R0001_again.yishi" in row and "议题" in row and row.endswith("标题")
    assert "resolve" in hint

    assert main(["--home", home, "quarantine", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["id"] == number and entry["table"] == "topic" and entry["can_take_incoming"]
    assert entry["differences"] == [
        {"field": "title", "label": "标题", "local": "路灯不亮", "incoming": OTHER}
    ]

    resolve = ["--home", home, "quarantine", "resolve", str(number)]
    assert main([*resolve, "--take-incoming"]) == 0
    assert (
        capsys.readouterr().out.strip()
        == f"已处理第 {number} 条：采用对方（议题 {entry['record_id'][:8]}）"
    )
    with pair.district.session() as session:
        assert session.scalars(select(Topic.title)).one() == OTHER

    assert main([*resolve, "--keep-local"]) == 2
    assert capsys.readouterr().err.strip() == f"错误：编号 {number} 的记录已处理过（采用对方）"
    assert main(["--home", home, "quarantine"]) == 0
    assert capsys.readouterr().out.strip() == "没有待核对的记录"
    assert main(["--home", home, "quarantine", "--all"]) == 0
    assert capsys.readouterr().out.splitlines()[2].endswith("采用对方")


def test_bad_numbers_and_a_missing_choice_are_refused(
    pair: Pair, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(pair.district.home.root)
    assert main(["--home", home, "quarantine", "resolve", "x1", "--keep-local"]) == 2
    assert capsys.readouterr().err.strip() == "错误：编号应为列表中的数字：x1"
    assert main(["--home", home, "quarantine", "resolve", "7", "--keep-local"]) == 2
    assert capsys.readouterr().err.strip() == "错误：没有编号为 7 的待核对记录"
    assert main(["--home", home, "quarantine", "resolve", "7"]) == 2
    assert "--keep-local" in capsys.readouterr().err
