"""The settings page's list of backup files, and how a file's size is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.backups import BackupFile
from desktop.formatting import format_date, format_size, format_time
from desktop.views.common.list_model import ListModel


class BackupTableModel(ListModel):
    """The backup files of the home folder (a short list read from the disk, not the database)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("Written"), self.tr("Reason"), self.tr("File"), self.tr("Size")]
        self._reasons = {
            "daily": self.tr("Daily"),
            "manual": self.tr("By hand"),
            "import": self.tr("Before import"),
            "migration": self.tr("Before update"),
            "restore": self.tr("Before restore"),
        }

    def cell(self, item: BackupFile, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{format_date(item.written_at.date())} {format_time(item.written_at.time())}",
                self._reasons.get(item.reason, item.reason),
                item.path.name,
                format_size(item.size),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
