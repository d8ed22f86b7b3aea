"""The meeting editor keeps typed text when the database is busy or the meeting changed
elsewhere: it waits and retries the autosave, or refuses to overwrite, saying who and when."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from desktop import db as db_module
from desktop.db import Database, make_engine
from desktop.errors import BUSY_MESSAGE
from desktop.models import Meeting
from desktop.views.meetings import editor as meeting_editor
from desktop.views.meetings.editor import MeetingEditor
from desktop.workflow import agenda
from tests.meeting_builders import RoomData, build_room
from tests.views.gui_helpers import type_text


@pytest.fixture
def meeting_id(room_db: Database) -> str:
    data: RoomData = build_room(room_db)
    with room_db.session() as s:
        return agenda.create_meeting(
            s, room_id=data.room_id, held_on=date(2026, 11, 20), title="原标题"
        ).id


@pytest.fixture
def other(room_db: Database) -> Iterator[Database]:
    """Another window (or a command-line import) on the same database, used by 张三."""
    second = Database(room_db.home, make_engine(room_db.home.database))
    second.user = "张三"
    yield second
    second.close()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The editor's warning boxes, recorded instead of shown (no test blocks on one)."""
    shown: list[str] = []
    monkeypatch.setattr(
        meeting_editor.QMessageBox,
        "warning",
        staticmethod(lambda _parent, _title, text: shown.append(text)),
    )
    return shown


def _title(db: Database, meeting_id: str) -> str:
    with db.session() as s:
        return s.get_one(Meeting, meeting_id).title


def test_a_meeting_changed_behind_the_editor_is_not_overwritten(
    qtbot: QtBot,
    room_db: Database,
    other: Database,
    meeting_id: str,
    warnings: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = MeetingEditor(room_db, meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    agenda.save_draft(other, meeting_id, details={"title": "张三改的标题"})

    editor.basics.title_edit.clear()
    type_text(editor.basics.title_edit, "我输入的标题")
    assert not editor.save_draft()

    assert len(warnings) == 1 and "张三" in warnings[0] and "修改" in warnings[0]
    assert editor.save_problem.isVisibleTo(editor) and "张三" in editor.save_problem.text()
    assert editor.basics.title_edit.text() == "我输入的标题"
    assert _title(room_db, meeting_id) == "张三改的标题"
    # Typing on does not start autosaves that would only be refused again.
    type_text(editor.basics.title_edit, "。")
    assert not editor.autosave_timer.isActive()
    assert _title(room_db, meeting_id) == "张三改的标题"
    # Closing asks before the typed text is thrown away; here the user agrees.
    asked: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str) -> object:
        asked.append(text)
        return meeting_editor.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(meeting_editor.QMessageBox, "question", staticmethod(answer_yes))
    editor.close()
    assert asked and _title(room_db, meeting_id) == "张三改的标题"


def test_the_editor_saves_its_own_earlier_saves_without_refusing(
    qtbot: QtBot, room_db: Database, meeting_id: str, warnings: list[str]
) -> None:
    editor = MeetingEditor(room_db, meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    for title in ("第一稿", "第二稿"):
        editor.basics.title_edit.clear()
        type_text(editor.basics.title_edit, title)
        assert editor.save_draft()
    assert warnings == [] and _title(room_db, meeting_id) == "第二稿"


def test_autosave_waits_for_an_import_and_saves_after_it(
    qtbot: QtBot, room_db: Database, meeting_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meeting_editor, "AUTOSAVE_MS", 50)
    monkeypatch.setattr(db_module, "BRIEF_BUSY_TIMEOUT_MS", 50)
    room_db.wait_briefly_on_this_thread()  # as the main window does for the GUI thread
    editor = MeetingEditor(room_db, meeting_id)
    editor.retry_delays_ms = (100, 100, 100, 100, 100, 100, 100, 100, 100, 100)
    qtbot.addWidget(editor)
    editor.show()

    lock = sqlite3.connect(room_db.home.database, isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")  # an import's write transaction
        editor.basics.title_edit.clear()
        type_text(editor.basics.title_edit, "导入时输入的标题")
        qtbot.waitUntil(lambda: editor.retries >= 1, timeout=5000)
        assert editor.save_problem.isVisibleTo(editor)
        assert editor.save_problem.text() == BUSY_MESSAGE
        assert editor.draft_pending and editor.basics.title_edit.text() == "导入时输入的标题"
        assert _title(room_db, meeting_id) == "原标题"
    finally:
        lock.rollback()  # the import ends
        lock.close()

    qtbot.waitUntil(lambda: _title(room_db, meeting_id) == "导入时输入的标题", timeout=5000)
    qtbot.waitUntil(lambda: not editor.save_problem.isVisibleTo(editor), timeout=5000)
    assert not editor.draft_pending and editor.retries == 0


def test_autosave_says_plainly_when_it_gives_up(
    qtbot: QtBot, room_db: Database, meeting_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meeting_editor, "AUTOSAVE_MS", 50)
    monkeypatch.setattr(db_module, "BRIEF_BUSY_TIMEOUT_MS", 20)
    room_db.wait_briefly_on_this_thread()
    editor = MeetingEditor(room_db, meeting_id)
    editor.retry_delays_ms = (30, 30)
    qtbot.addWidget(editor)
    editor.show()

    lock = sqlite3.connect(room_db.home.database, isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")
        type_text(editor.basics.place_edit, "社区议事室")
        # Two retries, then no more: the message changes from "busy" to "still cannot save".
        qtbot.waitUntil(
            lambda: (
                editor.save_problem.text() not in ("", BUSY_MESSAGE)
                and not editor.retry_timer.isActive()
            ),
            timeout=5000,
        )
        assert editor.save_problem.isVisibleTo(editor)
        assert editor.basics.place_edit.text() == "社区议事室" and editor.draft_pending
    finally:
        lock.rollback()
        lock.close()
    # Ctrl+S (or more typing) tries again, and now it goes through.
    assert editor.save_draft()
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).place == "社区议事室"


def test_autosave_is_due_within_two_seconds_of_the_last_keystroke() -> None:
    assert meeting_editor.AUTOSAVE_MS <= 1500
