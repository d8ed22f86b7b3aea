"""The add/edit dialog of a mediation or petition case: parties, members, status and result.

Closing a case is choosing 调解成功 or 未能化解 as its status: the closing date and the result
then become required. Suggestions arising from the case are queued and saved with it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.models.enums import CaseKind, CaseStatus
from desktop.models.stamping import OwnershipError
from desktop.queries import activities as queries
from desktop.views.activity_dialog import MemberPicker, SuggestionEditor, enter_stays_local
from desktop.views.outcome_dialogs import (
    date_edit,
    message_label,
    show_message,
    text_edit,
    to_date,
    with_message,
)
from desktop.workflow import cases as rules
from desktop.workflow.activities import FieldRuleError


class CaseDialog(QDialog):
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
        super().__init__(parent)
        self._db = db
        self._today = today
        installation = db.installation()
        node_id = installation.node_id if installation else ""
        room_id = installation.room_id if installation else None
        with db.session() as session:
            self.record = queries.read_case(session, case_id, node_id=node_id) if case_id else None
            members = queries.member_choices(
                session, room_id=self.record.room_id if self.record else room_id, today=today
            )
            existing = queries.suggestions(session, case_id=case_id) if case_id else []
        self._room_id = self.record.room_id if self.record else room_id
        self.read_only = read_only or (self.record is not None and not self.record.owned)
        self.saved_id: str | None = None
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
        members_box = QGroupBox(self.tr("Members handling the case"))
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.member_picker, 1)
        members_layout.addWidget(self.members_message)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.suggestions, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 3)
        columns.addWidget(members_box, 2)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        self.resize(980, 640)

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

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        local = (
            self.member_picker.filter_edit,
            self.suggestions.content_edit,
            self.suggestions.unit_edit,
        )
        if not enter_stays_local(self, event, local):
            super().keyPressEvent(event)

    def _on_status_changed(self) -> None:
        closing = CaseStatus(self.status_combo.currentData()) in rules.CLOSED_STATUSES
        # The closing date only means something for a closed case.
        self.closed_edit.setEnabled(closing)
        self.closed_label.setEnabled(closing)

    def _make_read_only(self) -> None:
        self.save_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        for edit in (self.subject_edit, self.parties_edit):
            edit.setReadOnly(True)
        self.result_edit.setReadOnly(True)
        for widget in (self.kind_combo, self.status_combo):
            widget.setEnabled(False)
        self.opened_edit.setReadOnly(True)
        self.closed_edit.setReadOnly(True)
        self.member_picker.set_read_only(True)
        self.suggestions.set_read_only(True)

    def _message_for(self, field: str) -> QLabel:
        return {
            "subject": self.subject_message,
            "opened_on": self.opened_message,
            "closed_on": self.closed_message,
            "result": self.result_message,
            "members": self.members_message,
        }.get(field, self.general_message)

    def _on_save(self) -> None:
        if self.read_only:
            return
        for label in self.findChildren(QLabel, "validationMessage"):
            show_message(label, "")
        if self._room_id is None:
            show_message(self.general_message, self.tr("This installation has no room."))
            return
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
        try:
            with self._db.session() as session:
                case = rules.save_case(
                    session,
                    data,
                    room_id=self._room_id,
                    case_id=self.record.id if self.record else None,
                    today=self._today,
                )
                for suggestion in self.suggestions.pending:
                    rules.add_suggestion(session, case, suggestion)
                saved_id = case.id
        except FieldRuleError as error:
            show_message(self._message_for(error.field), str(error))
            return
        except UserError as error:
            show_message(self.general_message, str(error))
            return
        except OwnershipError:
            show_message(
                self.general_message,
                self.tr("This case belongs to another installation; it can only change there."),
            )
            return
        self.saved_id = saved_id
        self.accept()

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
        dialog = cls(db, case_id=case_id, today=today, read_only=read_only, parent=parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.saved_id if accepted else None
        dialog.deleteLater()  # parented to the page: it would otherwise live as long as it
        return saved
