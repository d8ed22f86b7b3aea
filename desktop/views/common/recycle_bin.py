"""回收站: the room's deleted topics, opinion slips and meetings, each restorable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.queries import Database
from desktop.queries.recycle import BinEntry, bin_entries
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.icons import icon
from desktop.workflow import recycle


def kind_label(kind: str) -> str:
    labels = {
        recycle.TOPIC: QCoreApplication.translate("RecycleBin", "Topic"),
        recycle.SLIP: QCoreApplication.translate("RecycleBin", "Opinion slip"),
        recycle.MEETING: QCoreApplication.translate("RecycleBin", "Meeting"),
    }
    return labels.get(kind, kind)


class RecycleBinDialog(QDialog):
    """The deleted records, latest first; Enter (or 恢复) puts the chosen one back."""

    restored = Signal(str, str)  # kind, record id

    def __init__(self, parent: QWidget | None, *, db: Database, room_id: str, node_id: str) -> None:
        super().__init__(parent)
        self._db = db
        self._room_id = room_id
        self._node_id = node_id
        self.entries: list[BinEntry] = []
        self.setWindowTitle(self.tr("Recycle bin"))
        self.resize(720, 420)
        intro = QLabel(
            self.tr(
                "Deleted topics, opinion slips and meetings stay here. Choose one and press "
                "Enter or Restore to put it back in its list."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Record"), self.tr("Date"), self.tr("Deleted at")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.tr("The recycle bin is empty."))
        self.empty_label.setObjectName("mutedText")
        self.message = message_label()
        self.restore_button = QPushButton(icon("restore"), self.tr("&Restore"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.restore_button.clicked.connect(self.restore_selected)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(
                QKeySequence(key),
                self.table,
                self.restore_selected,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        self.entries = bin_entries(self._db, self._room_id, node_id=self._node_id)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            text = entry.text
            if entry.slips:
                text += self.tr(" (with %1 opinion slips)").replace("%1", str(entry.slips))
            deleted = entry.deleted_at.astimezone()
            cells = (
                kind_label(entry.kind),
                text,
                format_date(entry.dated),
                f"{format_date(deleted.date())} {deleted:%H:%M}",
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.entries))
        self.empty_label.setVisible(not self.entries)
        if self.entries:
            self.table.selectRow(0)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def select_text(self, text: str) -> bool:
        """Choose the entry whose record reads `text` (for tests and keyboard search)."""
        for row, entry in enumerate(self.entries):
            if entry.text == text:
                self.table.selectRow(row)
                return True
        return False

    def restore_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        entry = self.entries[rows[0].row()]
        show_message(self.message, "")
        try:
            recycle.restore(self._db, entry.kind, entry.id)
        except UserError as error:
            show_message(self.message, str(error))
            return False
        self.restored.emit(entry.kind, entry.id)
        self.refresh()
        return True
