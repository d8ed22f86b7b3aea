"""履职评价 (district only): the year's members ranked by score with the breakdown by kind of
act; the rules editor, the acts the district records, Excel export and each member's 履职档案.

A room has no such page: it holds its own records only, so a member's year there would be a
part of it, and the rules come down from the district, which alone edits them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.models.enums import DutyKind
from desktop.queries import Database
from desktop.queries.duty import MemberScore, YearScores, number, score_year
from desktop.queries.roster_lists import township_choices
from desktop.views.common import remember
from desktop.views.common.background import TaskState, run_with_progress
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.icons import icon
from desktop.views.duty.acts_dialog import DistrictActsDialog
from desktop.views.duty.rules_dialog import RulesDialog
from desktop.workflow.duty import create_default_rules

# Columns before the kinds' (one per DutyKind, in its order).
RANK, NAME, SCORE, GRADE, ATTENDED = range(5)
FIRST_KIND = 5
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DutyPage(QWidget):
    """The year's scores; `refresh` scores again from the records (nothing is cached)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.scores: YearScores | None = None

        title = QLabel(self.tr("Duty scores"))
        title.setFont(scaled_font(title, 1.6, bold=True))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(clock.today().year)
        self.year_spin.setSuffix(self.tr(" (year)"))
        self.township_combo = QComboBox()
        self.township_combo.addItem(self.tr("All townships"), None)
        for township in township_choices(db):
            self.township_combo.addItem(township.name, township.id)
        self.rules_button = QPushButton(self.tr("Rules…"))
        self.acts_button = QPushButton(icon("new"), self.tr("District acts…"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.print_button = QPushButton(icon("print"), self.tr("Print duty file…"))
        self.print_button.setToolTip(self.tr("The selected member's duty file for the year"))
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.year_spin)
        heading.addWidget(self.township_combo)
        tools = QHBoxLayout()
        self.rules_label = QLabel()
        self.rules_label.setObjectName("mutedText")
        self.rules_label.setWordWrap(True)
        tools.addWidget(self.rules_label, 1)
        self.default_button = QPushButton(self.tr("Use the default rules"))
        self.default_button.setObjectName("primaryButton")
        for button in (
            self.default_button,
            self.rules_button,
            self.acts_button,
            self.export_button,
            self.print_button,
        ):
            tools.addWidget(button)
        self.message = message_label()

        self.kinds = list(DutyKind)
        self.headers = [
            self.tr("Rank"),
            self.tr("Name"),
            self.tr("Score"),
            self.tr("Grade"),
            self.tr("Attended"),
            *(kind.label for kind in self.kinds),
        ]
        self.table = QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeaderItem(ATTENDED).setToolTip(  # type: ignore[union-attr]
            self.tr(
                "Attendances at held meetings, as the statistics count them; the "
                "score counts those whose minutes are final"
            )
        )
        self.summary = QLabel()
        self.summary.setObjectName("mutedText")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(heading)
        layout.addLayout(tools)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self.year_spin.valueChanged.connect(self._on_scope_changed)
        self.township_combo.currentIndexChanged.connect(self._on_scope_changed)
        self.default_button.clicked.connect(self.use_default_rules)
        self.rules_button.clicked.connect(self.edit_rules)
        self.acts_button.clicked.connect(self.edit_acts)
        self.export_button.clicked.connect(self.export_excel)
        self.print_button.clicked.connect(self.print_member_file)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    # --- scores -------------------------------------------------------------------------

    def year(self) -> int:
        return self.year_spin.value()

    def refresh(self) -> None:
        """Score the year again from the records and the rules."""
        selected = self.selected_member()
        show_message(self.message, "")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.scores = score_year(
                self._db, self.year(), township=self.township_combo.currentData()
            )
        except UserError as error:
            self.scores = None
            show_message(self.message, str(error))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._fill(selected.member_id if selected else None)

    def _fill(self, keep: str | None) -> None:
        scores = self.scores
        members = scores.members if scores is not None else []
        self.table.setRowCount(len(members))
        for row, member in enumerate(members):
            values = [
                str(member.rank),
                member.name,
                str(number(member.score)),
                member.grade.label,
                str(member.attended),
            ]
            for kind in self.kinds:
                entry = member.breakdown[kind]
                values.append(f"{number(entry.capped)}（{entry.count}）" if entry.count else "")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, member.member_id)
                if column != NAME and column != GRADE:
                    item.setTextAlignment(RIGHT)
                if column >= FIRST_KIND:
                    entry = member.breakdown[self.kinds[column - FIRST_KIND]]
                    if entry.count:
                        item.setToolTip(
                            self.tr("%1 acts, %2 points, %3 counted")
                            .replace("%1", str(entry.count))
                            .replace("%2", str(number(entry.points)))
                            .replace("%3", str(number(entry.capped)))
                        )
                self.table.setItem(row, column, item)
            if member.member_id == keep:
                self.table.selectRow(row)
        if scores is None:
            self.rules_label.setText("")
            self.summary.setText("")
        else:
            rules = scores.rules
            self.rules_label.setText(
                self.tr(
                    "Scored by %1: base %2; excellent from %3, competent from %4, basic from %5"
                )
                .replace("%1", rules.name)
                .replace("%2", str(number(rules.base)))
                .replace("%3", str(number(rules.excellent_min)))
                .replace("%4", str(number(rules.competent_min)))
                .replace("%5", str(number(rules.basic_min)))
            )
            grades: dict[str, int] = {}
            for member in members:
                grades[member.grade.label] = grades.get(member.grade.label, 0) + 1
            self.summary.setText(
                self.tr("%1 members; %2")
                .replace("%1", str(len(members)))
                .replace("%2", ", ".join(f"{grade} {count}" for grade, count in grades.items()))
            )
        self.default_button.setVisible(scores is None)
        self._update_buttons()

    def selected_member(self) -> MemberScore | None:
        if self.scores is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), NAME)
        member_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((m for m in self.scores.members if m.member_id == member_id), None)

    def select_member(self, member_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == member_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        scored = self.scores is not None
        self.export_button.setEnabled(scored and bool(self.scores and self.scores.members))
        self.print_button.setEnabled(scored and self.selected_member() is not None)

    def _on_scope_changed(self) -> None:
        self.refresh()

    # --- rules and acts -----------------------------------------------------------------

    def use_default_rules(self) -> bool:
        """No rules yet (a district set up before scoring came): the default ones, this year."""
        try:
            create_default_rules(self._db, self.year())
        except UserError as error:
            show_message(self.message, str(error))
            return False
        self.refresh()
        return True

    def edit_rules(self) -> None:
        if RulesDialog.show_for(self, self._db, year=self.year()):
            self.refresh()

    def edit_acts(self) -> None:
        if DistrictActsDialog.show_for(self, self._db, year=self.year()):
            self.refresh()

    # --- output -------------------------------------------------------------------------

    def ask_save_path(self, suggested: str) -> Path | None:
        """Where the workbook goes (a seam tests replace)."""
        name, _filter = remember.save_file_name(
            self, self.tr("Export duty scores"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def export_excel(self) -> Path | None:
        if self.scores is None:
            return None
        # openpyxl loads only when someone exports.
        from desktop.documents.duty_scores import scores_title, write_scores_workbook

        scores = self.scores
        path = self.ask_save_path(f"{scores_title(scores)}.xlsx")
        if path is None:
            return None
        # Written atomically off the GUI thread: once started the file is written whole.
        result = run_with_progress(
            lambda _progress, _cancelled: write_scores_workbook(scores, path),
            parent=self,
            title=self.tr("Export duty scores"),
            label=self.tr("Writing %1…").replace("%1", path.name),
        )
        if isinstance(result.error, UserError):
            show_message(self.message, str(result.error))
            return None
        if isinstance(result.error, OSError):
            show_message(
                self.message,
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", result.error.strerror or str(result.error)),
            )
            return None
        if result.error is not None:
            raise result.error
        if result.state is not TaskState.DONE:
            return None
        written = Path(result.value)
        show_message(self.message, "")
        self.summary.setText(self.tr("Written to %1").replace("%1", str(written)))
        return written

    def print_member_file(self) -> bool:
        """Preview (and print) the selected member's 履职档案 of the year."""
        member = self.selected_member()
        if member is None:
            return False
        # reportlab loads only when someone prints.
        from desktop.documents.duty_record import file_title, render_member_file
        from desktop.views.common.document_preview import preview_document, safe_file_stem

        db, year, member_id = self._db, self.year(), member.member_id
        title = file_title(member.name, year)
        return preview_document(
            self,
            title=title,
            file_stem=safe_file_stem(title),
            render=lambda path: render_member_file(
                db=db, member_id=member_id, year=year, path=path
            ),
        )
