"""The 基本信息 tab: the meeting's date, times, place, form, title, host, recorder and status."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import format_date
from desktop.models.enums import MeetingForm, MeetingStatus
from desktop.queries.history import StatusLine
from desktop.queries.meetings import MeetingDetails
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label, to_date, to_qdate
from desktop.views.common.typed_dates import DateEdit, TimeEdit


class BasicsTab(QWidget):
    """基本信息: date, times, place, form, title, host, recorder and the status moves."""

    edited = Signal()
    status_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = DateEdit(display_format=self.tr("yyyy-MM-dd"))
        self.date_message = message_label()
        # 00:00 stands for "not set": no consultation starts at midnight.
        self.start_edit = TimeEdit(not_set=self.tr("not set"))
        self.end_edit = TimeEdit(not_set=self.tr("not set"))
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
        self.history_heading = QLabel(self.tr("Status history"))
        self.history_heading.setFont(scaled_font(self.history_heading, 1.05, bold=True))
        self.history_label = QLabel()
        self.history_label.setObjectName("mutedText")
        self.history_label.setWordWrap(True)
        layout.addSpacing(8)
        layout.addWidget(self.history_heading)
        layout.addWidget(self.history_label)
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

    def load(self, meeting: MeetingDetails) -> None:
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
        self.show_status(meeting.status, meeting.moves)

    @staticmethod
    def _qtime(value: time | None) -> QTime:
        return QTime(0, 0) if value is None else QTime(value.hour, value.minute)

    @staticmethod
    def _time(edit: TimeEdit) -> time | None:
        value = edit.time()
        return None if value == QTime(0, 0) else time(value.hour(), value.minute())

    def values(self) -> dict[str, Any]:
        """The fields as typed; the workflow refuses times that contradict each other."""
        return {
            "held_on": to_date(self.date_edit),
            "start_time": self._time(self.start_edit),
            "end_time": self._time(self.end_edit),
            "place": self.place_edit.text(),
            "form": self.form_combo.currentData(),
            "title": self.title_edit.text(),
            "host_name": self.host_edit.text(),
            "recorder_name": self.recorder_edit.text(),
        }

    def show_status(self, status: MeetingStatus, moves: frozenset[MeetingStatus]) -> None:
        self.status_label.setText(status.label)
        # The window's focus widget, kept while a question about the move is still on top.
        had_focus = self.window().focusWidget() in self.status_buttons.values()
        for button in self.status_buttons.values():
            self.status_buttons_row.removeWidget(button)
            # Hidden at once: until deleted it would still take the focus on Tab.
            button.hide()
            button.deleteLater()
        self.status_buttons = {}
        for target in MeetingStatus:
            if target not in moves:
                continue
            button = QPushButton(self._status_action(target))
            if target is MeetingStatus.PLANNED:
                # Back to 计划 is a take-back, asked with a reason (desktop.rules.meetings).
                button.setText(
                    self.tr("Undo cancellation…")
                    if status is MeetingStatus.CANCELLED
                    else self.tr("Undo held…")
                )
            if target in (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL):
                button.setObjectName("primaryButton")
            button.clicked.connect(lambda _=False, t=target: self.status_requested.emit(t))
            self.status_buttons_row.addWidget(button)
            self.status_buttons[target] = button
        # New buttons would join the end of the window's Tab chain, after 关闭: Tab goes from
        # the last field to the status moves, as they are read on the screen.
        previous: QWidget = self.recorder_edit
        for button in self.status_buttons.values():
            self.setTabOrder(previous, button)
            previous = button
        if had_focus and self.status_buttons:
            # The move just made took its button away: the keyboard stays on the next step.
            primary = [b for b in self.status_buttons.values() if b.objectName() == "primaryButton"]
            (primary or list(self.status_buttons.values()))[0].setFocus()

    def show_history(self, lines: list[StatusLine]) -> None:
        """The 状态变更记录: date, from → to, and the reason of a take-back (hidden when none)."""
        self.history_label.setText(
            "\n".join(
                f"{format_date(line.at.astimezone().date())} {line.from_label} → {line.to_label}"
                + (f"（{line.reason}）" if line.reason else "")
                for line in lines
            )
        )
        self.history_heading.setVisible(bool(lines))
        self.history_label.setVisible(bool(lines))

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
