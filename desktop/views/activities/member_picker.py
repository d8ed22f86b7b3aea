"""The roster as a checkable, filterable list: who took part in an activity or a case."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.queries import activities as queries
from desktop.views.common.forms import NOT_AN_INPUT


class MemberPicker(QWidget):
    """The roster as a checkable list with a filter; members assigned to the room come first."""

    selection_changed = Signal()

    def __init__(self, choices: Sequence[queries.Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Find a member by name or sector"))
        self.filter_edit.setClearButtonEnabled(True)
        # Finding a member is not filling in the form: no "discard?" for a filter typed.
        self.filter_edit.setProperty(NOT_AN_INPUT, True)
        self.list = QListWidget()
        self.list.setMinimumHeight(150)
        for choice in choices:
            text = choice.name
            if choice.detail:
                text += f"（{choice.detail}）"
            if choice.assigned:
                text += "  " + self.tr("· this room")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.list.itemChanged.connect(self._on_item_changed)
        # Enter in the filter ticks the one member it leaves, as a quick keyboard path.
        self.filter_edit.returnPressed.connect(self._on_filter_return)
        self._update_count()

    def set_selected(self, member_ids: tuple[str, ...]) -> None:
        wanted = set(member_ids)
        self.list.blockSignals(True)
        for item in self._items():
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update_count()

    def selected_ids(self) -> tuple[str, ...]:
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def check(self, member_id: str, checked: bool = True) -> None:
        for item in self._items():
            if item.data(Qt.ItemDataRole.UserRole) == member_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_read_only(self, read_only: bool) -> None:
        for item in self._items():
            flags = item.flags()
            if read_only:
                flags &= ~Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _on_filter_changed(self, text: str) -> None:
        needle = text.strip()
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text())

    def _on_filter_return(self) -> None:
        visible = [item for item in self._items() if not item.isHidden()]
        if len(visible) == 1:
            visible[0].setCheckState(Qt.CheckState.Checked)
            self.filter_edit.clear()

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_count()
        self.selection_changed.emit()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%1 members chosen").replace("%1", str(len(self.selected_ids())))
        )
