"""The outcomes page's detail panel: one outcome's follow-up, its timeline and next steps."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import format_date
from desktop.models.enums import OutcomeStatus
from desktop.queries import Database
from desktop.queries import outcomes as queries
from desktop.queries.supervision import actions_list
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import OVERDUE_RED, ColumnSpec, QueryTableModel
from desktop.views.outcomes.dialogs import (
    CompleteDialog,
    EscalateDialog,
    FeedbackDialog,
    NotPossibleDialog,
    ProgressDialog,
)


def _label(value: Any) -> str:
    return "" if value is None else str(value.label)


class OutcomeDetailPanel(QFrame):
    """One outcome: what, who, by when, where it stands, its timeline and what can be done."""

    action_requested = Signal(type)  # the OutcomeActionDialog subclass to open
    print_feedback_requested = Signal(str)  # the meeting whose 成果反馈公示 to print

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.setObjectName("figureCard")
        self.detail: queries.OutcomeDetail | None = None

        self.placeholder = QLabel(self.tr("Choose an outcome in the list to follow it up."))
        self.placeholder.setObjectName("mutedText")
        self.placeholder.setWordWrap(True)
        self.content_label = QLabel()
        self.content_label.setWordWrap(True)
        self.content_label.setFont(scaled_font(self.content_label, 1.15, bold=True))
        self.content_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, caption in (
            ("origin", self.tr("Topic")),
            ("room", self.tr("Room")),
            ("agreed_on", self.tr("Agreed on")),
            ("responsible", self.tr("Responsible")),
            ("deadline", self.tr("Deadline")),
            ("status", self.tr("Status")),
            ("result", self.tr("Result")),
            ("feedback", self.tr("Feedback")),
            ("escalation", self.tr("Escalated")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(QLabel(caption), value)
        self._form = form

        self.progress_button = QPushButton(
            icon("progress", color="#ffffff"), self.tr("Add progress")
        )
        self.progress_button.setObjectName("primaryButton")
        self.progress_button.setToolTip(self.tr("Add a dated progress note (Ctrl+N)"))
        self.complete_button = QPushButton(icon("complete"), self.tr("Completed…"))
        self.not_possible_button = QPushButton(icon("not_possible"), self.tr("Cannot be done…"))
        self.feedback_button = QPushButton(icon("feedback"), self.tr("Feedback…"))
        self.escalate_button = QPushButton(icon("escalate"), self.tr("Escalate…"))
        self.print_feedback_button = QPushButton(icon("print"), self.tr("Print feedback notice…"))
        self.print_feedback_button.setToolTip(
            self.tr("Print the outcome feedback notice of the meeting that agreed this outcome")
        )
        self.print_feedback_button.clicked.connect(self._on_print_feedback)
        for button, dialog in (
            (self.progress_button, ProgressDialog),
            (self.complete_button, CompleteDialog),
            (self.not_possible_button, NotPossibleDialog),
            (self.feedback_button, FeedbackDialog),
            (self.escalate_button, EscalateDialog),
        ):
            button.clicked.connect(lambda _checked=False, d=dialog: self.action_requested.emit(d))
        # Two rows, so the panel stays narrow enough for the list beside it at 1366×768.
        actions = QVBoxLayout()
        actions.setSpacing(6)
        first_row = QHBoxLayout()
        first_row.addWidget(self.progress_button)
        first_row.addStretch(1)
        first_row.addWidget(self.print_feedback_button)
        second_row = QHBoxLayout()
        second_row.setSpacing(6)
        for button in (
            self.complete_button,
            self.not_possible_button,
            self.feedback_button,
            self.escalate_button,
        ):
            second_row.addWidget(button)
        second_row.addStretch(1)
        actions.addLayout(first_row)
        actions.addLayout(second_row)
        self.ownership_note = QLabel(
            self.tr(
                "This outcome belongs to its consultation room: the district office can add "
                "progress notes; the room records completion, feedback and escalation."
            )
        )
        self.ownership_note.setObjectName("mutedText")
        self.ownership_note.setWordWrap(True)

        timeline_title = QLabel(self.tr("Progress (newest first)"))
        timeline_title.setFont(scaled_font(timeline_title, 1.0, bold=True))
        self.timeline_model = QueryTableModel(
            db,
            [
                ColumnSpec(self.tr("Date"), lambda row: format_date(row.noted_on)),
                ColumnSpec(self.tr("Progress"), lambda row: row.text),
                ColumnSpec(self.tr("By"), lambda row: row.author_name),
            ],
        )
        self.timeline = QTableView()
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Read-only lines: Tab goes on to the next button, never cell by cell through them.
        self.timeline.setTabKeyNavigation(False)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().hide()
        self.timeline.setMinimumHeight(150)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        # The district's 督办记录: written there only, shown here read-only (in a room too).
        self.supervision_title = QLabel(self.tr("Supervision by the district (newest first)"))
        self.supervision_title.setFont(scaled_font(self.supervision_title, 1.0, bold=True))
        self.supervision_model = QueryTableModel(
            db,
            [
                ColumnSpec(self.tr("Date"), lambda row: format_date(row.acted_on)),
                ColumnSpec(self.tr("How"), lambda row: row.method.label),
                ColumnSpec(self.tr("Result"), lambda row: row.result),
                ColumnSpec(self.tr("By"), lambda row: row.supervised_by),
            ],
        )
        self.supervision = QTableView()
        self.supervision.setModel(self.supervision_model)
        self.supervision.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Read-only lines: Tab goes on to the next button, never cell by cell through them.
        self.supervision.setTabKeyNavigation(False)
        self.supervision.setWordWrap(True)
        self.supervision.verticalHeader().hide()
        supervision_header = self.supervision.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            supervision_header.setSectionResizeMode(column, mode)
        self.supervision.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        body.addWidget(self.content_label)
        body.addLayout(form)
        body.addLayout(actions)
        body.addWidget(self.ownership_note)
        # Few, and what the district did about this outcome: above the longer timeline.
        body.addWidget(self.supervision_title)
        body.addWidget(self.supervision)
        body.addWidget(timeline_title)
        body.addWidget(self.timeline, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body, 1)
        self.show_outcome(None)

    def _on_print_feedback(self) -> None:
        if self.detail is not None and self.detail.meeting_id is not None:
            self.print_feedback_requested.emit(self.detail.meeting_id)

    def show_outcome(self, detail: queries.OutcomeDetail | None) -> None:
        self.detail = detail
        self.placeholder.setVisible(detail is None)
        self.body.setVisible(detail is not None)
        if detail is None:
            return
        self.content_label.setText(detail.content)
        f = self.fields
        f["origin"].setText(detail.origin)
        f["room"].setText(detail.room_name)
        f["agreed_on"].setText(format_date(detail.agreed_on))
        f["responsible"].setText(
            " · ".join(p for p in (detail.responsible_unit, detail.responsible_person) if p)
        )
        deadline = format_date(detail.deadline) or self.tr("none")
        if detail.overdue:
            deadline += "  " + self.tr("(overdue)")
        f["deadline"].setText(deadline)
        f["deadline"].setStyleSheet(f"color: {OVERDUE_RED.name()};" if detail.overdue else "")
        status = detail.status.label
        if detail.status is OutcomeStatus.NOT_POSSIBLE and detail.not_possible_reason:
            status += f"：{detail.not_possible_reason}"
        f["status"].setText(status)
        result = ""
        if detail.result_class is not None:
            result = f"{detail.result_class.label}（{format_date(detail.completed_on)}）"
        f["result"].setText(result or "—")
        feedback = "—"
        if detail.feedback:
            feedback = f"{format_date(detail.fed_back_on)}：{detail.feedback}"
            satisfaction = _label(detail.satisfaction) or self.tr("satisfaction not yet known")
            feedback += f"（{satisfaction}）"
        f["feedback"].setText(feedback)
        escalation = "—"
        if detail.escalation_kind is not None:
            escalation = (
                f"{detail.escalation_kind.label} {detail.escalation_ref}"
                f"（{format_date(detail.escalated_on)}）"
            )
        f["escalation"].setText(escalation)

        owned = detail.owned
        # The room owns its outcomes; elsewhere only the append-only timeline can grow.
        self.complete_button.setVisible(owned)
        self.not_possible_button.setVisible(owned)
        self.feedback_button.setVisible(owned)
        self.escalate_button.setVisible(owned)
        self.ownership_note.setVisible(not owned)
        self.complete_button.setEnabled(OutcomeStatus.COMPLETED in detail.allowed)
        self.not_possible_button.setEnabled(OutcomeStatus.NOT_POSSIBLE in detail.allowed)
        self.feedback_button.setEnabled(detail.can_feed_back)
        self.escalate_button.setEnabled(detail.can_escalate)
        # Only a meeting's outcomes have a feedback notice (not an activity's or a case's).
        self.print_feedback_button.setVisible(detail.meeting_id is not None)
        self.timeline_model.set_query(queries.progress_list(detail.id))
        self.supervision_model.set_query(actions_list(detail.id))
        supervised = self.supervision_model.total() > 0
        self.supervision_title.setVisible(supervised)
        self.supervision.setVisible(supervised)
        if supervised:
            # As tall as its rows (a few), so the timeline below keeps the room.
            self.supervision.resizeRowsToContents()
            rows = self.supervision.verticalHeader().length()
            header = self.supervision.horizontalHeader().height()
            frame = 2 * self.supervision.frameWidth()
            self.supervision.setFixedHeight(min(rows + header + frame + 2, 160))
