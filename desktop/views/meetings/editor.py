"""The meeting editor: details, agenda, sign-in, speeches and consensus, outcomes, attachments.

Every change goes through `MeetingEditor.write`, one workflow call per user action; once the
minutes are final, it asks for the reason once and hands it to every later change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.drafts import DraftJournal
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import MeetingForm, MeetingStatus
from desktop.queries import Database
from desktop.queries import meetings as queries
from desktop.queries.history import status_history
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.icons import icon
from desktop.views.meetings import draft_saving, status_changes
from desktop.views.meetings.agenda_tab import AgendaTab
from desktop.views.meetings.attachments_tab import AttachmentsTab
from desktop.views.meetings.attendance_tab import AttendanceTab
from desktop.views.meetings.basics_tab import BasicsTab
from desktop.views.meetings.editing import Change
from desktop.views.meetings.minutes_tab import MinutesTab, OutcomesTab
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.workflow.meetings import Amending

if TYPE_CHECKING:
    from desktop.documents.minutes import Layout

# ReasonDialog is re-exported: the editor is where callers and tests look for it.
__all__ = [
    "AUTOSAVE_MAX_WAIT_MS",
    "AUTOSAVE_MS",
    "RETRY_DELAYS_MS",
    "MeetingEditor",
    "ReasonDialog",
]

# Stores a new meeting under the id the editor was given, with the details typed first.
NewMeeting = Callable[[str, Mapping[str, Any]], None]

# Typed text reaches the database this long after the last keystroke (a pause in typing)…
AUTOSAVE_MS = 1000
# …and at the latest this long after the first change not yet saved, however long the typing
# goes on without a pause: with the save itself, a power cut loses at most two seconds.
AUTOSAVE_MAX_WAIT_MS = 1500
# When an import holds the database, the draft is saved again after these waits (growing, so
# a long import is not hammered); after the last one the editor says plainly it could not
# save. Together about a minute and a half, longer than the longest import.
RETRY_DELAYS_MS = (2_000, 4_000, 8_000, 15_000, 30_000, 30_000)


class MeetingEditor(QDialog):
    """One meeting in tabs; keeps a draft while typing and saves on closing."""

    meeting_saved = Signal(str)

    def __init__(
        self,
        db: Database,
        meeting_id: str,
        *,
        read_only: bool = False,
        create: NewMeeting | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        # Set while the meeting is new and not stored: the first save creates it, and an
        # editor left with nothing typed leaves no row (新建活动 without ghost records).
        self.unsaved_create = create
        self.read_only = read_only
        self.status = MeetingStatus.PLANNED
        # Set once the user gave a reason to change final minutes; used for every later change.
        self.amend_reason: str | None = None
        # Typed and not yet in the database (the autosave timers are running).
        self.draft_pending = False
        # Each save is noted in the session marker, so a start after a power cut can say
        # which minutes were saved, and when.
        self.drafts = DraftJournal(db.home)
        # The meeting's revision as loaded or last saved here; a save expects it unchanged.
        self.loaded_revision: int | None = None
        # Set when a save was refused because someone else changed the meeting meanwhile:
        # autosave stops (the typed text stays) until the editor is reopened.
        self.stale_message: str | None = None
        # Busy-database retries: the waits (tests shorten them) and how many were used.
        self.retry_delays_ms: tuple[int, ...] = RETRY_DELAYS_MS
        self.retries = 0
        self.setWindowTitle(self.tr("Meeting"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1120, 700)

        self.heading = QLabel()
        self.heading.setFont(scaled_font(self.heading, 1.4, bold=True))
        self.lock_note = QLabel()
        self.lock_note.setObjectName("mutedText")
        self.amend_button = QPushButton(self.tr("Change final minutes…"))
        self.saved_note = QLabel()
        self.saved_note.setObjectName("mutedText")
        # Why the draft is not saved (busy database, changed elsewhere); hidden when all is well.
        self.save_problem = message_label()
        self.basics = BasicsTab()
        self.agenda_tab = AgendaTab(self)
        self.attendance_tab = AttendanceTab(self)
        self.minutes_tab = MinutesTab(self)
        self.outcomes_tab = OutcomesTab(self)
        self.attachments_tab = AttachmentsTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.basics, self.tr("Details"))
        self.tabs.addTab(self.agenda_tab, self.tr("Agenda"))
        self.tabs.addTab(self.attendance_tab, self.tr("Sign-in"))
        self.tabs.addTab(self.minutes_tab, self.tr("Speeches and consensus"))
        self.tabs.addTab(self.outcomes_tab, self.tr("Outcomes"))
        self.tabs.addTab(self.attachments_tab, self.tr("Attachments"))
        self.close_button = QPushButton(self.tr("Close"))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete meeting…"))
        self.delete_button.setToolTip(
            self.tr("A meeting not held goes to the recycle bin; it can be restored from there")
        )
        # Printing: the minutes in either layout, and the sign-in sheet for the door.
        self.print_minutes_button = QPushButton(icon("print"), self.tr("Print minutes…"))
        print_menu = QMenu(self.print_minutes_button)
        self.print_record_action = print_menu.addAction(self.tr("Meeting record"))
        self.print_jiyao_action = print_menu.addAction(self.tr("Formal summary"))
        self.print_feedback_action = print_menu.addAction(self.tr("Outcome feedback notice"))
        print_menu.setToolTipsVisible(True)  # why the minutes of a planned meeting are greyed
        self.print_minutes_button.setMenu(print_menu)
        self.print_signin_button = QPushButton(
            icon("signin_sheet"), self.tr("Print sign-in sheet…")
        )

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.lock_note)
        top.addWidget(self.amend_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_note, 1)
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.print_signin_button)
        bottom.addWidget(self.print_minutes_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.save_problem)
        layout.addLayout(bottom)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self._autosave)
        # Started by the first unsaved change and not restarted by the next ones: continuous
        # typing, which keeps putting the debounce off, is still saved in time.
        self.max_wait_timer = QTimer(self)
        self.max_wait_timer.setSingleShot(True)
        self.max_wait_timer.setInterval(AUTOSAVE_MAX_WAIT_MS)
        self.max_wait_timer.timeout.connect(self._autosave)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self._autosave)
        self.basics.edited.connect(self._on_edited)
        self.basics.status_requested.connect(self._on_status_requested)
        self.minutes_tab.edited.connect(self._on_edited)
        self.amend_button.clicked.connect(self._on_amend_clicked)
        self.close_button.clicked.connect(self.close)
        self.delete_button.clicked.connect(self.delete_meeting)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.print_record_action.triggered.connect(lambda: self.print_minutes("record"))
        self.print_jiyao_action.triggered.connect(lambda: self.print_minutes("jiyao"))
        self.print_feedback_action.triggered.connect(self.print_feedback)
        self.print_signin_button.clicked.connect(self.print_signin)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_draft)
        QShortcut(QKeySequence("Ctrl+Tab"), self).activated.connect(lambda: self._step_tab(1))
        QShortcut(QKeySequence("Ctrl+Shift+Tab"), self).activated.connect(
            lambda: self._step_tab(-1)
        )
        self.reload_all()

    # Reading ---------------------------------------------------------------------------
    def reload_all(self) -> None:
        """Show the meeting as stored; what was typed and not yet saved is saved first.

        When that save fails (busy database, changed elsewhere) the fields being typed in
        keep the typed text: only the lists are reloaded.
        """
        if self.unsaved_create is not None:
            self._show_new()
            return
        keep_typed = self.draft_pending and not self.save_draft()
        details = queries.meeting_details(self.db, self.meeting_id)
        self.status = details.status
        if not keep_typed:
            self.loaded_revision = details.revision
            self.basics.load(details)
            heading = details.title or self.tr("Untitled meeting")
            self.heading.setText(f"{heading} · {format_date(details.held_on)}")
        self.agenda_tab.reload()
        self.attendance_tab.reload()
        if not keep_typed:
            self.minutes_tab.reload()
        self.outcomes_tab.reload()
        self.attachments_tab.reload()
        self.basics.show_history(status_history(self.db, meeting_id=self.meeting_id))
        self._apply_lock()

    def _show_new(self) -> None:
        """A meeting not stored yet: today's date and nothing else; the other tabs wait for
        the row, which the first thing typed creates."""
        self.basics.load(
            queries.MeetingDetails(
                title="",
                held_on=clock.today(),
                start_time=None,
                end_time=None,
                place="",
                form=MeetingForm.ONSITE,
                host_name="",
                recorder_name="",
                status=MeetingStatus.PLANNED,
                moves=frozenset(),
                revision=0,
            )
        )
        self.basics.show_history([])
        self.heading.setText(self.tr("New meeting"))
        self._enable_tabs(False)
        self._apply_lock()
        self.delete_button.setVisible(False)
        self.print_minutes_button.setEnabled(False)
        self.print_signin_button.setEnabled(False)

    def _enable_tabs(self, enabled: bool) -> None:
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, enabled)
            self.tabs.setTabToolTip(
                index, "" if enabled else self.tr("Type the meeting's details first")
            )

    def _on_tab_changed(self, _index: int) -> None:
        # Going on to the agenda or the sign-in needs the meeting stored: what was typed is.
        if self.unsaved_create is not None and self.draft_pending:
            self.save_draft()

    @property
    def is_final(self) -> bool:
        return self.status is MeetingStatus.MINUTES_FINAL

    @property
    def editable(self) -> bool:
        return not self.read_only and (not self.is_final or self.amend_reason is not None)

    def _apply_lock(self) -> None:
        editable = self.editable
        for tab in (
            self.basics,
            self.agenda_tab,
            self.attendance_tab,
            self.minutes_tab,
            self.outcomes_tab,
            self.attachments_tab,
        ):
            tab.set_editable(editable)
        for button in self.basics.status_buttons.values():
            button.setVisible(not self.read_only)
        self.amend_button.setVisible(self.is_final and not self.read_only and not editable)
        self.delete_button.setVisible(
            not self.read_only
            and self.unsaved_create is None
            and self.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED)
        )
        if self.read_only:
            self.lock_note.setText(self.tr("Read only: the room keeps these minutes."))
        elif self.is_final and editable:
            self.lock_note.setText(
                self.tr("Changes are recorded as amendments: %1").replace(
                    "%1", self.amend_reason or ""
                )
            )
        elif self.is_final:
            self.lock_note.setText(self.tr("The minutes are final."))
        else:
            self.lock_note.setText("")
        self._enable_held_prints()

    def _enable_held_prints(self) -> None:
        # Only what took place is printed; the sign-in sheet stays for a planned meeting.
        if self.status is MeetingStatus.PLANNED:
            why = self.tr(
                "The meeting has not been held yet: nothing to print but the sign-in sheet"
            )
        elif self.status is MeetingStatus.CANCELLED:
            why = self.tr("The meeting was cancelled: it has no minutes")
        else:
            why = ""
        for action in (
            self.print_record_action,
            self.print_jiyao_action,
            self.print_feedback_action,
        ):
            action.setEnabled(not why)
            action.setToolTip(why)

    # Writing ---------------------------------------------------------------------------
    def write(self, description: str, change: Change, message: QLabel | None = None) -> bool:
        """Run one change (a workflow call), given the reason when the minutes are final.

        False when nothing was saved: read only, no reason given, or the rules refused (the
        message says why).
        """
        if self.read_only:
            return False
        if self.is_final and self.amend_reason is None and not self._ask_amend_reason():
            return False
        # What was typed goes in first, so changes reach the database in the order made.
        if self.draft_pending:
            self.save_draft()
        error = self._attempt(description, change)
        if error is not None:
            if message is not None:
                show_message(message, str(error))
            else:
                QMessageBox.warning(self, self.tr("Cannot save"), str(error))
            return False
        if message is not None:
            show_message(message, "")
        self.saved_note.setText(self.tr("Saved."))
        self.meeting_saved.emit(self.meeting_id)
        return True

    def _attempt(self, description: str, change: Change) -> UserError | None:
        """Run the change with the amendment reason, if any; the refusal, or None when done."""
        reason = self.amend_reason
        amending = Amending(reason=reason, description=description) if reason else None
        try:
            change(amending)
        except UserError as exc:
            return exc
        return None

    def _ask_amend_reason(self) -> bool:
        reason = ReasonDialog.ask(
            self,
            title=self.tr("Change final minutes"),
            label=self.tr("The minutes are final. Why do they need to change?"),
        )
        if reason is None:
            return False
        self.amend_reason = reason
        self._apply_lock()
        return True

    def _on_amend_clicked(self) -> None:
        self._ask_amend_reason()

    # Saving and status changes live in draft_saving and status_changes; these are the hooks.
    def _on_edited(self) -> None:
        draft_saving.note_edited(self)

    def _autosave(self) -> None:
        draft_saving.save(self, quiet=True)

    def save_draft(self) -> bool:
        """Save what was typed in the details and the current consensus; True when saved
        (or nothing was waiting). A refusal keeps the typed text in the fields."""
        return draft_saving.save(self, quiet=False)

    def _on_status_requested(self, target: MeetingStatus) -> None:
        status_changes.change_status(self, target)

    def delete_meeting(self) -> bool:
        """删除活动 (not held yet): asks first; the meeting goes to the recycle bin."""
        return status_changes.delete_meeting(self)

    def _confirm_finalise(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Finalise minutes"),
            self.tr("After finalising, every change needs a reason and is recorded. Finalise?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    # Printing --------------------------------------------------------------------------
    def _print_name(self) -> str:
        return self.heading.text().replace(" · ", " ").strip()

    def _preview(self, kind: str, render: Callable[[Path], Path], *, word: bool = False) -> bool:
        from desktop.views.common.document_preview import preview_document, safe_file_stem

        self.save_draft()  # what was just typed belongs on paper too
        name = self._print_name()
        return preview_document(
            self,
            title=f"{kind} {name}",
            file_stem=safe_file_stem(f"{kind}-{name}"),
            render=render,
            docx_export=render if word else None,  # the suffix picks PDF or Word
        )

    def print_minutes(self, layout: Layout) -> bool:
        """Preview (and print) the minutes as they are now, in 会议记录 or 纪要 layout."""
        # reportlab and python-docx load only when someone prints.
        from desktop.documents.minutes import render_minutes

        db, meeting_id = self.db, self.meeting_id
        kind = self.tr("Formal summary") if layout == "jiyao" else self.tr("Minutes")
        return self._preview(
            kind,
            lambda path: render_minutes(db=db, meeting_id=meeting_id, path=path, layout=layout),
            word=True,
        )

    def print_signin(self) -> bool:
        """Preview (and print) the sign-in sheet of the expected people."""
        from desktop.documents.signin import render_signin

        db, meeting_id = self.db, self.meeting_id
        return self._preview(
            self.tr("Sign-in sheet"),
            lambda path: render_signin(db=db, meeting_id=meeting_id, path=path),
        )

    def print_feedback(self) -> bool:
        """Preview (and print) the 成果反馈公示 for the notice board, personal data masked."""
        from desktop.documents.feedback import render_feedback

        db, meeting_id = self.db, self.meeting_id
        return self._preview(
            self.tr("Outcome feedback notice"),
            lambda path: render_feedback(db=db, meeting_id=meeting_id, path=path),
        )

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing never loses typed text: what was typed is saved first.
        if self.save_draft():
            event.accept()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Not saved"),
            self.tr("What you typed could not be saved. Close anyway and discard it?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:
        # Escape closes like the close button, through closeEvent (which saves).
        self.close()
