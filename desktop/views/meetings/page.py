"""The 议事活动 page: the meetings of the room (or, in a district, of every room, read-only, and
the district's own meetings, attributed to the district office or a township and editable)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.formatting import format_date, format_time
from desktop.models.base import new_id
from desktop.models.enums import MeetingStatus, NodeRole
from desktop.queries import Database
from desktop.queries import meetings as queries
from desktop.queries.district_work import read_office_choices
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.icons import icon
from desktop.views.common.office_dialog import OfficeDialog
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel, table_view
from desktop.views.meetings.editor import MeetingEditor, NewMeeting
from desktop.workflow import agenda, district_work

RIGHT = Qt.AlignmentFlag.AlignRight


class MeetingsPage(QWidget):
    """Filter by status and year, search, and open a meeting in the editor (Enter)."""

    meeting_opened = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        installation = db.installation()
        self.district_mode = installation is not None and installation.role is NodeRole.DISTRICT
        self.room_id = installation.room_id if installation is not None else None
        self.editors: dict[str, MeetingEditor] = {}

        self.title = QLabel(self.tr("Meetings"))
        self.title.setFont(scaled_font(self.title, 1.8, bold=True))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search title, place, host or topic (Ctrl+L)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in MeetingStatus:
            self.status_combo.addItem(status.label, status)
        self.year_combo = QComboBox()
        self.new_button = QPushButton(icon("new", color="#ffffff"), self.tr("New meeting"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("New meeting (Ctrl+N)"))
        self.ledger_button = QPushButton(icon("print"), self.tr("Print yearly ledger…"))
        self.ledger_button.setToolTip(
            self.tr("Every meeting of the chosen year with its topics and outcomes")
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")

        columns = [
            ColumnSpec(
                self.tr("Date"),
                lambda r: format_date(r.held_on),
                queries.BY_DATE,
            ),
            ColumnSpec(self.tr("Time"), lambda r: format_time(r.start_time), queries.BY_TIME),
            ColumnSpec(
                self.tr("Title"), lambda r: r.title or self.tr("(untitled)"), queries.BY_TITLE
            ),
            ColumnSpec(self.tr("Form"), lambda r: r.form.label, queries.BY_FORM),
            ColumnSpec(self.tr("Status"), lambda r: r.status.label, queries.BY_STATUS),
            # Not sortable: sorting by a count counts every meeting's attendance (0.5 s on a
            # 10-year district), where each other column's index hands out the first rows.
            ColumnSpec(self.tr("Expected"), lambda r: str(r.expected_count), None, RIGHT),
            ColumnSpec(self.tr("Present"), lambda r: str(r.present_count), None, RIGHT),
        ]
        if self.district_mode:
            columns.append(ColumnSpec(self.tr("Room"), lambda r: r.room_name, queries.room_name))
        self.model = QueryTableModel(db, columns, self)
        self.view: QTableView = table_view(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((150, 70, 360, 120, 100, 70, 70, 220)):
            self.view.setColumnWidth(column, width)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        filters.addWidget(QLabel(self.tr("Status")))
        filters.addWidget(self.status_combo)
        filters.addWidget(QLabel(self.tr("Year")))
        filters.addWidget(self.year_combo)
        filters.addStretch(1)
        filters.addWidget(self.ledger_button)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self.setTabOrder(self.search_edit, self.status_combo)
        self.setTabOrder(self.status_combo, self.year_combo)
        self.setTabOrder(self.year_combo, self.new_button)
        self.setTabOrder(self.new_button, self.view)

        self.search_edit.textChanged.connect(self._apply_filter)
        self.search_edit.returnPressed.connect(self.view.setFocus)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.year_combo.currentIndexChanged.connect(self._apply_filter)
        self.new_button.clicked.connect(self.new_meeting)
        self.ledger_button.clicked.connect(self.print_ledger)
        self.view.activated.connect(self._on_activated)
        # In the window, like the other pages' Ctrl+N and Ctrl+L: right after Ctrl+4 they work
        # wherever the focus is (the sidebar too); a page not shown takes no shortcuts.
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_meeting)
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self.search_edit.setFocus)
        self.refresh()

    def ledger_year(self) -> int:
        """The year chosen in the filter, or this year when all years are shown."""
        chosen = self.year_combo.currentData()
        return int(chosen) if chosen is not None else clock.today().year

    def print_ledger(self) -> bool:
        """Preview (and print) the 年度台账 of the chosen year: this room, or every room."""
        from desktop.documents.ledger import render_ledger
        from desktop.views.common.document_preview import preview_document, safe_file_stem

        db, year = self._db, self.ledger_year()
        title = self.tr("Yearly ledger %1").replace("%1", str(year))
        return preview_document(
            self,
            title=title,
            file_stem=safe_file_stem(title),
            render=lambda path: render_ledger(db=db, year=year, path=path),
            # The suffix picks PDF or Word: the 台账 is also kept as an editable file.
            docx_export=lambda path: render_ledger(db=db, year=year, path=path),
        )

    def refresh(self) -> None:
        """Read the years and the list again (called whenever the page is opened)."""
        years = queries.meeting_years(self._db, self.room_id)
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("All years"), None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(current)))
        self.year_combo.blockSignals(False)
        self._apply_filter()

    def current_filter(self) -> queries.MeetingFilter:
        return queries.MeetingFilter(
            room_id=None if self.district_mode else self.room_id,
            status=self.status_combo.currentData(),
            year=self.year_combo.currentData(),
            search=self.search_edit.text(),
        )

    def _apply_filter(self) -> None:
        self.model.set_query(queries.meetings_statement(self.current_filter()))
        self.count_label.setText(self.tr("%1 meetings").replace("%1", str(self.model.total())))

    def new_meeting(self) -> MeetingEditor | None:
        """Open the editor of a new planned meeting dated today (half-filled is fine).

        The meeting is stored only once something is typed: left untouched, it leaves no
        "（未命名）" row behind (a synced row can never be removed again, only tombstoned).
        """
        db = self._db
        create: NewMeeting
        if self.district_mode:
            office = OfficeDialog.ask(self, read_office_choices(db))
            if office is None:
                return None
            township_id = office.township_id

            def create(meeting_id: str, details: Mapping[str, Any]) -> None:
                district_work.plan_office_meeting(
                    db,
                    township_id=township_id,
                    held_on=details["held_on"],
                    meeting_id=meeting_id,
                    details=details,
                )

        elif self.room_id is None:
            return None
        else:
            room_id = self.room_id

            def create(meeting_id: str, details: Mapping[str, Any]) -> None:
                agenda.plan_meeting(
                    db, room_id, held_on=details["held_on"], meeting_id=meeting_id, details=details
                )

        return self.open_meeting(new_id(), create=create)

    def _on_activated(self, index: QModelIndex) -> None:
        self.open_meeting(str(self.model.row_at(index.row()).id))

    def open_record(self, meeting_id: str) -> None:
        """Open one meeting (from the 工作台), its row selected when the list shows it."""
        row = self.model.load_row_of(meeting_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        self.open_meeting(meeting_id)

    def open_meeting(self, meeting_id: str, *, create: NewMeeting | None = None) -> MeetingEditor:
        """Show the meeting's editor (raised if it is already open); with `create`, of a
        meeting not stored yet."""
        editor = self.editors.get(meeting_id)
        if editor is not None:
            editor.raise_()
            editor.activateWindow()
            return editor
        if editor is None:
            # A district edits its own meetings; the rooms' are read-only there.
            read_only = (
                create is None
                and self.district_mode
                and not queries.owns_meeting(self._db, meeting_id)
            )
            editor = MeetingEditor(
                self._db, meeting_id, read_only=read_only, create=create, parent=self
            )
            editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            editor.meeting_saved.connect(self._on_meeting_saved)
            editor.destroyed.connect(lambda _=None, key=meeting_id: self.editors.pop(key, None))
            self.editors[meeting_id] = editor
        editor.show()
        self.meeting_opened.emit(meeting_id)
        return editor

    def _on_meeting_saved(self, _meeting_id: str) -> None:
        self.model.refresh()
        self.count_label.setText(self.tr("%1 meetings").replace("%1", str(self.model.total())))
