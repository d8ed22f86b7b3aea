"""The people page (委员与人员): the member roster and the room's local participants."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Row

from desktop import clock
from desktop.formatting import mask_phone
from desktop.models.enums import NodeRole, ParticipantKind
from desktop.queries import Database
from desktop.queries import people as queries
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel
from desktop.views.people.areas_tab import AreasTab
from desktop.views.people.dialogs import ParticipantDialog, ParticipantMergeDialog
from desktop.views.people.members_tab import MembersTab, roster_table
from desktop.views.people.teams_tab import TeamsTab

MEMBERS_TAB, PARTICIPANTS_TAB, AREAS_TAB, TEAMS_TAB = 0, 1, 2, 3


class PeoplePage(QWidget):
    """The roster (kept by the district: read-only in a room) and participants (add, edit, merge).

    In district mode the roster is edited here: members, their assignments, areas and teams.
    """

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
        self._room_id = installation.room_id if installation else None
        self._district = installation is not None and installation.role is NodeRole.DISTRICT

        title = QLabel(self.tr("Members and people"))
        title.setFont(scaled_font(title, 1.8, bold=True))
        self.members = MembersTab(db, room_id=self._room_id, district=self._district, today=today)
        # The names the room-mode tests and the shell know the roster by.
        self.member_search = self.members.search
        self.member_count = self.members.count
        self.member_model = self.members.model
        self.member_table = self.members.table
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, icon("members"), self.tr("CPPCC members"))
        self.tabs.addTab(
            self._participants_tab(), icon("participant"), self.tr("Other participants")
        )
        self.areas: AreasTab | None = None
        self.teams: TeamsTab | None = None
        if self._district:
            # The district keeps the roster: its areas (片区) and teams have tabs of their own.
            self.areas = AreasTab(db, today=today)
            self.teams = TeamsTab(db)
            self.tabs.addTab(self.areas, icon("room"), self.tr("Areas"))
            self.tabs.addTab(self.teams, icon("meetings"), self.tr("Teams"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self._focus_search)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self._on_new_shortcut)
        self._apply_participant_filter()

    # Participants ----------------------------------------------------------------------
    def _participants_tab(self) -> QWidget:
        tab = QWidget()
        self.participant_search = QLineEdit()
        self.participant_search.setPlaceholderText(
            self.tr("Search name, unit, position or phone (Ctrl+L)")
        )
        self.participant_search.setClearButtonEnabled(True)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in ParticipantKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.participant_count = QLabel()
        self.participant_count.setObjectName("mutedText")
        self.new_button = QPushButton(icon("new", color="#ffffff"), self.tr("New person"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("Add a participant (Ctrl+N)"))
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.merge_button = QPushButton(icon("merge"), self.tr("Merge duplicates…"))
        self.merge_button.setToolTip(
            self.tr("Two records of the same person: keep one and move everything to it")
        )
        bar = QHBoxLayout()
        bar.addWidget(self.participant_search, 1)
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.participant_count)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.merge_button)

        keys = queries.PARTICIPANT_SORT_KEYS
        columns = [
            ColumnSpec(self.tr("Name"), lambda r: r.name, keys["name"]),
            ColumnSpec(self.tr("Kind"), lambda r: r.kind.label, keys["kind"]),
            ColumnSpec(self.tr("Unit"), lambda r: r.unit or "", keys["unit"]),
            ColumnSpec(self.tr("Position"), lambda r: r.position or "", keys["position"]),
            ColumnSpec(self.tr("Phone"), self._phone, None),
            ColumnSpec(
                self.tr("Takes part"), lambda r: "" if r.active else self.tr("No longer"), None
            ),
        ]
        if self._district:
            columns.insert(0, ColumnSpec(self.tr("Room"), lambda r: r.room_name, keys["room_name"]))
        self.participant_model = QueryTableModel(self._db, columns)
        self.participant_table = roster_table(self.participant_model)
        for column, width in enumerate((100, 120, 220, 120, 130)):
            self.participant_table.setColumnWidth(column, width)
        self.read_only_note = QLabel(
            self.tr(
                "Participants are recorded by each consultation room; the district office "
                "sees them as they arrive with the rooms' bundles."
            )
        )
        self.read_only_note.setObjectName("mutedText")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(self._district)
        for button in (self.new_button, self.edit_button, self.merge_button):
            button.setVisible(not self._district)

        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.participant_table, 1)

        self.participant_search.textChanged.connect(lambda _text: self._apply_participant_filter())
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._apply_participant_filter())
        self.new_button.clicked.connect(self._on_new)
        self.edit_button.clicked.connect(self._on_edit)
        self.merge_button.clicked.connect(self._on_merge)
        self.participant_table.activated.connect(lambda _index: self._on_edit())
        self.participant_table.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons()
        )
        return tab

    def _phone(self, row: Row[Any]) -> str:
        # The district sees rooms' residents: their numbers stay with the room.
        return mask_phone(row.phone) if self._district else row.phone or ""

    def _apply_participant_filter(self, *, select_id: str | None = None) -> None:
        data = self.kind_combo.currentData()
        self.participant_model.set_query(
            queries.participant_list(
                room_id=None if self._district else self._room_id,
                kind=ParticipantKind(data) if data else None,
                search=self.participant_search.text(),
            )
        )
        self.participant_count.setText(
            self.tr("%1 people").replace("%1", str(self.participant_model.total()))
        )
        if select_id is not None:
            row = self.participant_row_of(select_id)
            if row >= 0:
                self.participant_table.selectRow(row)
        self._update_buttons()

    def participant_row_of(self, participant_id: str) -> int:
        for row in range(self.participant_model.rowCount()):
            if self.participant_model.row_at(row).id == participant_id:
                return row
        return -1

    def selected_participant_id(self) -> str | None:
        rows = self.participant_table.selectionModel().selectedRows()
        return self.participant_model.row_at(rows[0].row()).id if rows else None

    def _update_buttons(self) -> None:
        selected = self.selected_participant_id() is not None
        self.edit_button.setEnabled(selected)
        self.merge_button.setEnabled(selected)

    def _on_new(self) -> None:
        if self._district or self._room_id is None:
            return
        saved = ParticipantDialog.ask(self, self._db, room_id=self._room_id)
        if saved is not None:
            self._apply_participant_filter(select_id=saved)

    def _on_edit(self) -> None:
        participant_id = self.selected_participant_id()
        if self._district or participant_id is None or self._room_id is None:
            return
        saved = ParticipantDialog.ask(
            self, self._db, room_id=self._room_id, participant_id=participant_id
        )
        if saved is not None:
            self._apply_participant_filter(select_id=saved)

    def _on_merge(self) -> None:
        participant_id = self.selected_participant_id()
        if self._district or participant_id is None:
            return
        if ParticipantMergeDialog.ask(self, self._db, participant_id):
            self._apply_participant_filter(select_id=participant_id)

    # Page ------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_participant_id()
        self.members.refresh()
        self._apply_participant_filter(select_id=selected)
        if self.areas is not None and self.teams is not None:
            self.areas.refresh(select_id=self.areas.selected_id())
            self.teams.refresh(select_id=self.teams.selected_id())

    def open_record(self, record_id: str) -> None:
        """Show a participant (or a member) by id."""
        self.participant_search.clear()
        self.kind_combo.setCurrentIndex(0)
        self._apply_participant_filter(select_id=record_id)
        if self.selected_participant_id() == record_id:
            self.tabs.setCurrentIndex(PARTICIPANTS_TAB)

    def _focus_search(self) -> None:
        edit = (
            self.participant_search
            if self.tabs.currentIndex() == PARTICIPANTS_TAB
            else self.member_search
        )
        if self.tabs.currentIndex() != PARTICIPANTS_TAB:
            self.tabs.setCurrentIndex(MEMBERS_TAB)
        edit.setFocus()
        edit.selectAll()

    def _on_new_shortcut(self) -> None:
        if not self._district:
            self.tabs.setCurrentIndex(PARTICIPANTS_TAB)
            self._on_new()
        elif self.tabs.currentWidget() is self.areas and self.areas is not None:
            self.areas.new_area()
        elif self.tabs.currentWidget() is self.teams and self.teams is not None:
            self.teams.new_team()
        else:
            self.tabs.setCurrentIndex(MEMBERS_TAB)
            self.members.new_member()
