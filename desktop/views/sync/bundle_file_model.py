"""The bundle files (and township packs) in the chosen folder, as the import list shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.sync.status import BundleFile
from desktop.views.common.list_model import ListModel
from desktop.views.common.query_table_model import OVERDUE_RED


class BundleFileModel(ListModel):
    """The bundle files in the chosen folder and, after an import, what became of each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._outcomes: dict[Path, str] = {}
        self._refused: set[Path] = set()
        self._headers = [self.tr("File"), self.tr("From"), self.tr("Result")]

    def set_files(self, files: list[BundleFile]) -> None:
        self._outcomes = {p: t for p, t in self._outcomes.items() if p in {f.path for f in files}}
        super().set_files(files)

    def set_outcome(self, path: Path, text: str, *, refused: bool) -> None:
        self._outcomes[path] = text
        if refused:
            self._refused.add(path)
        else:
            self._refused.discard(path)
        for row, file in enumerate(self._files):
            if file.path == path:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def outcome(self, path: Path) -> str:
        return self._outcomes.get(path, "")

    def cell(self, item: BundleFile, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (item.path.name, self._sender(item), self._result(item))[column]
        refused = item.path in self._refused
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and refused:
            return QBrush(OVERDUE_RED)
        return None

    def _sender(self, file: BundleFile) -> str:
        if file.township is not None and not file.code:
            # A pack with nothing for us, or one that cannot be read: its township, if any.
            if not file.township:
                return self.tr("Township pack")
            return self.tr("Township pack for %1").replace("%1", file.township)
        if not file.code:
            # A file opened from outside under a name Yishi did not write (chosen_file.py).
            return self.tr("unknown sender")
        name = file.sender or self.tr("unknown sender")
        number = self.tr("No. %1").replace("%1", str(file.sequence))
        if file.township is not None:
            number += " · " + self.tr("in the pack for %1").replace("%1", file.township)
        return f"{name}（{file.code} · {number}）"

    def _result(self, file: BundleFile) -> str:
        if file.path in self._outcomes:
            return self._outcomes[file.path]
        if not file.for_us:
            return self.tr("Not for this installation")
        return self.tr("Imported before") if file.imported else self.tr("Not imported yet")


def bundle_file_table(model: BundleFileModel) -> QTableView:
    """The import list: whole rows, several at once, names not wrapped, the result stretched."""
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
    table.setTabKeyNavigation(False)
    # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.setColumnWidth(0, 200)
    table.setMinimumHeight(110)
    return table
