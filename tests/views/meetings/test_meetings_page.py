"""The meetings page and editor, driven like a secretary: schedule, sign in, record, finalise."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import (
    AgendaItem,
    Amendment,
    Attachment,
    Attendance,
    Meeting,
    Outcome,
    Participant,
    Speech,
    Topic,
)
from desktop.models.enums import (
    AttendanceStatus,
    Consensus,
    MeetingForm,
    MeetingStatus,
    TopicStatus,
)
from desktop.views.common.office_dialog import OfficeDialog
from desktop.views.meetings import editor as meeting_editor
from desktop.views.meetings.editor import MeetingEditor, ReasonDialog
from desktop.views.meetings.page import MeetingsPage
from desktop.workflow import agenda
from desktop.workflow.meetings import Amending
from tests.meeting_builders import RoomData, build_room
from tests.views.gui_helpers import type_text
from tests.views.keyboard import wait_active


@pytest.fixture
def data(room_db: Database) -> RoomData:
    return build_room(room_db)


def _select_rows(view: QTableView, rows: list[int]) -> None:
    view.clearSelection()
    selection = view.selectionModel()
    model = view.model()
    for row in rows:
        selection.select(
            model.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )


def _row_of(view: QTableView, name: str) -> int:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return row
    raise AssertionError(f"{name} not in the list")


def test_list_model_filters_and_search(qtbot: QtBot, room_db: Database, data: RoomData) -> None:
    page = MeetingsPage(room_db)
    qtbot.addWidget(page)
    ModelTester(None).check(page.model)  # type: ignore[arg-type]
    assert page.model.rowCount() == 4
    assert page.model.index(0, 0).data() == "2026年7月10日"
    page.status_combo.setCurrentIndex(page.status_combo.findData(MeetingStatus.PLANNED))
    assert page.model.rowCount() == 0
    page.status_combo.setCurrentIndex(0)
    type_text(page.search_edit, "往期活动2")
    assert page.model.rowCount() == 1
    page.search_edit.clear()
    assert page.year_combo.findData(2026) > 0
    page.year_combo.setCurrentIndex(page.year_combo.findData(2026))
    assert page.model.rowCount() == 4
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.model.index(0, 0).data() == "2026年1月10日"


def test_whole_meeting_in_the_editor(
    qtbot: QtBot,
    room_db: Database,
    data: RoomData,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    page = MeetingsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    editor = page.new_meeting()
    assert editor is not None  # a child of the page, deleted when closed
    wait_active(qtbot, editor)  # its Ctrl+S reaches only an active window
    assert page.model.rowCount() == 4  # stored once something is typed (no ghost row)

    # 基本信息: half-filled is fine; the date of the meeting is last week.
    basics = editor.basics
    type_text(basics.title_edit, "加装电梯协商议事会")
    type_text(basics.place_edit, "社区议事室")
    type_text(basics.host_edit, "钱书记")
    basics.date_edit.setDate(QDate(2026, 11, 20))
    basics.form_combo.setCurrentIndex(basics.form_combo.findData(MeetingForm.BENCH))
    basics.form_combo.activated.emit(basics.form_combo.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    # 议程: two topics from the room's list (going on stores what was typed).
    editor.tabs.setCurrentWidget(editor.agenda_tab)
    assert page.model.rowCount() == 5
    tab = editor.agenda_tab
    assert tab.topic_combo.count() == 3  # t1 announced, t2 claimed, t4 immediate
    for topic_key in ("t1", "t2"):
        tab.topic_combo.setCurrentIndex(tab.topic_combo.findData(data[topic_key]))
        qtbot.mouseClick(tab.add_topic_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 2
    tab.view.selectRow(1)
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert tab.model.index(0, 1).data() == "背街小巷路灯维修"

    # 签到: pre-fill, bulk sign-in, one on leave, one walk-in.
    editor.tabs.setCurrentWidget(editor.attendance_tab)
    sign_in = editor.attendance_tab
    qtbot.mouseClick(sign_in.prefill_button, Qt.MouseButton.LeftButton)
    assert sign_in.model.rowCount() == 4
    view = sign_in.view
    _select_rows(view, [_row_of(view, "王建国"), _row_of(view, "赵大妈"), _row_of(view, "钱书记")])
    qtbot.mouseClick(sign_in.sign_in_button, Qt.MouseButton.LeftButton)
    _select_rows(view, [_row_of(view, "陈丽华")])
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "外出开会"))
    qtbot.mouseClick(sign_in.leave_button, Qt.MouseButton.LeftButton)
    type_text(sign_in.walk_in_edit, "周明 区城管局/科长")
    qtbot.keyClick(sign_in.walk_in_edit, Qt.Key.Key_Return)
    assert sign_in.walk_in_edit.text() == ""
    assert sign_in.counts_label.text() == "应到 4 人 · 实到 4 人 · 请假 1 人"

    # 发言与共识 on the first item.
    editor.tabs.setCurrentWidget(editor.minutes_tab)
    minutes = editor.minutes_tab
    assert minutes.item_combo.count() == 2
    minutes.item_combo.setCurrentIndex(0)
    assert minutes.item_combo.currentText() == "1. 背街小巷路灯维修"
    minutes.speaker_combo.setCurrentIndex(minutes.speaker_combo.findText("王建国"))
    type_text(minutes.summary_edit, "建议先修主干道路灯")
    qtbot.keyClick(minutes.summary_edit, Qt.Key.Key_Return)
    minutes.speaker_combo.setEditText("")
    type_text(minutes.speaker_combo.lineEdit(), "路过居民")
    type_text(minutes.summary_edit, "支持")
    qtbot.mouseClick(minutes.add_speech_button, Qt.MouseButton.LeftButton)
    assert minutes.model.rowCount() == 2
    minutes.consensus_combo.setCurrentIndex(minutes.consensus_combo.findData(Consensus.AGREED))
    minutes.consensus_combo.activated.emit(minutes.consensus_combo.currentIndex())
    minutes.consensus_edit.setPlainText("同意分两期维修路灯")
    minutes.votes["votes_for"].setValue(15)

    # 成果: two outcomes on the first item.
    editor.tabs.setCurrentWidget(editor.outcomes_tab)
    outcomes = editor.outcomes_tab
    outcomes.item_combo.setCurrentIndex(0)
    for content, unit in (("修复主干道路灯", "街道城管科"), ("增设两盏路灯", "社区居委会")):
        type_text(outcomes.content_edit, content)
        type_text(outcomes.unit_edit, unit)
        qtbot.mouseClick(outcomes.add_button, Qt.MouseButton.LeftButton)
        outcomes.unit_edit.clear()
    assert outcomes.model.rowCount() == 2

    # 附件: a photo by its hash.
    photo = tmp_path / "现场.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    assert image.save(str(photo))
    monkeypatch.setattr(type(editor.attachments_tab), "choose_files", lambda self: [photo])
    qtbot.mouseClick(editor.attachments_tab.add_button, Qt.MouseButton.LeftButton)
    assert editor.attachments_tab.model.rowCount() == 1

    # Held, then final.
    editor.tabs.setCurrentWidget(editor.basics)
    qtbot.mouseClick(basics.status_buttons[MeetingStatus.HELD], Qt.MouseButton.LeftButton)
    assert basics.status_label.text() == "已召开"
    monkeypatch.setattr(MeetingEditor, "_confirm_finalise", lambda self: True)
    qtbot.mouseClick(basics.status_buttons[MeetingStatus.MINUTES_FINAL], Qt.MouseButton.LeftButton)
    assert editor.is_final and not basics.title_edit.isEnabled()

    # An amendment: the reason is asked once, the change and the amendment saved together.
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "补记发言"))
    qtbot.mouseClick(editor.amend_button, Qt.MouseButton.LeftButton)
    assert minutes.summary_edit.isEnabled()
    editor.tabs.setCurrentWidget(minutes)
    minutes.speaker_combo.setEditText("")
    type_text(minutes.speaker_combo.lineEdit(), "钱书记")
    type_text(minutes.summary_edit, "社区配合施工")
    qtbot.keyClick(minutes.summary_edit, Qt.Key.Key_Return)
    editor.close()

    with room_db.session() as s:
        meeting = s.scalars(select(Meeting).where(Meeting.title == "加装电梯协商议事会")).one()
        assert (meeting.held_on, meeting.place, meeting.host_name, meeting.form) == (
            date(2026, 11, 20),
            "社区议事室",
            "钱书记",
            MeetingForm.BENCH,
        )
        assert meeting.status is MeetingStatus.MINUTES_FINAL and meeting.finalised_at
        items = s.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by("position")
        ).all()
        assert [i.topic_id for i in items] == [data["t2"], data["t1"]]
        first = items[0]
        assert (first.consensus, first.consensus_text, first.votes_for, first.votes_against) == (
            Consensus.AGREED,
            "同意分两期维修路灯",
            15,
            None,
        )
        for key in ("t1", "t2"):
            assert s.get_one(Topic, data[key]).status is TopicStatus.DISCUSSED
        speeches = s.scalars(
            select(Speech).where(Speech.agenda_item_id == first.id).order_by(Speech.position)
        ).all()
        assert [(sp.speaker_name, sp.summary) for sp in speeches] == [
            ("王建国", "建议先修主干道路灯"),
            ("路过居民", "支持"),
            ("钱书记", "社区配合施工"),
        ]
        assert speeches[0].member_id == data["m1"]
        rows = s.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
        by_status = {
            status: sorted(
                a.member_id or a.participant_id or "" for a in rows if a.status is status
            )
            for status in AttendanceStatus
        }
        walk_in = s.scalars(select(Participant).where(Participant.name == "周明")).one()
        assert (walk_in.unit, walk_in.position) == ("区城管局", "科长")
        assert by_status[AttendanceStatus.PRESENT] == sorted(
            [data["m1"], data["p1"], data["p2"], walk_in.id]
        )
        assert by_status[AttendanceStatus.LEAVE] == [data["m2"]]
        assert [a.leave_reason for a in rows if a.status is AttendanceStatus.LEAVE] == ["外出开会"]
        assert sum(a.expected for a in rows) == 4
        outcomes_saved = s.scalars(select(Outcome).order_by(Outcome.content)).all()
        assert {(o.content, o.responsible_unit, o.agenda_item_id) for o in outcomes_saved} == {
            ("修复主干道路灯", "街道城管科", first.id),
            ("增设两盏路灯", "社区居委会", first.id),
        }
        assert all(o.deadline == date(2026, 12, 20) for o in outcomes_saved)
        amendments = s.scalars(select(Amendment)).all()
        assert [(a.meeting_id, a.reason) for a in amendments] == [(meeting.id, "补记发言")]
        attachment = s.scalars(select(Attachment)).one()
        assert attachment.record_id == meeting.id and attachment.media_type == "image/png"


def test_typed_text_is_autosaved(
    qtbot: QtBot, room_db: Database, data: RoomData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meeting_editor, "AUTOSAVE_MS", 300)
    with room_db.session() as s:
        meeting_id = agenda.create_meeting(s, room_id=data.room_id, held_on=date(2026, 11, 20)).id
    editor = MeetingEditor(room_db, meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.basics.title_edit, "背街小巷议事")

    def saved() -> None:
        with room_db.session() as s:
            assert s.get_one(Meeting, meeting_id).title == "背街小巷议事"

    qtbot.waitUntil(saved, timeout=5000)
    type_text(editor.basics.recorder_edit, "李记录")
    editor.close()  # closing saves at once, without waiting for the timer
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).recorder_name == "李记录"


def test_status_messages_show_next_to_the_fields(
    qtbot: QtBot, room_db: Database, data: RoomData
) -> None:
    with room_db.session() as s:
        # A meeting a month ahead of whatever day the test runs on.
        upcoming = clock.today() + timedelta(days=30)
        meeting_id = agenda.create_meeting(s, room_id=data.room_id, held_on=upcoming).id
    editor = MeetingEditor(room_db, meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.basics.status_buttons[MeetingStatus.HELD], Qt.MouseButton.LeftButton)
    assert editor.basics.date_message.isVisible()
    assert "尚未到" in editor.basics.date_message.text()
    editor.basics.start_edit.setTime(editor.basics.start_edit.time().fromString("10:00", "HH:mm"))
    editor.basics.end_edit.setTime(editor.basics.end_edit.time().fromString("09:00", "HH:mm"))
    # The workflow refuses the times; the message shows next to them and nothing is written.
    assert not editor.save_draft()
    assert editor.basics.time_message.isVisible()
    assert "早于开始时间" in editor.basics.time_message.text()
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).status is MeetingStatus.PLANNED
        assert s.get_one(Meeting, meeting_id).start_time is None
    editor.basics.end_edit.setTime(editor.basics.end_edit.time().fromString("11:00", "HH:mm"))
    assert editor.save_draft()
    assert not editor.basics.time_message.isVisible()


def test_district_adds_meetings_only_as_its_own_work(
    qtbot: QtBot, district_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = MeetingsPage(district_db)
    qtbot.addWidget(page)
    # Its own meetings only (tests/views/test_district_work.py): whose is asked first.
    assert page.district_mode and page.new_button.isVisibleTo(page)
    monkeypatch.setattr(OfficeDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert page.new_meeting() is None
    assert page.model.columnCount() == 8


def test_enter_opens_the_meeting_and_ctrl_tab_moves_on(
    qtbot: QtBot, room_db: Database, data: RoomData
) -> None:
    page = MeetingsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(1, 0))
    with qtbot.waitSignal(page.meeting_opened) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    editor = page.editors[opened.args[0]]
    assert editor.basics.title_edit.text() == "往期活动2"
    editor._step_tab(1)
    assert editor.tabs.currentWidget() is editor.agenda_tab
    editor.close()
    qtbot.waitUntil(lambda: not page.editors)


def test_final_minutes_stay_unchanged_without_a_reason(
    qtbot: QtBot, room_db: Database, data: RoomData, monkeypatch: pytest.MonkeyPatch
) -> None:
    with room_db.session() as s:
        meeting = agenda.create_meeting(s, room_id=data.room_id, held_on=date(2026, 11, 20))
        agenda.change_status(s, meeting, MeetingStatus.HELD, today=date(2026, 11, 29))
        agenda.change_status(s, meeting, MeetingStatus.MINUTES_FINAL)
        meeting_id = meeting.id
    editor = MeetingEditor(room_db, meeting_id)
    qtbot.addWidget(editor)
    assert not editor.attendance_tab.walk_in_edit.isEnabled()
    assert editor.amend_button.isVisibleTo(editor)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: None))
    qtbot.mouseClick(editor.amend_button, Qt.MouseButton.LeftButton)
    assert not editor.attendance_tab.walk_in_edit.isEnabled()

    def retitle(amending: Amending | None) -> bool:
        return agenda.save_draft(room_db, meeting_id, details={"title": "改"}, amending=amending)

    assert editor.write("x", retitle) is False
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).title == ""
        assert s.scalars(select(Amendment)).all() == []


def test_district_opens_room_meetings_read_only(
    qtbot: QtBot, room_db: Database, data: RoomData
) -> None:
    with room_db.session() as s:
        meeting_id = agenda.create_meeting(s, room_id=data.room_id, held_on=date(2026, 11, 20)).id
    editor = MeetingEditor(room_db, meeting_id, read_only=True)
    qtbot.addWidget(editor)
    assert not editor.basics.title_edit.isEnabled()
    assert not editor.attendance_tab.sign_in_button.isEnabled()
    assert not any(b.isVisibleTo(editor) for b in editor.basics.status_buttons.values())
    assert not editor.amend_button.isVisibleTo(editor)

    def retitle(amending: Amending | None) -> bool:
        return agenda.save_draft(room_db, meeting_id, details={"title": "改"}, amending=amending)

    assert editor.write("x", retitle) is False
