"""The outcomes page (成果落实): every outcome across meetings, and the one being followed up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Row

from desktop import clock
from desktop.formatting import format_date
from desktop.models.enums import NodeRole, OutcomeStatus
from desktop.queries import Database
from desktop.queries import outcomes as queries
from desktop.views.common.document_preview import preview_document, safe_file_stem
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.query_table_model import (
    OVERDUE_RED,
    ColumnSpec,
    QueryTableModel,
    record_table,
)
from desktop.views.common.row_heights import VisibleRowFitter
from desktop.views.outcomes.detail import OutcomeDetailPanel
from desktop.views.outcomes.dialogs import OutcomeActionDialog


class OutcomesPage(QWidget):
    """List, filters and search on the left; the chosen outcome's follow-up on the right."""

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
        self._district = installation is not None and installation.role is NodeRole.DISTRICT

        title = QLabel(self.tr("Outcomes"))
        title.setFont(scaled_font(title, 1.8, bold=True))
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search content, topic or unit (Ctrl+L)"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in OutcomeStatus:
            self.status_combo.addItem(status.label, status.value)
        self.year_combo = QComboBox()
        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.year_combo)
        filters.addWidget(self.overdue_check)

        self.model = QueryTableModel(db, self._columns())
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(self._column_widths()):
            if column:
                self.table.setColumnWidth(column, width)
        # The whole 成果内容, wrapped: a cut-off outcome reads as a different one.
        self.row_fitter = VisibleRowFitter(self.table)

        self.detail_panel = OutcomeDetailPanel(db)
        self.detail_panel.action_requested.connect(self._on_action_requested)
        self.detail_panel.print_feedback_requested.connect(self.print_feedback)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setMinimumWidth(400)
        detail_scroll.setWidget(self.detail_panel)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([960, 400])
        self.splitter.setChildrenCollapsible(False)

        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.search_edit.textChanged.connect(self._apply_filter)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.year_combo.currentIndexChanged.connect(self._apply_filter)
        self.overdue_check.toggled.connect(self._apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # Enter or a double click on an outcome: note its progress, the commonest follow-up.
        self.table.activated.connect(lambda _index: self._on_new_progress_shortcut())
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self._focus_search)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(
            self._on_new_progress_shortcut
        )
        self._fill_years()
        self._apply_filter()

    # Public ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list and the open outcome again (other pages may have changed them)."""
        self._fill_years()
        selected = self.selected_outcome_id()
        self.model.refresh()
        self._update_count()
        self._select_outcome(selected)

    def open_record(self, record_id: str) -> None:
        """Show one outcome (from the dashboard): clear the filters so the list can hold it."""
        for widget in (self.search_edit, self.status_combo, self.year_combo, self.overdue_check):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.year_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        for widget in (self.search_edit, self.status_combo, self.year_combo, self.overdue_check):
            widget.blockSignals(False)
        self._apply_filter()
        self.model.load_row_of(record_id)  # further down a long list than the first batch
        self._select_outcome(record_id)

    def print_feedback(self, meeting_id: str) -> bool:
        """Preview (and print) the 成果反馈公示 of the meeting, as the meeting editor does."""
        from desktop.documents.feedback import render_feedback

        db = self._db
        # The meeting editor's words for the same document (one translation for both).
        kind = QCoreApplication.translate("MeetingEditor", "Outcome feedback notice")
        shown = self.detail_panel.detail
        held_on = format_date(shown.agreed_on) if shown is not None else ""
        return preview_document(
            self,
            title=f"{kind} {held_on}".strip(),
            file_stem=safe_file_stem(f"{kind}-{held_on}"),
            render=lambda path: render_feedback(db=db, meeting_id=meeting_id, path=path),
        )

    def selected_outcome_id(self) -> str | None:
        return self.detail_panel.detail.id if self.detail_panel.detail else None

    def row_of(self, outcome_id: str) -> int:
        """The loaded row showing the outcome, or -1."""
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == outcome_id:
                return row
        return -1

    # Internals -------------------------------------------------------------------------
    def _columns(self) -> list[ColumnSpec]:
        today = self._today

        def red_if_overdue(row: Row[Any]) -> QColor | None:
            late = queries.is_overdue(deadline=row.deadline, status=row.status, today=today())
            return OVERDUE_RED if late else None

        columns = [
            ColumnSpec(
                self.tr("Outcome"),
                lambda r: r.content,
                queries.SORT_KEYS["content"],
                None,
                red_if_overdue,
            ),
            ColumnSpec(
                self.tr("Topic"),
                lambda r: r.origin,
                queries.SORT_KEYS["origin"],
                None,
                red_if_overdue,
            ),
            ColumnSpec(
                self.tr("Agreed on"),
                lambda r: format_date(r.agreed_on),
                queries.SORT_KEYS["agreed_on"],
                None,
                red_if_overdue,
            ),
            ColumnSpec(
                self.tr("Responsible unit"),
                lambda r: r.responsible_unit,
                queries.SORT_KEYS["responsible_unit"],
                None,
                red_if_overdue,
            ),
            ColumnSpec(
                self.tr("Deadline"),
                lambda r: format_date(r.deadline),
                queries.SORT_KEYS["deadline"],
                None,
                red_if_overdue,
            ),
            ColumnSpec(
                self.tr("Status"),
                lambda r: r.status.label,
                queries.SORT_KEYS["status"],
                None,
                red_if_overdue,
            ),
            ColumnSpec(
                self.tr("Result"),
                lambda r: r.result_class.value if r.result_class else "",
                queries.SORT_KEYS["result_class"],
                Qt.AlignmentFlag.AlignCenter,
                red_if_overdue,
            ),
        ]
        if self._district:
            columns.insert(
                1,
                ColumnSpec(
                    self.tr("Room"),
                    lambda r: r.room_name,
                    queries.SORT_KEYS["room_name"],
                    None,
                    red_if_overdue,
                ),
            )
        return columns

    def _column_widths(self) -> list[int]:
        widths = [0, 120, 112, 120, 112, 60, 44]
        if self._district:
            widths.insert(1, 160)
        return widths

    def _fill_years(self) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("All years"), None)
        for year in queries.outcome_years(self._db):
            self.year_combo.addItem(self.tr("Year %1").replace("%1", str(year)), year)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(current), 0))
        self.year_combo.blockSignals(False)

    def _criteria(self) -> queries.OutcomeFilter:
        return queries.OutcomeFilter(
            status=OutcomeStatus(status) if (status := self.status_combo.currentData()) else None,
            overdue_only=self.overdue_check.isChecked(),
            year=self.year_combo.currentData(),
            search=self.search_edit.text(),
        )

    def _apply_filter(self) -> None:
        selected = self.selected_outcome_id()
        self.model.set_query(queries.outcome_list(self._criteria(), today=self._today()))
        self._update_count()
        self._select_outcome(selected)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 outcomes").replace("%1", str(self.model.total())))

    def _select_outcome(self, outcome_id: str | None) -> None:
        """Select the outcome's row when loaded; the panel shows it either way."""
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
            detail = queries.read_outcome(
                self._db, outcome_id, node_id=self._node_id, today=self._today()
            )
        self.detail_panel.show_outcome(detail)

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_detail(self.model.row_at(rows[0].row()).id if rows else None)

    def _on_action_requested(self, dialog: type[OutcomeActionDialog]) -> None:
        shown = self.detail_panel.detail
        if shown is None:
            return
        # Read again: the dialog starts from the outcome as it is now (a sync or another
        # window may have changed it since the panel showed it), and its save is checked
        # against exactly that.
        self._show_detail(shown.id)
        outcome = self.detail_panel.detail
        if outcome is None:
            self.refresh()
            return
        if dialog.ask(self, self._db, outcome, today=self._today()):
            self.refresh()
            self.outcome_changed.emit(outcome.id)
        else:
            # Refused as changed elsewhere, or cancelled: show what is stored now.
            self._show_detail(outcome.id)

    def _on_new_progress_shortcut(self) -> None:
        button = self.detail_panel.progress_button
        if self.detail_panel.detail is not None and button.isVisible() and button.isEnabled():
            button.click()

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()
