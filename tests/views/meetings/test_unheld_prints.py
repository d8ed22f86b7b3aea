"""A meeting not held has no minutes nor feedback to print; its sign-in sheet stays."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.models import Meeting
from desktop.models.enums import MeetingStatus
from desktop.views.meetings.editor import MeetingEditor
from tests.documents.document_builders import build_meeting


def _set_status(db: Database, meeting_id: str, status: MeetingStatus) -> None:
    with db.session() as s:
        meeting = s.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.status = status


def test_minutes_of_a_meeting_not_held_are_greyed_with_the_reason(
    qtbot: QtBot, room_db: Database
) -> None:
    built = build_meeting(room_db, attendees=4, items=1, status=MeetingStatus.PLANNED)
    editor = MeetingEditor(room_db, built.meeting_id)
    qtbot.addWidget(editor)
    held_only = (
        editor.print_record_action,
        editor.print_jiyao_action,
        editor.print_feedback_action,
    )
    # The reason is the tooltip (in the UI language: compared by what it is not).
    planned_why = {action.toolTip() for action in held_only}
    for action in held_only:
        assert not action.isEnabled() and action.toolTip() not in ("", action.text())
    assert len(planned_why) == 1
    assert editor.print_signin_button.isEnabled()

    _set_status(room_db, built.meeting_id, MeetingStatus.CANCELLED)
    editor.reload_all()
    for action in held_only:
        assert not action.isEnabled() and action.toolTip() not in ("", action.text())
        assert action.toolTip() not in planned_why

    _set_status(room_db, built.meeting_id, MeetingStatus.HELD)
    editor.reload_all()
    for action in held_only:
        assert action.isEnabled() and action.toolTip() in ("", action.text())
