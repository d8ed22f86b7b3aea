"""议事室 (district): every room's standing, silent ones highlighted; enrol, re-enrol, retire."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.queries import Database
from desktop.queries.rooms import RoomsOverview, RoomStanding, read_rooms_overview
from desktop.sync.rooms import reinstate_room, retire_room
from desktop.views.rooms.enrol_dialog import EnrolRoomDialog
from desktop.views.rooms.records_count import RecordsCounter

SILENT_BACKGROUND = QColor("#fde2e1")
RECORDS_COLUMN = 7
RETIRED_FOREGROUND = QColor("#888888")


class RoomsPage(QWidget):
    """The district's rooms, by township and area."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.overview = RoomsOverview(rooms=[], silent_days=0)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search room, village, township or code"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_changed)
        top.addWidget(self.search, 1)
        self.enrol_button = QPushButton(self.tr("Enrol…"))
        self.reenrol_button = QPushButton(self.tr("Re-enrol…"))
        self.retire_button = QPushButton(self.tr("Retire"))
        self.enrol_button.clicked.connect(self._on_enrol_clicked)
        self.reenrol_button.clicked.connect(self._on_reenrol_clicked)
        self.retire_button.clicked.connect(self._on_retire_clicked)
        for button in (self.enrol_button, self.reenrol_button, self.retire_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.headers = [
            self.tr("Township"),
            self.tr("Area"),
            self.tr("Room"),
            self.tr("Code"),
            self.tr("Enrolled"),
            self.tr("Last bundle"),
            self.tr("Days silent"),
            self.tr("Records"),
            self.tr("Overdue outcomes"),
            self.tr("Key fingerprint"),
        ]
        self.table = QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        # The rooms show at once; their record counts follow from a worker.
        self.records_counter = RecordsCounter(db, self)
        self.records_counter.counted.connect(self._on_records_counted)
        self._records: dict[str, int] | None = None
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_room()
        self.overview = read_rooms_overview(self._db, today=clock.today(), count_records=False)
        self._records = None
        self._fill(selected.room_id if selected else None)
        self.records_counter.count(self.overview.rooms)

    def _on_records_counted(self, records: dict[str, int]) -> None:
        self._records = records
        for row in range(self.table.rowCount()):
            item = self.table.item(row, RECORDS_COLUMN)
            if item is not None:
                item.setText(self._records_text(item.data(Qt.ItemDataRole.UserRole)))

    def _records_text(self, room_id: str) -> str:
        return "…" if self._records is None else str(self._records.get(room_id, 0))

    def rows(self) -> list[RoomStanding]:
        """The rooms shown, as the search leaves them."""
        words = self.search.text().strip().lower().split()

        def matches(room: RoomStanding) -> bool:
            text = " ".join([room.name, room.village, room.township, room.area, room.code]).lower()
            return all(word in text for word in words)

        return [r for r in self.overview.rooms if matches(r)]

    def _fill(self, keep: str | None = None) -> None:
        shown = self.rows()
        self.table.setRowCount(len(shown))
        for row, room in enumerate(shown):
            if room.retired:
                state = self.tr("Retired")
            else:
                state = self.tr("Enrolled") if room.enrolled else self.tr("Not enrolled")
            days = "" if room.days_silent is None else str(room.days_silent)
            if room.silent:
                days = self.tr("%1 (silent)").replace("%1", days)
            values = [
                room.township,
                room.area,
                room.name,
                room.code,
                state,
                format_date(room.last_bundle_on) if room.last_bundle_on else "—",
                days,
                self._records_text(room.room_id),
                str(room.overdue_outcomes),
                room.fingerprint or "—",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, room.room_id)
                if column >= 6 and column <= 8:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if room.silent:
                    item.setBackground(QBrush(SILENT_BACKGROUND))
                if room.retired:
                    item.setForeground(QBrush(RETIRED_FOREGROUND))
                self.table.setItem(row, column, item)
            if room.room_id == keep:
                self.table.selectRow(row)
        silent = len(self.overview.silent)
        text = self.tr("%1 rooms").replace("%1", str(len(self.overview.rooms)))
        if silent:
            text += self.tr("; %1 sent no bundle for %2 days or more (highlighted)")
            text = text.replace("%1", str(silent)).replace("%2", str(self.overview.silent_days))
        self.summary.setText(text)
        self._update_buttons()

    def selected_room(self) -> RoomStanding | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        room_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((r for r in self.overview.rooms if r.room_id == room_id), None)

    def open_record(self, room_id: str) -> None:
        """Show one room's row (from the 工作台's alerts): the search cleared so it is listed."""
        self.search.clear()
        self.select_room(room_id)

    def select_room(self, room_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == room_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        room = self.selected_room()
        self.reenrol_button.setEnabled(room is not None and room.enrolled and not room.retired)
        self.retire_button.setEnabled(room is not None)
        if room is not None and room.retired:
            self.retire_button.setText(self.tr("Reinstate"))
        else:
            self.retire_button.setText(self.tr("Retire"))

    def _on_search_changed(self, _text: str) -> None:
        self._fill()

    def make_enrol_dialog(self, room: RoomStanding | None) -> EnrolRoomDialog:
        """The enrol dialog (tests take it from here to drive it)."""
        dialog = EnrolRoomDialog(self._db, room=room, parent=self)
        dialog.enrolled.connect(lambda _room_id: self.refresh())
        return dialog

    def _on_enrol_clicked(self) -> None:
        room = self.selected_room()
        dialog = self.make_enrol_dialog(None)
        if room is not None and not room.enrolled and not room.retired:
            # A room of the registry never enrolled: its details filled in.
            dialog.room_name.setText(room.name)
            dialog.village.setText(room.village)
            dialog.township.setText(room.township)
        dialog.exec()

    def _on_reenrol_clicked(self) -> None:
        room = self.selected_room()
        if room is not None:
            self.make_enrol_dialog(room).exec()

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str) -> bool:
        """The seam tests patch: a yes/no question."""
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _on_retire_clicked(self) -> None:
        room = self.selected_room()
        if room is None:
            return
        try:
            if room.retired:
                question = self.tr(
                    "Reinstate %1? It will be expected to send bundles again and may be enrolled."
                )
                if not self.confirm(self, self.tr("Reinstate"), question.replace("%1", room.name)):
                    return
                reinstate_room(self._db, room_id=room.room_id)
            else:
                question = self.tr(
                    "Retire %1? Its records are kept; it is no longer expected to send bundles "
                    "and cannot be enrolled again until reinstated."
                )
                if not self.confirm(self, self.tr("Retire"), question.replace("%1", room.name)):
                    return
                retire_room(self._db, room_id=room.room_id, today=clock.today())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Rooms"), str(exc))
        self.refresh()
