"""The settings page's list of backup files, and how a file's size is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.backups import BackupFile
from desktop.formatting import format_date, format_time

AnyIndex = QModelIndex | QPersistentModelIndex


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupTableModel(QAbstractTableModel):
    """The backup files of the home folder (a short list read from the disk, not the database)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._files: list[BackupFile] = []
        self._headers = [self.tr("Written"), self.tr("File"), self.tr("Size")]

    def set_files(self, files: list[BackupFile]) -> None:
        self.beginResetModel()
        self._files = files
        self.endResetModel()

    def file_at(self, row: int) -> BackupFile:
        return self._files[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._files):
            return None
        backup = self._files[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{format_date(backup.written_at.date())} {format_time(backup.written_at.time())}",
                backup.path.name,
                format_size(backup.size),
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
