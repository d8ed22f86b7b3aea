"""The settings page's chooser of one document font (a TrueType file, checked and stored)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import settings
from desktop.errors import UserError
from desktop.queries import Database
from desktop.queries.settings import setting_value
from desktop.views.common.forms import message_label, show_message
from desktop.workflow.settings import choose_font, reset_font


class FontChooser(QWidget):
    """One document font: the chosen file and its family, a button to choose, one to reset."""

    font_changed = Signal(str)

    def __init__(self, db: Database, option: settings.Option[str]) -> None:
        super().__init__()
        self._db = db
        self._option = option
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.reset_button = QPushButton(self.tr("Use the default"))
        self.message = message_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.choose_button.clicked.connect(self._on_choose)
        self.reset_button.clicked.connect(self._on_reset)
        self.load()

    def load(self) -> None:
        path = setting_value(self._db, self._option)
        self.path_label.setText(path or self.tr("Not chosen: printing uses its default font"))
        self.reset_button.setEnabled(bool(path))

    def choose_file(self) -> Path | None:
        """Ask for a font file (the seam a test patches)."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a TrueType font"),
            "",
            self.tr("TrueType fonts (*.ttf *.ttc);;All files (*)"),
        )
        return Path(name) if name else None

    def set_font_file(self, path: Path) -> bool:
        """Check and store the file; shows the problem beside the field when refused."""
        show_message(self.message, "")
        try:
            family = choose_font(self._db, self._option, path=path)
        except UserError as error:
            show_message(self.message, str(error))
            return False
        self.load()
        self.path_label.setText(f"{family} — {path}")
        self.font_changed.emit(str(path))
        return True

    def _on_choose(self) -> None:
        path = self.choose_file()
        if path is not None:
            self.set_font_file(path)

    def _on_reset(self) -> None:
        show_message(self.message, "")
        reset_font(self._db, self._option)
        self.load()
        self.font_changed.emit("")
