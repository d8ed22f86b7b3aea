"""The activities page: record an activity with members and a suggestion, open and close a case."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Activity, ActivityMember, CaseMember, MediationCase, Outcome
from desktop.models.enums import CaseKind, CaseStatus, OutcomeStatus
from desktop.views.activities.activity_dialog import ActivityDialog
from desktop.views.activities.case_dialog import CaseDialog
from desktop.views.activities.page import ActivitiesPage
from desktop.workflow.activities import ActivityData, save_activity
from tests.activity_builders import TODAY, build_roster
from tests.views.gui_helpers import type_text, when_shown


def _page(qtbot: QtBot, db: Database) -> ActivitiesPage:
    page = ActivitiesPage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_add_an_activity_with_two_members_and_a_suggestion(
    qtbot: QtBot, qtmodeltester: Any, room_db: Database
) -> None:
    roster = build_roster(room_db)
    page = _page(qtbot, room_db)
    tab = page.activities_tab
    assert tab.model.rowCount() == 0
    seen: list[str] = []

    def fill(dialog: ActivityDialog) -> None:
        # Nothing typed yet: refused beside the fields, nothing saved, the dialog stays.
        dialog.save_button.click()
        assert dialog.isVisible()
        seen.append(dialog.title_message.text())
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(roster.kinds["reading"]))
        dialog.date_edit.setDate(date(2026, 11, 20))
        type_text(dialog.title_edit, "共读《乡土中国》")
        type_text(dialog.place_edit, "和平桥社区协商议事室")
        type_text(dialog.others_edit, "居民代表6人")
        dialog.summary_edit.setPlainText("委员与居民交流读书心得。")
        dialog.save_button.click()
        seen.append(dialog.members_message.text())
        dialog.member_picker.check(roster.members["陈建华"])
        # The keyboard path: filter to one member, Enter ticks them.
        type_text(dialog.member_picker.filter_edit, "王秀")
        dialog.member_picker.filter_edit.returnPressed.emit()
        seen.append(dialog.member_picker.count_label.text())
        # A suggestion whose deadline comes before the activity is refused beside the date.
        type_text(dialog.suggestions.content_edit, "增设社区阅览角")
        type_text(dialog.suggestions.unit_edit, "和平桥街道文化站")
        dialog.suggestions.deadline_check.setChecked(True)
        dialog.suggestions.deadline_edit.setDate(date(2026, 11, 1))
        dialog.suggestions.add_button.click()
        seen.append(dialog.suggestions.deadline_message.text())
        dialog.suggestions.deadline_edit.setDate(date(2027, 1, 31))
        dialog.suggestions.add_button.click()
        assert dialog.suggestions.list.count() == 1
        dialog.save_button.click()

    when_shown(ActivityDialog, fill)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert seen[0] == "请填写活动主题"
    assert seen[1] == "请至少选择一位参加活动的委员"
    assert "2" in seen[2]
    assert seen[3].startswith("办理期限不能早于")

    with room_db.session() as s:
        activity = s.scalars(select(Activity)).one()
        assert (activity.title, activity.held_on, activity.kind_id) == (
            "共读《乡土中国》",
            date(2026, 11, 20),
            roster.kinds["reading"],
        )
        assert (activity.place, activity.others_present, activity.summary) == (
            "和平桥社区协商议事室",
            "居民代表6人",
            "委员与居民交流读书心得。",
        )
        members = set(s.scalars(select(ActivityMember.member_id)))
        assert members == {roster.members["陈建华"], roster.members["王秀英"]}
        outcome = s.scalars(select(Outcome)).one()
        assert (outcome.activity_id, outcome.content, outcome.responsible_unit) == (
            activity.id,
            "增设社区阅览角",
            "和平桥街道文化站",
        )
        assert (outcome.deadline, outcome.status) == (date(2027, 1, 31), OutcomeStatus.PENDING)

    assert tab.model.rowCount() == 1
    assert tab.selected_id() == activity.id
    assert tab.model.index(0, 0).data() == "2026年11月20日"
    assert tab.model.index(0, 1).data() == "书香政协读书活动"
    assert set(tab.model.index(0, 3).data().split("、")) == {"陈建华", "王秀英"}
    qtmodeltester.check(tab.model, force_py=True)
    reopened: list[object] = []

    def look(dialog: ActivityDialog) -> None:
        reopened.append(dialog.windowTitle())
        reopened.append(set(dialog.member_picker.selected_ids()))
        reopened.append(dialog.suggestions.list.item(0).text())
        dialog.reject()

    when_shown(ActivityDialog, look)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    assert reopened[0] == "编辑活动"
    assert reopened[1] == {roster.members["陈建华"], roster.members["王秀英"]}
    assert str(reopened[2]).startswith("增设社区阅览角 — 和平桥街道文化站")


def test_filters_and_editing_an_activity(qtbot: QtBot, room_db: Database) -> None:
    roster = build_roster(room_db)
    with room_db.session() as s:
        for kind, held_on, title in (
            ("reading", date(2025, 4, 23), "世界读书日共读"),
            ("reception", date(2026, 3, 5), "委员接待日"),
        ):
            save_activity(
                s,
                ActivityData(
                    kind_id=roster.kinds[kind],
                    held_on=held_on,
                    title=title,
                    member_ids=(roster.members["李志强"],),
                ),
                room_id=roster.room_id,
                today=TODAY,
            )
    page = _page(qtbot, room_db)
    tab = page.activities_tab
    assert tab.model.rowCount() == 2
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(roster.kinds["reception"]))
    assert tab.model.rowCount() == 1
    tab.kind_combo.setCurrentIndex(0)
    tab.year_combo.setCurrentIndex(tab.year_combo.findData(2025))
    assert tab.model.rowCount() == 1 and tab.model.row_at(0).title == "世界读书日共读"
    tab.year_combo.setCurrentIndex(0)
    type_text(tab.search_edit, "接待")
    assert tab.model.rowCount() == 1

    def retitle(dialog: ActivityDialog) -> None:
        assert dialog.title_edit.text() == "委员接待日"
        dialog.title_edit.setText("三月委员接待日")
        dialog.member_picker.check(roster.members["王秀英"])
        dialog.save_button.click()

    tab.table.selectRow(0)
    when_shown(ActivityDialog, retitle)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    assert tab.model.row_at(0).title == "三月委员接待日"
    with room_db.session() as s:
        assert s.scalar(select(Activity.id).where(Activity.title == "三月委员接待日"))


def test_add_a_case_then_close_it_with_a_result(qtbot: QtBot, room_db: Database) -> None:
    roster = build_roster(room_db)
    page = _page(qtbot, room_db)
    page.tabs.setCurrentWidget(page.cases_tab)
    tab = page.cases_tab

    def open_case(dialog: CaseDialog) -> None:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(CaseKind.MEDIATION))
        type_text(dialog.subject_edit, "楼上漏水引发邻里纠纷")
        type_text(dialog.parties_edit, "张某；刘某")
        dialog.opened_edit.setDate(date(2026, 11, 2))
        dialog.member_picker.check(roster.members["李志强"])
        assert not dialog.closed_edit.isEnabled()  # only a closed case has a closing date
        dialog.save_button.click()

    when_shown(CaseDialog, open_case)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1
    assert tab.model.row_at(0).status is CaseStatus.OPEN
    seen: list[str] = []

    def close(dialog: CaseDialog) -> None:
        assert dialog.subject_edit.text() == "楼上漏水引发邻里纠纷"
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(CaseStatus.RESOLVED))
        assert dialog.closed_edit.isEnabled()
        dialog.closed_edit.setDate(date(2026, 11, 20))
        dialog.save_button.click()  # no result yet
        assert dialog.isVisible()
        seen.append(dialog.result_message.text())
        dialog.result_edit.setPlainText("双方达成维修协议，邻里和好")
        dialog.save_button.click()

    tab.table.selectRow(0)
    when_shown(CaseDialog, close)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter opens the chosen case
    assert seen == ["「调解成功」须填写处理结果"]
    with room_db.session() as s:
        case = s.scalars(select(MediationCase)).one()
        assert (case.kind, case.subject, case.parties) == (
            CaseKind.MEDIATION,
            "楼上漏水引发邻里纠纷",
            "张某；刘某",
        )
        assert (case.opened_on, case.closed_on) == (date(2026, 11, 2), date(2026, 11, 20))
        assert (case.status, case.result) == (CaseStatus.RESOLVED, "双方达成维修协议，邻里和好")
        assert set(s.scalars(select(CaseMember.member_id))) == {roster.members["李志强"]}
    assert tab.model.index(0, 5).data() == "调解成功"
    assert tab.model.index(0, 6).data() == "2026年11月20日"
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(CaseStatus.OPEN))
    assert tab.model.rowCount() == 0


def test_district_lists_every_room_and_adds_its_own(qtbot: QtBot, district_db: Database) -> None:
    page = _page(qtbot, district_db)
    for tab in (page.activities_tab, page.cases_tab):
        # Its own records (the district office's or a township's: tests/views/
        # test_district_work.py); the rooms' open read-only.
        assert tab.new_button.isVisibleTo(tab)
        headers = [
            tab.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(tab.model.columnCount())
        ]
        assert headers[1] == "议事室"


def test_enter_in_the_member_filter_ticks_without_saving(qtbot: QtBot, room_db: Database) -> None:
    roster = build_roster(room_db)
    dialog = CaseDialog(room_db, case_id=None, today=TODAY, read_only=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.member_picker.filter_edit.setFocus()
    type_text(dialog.member_picker.filter_edit, "李志")
    qtbot.keyClick(dialog.member_picker.filter_edit, Qt.Key.Key_Return)
    assert dialog.member_picker.selected_ids() == (roster.members["李志强"],)
    assert dialog.isVisible() and dialog.subject_message.text() == ""
    with room_db.session() as s:
        assert s.scalars(select(MediationCase)).all() == []
