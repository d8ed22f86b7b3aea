"""The add/edit dialog of a mediation or petition case: parties, members, status and result.

Closing a case is choosing 调解成功 or 未能化解 as its status: the closing date and the result
then become required. Suggestions arising from the case are queued and saved with it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.models.enums import CaseKind, CaseStatus
from desktop.queries import Database
from desktop.queries import activities as queries
from desktop.views.activities.record_dialog import RecordDialog
from desktop.views.common.forms import date_edit, message_label, text_edit, to_date, with_message
from desktop.workflow.cases import CLOSED_STATUSES, CaseData


class CaseDialog(RecordDialog):
    """Kind, subject, parties, opened date, assigned members, status, closing date and result."""

    def __init__(
        self,
        db: Database,
        *,
        case_id: str | None,
        today: date,
        read_only: bool,
        parent: QWidget | None = None,
        room_id: str | None = None,
    ) -> None:
        # room_id: where a new record goes when not this installation's room (the district's
        # own work: desktop.workflow.district_work).
        form = queries.case_form(db, case_id, today=today, room_id=room_id)
        super().__init__(db, form, today=today, read_only=read_only, parent=parent)
        self.record = form.record
        self.setWindowTitle(
            self._title(new=self.tr("New case"), view=self.tr("Case"), edit=self.tr("Edit case"))
        )

        self.kind_combo = QComboBox()
        for kind in CaseKind:
            self.kind_combo.addItem(kind.label, kind)
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(self.tr("e.g. a leaking ceiling between neighbours"))
        self.subject_message = message_label()
        self.parties_edit = QLineEdit()
        self.parties_edit.setPlaceholderText(
            self.tr("Names of the parties, separated by ；(masked in print)")
        )
        self.opened_edit = date_edit(self.record.opened_on if self.record else today)
        self.opened_message = message_label()
        self.status_combo = QComboBox()
        for status in CaseStatus:
            self.status_combo.addItem(status.label, status)
        self.closed_edit = date_edit(
            self.record.closed_on if self.record and self.record.closed_on else today
        )
        self.closed_message = message_label()
        self.result_edit = text_edit(80)
        self.result_edit.setPlaceholderText(self.tr("How the case ended (needed to close it)"))
        self.result_message = message_label()

        layout = QFormLayout()
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.addRow(self.tr("Kind"), self.kind_combo)
        layout.addRow(self.tr("Subject"), with_message(self.subject_edit, self.subject_message))
        layout.addRow(self.tr("Parties"), self.parties_edit)
        layout.addRow(self.tr("Opened on"), with_message(self.opened_edit, self.opened_message))
        layout.addRow(self.tr("Status"), self.status_combo)
        self.closed_label = QLabel(self.tr("Closed on"))
        layout.addRow(self.closed_label, with_message(self.closed_edit, self.closed_message))
        layout.addRow(self.tr("Result"), with_message(self.result_edit, self.result_message))
        self._lay_out(
            layout,
            members_title=self.tr("Members handling the case"),
            since_edit=self.opened_edit,
            since_label=self.tr("the day the case was opened"),
        )

        if self.record is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(self.record.kind))
            self.subject_edit.setText(self.record.subject)
            self.parties_edit.setText(self.record.parties)
            self.status_combo.setCurrentIndex(self.status_combo.findData(self.record.status))
            self.result_edit.setPlainText(self.record.result)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        self._on_status_changed()
        if self.read_only:
            self._make_read_only()
        self.subject_edit.setFocus()
        self.setTabOrder(self.kind_combo, self.subject_edit)
        self.setTabOrder(self.subject_edit, self.parties_edit)
        self.setTabOrder(self.parties_edit, self.opened_edit)
        self.setTabOrder(self.opened_edit, self.status_combo)
        self.setTabOrder(self.status_combo, self.closed_edit)
        self.setTabOrder(self.closed_edit, self.result_edit)
        self.setTabOrder(self.result_edit, self.member_picker.filter_edit)

    def _on_status_changed(self) -> None:
        closing = CaseStatus(self.status_combo.currentData()) in CLOSED_STATUSES
        # The closing date only means something for a closed case.
        self.closed_edit.setEnabled(closing)
        self.closed_label.setEnabled(closing)

    def _make_read_only(self) -> None:
        super()._make_read_only()
        for edit in (self.subject_edit, self.parties_edit):
            edit.setReadOnly(True)
        self.result_edit.setReadOnly(True)
        for widget in (self.kind_combo, self.status_combo):
            widget.setEnabled(False)
        self.opened_edit.setReadOnly(True)
        self.closed_edit.setReadOnly(True)

    def _message_for(self, field: str) -> QLabel:
        return {
            "subject": self.subject_message,
            "opened_on": self.opened_message,
            "closed_on": self.closed_message,
            "result": self.result_message,
            "members": self.members_message,
        }.get(field, self.general_message)

    def _data(self) -> CaseData:
        # Qt hands enum data back as plain text; make it the enum again. The closing date of
        # a case still open is dropped by the rules (save_case), whatever the field shows.
        return CaseData(
            kind=CaseKind(self.kind_combo.currentData()),
            subject=self.subject_edit.text(),
            opened_on=to_date(self.opened_edit),
            parties=self.parties_edit.text(),
            member_ids=self.member_picker.selected_ids(),
            status=CaseStatus(self.status_combo.currentData()),
            closed_on=to_date(self.closed_edit),
            result=self.result_edit.toPlainText(),
        )
