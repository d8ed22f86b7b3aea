"""成果督办 (district): every room's outcomes, overdue first, and the same by unit.

Filters on the left above the list (a paged query model, so ten years of 315 rooms open at
once); the chosen outcome's follow-up on the right (the outcomes page's own panel), with
"record supervision" and the unit's 督办单.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Row

from desktop import clock
from desktop.formatting import format_date
from desktop.models.enums import OutcomeStatus
from desktop.queries import Database
from desktop.queries import outcomes as outcome_queries
from desktop.queries import supervision as queries
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import NOT_AN_INPUT, date_edit, to_date
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import (
    OVERDUE_RED,
    ColumnSpec,
    QueryTableModel,
    record_table,
)
from desktop.views.outcomes.detail import OutcomeDetailPanel
from desktop.views.outcomes.dialogs import OutcomeActionDialog
from desktop.views.supervision.dialogs import SupervisionDialog
from desktop.views.supervision.units_table import UnitsTable

OPEN = "open"  # the state filter's "not yet completed": pending and in progress
LIST_TAB, UNITS_TAB = 0, 1


class SupervisionPage(QWidget):
    """The district's supervision of every room's outcomes."""

    outcome_changed = Signal(str)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        installation = db.installation()
        self._node_id = installation.node_id if installation else ""
        self._choices = queries.SupervisionChoices(townships=[], rooms=[], units=[])
        self._units_stale = True

        title = QLabel(self.tr("Outcome supervision"))
        title.setFont(scaled_font(title, 1.8, bold=True))
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")

        self.township_combo = QComboBox()
        self.room_combo = QComboBox()
        self.room_combo.setMinimumContentsLength(12)
        self.unit_combo = QComboBox()
        self.unit_combo.setMinimumContentsLength(14)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All states"), None)
        self.status_combo.addItem(self.tr("Not completed"), OPEN)
        for status in OutcomeStatus:
            self.status_combo.addItem(status.label, status.value)
        self.deadline_check = QCheckBox(self.tr("Deadline from"))
        self.from_edit = date_edit(today() - timedelta(days=90))
        self.to_edit = date_edit(today() + timedelta(days=90))
        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        for widget in (
            self.township_combo,
            self.room_combo,
            self.unit_combo,
            self.status_combo,
            self.deadline_check,
            self.from_edit,
            self.to_edit,
            self.overdue_check,
        ):
            widget.setProperty(NOT_AN_INPUT, True)
        first_row = QHBoxLayout()
        first_row.setSpacing(8)
        for widget in (self.township_combo, self.room_combo, self.unit_combo):
            first_row.addWidget(widget, 1)
        first_row.addWidget(self.status_combo)
        second_row = QHBoxLayout()
        second_row.setSpacing(8)
        second_row.addWidget(self.deadline_check)
        second_row.addWidget(self.from_edit)
        second_row.addWidget(QLabel(self.tr("to")))
        second_row.addWidget(self.to_edit)
        second_row.addSpacing(12)
        second_row.addWidget(self.overdue_check)
        second_row.addStretch(1)

        self.model = QueryTableModel(db, self._columns())
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((0, 150, 80, 150, 104, 64, 56, 128)):
            if column:
                self.table.setColumnWidth(column, width)

        self.units_table = UnitsTable()

        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("Outcomes"))
        self.tabs.addTab(self.units_table, self.tr("By responsible unit"))

        self.record_button = QPushButton(
            icon("progress", color="#ffffff"), self.tr("Record supervision…")
        )
        self.record_button.setObjectName("primaryButton")
        self.print_button = QPushButton(icon("print"), self.tr("Supervision sheet…"))
        self.print_button.setToolTip(
            self.tr("The responsible unit's open outcomes, to take along on a visit")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        self.detail_panel = OutcomeDetailPanel(db)
        self.detail_panel.action_requested.connect(self._on_action_requested)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setWidget(self.detail_panel)
        right = QWidget()
        right.setMinimumWidth(400)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(detail_scroll, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([960, 420])
        self.splitter.setChildrenCollapsible(False)

        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addLayout(first_row)
        layout.addLayout(second_row)
        layout.addWidget(self.splitter, 1)

        self._fill_choices()
        self.township_combo.currentIndexChanged.connect(self._on_township_changed)
        for combo in (self.room_combo, self.unit_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        for box in (self.deadline_check, self.overdue_check):
            box.toggled.connect(self._apply_filter)
        self.from_edit.dateChanged.connect(self._on_dates_changed)
        self.to_edit.dateChanged.connect(self._on_dates_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(lambda _index: self._on_record_clicked())
        self.units_table.cellDoubleClicked.connect(self._on_unit_activated)
        self.units_table.itemSelectionChanged.connect(self._update_print_button)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.record_button.clicked.connect(self._on_record_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self._apply_filter()

    # Public ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the choices, the list and the open outcome again (an import may have come)."""
        selected = self.selected_outcome_id()
        self._fill_choices()
        self.model.refresh()
        self._units_stale = True
        self._update_count()
        self._show_units_if_visible()
        self._select_outcome(selected)

    def open_record(self, unit: str) -> None:
        """List one responsible unit's outcomes (from the 工作台's overdue-by-unit alert)."""
        self._reset_filters()
        index = self.unit_combo.findData(unit)
        if index < 0:
            self.unit_combo.addItem(unit, unit)
            index = self.unit_combo.count() - 1
        self.unit_combo.setCurrentIndex(index)
        self.tabs.setCurrentIndex(LIST_TAB)

    def criteria(self) -> queries.SupervisionFilter:
        state = self.status_combo.currentData()
        statuses: tuple[OutcomeStatus, ...] = ()
        if state == OPEN:
            statuses = outcome_queries.OPEN_STATUSES
        elif state is not None:
            statuses = (OutcomeStatus(state),)
        dated = self.deadline_check.isChecked()
        return queries.SupervisionFilter(
            township_id=self.township_combo.currentData(),
            room_id=self.room_combo.currentData(),
            unit=self.unit_combo.currentData(),
            statuses=statuses,
            deadline_from=to_date(self.from_edit) if dated else None,
            deadline_to=to_date(self.to_edit) if dated else None,
            overdue_only=self.overdue_check.isChecked(),
        )

    def selected_outcome_id(self) -> str | None:
        return self.detail_panel.detail.id if self.detail_panel.detail else None

    def row_of(self, outcome_id: str) -> int:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == outcome_id:
                return row
        return -1

    def sheet_unit(self) -> str | None:
        """The unit a 督办单 is printed for: the unit chosen in the by-unit table, else the
        unit filter, else the chosen outcome's."""
        if self.tabs.currentIndex() == UNITS_TAB:
            selected = self.units_table.selected_unit()
            if selected is not None:
                return selected
        chosen = self.unit_combo.currentData()
        if chosen is not None:
            return str(chosen)
        detail = self.detail_panel.detail
        if detail is None:
            return None
        return detail.responsible_unit.strip() or queries.NO_UNIT

    def print_sheet(self) -> bool:
        """Preview (and print) the chosen unit's 督办单."""
        from desktop.documents.supervision_sheet import render_supervision_sheet, sheet_title
        from desktop.views.common.document_preview import preview_document, safe_file_stem

        unit = self.sheet_unit()
        if unit is None:
            return False
        db, criteria, today = self._db, self.criteria(), self._today()
        title = sheet_title(unit)
        return preview_document(
            self,
            title=title,
            file_stem=safe_file_stem(title),
            render=lambda path: render_supervision_sheet(
                db=db, unit=unit, path=path, criteria=criteria, today=today
            ),
        )

    # Internals -------------------------------------------------------------------------
    def _columns(self) -> list[ColumnSpec]:
        today = self._today

        def late(row: Row[Any]) -> int:
            return queries.overdue_days(deadline=row.deadline, status=row.status, today=today())

        def red_if_late(row: Row[Any]) -> QColor | None:
            return OVERDUE_RED if late(row) else None

        def supervised(row: Row[Any]) -> str:
            if not row.actions:
                return ""
            return f"{format_date(row.last_action_on)}（{row.actions}）"

        def place(row: Row[Any]) -> queries.Place:
            return self._choices.places.get(row.room_id, queries.Place("", ""))

        right = Qt.AlignmentFlag.AlignRight
        keys = queries.SORT_KEYS
        return [
            ColumnSpec(self.tr("Outcome"), lambda r: r.content, keys["content"], None, red_if_late),
            ColumnSpec(self.tr("Room"), lambda r: place(r).room, None, None),
            ColumnSpec(self.tr("Township"), lambda r: place(r).township, None, None),
            ColumnSpec(
                self.tr("Responsible unit"),
                lambda r: r.responsible_unit,
                keys["unit"],
                None,
                red_if_late,
            ),
            ColumnSpec(
                self.tr("Deadline"),
                lambda r: format_date(r.deadline),
                keys["deadline"],
                None,
                red_if_late,
            ),
            ColumnSpec(
                self.tr("Days late"),
                lambda r: str(late(r) or ""),
                None,
                right,
                red_if_late,
            ),
            ColumnSpec(self.tr("State"), lambda r: r.status.label, keys["status"], None),
            ColumnSpec(self.tr("Supervised"), supervised, None, None),
        ]

    def _fill_choices(self) -> None:
        self._choices = queries.read_supervision_choices(self._db)
        combos = (self.township_combo, self.room_combo, self.unit_combo)
        for combo in combos:
            combo.blockSignals(True)
        township = self.township_combo.currentData()
        unit = self.unit_combo.currentData()
        self.township_combo.clear()
        self.township_combo.addItem(self.tr("All townships"), None)
        for choice in self._choices.townships:
            self.township_combo.addItem(choice.name, choice.id)
        self.township_combo.setCurrentIndex(max(self.township_combo.findData(township), 0))
        self._fill_rooms()
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("All responsible units"), None)
        for name in self._choices.units:
            self.unit_combo.addItem(name, name)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit), 0))
        for combo in combos:
            combo.blockSignals(False)

    def _fill_rooms(self) -> None:
        township = self.township_combo.currentData()
        room = self.room_combo.currentData()
        self.room_combo.blockSignals(True)
        self.room_combo.clear()
        self.room_combo.addItem(self.tr("All rooms"), None)
        for choice, township_id in self._choices.rooms:
            if township is None or township_id == township:
                self.room_combo.addItem(choice.name, choice.id)
        self.room_combo.setCurrentIndex(max(self.room_combo.findData(room), 0))
        self.room_combo.blockSignals(False)

    def _reset_filters(self) -> None:
        widgets = (
            self.township_combo,
            self.room_combo,
            self.unit_combo,
            self.status_combo,
            self.deadline_check,
            self.overdue_check,
        )
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.township_combo, self.unit_combo, self.status_combo):
            combo.setCurrentIndex(0)
        self._fill_rooms()
        self.room_combo.setCurrentIndex(0)
        self.deadline_check.setChecked(False)
        self.overdue_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._apply_filter()

    def _on_township_changed(self) -> None:
        self._fill_rooms()
        self._apply_filter()

    def _on_dates_changed(self) -> None:
        if self.deadline_check.isChecked():
            self._apply_filter()

    def _apply_filter(self) -> None:
        selected = self.selected_outcome_id()
        self.model.set_query(queries.supervision_list(self.criteria(), today=self._today()))
        self._units_stale = True
        self._update_count()
        self._show_units_if_visible()
        self._select_outcome(selected)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 outcomes").replace("%1", str(self.model.total())))

    def _on_tab_changed(self, _index: int) -> None:
        self._show_units_if_visible()
        self._update_print_button()

    def _update_print_button(self) -> None:
        self.print_button.setEnabled(self.sheet_unit() is not None)

    def _show_units_if_visible(self) -> None:
        # Read only when looked at: the list's first screen must not wait for the grouping.
        if self.tabs.currentIndex() != UNITS_TAB or not self._units_stale:
            return
        self._units_stale = False
        self.units_table.show_summaries(
            queries.read_unit_summaries(self._db, self.criteria(), today=self._today())
        )

    def unit_rows(self) -> list[str]:
        """The units the by-unit table shows, top to bottom."""
        return self.units_table.units()

    def _on_unit_activated(self, row: int, _column: int) -> None:
        unit = self.units_table.unit_at(row)
        if unit is None:
            return
        index = self.unit_combo.findData(unit)
        if index >= 0:
            self.unit_combo.setCurrentIndex(index)
        self.tabs.setCurrentIndex(LIST_TAB)

    def _select_outcome(self, outcome_id: str | None) -> None:
        row = -1 if outcome_id is None else self.row_of(outcome_id)
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.table.selectionModel().blockSignals(False)
        self._show_detail(outcome_id)

    def _show_detail(self, outcome_id: str | None) -> None:
        detail = None
        if outcome_id is not None:
            detail = outcome_queries.read_outcome(
                self._db, outcome_id, node_id=self._node_id, today=self._today()
            )
        self.detail_panel.show_outcome(detail)
        self.record_button.setEnabled(detail is not None)
        self._update_print_button()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_detail(self.model.row_at(rows[0].row()).id if rows else None)

    def _on_action_requested(self, dialog: type[OutcomeActionDialog]) -> None:
        self._run_dialog(dialog)

    def _on_record_clicked(self) -> None:
        self._run_dialog(SupervisionDialog)

    def _run_dialog(self, dialog: type[OutcomeActionDialog]) -> None:
        shown = self.detail_panel.detail
        if shown is None:
            return
        # Read again: the dialog starts from the outcome as it is now.
        self._show_detail(shown.id)
        outcome = self.detail_panel.detail
        if outcome is None:
            self.refresh()
            return
        if dialog.ask(self, self._db, outcome, today=self._today()):
            self.refresh()
            self.outcome_changed.emit(outcome.id)
        else:
            self._show_detail(outcome.id)

    def _on_print_clicked(self) -> None:
        self.print_sheet()
