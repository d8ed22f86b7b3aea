"""The settings page's chooser of one document font role: the file chosen, the file that
actually prints the role, and a warning when that is a fallback of another style."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.documents.fonts import ROLE_OPTIONS, FontRole, FontSource, source_for
from desktop.errors import UserError
from desktop.queries import Database
from desktop.queries.settings import setting_value
from desktop.views.common.forms import message_label, show_message
from desktop.workflow.settings import choose_font, reset_font


class FontChooser(QWidget):
    """One font role: the chosen file, the file that prints it, and buttons to choose or reset."""

    font_changed = Signal(str)

    def __init__(self, db: Database, role: FontRole) -> None:
        super().__init__()
        self._db = db
        self.role = role
        self._option = ROLE_OPTIONS[role]
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A fallback still prints, so it is a warning beside the role, not a refusal.
        self.fallback_label = message_label()
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
        layout.addWidget(self.source_label)
        layout.addWidget(self.fallback_label)
        layout.addWidget(self.message)
        self.choose_button.clicked.connect(self._on_choose)
        self.reset_button.clicked.connect(self._on_reset)
        self.load()

    def load(self) -> None:
        path = setting_value(self._db, self._option)
        self.path_label.setText(path or self.tr("Not chosen: printing uses its default font"))
        self.reset_button.setEnabled(bool(path))
        show_message(self.message, "")
        self._show_source(path)

    def _show_source(self, chosen: str) -> None:
        try:
            source = source_for(self.role, chosen)
        except UserError as error:
            self.source_label.setText("")
            show_message(self.fallback_label, "")
            show_message(self.message, str(error))
            return
        self.source_label.setText(
            self.tr("Prints with: {file} ({origin})").format(
                file=source.path, origin=self._origin_text(source)
            )
        )
        show_message(self.fallback_label, self._fallback_text(source))

    def _origin_text(self, source: FontSource) -> str:
        if source.origin == "settings":
            return self.tr("chosen here")
        if source.origin == "windows":
            return self.tr("Windows font")
        if source.origin == "fontconfig":
            return self.tr("system font")
        return self.tr("shipped with Yishi")

    def _style_name(self) -> str:
        if self.role is FontRole.BODY:
            return self.tr("FangSong")
        if self.role is FontRole.TITLE:
            return self.tr("XiaoBiaoSong or SimSun")
        if self.role is FontRole.HEADING:
            return self.tr("SimHei")
        return self.tr("KaiTi")

    def _fallback_text(self, source: FontSource) -> str:
        if not source.fallback:
            return ""
        if source.origin == "shipped":
            if self.role is FontRole.KAI:
                printed = self.tr("AR PL UKai (a Kai face shipped with Yishi)")
            else:
                printed = self.tr("AR PL UMing (a Song face shipped with Yishi)")
        else:
            printed = source.path.name
        return self.tr(
            "Fallback: no {style} font was found on this PC, so this prints in {font}. "
            "Install {style} or choose a font file."
        ).format(style=self._style_name(), font=printed)

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
