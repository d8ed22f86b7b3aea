"""A read-only table over a short Python list (files on a disk, not database rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel):
    """One item per row under fixed headers; a subclass sets `_headers` (translated, so after
    `__init__`) and says what each cell shows (`cell`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._files: list[Any] = []

    def set_files(self, files: list[Any]) -> None:
        self.beginResetModel()
        self._files = files
        self.endResetModel()

    def file_at(self, row: int) -> Any:
        return self._files[row]

    def cell(self, item: Any, column: int, role: int) -> Any:
        """What `item` shows in `column` for `role`; None where it shows nothing."""
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._files):
            return None
        return self.cell(self._files[index.row()], index.column(), role)

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
