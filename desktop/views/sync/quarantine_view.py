"""Records to check (待核对的记录): rows an import set aside, both sides, and a choice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.formatting import format_date, format_time
from desktop.queries import Database
from desktop.sync.quarantine import (
    QuarantineEntry,
    Resolution,
    describe_fields,
    list_quarantined,
    resolve,
)
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.query_table_model import OVERDUE_RED


def _table(model: QStandardItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setToolTip(text)
    return item


class QuarantineView(QWidget):
    """The open quarantined records; the chosen one's differing fields and two buttons."""

    record_settled = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._entries: list[QuarantineEntry] = []

        self.empty_label = QLabel(
            self.tr(
                "No records to check: every imported record either matched this computer's "
                "or replaced an older version."
            )
        )
        self.empty_label.setObjectName("mutedText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        hint = QLabel(
            self.tr(
                "These records came in with the same version as this computer's but with "
                "other content, so the import set them aside and changed nothing. Compare "
                "them and choose which one to keep."
            )
        )
        hint.setObjectName("mutedText")
        hint.setWordWrap(True)
        self.list_model = QStandardItemModel(0, 5, self)
        self.list_model.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Bundle"),
                self.tr("Table"),
                self.tr("Record"),
                self.tr("Differing fields"),
            ]
        )
        self.list_table = _table(self.list_model)
        self.fields_model = QStandardItemModel(0, 3, self)
        self.fields_model.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("This computer"), self.tr("Sender")]
        )
        self.fields_table = _table(self.fields_model)
        self.fields_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.fields_table.setWordWrap(True)
        # Long texts wrap; the rows follow the columns' widths as the window is resized.
        self.fields_table.horizontalHeader().sectionResized.connect(
            lambda *_: self.fields_table.resizeRowsToContents()
        )
        for column in (1, 2):  # the two sides share the width equally
            self.fields_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        # Why the sender's version cannot be taken; empty (but kept in place) when it can.
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {OVERDUE_RED.name()};")
        self.keep_button = QPushButton(self.tr("Keep this computer's"))
        self.keep_button.setToolTip(
            self.tr("Mark it checked; this computer's record stays as it is")
        )
        self.take_button = QPushButton(self.tr("Take the sender's"))
        self.take_button.setToolTip(
            self.tr("Replace this computer's copy with the sender's; only for the sender's records")
        )
        self.message = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addWidget(self.take_button, 0, Qt.AlignmentFlag.AlignTop)

        detail = QVBoxLayout()
        detail.setSpacing(6)
        detail.addWidget(self.fields_table, 1)
        detail.addLayout(buttons)
        detail.addWidget(self.message)
        panes = QHBoxLayout()
        panes.setSpacing(12)
        panes.addWidget(self.list_table, 4)
        panes.addLayout(detail, 5)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(6)
        content_layout.addWidget(hint)
        content_layout.addLayout(panes, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.stack)

        self.list_table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.keep_button.clicked.connect(lambda: self.settle(Resolution.KEEP_LOCAL))
        self.take_button.clicked.connect(lambda: self.settle(Resolution.TAKE_INCOMING))
        self.refresh()

    # Seam a test patches -----------------------------------------------------------------
    def confirm(self, entry: QuarantineEntry, choice: Resolution) -> bool:
        """Ask before settling; True to go ahead."""
        record = f"{entry.table_label} {entry.record_id[:8]}"
        if choice is Resolution.KEEP_LOCAL:
            text = self.tr(
                "Keep this computer's %1 and set the sender's version aside for good?"
            ).replace("%1", record)
        else:
            text = self.tr(
                "Replace this computer's %1 with the sender's version? This cannot be undone."
            ).replace("%1", record)
        answer = QMessageBox.question(self, self.tr("Records to check"), text)
        return answer == QMessageBox.StandardButton.Yes

    # Public ------------------------------------------------------------------------------
    @property
    def open_count(self) -> int:
        return len(self._entries)

    def refresh(self) -> None:
        """Read the open quarantined records again, keeping the current one if it is open."""
        current = self.current_entry()
        self._entries = list_quarantined(self._db)
        self.list_model.setRowCount(0)
        for entry in self._entries:
            local = entry.at.astimezone()
            self.list_model.appendRow(
                [
                    _item(f"{format_date(local.date())} {format_time(local.time())}"),
                    _item(entry.file_name or entry.bundle_id),
                    _item(entry.table_label),
                    _item(entry.record_id[:8]),
                    _item(describe_fields(entry.differences)),
                ]
            )
        self.stack.setCurrentIndex(1 if self._entries else 0)
        ids = [e.id for e in self._entries]
        row = ids.index(current.id) if current is not None and current.id in ids else 0
        if self._entries:
            self.list_table.selectRow(row)
        self._show_entry(self.current_entry())

    def current_entry(self) -> QuarantineEntry | None:
        row = self.list_table.currentIndex().row()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def settle(self, choice: Resolution) -> QuarantineEntry | None:
        """Settle the current record after asking; the page is told through record_settled."""
        show_message(self.message, "")
        entry = self.current_entry()
        if entry is None or not self.confirm(entry, choice):
            return None
        try:
            settled = resolve(self._db, entry.id, choice)
        except UserError as error:
            show_message(self.message, str(error))
            self.refresh()
            return None
        self.refresh()
        self.record_settled.emit(settled.id)
        return settled

    # Internals ---------------------------------------------------------------------------
    def _on_current_changed(self, *_args: object) -> None:
        show_message(self.message, "")
        self._show_entry(self.current_entry())

    def _show_entry(self, entry: QuarantineEntry | None) -> None:
        self.fields_model.setRowCount(0)
        for difference in entry.differences if entry is not None else ():
            self.fields_model.appendRow(
                [_item(difference.label), _item(difference.local), _item(difference.incoming)]
            )
        self.fields_table.resizeRowsToContents()
        self.keep_button.setEnabled(entry is not None)
        self.take_button.setEnabled(entry is not None and entry.can_take_incoming)
        self.note.setText((entry.take_refusal if entry is not None else None) or "")
