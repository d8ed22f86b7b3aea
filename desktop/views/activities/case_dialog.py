"""The add/edit dialog of a mediation or petition case: parties, members, status and result.

Closing a case is choosing 调解成功 or 未能化解 as its status: the closing date and the result
then become required. Suggestions arising from the case are queued and saved with it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models.enums import CaseKind, CaseStatus
from desktop.queries import activities as queries
from desktop.views.activities.member_picker import MemberPicker
from desktop.views.activities.record_dialog import RecordDialog
from desktop.views.activities.suggestion_editor import SuggestionEditor
from desktop.views.common.forms import (
    date_edit,
    message_label,
    text_edit,
    to_date,
    with_message,
)
from desktop.workflow import cases as rules


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
    ) -> None:
        super().__init__(db, today=today, parent=parent)
        room_id = self._own_room_id
        with db.session() as session:
            self.record = (
                queries.read_case(session, case_id, node_id=self._node_id) if case_id else None
            )
            members = queries.member_choices(
                session, room_id=self.record.room_id if self.record else room_id, today=today
            )
            existing = queries.suggestions(session, case_id=case_id) if case_id else []
        self._room_id = self.record.room_id if self.record else room_id
        self.read_only = read_only or (self.record is not None and not self.record.owned)
        if self.record is None:
            self.setWindowTitle(self.tr("New case"))
        elif self.read_only:
            self.setWindowTitle(self.tr("Case"))
        else:
            self.setWindowTitle(self.tr("Edit case"))

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
        self.member_picker = MemberPicker(members)
        self.members_message = message_label()
        self.suggestions = SuggestionEditor(
            existing,
            since_edit=self.opened_edit,
            since_label=self.tr("the day the case was opened"),
            today=today,
        )
        self.general_message = message_label()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Subject"), with_message(self.subject_edit, self.subject_message))
        form.addRow(self.tr("Parties"), self.parties_edit)
        form.addRow(self.tr("Opened on"), with_message(self.opened_edit, self.opened_message))
        form.addRow(self.tr("Status"), self.status_combo)
        self.closed_label = QLabel(self.tr("Closed on"))
        form.addRow(self.closed_label, with_message(self.closed_edit, self.closed_message))
        form.addRow(self.tr("Result"), with_message(self.result_edit, self.result_message))
        self._lay_out(form, self._members_box(self.tr("Members handling the case")))

        if self.record is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(self.record.kind))
            self.subject_edit.setText(self.record.subject)
            self.parties_edit.setText(self.record.parties)
            self.status_combo.setCurrentIndex(self.status_combo.findData(self.record.status))
            self.result_edit.setPlainText(self.record.result)
            self.member_picker.set_selected(self.record.member_ids)
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
        closing = CaseStatus(self.status_combo.currentData()) in rules.CLOSED_STATUSES
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

    def _write(self, session: Session, room_id: str) -> str:
        # Qt hands enum data back as plain text; make it the enum again.
        status = CaseStatus(self.status_combo.currentData())
        data = rules.CaseData(
            kind=CaseKind(self.kind_combo.currentData()),
            subject=self.subject_edit.text(),
            opened_on=to_date(self.opened_edit),
            parties=self.parties_edit.text(),
            member_ids=self.member_picker.selected_ids(),
            status=status,
            closed_on=to_date(self.closed_edit) if status in rules.CLOSED_STATUSES else None,
            result=self.result_edit.toPlainText(),
        )
        case = rules.save_case(
            session,
            data,
            room_id=room_id,
            case_id=self.record.id if self.record else None,
            today=self._today,
        )
        for suggestion in self.suggestions.pending:
            rules.add_suggestion(session, case, suggestion)
        return case.id

    def _foreign_message(self) -> str:
        return self.tr("This case belongs to another installation; it can only change there.")

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        db: Database,
        *,
        case_id: str | None = None,
        today: date,
        read_only: bool = False,
    ) -> str | None:
        """Show the dialog; the saved case's id, or None when nothing was saved."""
        return cls(db, case_id=case_id, today=today, read_only=read_only, parent=parent).run()
