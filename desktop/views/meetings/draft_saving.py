"""How the meeting editor saves what is typed: autosave, the first save of a new meeting,
and waiting out a busy database.

Functions of one `MeetingEditor`, which calls them; their texts keep the editor's translation
context ("MeetingEditor"), so the translations made for it still apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop.errors import DatabaseBusyError
from desktop.formatting import format_date
from desktop.views.common.forms import show_message
from desktop.workflow import agenda
from desktop.workflow.stale import StaleEditError

if TYPE_CHECKING:
    from desktop.views.meetings.editor import MeetingEditor, NewMeeting


def note_edited(editor: MeetingEditor) -> None:
    """Something was typed: save it after a pause in typing, or after the longest wait."""
    editor.draft_pending = True
    if editor.unsaved_create is not None:
        editor._enable_tabs(True)
    if editor.stale_message is not None or editor.retry_timer.isActive():
        # Waiting for the database or refused: the retry (or the user) saves, not each key.
        return
    editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Editing…"))
    editor.autosave_timer.start()
    if not editor.max_wait_timer.isActive():
        editor.max_wait_timer.start()


def save(editor: MeetingEditor, *, quiet: bool) -> bool:
    """Save what was typed in the details and the current consensus; True when saved (or
    nothing was waiting). quiet: the autosave, which never pops up a box while the user types."""
    editor.autosave_timer.stop()
    editor.max_wait_timer.stop()
    editor.retry_timer.stop()
    if not editor.editable or not editor.draft_pending:
        return True
    if quiet and editor.stale_message is not None:
        return False
    if editor.unsaved_create is not None:
        return _create_meeting(editor, editor.unsaved_create, quiet=quiet)
    values = editor.basics.values()
    consensus = editor.minutes_tab.pending_consensus()
    saved: list[agenda.DraftSaved] = []
    error = editor._attempt(
        QCoreApplication.translate("MeetingEditor", "Edited the details or the consensus"),
        lambda amending: saved.append(
            agenda.save_draft(
                editor.db,
                editor.meeting_id,
                details=values,
                consensus=consensus,
                amending=amending,
                expected_revision=editor.loaded_revision,
            )
        ),
    )
    if error is None:
        _draft_saved(editor, saved[0], values)
        return True
    if isinstance(error, DatabaseBusyError):
        _retry_later(editor, str(error))
    elif isinstance(error, StaleEditError):
        editor.stale_message = str(error)
        editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Not saved."))
        show_message(editor.save_problem, str(error))
        if not quiet:
            QMessageBox.warning(
                editor, QCoreApplication.translate("MeetingEditor", "Cannot save"), str(error)
            )
    elif isinstance(error, agenda.TimesOutOfOrder):
        # Said next to the times, without a box popping up while the user types.
        editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Not saved."))
        show_message(editor.basics.time_message, str(error))
    else:
        editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Not saved."))
        QMessageBox.warning(
            editor, QCoreApplication.translate("MeetingEditor", "Cannot save"), str(error)
        )
    return False


def _create_meeting(editor: MeetingEditor, create: NewMeeting, *, quiet: bool) -> bool:
    """Store the new meeting with what was typed; from now on it is edited as any other."""
    values = editor.basics.values()
    error = editor._attempt(
        QCoreApplication.translate("MeetingEditor", "New meeting"),
        lambda _amending: create(editor.meeting_id, values),
    )
    if error is None:
        editor.unsaved_create = None
        editor.draft_pending = False
        editor.retries = 0
        show_message(editor.save_problem, "")
        editor.print_minutes_button.setEnabled(True)
        editor.print_signin_button.setEnabled(True)
        editor._enable_tabs(True)
        editor.reload_all()
        editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Saved."))
        editor.drafts.note_autosave(meeting_id=editor.meeting_id, title=editor._print_name())
        editor.meeting_saved.emit(editor.meeting_id)
        return True
    if isinstance(error, DatabaseBusyError):
        _retry_later(editor, str(error))
        return False
    editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Not saved."))
    show_message(editor.save_problem, str(error))
    if not quiet:
        QMessageBox.warning(
            editor, QCoreApplication.translate("MeetingEditor", "Cannot save"), str(error)
        )
    return False


def _draft_saved(editor: MeetingEditor, saved: agenda.DraftSaved, values: dict[str, Any]) -> None:
    editor.draft_pending = False
    editor.retries = 0
    editor.loaded_revision = saved.revision
    if saved.item_revision is not None:
        editor.minutes_tab.loaded_item_revision = saved.item_revision
    show_message(editor.save_problem, "")
    show_message(editor.basics.time_message, "")
    editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Saved."))
    heading = values["title"].strip() or QCoreApplication.translate(
        "MeetingEditor", "Untitled meeting"
    )
    editor.heading.setText(f"{heading} · {format_date(values['held_on'])}")
    editor.drafts.note_autosave(meeting_id=editor.meeting_id, title=editor._print_name())
    editor.meeting_saved.emit(editor.meeting_id)


def _retry_later(editor: MeetingEditor, message: str) -> None:
    """The database is busy (an import): keep the draft, say so, and try again later."""
    if editor.retries < len(editor.retry_delays_ms):
        editor.retry_timer.start(editor.retry_delays_ms[editor.retries])
        editor.retries += 1
        editor.saved_note.setText(
            QCoreApplication.translate(
                "MeetingEditor", "Waiting for the import to finish, then saving automatically…"
            )
        )
        show_message(editor.save_problem, message)
        return
    # Given up: say so plainly; typing or Ctrl+S starts the retries again.
    editor.retries = 0
    editor.saved_note.setText(QCoreApplication.translate("MeetingEditor", "Not saved."))
    show_message(
        editor.save_problem,
        QCoreApplication.translate(
            "MeetingEditor",
            "Still cannot save: the database has been busy for a long time. What you typed "
            "is still here; press Ctrl+S to try again, or wait for the import to finish.",
        ),
    )
