"""The settings page's second backup location: a folder (a USB stick) every backup is copied to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import settings
from desktop.backups import second_folder_reachable
from desktop.errors import UserError
from desktop.queries import Database
from desktop.queries.settings import setting_value
from desktop.views.common.forms import message_label, show_message
from desktop.workflow.settings import choose_second_backup_folder


class SecondFolderRow(QWidget):
    """The chosen folder and whether it can be written now, a button to choose, one to clear."""

    folder_changed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        title = QLabel(self.tr("Second backup location"))
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setObjectName("mutedText")
        self.state_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose folder…"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.message = message_label()
        # None while no folder is set; else whether a copy could be written there when loaded.
        self.reachable: bool | None = None
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(2)
        texts.addWidget(self.path_label)
        texts.addWidget(self.state_label)
        texts.addWidget(self.message)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(12)
        row.addLayout(texts, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.choose_button.clicked.connect(self._on_choose)
        self.clear_button.clicked.connect(self._on_clear)
        self.load()

    def load(self) -> None:
        """Show the stored folder and check again whether it is reachable (a stick comes and
        goes while Yishi runs)."""
        text = setting_value(self._db, settings.BACKUP_SECOND_FOLDER).strip()
        self.clear_button.setEnabled(bool(text))
        self.reachable = second_folder_reachable(Path(text)) if text else None
        if not text:
            self.path_label.setText(self.tr("Not set: backups stay on this computer only"))
            self.state_label.setText(
                self.tr("Choose a USB stick or another disk to keep a copy of every backup.")
            )
        elif self.reachable:
            self.path_label.setText(text)
            self.state_label.setText(self.tr("Reachable: every new backup is copied here."))
        else:
            self.path_label.setText(text)
            self.state_label.setText(
                self.tr(
                    "Not reachable now (USB stick not plugged in, or read-only): backups stay "
                    "on this computer until it is back."
                )
            )

    def choose_folder(self) -> Path | None:
        """Ask for the folder (the seam a test patches)."""
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose the second backup location"))
        return Path(name) if name else None

    def set_folder(self, folder: Path | None) -> bool:
        """Store the folder (None: no second copy); shows the problem beside it when refused."""
        show_message(self.message, "")
        try:
            choose_second_backup_folder(self._db, folder)
        except UserError as error:
            show_message(self.message, str(error))
            return False
        self.load()
        self.folder_changed.emit(str(folder or ""))
        return True

    def _on_choose(self) -> None:
        folder = self.choose_folder()
        if folder is not None:
            self.set_folder(folder)

    def _on_clear(self) -> None:
        self.set_folder(None)
