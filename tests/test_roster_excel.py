"""The roster as Excel: lossless round trip, template, and every bad row of a refused file named."""

from __future__ import annotations

import shutil
import time
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from desktop import clock
from desktop.db import Database, open_database
from desktop.models import Area, Assignment, Member, Room, Township
from desktop.models.enums import Gender, MemberLevel, RoomKind, TeamKind
from desktop.paths import Home
from desktop.roster_excel import (
    ASSIGNMENT_COLUMNS,
    ASSIGNMENTS_SHEET,
    MEMBER_COLUMNS,
    MEMBERS_SHEET,
    TEAM_COLUMNS,
    TEAMS_SHEET,
    RosterFileError,
    RosterImportError,
    export_roster,
    import_roster,
    roster_template,
)
from desktop.rules import RuleError
from desktop.setup import setup_district
from desktop.workflow import roster
from desktop.workflow.roster import MemberData

TODAY = clock.today()
YEAR_AGO = TODAY - timedelta(days=365)
MONTH_AGO = TODAY - timedelta(days=30)

ZHANG = MemberData(
    name="张建华",
    gender=Gender.MALE,
    sector="经济界",
    level=MemberLevel.DISTRICT,
    party="中共党员",
    workplace="南通瑞恒纺织有限公司（濠河路 8 号）",
    post="总经理",
    phone="0513-85012345",
    expertise="经济发展",
    term="第十七届",
    term_start_year=2021,
    term_end_year=2026,
)
# Only the required fields: every optional cell empty.
CHEN = MemberData(name="陈丽华", gender=Gender.FEMALE, sector="教育界", level=MemberLevel.CITY)
# Text that Excel would take for a formula must stay text.
ODD = MemberData(
    name="=欧阳 娜娜",
    gender=Gender.FEMALE,
    sector="特邀人士",
    level=MemberLevel.PROVINCE,
    workplace="+南通 \"大学\" '附院'",
    phone="13900000001",
)


def _places(db: Database) -> dict[str, str]:
    installation = db.installation()
    assert installation is not None
    with db.session() as s:
        town = Township(district_id=installation.district_id, name="和平桥街道")
        s.add(town)
        s.flush()
        ids = {"town": town.id}
        for village in ("八仙城社区", "桃坞路社区"):
            room = Room(
                township_id=town.id,
                name=f"{village}协商议事室",
                village=village,
                kind=RoomKind.COMMUNITY,
            )
            s.add(room)
            s.flush()
            ids[village] = room.id
    ids["area"] = roster.save_area(
        db, township_id=ids["town"], name="第一片区", room_ids=[ids["八仙城社区"]]
    )
    return ids


def _fill(db: Database) -> None:
    places = _places(db)
    zhang = roster.save_member(db, ZHANG)
    chen = roster.save_member(db, CHEN)
    odd = roster.save_member(db, ODD)
    roster.assign(db, member_id=zhang, area_id=places["area"], start=YEAR_AGO, end=MONTH_AGO)
    roster.assign(db, member_id=zhang, room_id=places["桃坞路社区"], start=MONTH_AGO)
    roster.assign(db, member_id=chen, area_id=places["area"], start=MONTH_AGO)
    roster.assign(db, member_id=odd, area_id=places["area"], start=YEAR_AGO)
    roster.retire_member(db, odd, on=MONTH_AGO)
    team = roster.save_team(db, name="专业助力委员团队", kind=TeamKind.EXPERT_SUPPORT)
    roster.set_team_members(db, team, [(zhang, "法律咨询组"), (chen, None)])
    roster.save_team(db, name="民主监督第一小组", kind=TeamKind.SUPERVISION)


def _cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path)
    return {
        name: [tuple(row) for row in book[name].iter_rows(values_only=True)]
        for name in (MEMBERS_SHEET, ASSIGNMENTS_SHEET, TEAMS_SHEET)
    }


@pytest.fixture
def second_district(template_database: Path, tmp_path: Path) -> Any:
    home = Home(tmp_path / "second")
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    db = open_database(home)
    setup_district(db, name="崇川区政协")
    yield db
    db.close()


def test_round_trip_is_lossless(
    district_db: Database, second_district: Database, tmp_path: Path
) -> None:
    _fill(district_db)
    first = export_roster(district_db, tmp_path / "名册 一.xlsx")
    cells = _cells(first)
    assert cells[MEMBERS_SHEET][0] == MEMBER_COLUMNS
    assert cells[ASSIGNMENTS_SHEET][0] == ASSIGNMENT_COLUMNS
    assert cells[TEAMS_SHEET][0] == TEAM_COLUMNS
    by_name = {row[0]: row for row in cells[MEMBERS_SHEET][1:]}
    assert by_name["陈丽华"] == ("陈丽华", "女", "教育界", None, "市政协委员") + (None,) * 7 + (
        "在任",
    )
    assert by_name["=欧阳 娜娜"][5] == "+南通 \"大学\" '附院'"
    assert by_name["=欧阳 娜娜"][12] == "已退出"
    assert by_name["张建华"][10:12] == (2021, 2026)
    # Dates are real date cells.
    zhang_rows = [r for r in cells[ASSIGNMENTS_SHEET][1:] if r[0] == "张建华"]
    assert [(r[5].date(), r[6].date() if r[6] else None) for r in zhang_rows] == [
        (YEAR_AGO, MONTH_AGO),
        (MONTH_AGO, None),
    ]

    # Imported where it came from: nothing changes.
    summary = import_roster(district_db, first)
    assert (summary.members_unchanged, summary.members_added, summary.members_updated) == (3, 0, 0)
    assert (summary.assignments_added, summary.assignments_ended, summary.team_members_added) == (
        0,
        0,
        0,
    )
    # Imported into another district with the same places: the same roster comes out.
    _places(second_district)
    summary = import_roster(second_district, first)
    assert (summary.members_added, summary.assignments_added, summary.teams_added) == (3, 4, 2)
    second = export_roster(second_district, tmp_path / "second.xlsx")
    assert _cells(second) == cells


def test_an_area_the_township_lacks_is_made_once(
    district_db: Database, second_district: Database, tmp_path: Path
) -> None:
    _fill(district_db)
    path = export_roster(district_db, tmp_path / "r.xlsx")
    # The second district has the township and its rooms but none of its areas.
    installation = second_district.installation()
    assert installation is not None
    with second_district.session() as s:
        town = Township(district_id=installation.district_id, name="和平桥街道")
        s.add(town)
        s.flush()
        s.add(
            Room(
                township_id=town.id,
                name="桃坞路社区协商议事室",
                village="桃坞路社区",
                kind=RoomKind.COMMUNITY,
            )
        )
    book = load_workbook(path)
    # Two rows of a new member name another new area; an empty area cell with a room is fine.
    book[MEMBERS_SHEET].append(["周新", "男", "农业界", None, "区", None, None, "13700000000"])
    book[ASSIGNMENTS_SHEET].append(
        ["周新", "13700000000", "和平桥街道", "第二片区", None, YEAR_AGO, MONTH_AGO]
    )
    book[ASSIGNMENTS_SHEET].append(
        ["周新", "13700000000", "和平桥街道", "第二片区", None, TODAY, None]
    )
    book[ASSIGNMENTS_SHEET].append(
        ["周新", "13700000000", "和平桥街道", None, "桃坞路社区协商议事室", TODAY, None]
    )
    book.save(path)
    summary = import_roster(second_district, path)
    # 第一片区 is named on three rows, 第二片区 on two: each is made once.
    assert summary.areas_added == ["第一片区（和平桥街道）", "第二片区（和平桥街道）"]
    assert summary.assignments_added == 7
    assert "新建片区 2 个：第一片区（和平桥街道）、第二片区（和平桥街道）" in summary.describe()
    with second_district.session() as s:
        areas = s.scalars(select(Area).order_by(Area.name)).all()
        assert [(a.name, a.township_id, a.deleted) for a in areas] == [
            ("第一片区", town.id, False),
            ("第二片区", town.id, False),
        ]
        assert s.scalars(select(Room.area_id)).all() == [None]  # rooms are chosen on the tab
        by_area = {
            a.name: len(s.scalars(select(Assignment).where(Assignment.area_id == a.id)).all())
            for a in areas
        }
        assert by_area == {"第一片区": 3, "第二片区": 2}
    # Imported again, nothing new: the areas are known now.
    again = import_roster(second_district, path)
    assert again.areas_added == [] and again.assignments_added == 0
    assert "新建片区" not in again.describe()


def test_an_edited_file_updates_matches_and_ends(district_db: Database, tmp_path: Path) -> None:
    _fill(district_db)
    path = export_roster(district_db, tmp_path / "r.xlsx")
    book = load_workbook(path)
    members = book[MEMBERS_SHEET]
    for row in members.iter_rows(min_row=2):
        if row[0].value == "陈丽华":
            row[6].value = "校长"  # 职务
    members.append(["周新", "男", "农业界", None, "区", None, None, "13700000000"])
    assignments = book[ASSIGNMENTS_SHEET]
    for row in assignments.iter_rows(min_row=2):
        if row[0].value == "陈丽华":
            row[6].value = TODAY.isoformat()  # 派驻止: the assignment ends today
    assignments.append(["周新", "13700000000", "和平桥街道", "第一片区", None, TODAY, None])
    book[TEAMS_SHEET].append(["民主监督第一小组", "民主监督", "周新", "13700000000", "经济发展组"])
    book.save(path)
    summary = import_roster(district_db, path)
    assert (summary.members_added, summary.members_updated, summary.members_unchanged) == (1, 1, 2)
    assert (summary.assignments_added, summary.assignments_ended) == (1, 1)
    assert summary.team_members_added == 1
    with district_db.session() as s:
        chen = s.scalars(select(Member).where(Member.name == "陈丽华")).one()
        assert chen.post == "校长"
        zhou = s.scalars(select(Member).where(Member.name == "周新")).one()
        assert zhou.level is MemberLevel.DISTRICT


def _bad_book(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = MEMBERS_SHEET
    sheet.append(list(MEMBER_COLUMNS))
    sheet.append(["王明", "男", "经济界", None, "区政协委员", None, None, "13800000001"])  # 2 ok
    sheet.append([None, "男", "经济界", None, "区政协委员"])  # 3: no name
    sheet.append(["李强", "男", "火星界", None, "区政协委员"])  # 4: unknown sector
    sheet.append(["赵芳", "女", "教育界", None, "区政协委员", None, None, "138 0000 0001"])  # 5
    sheet.append(["钱伟", "男", "教育界", None, "部级", None, None, None, None, None, 2026, 2021])
    assignments = book.create_sheet(ASSIGNMENTS_SHEET)
    assignments.append(list(ASSIGNMENT_COLUMNS))
    start = MONTH_AGO.isoformat()
    assignments.append(["王明", "13800000001", "和平桥街道", "第一片区", None, start, None])  # 2
    assignments.append(["王明", "13800000001", "和平桥街道", "第一片区", None, TODAY, None])  # 3
    assignments.append(["王明", "13800000001", "和平桥镇", "第九片区", None, start, None])  # 4
    assignments.append(["王明", "13800000001", "和平桥街道", None, None, "去年春天", None])  # 5
    assignments.append(["孙某", None, "和平桥街道", "第一片区", None, start, None])  # 6
    # 7: a new area, fine on its own, but the file is refused: it is not made.
    assignments.append(["王明", "13800000001", "和平桥街道", "第九片区", None, start, None])
    assignments.append(["王明", "13800000001", "和平桥街道", "片" * 101, None, start, None])  # 8
    teams = book.create_sheet(TEAMS_SHEET)
    teams.append(list(TEAM_COLUMNS))
    teams.append(["专业助力团", "宣传队", "王明", "13800000001"])  # 2: unknown kind
    book.save(path)
    return path


def test_a_bad_file_is_refused_naming_every_row_and_column(
    district_db: Database, tmp_path: Path
) -> None:
    _places(district_db)
    before = tamper_free_dump(district_db)
    with pytest.raises(RosterImportError) as refused:
        import_roster(district_db, _bad_book(tmp_path / "bad.xlsx"))
    found = {(p.sheet, p.row, p.column) for p in refused.value.problems}
    assert {
        (MEMBERS_SHEET, 3, "姓名"),
        (MEMBERS_SHEET, 4, "界别"),
        (MEMBERS_SHEET, 5, "电话"),
        (MEMBERS_SHEET, 6, "级别"),
        (MEMBERS_SHEET, 6, "任期止"),
        (ASSIGNMENTS_SHEET, 3, "派驻起"),
        (ASSIGNMENTS_SHEET, 4, "所属乡镇/街道"),
        (ASSIGNMENTS_SHEET, 5, "派驻起"),
        (ASSIGNMENTS_SHEET, 5, "片区"),
        (ASSIGNMENTS_SHEET, 6, "姓名"),
        (ASSIGNMENTS_SHEET, 8, "片区"),
        (TEAMS_SHEET, 2, "类型"),
    } <= found
    assert (MEMBERS_SHEET, 2) not in refused.value.rows
    assert (ASSIGNMENTS_SHEET, 7) not in refused.value.rows
    message = str(refused.value)
    assert "委员表 第4行 界别：界别「火星界」不在界别名单中" in message
    assert "与第2行的同一派驻" in message
    assert "火星界" in message and "和平桥镇" in message and "去年春天" in message
    assert "片区名称不能超过100个字" in message
    assert tamper_free_dump(district_db) == before  # the new area 第九片区 included


def tamper_free_dump(db: Database) -> list[str]:
    """Every row of the roster tables, to show a refused import wrote nothing."""
    with db.engine.connect() as connection:
        return [
            repr(row)
            for table in ("member", "assignment", "team", "team_membership", "area", "room")
            for row in connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        ]


def test_an_existing_phone_and_rewritten_history_are_refused(
    district_db: Database, tmp_path: Path
) -> None:
    _fill(district_db)
    path = export_roster(district_db, tmp_path / "r.xlsx")
    book = load_workbook(path)
    book[MEMBERS_SHEET].append(
        ["吴新", "男", "农业界", None, "区政协委员", None, None, "0513 8501 2345"]
    )
    for row in book[ASSIGNMENTS_SHEET].iter_rows(min_row=2):
        if row[0].value == "张建华" and row[6].value is not None:
            row[6].value = TODAY  # an ended assignment rewritten
    book.save(path)
    with pytest.raises(RosterImportError) as refused:
        import_roster(district_db, path)
    message = str(refused.value)
    assert "第5行 电话" in message and "张建华" in message
    assert "已结束的派驻不能改写" in message


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a spreadsheet at all",
        b"PK\x03\x04" + b"\x00" * 200,
        "姓名,性别\n张三,男\n".encode(),
    ],
)
def test_a_file_that_is_no_workbook_is_refused_in_words(
    district_db: Database, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "名册.xlsx"
    path.write_bytes(content)
    with pytest.raises(RosterFileError, match="不是有效的 Excel 文件"):
        import_roster(district_db, path)


def test_a_truncated_or_damaged_workbook_is_refused_in_words(
    district_db: Database, tmp_path: Path
) -> None:
    _fill(district_db)
    good = export_roster(district_db, tmp_path / "good.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(RosterFileError):
        import_roster(district_db, truncated)
    # A sound zip whose sheet XML is garbage.
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(tmp_path / "good.xlsx") as source, zipfile.ZipFile(damaged, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet1"):
                data = b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>99999"
            out.writestr(item, data)
    with pytest.raises(RosterFileError):
        import_roster(district_db, damaged)
    with pytest.raises(RosterFileError, match="无法读取"):
        import_roster(district_db, tmp_path / "missing.xlsx")
    book = Workbook()
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(RosterFileError, match="没有「委员」表"):
        import_roster(district_db, tmp_path / "other.xlsx")


def test_a_dishonest_sheet_formulas_and_huge_cells(district_db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = MEMBERS_SHEET
    sheet.append(list(MEMBER_COLUMNS))
    sheet.append(['=HYPERLINK("http://x","点我")', "男", "经济界", None, "区政协委员"])
    sheet.append(["李" * 5000, "男", "经济界", None, "区政协委员"])
    sheet.append(["王五", "男", "经济界", None, "区政协委员", "单位" * 101])
    path = tmp_path / "dishonest.xlsx"
    book.save(path)
    with pytest.raises(RosterImportError) as refused:
        import_roster(district_db, path)
    found = {(p.row, p.column): p.message for p in refused.value.problems}
    assert "公式" in found[2, "姓名"]
    assert "过长" in found[3, "姓名"]
    assert "200" in found[4, "工作单位"]


@pytest.mark.slow
def test_a_hundred_thousand_rows_are_cut_off_not_loaded(
    district_db: Database, tmp_path: Path
) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(MEMBERS_SHEET)
    sheet.append(list(MEMBER_COLUMNS))
    for number in range(100_000):
        sheet.append([f"委员{number}", "男", "经济界", None, "区政协委员"])
    path = tmp_path / "huge.xlsx"
    book.save(path)
    started = time.monotonic()
    with pytest.raises(RosterImportError, match="超过 5000 行"):
        import_roster(district_db, path)
    assert time.monotonic() - started < 20
    with district_db.session() as s:
        assert s.scalars(select(Member)).all() == []


def test_the_template_has_the_columns_and_imports_as_nothing(
    district_db: Database, tmp_path: Path
) -> None:
    path = roster_template(tmp_path / "模板.xlsx")
    cells = _cells(path)
    assert cells == {
        MEMBERS_SHEET: [MEMBER_COLUMNS],
        ASSIGNMENTS_SHEET: [ASSIGNMENT_COLUMNS],
        TEAMS_SHEET: [TEAM_COLUMNS],
    }
    assert "说明" in load_workbook(path).sheetnames
    summary = import_roster(district_db, path)
    assert summary.members_added == summary.members_unchanged == 0


def test_writing_to_a_missing_folder_is_refused_and_leaves_nothing(
    district_db: Database, tmp_path: Path
) -> None:
    with pytest.raises(RosterFileError, match="无法写入"):
        roster_template(tmp_path / "nowhere" / "t.xlsx")
    with pytest.raises(RosterFileError, match="无法写入"):
        export_roster(district_db, tmp_path / "nowhere" / "r.xlsx")


def test_a_room_cannot_import_a_roster(room_db: Database, tmp_path: Path) -> None:
    path = roster_template(tmp_path / "t.xlsx")
    with pytest.raises(RuleError, match="委员名册由区政协维护"):
        import_roster(room_db, path)
