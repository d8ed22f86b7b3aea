"""The 片区 tab (district): areas by township and the rooms each covers; add, edit, delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.queries import Database
from desktop.queries import roster_lists as roster_queries
from desktop.views.common.forms import (
    FormDialog,
    clear_messages,
    message_label,
    show_message,
    with_message,
)
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel
from desktop.views.people.members_tab import roster_table
from desktop.workflow import roster


class AreaDialog(FormDialog):
    """An area's township, name and the rooms of that township it covers (ticked)."""

    def __init__(
        self, db: Database, *, area_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._area_id = area_id
        self._revision: int | None = None
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("New area") if area_id is None else self.tr("Edit area"))
        self.setMinimumWidth(480)
        self.township_combo = QComboBox()
        self.township_combo.addItem(self.tr("(choose a township)"), "")
        for township in roster_queries.township_choices(db):
            self.township_combo.addItem(township.name, township.id)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.rooms_list = QListWidget()
        self.rooms_list.setMinimumHeight(180)
        self.no_rooms_note = QLabel(self.tr("This township has no consultation room yet."))
        self.no_rooms_note.setObjectName("mutedText")
        self.watch(self.rooms_list.itemChanged)
        self.messages = {key: message_label() for key in ("township", "name", "rooms")}
        self.general_message = message_label()
        form = QFormLayout()
        form.addRow(
            self.tr("Township"), with_message(self.township_combo, self.messages["township"])
        )
        form.addRow(self.tr("Area name"), with_message(self.name_edit, self.messages["name"]))
        form.addRow(self.tr("Rooms covered"), with_message(self.rooms_list, self.messages["rooms"]))
        form.addRow("", self.no_rooms_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)
        chosen: set[str] = set()
        if area_id is not None:
            record = roster_queries.read_area(db, area_id)
            self._revision = record.revision
            self.township_combo.setCurrentIndex(self.township_combo.findData(record.township_id))
            self.name_edit.setText(record.name)
            chosen = set(record.room_ids)
        self._fill_rooms(chosen)
        self.township_combo.currentIndexChanged.connect(lambda _i: self._fill_rooms(set()))
        (self.name_edit if area_id is not None else self.township_combo).setFocus()

    def _fill_rooms(self, chosen: set[str]) -> None:
        self.rooms_list.clear()
        township_id = self.township_combo.currentData()
        rooms = roster_queries.township_rooms(self._db, str(township_id)) if township_id else []
        self.no_rooms_note.setVisible(bool(township_id) and not rooms)
        for room in rooms:
            text = room.name
            if room.area_name and room.area_id != self._area_id:
                text += self.tr(" (now in %1)").replace("%1", room.area_name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, room.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if room.id in chosen else Qt.CheckState.Unchecked
            )
            self.rooms_list.addItem(item)

    def room_ids(self) -> list[str]:
        ids = []
        for row in range(self.rooms_list.count()):
            item = self.rooms_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def set_room_checked(self, name: str, checked: bool = True) -> None:
        """Tick (or untick) the room whose list line starts with `name`."""
        for row in range(self.rooms_list.count()):
            item = self.rooms_list.item(row)
            if item.text().startswith(name):
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)

    @property
    def save_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None  # the box is made with Save
        return button

    def _on_save(self) -> None:
        clear_messages(self)
        try:
            self.saved_id = roster.save_area(
                self._db,
                township_id=str(self.township_combo.currentData() or ""),
                name=self.name_edit.text(),
                room_ids=self.room_ids(),
                area_id=self._area_id,
                expected_revision=self._revision,
            )
        except UserError as error:
            show_message(self.messages.get(area_field(error), self.general_message), str(error))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, *, area_id: str | None = None) -> str | None:
        """The saved area's id, or None when the user cancelled."""
        dialog = cls(db, area_id=area_id, parent=parent)
        try:
            return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class AreasTab(QWidget):
    """Every area by township, the rooms it covers and the members assigned to it today."""

    def __init__(
        self, db: Database, *, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.count = QLabel()
        self.count.setObjectName("mutedText")
        self.new_button = QPushButton(icon("new", color="#ffffff"), self.tr("New area"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("Add an area (片区) and the rooms it covers (Ctrl+N)"))
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.delete_button = QPushButton(icon("decline"), self.tr("Delete…"))
        self.delete_button.setToolTip(
            self.tr("Delete an area no assignment names, past ones included (Delete)")
        )
        self.model = QueryTableModel(
            db,
            [
                ColumnSpec(self.tr("Township"), lambda r: r.township),
                ColumnSpec(self.tr("Area"), lambda r: r.name),
                ColumnSpec(self.tr("Rooms covered"), lambda r: r.rooms or ""),
                ColumnSpec(self.tr("Members assigned now"), lambda r: r.members or ""),
            ],
        )
        self.table = roster_table(self.model)
        self.table.setSortingEnabled(False)
        for column, width in enumerate((120, 140, 480)):
            self.table.setColumnWidth(column, width)
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.new_area)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        delete_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.refresh()

    def refresh(self, *, select_id: str | None = None) -> None:
        self.model.set_query(roster_queries.area_list(today=self._today()))
        self.count.setText(self.tr("%1 areas").replace("%1", str(self.model.total())))
        if select_id is not None:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).id == select_id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.row_at(rows[0].row()).id) if rows else None

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_id() is not None)
        self.delete_button.setEnabled(self.selected_id() is not None)

    def new_area(self) -> str | None:
        saved = AreaDialog.ask(self, self._db)
        if saved is not None:
            self.refresh(select_id=saved)
        return saved

    def edit_selected(self) -> str | None:
        area_id = self.selected_id()
        if area_id is None:
            return None
        saved = AreaDialog.ask(self, self._db, area_id=area_id)
        if saved is not None:
            self.refresh(select_id=saved)
        return saved

    def delete_selected(self) -> bool:
        """Delete the chosen area after a yes; one that assignments name is refused, saying
        why and what to do instead."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        area = self.model.row_at(rows[0].row())
        # An area in use goes straight to the rules, which refuse and say why.
        if not area.assignments and not self._confirm_delete(area.name, area.rooms or ""):
            return False
        try:
            roster.delete_area(self._db, str(area.id), expected_revision=area.revision)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Delete area"), str(error))
            self.refresh(select_id=str(area.id))
            return False
        self.refresh()
        return True

    def _confirm_delete(self, name: str, rooms: str) -> bool:
        text = (
            self.tr(
                "Delete the area “%1”? The rooms it covers (%2) are left in no area. "
                "The rooms get the change with the next bundle."
            )
            if rooms
            else self.tr(
                "Delete the area “%1”? It covers no room. "
                "The rooms get the change with the next bundle."
            )
        )
        answer = QMessageBox.question(
            self, self.tr("Delete area"), text.replace("%1", name).replace("%2", rooms)
        )
        return answer == QMessageBox.StandardButton.Yes


def area_field(error: UserError) -> str:
    """The field an area refusal is about: the rules name it in the message, not by key."""
    text = str(error)
    if "片区" in text and ("名称" in text or "名为" in text):
        return "name"
    if "议事室" in text:
        return "rooms"
    if "镇（街道）" in text:
        return "township"
    return ""
