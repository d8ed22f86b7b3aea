"""The team dialog (团队): name, kind, and its members ticked, each with an optional group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models.enums import TeamKind
from desktop.pinyin import matches
from desktop.queries import Database
from desktop.queries import roster_lists as roster_queries
from desktop.views.common.forms import (
    NOT_AN_INPUT,
    FormDialog,
    clear_messages,
    message_label,
    show_message,
    with_message,
)
from desktop.workflow import roster

NAME_COLUMN, SECTOR_COLUMN, GROUP_COLUMN = 0, 1, 2


class TeamDialog(FormDialog):
    """A team's name and kind, and who is in it: tick a member, type a group name beside."""

    def __init__(
        self, db: Database, *, team_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._team_id = team_id
        self._revision: int | None = None
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("New team") if team_id is None else self.tr("Edit team"))
        self.setMinimumSize(560, 560)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.kind_combo = QComboBox()
        for kind in TeamKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Find a member by name or pinyin initials"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setProperty(NOT_AN_INPUT, True)
        self.members_table = QTableWidget(0, 3)
        self.members_table.setHorizontalHeaderLabels(
            [self.tr("Member"), self.tr("Sector"), self.tr("Group (optional)")]
        )
        self.members_table.verticalHeader().hide()
        self.members_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.members_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.members_table.setColumnWidth(NAME_COLUMN, 130)
        self.members_table.setColumnWidth(SECTOR_COLUMN, 150)
        self.watch(self.members_table.itemChanged)
        self.messages = {key: message_label() for key in ("name", "kind", "members")}
        self.general_message = message_label()
        hint = QLabel(
            self.tr("Tick the members of the team (Space); type a group name beside one (F2).")
        )
        hint.setObjectName("mutedText")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Team name"), with_message(self.name_edit, self.messages["name"]))
        form.addRow(self.tr("Kind"), with_message(self.kind_combo, self.messages["kind"]))
        form.addRow(self.tr("Find"), self.filter_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.members_table, 1)
        layout.addWidget(self.messages["members"])
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)

        groups: dict[str, str | None] = {}
        if team_id is not None:
            record = roster_queries.read_team(db, team_id)
            self._revision = record.revision
            self.name_edit.setText(record.name)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(record.kind.value))
            groups = {member.member_id: member.group for member in record.members}
        self._fill(groups)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.name_edit.setFocus()

    def _fill(self, groups: dict[str, str | None]) -> None:
        choices = roster_queries.team_member_choices(self._db, list(groups))
        self.members_table.setRowCount(len(choices))
        for row, choice in enumerate(choices):
            name = QTableWidgetItem(choice.name)
            name.setData(Qt.ItemDataRole.UserRole, choice.id)
            name.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            name.setCheckState(
                Qt.CheckState.Checked if choice.id in groups else Qt.CheckState.Unchecked
            )
            sector = QTableWidgetItem(choice.sector)
            sector.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            group = QTableWidgetItem(groups.get(choice.id) or "")
            self.members_table.setItem(row, NAME_COLUMN, name)
            self.members_table.setItem(row, SECTOR_COLUMN, sector)
            self.members_table.setItem(row, GROUP_COLUMN, group)

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.members_table.item(row, column)
        assert item is not None  # every cell is filled in _fill
        return item

    def _on_filter_changed(self, text: str) -> None:
        for row in range(self.members_table.rowCount()):
            name = self._item(row, NAME_COLUMN).text()
            self.members_table.setRowHidden(row, not matches(text, name))

    def row_of(self, name: str) -> int:
        for row in range(self.members_table.rowCount()):
            if self._item(row, NAME_COLUMN).text() == name:
                return row
        return -1

    def set_member(self, name: str, group: str | None = None, *, member: bool = True) -> None:
        """Tick (or untick) a member by name and set the group (tests and keyboard helpers)."""
        row = self.row_of(name)
        item = self._item(row, NAME_COLUMN)
        item.setCheckState(Qt.CheckState.Checked if member else Qt.CheckState.Unchecked)
        if group is not None:
            self._item(row, GROUP_COLUMN).setText(group)

    def chosen_members(self) -> list[tuple[str, str | None]]:
        chosen: list[tuple[str, str | None]] = []
        for row in range(self.members_table.rowCount()):
            item = self._item(row, NAME_COLUMN)
            if item.checkState() == Qt.CheckState.Checked:
                group = self._item(row, GROUP_COLUMN).text().strip()
                chosen.append((str(item.data(Qt.ItemDataRole.UserRole)), group or None))
        return chosen

    @property
    def save_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None  # the box is made with Save
        return button

    def _on_save(self) -> None:
        clear_messages(self)
        try:
            team_id = roster.save_team(
                self._db,
                name=self.name_edit.text(),
                kind=TeamKind(self.kind_combo.currentData()),
                team_id=self._team_id,
                expected_revision=self._revision,
            )
        except UserError as error:
            text = str(error)
            field = "kind" if "类型" in text else "name" if "名称" in text or "名为" in text else ""
            show_message(self.messages.get(field, self.general_message), text)
            return
        # Saved: a refusal of the members below must not make the next save a second team.
        self._team_id, self._revision = team_id, None
        try:
            roster.set_team_members(self._db, team_id, self.chosen_members())
        except UserError as error:
            show_message(self.messages["members"], str(error))
            return
        self.saved_id = team_id
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, *, team_id: str | None = None) -> str | None:
        """The saved team's id, or None when the user cancelled."""
        dialog = cls(db, team_id=team_id, parent=parent)
        try:
            return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
