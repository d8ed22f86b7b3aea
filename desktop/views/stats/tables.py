"""The 统计 page's parts: a figure card and the tables that show the statistics' tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.stats.tables import StatTable
from desktop.views.common.empty_state import scaled_font

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# A table of up to SHORT_TABLE_ROWS shows them all; a longer one (rooms, ranking) shows
# LONG_TABLE_ROWS and scrolls on its own.
SHORT_TABLE_ROWS = 24
WIDE_TABLES = frozenset({"escalations", "activities", "townships", "rooms", "ranking"})
LONG_TABLE_ROWS = 14


class StatTableModel(QAbstractTableModel):
    """One StatTable: its cells as printed, numbers right-aligned, the total line in bold;
    the raw value under EditRole."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: StatTable | None = None
        self.headers: list[str] = []

    def set_table(self, table: StatTable, headers: list[str]) -> None:
        self.beginResetModel()
        self.table, self.headers = table, headers
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self.table
        if table is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return table.text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return table.rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(
            table.rows[row][column], str
        ):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and table.total_row and row == len(table.rows) - 1:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


class FigureCard(QFrame):
    """One headline figure, with the same figure a year earlier under it."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("figureCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.caption = QLabel(caption)
        self.caption.setObjectName("mutedText")
        self.value = QLabel("–")
        self.value.setFont(scaled_font(self.value, 1.9, bold=True))
        self.before = QLabel()
        self.before.setObjectName("mutedText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.before)


class StatsTable(QTableView):
    """A read-only table sized to its rows (up to LONG_TABLE_ROWS, then it scrolls)."""

    def __init__(self) -> None:
        super().__init__()
        self.model_ = StatTableModel(self)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Measuring every row of 315 rooms costs more than the figures themselves.
        header.setResizeContentsPrecision(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_table(self, table: StatTable, headers: list[str]) -> None:
        # Measuring the columns costs more than filling them: only when they change (the
        # first time, another year), not at every refresh of the same table.
        measure = headers != self.model_.headers
        self.model_.set_table(table, headers)
        wide = table.key in WIDE_TABLES
        header = self.horizontalHeader()
        if measure:
            # In a narrow table the label column takes what is left, so the numbers stay
            # beside their labels; a wide one keeps every column to its content and scrolls.
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            self.resizeColumnsToContents()
            if not wide:
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rows = len(table.rows) if len(table.rows) <= SHORT_TABLE_ROWS else LONG_TABLE_ROWS
        height = header.sizeHint().height() + rows * 26 + 2 * self.frameWidth() + 2
        if wide:
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height)


def beside(left: QWidget, right: QWidget | None) -> QHBoxLayout:
    """Two widgets side by side in equal halves; an empty right half when there is none."""
    row = QHBoxLayout()
    row.addWidget(left, 1, Qt.AlignmentFlag.AlignTop)
    if right is None:
        row.addStretch(1)
    else:
        row.addWidget(right, 1)
    return row
