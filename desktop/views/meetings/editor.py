"""The meeting editor: details, agenda, sign-in, speeches and consensus, outcomes, attachments.

Every change goes through `MeetingEditor.write`, one workflow call per user action; once the
minutes are final, it asks for the reason once and hands it to every later change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

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

from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import MeetingStatus
from desktop.queries import Database
from desktop.queries import meetings as queries
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import show_message
from desktop.views.common.icons import icon
from desktop.views.meetings.agenda_tab import AgendaTab
from desktop.views.meetings.attachments_tab import AttachmentsTab
from desktop.views.meetings.attendance_tab import AttendanceTab
from desktop.views.meetings.basics_tab import BasicsTab
from desktop.views.meetings.editing import Change
from desktop.views.meetings.minutes_tab import MinutesTab, OutcomesTab
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.workflow import agenda
from desktop.workflow.meetings import Amending

if TYPE_CHECKING:
    from desktop.documents.minutes import Layout

# ReasonDialog is re-exported: the editor is where callers and tests look for it.
__all__ = ["AUTOSAVE_MS", "MeetingEditor", "ReasonDialog"]

# Typed text reaches the database this long after the last keystroke.
AUTOSAVE_MS = 3000


class MeetingEditor(QDialog):
    """One meeting in tabs; keeps a draft while typing and saves on closing."""

    meeting_saved = Signal(str)

    def __init__(
        self,
        db: Database,
        meeting_id: str,
        *,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        self.read_only = read_only
        self.status = MeetingStatus.PLANNED
        # Set once the user gave a reason to change final minutes; used for every later change.
        self.amend_reason: str | None = None
        # Typed and not yet in the database (the autosave timer is running).
        self.draft_pending = False
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
        # Printing: the minutes in either layout, and the sign-in sheet for the door.
        self.print_minutes_button = QPushButton(icon("print"), self.tr("Print minutes…"))
        print_menu = QMenu(self.print_minutes_button)
        self.print_record_action = print_menu.addAction(self.tr("Meeting record"))
        self.print_jiyao_action = print_menu.addAction(self.tr("Formal summary"))
        self.print_feedback_action = print_menu.addAction(self.tr("Outcome feedback notice"))
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
        bottom.addWidget(self.print_signin_button)
        bottom.addWidget(self.print_minutes_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.save_draft)
        self.basics.edited.connect(self._on_edited)
        self.basics.status_requested.connect(self._on_status_requested)
        self.minutes_tab.edited.connect(self._on_edited)
        self.amend_button.clicked.connect(self._on_amend_clicked)
        self.close_button.clicked.connect(self.close)
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
        """Show the meeting as stored; what was typed and not yet saved is saved first."""
        if self.draft_pending:
            self.save_draft()
        details = queries.meeting_details(self.db, self.meeting_id)
        self.status = details.status
        self.basics.load(details)
        heading = details.title or self.tr("Untitled meeting")
        self.heading.setText(f"{heading} · {format_date(details.held_on)}")
        self.agenda_tab.reload()
        self.attendance_tab.reload()
        self.minutes_tab.reload()
        self.outcomes_tab.reload()
        self.attachments_tab.reload()
        self._apply_lock()

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
        reason = self.amend_reason
        amending = Amending(reason=reason, description=description) if reason else None
        try:
            change(amending)
        except UserError as exc:
            if message is not None:
                show_message(message, str(exc))
            else:
                QMessageBox.warning(self, self.tr("Cannot save"), str(exc))
            return False
        if message is not None:
            show_message(message, "")
        self.saved_note.setText(self.tr("Saved."))
        self.meeting_saved.emit(self.meeting_id)
        return True

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

    def _on_edited(self) -> None:
        self.saved_note.setText(self.tr("Editing…"))
        self.draft_pending = True
        self.autosave_timer.start()

    def save_draft(self) -> bool:
        """Save what was typed in the details and the current consensus; True when saved."""
        self.autosave_timer.stop()
        if not self.editable:
            return True
        self.draft_pending = False
        values = self.basics.values()
        consensus = self.minutes_tab.pending_consensus()
        saved = self.write(
            self.tr("Edited the details or the consensus"),
            lambda amending: agenda.save_draft(
                self.db,
                self.meeting_id,
                details=values,
                consensus=consensus,
                amending=amending,
            ),
        )
        if saved:
            heading = values["title"].strip() or self.tr("Untitled meeting")
            self.heading.setText(f"{heading} · {format_date(values['held_on'])}")
        return saved

    def _on_status_requested(self, target: MeetingStatus) -> None:
        if not self.save_draft():
            return
        if target is MeetingStatus.MINUTES_FINAL and not self._confirm_finalise():
            return
        show_message(self.basics.date_message, "")
        try:
            agenda.set_meeting_status(self.db, self.meeting_id, target=target)
        except UserError as exc:
            # Date problems belong next to the date; the rest under the status buttons.
            near = self.basics.date_message if "日期" in str(exc) else self.basics.status_message
            show_message(near, str(exc))
            return
        show_message(self.basics.status_message, "")
        self.amend_reason = None
        self.meeting_saved.emit(self.meeting_id)
        self.reload_all()

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
