"""The 议程 tab: ready topics or an immediate one onto the agenda, its order, removal."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.queries import meetings as queries
from desktop.views.common.forms import message_label
from desktop.views.common.query_table_model import (
    ColumnSpec,
    QueryTableModel,
    selected_ids,
    table_view,
)
from desktop.views.meetings.editing import MeetingEditing
from desktop.workflow import agenda


class AgendaTab(QWidget):
    """议程: the room's ready topics or an immediate one onto the agenda; order; removal."""

    def __init__(self, editor: MeetingEditing) -> None:
        super().__init__()
        self._editor = editor
        self._db, self._meeting_id = editor.db, editor.meeting_id
        self.model = QueryTableModel(
            editor.db,
            [
                ColumnSpec(self.tr("No."), lambda r: str(r.position)),
                ColumnSpec(
                    self.tr("Topic"),
                    lambda r: r.title + (self.tr(" (immediate)") if r.immediate else ""),
                ),
                ColumnSpec(self.tr("Topic status"), lambda r: r.topic_status.label),
                ColumnSpec(
                    self.tr("Consensus"), lambda r: r.consensus.label if r.consensus else ""
                ),
            ],
            self,
        )
        self.view = table_view(self.model)
        self.view.setColumnWidth(0, 50)
        self.view.setColumnWidth(1, 420)
        self.topic_combo = QComboBox()
        self.topic_combo.setMinimumWidth(320)
        self.add_topic_button = QPushButton(self.tr("Add to agenda"))
        self.immediate_edit = QLineEdit()
        self.immediate_edit.setPlaceholderText(
            self.tr("Immediate consultation: type a topic raised on the spot, press Enter")
        )
        self.add_immediate_button = QPushButton(self.tr("Add immediate topic"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.message = message_label()

        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("Topic:")))
        add_row.addWidget(self.topic_combo, 1)
        add_row.addWidget(self.add_topic_button)
        immediate_row = QHBoxLayout()
        immediate_row.addWidget(self.immediate_edit, 1)
        immediate_row.addWidget(self.add_immediate_button)
        order_row = QHBoxLayout()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        order_row.addWidget(self.remove_button)
        order_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addLayout(immediate_row)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(order_row)

        self.add_topic_button.clicked.connect(self._on_add_topic)
        self.add_immediate_button.clicked.connect(self._on_add_immediate)
        self.immediate_edit.returnPressed.connect(self._on_add_immediate)
        self.up_button.clicked.connect(lambda: self._on_move(-1))
        self.down_button.clicked.connect(lambda: self._on_move(+1))
        self.remove_button.clicked.connect(self._on_remove)

    def reload(self) -> None:
        self.model.set_query(queries.agenda_statement(self._meeting_id))
        choices = queries.candidate_topics(self._db, self._meeting_id)
        self.topic_combo.clear()
        for choice in choices:
            suffix = self.tr(" (immediate)") if choice.immediate else ""
            self.topic_combo.addItem(f"{choice.title}{suffix} · {choice.status_label}", choice.id)
        self.add_topic_button.setEnabled(bool(choices) and self._editor.editable)

    def _on_add_topic(self) -> None:
        topic_id = self.topic_combo.currentData()
        if topic_id is None:
            return
        if self._editor.write(
            self.tr("Added a topic to the agenda"),
            lambda amending: agenda.put_on_agenda(
                self._db, self._meeting_id, topic_id=topic_id, amending=amending
            ),
            self.message,
        ):
            self._editor.reload_all()

    def _on_add_immediate(self) -> None:
        title = self.immediate_edit.text()
        if self._editor.write(
            self.tr("Added an immediate topic"),
            lambda amending: agenda.put_immediate_on_agenda(
                self._db, self._meeting_id, title=title, amending=amending
            ),
            self.message,
        ):
            self.immediate_edit.clear()
            self._editor.reload_all()

    def _current_id(self) -> str | None:
        ids = selected_ids(self.view, self.model)
        return ids[0] if ids else None

    def _on_move(self, step: int) -> None:
        item_id = self._current_id()
        if item_id is None:
            return
        if self._editor.write(
            self.tr("Reordered the agenda"),
            lambda amending: agenda.reorder_agenda(
                self._db, self._meeting_id, item_id=item_id, step=step, amending=amending
            ),
            self.message,
        ):
            self._editor.reload_all()
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).id == item_id:
                    self.view.selectRow(row)

    def _on_remove(self) -> None:
        item_id = self._current_id()
        if item_id is None:
            return
        if self._editor.write(
            self.tr("Removed a topic from the agenda"),
            lambda amending: agenda.take_off_agenda(
                self._db, self._meeting_id, item_id=item_id, amending=amending
            ),
            self.message,
        ):
            self._editor.reload_all()

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.topic_combo,
            self.add_topic_button,
            self.immediate_edit,
            self.add_immediate_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            widget.setEnabled(editable)
