"""议题: the filtered topic list beside one topic's detail, with only the allowed next steps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import NodeRole, TopicSource, TopicStatus
from desktop.queries import Database
from desktop.queries import topics as queries
from desktop.queries.history import status_history
from desktop.queries.topics import TopicDetail, TopicFilter
from desktop.views.common.confirm import Confirmation
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import show_message
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, record_table
from desktop.views.common.recycle_bin import RecycleBinDialog
from desktop.views.topics import topic_forms, topic_steps
from desktop.views.topics.detail import TopicDetailPanel
from desktop.workflow import recycle
from desktop.workflow import slips as slip_rules
from desktop.workflow import topics as topic_rules


class TopicsPage(QWidget):
    """Topics of the room (or, in district mode, of every room, read-only)."""

    topic_changed = Signal(str)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        installation = db.installation()
        assert installation is not None, "pages are built once the installation exists"
        self.district_mode = installation.role is NodeRole.DISTRICT
        self.room_id: str | None = None if self.district_mode else installation.room_id
        self._node_id = installation.node_id
        self.current_id: str | None = None
        self.detail: TopicDetail | None = None

        title = QLabel(self.tr("Topics"))
        title.setFont(scaled_font(title, 1.6, bold=True))
        self.new_button = QPushButton(icon("new", color="#ffffff"), self.tr("New topic"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.setVisible(not self.district_mode)
        self.recycle_button = QPushButton(icon("recycle_bin"), self.tr("Recycle bin…"))
        self.recycle_button.setToolTip(self.tr("Deleted topics, slips and meetings, to restore"))
        self.recycle_button.setVisible(not self.district_mode)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.recycle_button)
        heading.addWidget(self.new_button)

        self.room_filter = QComboBox()
        self.room_filter.setVisible(self.district_mode)
        self.source_filter = QComboBox()
        self.source_filter.addItem(self.tr("All sources"), None)
        for source in TopicSource:
            # By value: Qt hands a StrEnum back as a plain str.
            self.source_filter.addItem(source.label, source.value)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in TopicStatus:
            self.status_filter.addItem(status.label, status.value)
        self.category_filter = QComboBox()
        self.year_filter = QComboBox()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search titles and descriptions (Ctrl+L)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")
        filters = QHBoxLayout()
        for combo in (
            self.room_filter,
            self.source_filter,
            self.status_filter,
            self.category_filter,
            self.year_filter,
        ):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(combo)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.count_label)

        self.model = QueryTableModel(db, self._columns(), self)
        # No sort column at first: the query's own order (newest first) stands until a click.
        self.table = record_table(self.model)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self._title_column(), QHeaderView.ResizeMode.Stretch)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.detail_panel = TopicDetailPanel(district_mode=self.district_mode)
        self.splitter.addWidget(self.detail_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        for combo in (
            self.room_filter,
            self.source_filter,
            self.status_filter,
            self.category_filter,
            self.year_filter,
        ):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.search_edit.textChanged.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.new_button.clicked.connect(self.new_topic)
        self.recycle_button.clicked.connect(self.open_recycle_bin)
        panel = self.detail_panel
        panel.edit_button.clicked.connect(self.edit_current)
        panel.delete_button.clicked.connect(self.delete_current)
        panel.shortlist_button.clicked.connect(self.shortlist_current)
        panel.take_back_button.clicked.connect(self.take_back_current)
        panel.announce_button.clicked.connect(self.announce_current)
        panel.claim_button.clicked.connect(self.claim_current)
        panel.unclaim_button.clicked.connect(self.unclaim_current)
        panel.decline_button.clicked.connect(self.decline_current)
        panel.discuss_button.clicked.connect(self.discuss_current)
        panel.print_notice_button.clicked.connect(self.print_notice_current)
        panel.separate_button.clicked.connect(self.separate_chosen_slips)
        QShortcut(QKeySequence("Ctrl+L"), self, self._on_find)
        if not self.district_mode:
            QShortcut(QKeySequence.StandardKey.New, self, self.new_topic)
        self.refresh()

    # The list ------------------------------------------------------------------------
    def _columns(self) -> list[ColumnSpec]:
        immediate = self.tr("immediate")
        columns = [
            ColumnSpec(self.tr("Title"), lambda r: str(r.title), queries.BY_TITLE),
            ColumnSpec(self.tr("Source"), lambda r: r.source.label, queries.BY_SOURCE),
            ColumnSpec(
                self.tr("Status"),
                lambda r: f"{r.status.label} · {immediate}" if r.immediate else r.status.label,
                queries.BY_STATUS,
            ),
            ColumnSpec(self.tr("Category"), lambda r: r.category or "", queries.BY_CATEGORY),
            ColumnSpec(
                self.tr("Raised on"),
                lambda r: format_date(r.raised_on),
                queries.BY_RAISED_ON,
            ),
        ]
        if self.district_mode:
            columns.insert(
                0, ColumnSpec(self.tr("Room"), lambda r: str(r.room_name), queries.BY_ROOM)
            )
        return columns

    def _title_column(self) -> int:
        return 1 if self.district_mode else 0

    def refresh(self) -> None:
        """Read the filter choices and the list again, keeping the chosen topic."""
        choices = queries.topic_filter_choices(self._db, self.room_id)
        self._refill(
            self.category_filter,
            [(self.tr("All categories"), None)] + [(c, c) for c in choices.categories],
        )
        self._refill(
            self.year_filter,
            [(self.tr("All years"), None)]
            + [(self.tr("Year %1").replace("%1", str(y)), y) for y in choices.years],
        )
        # The district's office hosts come after the rooms, past a separator, as what they are
        # (崇川区政协, 和平桥街道政协工委): their immediate topics are theirs, not a room's.
        offices: list[tuple[str, object] | None] = [None] if choices.offices else []
        offices += [(office.name, office.id) for office in choices.offices]
        self._refill(
            self.room_filter,
            [(self.tr("All rooms"), None), *[(r.name, r.id) for r in choices.rooms], *offices],
        )
        self._on_filter_changed()

    @staticmethod
    def _refill(combo: QComboBox, items: Sequence[tuple[str, object] | None]) -> None:
        """The combo's entries (None: a separator), keeping the chosen one when it is still
        there."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for item in items:
            if item is None:
                combo.insertSeparator(combo.count())
            else:
                combo.addItem(item[0], item[1])
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def current_filter(self) -> TopicFilter:
        room = self.room_filter.currentData() if self.district_mode else self.room_id
        source = self.source_filter.currentData()
        status = self.status_filter.currentData()
        return TopicFilter(
            room_id=room if isinstance(room, str) else None,
            source=TopicSource(source) if source else None,
            status=TopicStatus(status) if status else None,
            category=self.category_filter.currentData(),
            year=self.year_filter.currentData(),
            search=self.search_edit.text(),
        )

    def _on_filter_changed(self, *_args: object) -> None:
        keep = self.current_id
        self.model.set_query(queries.topics_statement(self.current_filter()))
        self.count_label.setText(self.tr("%1 topics").replace("%1", str(self.model.total())))
        if keep is None or not self.select_topic(keep):
            self.current_id = None
            self._show_detail(None)

    def open_record(self, topic_id: str) -> None:
        """Show one topic (from the 工作台): the filters cleared so the list holds it."""
        combos = (
            self.room_filter,
            self.source_filter,
            self.status_filter,
            self.category_filter,
            self.year_filter,
        )
        for widget in (*combos, self.search_edit):
            widget.blockSignals(True)
        for combo in combos:
            combo.setCurrentIndex(0)
        self.search_edit.clear()
        for widget in (*combos, self.search_edit):
            widget.blockSignals(False)
        self.current_id = topic_id
        self._on_filter_changed()
        self.model.load_row_of(topic_id)  # further down a long list than the first batch
        self.select_topic(topic_id)

    def select_topic(self, topic_id: str) -> bool:
        """Make the topic current if the list (as loaded so far) shows it."""
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == topic_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self._load_detail(topic_id)
                return True
        return False

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._load_detail(str(self.model.row_at(current.row()).id))

    def _load_detail(self, topic_id: str) -> None:
        self.current_id = topic_id
        self._show_detail(queries.topic_detail(self._db, topic_id, node_id=self._node_id))

    def _show_detail(self, detail: TopicDetail | None) -> None:
        self.detail = detail
        self.detail_panel.show_topic(detail)
        self.detail_panel.show_history(
            status_history(self._db, topic_id=detail.id) if detail is not None else []
        )

    def _on_find(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # Actions -------------------------------------------------------------------------
    def _changed(self) -> None:
        assert self.current_id is not None
        changed = self.current_id
        self.refresh()
        if not self.select_topic(changed):
            self._load_detail(changed)
        self.topic_changed.emit(changed)

    def _expected_revision(self) -> int | None:
        """The shown topic's revision: an action on a topic changed meanwhile is refused."""
        if self.detail is None or self.detail.id != self.current_id:
            return None
        return self.detail.revision

    def _run_inline(self, change: Callable[..., None]) -> bool:
        """A change without a dialog: a refusal shows under the buttons."""
        if self.current_id is None:
            return False
        try:
            change(self._db, self.current_id, expected_revision=self._expected_revision())
        except UserError as error:
            show_message(self.detail_panel.action_message, str(error))
            return False
        self._changed()
        return True

    # The steps and the topic form live in topic_steps and topic_forms; these are the hooks.
    def shortlist_current(self) -> bool:
        return topic_steps.shortlist(self)

    def take_back_current(self) -> bool:
        """撤销初选 / 撤销公告: the status goes back one step; the reason stays in the history."""
        return topic_steps.take_back(self)

    def announce_current(self) -> bool:
        return topic_steps.announce(self)

    def claim_current(self) -> bool:
        return topic_steps.claim(self)

    def unclaim_current(self) -> bool:
        """撤回认领: the member chosen gives up the claim."""
        return topic_steps.unclaim(self)

    def decline_current(self) -> bool:
        return topic_steps.decline(self)

    def new_topic(self) -> bool:
        """Ctrl+N: a topic raised by the party and government, residents, a member or a grid."""
        return topic_forms.new(self)

    def edit_current(self) -> bool:
        """Correct the current topic in the new-topic form, filled with it."""
        return topic_forms.edit(self)

    def discuss_current(self) -> bool:
        return self._run_inline(topic_rules.consult_now)

    def ask_claimant(self, names: list[str]) -> str | None:
        """Which claim to withdraw (a seam tests replace)."""
        name, accepted = QInputDialog.getItem(
            self, self.tr("Withdraw claim"), self.tr("Whose claim is withdrawn?"), names, 0, False
        )
        return name if accepted and name in names else None

    def print_notice_current(self) -> bool:
        """Preview (and print) the 议题公告 of the current topic, personal data masked."""
        if self.detail is None:
            return False
        # reportlab loads only when someone prints.
        from desktop.documents.notice import render_notice
        from desktop.views.common.document_preview import preview_document, safe_file_stem

        db, topic_id = self._db, self.detail.id
        kind = self.tr("Topic notice")
        return preview_document(
            self,
            title=f"{kind} {self.detail.title}",
            file_stem=safe_file_stem(f"{kind}-{self.detail.title}"),
            render=lambda path: render_notice(db=db, topic_id=topic_id, path=path),
        )

    def separate_chosen_slips(self) -> bool:
        """取消合并 from the detail panel: after asking, the slips chosen there leave the topic
        and are open again in the opinions list; the topic stays as it is."""
        ids = self.detail_panel.selected_slip_ids()
        if self.detail is None or not ids:
            return False
        if not Confirmation.ask(
            self,
            title=self.tr("Separate from topic"),
            text=self.tr(
                "Separate %1 slips from the topic “%2”? They are open again in the opinions "
                "list; the topic stays as it is."
            )
            .replace("%1", str(len(ids)))
            .replace("%2", self.detail.title),
            action=self.tr("Separate"),
        ):
            return False
        try:
            slip_rules.separate_slips(self._db, ids)
        except UserError as error:
            show_message(self.detail_panel.action_message, str(error))
            return False
        self._changed()
        return True

    def confirm_delete(self, text: str) -> bool:
        """Ask before moving a topic to the recycle bin (a seam tests replace)."""
        answer = QMessageBox.question(self, self.tr("Delete topic"), text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_current(self) -> bool:
        """The current topic to the recycle bin, with its merged slips (restored together)."""
        if self.detail is None:
            return False
        detail = self.detail
        text = self.tr('Move the topic "%1" to the recycle bin?').replace("%1", detail.title)
        if detail.slips:
            text += "\n" + self.tr(
                "Its %1 opinion slips go with it and come back when it is restored. To keep "
                "them in the list of open slips, separate them from the topic first."
            ).replace("%1", str(len(detail.slips)))
        if not self.confirm_delete(text):
            return False
        try:
            recycle.delete_topic(self._db, detail.id, expected_revision=detail.revision)
        except UserError as error:
            show_message(self.detail_panel.action_message, str(error))
            return False
        self.current_id = None
        self.refresh()
        self.topic_changed.emit(detail.id)
        return True

    def open_recycle_bin(self) -> RecycleBinDialog | None:
        """回收站: restoring a topic puts it back in the list, chosen."""
        if self.room_id is None:
            return None
        dialog = RecycleBinDialog(self, db=self._db, room_id=self.room_id, node_id=self._node_id)
        dialog.restored.connect(self._on_restored)
        dialog.exec()
        return dialog

    def _on_restored(self, kind: str, record_id: str) -> None:
        self.refresh()
        if kind == recycle.TOPIC:
            self.select_topic(record_id)
            self.topic_changed.emit(record_id)
