"""新建活动 leaves no ghost row; 已召开 and 取消 ask first and are taken back with a reason,
shown in the 状态变更记录; a meeting not held is deleted (with confirmation)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop import clock
from desktop.db import Database
from desktop.models import Meeting, Topic
from desktop.models.enums import MeetingStatus, TopicStatus
from desktop.views.common.confirm import Confirmation, ask_confirmation
from desktop.views.meetings.editor import MeetingEditor, ReasonDialog
from desktop.views.meetings.page import MeetingsPage
from desktop.workflow import agenda
from tests.meeting_builders import RoomData, build_room
from tests.views.gui_helpers import type_text, when_shown

M = MeetingStatus


@pytest.fixture
def data(room_db: Database) -> RoomData:
    return build_room(room_db)


@pytest.fixture
def page(qtbot: QtBot, room_db: Database, data: RoomData) -> MeetingsPage:
    widget = MeetingsPage(room_db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _meetings(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(Meeting.id))) or 0)


def _press_in_box(qtbot: QtBot, key: Qt.Key, seen: list[str]) -> None:
    def answer(box: QMessageBox) -> None:
        seen.append(box.text())
        qtbot.keyClick(box, key)

    when_shown(QMessageBox, answer)


def test_a_new_meeting_left_untouched_leaves_no_row(
    qtbot: QtBot, page: MeetingsPage, room_db: Database
) -> None:
    before = _meetings(room_db)
    editor = page.new_meeting()
    assert isinstance(editor, MeetingEditor)
    assert not editor.tabs.isTabEnabled(1)  # the agenda waits for the details
    assert not editor.delete_button.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.editors)
    assert _meetings(room_db) == before and page.model.rowCount() == 4

    # Typed into, it is stored on leaving, with what was typed.
    editor = page.new_meeting()
    assert editor is not None
    type_text(editor.basics.title_edit, "加装电梯协商议事会")
    assert editor.tabs.isTabEnabled(1)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.editors)
    assert _meetings(room_db) == before + 1 and page.model.rowCount() == 5
    with room_db.session() as s:
        assert (
            s.scalars(select(Meeting.title).where(Meeting.title != ""))
            .all()
            .count("加装电梯协商议事会")
            == 1
        )


def test_a_planned_meeting_is_deleted_after_confirmation(
    qtbot: QtBot,
    page: MeetingsPage,
    room_db: Database,
    data: RoomData,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Confirmation, "ask", staticmethod(ask_confirmation))
    meeting_id = agenda.plan_meeting(room_db, data.room_id, held_on=clock.today())
    page.refresh()
    assert page.model.rowCount() == 5
    editor = page.open_meeting(meeting_id)
    type_text(editor.basics.title_edit, "停车难协商会")
    assert editor.delete_button.isVisible()
    seen: list[str] = []
    _press_in_box(qtbot, Qt.Key.Key_Escape, seen)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 5 and editor.isVisible()
    _press_in_box(qtbot, Qt.Key.Key_Return, seen)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.editors)
    assert page.model.rowCount() == 4  # gone from the list, into the recycle bin
    assert len(seen) == 2 and "停车难协商会" in seen[1]
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).deleted


def test_held_asks_first_and_is_taken_back_with_a_reason(
    qtbot: QtBot, room_db: Database, data: RoomData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Confirmation, "ask", staticmethod(ask_confirmation))
    meeting_id = agenda.plan_meeting(room_db, data.room_id, held_on=clock.today())
    agenda.put_on_agenda(room_db, meeting_id, topic_id=data["t1"])  # announced
    editor = MeetingEditor(room_db, meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    seen: list[str] = []
    _press_in_box(qtbot, Qt.Key.Key_Return, seen)
    qtbot.mouseClick(editor.basics.status_buttons[M.HELD], Qt.MouseButton.LeftButton)
    assert seen and not editor.delete_button.isVisible()
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).status is M.HELD
        assert s.get_one(Topic, data["t1"]).status is TopicStatus.DISCUSSED

    undo = editor.basics.status_buttons[M.PLANNED]
    assert undo.isVisible()

    def give_reason(dialog: ReasonDialog) -> None:
        type_text(dialog.reason_edit, "误点了已召开，活动延期")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    when_shown(ReasonDialog, give_reason)
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).status is M.PLANNED
        assert s.get_one(Topic, data["t1"]).status is TopicStatus.ANNOUNCED
    history = editor.basics.history_label.text()
    assert editor.basics.history_label.isVisible()
    assert "计划 → 已召开" in history and "已召开 → 计划（误点了已召开，活动延期）" in history

    # 取消 (asked first), then taken back; Esc in the reason dialog leaves it cancelled, a
    # reason typed plans it again.
    _press_in_box(qtbot, Qt.Key.Key_Return, seen)
    qtbot.mouseClick(editor.basics.status_buttons[M.CANCELLED], Qt.MouseButton.LeftButton)
    assert M.PLANNED in editor.basics.status_buttons
    when_shown(ReasonDialog, lambda dialog: qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Escape))
    qtbot.mouseClick(editor.basics.status_buttons[M.PLANNED], Qt.MouseButton.LeftButton)
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).status is M.CANCELLED
    when_shown(ReasonDialog, give_reason)
    qtbot.mouseClick(editor.basics.status_buttons[M.PLANNED], Qt.MouseButton.LeftButton)
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).status is M.PLANNED
    assert len(seen) == 2
