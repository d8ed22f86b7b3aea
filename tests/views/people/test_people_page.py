"""The people page: the roster (assigned first, read-only) and participants' add, edit, merge."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Assignment, Attendance, Member, Participant
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Gender,
    MeetingStatus,
    MemberLevel,
    ParticipantKind,
)
from desktop.views.people.dialogs import ParticipantDialog, ParticipantMergeDialog
from desktop.views.people.page import PARTICIPANTS_TAB, PeoplePage
from tests.desk_builders import TODAY, add_meeting, add_participant, room_id_of
from tests.views.gui_helpers import type_text, when_shown


def _page(qtbot: QtBot, db: Database) -> PeoplePage:
    page = PeoplePage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _answer(dialog_type: type, fill: Callable[[Any], None]) -> None:
    """Act in the dialog once it shows; a failing check closes it so the test ends."""

    def act(dialog: Any) -> None:
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_shown(dialog_type, act)


def test_roster_lists_assigned_members_first(
    qtbot: QtBot, qtmodeltester: Any, room_db: Database
) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        others = [
            Member(name=n, gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT)
            for n in ("陈涛", "丁伟")
        ]
        mine = Member(
            name="赵敏",
            gender=Gender.FEMALE,
            sector="教育界",
            expertise="教育医疗",
            level=MemberLevel.CITY,
            workplace="南通市第一中学",
            phone="13812345678",
        )
        s.add_all([*others, mine])
        s.flush()
        s.add(Assignment(member_id=mine.id, room_id=room, start_date=date(2025, 1, 1)))
    page = _page(qtbot, room_db)
    model = page.member_model
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    assert [model.index(0, c).data() for c in range(8)] == [
        "赵敏",
        "本室委员",
        "女",
        "教育界",
        "教育医疗",
        "市政协委员",
        "南通市第一中学",
        "13812345678",
    ]
    assert model.index(1, 1).data() == ""
    assert page.member_count.text() == "共 3 名委员"
    type_text(page.member_search, "经济")
    assert model.rowCount() == 2


def test_add_edit_and_merge_participants(
    qtbot: QtBot, qtmodeltester: Any, room_db: Database
) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        twin = add_participant(s, room, "王秀英", phone="13900001111")
        meeting = add_meeting(s, room, date(2026, 11, 1), status=MeetingStatus.HELD)
        s.add(
            Attendance(
                meeting_id=meeting.id,
                participant_id=twin.id,
                role=AttendanceRole.RESIDENT_REP,
                status=AttendanceStatus.ABSENT,
            )
        )
        twin_id = twin.id
    page = _page(qtbot, room_db)
    page.tabs.setCurrentIndex(PARTICIPANTS_TAB)
    qtmodeltester.check(page.participant_model, force_py=True)
    assert page.participant_model.rowCount() == 1
    assert not page.edit_button.isEnabled()

    def add(dialog: ParticipantDialog) -> None:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("department"))
        dialog.save_button.click()
        assert dialog.isVisible()
        assert dialog.messages["name"].text() == "请填写姓名"
        type_text(dialog.name_edit, "王秀英")
        dialog.save_button.click()
        assert dialog.messages["unit"].text() == "职能部门代表须填写单位"
        assert dialog.isVisible()
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("resident"))
        type_text(dialog.phone_edit, "电话")
        dialog.save_button.click()
        assert "电话号码格式不正确" in dialog.messages["phone"].text()
        dialog.phone_edit.clear()
        dialog.save_button.click()

    _answer(ParticipantDialog, add)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.participant_model.rowCount() == 2
    new_id = page.selected_participant_id()
    assert new_id is not None and new_id != twin_id

    def edit(dialog: ParticipantDialog) -> None:
        assert dialog.name_edit.text() == "王秀英"
        type_text(dialog.position_edit, "楼道长")
        dialog.save_button.click()

    _answer(ParticipantDialog, edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    row = page.participant_row_of(new_id)
    assert page.participant_model.index(row, 3).data() == "楼道长"

    def merge(dialog: ParticipantMergeDialog) -> None:
        assert dialog.other_combo.currentData() == twin_id
        dialog.merge_button.click()

    _answer(ParticipantMergeDialog, merge)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert page.participant_model.rowCount() == 1
    assert page.selected_participant_id() == new_id

    with room_db.session() as s:
        kept = s.get(Participant, new_id)
        gone = s.get(Participant, twin_id)
        assert kept is not None and gone is not None
        assert (kept.name, kept.kind, kept.position, kept.phone) == (
            "王秀英",
            ParticipantKind.RESIDENT,
            "楼道长",
            "13900001111",
        )
        assert gone.deleted
        attendance = s.scalars(select(Attendance)).one()
        assert attendance.participant_id == new_id


def test_district_sees_participants_read_only(qtbot: QtBot, district_db: Database) -> None:
    from tests.builders import build_district_dataset

    build_district_dataset(district_db)
    page = _page(qtbot, district_db)
    page.tabs.setCurrentIndex(PARTICIPANTS_TAB)
    assert page.participant_model.rowCount() > 0
    assert page.participant_model.headerData(0, Qt.Orientation.Horizontal) == "议事室"
    assert not page.new_button.isVisible() and not page.merge_button.isVisible()
    assert page.read_only_note.isVisible()
