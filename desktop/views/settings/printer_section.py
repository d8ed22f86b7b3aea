"""The settings page's printer card: the printer Yishi prints to unless the user chooses."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop import settings
from desktop.queries import Database
from desktop.queries.settings import setting_value
from desktop.workflow.settings import choose_printer


class PrinterSection(QWidget):
    """The installed printers in a list; a choice is saved at once, `load` reads it again."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db
        self.printer_combo = QComboBox()
        self.printer_combo.setMinimumWidth(320)
        self.printer_combo.setMaximumWidth(460)
        self.printer_combo.addItem(
            QCoreApplication.translate("SettingsPage", "The system's default printer"), ""
        )
        for name in QPrinterInfo.availablePrinterNames():
            self.printer_combo.addItem(name, name)
        self.printer_note = QLabel()
        self.printer_note.setObjectName("mutedText")
        self.printer_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(
            QLabel(QCoreApplication.translate("SettingsPage", "Default printer for Yishi"))
        )
        row.addWidget(self.printer_combo, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.printer_note)
        self.printer_combo.currentIndexChanged.connect(self._on_printer_changed)

    def load(self) -> None:
        chosen = setting_value(self._db, settings.PRINTER)
        self.printer_combo.blockSignals(True)
        index = self.printer_combo.findData(chosen)
        if index < 0:
            # A printer chosen earlier that this PC no longer has: keep it visible, say so.
            self.printer_combo.addItem(
                QCoreApplication.translate("SettingsPage", "%1 (not found)").replace("%1", chosen),
                chosen,
            )
            index = self.printer_combo.count() - 1
        self.printer_combo.setCurrentIndex(index)
        self.printer_combo.blockSignals(False)
        if self.printer_combo.count() == 1:
            self.printer_note.setText(
                QCoreApplication.translate(
                    "SettingsPage", "No printer is installed on this computer."
                )
            )
        else:
            self.printer_note.setText("")
        self.printer_note.setVisible(bool(self.printer_note.text()))

    def _on_printer_changed(self) -> None:
        choose_printer(self._db, str(self.printer_combo.currentData() or ""))
