"""The dialog that asks why: a leave of absence, a change to final minutes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.views.common.forms import FormDialog, message_label, show_message


class ReasonDialog(FormDialog):
    """Asks for a reason (leave of absence, amending final minutes); refuses an empty one."""

    def __init__(
        self, *, title: str, label: str, parent: QWidget | None = None, required: bool = True
    ) -> None:
        super().__init__(parent)
        self._required = required
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
        if self._required and not self.reason_edit.text().strip():
            show_message(self.message, self.tr("Please give a reason."))
            return
        self.accept()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, title: str, label: str, required: bool = True
    ) -> str | None:
        """The reason typed (empty only when not `required`), or None when the user cancels."""
        dialog = cls(title=title, label=label, parent=parent, required=required)
        try:
            return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
