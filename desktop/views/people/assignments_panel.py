"""One member's assignments (派驻): the areas or rooms, from–to, with 派驻, 结束派驻 and 撤销
(a mistaken assignment deleted)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.queries import Database
from desktop.queries import roster_lists as roster_queries
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, table_view
from desktop.views.people.roster_dialogs import AssignDialog, DateDialog
from desktop.workflow import roster

AREA_PREFIX, ROOM_PREFIX = "area:", "room:"


class AssignmentsPanel(QWidget):
    """The assignments of the member chosen in the roster; history stays, ended ones included."""

    assignments_changed = Signal(str)

    def __init__(
        self, db: Database, *, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self._member_id: str | None = None
        self._member_name = ""
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.assign_button = QPushButton(icon("new"), self.tr("Assign…"))
        self.assign_button.setToolTip(self.tr("Assign the member to an area (片区) or a room"))
        self.end_button = QPushButton(icon("complete"), self.tr("End assignment…"))
        self.cancel_button = QPushButton(icon("decline"), self.tr("Cancel assignment…"))
        self.cancel_button.setToolTip(
            self.tr("Delete an assignment made by mistake; it leaves no history")
        )
        self.model = QueryTableModel(
            db,
            [
                ColumnSpec(self.tr("Area or room"), lambda r: r.place),
                ColumnSpec(self.tr("Township"), lambda r: r.township or ""),
                ColumnSpec(self.tr("From"), lambda r: format_date(r.start_date)),
                ColumnSpec(
                    self.tr("To"),
                    lambda r: format_date(r.end_date) if r.end_date else self.tr("(ongoing)"),
                ),
            ],
        )
        self.table: QTableView = table_view(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.assign_button)
        bar.addWidget(self.end_button)
        bar.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.assign_button.clicked.connect(self.assign)
        self.end_button.clicked.connect(self.end_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.show_member(None, "")

    @property
    def member_id(self) -> str | None:
        return self._member_id

    def show_member(self, member_id: str | None, name: str) -> None:
        """List the member's assignments (None: nobody chosen)."""
        self._member_id = member_id
        self._member_name = name
        self.heading.setText(
            self.tr("Assignments of %1").replace("%1", name)
            if member_id
            else self.tr("Assignments (choose a member)")
        )
        if member_id is not None:
            self.model.set_query(roster_queries.assignment_list(member_id))
        else:
            self.model.set_query(roster_queries.assignment_list(""))
        self._update_buttons()

    def selected_assignment(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.row_at(rows[0].row()).id) if rows else None

    def _update_buttons(self) -> None:
        self.assign_button.setEnabled(self._member_id is not None)
        rows = self.table.selectionModel().selectedRows()
        end = self.model.row_at(rows[0].row()).end_date if rows else None
        # An open assignment, or one planned to end later, can still be ended earlier.
        self.end_button.setEnabled(bool(rows) and (end is None or end > self._today()))
        # A mistake is a mistake whether or not the assignment has ended.
        self.cancel_button.setEnabled(bool(rows))

    def assign(self) -> bool:
        member_id = self._member_id
        if member_id is None:
            return False
        places = [(AREA_PREFIX + key, text) for key, text in roster_queries.area_choices(self._db)]
        places += [(ROOM_PREFIX + key, text) for key, text in roster_queries.room_choices(self._db)]

        def apply(place: str, start: date, end: date | None) -> None:
            area_id = place.removeprefix(AREA_PREFIX) if place.startswith(AREA_PREFIX) else None
            room_id = place.removeprefix(ROOM_PREFIX) if place.startswith(ROOM_PREFIX) else None
            roster.assign(
                self._db,
                member_id=member_id,
                area_id=area_id,
                room_id=room_id,
                start=start,
                end=end,
            )

        done = AssignDialog.ask(
            self, member_name=self._member_name, places=places, today=self._today(), apply=apply
        )
        if done:
            self._changed()
        return done

    def end_selected(self) -> bool:
        assignment_id = self.selected_assignment()
        if assignment_id is None:
            return False
        done = DateDialog.ask(
            self,
            title=self.tr("End assignment"),
            question=self.tr("End this assignment of %1? It stays in the history.").replace(
                "%1", self._member_name
            ),
            label=self.tr("Last day"),
            ok_text=self.tr("End assignment"),
            today=self._today(),
            apply=lambda on: roster.end_assignment(self._db, assignment_id, on=on),
        )
        if done:
            self._changed()
        return done

    def cancel_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        row = self.model.row_at(rows[0].row())
        period = (
            format_date(row.start_date)
            + "—"
            + (format_date(row.end_date) if row.end_date else self.tr("(ongoing)"))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Cancel assignment"),
            self.tr(
                "Cancel the assignment of %1 to %2 (%3)? Only for an assignment made by "
                "mistake: it is deleted and leaves no history, and meetings no longer suggest "
                "the member there. Attendance already recorded stays. An assignment that "
                "really ended is ended instead."
            )
            .replace("%1", self._member_name)
            .replace("%2", row.place or "")
            .replace("%3", period),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            roster.cancel_assignment(self._db, str(row.id))
        except UserError as error:
            QMessageBox.warning(self, self.tr("Cancel assignment"), str(error))
            self.model.refresh()
            self._update_buttons()
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        self.model.refresh()
        self._update_buttons()
        if self._member_id is not None:
            self.assignments_changed.emit(self._member_id)
