"""The opinion page's dialogs: merge slips into a new topic, attach slips to an open topic."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.queries import Database
from desktop.queries.topics import open_topics_statement
from desktop.views.common.forms import (
    ApplyingDialog,
    date_edit,
    message_label,
    show_message,
    to_date,
    with_message,
)
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, record_table


class MergeSlipsDialog(ApplyingDialog):
    """网格征题: the title of the topic the chosen slips become."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        contents: list[str],
        apply: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(self.tr("Merge into a new topic"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr("%1 slips become one topic raised by the grids:").replace(
                "%1", str(len(contents))
            )
        )
        preview = QLabel("\n".join(f"{i}. {c}" for i, c in enumerate(contents[:6], 1)))
        preview.setObjectName("mutedText")
        preview.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("The common problem, in one line"))
        self.title_message = message_label()
        form = QFormLayout()
        form.addRow(self.tr("Topic title:"), with_message(self.title_edit, self.title_message))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(preview)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.title_edit.setFocus()

    def _apply(self) -> None:
        self._callback(self.title_edit.text())

    def _message_for(self, error: UserError) -> QLabel:
        return self.title_message

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, contents: list[str], apply: Callable[[str], None]
    ) -> bool:
        """True once `apply` made the topic; False when the user cancelled."""
        return cls(parent, contents=contents, apply=apply).exec() == QDialog.DialogCode.Accepted


class AttachSlipsDialog(QDialog):
    """Pick one of the room's open topics (searchable) for the chosen slips."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        db: Database,
        room_id: str,
        count: int,
        apply: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self._room_id = room_id
        self.setWindowTitle(self.tr("Attach to a topic"))
        self.resize(640, 440)
        intro = QLabel(
            self.tr("Choose the topic the %1 slips belong to:").replace("%1", str(count))
        )
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search topic titles"))
        self.search_edit.setClearButtonEnabled(True)
        self.model = QueryTableModel(
            db,
            [
                ColumnSpec(self.tr("Title"), lambda r: str(r.title)),
                ColumnSpec(self.tr("Status"), lambda r: r.status.label),
                ColumnSpec(self.tr("Raised on"), lambda r: format_date(r.raised_on)),
            ],
            self,
        )
        self.table = record_table(self.model, sortable=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.message = message_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.search_edit.returnPressed.connect(self._on_search_return)
        self.table.doubleClicked.connect(lambda _index: self._on_accepted())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search_edit.setFocus)
        self._on_search_changed("")
        self.search_edit.setFocus()

    def _on_search_changed(self, text: str) -> None:
        self.model.set_query(open_topics_statement(self._room_id, text))
        if self.model.rowCount():
            self.table.selectRow(0)

    def _on_search_return(self) -> None:
        # Enter in the search box picks the first match, so a title fragment and Enter suffice.
        if self.model.rowCount():
            self._on_accepted()

    def select_title(self, title: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).title == title:
                self.table.selectRow(row)
                return True
        return False

    def chosen_topic_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(self.model.row_at(rows[0].row()).id) if rows else None

    def _on_accepted(self) -> None:
        topic_id = self.chosen_topic_id()
        if topic_id is None:
            show_message(self.message, self.tr("Choose a topic"))
            return
        try:
            self._callback(topic_id)
        except UserError as error:
            show_message(self.message, str(error))
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        db: Database,
        room_id: str,
        count: int,
        apply: Callable[[str], None],
    ) -> bool:
        dialog = cls(parent, db=db, room_id=room_id, count=count, apply=apply)
        return dialog.exec() == QDialog.DialogCode.Accepted


@dataclass(frozen=True)
class SlipValue:
    """What the slip form holds."""

    collected_on: date
    grid: str
    collector_id: str | None
    content: str
    reporter_name: str
    anonymous: bool
    category: str


class EditSlipDialog(ApplyingDialog):
    """Correct one slip as typed on paper; each refusal shows under its field."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        row: Any,
        workers: list[tuple[str, str]],
        apply: Callable[[SlipValue], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(self.tr("Edit slip"))
        self.date_edit = date_edit(row.collected_on)
        self.grid_edit = QLineEdit(row.grid or "")
        self.collector_combo = QComboBox()
        self.collector_combo.addItem(self.tr("(not given)"), None)
        for name, worker_id in workers:
            self.collector_combo.addItem(name, worker_id)
        if row.collector_id and self.collector_combo.findData(row.collector_id) < 0:
            self.collector_combo.addItem(row.collector_name or "", row.collector_id)
        self.collector_combo.setCurrentIndex(
            max(self.collector_combo.findData(row.collector_id), 0)
        )
        self.content_edit = QLineEdit(str(row.content))
        self.content_edit.setMaxLength(2000)
        self.reporter_edit = QLineEdit(row.reporter_name or "")
        self.anonymous_box = QCheckBox(self.tr("Anonymous"))
        self.anonymous_box.setChecked(bool(row.anonymous))
        self.reporter_edit.setEnabled(not row.anonymous)
        self.anonymous_box.toggled.connect(lambda on: self.reporter_edit.setEnabled(not on))
        self.category_edit = QLineEdit(row.category or "")
        self.messages = {
            name: message_label()
            for name in ("collected_on", "grid", "collector", "content", "reporter", "category")
        }
        form = QFormLayout()
        for caption, widget, key in (
            (self.tr("Collected on:"), self.date_edit, "collected_on"),
            (self.tr("Grid:"), self.grid_edit, "grid"),
            (self.tr("Grid worker:"), self.collector_combo, "collector"),
            (self.tr("Content:"), self.content_edit, "content"),
            (self.tr("Reporter:"), self.reporter_edit, "reporter"),
            ("", self.anonymous_box, ""),
            (self.tr("Category:"), self.category_edit, "category"),
        ):
            form.addRow(caption, with_message(widget, self.messages[key]) if key else widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.content_edit.setFocus()

    def value(self) -> SlipValue:
        collector = self.collector_combo.currentData()
        return SlipValue(
            collected_on=to_date(self.date_edit),
            grid=self.grid_edit.text(),
            collector_id=collector if isinstance(collector, str) else None,
            content=self.content_edit.text(),
            reporter_name=self.reporter_edit.text(),
            anonymous=self.anonymous_box.isChecked(),
            category=self.category_edit.text(),
        )

    def _apply(self) -> None:
        self._callback(self.value())

    def _message_for(self, error: UserError) -> QLabel:
        field = getattr(error, "field", "content")
        return self.messages.get(field, self.messages["content"])

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        row: Any,
        workers: list[tuple[str, str]],
        apply: Callable[[SlipValue], None],
    ) -> bool:
        return (
            cls(parent, row=row, workers=workers, apply=apply).exec() == QDialog.DialogCode.Accepted
        )
