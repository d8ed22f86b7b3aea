"""The bundle files in the chosen folder, as the sync page's import list shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from desktop.queries.sync import BundleFile
from desktop.views.query_table_model import OVERDUE_RED

AnyIndex = QModelIndex | QPersistentModelIndex


class BundleFileModel(QAbstractTableModel):
    """The bundle files in the chosen folder and, after an import, what became of each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._files: list[BundleFile] = []
        self._outcomes: dict[Path, str] = {}
        self._refused: set[Path] = set()
        self._headers = [self.tr("File"), self.tr("From"), self.tr("Result")]

    def set_files(self, files: list[BundleFile]) -> None:
        self.beginResetModel()
        self._files = files
        self._outcomes = {p: t for p, t in self._outcomes.items() if p in {f.path for f in files}}
        self.endResetModel()

    def set_outcome(self, path: Path, text: str, *, refused: bool) -> None:
        self._outcomes[path] = text
        if refused:
            self._refused.add(path)
        else:
            self._refused.discard(path)
        for row, file in enumerate(self._files):
            if file.path == path:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def file_at(self, row: int) -> BundleFile:
        return self._files[row]

    def outcome(self, path: Path) -> str:
        return self._outcomes.get(path, "")

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._files):
            return None
        file = self._files[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (file.path.name, self._sender(file), self._result(file))[index.column()]
        refused = file.path in self._refused
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and refused:
            return QBrush(OVERDUE_RED)
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

    def _sender(self, file: BundleFile) -> str:
        name = file.sender or self.tr("unknown sender")
        number = self.tr("No. %1").replace("%1", str(file.sequence))
        return f"{name}（{file.code} · {number}）"

    def _result(self, file: BundleFile) -> str:
        if file.path in self._outcomes:
            return self._outcomes[file.path]
        if not file.for_us:
            return self.tr("Not for this installation")
        return self.tr("Imported before") if file.imported else self.tr("Not imported yet")
