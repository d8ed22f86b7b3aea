"""社情民意: fast keyboard entry of paper slips, and merging them into topics."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import NodeRole
from desktop.queries import Database
from desktop.queries import opinions as queries
from desktop.queries.opinions import GridWorker, SlipScope
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import (
    date_edit,
    hide_when_edited,
    message_label,
    show_message,
    to_date,
)
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, record_table
from desktop.views.common.recycle_bin import RecycleBinDialog
from desktop.views.opinions import similar_panel, slip_actions
from desktop.views.opinions.enter_moves_on import EnterMovesOn
from desktop.workflow import slips as slip_rules

CONTENT_MAX = 2000


class OpinionsPage(QWidget):
    """Enter slips one after another without the mouse; list, search, merge and attach them."""

    slip_saved = Signal(str)
    topic_created = Signal(str)
    slips_attached = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        installation = db.installation()
        assert installation is not None, "pages are built once the installation exists"
        self.district_mode = installation.role is NodeRole.DISTRICT
        self.room_id: str | None = None if self.district_mode else installation.room_id
        self._node_id = installation.node_id
        self._workers: list[GridWorker] = []

        title = QLabel(self.tr("Opinions"))
        title.setFont(scaled_font(title, 1.6, bold=True))
        subtitle = QLabel(
            self.tr("Slips read-only: they are entered in the rooms.")
            if self.district_mode
            else self.tr(
                "Type each paper slip and press Enter in the last field; the date, grid and "
                "collector stay for the next one."
            )
        )
        subtitle.setObjectName("mutedText")
        subtitle.setWordWrap(True)

        self.entry = self._entry_form()
        self.entry.setVisible(not self.district_mode)

        self.scope_combo = QComboBox()
        self.scope_combo.addItem(self.tr("Not handled"), SlipScope.UNHANDLED)
        self.scope_combo.addItem(self.tr("In a topic"), SlipScope.MERGED)
        self.scope_combo.addItem(self.tr("All"), SlipScope.ALL)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search content, grid, reporter… (Ctrl+L)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.merge_button = QPushButton(icon("merge"), self.tr("Merge into new topic…"))
        self.attach_button = QPushButton(icon("attach"), self.tr("Attach to topic…"))
        self.separate_button = QPushButton(icon("separate"), self.tr("Separate from topic"))
        self.separate_button.setToolTip(
            self.tr("The chosen slips leave their topic and are open again; the topic stays")
        )
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Correct the chosen slip"))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete…"))
        self.recycle_button = QPushButton(icon("recycle_bin"), self.tr("Recycle bin…"))
        self.hint_label = QLabel()
        self.hint_label.setObjectName("mutedText")
        self.hint_label.setWordWrap(True)
        self.action_message = message_label()
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Show:")))
        tools.addWidget(self.scope_combo)
        tools.addWidget(self.search_edit, 1)
        tools.addWidget(self.count_label)
        # The actions get a row of their own: one row with the filters would not fit a laptop
        # screen at 150 % (1280 logical pixels).
        actions = QHBoxLayout()
        for button in (
            self.merge_button,
            self.attach_button,
            self.separate_button,
            self.edit_button,
            self.delete_button,
            self.recycle_button,
        ):
            actions.addWidget(button)
            button.setVisible(not self.district_mode)
        actions.addStretch(1)
        self.hint_label.setVisible(not self.district_mode)

        self.model = QueryTableModel(db, self._columns(), self)
        # No sort column at first: the query's own order (newest first) stands until a click.
        self.table = record_table(self.model, multi=True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self._content_column(), QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.entry)
        layout.addLayout(tools)
        layout.addLayout(actions)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.action_message)
        self.suggestions = similar_panel.SuggestedGroupsPanel(self)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.table, 1)

        self.scope_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.search_edit.textChanged.connect(self._on_filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.merge_button.clicked.connect(self.merge_selected)
        self.attach_button.clicked.connect(self.attach_selected)
        self.separate_button.clicked.connect(self.separate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.recycle_button.clicked.connect(self.open_recycle_bin)
        QShortcut(QKeySequence("Ctrl+L"), self, self._on_find)
        if not self.district_mode:
            QShortcut(QKeySequence.StandardKey.New, self, self._on_new)
            QShortcut(QKeySequence.StandardKey.Save, self, self.save_slip)
        self.refresh()

    # The entry form ------------------------------------------------------------------
    def _entry_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Enter a slip"))
        self.date_edit = date_edit(clock.today())
        self.grid_combo = QComboBox()
        self.grid_combo.setEditable(True)
        self.grid_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.collector_combo = QComboBox()
        self.content_edit = QLineEdit()
        self.content_edit.setMaxLength(CONTENT_MAX)
        self.content_edit.setPlaceholderText(self.tr("What the resident reports, as on the slip"))
        self.reporter_edit = QLineEdit()
        self.reporter_edit.setMaxLength(slip_rules.NAME_MAX)
        self.reporter_edit.setPlaceholderText(self.tr("Name of the resident"))
        self.anonymous_box = QCheckBox(self.tr("Anonymous"))
        self.category_combo = QComboBox()
        self.category_combo.setEditable(True)
        self.category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.save_button = QPushButton(icon("save", color="#ffffff"), self.tr("Save slip"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip(self.tr("Enter in the category field, or Ctrl+S"))
        self.saved_label = QLabel()
        self.saved_label.setObjectName("mutedText")
        self.messages: dict[str, QLabel] = {
            name: message_label()
            for name in ("collected_on", "grid", "collector", "content", "reporter", "category")
        }

        reporter_row = QHBoxLayout()
        reporter_row.setSpacing(8)
        reporter_row.addWidget(self.reporter_edit, 1)
        reporter_row.addWidget(self.anonymous_box)

        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        fields: list[tuple[str, QWidget | QHBoxLayout, str, int, int, int]] = [
            (self.tr("Collected on"), self.date_edit, "collected_on", 0, 0, 1),
            (self.tr("Grid"), self.grid_combo, "grid", 0, 1, 1),
            (self.tr("Grid worker"), self.collector_combo, "collector", 0, 2, 1),
            (self.tr("Content"), self.content_edit, "content", 3, 0, 3),
            (self.tr("Reporter"), reporter_row, "reporter", 6, 0, 1),
            (self.tr("Category"), self.category_combo, "category", 6, 1, 1),
        ]
        for caption, widget, key, row, column, span in fields:
            grid.addWidget(QLabel(caption), row, column, 1, span)
            if isinstance(widget, QHBoxLayout):
                grid.addLayout(widget, row + 1, column, 1, span)
            else:
                grid.addWidget(widget, row + 1, column, 1, span)
            grid.addWidget(self.messages[key], row + 2, column, 1, span)
            field = self.reporter_edit if isinstance(widget, QHBoxLayout) else widget
            hide_when_edited(field, self.messages[key])
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)
        grid.addLayout(save_row, 7, 2)
        self.similar = similar_panel.SimilarSlipsPanel(self._db, self.room_id or "", box)
        grid.addWidget(self.similar, 8, 0, 1, 3)
        similar_panel.watch(self, self.similar)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        # Tab follows the paper slip; Enter moves on, and saves in the last field.
        QWidget.setTabOrder(self.date_edit, self.grid_combo)
        QWidget.setTabOrder(self.grid_combo, self.collector_combo)
        QWidget.setTabOrder(self.collector_combo, self.content_edit)
        QWidget.setTabOrder(self.content_edit, self.reporter_edit)
        QWidget.setTabOrder(self.reporter_edit, self.anonymous_box)
        QWidget.setTabOrder(self.anonymous_box, self.category_combo)
        QWidget.setTabOrder(self.category_combo, self.save_button)
        self.content_edit.returnPressed.connect(self._on_content_return)
        self.reporter_edit.returnPressed.connect(self.category_combo.setFocus)
        self.anonymous_box.toggled.connect(self._on_anonymous_toggled)
        line = self.category_combo.lineEdit()
        assert line is not None
        line.returnPressed.connect(self.save_slip)
        grid_line = self.grid_combo.lineEdit()
        assert grid_line is not None
        grid_line.returnPressed.connect(self.collector_combo.setFocus)
        self.collector_combo.activated.connect(self._on_collector_activated)
        self._enter_moves_on = EnterMovesOn(
            self, {self.date_edit: self.grid_combo, self.collector_combo: self.content_edit}
        )
        self.date_edit.installEventFilter(self._enter_moves_on)
        self.collector_combo.installEventFilter(self._enter_moves_on)
        self.save_button.clicked.connect(self.save_slip)
        return box

    def _on_content_return(self) -> None:
        if self.anonymous_box.isChecked():
            self.category_combo.setFocus()
        else:
            self.reporter_edit.setFocus()

    def _on_anonymous_toggled(self, anonymous: bool) -> None:
        if anonymous:
            self.reporter_edit.clear()
        self.reporter_edit.setEnabled(not anonymous)
        show_message(self.messages["reporter"], "")

    def _on_collector_activated(self, _index: int) -> None:
        # A grid worker works one grid: fill it in when the grid field is still empty.
        worker = self._current_worker()
        if worker is not None and not self.grid_combo.currentText().strip():
            self.grid_combo.setEditText(queries.grid_of(worker))

    def _current_worker(self) -> GridWorker | None:
        worker_id = self.collector_combo.currentData()
        return next((w for w in self._workers if w.id == worker_id), None)

    def _on_new(self) -> None:
        self.content_edit.setFocus()

    def _on_find(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def save_slip(self) -> bool:
        """Save the slip as typed; on a refusal show it by its field and keep everything typed."""
        if self.room_id is None:
            return False
        for label in self.messages.values():
            show_message(label, "")
        if self.similar.chosen_ids():
            return similar_panel.save_joining(self, self.similar)
        collector = self.collector_combo.currentData()
        try:
            slip_id = slip_rules.enter_slip(
                self._db,
                room_id=self.room_id,
                collected_on=to_date(self.date_edit),
                grid=self.grid_combo.currentText(),
                collector_id=collector if isinstance(collector, str) else None,
                content=self.content_edit.text(),
                reporter_name=self.reporter_edit.text(),
                anonymous=self.anonymous_box.isChecked(),
                category=self.category_combo.currentText(),
            )
        except slip_rules.SlipFieldError as error:
            show_message(self.messages[error.field], str(error))
            self._field_widget(error.field).setFocus()
            return False
        except UserError as error:
            show_message(self.messages["content"], str(error))
            return False
        self.after_saved(slip_id)
        return True

    def after_saved(self, slip_id: str) -> None:
        """The form ready for the next slip; the date, grid and collector stay."""
        self.saved_label.setText(
            self.tr("Saved: %1").replace("%1", self.content_edit.text().strip()[:24])
        )
        self.content_edit.clear()
        self.reporter_edit.clear()
        self.anonymous_box.setChecked(False)
        self.category_combo.setCurrentIndex(-1)
        self.category_combo.setEditText("")
        self.content_edit.setFocus()
        self.similar.clear()
        self.model.refresh()
        self._update_count()
        self.suggestions.refresh()
        self.slip_saved.emit(slip_id)

    def unsaved_input(self) -> bool:
        """True while a slip's content or reporter is typed but not saved."""
        if self.room_id is None:
            return False
        return bool(self.content_edit.text().strip() or self.reporter_edit.text().strip())

    def _field_widget(self, name: str) -> QWidget:
        widgets: dict[str, QWidget] = {
            "collected_on": self.date_edit,
            "grid": self.grid_combo,
            "collector": self.collector_combo,
            "content": self.content_edit,
            "reporter": self.reporter_edit,
            "category": self.category_combo,
        }
        return widgets[name]

    # The list ------------------------------------------------------------------------
    def _columns(self) -> list[ColumnSpec]:
        anonymous = self.tr("Anonymous")
        columns = [
            ColumnSpec(
                self.tr("Collected on"),
                lambda r: format_date(r.collected_on),
                queries.BY_COLLECTED_ON,
            ),
            ColumnSpec(self.tr("Grid"), lambda r: r.grid or "", queries.BY_GRID),
            ColumnSpec(
                self.tr("Grid worker"), lambda r: r.collector_name or "", queries.BY_COLLECTOR
            ),
            ColumnSpec(
                self.tr("Reporter"),
                lambda r: anonymous if r.anonymous else (r.reporter_name or ""),
            ),
            ColumnSpec(self.tr("Content"), lambda r: str(r.content)),
            ColumnSpec(self.tr("Category"), lambda r: r.category or "", queries.BY_CATEGORY),
            ColumnSpec(self.tr("Topic"), lambda r: r.topic_title or "—", queries.BY_TOPIC),
        ]
        if self.district_mode:
            columns.insert(
                0, ColumnSpec(self.tr("Room"), lambda r: str(r.room_name), queries.BY_ROOM)
            )
        return columns

    def _content_column(self) -> int:
        return 5 if self.district_mode else 4

    def refresh(self) -> None:
        """Read the room's grid workers, grids and categories and the list again."""
        if self.room_id is not None:
            choices = queries.slip_form_choices(self._db, self.room_id)
            self._workers = choices.workers
            self._refill(
                self.collector_combo,
                [(self.tr("(not given)"), None)] + [(w.name, w.id) for w in self._workers],
            )
            self._refill_texts(self.grid_combo, choices.grids)
            self._refill_texts(self.category_combo, choices.categories)
        self.suggestions.refresh()
        self._on_filter_changed()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str | None]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    @staticmethod
    def _refill_texts(combo: QComboBox, texts: list[str]) -> None:
        typed = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(texts)
        combo.setCurrentIndex(-1)
        combo.setEditText(typed)
        combo.blockSignals(False)

    def _on_filter_changed(self, *_args: object) -> None:
        scope = self.scope_combo.currentData()
        self.model.set_query(
            queries.slips_statement(
                room_id=self.room_id,
                scope=scope if isinstance(scope, SlipScope) else SlipScope.ALL,
                search=self.search_edit.text(),
            )
        )
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 slips").replace("%1", str(self.model.total())))

    def open_record(self, slip_id: str) -> None:
        """Show one slip selected (from the 工作台): among the unhandled ones when it is one,
        else among all, the search cleared."""
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        row = -1
        for scope in (SlipScope.UNHANDLED, SlipScope.ALL):
            self.scope_combo.blockSignals(True)
            scopes = [self.scope_combo.itemData(i) for i in range(self.scope_combo.count())]
            self.scope_combo.setCurrentIndex(scopes.index(scope))
            self.scope_combo.blockSignals(False)
            self._on_filter_changed()
            row = self.model.load_row_of(slip_id)
            if row >= 0:
                break
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selected_slip_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [str(self.model.row_at(row).id) for row in rows]

    def _selected_rows(self) -> list[Any]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows]

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self._selected_rows()
        self.merge_button.setEnabled(bool(chosen))
        self.attach_button.setEnabled(bool(chosen))
        self.delete_button.setEnabled(bool(chosen))
        self.edit_button.setEnabled(len(chosen) == 1)
        self.separate_button.setEnabled(any(r.topic_id for r in chosen))
        # Multiple selection is not discoverable on its own: say how, and how many are chosen.
        if len(chosen) < 2:
            self.hint_label.setText(
                self.tr(
                    "To merge slips about the same problem into one topic, select several "
                    "with Ctrl+click or Shift+click (or Shift+arrow keys), then press "
                    '"Merge into new topic".'
                )
            )
        else:
            self.hint_label.setText(self.tr("%1 slips selected.").replace("%1", str(len(chosen))))

    # Actions on the chosen slips (in slip_actions) --------------------------------------
    def merge_selected(self) -> bool:
        """网格征题: ask a title and make one topic of the selected slips."""
        return slip_actions.merge(self)

    def attach_selected(self) -> bool:
        """Attach the selected slips to one of the room's open topics, picked from a list."""
        return slip_actions.attach(self)

    def delete_selected(self) -> bool:
        """The selected slips to the recycle bin; merged ones ask first, naming the topic."""
        return slip_actions.delete(self)

    def separate_selected(self) -> bool:
        """取消合并: the selected merged slips are open again; their topics stay."""
        return slip_actions.separate(self)

    def edit_selected(self) -> bool:
        """Correct the one selected slip in its own form."""
        return slip_actions.edit(self)

    def confirm_delete(self, text: str) -> bool:
        """Ask before deleting slips merged into a topic (a seam tests replace)."""
        answer = QMessageBox.question(self, self.tr("Delete slips"), text)
        return answer == QMessageBox.StandardButton.Yes

    def open_recycle_bin(self) -> RecycleBinDialog | None:
        """回收站: a restored slip is back in the list."""
        if self.room_id is None:
            return None
        dialog = RecycleBinDialog(self, db=self._db, room_id=self.room_id, node_id=self._node_id)
        dialog.restored.connect(lambda _kind, _id: self.refresh())
        dialog.exec()
        return dialog
