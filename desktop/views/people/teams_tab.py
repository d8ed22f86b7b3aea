"""The 团队 tab (district): teams by kind and their members with group names; add, edit and
delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models.enums import TeamKind
from desktop.queries import Database
from desktop.queries import roster_lists as roster_queries
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, table_view
from desktop.views.people.members_tab import roster_table
from desktop.views.people.team_dialog import TeamDialog
from desktop.workflow import roster


class TeamsTab(QWidget):
    """Teams (专业助力团, 民主监督小组, 协商议事团…) on the left, the chosen one's members right."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in TeamKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.count = QLabel()
        self.count.setObjectName("mutedText")
        self.new_button = QPushButton(icon("new", color="#ffffff"), self.tr("New team"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("Add a team and its members (Ctrl+N)"))
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Name, kind and members (Enter or double-click)"))
        self.delete_button = QPushButton(icon("decline"), self.tr("Delete…"))
        self.delete_button.setToolTip(
            self.tr("Delete the team; its members stay on the roster (Delete)")
        )
        self.model = QueryTableModel(
            db,
            [
                ColumnSpec(self.tr("Team"), lambda r: r.name),
                ColumnSpec(self.tr("Kind"), lambda r: r.kind.label),
                ColumnSpec(
                    self.tr("Members"),
                    lambda r: str(r.member_count),
                    None,
                    Qt.AlignmentFlag.AlignCenter,
                ),
            ],
        )
        self.table = roster_table(self.model)
        self.table.setSortingEnabled(False)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 110)
        self.members_heading = QLabel()
        self.members_heading.setObjectName("sectionTitle")
        self.members_model = QueryTableModel(
            db,
            [
                ColumnSpec(self.tr("Member"), lambda r: r.name),
                ColumnSpec(self.tr("Group"), lambda r: r.group_name or ""),
                ColumnSpec(self.tr("Sector"), lambda r: r.sector),
            ],
        )
        self.members_table = table_view(self.members_model)
        self.members_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        members = QWidget()
        members_layout = QVBoxLayout(members)
        members_layout.setContentsMargins(0, 0, 0, 0)
        members_layout.addWidget(self.members_heading)
        members_layout.addWidget(self.members_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(members)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Kind")))
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.new_team)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        delete_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())
        self.refresh()

    def refresh(self, *, select_id: str | None = None) -> None:
        data = self.kind_combo.currentData()
        self.model.set_query(roster_queries.team_list(kind=TeamKind(data) if data else None))
        self.count.setText(self.tr("%1 teams").replace("%1", str(self.model.total())))
        if select_id is not None:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).id == select_id:
                    self.table.selectRow(row)
        self._on_selection()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.row_at(rows[0].row()).id) if rows else None

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        team = self.model.row_at(rows[0].row()) if rows else None
        self.edit_button.setEnabled(team is not None)
        self.delete_button.setEnabled(team is not None)
        self.members_heading.setText(
            self.tr("Members of %1").replace("%1", team.name)
            if team is not None
            else self.tr("Members (choose a team)")
        )
        self.members_model.set_query(
            roster_queries.team_member_list(str(team.id) if team is not None else "")
        )

    def new_team(self) -> str | None:
        saved = TeamDialog.ask(self, self._db)
        if saved is not None:
            self.kind_combo.setCurrentIndex(0)
            self.refresh(select_id=saved)
        return saved

    def edit_selected(self) -> str | None:
        team_id = self.selected_id()
        if team_id is None:
            return None
        saved = TeamDialog.ask(self, self._db, team_id=team_id)
        if saved is not None:
            self.refresh(select_id=saved)
        return saved

    def delete_selected(self) -> bool:
        """Delete the chosen team and its memberships after a yes naming how many there are."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        team = self.model.row_at(rows[0].row())
        text = (
            self.tr(
                "Delete the team “%1”? Its %2 members leave the team; they stay on the roster. "
                "The rooms get the change with the next bundle."
            )
            if team.member_count
            else self.tr(
                "Delete the team “%1”? It has no members. "
                "The rooms get the change with the next bundle."
            )
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete team"),
            text.replace("%1", team.name).replace("%2", str(team.member_count)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            roster.delete_team(self._db, str(team.id), expected_revision=team.revision)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Delete team"), str(error))
            self.refresh(select_id=str(team.id))
            return False
        self.refresh()
        return True
