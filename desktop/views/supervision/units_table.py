"""成果督办's by-unit table: each responsible unit's open, overdue and completed outcomes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.queries.supervision import UnitSummary
from desktop.views.common.query_table_model import OVERDUE_RED

# The columns in red when a unit has overdue outcomes: its name and the overdue figures.
RED_COLUMNS = (0, 2, 4, 5)


class UnitsTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 6)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Responsible unit"),
                self.tr("Open"),
                self.tr("Overdue"),
                self.tr("Completed"),
                self.tr("Longest overdue (days)"),
                self.tr("Overdue days in all"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(self.tr("Double-click a unit to list its outcomes"))

    def show_summaries(self, summaries: Sequence[UnitSummary]) -> None:
        self.setRowCount(len(summaries))
        for row, summary in enumerate(summaries):
            values = [
                summary.unit,
                summary.open,
                summary.overdue,
                summary.completed,
                summary.max_overdue_days,
                summary.total_overdue_days,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, summary.unit)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if summary.overdue and column in RED_COLUMNS:
                    item.setForeground(QBrush(OVERDUE_RED))
                self.setItem(row, column, item)

    def unit_at(self, row: int) -> str | None:
        item = self.item(row, 0)
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def units(self) -> list[str]:
        """The units shown, top to bottom."""
        return [unit for row in range(self.rowCount()) if (unit := self.unit_at(row)) is not None]

    def selected_unit(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self.unit_at(rows[0].row()) if rows else None
