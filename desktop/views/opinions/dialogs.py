"""The opinion page's dialogs: merge slips into a new topic, attach slips to an open topic."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
from desktop.views.common.forms import ApplyingDialog, message_label, show_message, with_message
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
