"""The district's roster on the people page: members, assignments, areas and teams, typed and
clicked as a user does, checked in the database afterwards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Area, Assignment, Member, Room, Team, TeamMembership
from desktop.models.enums import Gender, MemberLevel, TeamKind
from desktop.views.people.areas_tab import AreaDialog
from desktop.views.people.member_dialog import MemberDialog
from desktop.views.people.page import AREAS_TAB, MEMBERS_TAB, TEAMS_TAB, PeoplePage
from desktop.views.people.roster_dialogs import AssignDialog, DateDialog
from desktop.views.people.team_dialog import TeamDialog
from desktop.workflow import roster
from tests.builders import Dataset, build_district_dataset
from tests.desk_builders import TODAY
from tests.views.gui_helpers import type_text, when_shown


@pytest.fixture
def dataset(district_db: Database) -> Dataset:
    """兴仁镇 (徐庄村, 兴西村), 先锋街道 (花园社区); members 王建国, 陈丽华, 张卫东."""
    return build_district_dataset(district_db)


def _page(qtbot: QtBot, db: Database) -> PeoplePage:
    page = PeoplePage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    # Window shortcuts (Ctrl+N) need the window active, as it is under the user's hands.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _answer(dialog_type: type, fill: Callable[[Any], None]) -> list[bool]:
    """Act in the dialog once it shows; a failing check closes it so the test ends.

    The returned list gets True once `fill` ran to its end (so a test knows it did).
    """
    done: list[bool] = []

    def act(dialog: Any) -> None:
        try:
            fill(dialog)
            done.append(True)
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_shown(dialog_type, act)
    return done


def _click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _select(page: PeoplePage, name: str) -> str:
    members = page.members
    for row in range(members.model.rowCount()):
        if members.model.row_at(row).name == name:
            members.table.selectRow(row)
            return str(members.model.row_at(row).id)
    raise AssertionError(f"{name} not listed")


def _column(page: PeoplePage, header: str) -> int:
    model = page.member_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


def _member(db: Database, name: str) -> Member:
    with db.session() as s:
        return s.scalars(select(Member).where(Member.name == name)).one()


def test_add_edit_retire_and_reinstate_a_member(
    qtbot: QtBot, qtmodeltester: Any, district_db: Database, dataset: Dataset
) -> None:
    page = _page(qtbot, district_db)
    qtmodeltester.check(page.member_model, force_py=True)
    assert page.members.new_button.isVisible() and not page.members.edit_button.isEnabled()

    def add(dialog: MemberDialog) -> None:
        type_text(dialog.name_edit, "张建华")
        dialog.gender_combo.setCurrentIndex(dialog.gender_combo.findData("male"))
        dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findText("教育界"))
        type_text(dialog.edits["party"], "民进会员")
        type_text(dialog.edits["workplace"], "崇川区实验小学")
        type_text(dialog.edits["post"], "校长")
        type_text(dialog.edits["phone"], "13812340001")
        type_text(dialog.edits["expertise"], "教育医疗")
        type_text(dialog.edits["term"], "第十七届")
        dialog.start_year.setValue(2022)
        dialog.end_year.setValue(2027)
        dialog.save_button.click()

    done = _answer(MemberDialog, add)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert done == [True]
    member = _member(district_db, "张建华")
    assert (member.gender, member.sector, member.level, member.party) == (
        Gender.MALE,
        "教育界",
        MemberLevel.DISTRICT,
        "民进会员",
    )
    assert (member.workplace, member.post, member.phone, member.expertise) == (
        "崇川区实验小学",
        "校长",
        "13812340001",
        "教育医疗",
    )
    assert (member.term, member.term_start_year, member.term_end_year) == ("第十七届", 2022, 2027)
    assert page.members.selected_id() == member.id
    assert page.member_count.text() == "共 4 名委员"

    def edit(dialog: MemberDialog) -> None:
        assert dialog.name_edit.text() == "张建华"
        assert dialog.sector_combo.currentText() == "教育界"
        assert dialog.start_year.value() == 2022
        dialog.edits["post"].clear()
        type_text(dialog.edits["post"], "副校长")
        dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("city"))
        dialog.end_year.setValue(dialog.end_year.minimum())  # "—": no end year
        dialog.save_button.click()

    done = _answer(MemberDialog, edit)
    page.member_table.setFocus()
    qtbot.keyClick(page.member_table, Qt.Key.Key_Return)
    assert done == [True]
    member = _member(district_db, "张建华")
    assert (member.post, member.level, member.term_end_year) == ("副校长", MemberLevel.CITY, None)

    def retire(dialog: DateDialog) -> None:
        assert "张建华" in dialog.question_label.text()
        dialog.date_edit.setDate(QDate(2026, 11, 30))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    assert page.members.retire_button.isEnabled()
    assert not page.members.reinstate_button.isEnabled()
    done = _answer(DateDialog, retire)
    _click(qtbot, page.members.retire_button)
    assert done == [True]
    assert not _member(district_db, "张建华").active
    assert page.members.selected_id() == member.id
    row = page.members.row_of(member.id)
    status = _column(page, page.members.tr("On the roster"))
    assert page.member_model.index(row, status).data() == page.members.tr("Retired")
    assert page.members.reinstate_button.isEnabled()

    _click(qtbot, page.members.reinstate_button)
    assert _member(district_db, "张建华").active


def test_a_refusal_keeps_the_dialog_open_with_what_was_typed(
    qtbot: QtBot, district_db: Database, dataset: Dataset
) -> None:
    with district_db.session() as s:
        s.add(
            Member(
                name="李明",
                gender=Gender.MALE,
                sector="经济界",
                level=MemberLevel.DISTRICT,
                phone="13900002222",
            )
        )
    page = _page(qtbot, district_db)
    seen: dict[str, str] = {}

    def add(dialog: MemberDialog) -> None:
        type_text(dialog.name_edit, "赵敏")
        type_text(dialog.edits["phone"], "139-0000-2222")
        dialog.save_button.click()
        assert dialog.isVisible()
        seen["sector"] = dialog.messages["sector"].text()
        assert dialog.messages["sector"].isVisible()
        assert dialog.name_edit.text() == "赵敏"
        dialog.sector_combo.setCurrentIndex(dialog.sector_combo.findText("妇联"))
        dialog.save_button.click()
        assert dialog.isVisible()
        seen["phone"] = dialog.messages["phone"].text()
        assert not dialog.messages["sector"].isVisible()
        assert dialog.edits["phone"].hasFocus() or dialog.edits["phone"].text()
        dialog.edits["phone"].clear()
        dialog.start_year.setValue(2027)
        dialog.end_year.setValue(2022)
        dialog.save_button.click()
        assert dialog.isVisible()
        seen["years"] = dialog.messages["term_years"].text()
        dialog.end_year.setValue(2027)
        dialog.save_button.click()

    done = _answer(MemberDialog, add)
    _click(qtbot, page.members.new_button)
    assert done == [True]
    assert seen == {
        "sector": "请选择界别",
        "phone": "电话 139-0000-2222 已被在任委员「李明」使用",
        "years": "任期止（2022年）早于任期起（2027年）",
    }
    zhao = _member(district_db, "赵敏")
    assert (zhao.sector, zhao.phone, zhao.term_start_year) == ("妇联", None, 2027)


def test_search_by_name_or_pinyin_initials(
    qtbot: QtBot, district_db: Database, dataset: Dataset
) -> None:
    page = _page(qtbot, district_db)
    assert page.member_model.rowCount() == 3
    page.member_search.setFocus()
    qtbot.keyClicks(page.member_search, "zwd")
    assert [page.member_model.row_at(r).name for r in range(page.member_model.rowCount())] == [
        "张卫东"
    ]
    page.member_search.clear()
    type_text(page.member_search, "陈丽")
    assert [page.member_model.row_at(r).name for r in range(page.member_model.rowCount())] == [
        "陈丽华"
    ]
    assert page.member_count.text() == "共 1 名委员"
    page.member_search.clear()
    qtbot.keyClicks(page.member_search, "xyz")
    assert page.member_model.rowCount() == 0


def _add_area(db: Database, dataset: Dataset, name: str, *rooms: str) -> str:
    with db.session() as s:
        area = Area(township_id=dataset["t1"], name=name)
        s.add(area)
        s.flush()
        for room in rooms:
            s.get_one(Room, dataset[room]).area_id = area.id
        return area.id


def test_assign_a_member_to_an_area_and_end_it(
    qtbot: QtBot, qtmodeltester: Any, district_db: Database, dataset: Dataset
) -> None:
    area_id = _add_area(district_db, dataset, "兴仁东片", "room_a")
    page = _page(qtbot, district_db)
    panel = page.members.assignments
    assert panel is not None
    assert not panel.assign_button.isEnabled()
    member_id = _select(page, "陈丽华")
    assert panel.assign_button.isEnabled() and not panel.end_button.isEnabled()

    def assign(dialog: AssignDialog) -> None:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible()
        assert dialog.place_message.text() == "请选择派驻的片区或议事室（二者选一）"
        index = dialog.place_combo.findText("兴仁镇 · 兴仁东片")
        assert index > 0
        dialog.place_combo.setCurrentIndex(index)
        dialog.start_edit.setDate(QDate(2026, 3, 1))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    done = _answer(AssignDialog, assign)
    _click(qtbot, panel.assign_button)
    assert done == [True]
    with district_db.session() as s:
        assignment = s.scalars(select(Assignment).where(Assignment.member_id == member_id)).one()
        assert (assignment.area_id, assignment.room_id) == (area_id, None)
        assert (assignment.start_date, assignment.end_date) == (date(2026, 3, 1), None)
    qtmodeltester.check(panel.model, force_py=True)
    assert [panel.model.index(0, c).data() for c in range(4)] == [
        "兴仁东片",
        "兴仁镇",
        "2026年3月1日",
        panel.tr("(ongoing)"),  # 至今
    ]
    row = page.members.row_of(member_id)
    assert page.member_model.index(row, _column(page, page.members.tr("Area now"))).data() == (
        "兴仁东片"
    )

    panel.table.selectRow(0)
    assert panel.end_button.isEnabled()

    def end(dialog: DateDialog) -> None:
        dialog.date_edit.setDate(QDate(2026, 2, 1))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible()
        assert "早于派驻起" in dialog.date_message.text()
        dialog.date_edit.setDate(QDate(2026, 11, 29))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    done = _answer(DateDialog, end)
    _click(qtbot, panel.end_button)
    assert done == [True]
    with district_db.session() as s:
        assignment = s.scalars(select(Assignment).where(Assignment.member_id == member_id)).one()
        assert assignment.end_date == date(2026, 11, 29)
    assert panel.model.index(0, 3).data() == "2026年11月29日"


def test_create_an_area_covering_two_rooms_and_edit_it(
    qtbot: QtBot, qtmodeltester: Any, district_db: Database, dataset: Dataset
) -> None:
    page = _page(qtbot, district_db)
    page.tabs.setCurrentIndex(AREAS_TAB)
    areas = page.areas
    assert areas is not None
    assert areas.model.rowCount() == 0

    def add(dialog: AreaDialog) -> None:
        dialog.township_combo.setCurrentIndex(dialog.township_combo.findText("兴仁镇"))
        assert dialog.rooms_list.count() == 2
        dialog.set_room_checked("徐庄村协商议事室")
        dialog.set_room_checked("兴西村协商议事室")
        dialog.save_button.click()
        assert dialog.isVisible()
        assert dialog.messages["name"].text() == "请填写片区名称"
        type_text(dialog.name_edit, "兴仁片区")
        dialog.save_button.click()

    done = _answer(AreaDialog, add)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert done == [True]
    with district_db.session() as s:
        area = s.scalars(select(Area)).one()
        assert area.name == "兴仁片区"
        covered = s.scalars(select(Room.name).where(Room.area_id == area.id)).all()
        assert sorted(covered) == ["兴西村协商议事室", "徐庄村协商议事室"]
    qtmodeltester.check(areas.model, force_py=True)
    assert areas.model.rowCount() == 1
    assert areas.model.index(0, 0).data() == "兴仁镇"
    assert set(areas.model.index(0, 2).data().split("、")) == {
        "徐庄村协商议事室",
        "兴西村协商议事室",
    }

    def edit(dialog: AreaDialog) -> None:
        assert dialog.name_edit.text() == "兴仁片区"
        dialog.set_room_checked("兴西村协商议事室", False)
        dialog.save_button.click()

    areas.table.selectRow(0)
    done = _answer(AreaDialog, edit)
    _click(qtbot, areas.edit_button)
    assert done == [True]
    assert areas.model.index(0, 2).data() == "徐庄村协商议事室"


def test_a_team_with_members_and_groups(
    qtbot: QtBot, qtmodeltester: Any, district_db: Database, dataset: Dataset
) -> None:
    page = _page(qtbot, district_db)
    page.tabs.setCurrentIndex(TEAMS_TAB)
    teams = page.teams
    assert teams is not None

    def add(dialog: TeamDialog) -> None:
        type_text(dialog.name_edit, "专业助力团")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("expert_support"))
        type_text(dialog.filter_edit, "wjg")
        visible = [
            dialog.members_table.item(r, 0).text()  # type: ignore[union-attr]
            for r in range(dialog.members_table.rowCount())
            if not dialog.members_table.isRowHidden(r)
        ]
        assert visible == ["王建国"]
        dialog.set_member("王建国", "法律咨询组")
        dialog.set_member("陈丽华")
        dialog.save_button.click()

    done = _answer(TeamDialog, add)
    _click(qtbot, teams.new_button)
    assert done == [True]
    with district_db.session() as s:
        team = s.scalars(select(Team)).one()
        assert (team.name, team.kind) == ("专业助力团", TeamKind.EXPERT_SUPPORT)
        rows = s.execute(
            select(Member.name, TeamMembership.group_name)
            .join(Member, Member.id == TeamMembership.member_id)
            .where(TeamMembership.team_id == team.id, TeamMembership.deleted.is_(False))
        ).all()
        assert sorted(tuple(r) for r in rows) == [("王建国", "法律咨询组"), ("陈丽华", None)]
    qtmodeltester.check(teams.model, force_py=True)
    assert teams.model.index(0, 2).data() == "2"
    assert teams.selected_id() == team.id
    assert teams.members_model.rowCount() == 2

    def edit(dialog: TeamDialog) -> None:
        assert dialog.name_edit.text() == "专业助力团"
        dialog.set_member("陈丽华", member=False)
        dialog.set_member("张卫东", "心理疏导组")
        dialog.save_button.click()

    done = _answer(TeamDialog, edit)
    teams.table.setFocus()
    qtbot.keyClick(teams.table, Qt.Key.Key_Return)
    assert done == [True]
    with district_db.session() as s:
        names = s.scalars(
            select(Member.name)
            .join(TeamMembership, TeamMembership.member_id == Member.id)
            .where(TeamMembership.deleted.is_(False))
        ).all()
        assert sorted(names) == ["张卫东", "王建国"]


def test_a_room_sees_the_roster_read_only(qtbot: QtBot, room_db: Database) -> None:
    page = _page(qtbot, room_db)
    assert page.tabs.count() == 2 and page.areas is None and page.teams is None
    assert page.tabs.currentIndex() == MEMBERS_TAB
    members = page.members
    assert members.assignments is None
    for button in (members.new_button, members.edit_button, members.retire_button):
        assert not button.isVisible()
    assert members.new_member() is None


def _press_delete(qtbot: QtBot, page: PeoplePage, table: QWidget) -> None:
    """The Delete key on a table, as the user presses it with the row chosen."""
    # A message box just closed: the window takes the keyboard back, as it does for the user.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)


def _reply(button: QMessageBox.StandardButton) -> list[str]:
    """Answer the next message box with `button`; the list gets the text it showed."""
    seen: list[str] = []

    def act(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(button).click()

    when_shown(QMessageBox, act)
    return seen


def test_delete_an_unused_area_and_be_told_why_a_used_one_stays(
    qtbot: QtBot, district_db: Database, dataset: Dataset
) -> None:
    unused = _add_area(district_db, dataset, "兴仁西片", "room_b")
    used = _add_area(district_db, dataset, "兴仁东片", "room_a")
    member_id = _member(district_db, "陈丽华").id
    roster.assign(
        district_db,
        member_id=member_id,
        area_id=used,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )
    page = _page(qtbot, district_db)
    page.tabs.setCurrentIndex(AREAS_TAB)
    areas = page.areas
    assert areas is not None
    assert not areas.delete_button.isEnabled()
    areas.refresh(select_id=unused)
    assert areas.delete_button.isEnabled()

    # No: nothing happens.
    seen = _reply(QMessageBox.StandardButton.No)
    _click(qtbot, areas.delete_button)
    assert len(seen) == 1 and "兴仁西片" in seen[0] and "兴西村协商议事室" in seen[0]
    assert areas.model.rowCount() == 2
    # Yes, from the keyboard: the area goes and its room is in no area.
    seen = _reply(QMessageBox.StandardButton.Yes)
    _press_delete(qtbot, page, areas.table)
    assert len(seen) == 1
    with district_db.session() as s:
        assert s.get_one(Area, unused).deleted
        assert s.get_one(Room, dataset["room_b"]).area_id is None
    assert [areas.model.index(r, 1).data() for r in range(areas.model.rowCount())] == ["兴仁东片"]

    # An area an ended assignment names: no question, a refusal saying why and what instead.
    areas.table.selectRow(0)
    seen = _reply(QMessageBox.StandardButton.Ok)
    _click(qtbot, areas.delete_button)
    assert len(seen) == 1
    assert "兴仁东片" in seen[0] and "不能删除" in seen[0] and "历史" in seen[0]
    with district_db.session() as s:
        assert not s.get_one(Area, used).deleted
    assert areas.model.rowCount() == 1 and areas.selected_id() == used


def test_delete_a_team_after_a_question_naming_its_members(
    qtbot: QtBot, district_db: Database, dataset: Dataset
) -> None:
    team = roster.save_team(district_db, name="专业助力团", kind=TeamKind.EXPERT_SUPPORT)
    members = [_member(district_db, name).id for name in ("王建国", "陈丽华")]
    roster.set_team_members(district_db, team, [(m, None) for m in members])
    page = _page(qtbot, district_db)
    page.tabs.setCurrentIndex(TEAMS_TAB)
    teams = page.teams
    assert teams is not None
    assert not teams.delete_button.isEnabled()
    teams.table.selectRow(0)
    seen = _reply(QMessageBox.StandardButton.No)
    _press_delete(qtbot, page, teams.table)
    assert len(seen) == 1 and "专业助力团" in seen[0] and "2" in seen[0]
    assert teams.model.rowCount() == 1
    seen = _reply(QMessageBox.StandardButton.Yes)
    _click(qtbot, teams.delete_button)
    assert len(seen) == 1
    with district_db.session() as s:
        assert s.get_one(Team, team).deleted
        assert all(row.deleted for row in s.scalars(select(TeamMembership)))
    assert teams.model.rowCount() == 0 and teams.members_model.rowCount() == 0


def test_cancel_a_mistaken_assignment_even_an_ended_one(
    qtbot: QtBot, district_db: Database, dataset: Dataset
) -> None:
    area_id = _add_area(district_db, dataset, "兴仁东片", "room_a")
    member_id = _member(district_db, "陈丽华").id
    ended = roster.assign(
        district_db,
        member_id=member_id,
        area_id=area_id,
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
    )
    page = _page(qtbot, district_db)
    panel = page.members.assignments
    assert panel is not None
    _select(page, "陈丽华")
    assert not panel.cancel_button.isEnabled()
    panel.table.selectRow(0)
    # Ended: it cannot be ended again, but it can be cancelled.
    assert not panel.end_button.isEnabled() and panel.cancel_button.isEnabled()
    seen = _reply(QMessageBox.StandardButton.No)
    _click(qtbot, panel.cancel_button)
    assert len(seen) == 1 and "陈丽华" in seen[0] and "兴仁东片" in seen[0]
    assert panel.model.rowCount() == 1
    seen = _reply(QMessageBox.StandardButton.Yes)
    _click(qtbot, panel.cancel_button)
    assert len(seen) == 1
    with district_db.session() as s:
        assert s.get_one(Assignment, ended).deleted
    assert panel.model.rowCount() == 0 and not panel.cancel_button.isEnabled()
