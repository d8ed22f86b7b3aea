"""The dialog that asks whose own work a district record is: 区政协 or one of its townships."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.queries.district_work import OfficeChoice


class OfficeDialog(QDialog):
    """A chooser of the district office and its townships, the district office first."""

    def __init__(self, choices: list[OfficeChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recorded by"))
        self.setMinimumWidth(360)
        self.office_combo = QComboBox()
        for number, choice in enumerate(choices):
            self.office_combo.addItem(choice.name, number)
        self._choices = choices
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Whose own work is this record: the district office or a township?"))
        )
        layout.addWidget(self.office_combo)
        layout.addWidget(buttons)

    def chosen(self) -> OfficeChoice | None:
        number = self.office_combo.currentData()
        return None if number is None else self._choices[int(number)]

    @classmethod
    def ask(cls, parent: QWidget | None, choices: list[OfficeChoice]) -> OfficeChoice | None:
        """The office chosen, or None when the user cancels (or there is none to choose)."""
        if not choices:
            return None
        dialog = cls(choices, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
