"""The 委员 tab: the roster, read-only in a room; in the district add, edit, retire, assign."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Row

from desktop.errors import UserError
from desktop.queries import Database
from desktop.queries import people as queries
from desktop.queries import roster_lists as roster_queries
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import (
    OVERDUE_RED,
    ColumnSpec,
    QueryTableModel,
    record_table,
)
from desktop.views.people.assignments_panel import AssignmentsPanel
from desktop.views.people.local_member_dialog import LocalMemberDialog
from desktop.views.people.member_dialog import MemberDialog
from desktop.views.people.member_match_dialog import MemberMatchDialog
from desktop.views.people.roster_dialogs import DateDialog
from desktop.workflow import roster
from desktop.workflow.local_members import pending_for


def roster_table(model: QueryTableModel) -> QTableView:
    # No sort indicator at first: the query's own order (e.g. assigned members first) shows.
    table = record_table(model)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class MembersTab(QWidget):
    """The member roster; `district` turns on editing, search by pinyin initials, assignments."""

    def __init__(
        self,
        db: Database,
        *,
        room_id: str | None,
        district: bool,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._room_id = room_id
        self._district = district
        self._today = today
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search name, pinyin initials, sector or workplace (Ctrl+L)")
            if district
            else QCoreApplication.translate(
                "PeoplePage", "Search name, sector, expertise or workplace (Ctrl+L)"
            )
        )
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("mutedText")
        self.new_button = QPushButton(icon("new", color="#ffffff"), self.tr("New member"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("Add a member to the roster (Ctrl+N)"))
        self.edit_button = QPushButton(
            icon("edit"), QCoreApplication.translate("PeoplePage", "Edit…")
        )
        self.edit_button.setToolTip(self.tr("Edit the chosen member (Enter or double-click)"))
        self.retire_button = QPushButton(icon("decline"), self.tr("Retire from roster…"))
        self.reinstate_button = QPushButton(icon("complete"), self.tr("Reinstate"))
        # A room: members of its own until (and besides) the district's roster.
        self.add_local_button = QPushButton(icon("new"), self.tr("Add a member of this room…"))
        self.add_local_button.setToolTip(
            self.tr(
                "Before the district's roster arrives: a member who can claim topics and sign "
                "in; matched with the roster when it comes"
            )
        )
        self.match_button = QPushButton(icon("merge"), "")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)

        self.model = QueryTableModel(db, self._columns())
        self.table = roster_table(self.model)
        self.assignments: AssignmentsPanel | None = None
        if district:
            bar.addSpacing(12)
            for button in (
                self.new_button,
                self.edit_button,
                self.retire_button,
                self.reinstate_button,
            ):
                bar.addWidget(button)
            self.assignments = AssignmentsPanel(db, today=today)
            # The roster's 片区 column follows a new or ended assignment.
            self.assignments.assignments_changed.connect(lambda _id: self._refresh_rows())
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.setChildrenCollapsible(False)
            splitter.addWidget(self.table)
            splitter.addWidget(self.assignments)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            layout.addWidget(splitter, 1)
            widths: tuple[int, ...] = (72, 64, 44, 110, 96, 200, 80, 72, 100, 72)
            self.new_button.clicked.connect(self.new_member)
            self.edit_button.clicked.connect(self.edit_selected)
            self.retire_button.clicked.connect(self.retire_selected)
            self.reinstate_button.clicked.connect(self.reinstate_selected)
            self.table.activated.connect(lambda _index: self.edit_selected())
            self.table.selectionModel().selectionChanged.connect(
                lambda *_args: self._on_selection_changed()
            )
        else:
            note = QLabel(
                QCoreApplication.translate(
                    "PeoplePage",
                    "The district CPPCC office keeps the roster and sends it with each sync; "
                    "it cannot be changed here.",
                )
            )
            note.setObjectName("mutedText")
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addWidget(self.table, 1)
            bar.addSpacing(12)
            bar.addWidget(self.match_button)
            bar.addWidget(self.add_local_button)
            self.add_local_button.clicked.connect(lambda: self.add_local_member())
            self.match_button.clicked.connect(lambda: self.match_members())
            widths = (90, 80, 50, 110, 100, 110, 240)
            for button in (
                self.new_button,
                self.edit_button,
                self.retire_button,
                self.reinstate_button,
            ):
                button.hide()
        if district:
            self.add_local_button.hide()
            self.match_button.hide()
        for column, width in enumerate(widths):
            if column < self.model.columnCount() - 1:
                self.table.setColumnWidth(column, width)
        self.search.textChanged.connect(lambda _text: self.apply_filter())
        self.apply_filter()

    # Strings the room's roster had before the district could edit it keep their context
    # (PeoplePage), so their translations stay.
    def _columns(self) -> list[ColumnSpec]:
        if self._district:
            keys = roster_queries.MEMBER_SORT_KEYS
            return [
                ColumnSpec(
                    QCoreApplication.translate("PeoplePage", "Name"), lambda r: r.name, keys["name"]
                ),
                ColumnSpec(
                    self.tr("On the roster"),
                    self._status,
                    None,
                    Qt.AlignmentFlag.AlignCenter,
                    lambda r: None if r.active else OVERDUE_RED,
                ),
                ColumnSpec(
                    QCoreApplication.translate("PeoplePage", "Gender"),
                    lambda r: r.gender.label,
                    None,
                ),
                ColumnSpec(
                    QCoreApplication.translate("PeoplePage", "Sector"),
                    lambda r: r.sector,
                    keys["sector"],
                ),
                ColumnSpec(
                    QCoreApplication.translate("PeoplePage", "Level"),
                    lambda r: r.level.label,
                    keys["level"],
                ),
                ColumnSpec(self.tr("Area now"), lambda r: r.places or "", None),
                ColumnSpec(self.tr("Party"), lambda r: r.party or "", keys["party"]),
                ColumnSpec(
                    QCoreApplication.translate("PeoplePage", "Expertise"),
                    lambda r: r.expertise or "",
                    keys["expertise"],
                ),
                ColumnSpec(
                    QCoreApplication.translate("PeoplePage", "Phone"), lambda r: r.phone or "", None
                ),
                ColumnSpec(self.tr("Term"), lambda r: r.term or "", None),
                ColumnSpec(self.tr("Workplace and post"), _work, keys["workplace"]),
            ]
        keys = queries.MEMBER_SORT_KEYS
        return [
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "Name"), lambda r: r.name, keys["name"]
            ),
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "This room"),
                lambda r: (
                    QCoreApplication.translate("PeoplePage", "Assigned") if r.assigned else ""
                ),
                None,
                Qt.AlignmentFlag.AlignCenter,
            ),
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "Gender"), lambda r: r.gender.label, None
            ),
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "Sector"),
                lambda r: r.sector,
                keys["sector"],
            ),
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "Expertise"),
                lambda r: r.expertise or "",
                keys["expertise"],
            ),
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "Level"),
                lambda r: r.level.label,
                keys["level"],
            ),
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "Workplace"),
                lambda r: r.workplace or "",
                keys["workplace"],
            ),
            ColumnSpec(
                QCoreApplication.translate("PeoplePage", "Phone"), lambda r: r.phone or "", None
            ),
        ]

    def _status(self, row: Row[Any]) -> str:
        return "" if row.active else self.tr("Retired")

    # Listing ---------------------------------------------------------------------------
    def apply_filter(self, *, select_id: str | None = None) -> None:
        if self._district:
            statement = roster_queries.member_list(
                self._db, today=self._today(), search=self.search.text()
            )
        else:
            statement = queries.room_member_list(
                self._db, self._room_id, today=self._today(), search=self.search.text()
            )
        self.model.set_query(statement)
        if not self._district:
            pending = len(pending_for(self._db))
            self.match_button.setText(
                QCoreApplication.translate(
                    "SyncPage", "Match local members with the roster (%1)"
                ).replace("%1", str(pending))
            )
            self.match_button.setVisible(pending > 0)
        self.count.setText(
            QCoreApplication.translate("PeoplePage", "%1 members").replace(
                "%1", str(self.model.total())
            )
        )
        if select_id is not None:
            row = self.row_of(select_id)
            if row >= 0:
                self.table.selectRow(row)
        self._on_selection_changed()

    def row_of(self, member_id: str) -> int:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == member_id:
                return row
        return -1

    def selected(self) -> Row[Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> str | None:
        row = self.selected()
        return str(row.id) if row is not None else None

    def _on_selection_changed(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.retire_button.setEnabled(row is not None and bool(row.active))
        self.reinstate_button.setEnabled(row is not None and not row.active)
        member_id = None if row is None else str(row.id)
        if self.assignments is not None and self.assignments.member_id != member_id:
            self.assignments.show_member(member_id, "" if row is None else row.name)

    # Editing (district) ----------------------------------------------------------------
    def new_member(self) -> str | None:
        if not self._district:
            return None
        saved = MemberDialog.ask(self, self._db)
        if saved is not None:
            self.search.clear()
            self.apply_filter(select_id=saved)
        return saved

    def edit_selected(self) -> str | None:
        member_id = self.selected_id()
        if not self._district or member_id is None:
            return None
        saved = MemberDialog.ask(self, self._db, member_id=member_id)
        if saved is not None:
            self.apply_filter(select_id=saved)
        return saved

    # A room's own members --------------------------------------------------------------
    def add_local_member(self) -> str | None:
        """本室添加的委员: add one (LocalMemberDialog) and select it; its id."""
        if self._district:
            return None
        saved = LocalMemberDialog.ask(self, self._db)
        if saved is not None:
            self.search.clear()
            self.apply_filter(select_id=saved)
        return saved

    def match_members(self) -> None:
        """The local members the roster may name: merge or keep (MemberMatchDialog)."""
        if self._district:
            return
        MemberMatchDialog.ask(self._db, self)
        self.apply_filter(select_id=self.selected_id())

    def retire_selected(self) -> bool:
        row = self.selected()
        if not self._district or row is None or not row.active:
            return False
        member_id = str(row.id)
        done = DateDialog.ask(
            self,
            title=self.tr("Retire from roster"),
            question=self.tr(
                "Retire %1 from the roster? Past attendance, claims and duty records stay; "
                "ongoing assignments end on that day."
            ).replace("%1", row.name),
            label=self.tr("Leaves on"),
            ok_text=self.tr("Retire"),
            today=self._today(),
            apply=lambda on: roster.retire_member(self._db, member_id, on=on),
        )
        if done:
            self.apply_filter(select_id=member_id)
        return done

    def reinstate_selected(self) -> bool:
        row = self.selected()
        if not self._district or row is None or row.active:
            return False
        member_id = str(row.id)
        try:
            roster.reinstate_member(self._db, member_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Reinstate"), str(error))
            return False
        self.apply_filter(select_id=member_id)
        return True

    def refresh(self) -> None:
        self.apply_filter(select_id=self.selected_id())

    def _refresh_rows(self) -> None:
        # The panel keeps its member and its chosen assignment: only the roster's rows reload.
        self.apply_filter(select_id=self.selected_id())


def _work(row: Row[Any]) -> str:
    return " · ".join(part for part in (row.workplace, row.post) if part)
