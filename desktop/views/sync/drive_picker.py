"""The drive row of the sync page: the mounted USB drives (or a chosen folder) to use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStorageInfo, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.formatting import format_size
from desktop.views.common.icons import icon

# File systems that are never a place to carry a bundle away on.
PSEUDO_FILE_SYSTEMS = {"tmpfs", "devtmpfs", "squashfs", "overlay", "proc", "sysfs", "ramfs"}
REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Folder:
    """A place to write bundles to or read them from: a mounted drive or a chosen folder."""

    label: str
    path: Path
    removable: bool = True


def _likely_removable(storage: QStorageInfo) -> bool:
    root = storage.rootPath()
    if storage.isRoot():
        return False
    if root.startswith(REMOVABLE_PREFIXES):
        return True
    # Windows: any drive but the system's own is likely a stick or a card.
    return len(root) <= 3 and root[1:2] == ":"


def mounted_folders() -> list[Folder]:
    """Mounted, ready, writable volumes; the likely removable ones first."""
    found = []
    for storage in QStorageInfo.mountedVolumes():
        kind = bytes(storage.fileSystemType().data()).decode(errors="replace")
        if not (storage.isValid() and storage.isReady()) or storage.isReadOnly():
            continue
        if kind in PSEUDO_FILE_SYSTEMS:
            continue
        root = storage.rootPath()
        name = storage.displayName() or root
        available = storage.bytesAvailable()
        free = f"{available / 1024**3:.1f} GB" if available >= 1024**3 else format_size(available)
        label = name if name == root else f"{name}（{root}）"
        found.append(
            Folder(
                # Free space: is there room for the bundle?
                label=QCoreApplication.translate("DrivePicker", "%1 · %2 free")
                .replace("%1", label)
                .replace("%2", free),
                path=Path(root),
                removable=_likely_removable(storage),
            )
        )
    return sorted(found, key=lambda f: (not f.removable, str(f.path)))


def place_name(folder: Path) -> str:
    """A folder in words for a message: its name, or a drive's label, not its whole path."""
    return folder.name or QStorageInfo(str(folder)).displayName() or str(folder)


class DrivePicker(QWidget):
    """The drives and chosen folders in a list, a button to look again, one to choose a folder."""

    folder_changed = Signal()

    def __init__(
        self,
        *,
        folders: Callable[[], list[Folder]],
        choose: Callable[[], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # The page owns both seams (a test patches them there); ask it each time.
        self._folders = folders
        self._choose = choose
        self._chosen: list[Folder] = []

        self.folder_combo = QComboBox()
        self.folder_combo.setMinimumWidth(420)
        self.rescan_button = QPushButton(self.tr("Look again"))
        self.rescan_button.setToolTip(self.tr("List the drives again after plugging one in"))
        self.choose_button = QPushButton(icon("folder"), self.tr("Choose folder…"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        drive_label = QLabel(self.tr("USB drive or folder"))
        drive_label.setBuddy(self.folder_combo)
        row.addWidget(drive_label)
        row.addWidget(self.folder_combo, 1)
        row.addWidget(self.rescan_button)
        row.addWidget(self.choose_button)

        self.folder_combo.currentIndexChanged.connect(self.folder_changed)
        self.rescan_button.clicked.connect(self.fill)
        self.choose_button.clicked.connect(self._on_choose)

    def current_folder(self) -> Path | None:
        data = self.folder_combo.currentData()
        return Path(data) if data else None

    def use_folder(self, folder: Path) -> None:
        """Offer a folder beside the drives and select it."""
        if all(f.path != folder for f in self._chosen):
            self._chosen.append(Folder(label=str(folder), path=folder))
        self.fill()
        self.folder_combo.setCurrentIndex(self.folder_combo.findData(str(folder)))

    def fill(self) -> None:
        """List the drives (one may be new) and the chosen folders again, keeping the choice."""
        current = self.folder_combo.currentData()
        self.folder_combo.blockSignals(True)
        self.folder_combo.clear()
        listed = set()
        for folder in [*self._folders(), *self._chosen]:
            if str(folder.path) in listed:
                continue
            listed.add(str(folder.path))
            self.folder_combo.addItem(
                icon("usb_drive" if folder.removable else "folder"),
                folder.label,
                str(folder.path),
            )
        index = self.folder_combo.findData(current)
        self.folder_combo.setCurrentIndex(index if index >= 0 else 0)
        self.folder_combo.blockSignals(False)
        self.folder_changed.emit()

    def _on_choose(self) -> None:
        folder = self._choose()
        if folder is not None:
            self.use_folder(folder)
