"""The sync page's tabs: bundles in and out, acknowledgements, refusals, records to check."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import Row

from desktop.formatting import format_date, format_time
from desktop.listing import fetch_rows
from desktop.models import SyncPeer
from desktop.models.enums import NodeRole
from desktop.queries import Database
from desktop.queries import sync as queries
from desktop.queries.sync import BundleTotals
from desktop.sync.refusals import read_refusals
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, record_table
from desktop.views.sync.quarantine_view import QuarantineView


def moment(value: datetime | None) -> str:
    """A stored time as the local date and time, or nothing."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return f"{format_date(local.date())} {format_time(local.time())}"


def totals_text(totals: BundleTotals) -> str:
    """What an import did: added, updated, unchanged and, if any, set aside."""
    text = (
        QCoreApplication.translate("SyncHistoryTabs", "%1 added, %2 updated, %3 unchanged")
        .replace("%1", str(totals.added))
        .replace("%2", str(totals.updated))
        .replace("%3", str(totals.unchanged))
    )
    if totals.quarantined:
        text += QCoreApplication.translate(
            "SyncHistoryTabs", ", %1 set aside for checking"
        ).replace("%1", str(totals.quarantined))
    return text


class SyncHistoryTabs(QTabWidget):
    """The bundles exchanged, what the peers acknowledged, the refusals, the records to check."""

    def __init__(self, db: Database, *, district: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._district = district

        self.history_model = QueryTableModel(db, self._history_columns())
        self.history_table = record_table(self.history_model, sortable=False)
        history_header = self.history_table.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.peers_model = QueryTableModel(db, self._peer_columns())
        self.peers_table = record_table(self.peers_model, sortable=False)
        peers_header = self.peers_table.horizontalHeader()
        peers_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        peers_header.setStretchLastSection(True)
        # A district that joined a city: the city office is no room, so it gets a line of its
        # own above the rooms' table rather than a row under 议事室.
        self.city_label = QLabel()
        self.city_label.setObjectName("cityPeer")
        self.city_label.setContentsMargins(6, 4, 6, 2)
        self.city_label.setWordWrap(True)
        self.city_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.city_label.hide()
        peers_tab = QWidget()
        peers_layout = QVBoxLayout(peers_tab)
        peers_layout.setContentsMargins(0, 0, 0, 0)
        peers_layout.setSpacing(6)
        peers_layout.addWidget(self.city_label)
        peers_layout.addWidget(self.peers_table, 1)
        # Refusals live in a log beside the database (a refusal writes nothing into it).
        self.refusals_model = QStandardItemModel(0, 3, self)
        self.refusals_model.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("File"), self.tr("Reason")]
        )
        self.refusals_table = QTableView()
        self.refusals_table.setModel(self.refusals_model)
        self.refusals_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
        self.refusals_table.setTabKeyNavigation(False)
        self.refusals_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.refusals_table.verticalHeader().hide()
        refusals_header = self.refusals_table.horizontalHeader()
        refusals_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        refusals_header.setStretchLastSection(True)
        self.addTab(self.history_table, self.tr("Bundles in and out"))
        self.addTab(
            peers_tab,
            self.tr("Rooms and acknowledgements")
            if self._district
            else self.tr("What the district has acknowledged"),
        )
        self.addTab(self.refusals_table, self.tr("Refused bundles"))
        self.quarantine_view = QuarantineView(db)
        self.addTab(self.quarantine_view, self.tr("Records to check"))

        self.quarantine_view.record_settled.connect(self._on_record_settled)

        self.history_model.set_query(queries.bundle_history())
        if self._district:
            self.peers_model.set_query(queries.peers().where(SyncPeer.role != NodeRole.CITY.value))
        else:
            self.peers_model.set_query(queries.peers())
        self._show_city()

    def refresh(self) -> None:
        """Read the history, the peers, the refusal log and the quarantine again."""
        self.history_model.refresh()
        self.peers_model.refresh()
        self._show_city()
        self._show_refusals()
        self.quarantine_view.refresh()
        self._show_quarantine_count()

    # Internals ---------------------------------------------------------------------------
    def _show_city(self) -> None:
        rows = (
            fetch_rows(
                self._db,
                queries.peers().where(
                    SyncPeer.role == NodeRole.CITY.value, SyncPeer.revoked_at.is_(None)
                ),
                limit=1,
            )
            if self._district
            else []
        )
        if not rows:
            self.city_label.hide()
            return
        city = rows[0]
        self.city_label.setText(
            self.tr(
                "%1: %2, joined %3. Last bundle sent: %4. Last received: %5. It acknowledged: %6"
            )
            .replace("%1", NodeRole.CITY.label)
            .replace("%2", str(city.name))
            .replace("%3", format_date(city.enrolled_at.date()))
            .replace("%4", moment(city.last_out) or self.tr("None sent yet"))
            .replace("%5", moment(city.last_in) or self.tr("None yet"))
            .replace("%6", self._ack_text(city))
        )
        self.city_label.show()

    def _show_refusals(self) -> None:
        refusals = read_refusals(self._db.home)
        self.refusals_model.setRowCount(0)
        for refusal in refusals:
            local = refusal.at.astimezone()
            self.refusals_model.appendRow(
                [
                    QStandardItem(f"{format_date(local.date())} {format_time(local.time())}"),
                    QStandardItem(refusal.file_name),
                    QStandardItem(refusal.reason),
                ]
            )
        title = self.tr("Refused bundles")
        self.setTabText(2, f"{title}（{len(refusals)}）" if refusals else title)

    def _show_quarantine_count(self) -> None:
        index = self.indexOf(self.quarantine_view)
        title = self.tr("Records to check")
        count = self.quarantine_view.open_count
        self.setTabText(index, f"{title}（{count}）" if count else title)

    def _on_record_settled(self, _quarantine_id: int) -> None:
        self._show_quarantine_count()

    def _direction_text(self, row: Row[Any]) -> str:
        if row.direction == "in":
            return self.tr("Imported")
        # The district records the enrolment file it wrote for a room as bundle number 0.
        return self.tr("Enrolment file") if row.sequence == 0 else self.tr("Exported")

    def _bundle_result(self, row: Row[Any]) -> str:
        totals = queries.bundle_totals(row.summary, row.direction)
        if row.direction == "out":
            text = self.tr("%1 records").replace("%1", str(totals.records))
            return text + (self.tr(" (full)") if row.full else "")
        return totals_text(totals)

    def _history_columns(self) -> list[ColumnSpec]:
        right = Qt.AlignmentFlag.AlignRight
        return [
            ColumnSpec(self.tr("Time"), lambda r: moment(r.at)),
            ColumnSpec(self.tr("Direction"), self._direction_text),
            ColumnSpec(
                self.tr("With"),
                lambda r: f"{r.peer_name}（{r.peer_code}）" if r.peer_code else r.peer_name,
            ),
            ColumnSpec(self.tr("No."), lambda r: str(r.sequence or "–"), alignment=right),
            ColumnSpec(
                self.tr("Changes"),
                lambda r: (
                    f"{r.change_from + 1}–{r.change_to}" if r.change_to > r.change_from else "–"
                ),
                alignment=right,
            ),
            ColumnSpec(self.tr("Result"), self._bundle_result),
            ColumnSpec(self.tr("File"), lambda r: str(r.file_name)),
        ]

    def _peer_columns(self) -> list[ColumnSpec]:
        right = Qt.AlignmentFlag.AlignRight
        if self._district:
            return [
                ColumnSpec(self.tr("Room"), lambda r: str(r.name)),
                ColumnSpec(self.tr("Code"), lambda r: str(r.code or "")),
                ColumnSpec(self.tr("Enrolled"), lambda r: format_date(r.enrolled_at.date())),
                ColumnSpec(
                    self.tr("Last bundle received"),
                    lambda r: moment(r.last_in) or self.tr("None yet"),
                ),
                ColumnSpec(
                    self.tr("Its changes held through"),
                    lambda r: str(r.received_through),
                    alignment=right,
                ),
                ColumnSpec(self.tr("Last bundle sent"), lambda r: moment(r.last_out)),
                ColumnSpec(self.tr("It acknowledged"), self._ack_text),
            ]
        return [
            ColumnSpec(self.tr("District office"), lambda r: str(r.name)),
            ColumnSpec(self.tr("Enrolled"), lambda r: format_date(r.enrolled_at.date())),
            ColumnSpec(self.tr("Last bundle sent"), lambda r: moment(r.last_out)),
            ColumnSpec(
                self.tr("Last bundle received"),
                lambda r: moment(r.last_in) or self.tr("None yet"),
            ),
            ColumnSpec(self.tr("It acknowledged"), self._ack_text),
        ]

    def _ack_text(self, row: Row[Any]) -> str:
        if not row.acked_sequence and not row.acked_through:
            return self.tr("Nothing yet")
        return (
            self.tr("Bundle No. %1, changes through %2 (%3)")
            .replace("%1", str(row.acked_sequence))
            .replace("%2", str(row.acked_through))
            .replace("%3", moment(row.acked_at))
        )
