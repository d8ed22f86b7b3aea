"""`yishi roster export|template|import`: the roster as Excel from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.db import Database
from desktop.models import Township
from desktop.models.enums import Gender, MemberLevel
from desktop.paths import Home
from desktop.roster_excel import ASSIGNMENTS_SHEET, MEMBER_COLUMNS, MEMBERS_SHEET
from desktop.workflow import roster
from desktop.workflow.roster import MemberData


def _run(home: Home, *args: str) -> int:
    return main(["--home", str(home.root), *args])


def test_export_template_and_import_round_trip(
    district_db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster.save_member(
        district_db,
        MemberData(name="张建华", gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT),
    )
    district_db.close()
    out = tmp_path / "名册 2024.xlsx"
    assert _run(home, "roster", "export", "-o", str(out)) == 0
    assert str(out) in capsys.readouterr().out
    rows = list(load_workbook(out)[MEMBERS_SHEET].iter_rows(values_only=True))
    assert rows[0] == MEMBER_COLUMNS and rows[1][0] == "张建华"
    assert _run(home, "roster", "import", str(out)) == 0
    assert "未变 1" in capsys.readouterr().out
    template = tmp_path / "模板.xlsx"
    assert _run(home, "roster", "template", "-o", str(template)) == 0
    assert load_workbook(template).sheetnames[0] == MEMBERS_SHEET


def test_the_import_says_which_areas_it_made(
    district_db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    installation = district_db.installation()
    assert installation is not None
    with district_db.session() as s:
        s.add(Township(district_id=installation.district_id, name="和平桥街道"))
    district_db.close()
    path = tmp_path / "t.xlsx"
    assert _run(home, "roster", "template", "-o", str(path)) == 0
    book = load_workbook(path)
    book[MEMBERS_SHEET].append(["王明", "男", "经济界", None, "区政协委员"])
    book[MEMBERS_SHEET].append(["李强", "男", "教育界", None, "区政协委员"])
    for name in ("王明", "李强"):
        book[ASSIGNMENTS_SHEET].append([name, None, "和平桥街道", "第一片区", None, "2024-03-01"])
    book.save(path)
    capsys.readouterr()
    assert _run(home, "roster", "import", str(path)) == 0
    out = capsys.readouterr().out
    assert "派驻：新增 2" in out and "新建片区 1 个：第一片区（和平桥街道）" in out


def test_a_bad_file_exits_2_naming_its_rows(
    district_db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    district_db.close()
    path = tmp_path / "t.xlsx"
    assert _run(home, "roster", "template", "-o", str(path)) == 0
    book = load_workbook(path)
    sheet = book[MEMBERS_SHEET]
    sheet.append(["王明", "男", "经济界", None, "区政协委员"])
    sheet.append([None, "男", "经济界", None, "区政协委员"])
    sheet.append(["李强", "男", "火星界", None, "区政协委员"])
    book.save(path)
    capsys.readouterr()
    assert _run(home, "roster", "import", str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：名册未导入")
    assert "第3行 姓名" in err and "第4行 界别" in err and "第2行" not in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("roster", "export", "-o", "名册.csv"), ".xlsx"),
        (("roster", "import", "NOFILE.xlsx"), "无法读取"),
        (("roster", "template", "-o", "nowhere/t.xlsx"), "无法写入"),
        (("roster",), "缺少参数"),
    ],
)
def test_refusals_are_one_line_and_exit_2(
    district_db: Database,
    home: Home,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    words: str,
) -> None:
    district_db.close()
    monkeypatch.chdir(tmp_path)
    assert _run(home, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and words in err
    assert len(err.strip().splitlines()) == 1


def test_a_room_is_refused(
    room_db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room_db.close()
    path = tmp_path / "t.xlsx"
    assert _run(home, "roster", "template", "-o", str(path)) == 0
    assert _run(home, "roster", "import", str(path)) == 2
    assert "委员名册由区政协维护" in capsys.readouterr().err
