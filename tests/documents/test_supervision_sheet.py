"""A unit's 督办单: its open outcomes with room, origin, deadline, days overdue, the latest
progress and supervision, and the reply box; read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db import Database, open_database
from desktop.documents.commands import make_document
from desktop.documents.supervision_sheet import render_supervision_sheet
from desktop.errors import UserError
from desktop.models.enums import SupervisionMethod
from desktop.paths import Home
from desktop.queries.supervision import SupervisionFilter
from desktop.setup import setup_room
from desktop.workflow.outcomes import note_progress
from desktop.workflow.supervision import record_action
from tests.documents import pdf_probe as probe
from tests.supervision_builders import BUILD, CITY, District, build_supervision


@pytest.fixture
def world(district_db: Database) -> District:
    world = build_supervision(district_db)
    note_progress(
        world.db, world["a1"], on=world.today - timedelta(days=3), text="设计方案已报街道审核"
    )
    record_action(
        world.db,
        world["a1"],
        on=world.today - timedelta(days=1),
        method=SupervisionMethod.PHONE,
        result="答复月底前开工",
        supervised_by="社法委",
    )
    return world


def pdftotext(path: Path) -> str:
    """The text in drawing order (each table cell whole), whitespace removed so wrapped
    lines still match."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"\s+", "", out)


def test_the_sheet_lists_the_units_open_outcomes(world: District, tmp_path: Path) -> None:
    path = make_document(
        world.db, kind="supervision", target=BUILD, path=tmp_path / "督办单.pdf", today=world.today
    )
    text = pdftotext(path)
    for expected in (
        "协商成果督办单",
        f"承办单位：{BUILD}",
        "尚有2项未办结，其中逾期2项，最长逾期30天",
        "徐庄村协商议事室",
        "议题a1",
        "协商成果a1",
        "逾期30天",
        "设计方案已报街道审核",
        "电话，社法委）：答复月底前开工",
        "协商成果a2",
        "逾期1天",
        "最新进展：暂无",
        "承办单位答复意见",
        "承办单位（盖章）",
        "负责人",
        "答复日期",
        "崇川区政协",
    ):
        assert expected in text, expected
    # Completed outcomes are not on it, and the most overdue comes first.
    assert "协商成果b2" not in text
    assert text.index("协商成果a1") < text.index("协商成果a2")
    for font in probe.fonts(path).values():
        assert probe.is_embedded(font)


def test_the_sheet_keeps_the_pages_filters(world: District, tmp_path: Path) -> None:
    path = render_supervision_sheet(
        db=world.db,
        unit=CITY,
        path=tmp_path / "城管.pdf",
        criteria=SupervisionFilter(room_id=world["office"]),
        today=world.today,
    )
    text = pdftotext(path)
    # The township's own work is named as its 政协工委, never as a room.
    assert "先锋街道政协工委" in text and "协商成果o1" in text
    assert "协商成果c1" not in text


def test_refusals(world: District, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="请给出单位名称"):
        make_document(world.db, kind="supervision", path=tmp_path / "x.pdf")
    with pytest.raises(UserError, match="没有承办单位为“区民政局”"):
        make_document(world.db, kind="supervision", target="区民政局", path=tmp_path / "x.pdf")
    room = open_database(Home(tmp_path / "room"))
    try:
        setup_room(room, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
        with pytest.raises(UserError, match="由区政协打印"):
            make_document(room, kind="supervision", target=BUILD, path=tmp_path / "x.pdf")
    finally:
        room.close()
    assert not list(tmp_path.glob("*.pdf"))


def test_yishi_doc_supervision(tmp_path: Path) -> None:
    home = tmp_path / "district"
    assert main(["--home", str(home), "setup", "district", "--name", "崇川区政协"]) == 0
    db = open_database(Home(home))
    try:
        build_supervision(db)
    finally:
        db.close()
    out = tmp_path / "督办单.pdf"
    assert main(["--home", str(home), "doc", "supervision", CITY, "-o", str(out)]) == 0
    assert "协商成果o1" in pdftotext(out)
    assert main(["--home", str(home), "doc", "supervision", "-o", str(tmp_path / "y.pdf")]) == 2
