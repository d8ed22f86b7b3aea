"""The activities page (活动与案件): the room's other activities and its mediation cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.formatting import format_date
from desktop.models.enums import CaseKind, CaseStatus, NodeRole
from desktop.queries import Database
from desktop.queries import activities as queries
from desktop.queries.district_work import read_office_choices
from desktop.views.activities.activity_dialog import ActivityDialog
from desktop.views.activities.case_dialog import CaseDialog
from desktop.views.activities.kinds_tab import KindsTab
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.icons import icon
from desktop.views.common.office_dialog import OfficeDialog
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, record_table
from desktop.workflow import district_work


class _RecordTab(QWidget):
    """Search, filters, a lazily fetched list and the new/open buttons of one kind of record."""

    record_saved = Signal(str)

    def __init__(self, db: Database, *, today: Callable[[], date], district: bool) -> None:
        super().__init__()
        self._db = db
        self._today = today
        self._district = district
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.year_combo = QComboBox()
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")
        self.new_button = QPushButton(icon("new", color="#ffffff"), "")
        self.new_button.setObjectName("primaryButton")
        self.open_button = QPushButton(icon("edit"), "")
        self.open_button.setEnabled(False)
        # A district adds its own records (the district office's or a township's); the rooms'
        # records open read-only there (RecordDialog: another installation's record).

        self.model = QueryTableModel(db, self._columns())
        self.table = record_table(self.model)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate(self._column_widths()):
            if width:
                self.table.setColumnWidth(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        self.filters = QHBoxLayout()
        self.filters.setSpacing(8)
        self.filters.addWidget(self.search_edit, 1)
        self._add_filters()
        self.filters.addWidget(self.year_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.search_edit.textChanged.connect(self._apply_filter)
        self.year_combo.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_activated)
        self.new_button.clicked.connect(self.add_new)
        self.open_button.clicked.connect(self.open_selected)
        self._fill_years()
        self._apply_filter()

    # Subclasses ------------------------------------------------------------------------
    def _columns(self) -> list[ColumnSpec]:
        raise NotImplementedError

    def _column_widths(self) -> list[int]:
        raise NotImplementedError

    def _add_filters(self) -> None:
        raise NotImplementedError

    def _statement(self) -> Any:
        raise NotImplementedError

    def _years(self) -> list[int]:
        raise NotImplementedError

    def _ask(self, record_id: str | None, room_id: str | None = None) -> str | None:
        """Open the record's dialog; `room_id`: where a new district record goes."""
        raise NotImplementedError

    def _count_text(self, total: int) -> str:
        raise NotImplementedError

    # Shared ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._fill_years()
        selected = self.selected_id()
        self.model.refresh()
        self._update_count()
        self._select_record(selected)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.row_at(rows[0].row()).id) if rows else None

    def row_of(self, record_id: str) -> int:
        """The loaded row showing the record, or -1."""
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == record_id:
                return row
        return -1

    def add_new(self) -> None:
        room_id = None
        if self._district:
            office = OfficeDialog.ask(self, read_office_choices(self._db))
            if office is None:
                return
            room_id = district_work.host_room_id(self._db, office.township_id)
        saved = self._ask(None, room_id)
        if saved is not None:
            self.refresh()
            self._select_record(saved)
            self.record_saved.emit(saved)

    def open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        saved = self._ask(record_id)
        if saved is not None:
            self.refresh()
            self._select_record(saved)
            self.record_saved.emit(saved)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _fill_years(self) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("All years"), None)
        for year in self._years():
            self.year_combo.addItem(self.tr("Year %1").replace("%1", str(year)), year)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(current), 0))
        self.year_combo.blockSignals(False)

    def _apply_filter(self) -> None:
        self.model.set_query(self._statement())
        self._update_count()
        self.open_button.setEnabled(False)

    def _update_count(self) -> None:
        self.count_label.setText(self._count_text(self.model.total()))

    def _select_record(self, record_id: str | None) -> None:
        row = -1 if record_id is None else self.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _on_selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    def _on_activated(self, _index: QModelIndex) -> None:
        self.open_selected()

    def _room_column(self) -> ColumnSpec:
        return ColumnSpec(
            self.tr("Room"), lambda r: r.room_name, queries.ACTIVITY_SORT_KEYS["room_name"]
        )


class ActivitiesTab(_RecordTab):
    """其他履职活动: date, kind, title, members; filters by kind and year."""

    def __init__(self, db: Database, *, today: Callable[[], date], district: bool) -> None:
        self.kind_combo = QComboBox()
        super().__init__(db, today=today, district=district)
        self.search_edit.setPlaceholderText(self.tr("Search title, summary or member (Ctrl+L)"))
        self.new_button.setText(self.tr("New activity"))
        self.new_button.setToolTip(self.tr("Record an activity (Ctrl+N)"))
        self.open_button.setText(self.tr("Open"))

    def _columns(self) -> list[ColumnSpec]:
        keys = queries.ACTIVITY_SORT_KEYS
        columns = [
            ColumnSpec(self.tr("Date"), lambda r: format_date(r.held_on), keys["held_on"]),
            ColumnSpec(self.tr("Kind"), lambda r: r.kind_name, keys["kind"]),
            ColumnSpec(self.tr("Title"), lambda r: r.title, keys["title"]),
            ColumnSpec(self.tr("Members"), lambda r: r.members or ""),
        ]
        if self._district:
            columns.insert(1, self._room_column())
        return columns

    def _column_widths(self) -> list[int]:
        widths = [130, 150, 0, 260]
        if self._district:
            widths.insert(1, 180)
        return widths

    def _add_filters(self) -> None:
        self._fill_kinds()
        self.filters.addWidget(self.kind_combo)
        self.kind_combo.currentIndexChanged.connect(self._apply_filter)

    def _fill_kinds(self) -> None:
        current = self.kind_combo.currentData()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in queries.activity_kinds(self._db):
            self.kind_combo.addItem(kind.name, kind.id)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(current), 0))
        self.kind_combo.blockSignals(False)

    def reload_kinds(self) -> None:
        """The district renamed, added or removed a kind: the filter and list follow."""
        self._fill_kinds()
        self.refresh()

    def _statement(self) -> Any:
        return queries.activity_list(
            queries.ActivityFilter(
                kind_id=self.kind_combo.currentData(),
                year=self.year_combo.currentData(),
                search=self.search_edit.text(),
            )
        )

    def _years(self) -> list[int]:
        return queries.activity_years(self._db)

    def _ask(self, record_id: str | None, room_id: str | None = None) -> str | None:
        return ActivityDialog(
            self._db,
            activity_id=record_id,
            today=self._today(),
            read_only=False,
            parent=self,
            room_id=room_id,
        ).run()

    def _count_text(self, total: int) -> str:
        return self.tr("%1 activities").replace("%1", str(total))


class CasesTab(_RecordTab):
    """调解/信访案件: opened, kind, subject, parties, members, status, closed; status filter."""

    def __init__(self, db: Database, *, today: Callable[[], date], district: bool) -> None:
        self.kind_combo = QComboBox()
        self.status_combo = QComboBox()
        super().__init__(db, today=today, district=district)
        self.search_edit.setPlaceholderText(
            self.tr("Search subject, parties, result or member (Ctrl+L)")
        )
        self.new_button.setText(self.tr("New case"))
        self.new_button.setToolTip(self.tr("Record a case (Ctrl+N)"))
        self.open_button.setText(self.tr("Open"))

    def _columns(self) -> list[ColumnSpec]:
        keys = queries.CASE_SORT_KEYS
        columns = [
            ColumnSpec(self.tr("Opened on"), lambda r: format_date(r.opened_on), keys["opened_on"]),
            ColumnSpec(self.tr("Kind"), lambda r: r.kind.label, keys["kind"]),
            ColumnSpec(self.tr("Subject"), lambda r: r.subject, keys["subject"]),
            ColumnSpec(self.tr("Parties"), lambda r: r.parties),
            ColumnSpec(self.tr("Members"), lambda r: r.members or ""),
            ColumnSpec(self.tr("Status"), lambda r: r.status.label, keys["status"]),
            ColumnSpec(self.tr("Closed on"), lambda r: format_date(r.closed_on), keys["closed_on"]),
        ]
        if self._district:
            columns.insert(1, self._room_column())
        return columns

    def _column_widths(self) -> list[int]:
        widths = [130, 60, 0, 200, 130, 90, 130]
        if self._district:
            widths.insert(1, 180)
        return widths

    def _add_filters(self) -> None:
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in CaseKind:
            self.kind_combo.addItem(kind.label, kind)
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in CaseStatus:
            self.status_combo.addItem(status.label, status)
        self.filters.addWidget(self.kind_combo)
        self.filters.addWidget(self.status_combo)
        self.kind_combo.currentIndexChanged.connect(self._apply_filter)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)

    def _statement(self) -> Any:
        # Qt hands enum data back as plain text; make it the enum again.
        kind, status = self.kind_combo.currentData(), self.status_combo.currentData()
        return queries.case_list(
            queries.CaseFilter(
                kind=None if kind is None else CaseKind(kind),
                status=None if status is None else CaseStatus(status),
                year=self.year_combo.currentData(),
                search=self.search_edit.text(),
            )
        )

    def _years(self) -> list[int]:
        return queries.case_years(self._db)

    def _ask(self, record_id: str | None, room_id: str | None = None) -> str | None:
        return CaseDialog(
            self._db,
            case_id=record_id,
            today=self._today(),
            read_only=False,
            parent=self,
            room_id=room_id,
        ).run()

    def _count_text(self, total: int) -> str:
        return self.tr("%1 cases").replace("%1", str(total))


class ActivitiesPage(QWidget):
    """Two tabs: 其他履职活动 and 调解/信访案件; read-only in district mode."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        installation = db.installation()
        district = installation is not None and installation.role is NodeRole.DISTRICT
        title = QLabel(self.tr("Activities and cases"))
        title.setFont(scaled_font(title, 1.8, bold=True))
        self.activities_tab = ActivitiesTab(db, today=today, district=district)
        self.cases_tab = CasesTab(db, today=today, district=district)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.activities_tab, self.tr("Other activities"))
        self.tabs.addTab(self.cases_tab, self.tr("Mediation and petition cases"))
        # The district's list of kinds: edited here in the district, read-only in a room.
        self.kinds_tab = KindsTab(db, district=district)
        self.kinds_tab.kinds_changed.connect(self.activities_tab.reload_kinds)
        self.tabs.addTab(self.kinds_tab, self.tr("Activity kinds"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        if district:
            note = QLabel(
                self.tr(
                    "District mode: the rooms' activities and cases arrive with their bundles "
                    "and are read-only here; the district office's and townships' own are "
                    "added and edited here."
                )
            )
            note.setObjectName("mutedText")
            note.setWordWrap(True)
            heading = QVBoxLayout()
            heading.addWidget(title)
            heading.addWidget(note)
            layout.addLayout(heading)
        else:
            layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self._on_new_shortcut)
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self._on_find_shortcut)

    def current_tab(self) -> _RecordTab:
        """The record tab shown, or the activities when the list of kinds is."""
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, _RecordTab) else self.activities_tab

    def _on_new_shortcut(self) -> None:
        if self.tabs.currentWidget() is self.kinds_tab:
            self.kinds_tab.new_kind()
        else:
            self.current_tab().add_new()

    def _on_find_shortcut(self) -> None:
        if self.tabs.currentWidget() is self.kinds_tab:
            self.tabs.setCurrentWidget(self.activities_tab)
        self.current_tab().focus_search()

    def refresh(self) -> None:
        """Read the lists again (an outcome, the roster or a bundle's kinds may have changed)."""
        self.kinds_tab.refresh()
        self.activities_tab.reload_kinds()
        self.cases_tab.refresh()
