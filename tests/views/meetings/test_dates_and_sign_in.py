"""Dates and times typed as people type them, and the sign-in tab where attendance happens.

Everything here is typed or pressed on the real widgets of the meeting editor; dates are
relative to desktop.clock.today(), so the tests hold on any day.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import Attendance, Meeting, Member
from desktop.models.enums import AttendanceStatus
from desktop.views.common.forms import date_edit, to_date
from desktop.views.common.query_table_model import OVERDUE_RED
from desktop.views.common.typed_dates import DateEdit, TimeEdit
from desktop.views.meetings.editor import MeetingEditor
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.workflow import agenda, attendance
from tests.meeting_builders import RoomData, build_room
from tests.views.gui_helpers import when_shown

STATUS_COLUMN = 3


@pytest.fixture
def data(room_db: Database) -> RoomData:
    return build_room(room_db)


def _meeting(db: Database, data: RoomData, held_on: date, *, prefill: bool = False) -> str:
    with db.session() as s:
        meeting_id = agenda.create_meeting(s, room_id=data.room_id, held_on=held_on).id
    if prefill:
        attendance.fill_in_expected(db, meeting_id)
    return meeting_id


def _editor(qtbot: QtBot, db: Database, meeting_id: str) -> MeetingEditor:
    editor = MeetingEditor(db, meeting_id)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
        editor.activateWindow()
    return editor


def _input_method(widget: QWidget, text: str) -> None:
    """Text committed by a Chinese input method (QTest's key clicks only know Latin-1)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def _stored(db: Database, meeting_id: str) -> Meeting:
    with db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        s.expunge(meeting)
        return meeting


# Dates and times ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("0930", "09:30"), ("930", "09:30"), ("9:30", "09:30"), ("09:30", "09:30"), ("14", "14:00")],
)
def test_a_typed_time_is_read_as_a_whole(qtbot: QtBot, typed: str, expected: str) -> None:
    # Qt's section-wise time field made 01:30 or "not set" of a typed 09:30.
    edit = TimeEdit(not_set="not set")
    qtbot.addWidget(edit)
    edit.setTime(QTime(14, 0))
    edit.show()
    edit.setFocus()
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.time().toString("HH:mm") == expected
    assert edit.text() == expected


def test_an_unreadable_time_is_refused_and_esc_takes_typing_back(qtbot: QtBot) -> None:
    edit = TimeEdit()
    qtbot.addWidget(edit)
    edit.setTime(QTime(10, 15))
    edit.show()
    for typed in ("25", "9:5", "abc"):
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert edit.time() == QTime(10, 15) and edit.text() == "10:15"
        assert edit.toolTip()  # says what to type instead
    qtbot.keyClicks(edit, "1645")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.time() == QTime(10, 15) and edit.text() == "10:15"
    qtbot.keyClicks(edit, "163")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, "45")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.time() == QTime(16, 45) and not edit.toolTip()


def test_every_shared_date_field_takes_a_typed_year_and_has_a_calendar(qtbot: QtBot) -> None:
    edit = date_edit(clock.today())
    qtbot.addWidget(edit)
    assert isinstance(edit, DateEdit) and edit.calendarPopup()
    edit.show()
    for typed in ("2026-03-05", "20260305"):
        edit.setDate(QDate(2020, 1, 1))
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert to_date(edit) == date(2026, 3, 5)
    edit.setDate(QDate(2020, 1, 1))
    _input_method(edit, "2026年3月5日")
    assert to_date(edit) == date(2026, 3, 5)  # reading the field takes what was typed
    assert edit.text() == "2026年3月5日"
    qtbot.keyClicks(edit, "2026-02-30")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert to_date(edit) == date(2026, 3, 5)


def test_meeting_times_typed_and_saved(qtbot: QtBot, room_db: Database, data: RoomData) -> None:
    meeting_id = _meeting(room_db, data, clock.today() + timedelta(days=3))
    editor = _editor(qtbot, room_db, meeting_id)
    basics = editor.basics
    basics.start_edit.setFocus()
    qtbot.keyClicks(basics.start_edit, "0930")
    qtbot.keyClick(basics.start_edit, Qt.Key.Key_Tab)
    assert _focused() is basics.end_edit
    qtbot.keyClicks(basics.end_edit, "11:30")
    qtbot.keyClick(basics.end_edit, Qt.Key.Key_Tab)
    assert _focused() is basics.place_edit
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = _stored(room_db, meeting_id)
    assert (stored.start_time, stored.end_time) == (time(9, 30), time(11, 30))


def test_the_details_by_keyboard_alone(qtbot: QtBot, room_db: Database, data: RoomData) -> None:
    meeting_id = _meeting(room_db, data, clock.today() + timedelta(days=3))
    editor = _editor(qtbot, room_db, meeting_id)
    basics = editor.basics
    basics.title_edit.setFocus()
    _input_method(basics.title_edit, "加装电梯协商议事会")
    qtbot.keyClick(basics.title_edit, Qt.Key.Key_Tab)
    assert _focused() is basics.date_edit
    # A year typed in full, then Alt+Down: the calendar, on that date; Right and Enter pick.
    day = clock.today() + timedelta(days=10)
    qtbot.keyClicks(basics.date_edit, day.strftime("%Y%m%d"))
    qtbot.keyClick(basics.date_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = basics.date_edit.calendarWidget()
    assert calendar.window().isVisible()
    assert calendar.selectedDate() == QDate(day.year, day.month, day.day)
    focus = _focused()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Right)
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert not calendar.window().isVisible()
    assert _focused() is basics.date_edit
    qtbot.keyClick(basics.date_edit, Qt.Key.Key_Tab)
    assert _focused() is basics.start_edit
    qtbot.keyClicks(basics.start_edit, "930")
    qtbot.keyClick(basics.start_edit, Qt.Key.Key_Return)  # Enter takes the typed time
    assert basics.start_edit.text() == "09:30"
    qtbot.keyClick(basics.start_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(basics.end_edit, "14")
    qtbot.keyClick(basics.end_edit, Qt.Key.Key_Tab)
    assert _focused() is basics.place_edit
    _input_method(basics.place_edit, "社区议事室")
    qtbot.keyClick(basics.place_edit, Qt.Key.Key_Tab)
    assert _focused() is basics.form_combo
    qtbot.keyClick(basics.form_combo, Qt.Key.Key_Tab)
    assert _focused() is basics.host_edit
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = _stored(room_db, meeting_id)
    assert stored.title == "加装电梯协商议事会" and stored.place == "社区议事室"
    assert stored.held_on == day + timedelta(days=1)
    assert (stored.start_time, stored.end_time) == (time(9, 30), time(14, 0))


def test_an_end_before_the_start_is_refused(
    qtbot: QtBot, room_db: Database, data: RoomData
) -> None:
    meeting_id = _meeting(room_db, data, clock.today() + timedelta(days=3))
    editor = _editor(qtbot, room_db, meeting_id)
    basics = editor.basics
    basics.title_edit.setFocus()
    _input_method(basics.title_edit, "背街小巷议事")
    basics.start_edit.setFocus()
    qtbot.keyClicks(basics.start_edit, "14")
    qtbot.keyClick(basics.start_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(basics.end_edit, "0930")
    qtbot.keyClick(basics.end_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # The workflow's Chinese message, next to the times; nothing written, not even the title.
    assert basics.time_message.isVisible()
    assert "结束时间 09:30 早于开始时间 14:00" in basics.time_message.text()
    stored = _stored(room_db, meeting_id)
    assert (stored.title, stored.start_time, stored.end_time) == ("", None, None)
    basics.end_edit.setFocus()
    qtbot.keyClicks(basics.end_edit, "1630")
    qtbot.keyClick(basics.end_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not basics.time_message.isVisible()
    stored = _stored(room_db, meeting_id)
    assert (stored.title, stored.start_time, stored.end_time) == (
        "背街小巷议事",
        time(14, 0),
        time(16, 30),
    )


# The sign-in tab ---------------------------------------------------------------------------


def _row_of(editor: MeetingEditor, name: str) -> int:
    model = editor.attendance_tab.model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return row
    raise AssertionError(f"{name} not on the list")


def _status(db: Database, meeting_id: str, member_id: str) -> tuple[AttendanceStatus, str | None]:
    with db.session() as s:
        row = s.scalars(
            select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.member_id == member_id
            )
        ).one()
        return row.status, row.leave_reason


def test_on_leave_by_keyboard_in_the_sign_in_tab(
    qtbot: QtBot, room_db: Database, data: RoomData
) -> None:
    meeting_id = _meeting(room_db, data, clock.today(), prefill=True)
    editor = _editor(qtbot, room_db, meeting_id)
    tab = editor.attendance_tab
    editor.tabs.setCurrentWidget(tab)
    tab.view.setFocus()
    # Down the list to 陈丽华 (Home, then Down as often as needed), Tab to 请假, Space.
    qtbot.keyClick(tab.view, Qt.Key.Key_Home)
    for _ in range(_row_of(editor, "陈丽华")):
        qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    qtbot.keyClick(tab.view, Qt.Key.Key_Tab)
    assert _focused() is tab.sign_in_button
    qtbot.keyClick(tab.sign_in_button, Qt.Key.Key_Tab)
    assert _focused() is tab.leave_button

    def give_reason(dialog: ReasonDialog) -> None:
        _input_method(dialog.reason_edit, "外出开会")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    when_shown(ReasonDialog, give_reason)
    qtbot.keyClick(tab.leave_button, Qt.Key.Key_Space)
    assert _status(room_db, meeting_id, data["m2"]) == (AttendanceStatus.LEAVE, "外出开会")
    assert tab.model.index(_row_of(editor, "陈丽华"), STATUS_COLUMN).data() == "请假"

    # The reason may stay empty: a click, Enter on the empty reason, and it is still 请假.
    tab.view.selectRow(_row_of(editor, "王建国"))
    when_shown(ReasonDialog, lambda d: qtbot.keyClick(d.reason_edit, Qt.Key.Key_Return))
    qtbot.mouseClick(tab.leave_button, Qt.MouseButton.LeftButton)
    assert _status(room_db, meeting_id, data["m1"]) == (
        AttendanceStatus.LEAVE,
        attendance.NO_LEAVE_REASON,
    )


def test_a_future_meeting_awaits_sign_in(qtbot: QtBot, room_db: Database, data: RoomData) -> None:
    future = _meeting(room_db, data, clock.today() + timedelta(days=1), prefill=True)
    editor = _editor(qtbot, room_db, future)
    tab = editor.attendance_tab
    index = tab.model.index(_row_of(editor, "王建国"), STATUS_COLUMN)
    assert index.data() == tab.tr("Awaiting sign-in") != "缺席"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None
    editor.close()

    # The day has passed and still nobody signed in: that is an absence, in red.
    past = _meeting(room_db, data, clock.today() - timedelta(days=1), prefill=True)
    editor = _editor(qtbot, room_db, past)
    tab = editor.attendance_tab
    index = tab.model.index(_row_of(editor, "王建国"), STATUS_COLUMN)
    assert index.data() == "缺席"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_RED


def test_no_speaker_on_leave_and_unit_with_post(
    qtbot: QtBot, room_db: Database, data: RoomData
) -> None:
    with room_db.session() as s:
        s.get_one(Member, data["m1"]).post = "副主席"
    meeting_id = _meeting(room_db, data, clock.today(), prefill=True)
    with room_db.session() as s:
        leave = s.scalars(
            select(Attendance.id).where(
                Attendance.meeting_id == meeting_id, Attendance.member_id == data["m2"]
            )
        ).one()
    attendance.put_on_leave(room_db, meeting_id, attendance_ids=[leave], reason="外出开会")
    editor = _editor(qtbot, room_db, meeting_id)
    speakers = [
        editor.minutes_tab.speaker_combo.itemText(i)
        for i in range(editor.minutes_tab.speaker_combo.count())
    ]
    assert "王建国" in speakers and "陈丽华" not in speakers
    tab = editor.attendance_tab
    assert tab.model.index(_row_of(editor, "王建国"), 1).data() == "区工商联 · 副主席"
    invitable = [tab.invite_combo.itemText(i) for i in range(tab.invite_combo.count())]
    assert "刘芳 · 区工商联" in invitable
