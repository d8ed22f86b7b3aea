"""A read-only table model over a SQL query: counted once, fetched in batches, sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView
from sqlalchemy import ColumnElement, Row, Select

from desktop.listing import count_rows, fetch_rows
from desktop.queries import Database
from desktop.views.common import theme

AnyIndex = QModelIndex | QPersistentModelIndex
OVERDUE_RED = QColor(theme.OVERDUE)
TOOLTIP_FROM = 8  # characters; shorter cells are never elided


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its header, how a row shows in it, and the SQL it sorts by (None: unsortable)."""

    header: str
    display: Callable[[Row[Any]], str]
    sort_key: ColumnElement[Any] | None = None
    alignment: Qt.AlignmentFlag | None = None
    foreground: Callable[[Row[Any]], QColor | None] | None = None


class QueryTableModel(QAbstractTableModel):
    """Rows of a select statement; the view asks for more as the user scrolls (fetchMore)."""

    BATCH = 200

    def __init__(self, db: Database, columns: list[ColumnSpec], parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._columns = columns
        self._statement: Select[Any] | None = None
        self._order: list[ColumnElement[Any]] = []
        self._rows: list[Row[Any]] = []
        self._total = 0

    # Qt's model interface ------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Narrow columns elide long Chinese text; the tooltip shows all of it.
            text = column.display(row)
            return text if len(text) > TOOLTIP_FROM else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.alignment is not None:
            return int(column.alignment | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            color = column.foreground(row)
            return QBrush(color) if color is not None else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._statement is None:
            return
        batch = fetch_rows(
            self._db,
            self._statement,
            order_by=self._order,
            offset=len(self._rows),
            limit=self.BATCH,
        )
        if not batch:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == -1:
            # No sort column: the query's own order again.
            if self._order:
                self._order = []
                self.refresh()
            return
        key = self._columns[column].sort_key if 0 <= column < len(self._columns) else None
        if key is None:
            return
        self._order = [key.desc() if order == Qt.SortOrder.DescendingOrder else key.asc()]
        self.refresh()

    # Ours ----------------------------------------------------------------------------
    def set_query(self, statement: Select[Any]) -> None:
        """Show a new query (new filters); keeps the user's sort column."""
        self._statement = statement
        self.refresh()

    def refresh(self) -> None:
        """Count and load the first batch again (after an edit or a filter change)."""
        # The first batch is loaded inside the reset: a view answers modelReset by fetching,
        # and rows inserted while observers still handle the reset break the model contract.
        self.beginResetModel()
        self._rows = []
        self._total = 0
        if self._statement is not None:
            self._total = count_rows(self._db, self._statement)
            self._rows = fetch_rows(
                self._db, self._statement, order_by=self._order, offset=0, limit=self.BATCH
            )
            self._total = max(self._total, len(self._rows))
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> Row[Any]:
        return self._rows[row]

    def load_row_of(self, record_id: str) -> int:
        """The row showing the record (its `id` column), fetching further batches until it is
        loaded; -1 when the query does not hold it. For opening one record from elsewhere."""
        checked = 0
        while True:
            for row in range(checked, len(self._rows)):
                if self._rows[row].id == record_id:
                    return row
            checked = len(self._rows)
            if not self.canFetchMore():
                return -1
            self.fetchMore()

    def sortable(self, column: int) -> bool:
        return self._columns[column].sort_key is not None


def record_table(
    model: QueryTableModel, *, multi: bool = False, sortable: bool = True
) -> QTableView:
    """A read-only list over a query model, rows selected whole, one line a row.

    Sortable tables start with no sort indicator, so the query's own order shows until a click.
    """
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab leaves the list for the next field or button (the arrow keys walk the rows);
    # cell by cell, Tab would never get out of a read-only list.
    view.setTabKeyNavigation(False)
    if sortable:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    return view


def table_view(model: QueryTableModel, *, multi: bool = False) -> QTableView:
    """A plain read-only table over a query model, rows selected whole."""
    view = record_table(model, multi=multi, sortable=False)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def selected_ids(view: QTableView, model: QueryTableModel) -> list[str]:
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    return [str(model.row_at(row).id) for row in rows]
