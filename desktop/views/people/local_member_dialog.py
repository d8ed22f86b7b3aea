"""本室添加的委员: a member the room adds itself before (or without) the district's roster.

The rules are desktop.workflow.local_members; when the roster arrives the room matches them.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models.enums import Gender
from desktop.queries import Database
from desktop.views.common.forms import ApplyingDialog, message_label, with_message
from desktop.workflow.local_members import LocalMemberData, save_local_member


class LocalMemberDialog(ApplyingDialog):
    """Name, gender, phone and sector of a local member; OK adds them."""

    def __init__(self, parent: QWidget | None, db: Database) -> None:
        super().__init__(parent)
        self._db = db
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("Add a member of this room"))
        intro = QLabel(
            self.tr(
                "Until the district's roster arrives, members added here can claim topics "
                "and sign in at meetings. When the roster comes, each is matched with it: the "
                "same name and phone are merged, nothing recorded is lost."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("mutedText")
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(50)
        self.name_message = message_label()
        self.gender_combo = QComboBox()
        for gender in Gender:
            self.gender_combo.addItem(gender.label, gender.value)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("Optional; helps match the roster"))
        self.phone_message = message_label()
        self.sector_edit = QLineEdit()
        self.sector_edit.setMaxLength(50)
        form = QFormLayout()
        form.addRow(self.tr("Name"), with_message(self.name_edit, self.name_message))
        form.addRow(self.tr("Gender"), self.gender_combo)
        form.addRow(self.tr("Phone"), with_message(self.phone_edit, self.phone_message))
        form.addRow(self.tr("Sector"), self.sector_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name_edit.setFocus()

    def _apply(self) -> None:
        self.saved_id = save_local_member(
            self._db,
            LocalMemberData(
                name=self.name_edit.text(),
                phone=self.phone_edit.text(),
                gender=Gender(self.gender_combo.currentData()),
                sector=self.sector_edit.text(),
            ),
        )

    def _message_for(self, error: UserError) -> QLabel:
        return self.phone_message if getattr(error, "field", "") == "phone" else self.name_message

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database) -> str | None:
        """The new member's id, or None when the user cancelled."""
        dialog = cls(parent, db)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.saved_id if accepted else None
        finally:
            dialog.deleteLater()
