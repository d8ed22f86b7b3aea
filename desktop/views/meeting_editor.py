"""The meeting editor: details, agenda, sign-in, speeches and consensus, outcomes, attachments.

Every change goes through `MeetingEditor.write`, one unit of work per user action; once the
minutes are final, the same unit of work also records the amendment and its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models import AgendaItem, Meeting, Topic
from desktop.models.enums import MeetingForm, MeetingStatus
from desktop.queries import meetings as queries
from desktop.views.empty_state import scaled_font
from desktop.views.forms import FormDialog, message_label, show_message, to_date, to_qdate
from desktop.views.icons import icon
from desktop.views.query_table_model import ColumnSpec, QueryTableModel, record_table
from desktop.workflow import agenda
from desktop.workflow import meetings as meeting_rules

if TYPE_CHECKING:
    from desktop.documents.minutes import Layout

T = TypeVar("T")
# Typed text reaches the database this long after the last keystroke.
AUTOSAVE_MS = 3000


def table_view(model: QueryTableModel, *, multi: bool = False) -> QTableView:
    """A plain read-only table over a query model, rows selected whole."""
    view = record_table(model, multi=multi, sortable=False)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def selected_ids(view: QTableView, model: QueryTableModel) -> list[str]:
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    return [str(model.row_at(row).id) for row in rows]


class ReasonDialog(FormDialog):
    """Asks for a reason (leave of absence, amending final minutes); refuses an empty one."""

    def __init__(self, *, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.reason_edit = QLineEdit()
        self.message = message_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _on_accepted(self) -> None:
        if not self.reason_edit.text().strip():
            show_message(self.message, self.tr("Please give a reason."))
            return
        self.accept()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, label: str) -> str | None:
        """The reason typed, or None when the user cancels."""
        dialog = cls(title=title, label=label, parent=parent)
        try:
            return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class BasicsTab(QWidget):
    """基本信息: date, times, place, form, title, host, recorder and the status moves."""

    edited = Signal()
    status_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(self.tr("yyyy-MM-dd"))
        self.date_message = message_label()
        self.start_edit = QTimeEdit()
        self.end_edit = QTimeEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
            # 00:00 stands for "not set": no consultation starts at midnight.
            edit.setSpecialValueText(self.tr("not set"))
            edit.setMinimumTime(QTime(0, 0))
        self.time_message = message_label()
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("e.g. the village committee meeting room"))
        self.form_combo = QComboBox()
        for form in MeetingForm:
            self.form_combo.addItem(form.label, form)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. consultation on installing lifts"))
        self.host_edit = QLineEdit()
        self.recorder_edit = QLineEdit()

        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("—"))
        times.addWidget(self.end_edit)
        times.addStretch(1)
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        fields.addRow(self.tr("Title"), self.title_edit)
        fields.addRow(self.tr("Date"), self.date_edit)
        fields.addRow("", self.date_message)
        fields.addRow(self.tr("Time"), times)
        fields.addRow("", self.time_message)
        fields.addRow(self.tr("Place"), self.place_edit)
        fields.addRow(self.tr("Form"), self.form_combo)
        fields.addRow(self.tr("Host"), self.host_edit)
        fields.addRow(self.tr("Recorder"), self.recorder_edit)

        self.status_label = QLabel()
        self.status_label.setFont(scaled_font(self.status_label, 1.1, bold=True))
        self.status_buttons_row = QHBoxLayout()
        self.status_buttons: dict[MeetingStatus, QPushButton] = {}
        self.status_message = message_label()
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel(self.tr("Status:")))
        status_row.addWidget(self.status_label)
        status_row.addSpacing(16)
        status_row.addLayout(self.status_buttons_row)
        status_row.addStretch(1)

        # A calm column rather than fields stretched across a wide screen.
        column = QWidget()
        column.setMaximumWidth(760)
        column.setLayout(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(column)
        layout.addSpacing(12)
        layout.addLayout(status_row)
        layout.addWidget(self.status_message)
        layout.addStretch(1)

        self.setTabOrder(self.title_edit, self.date_edit)
        self.setTabOrder(self.date_edit, self.start_edit)
        self.setTabOrder(self.start_edit, self.end_edit)
        self.setTabOrder(self.end_edit, self.place_edit)
        self.setTabOrder(self.place_edit, self.form_combo)
        self.setTabOrder(self.form_combo, self.host_edit)
        self.setTabOrder(self.host_edit, self.recorder_edit)

        for line in (self.place_edit, self.title_edit, self.host_edit, self.recorder_edit):
            line.textEdited.connect(self.edited)
        self.date_edit.dateChanged.connect(self.edited)
        self.start_edit.timeChanged.connect(self.edited)
        self.end_edit.timeChanged.connect(self.edited)
        self.form_combo.activated.connect(self.edited)

    def load(self, meeting: Meeting) -> None:
        widgets = (
            self.date_edit,
            self.start_edit,
            self.end_edit,
            self.form_combo,
            self.place_edit,
            self.title_edit,
            self.host_edit,
            self.recorder_edit,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.date_edit.setDate(to_qdate(meeting.held_on))
        self.start_edit.setTime(self._qtime(meeting.start_time))
        self.end_edit.setTime(self._qtime(meeting.end_time))
        self.form_combo.setCurrentIndex(self.form_combo.findData(meeting.form))
        self.place_edit.setText(meeting.place)
        self.title_edit.setText(meeting.title)
        self.host_edit.setText(meeting.host_name)
        self.recorder_edit.setText(meeting.recorder_name)
        for widget in widgets:
            widget.blockSignals(False)
        self.show_status(meeting.status)

    @staticmethod
    def _qtime(value: time | None) -> QTime:
        return QTime(0, 0) if value is None else QTime(value.hour, value.minute)

    @staticmethod
    def _time(edit: QTimeEdit) -> time | None:
        value = edit.time()
        return None if value == QTime(0, 0) else time(value.hour(), value.minute())

    def values(self) -> dict[str, Any]:
        """The fields as typed; times that contradict each other are left out (and flagged)."""
        values: dict[str, Any] = {
            "held_on": to_date(self.date_edit),
            "place": self.place_edit.text(),
            "form": self.form_combo.currentData(),
            "title": self.title_edit.text(),
            "host_name": self.host_edit.text(),
            "recorder_name": self.recorder_edit.text(),
        }
        start, end = self._time(self.start_edit), self._time(self.end_edit)
        if start is not None and end is not None and end < start:
            show_message(self.time_message, self.tr("The end time is before the start time."))
        else:
            show_message(self.time_message, "")
            values["start_time"] = start
            values["end_time"] = end
        return values

    def show_status(self, status: MeetingStatus) -> None:
        self.status_label.setText(status.label)
        for button in self.status_buttons.values():
            self.status_buttons_row.removeWidget(button)
            button.deleteLater()
        self.status_buttons = {}
        for target in MeetingStatus:
            if target not in meeting_rules.TRANSITIONS[status]:
                continue
            button = QPushButton(self._status_action(target))
            if target in (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL):
                button.setObjectName("primaryButton")
            button.clicked.connect(lambda _=False, t=target: self.status_requested.emit(t))
            self.status_buttons_row.addWidget(button)
            self.status_buttons[target] = button

    def _status_action(self, target: MeetingStatus) -> str:
        return {
            MeetingStatus.PLANNED: self.tr("Plan again"),
            MeetingStatus.HELD: self.tr("Mark as held"),
            MeetingStatus.MINUTES_DRAFTED: self.tr("Minutes drafted"),
            MeetingStatus.MINUTES_FINAL: self.tr("Finalise minutes"),
            MeetingStatus.CANCELLED: self.tr("Cancel meeting"),
        }[target]

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.date_edit,
            self.start_edit,
            self.end_edit,
            self.form_combo,
            self.place_edit,
            self.title_edit,
            self.host_edit,
            self.recorder_edit,
        ):
            widget.setEnabled(editable)


class AgendaTab(QWidget):
    """议程: the room's ready topics or an immediate one onto the agenda; order; removal."""

    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__()
        self._editor = editor
        self.model = QueryTableModel(
            editor.db,
            [
                ColumnSpec(self.tr("No."), lambda r: str(r.position)),
                ColumnSpec(
                    self.tr("Topic"),
                    lambda r: r.title + (self.tr(" (immediate)") if r.immediate else ""),
                ),
                ColumnSpec(self.tr("Topic status"), lambda r: r.topic_status.label),
                ColumnSpec(
                    self.tr("Consensus"), lambda r: r.consensus.label if r.consensus else ""
                ),
            ],
            self,
        )
        self.view = table_view(self.model)
        self.view.setColumnWidth(0, 50)
        self.view.setColumnWidth(1, 420)
        self.topic_combo = QComboBox()
        self.topic_combo.setMinimumWidth(320)
        self.add_topic_button = QPushButton(self.tr("Add to agenda"))
        self.immediate_edit = QLineEdit()
        self.immediate_edit.setPlaceholderText(
            self.tr("Immediate consultation: type a topic raised on the spot, press Enter")
        )
        self.add_immediate_button = QPushButton(self.tr("Add immediate topic"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.message = message_label()

        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("Topic:")))
        add_row.addWidget(self.topic_combo, 1)
        add_row.addWidget(self.add_topic_button)
        immediate_row = QHBoxLayout()
        immediate_row.addWidget(self.immediate_edit, 1)
        immediate_row.addWidget(self.add_immediate_button)
        order_row = QHBoxLayout()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        order_row.addWidget(self.remove_button)
        order_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addLayout(immediate_row)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(order_row)

        self.add_topic_button.clicked.connect(self._on_add_topic)
        self.add_immediate_button.clicked.connect(self._on_add_immediate)
        self.immediate_edit.returnPressed.connect(self._on_add_immediate)
        self.up_button.clicked.connect(lambda: self._on_move(-1))
        self.down_button.clicked.connect(lambda: self._on_move(+1))
        self.remove_button.clicked.connect(self._on_remove)

    def reload(self) -> None:
        self.model.set_query(queries.agenda_statement(self._editor.meeting_id))
        with self._editor.db.session() as session:
            meeting = session.get_one(Meeting, self._editor.meeting_id)
            choices = queries.candidate_topics(session, meeting)
        self.topic_combo.clear()
        for choice in choices:
            suffix = self.tr(" (immediate)") if choice.immediate else ""
            self.topic_combo.addItem(f"{choice.title}{suffix} · {choice.status_label}", choice.id)
        self.add_topic_button.setEnabled(bool(choices) and self._editor.editable)

    def _on_add_topic(self) -> None:
        topic_id = self.topic_combo.currentData()
        if topic_id is None:
            return

        def add(session: Session, meeting: Meeting) -> AgendaItem:
            return agenda.add_topic(session, meeting, session.get_one(Topic, topic_id))

        if self._editor.write(self.tr("Added a topic to the agenda"), add, self.message):
            self._editor.reload_all()

    def _on_add_immediate(self) -> None:
        title = self.immediate_edit.text()

        def add(session: Session, meeting: Meeting) -> AgendaItem:
            return agenda.add_immediate_topic(
                session, meeting, title=title, raised_on=meeting.held_on
            )

        if self._editor.write(self.tr("Added an immediate topic"), add, self.message):
            self.immediate_edit.clear()
            self._editor.reload_all()

    def _current_id(self) -> str | None:
        ids = selected_ids(self.view, self.model)
        return ids[0] if ids else None

    def _on_move(self, step: int) -> None:
        item_id = self._current_id()
        if item_id is None:
            return

        def move(session: Session, _meeting: Meeting) -> bool:
            agenda.move_item(session, session.get_one(AgendaItem, item_id), step)
            return True

        if self._editor.write(self.tr("Reordered the agenda"), move, self.message):
            self._editor.reload_all()
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).id == item_id:
                    self.view.selectRow(row)

    def _on_remove(self) -> None:
        item_id = self._current_id()
        if item_id is None:
            return

        def remove(session: Session, _meeting: Meeting) -> bool:
            agenda.remove_item(session, session.get_one(AgendaItem, item_id))
            return True

        if self._editor.write(self.tr("Removed a topic from the agenda"), remove, self.message):
            self._editor.reload_all()

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.topic_combo,
            self.add_topic_button,
            self.immediate_edit,
            self.add_immediate_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            widget.setEnabled(editable)


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
        # Imported here: the tabs import this module for its helpers.
        from desktop.views.meeting_attachments_tab import AttachmentsTab
        from desktop.views.meeting_attendance_tab import AttendanceTab
        from desktop.views.meeting_minutes_tab import MinutesTab, OutcomesTab

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
        with self.db.session() as session:
            meeting = session.get_one(Meeting, self.meeting_id)
            self.status = meeting.status
            self.basics.load(meeting)
            heading = meeting.title or self.tr("Untitled meeting")
            self.heading.setText(f"{heading} · {format_date(meeting.held_on)}")
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
    def write(
        self,
        description: str,
        action: Callable[[Session, Meeting], T],
        message: QLabel | None = None,
    ) -> T | None:
        """Run one change in one unit of work; final minutes also get the amendment.

        Returns the action's result, or None when the rules refused (the message is shown).
        """
        if self.read_only:
            return None
        if self.is_final and self.amend_reason is None and not self._ask_amend_reason():
            return None
        try:
            with self.db.session() as session:
                meeting = session.get_one(Meeting, self.meeting_id)
                amendment = None
                if self.is_final and self.amend_reason:
                    # Added first: the lock refuses any flush of changes without it.
                    amendment = meeting_rules.amend(
                        session, meeting, reason=self.amend_reason, description=description
                    )
                    # The lock wants the change and its amendment in one flush.
                    with session.no_autoflush:
                        result = action(session, meeting)
                else:
                    result = action(session, meeting)
                if result is False and amendment is not None and amendment in session.new:
                    session.expunge(amendment)  # nothing changed: nothing to record
        except UserError as exc:
            if message is not None:
                show_message(message, str(exc))
            else:
                QMessageBox.warning(self, self.tr("Cannot save"), str(exc))
            return None
        if message is not None:
            show_message(message, "")
        self.saved_note.setText(self.tr("Saved."))
        self.meeting_saved.emit(self.meeting_id)
        return result

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

        def save(session: Session, meeting: Meeting) -> bool:
            changed = agenda.update_details(meeting, **values)
            if consensus is not None:
                item = session.get_one(AgendaItem, consensus.item_id)
                if agenda.set_consensus(
                    item,
                    consensus=consensus.consensus,
                    text=consensus.text,
                    votes_for=consensus.votes_for,
                    votes_against=consensus.votes_against,
                    votes_abstain=consensus.votes_abstain,
                ):
                    changed.append("consensus")
            return bool(changed)

        result = self.write(self.tr("Edited the details or the consensus"), save)
        if result is not None:
            heading = values["title"].strip() or self.tr("Untitled meeting")
            self.heading.setText(f"{heading} · {format_date(values['held_on'])}")
        return result is not None

    def _on_status_requested(self, target: MeetingStatus) -> None:
        if not self.save_draft():
            return
        if target is MeetingStatus.MINUTES_FINAL and not self._confirm_finalise():
            return
        show_message(self.basics.date_message, "")

        def move(session: Session, meeting: Meeting) -> bool:
            agenda.change_status(session, meeting, target)
            return True

        try:
            with self.db.session() as session:
                move(session, session.get_one(Meeting, self.meeting_id))
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
        from desktop.views.document_preview import preview_document, safe_file_stem

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
