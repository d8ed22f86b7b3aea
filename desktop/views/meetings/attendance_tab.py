"""The 签到 tab: expected people pre-filled, many signed in at once, leave, walk-ins, counts."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import format_time, unit_and_post
from desktop.models.enums import AttendanceStatus
from desktop.queries import meetings as queries
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label
from desktop.views.common.query_table_model import (
    OVERDUE_RED,
    ColumnSpec,
    QueryTableModel,
    selected_ids,
    table_view,
)
from desktop.views.meetings.editing import MeetingEditing
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.workflow import attendance


class AttendanceTab(QWidget):
    """Who is expected, who came (签到), who is on leave (请假) and who did not come."""

    def __init__(self, editor: MeetingEditing) -> None:
        super().__init__()
        self._editor = editor
        self._db, self._meeting_id = editor.db, editor.meeting_id
        # Before the meeting's day, not signed in yet is no absence (set on reload).
        self._awaiting = False
        self.model = QueryTableModel(
            editor.db,
            [
                ColumnSpec(self.tr("Name"), lambda r: r.person_name),
                ColumnSpec(
                    self.tr("Unit / position"),
                    lambda r: unit_and_post(r.person_unit, r.person_position),
                ),
                ColumnSpec(self.tr("Role"), lambda r: r.role.label),
                ColumnSpec(
                    self.tr("Attendance"),
                    self._status_text,
                    foreground=lambda r: OVERDUE_RED if self._absent(r) else None,
                ),
                ColumnSpec(self.tr("Signed in"), lambda r: format_time(r.signed_in_at)),
                ColumnSpec(
                    self.tr("Expected"),
                    lambda r: self.tr("expected") if r.expected else self.tr("walk-in"),
                ),
                ColumnSpec(self.tr("Reason for leave"), lambda r: r.leave_reason or ""),
            ],
            self,
        )
        # Tab leaves the list for the buttons under it (record_table), arrows walk the rows.
        self.view = table_view(self.model, multi=True)
        self.view.setColumnWidth(0, 110)
        self.view.setColumnWidth(1, 220)
        self.view.setColumnWidth(2, 120)
        self.counts_label = QLabel()
        self.counts_label.setFont(scaled_font(self.counts_label, 1.1, bold=True))
        self.prefill_button = QPushButton(self.tr("Fill in expected people"))
        self.prefill_button.setToolTip(
            self.tr(
                "Members assigned to this room or its area, and the participants who came to "
                "any of the room's last three meetings"
            )
        )
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("primaryButton")
        self.sign_in_button.setToolTip(self.tr("Mark the selected people present, now"))
        self.leave_button = QPushButton(self.tr("On leave…"))
        self.absent_button = QPushButton(self.tr("Absent"))
        self.remove_button = QPushButton(self.tr("Remove from list"))
        self.invite_combo = QComboBox()
        self.invite_combo.setMinimumWidth(260)
        self.invite_button = QPushButton(self.tr("Add as expected"))
        self.walk_in_edit = QLineEdit()
        self.walk_in_edit.setPlaceholderText(
            self.tr("Walk-in: type the name, a space, then unit/position, and press Enter")
        )
        self.walk_in_button = QPushButton(self.tr("Add walk-in"))
        self.message = message_label()

        actions = QHBoxLayout()
        actions.addWidget(self.sign_in_button)
        actions.addWidget(self.leave_button)
        actions.addWidget(self.absent_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        actions.addWidget(self.counts_label)
        invite = QHBoxLayout()
        invite.addWidget(self.prefill_button)
        invite.addSpacing(16)
        invite.addWidget(self.invite_combo, 1)
        invite.addWidget(self.invite_button)
        walk_in = QHBoxLayout()
        walk_in.addWidget(self.walk_in_edit, 1)
        walk_in.addWidget(self.walk_in_button)
        layout = QVBoxLayout(self)
        layout.addLayout(invite)
        layout.addLayout(walk_in)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

        # Tab follows the screen: the invitation row, the walk-in line, the list, its actions.
        order = (
            self.prefill_button,
            self.invite_combo,
            self.invite_button,
            self.walk_in_edit,
            self.walk_in_button,
            self.view,
            self.sign_in_button,
            self.leave_button,
            self.absent_button,
            self.remove_button,
        )
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

        self.prefill_button.clicked.connect(self._on_prefill)
        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.leave_button.clicked.connect(self._on_leave)
        self.absent_button.clicked.connect(self._on_absent)
        self.remove_button.clicked.connect(self._on_remove)
        self.invite_button.clicked.connect(self._on_invite)
        self.walk_in_edit.returnPressed.connect(self._on_walk_in)
        self.walk_in_button.clicked.connect(self._on_walk_in)

    def _absent(self, row: Any) -> bool:
        return row.status is AttendanceStatus.ABSENT and not self._awaiting

    def _status_text(self, row: Any) -> str:
        if row.status is AttendanceStatus.ABSENT and self._awaiting:
            return self.tr("Awaiting sign-in")
        return str(row.status.label)

    def reload(self) -> None:
        summary = queries.sign_in_summary(self._db, self._meeting_id)
        self._awaiting = summary.awaiting
        self.model.set_query(queries.attendance_statement(self._meeting_id))
        counts = summary.counts
        self.counts_label.setText(
            self.tr("Expected %1 · present %2 · on leave %3")
            .replace("%1", str(counts.expected))
            .replace("%2", str(counts.present))
            .replace("%3", str(counts.on_leave))
        )
        self.invite_combo.clear()
        for person in summary.invitable:
            self.invite_combo.addItem(
                f"{person.name} · {person.detail}", (person.member_id, person.participant_id)
            )

    def _after(self, done: bool) -> None:
        if done:
            self._editor.reload_all()

    def _on_prefill(self) -> None:
        self._after(
            self._editor.write(
                self.tr("Filled in the expected people"),
                lambda amending: attendance.fill_in_expected(
                    self._db, self._meeting_id, amending=amending
                ),
                self.message,
            )
        )

    def _selection(self) -> list[str]:
        ids = selected_ids(self.view, self.model)
        if not ids:
            self.message.setText(self.tr("Select one or more people in the list first."))
            self.message.show()
        return ids

    def _on_sign_in(self) -> None:
        if not (ids := self._selection()):
            return
        self._after(
            self._editor.write(
                self.tr("Signed people in"),
                lambda amending: attendance.sign_in_now(
                    self._db, self._meeting_id, attendance_ids=ids, amending=amending
                ),
                self.message,
            )
        )

    def _on_leave(self) -> None:
        if not (ids := self._selection()):
            return
        reason = ReasonDialog.ask(
            self,
            title=self.tr("On leave"),
            label=self.tr("Reason for leave (may be left empty):"),
            required=False,
        )
        if reason is None:
            return
        self._after(
            self._editor.write(
                self.tr("Marked on leave"),
                lambda amending: attendance.put_on_leave(
                    self._db, self._meeting_id, attendance_ids=ids, reason=reason, amending=amending
                ),
                self.message,
            )
        )

    def _on_absent(self) -> None:
        if not (ids := self._selection()):
            return
        self._after(
            self._editor.write(
                self.tr("Marked absent"),
                lambda amending: attendance.record_absent(
                    self._db, self._meeting_id, attendance_ids=ids, amending=amending
                ),
                self.message,
            )
        )

    def _on_remove(self) -> None:
        if not (ids := self._selection()):
            return
        self._after(
            self._editor.write(
                self.tr("Removed from the list"),
                lambda amending: attendance.take_off_list(
                    self._db, self._meeting_id, attendance_ids=ids, amending=amending
                ),
                self.message,
            )
        )

    def _on_invite(self) -> None:
        chosen = self.invite_combo.currentData()
        if chosen is None:
            return
        member_id, participant_id = chosen
        self._after(
            self._editor.write(
                self.tr("Added an expected person"),
                lambda amending: attendance.invite(
                    self._db,
                    self._meeting_id,
                    member_id=member_id,
                    participant_id=participant_id,
                    amending=amending,
                ),
                self.message,
            )
        )

    def _on_walk_in(self) -> None:
        line = self.walk_in_edit.text()
        done = self._editor.write(
            self.tr("Added a walk-in"),
            lambda amending: attendance.sign_in_walk_in(
                self._db, self._meeting_id, line=line, amending=amending
            ),
            self.message,
        )
        if done:
            self.walk_in_edit.clear()
        self._after(done)

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.prefill_button,
            self.sign_in_button,
            self.leave_button,
            self.absent_button,
            self.remove_button,
            self.invite_combo,
            self.invite_button,
            self.walk_in_edit,
            self.walk_in_button,
        ):
            widget.setEnabled(editable)
