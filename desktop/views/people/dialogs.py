"""The people page's dialogs: add or edit a participant, and merge two records of one person."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models.enums import ParticipantKind
from desktop.queries import Database
from desktop.queries import people as queries
from desktop.views.common.forms import FormDialog, message_label, show_message, with_message
from desktop.workflow import participants as rules


class ParticipantDialog(FormDialog):
    """Name, kind, unit, position, phone; the rules check them and say which field is wrong."""

    def __init__(
        self,
        db: Database,
        *,
        room_id: str,
        participant_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._room_id = room_id
        self._participant_id = participant_id
        # The record's revision as loaded; saving refuses if someone changed it meanwhile.
        self._revision: int | None = None
        self.saved_id: str | None = None
        self.setWindowTitle(
            self.tr("New participant") if participant_id is None else self.tr("Edit participant")
        )
        self.setMinimumWidth(460)

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(50)
        self.kind_combo = QComboBox()
        for kind in ParticipantKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.unit_edit = QLineEdit()
        self.unit_edit.setMaxLength(200)
        self.unit_edit.setPlaceholderText(self.tr("Required for department representatives"))
        self.position_edit = QLineEdit()
        self.position_edit.setMaxLength(100)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(30)
        self.active_check = QCheckBox(self.tr("Still takes part"))
        self.active_check.setChecked(True)
        self.messages = {key: message_label() for key in ("name", "unit", "position", "phone")}
        self.general_message = message_label()

        form = QFormLayout()
        form.addRow(self.tr("Name"), with_message(self.name_edit, self.messages["name"]))
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Unit"), with_message(self.unit_edit, self.messages["unit"]))
        form.addRow(
            self.tr("Position"), with_message(self.position_edit, self.messages["position"])
        )
        form.addRow(self.tr("Phone"), with_message(self.phone_edit, self.messages["phone"]))
        form.addRow("", self.active_check)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)

        if participant_id is not None:
            record = queries.read_participant(db, participant_id)
            self._revision = record.revision
            self.name_edit.setText(record.name)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(record.kind.value))
            self.unit_edit.setText(record.unit)
            self.position_edit.setText(record.position)
            self.phone_edit.setText(record.phone)
            self.active_check.setChecked(record.active)
        self.name_edit.setFocus()

    @property
    def save_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def data(self) -> rules.ParticipantData:
        return rules.ParticipantData(
            name=self.name_edit.text(),
            # Qt hands StrEnum data back as plain str.
            kind=ParticipantKind(self.kind_combo.currentData()),
            unit=self.unit_edit.text(),
            position=self.position_edit.text(),
            phone=self.phone_edit.text(),
            active=self.active_check.isChecked(),
        )

    def _on_save(self) -> None:
        for label in (*self.messages.values(), self.general_message):
            show_message(label, "")
        try:
            self.saved_id = rules.save_participant(
                self._db,
                self.data(),
                room_id=self._room_id,
                participant_id=self._participant_id,
                expected_revision=self._revision,
            )
        except rules.ParticipantFieldError as error:
            show_message(self.messages.get(error.field, self.general_message), str(error))
            {
                "name": self.name_edit,
                "unit": self.unit_edit,
                "position": self.position_edit,
                "phone": self.phone_edit,
            }.get(error.field, self.name_edit).setFocus()
            return
        except UserError as error:
            show_message(self.general_message, str(error))
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        db: Database,
        *,
        room_id: str,
        participant_id: str | None = None,
    ) -> str | None:
        """The saved participant's id, or None when the user cancelled."""
        dialog = cls(db, room_id=room_id, participant_id=participant_id, parent=parent)
        return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None


class ParticipantMergeDialog(QDialog):
    """Two records of one person: the chosen one is removed, everything it had moves over."""

    def __init__(self, db: Database, participant_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._keep_id = participant_id
        self.setWindowTitle(self.tr("Merge two records of one person"))
        self.setMinimumWidth(520)
        choice = queries.merge_candidates(db, participant_id)
        explanation = QLabel(
            self.tr(
                "Keep %1 and remove the record chosen below. Its attendances, speeches and "
                "collected slips move to the kept record."
            ).replace("%1", f"「{choice.keep.name}」")
        )
        explanation.setWordWrap(True)
        self.other_combo = QComboBox()
        for other_id, text in choice.others:
            self.other_combo.addItem(text, other_id)
        self.other_message = message_label()
        form = QFormLayout()
        form.addRow(
            self.tr("Duplicate to remove"), with_message(self.other_combo, self.other_message)
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setEnabled(bool(choice.others))
        self.buttons.accepted.connect(self._on_merge)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _on_merge(self) -> None:
        show_message(self.other_message, "")
        drop_id = self.other_combo.currentData()
        if not drop_id:
            return
        try:
            rules.merge_duplicates(self._db, keep_id=self._keep_id, drop_id=drop_id)
        except UserError as error:
            show_message(self.other_message, str(error))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, participant_id: str) -> bool:
        """True when the two records were merged."""
        return cls(db, participant_id, parent).exec() == QDialog.DialogCode.Accepted
