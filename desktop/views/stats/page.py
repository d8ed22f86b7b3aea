"""统计 (both modes): a year's or a range of days' figures for the whole district, a township
or a room (a room installation: its own room), against the same days a year earlier.

Figure cards on top; below, each table of the statistics (desktop.stats.tables, the same the
Excel and PDF exports hold) beside its QtCharts chart; a district also sees its townships,
its rooms and their ranking. The figures come from one call to desktop.stats, fast enough
(grouped queries) to run on the GUI thread at every change; the exports run off it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.models.enums import MeetingForm, NodeRole, OutcomeStatus, TopicSource
from desktop.queries import Database
from desktop.stats import DISTRICT, Period, Scope, compute_stats, read_scope_choices
from desktop.stats.tables import StatTable, build_tables, stats_title
from desktop.stats.text import format_rate
from desktop.views.common import remember
from desktop.views.common.background import TaskState, run_with_progress
from desktop.views.common.document_preview import safe_file_stem
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import date_edit, message_label, show_message, to_date
from desktop.views.common.icons import icon
from desktop.views.stats.charts import StatsChart
from desktop.views.stats.tables import WIDE_TABLES, FigureCard, StatsTable, beside

# The period chooser's modes.
YEAR, RANGE = 0, 1


class StatsPage(QWidget):
    """The figures for the chosen period and scope; `refresh` reads them again."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        installation = db.installation()
        # A city reads every room its districts forward: the same scopes and tables.
        self.district = installation is not None and installation.role.sees_many_rooms
        self.city = installation is not None and installation.role is NodeRole.CITY
        self.stats: dict[str, Any] | None = None

        title = QLabel(self.tr("Statistics"))
        title.setFont(scaled_font(title, 1.6, bold=True))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Year"), YEAR)
        self.mode.addItem(self.tr("Range of days"), RANGE)
        today = clock.today()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1949, 2100)
        self.year_spin.setValue(today.year)
        self.year_spin.setKeyboardTracking(False)
        self.start_edit = date_edit(date(today.year, 1, 1))
        self.end_edit = date_edit(today)
        self.range_label = QLabel(self.tr("to"))
        self.scope_combo = QComboBox()
        self.scope_combo.setMinimumContentsLength(16)
        self.excel_button = QPushButton(icon("save_copy"), self.tr("Export Excel…"))
        self.pdf_button = QPushButton(icon("save_copy"), self.tr("Export PDF…"))
        self.year_report_button = QPushButton(icon("save_copy"), self.tr("Draft year report…"))

        controls = QHBoxLayout()
        controls.addWidget(title)
        controls.addSpacing(16)
        controls.addWidget(self.mode)
        controls.addWidget(self.year_spin)
        controls.addWidget(self.start_edit)
        controls.addWidget(self.range_label)
        controls.addWidget(self.end_edit)
        controls.addWidget(self.scope_combo)
        controls.addStretch(1)
        controls.addWidget(self.excel_button)
        controls.addWidget(self.pdf_button)
        controls.addWidget(self.year_report_button)
        self.message = message_label()
        self.summary = QLabel()
        self.summary.setObjectName("mutedText")
        self.summary.setWordWrap(True)

        self.cards = {
            "meetings": FigureCard(self.tr("Consultation meetings")),
            "member_attendances": FigureCard(self.tr("Member attendances")),
            "topics": FigureCard(self.tr("Topics")),
            "problems_solved": FigureCard(self.tr("Problems solved")),
            "implementation_rate": FigureCard(self.tr("Implementation rate")),
            "escalations": FigureCard(self.tr("Proposals and public-opinion information")),
            "activities": FigureCard(self.tr("Other activities")),
            "cases_received": FigureCard(self.tr("Mediation and petition cases")),
        }
        card_grid = QGridLayout()
        card_grid.setSpacing(10)
        for index, card in enumerate(self.cards.values()):
            card_grid.addWidget(card, index // 4, index % 4)

        self.tables: dict[str, StatsTable] = {}
        self.charts: dict[str, StatsChart] = {}
        self.section_titles: dict[str, QLabel] = {}
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(8)
        column.addLayout(card_grid)
        for key, heading, charted in self._sections():
            label = QLabel(heading)
            label.setFont(scaled_font(label, 1.15, bold=True))
            self.section_titles[key] = label
            column.addSpacing(6)
            column.addWidget(label)
            table = self.tables[key] = StatsTable()
            chart = StatsChart() if charted else None
            if chart is not None:
                self.charts[key] = chart
            # A table of a few columns takes half the width, its chart (if any) the other
            # half; a wide one takes the whole width, with its chart under it.
            if key in WIDE_TABLES:
                column.addWidget(table)
                if chart is not None:
                    column.addLayout(beside(chart, None))
            else:
                column.addLayout(beside(table, chart))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)

        self._fill_scopes()
        self._show_mode()
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.year_spin.valueChanged.connect(self.refresh)
        self.start_edit.dateChanged.connect(self.refresh)
        self.end_edit.dateChanged.connect(self.refresh)
        self.scope_combo.currentIndexChanged.connect(self.refresh)
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.year_report_button.clicked.connect(self.draft_year_report)
        self.refresh()

    def _sections(self) -> list[tuple[str, str, bool]]:
        sections = [
            ("summary", self.tr("Main figures"), False),
            ("months", self.tr("Consultation meetings by month"), True),
            ("forms", self.tr("Meetings by form"), True),
            ("sources", self.tr("Topics by source"), True),
            ("outcome_states", self.tr("Outcomes by state"), True),
            ("outcome_results", self.tr("Outcomes by result"), False),
            ("escalations", self.tr("Proposals and public-opinion information"), False),
            ("activities", self.tr("Other activities by kind"), True),
            ("cases", self.tr("Mediation and petition cases"), False),
        ]
        if self.district:
            sections += [
                ("townships", self.tr("By township"), False),
                ("ranking", self.tr("Rooms ranked by meetings, then problems solved"), False),
                ("rooms", self.tr("By room"), False),
            ]
        return sections

    # --- choices ------------------------------------------------------------------------

    def _fill_scopes(self) -> None:
        self.scope_combo.clear()
        if not self.district:
            self.scope_combo.hide()
            return
        self.scope_combo.addItem(
            self.tr("Whole city") if self.city else self.tr("Whole district"), DISTRICT
        )
        for township in read_scope_choices(self._db):
            self.scope_combo.addItem(township.name, Scope.township(township.township_id))
            for room in township.rooms:
                # Indented under its township, with a full-width space (the names are Chinese).
                self.scope_combo.addItem(f"\u3000{room.name}", Scope.room(room.room_id))

    def _show_mode(self) -> None:
        by_year = self.mode.currentData() == YEAR
        self.year_spin.setVisible(by_year)
        for widget in (self.start_edit, self.range_label, self.end_edit):
            widget.setVisible(not by_year)

    def _on_mode_changed(self) -> None:
        self._show_mode()
        self.refresh()

    def period(self) -> Period:
        if self.mode.currentData() == YEAR:
            return Period.of_year(self.year_spin.value())
        return Period.between(to_date(self.start_edit), to_date(self.end_edit))

    def scope(self) -> Scope:
        data = self.scope_combo.currentData()
        return data if isinstance(data, Scope) else DISTRICT

    def choose_year(self, year: int) -> None:
        self.mode.setCurrentIndex(YEAR)
        self.year_spin.setValue(year)

    # --- figures ------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            stats = compute_stats(self._db, period=self.period(), scope=self.scope())
        except UserError as error:
            show_message(self.message, str(error))
            return
        show_message(self.message, "")
        self.stats = stats
        self.summary.setText(stats_title(stats))
        self._enable_year_report(stats)
        self._show_cards(stats)
        heads = self._heads(stats)
        for table in build_tables(stats):
            view = self.tables.get(table.key)
            if view is not None:
                view.set_table(table, self._headers(table, heads))
        self._show_charts(stats, heads)

    def _heads(self, stats: dict[str, Any]) -> tuple[str, str]:
        if stats["year"] is not None:
            return str(stats["year"]), str(stats["previous"]["year"])
        return self.tr("This period"), self.tr("A year earlier")

    def _show_cards(self, stats: dict[str, Any]) -> None:
        previous = stats["previous"]
        before = (
            self.tr("Year before: %1")
            if stats["year"] is not None
            else self.tr("A year earlier: %1")
        )

        def put(key: str, now: str, then: str) -> None:
            self.cards[key].value.setText(now)
            self.cards[key].before.setText(before.replace("%1", then))

        locale = self.locale()
        for key in (
            "meetings",
            "member_attendances",
            "topics",
            "problems_solved",
            "activities",
            "cases_received",
        ):
            put(key, locale.toString(stats[key]), locale.toString(previous[key]))
        put(
            "implementation_rate",
            format_rate(stats["implementation_rate"]),
            format_rate(previous["implementation_rate"]),
        )

        def escalated(figures: dict[str, Any]) -> str:
            return locale.toString(figures["proposals_sent"] + figures["social_info_sent"])

        put("escalations", escalated(stats), escalated(previous))

    def _headers(self, table: StatTable, heads: tuple[str, str]) -> list[str]:
        now, then = heads
        change = self.tr("Change")
        pair = {
            "summary": self.tr("Figure"),
            "months": self.tr("Month"),
            "forms": self.tr("Form"),
            "sources": self.tr("Source"),
            "outcome_states": self.tr("State"),
            "outcome_results": self.tr("Result"),
        }
        if table.key in pair:
            return [pair[table.key], now, then, change]
        if table.key == "escalations":
            sent, adopted = self.tr("Sent (%1)"), self.tr("Adopted (%1)")
            return [
                self.tr("Kind"),
                sent.replace("%1", now),
                adopted.replace("%1", now),
                sent.replace("%1", then),
                adopted.replace("%1", then),
            ]
        if table.key == "activities":
            held, members = self.tr("Held (%1)"), self.tr("Member attendances (%1)")
            return [
                self.tr("Activity kind"),
                held.replace("%1", now),
                members.replace("%1", now),
                held.replace("%1", then),
                members.replace("%1", then),
            ]
        if table.key == "cases":
            return [self.tr("Figure"), now, then]
        figures = [
            self.tr("Meetings"),
            self.tr("Member attendances"),
            self.tr("Other attendances"),
            self.tr("Topics"),
            self.tr("Outcomes"),
            self.tr("Carried out"),
            self.tr("Problems solved"),
            self.tr("Implementation rate"),
            self.tr("Proposals"),
            self.tr("Public-opinion information"),
            self.tr("Other activities"),
            self.tr("Cases"),
        ]
        if table.key == "townships":
            return [self.tr("Township"), self.tr("Rooms"), *figures]
        if table.key == "rooms":
            return [self.tr("Township"), self.tr("Room"), *figures]
        return [
            self.tr("Rank"),
            self.tr("Room"),
            self.tr("Township"),
            self.tr("Meetings"),
            self.tr("Problems solved"),
            self.tr("Member attendances"),
            self.tr("Topics"),
            self.tr("Outcomes"),
            self.tr("Carried out"),
        ]

    def _show_charts(self, stats: dict[str, Any], heads: tuple[str, str]) -> None:
        previous = stats["previous"]
        now, then = heads
        months = stats["meetings_by_month"]
        before = [m["meetings"] for m in previous["meetings_by_month"]]
        labels = [
            str(int(m["month"][5:])) if stats["year"] is not None else m["month"] for m in months
        ]
        self.charts["months"].show_bars(
            labels,
            [(now, [m["meetings"] for m in months]), (then, before[: len(months)])],
        )
        self.charts["forms"].show_pie(
            [(form.label, stats["meetings_by_form"][form.value]) for form in MeetingForm]
        )
        self.charts["sources"].show_pie(
            [(source.label, stats["topics_by_source"][source.value]) for source in TopicSource]
        )
        self.charts["outcome_states"].show_bars(
            [state.label for state in OutcomeStatus],
            [
                (now, [stats["outcomes_by_status"][s.value] for s in OutcomeStatus]),
                (then, [previous["outcomes_by_status"][s.value] for s in OutcomeStatus]),
            ],
        )
        names = {kind["code"]: kind["name"] for kind in stats["activity_kinds"]}
        codes = list(dict.fromkeys([*stats["activities_by_kind"], *previous["activities_by_kind"]]))

        def held(figures: dict[str, Any], code: str) -> int:
            entry = figures["activities_by_kind"].get(code)
            return int(entry["activities"]) if entry else 0

        self.charts["activities"].show_bars(
            [names.get(code, code) for code in codes],
            [
                (now, [held(stats, code) for code in codes]),
                (then, [held(previous, code) for code in codes]),
            ],
        )

    # --- exports ------------------------------------------------------------------------

    def ask_save_path(self, suggested: str, kind: str) -> Path | None:
        """Where an export goes (`kind` "xlsx", "pdf" or "docx"); the seam tests replace."""
        if kind == "xlsx":
            caption, filter_ = self.tr("Export to Excel"), self.tr("Excel workbook (*.xlsx)")
        elif kind == "docx":
            caption, filter_ = self.tr("Draft year report"), self.tr("Word document (*.docx)")
        else:
            caption, filter_ = self.tr("Export to PDF"), self.tr("PDF document (*.pdf)")
        name, _chosen = remember.save_file_name(self, caption, suggested, filter_)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == f".{kind}" else path.with_name(f"{path.name}.{kind}")

    def export_excel(self) -> Path | None:
        # openpyxl loads only when someone exports.
        from desktop.stats.excel import write_stats_workbook

        stats = self.stats
        if stats is None:
            return None
        return self._export("xlsx", lambda path: write_stats_workbook(stats, path))

    def export_pdf(self) -> Path | None:
        # reportlab loads only when someone exports.
        from desktop.documents.stats_report import render_stats_report

        stats, db = self.stats, self._db
        if stats is None:
            return None
        return self._export("pdf", lambda path: render_stats_report(db=db, stats=stats, path=path))

    def _enable_year_report(self, stats: dict[str, Any]) -> None:
        # The draft is a calendar year's summary set against the year before; a range of days
        # (unless it is exactly a year) would draft figures other than those on the page.
        by_year = stats["year"] is not None
        self.year_report_button.setEnabled(by_year)
        self.year_report_button.setToolTip(
            self.tr("Drafts the year's work summary as an editable Word file")
            if by_year
            else self.tr("The year report is drafted for a whole year: choose Year")
        )

    def draft_year_report(self) -> Path | None:
        # python-docx loads only when someone drafts.
        from desktop.documents.year_report import report_title, write_year_report

        stats, db, scope = self.stats, self._db, self.scope()
        if stats is None or stats["year"] is None:
            return None
        year = int(stats["year"])
        return self._export(
            "docx",
            lambda path: write_year_report(db, year=year, scope=scope, path=path),
            title=report_title(stats),
        )

    def _export(
        self, kind: str, write: Callable[[Path], Path], *, title: str | None = None
    ) -> Path | None:
        assert self.stats is not None
        name = safe_file_stem(title or stats_title(self.stats))
        path = self.ask_save_path(f"{name}.{kind}", kind)
        if path is None:
            return None

        def work(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> Path:
            # Written atomically: once started the file is written whole, cancel or not.
            return write(path)

        result = run_with_progress(
            work,
            parent=self,
            title=self.tr("Export"),
            label=self.tr("Writing %1…").replace("%1", path.name),
        )
        error = result.error
        if isinstance(error, UserError):
            show_message(self.message, str(error))
            return None
        if isinstance(error, OSError):
            show_message(
                self.message,
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
            )
            return None
        if error is not None:
            raise error
        if result.state is not TaskState.DONE:
            return None
        show_message(self.message, "")
        self.summary.setText(self.tr("Written to %1").replace("%1", str(result.value)))
        return Path(result.value)
