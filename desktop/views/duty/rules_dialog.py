"""评价办法: the district's duty-scoring rules, one set per year — base score, grade bounds and
each kind of act's points, yearly cap and description; a new year starts as a copy.

The rules themselves (what may be stored, one set a year) are desktop.workflow.duty's.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.models.enums import DutyKind
from desktop.queries import Database
from desktop.queries.duty import RuleSetRow, rule_sets
from desktop.rules.duty import KindRule, Rules
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.icons import icon
from desktop.workflow.duty import (
    copy_rules_to_year,
    create_default_rules,
    delete_rules,
    points,
    save_rules,
)

KIND_COLUMN, POINTS_COLUMN, CAP_COLUMN, DESCRIPTION_COLUMN = range(4)


def decimal_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class RulesDialog(QDialog):
    """Pick a year's rules, edit them, save; copy them to a new year; remove them."""

    rules_changed = Signal()

    def __init__(self, db: Database, *, year: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._sets: list[RuleSetRow] = []
        self.setWindowTitle(self.tr("Duty scoring rules"))
        self.setMinimumSize(760, 640)

        self.year_combo = QComboBox()
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.copy_button = QPushButton(icon("new"), self.tr("Copy to a new year…"))
        self.default_button = QPushButton(self.tr("Default rules for a year…"))
        self.remove_button = QPushButton(icon("decline"), self.tr("Remove"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Rules of the year")))
        top.addWidget(self.year_combo, 1)
        for button in (self.copy_button, self.default_button, self.remove_button):
            top.addWidget(button)

        note = QLabel(
            self.tr(
                "A year is scored by its own rules, or by the latest earlier year's when it has "
                "none. A cap bounds what one member gets from a kind in a year (for a "
                "deduction, how much it can take off); leave it empty for no cap."
            )
        )
        note.setObjectName("mutedText")
        note.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.base_edit = QLineEdit()
        self.excellent_edit = QLineEdit()
        self.competent_edit = QLineEdit()
        self.basic_edit = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Base score"), self.base_edit)
        form.addRow(self.tr("Excellent from"), self.excellent_edit)
        form.addRow(self.tr("Competent from"), self.competent_edit)
        form.addRow(self.tr("Basic from (below: incompetent)"), self.basic_edit)

        self.table = QTableWidget(len(DutyKind), 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind of act"),
                self.tr("Points each"),
                self.tr("Cap a year"),
                self.tr("Description"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KIND_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(POINTS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CAP_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION_COLUMN, QHeaderView.ResizeMode.Stretch)
        for row, kind in enumerate(DutyKind):
            label = QTableWidgetItem(kind.label)
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setData(Qt.ItemDataRole.UserRole, kind.value)
            self.table.setItem(row, KIND_COLUMN, label)
            for column in (POINTS_COLUMN, CAP_COLUMN, DESCRIPTION_COLUMN):
                self.table.setItem(row, column, QTableWidgetItem(""))

        self.message = message_label()
        self.saved_label = QLabel()
        self.saved_label.setObjectName("mutedText")
        self.save_button = QPushButton(icon("save", color="#ffffff"), self.tr("Save"))
        self.save_button.setObjectName("primaryButton")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy_to_new_year)
        self.default_button.clicked.connect(self.add_default_rules)
        self.remove_button.clicked.connect(self.remove_current)
        self.reload(select_year=year)

    # --- loading ------------------------------------------------------------------------

    def reload(self, *, select_year: int | None = None) -> None:
        if select_year is None and (current := self.current()) is not None:
            select_year = current.year
        self._sets = rule_sets(self._db)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for rule_set in self._sets:
            self.year_combo.addItem(
                self.tr("%1 — %2")
                .replace("%1", str(rule_set.year))
                .replace("%2", rule_set.rules.name),
                rule_set.id,
            )
        index = next((i for i, s in enumerate(self._sets) if s.year == select_year), -1)
        if index < 0 and select_year is not None:
            # The set in force for that year: the latest earlier one.
            index = next((i for i, s in enumerate(self._sets) if s.year <= select_year), 0)
        self.year_combo.setCurrentIndex(max(index, 0) if self._sets else -1)
        self.year_combo.blockSignals(False)
        self._on_year_changed()

    def current(self) -> RuleSetRow | None:
        index = self.year_combo.currentIndex()
        return self._sets[index] if 0 <= index < len(self._sets) else None

    def _on_year_changed(self) -> None:
        show_message(self.message, "")
        self.saved_label.clear()
        rule_set = self.current()
        editable = rule_set is not None
        for widget in (
            self.name_edit,
            self.base_edit,
            self.excellent_edit,
            self.competent_edit,
            self.basic_edit,
            self.table,
            self.save_button,
            self.copy_button,
            self.remove_button,
        ):
            widget.setEnabled(editable)
        if rule_set is None:
            for edit in (
                self.name_edit,
                self.base_edit,
                self.excellent_edit,
                self.competent_edit,
                self.basic_edit,
            ):
                edit.clear()
            show_message(
                self.message,
                self.tr("No rules yet: start from the default rules for a year."),
            )
            return
        rules = rule_set.rules
        self.name_edit.setText(rules.name)
        self.base_edit.setText(decimal_text(rules.base))
        self.excellent_edit.setText(decimal_text(rules.excellent_min))
        self.competent_edit.setText(decimal_text(rules.competent_min))
        self.basic_edit.setText(decimal_text(rules.basic_min))
        for row, kind in enumerate(DutyKind):
            rule = rules.kinds.get(kind)
            self.cell(row, POINTS_COLUMN).setText(decimal_text(rule.points) if rule else "")
            self.cell(row, CAP_COLUMN).setText(decimal_text(rule.cap) if rule else "")
            self.cell(row, DESCRIPTION_COLUMN).setText(rule.description if rule else "")

    def cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def row_of(self, kind: DutyKind) -> int:
        return list(DutyKind).index(kind)

    # --- saving -------------------------------------------------------------------------

    def rules_from_form(self, year: int) -> Rules:
        """What the form says; a number that is not one is refused naming its field."""
        kinds: dict[DutyKind, KindRule] = {}
        for row, kind in enumerate(DutyKind):
            typed = self.cell(row, POINTS_COLUMN).text().strip()
            if not typed:
                continue  # no points: the kind does not count this year
            cap_text = self.cell(row, CAP_COLUMN).text().strip()
            kinds[kind] = KindRule(
                points=points(typed, f"“{kind.label}”的分值"),
                cap=points(cap_text, f"“{kind.label}”的上限") if cap_text else None,
                description=self.cell(row, DESCRIPTION_COLUMN).text().strip(),
            )
        return Rules(
            year=year,
            name=self.name_edit.text(),
            base=points(self.base_edit.text(), "基础分"),
            excellent_min=points(self.excellent_edit.text(), "“优秀”分数线"),
            competent_min=points(self.competent_edit.text(), "“称职”分数线"),
            basic_min=points(self.basic_edit.text(), "“基本称职”分数线"),
            kinds=kinds,
        )

    def save(self) -> bool:
        rule_set = self.current()
        if rule_set is None:
            return False
        show_message(self.message, "")
        try:
            save_rules(
                self._db,
                rule_set.id,
                self.rules_from_form(rule_set.year),
                expected_stamp=rule_set.stamp,
            )
        except UserError as error:
            show_message(self.message, str(error))
            return False
        self.reload(select_year=rule_set.year)
        self.saved_label.setText(self.tr("Saved; the year's scores follow the new rules."))
        self.rules_changed.emit()
        return True

    # --- years --------------------------------------------------------------------------

    def ask_year(self, title: str, suggested: int) -> int | None:
        """The year a new rule set is for (a seam tests replace)."""
        year, accepted = QInputDialog.getInt(self, title, self.tr("Year"), suggested, 2000, 2100, 1)
        return year if accepted else None

    def copy_to_new_year(self) -> bool:
        rule_set = self.current()
        if rule_set is None:
            return False
        newest = max(s.year for s in self._sets)
        year = self.ask_year(self.tr("Copy the rules to a new year"), newest + 1)
        if year is None:
            return False
        return self._run(lambda: copy_rules_to_year(self._db, rule_set.id, year=year), year)

    def add_default_rules(self) -> bool:
        year = self.ask_year(self.tr("Default rules for a year"), clock.today().year)
        if year is None:
            return False
        return self._run(lambda: create_default_rules(self._db, year), year)

    def confirm_remove(self, name: str) -> bool:
        """Yes/no before removing a year's rules (a seam tests replace)."""
        answer = QMessageBox.question(
            self,
            self.tr("Remove rules"),
            self.tr(
                "Remove “%1”? Its years are then scored by the latest earlier year's rules."
            ).replace("%1", name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_current(self) -> bool:
        rule_set = self.current()
        if rule_set is None or not self.confirm_remove(rule_set.rules.name):
            return False
        return self._run(lambda: delete_rules(self._db, rule_set.id), None)

    def _run(self, change: Callable[[], object], year: int | None) -> bool:
        show_message(self.message, "")
        try:
            change()
        except UserError as error:
            show_message(self.message, str(error))
            return False
        self.reload(select_year=year)
        self.rules_changed.emit()
        return True

    @classmethod
    def show_for(cls, parent: QWidget | None, db: Database, *, year: int) -> bool:
        """Open the editor on the rules of `year`; True when some rules were changed."""
        dialog = cls(db, year=year, parent=parent)
        changed: list[bool] = []
        dialog.rules_changed.connect(lambda: changed.append(True))
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        return bool(changed)
