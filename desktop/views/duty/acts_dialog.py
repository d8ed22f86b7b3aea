"""区政协补录: acts the district office knows of and records itself (a proposal adopted, a
leader's 批示 on 社情民意 information), each with its evidence; listed by year, removable.

What may be recorded is desktop.workflow.duty's to say.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
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
from desktop.formatting import format_date
from desktop.models.enums import DutyKind
from desktop.queries import Database
from desktop.queries.duty import DistrictActRow, district_acts, member_choices
from desktop.views.common.forms import (
    date_edit,
    message_label,
    show_message,
    text_edit,
    to_date,
)
from desktop.views.common.icons import icon
from desktop.workflow.duty import delete_act, record_act

# What the district typically learns of first; every kind may be chosen.
FIRST_KINDS = (DutyKind.PROPOSAL_ACCEPTED, DutyKind.SOCIAL_INFO_ADOPTED)


class DistrictActsDialog(QDialog):
    """The year's acts the district recorded, and a form to record one more."""

    acts_changed = Signal()

    def __init__(self, db: Database, *, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._year = year
        self._rows: list[DistrictActRow] = []
        self.setWindowTitle(self.tr("Acts recorded by the district"))
        self.setMinimumSize(780, 620)

        self.headers = [
            self.tr("Date"),
            self.tr("Member"),
            self.tr("Kind of act"),
            self.tr("What"),
            self.tr("Evidence"),
            self.tr("Reference"),
        ]
        self.table = QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton(icon("decline"), self.tr("Remove"))
        self.remove_button.setEnabled(False)
        self.list_message = message_label()
        listed = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("mutedText")
        listed.addWidget(self.summary, 1)
        listed.addWidget(self.remove_button)

        self.member_combo = QComboBox()
        self.member_combo.setEditable(True)
        self.member_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for member in member_choices(db):
            text = f"{member.name}（{member.sector}）" if member.sector else member.name
            self.member_combo.addItem(text, member.id)
        self.member_combo.setCurrentIndex(-1)
        completer = self.member_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.kind_combo = QComboBox()
        for kind in (*FIRST_KINDS, *(k for k in DutyKind if k not in FIRST_KINDS)):
            self.kind_combo.addItem(kind.label, kind.value)
        today = clock.today()
        self.date_edit = date_edit(today if today.year == year else date(year, 12, 31))
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("e.g. the proposal on … was placed on file"))
        self.evidence_edit = text_edit(64)
        self.evidence_edit.setPlaceholderText(
            self.tr("Who decided and where it is written: a notice, a leader's instruction…")
        )
        self.reference_edit = QLineEdit()
        self.reference_edit.setMaxLength(100)
        self.reference_edit.setPlaceholderText(self.tr("Document number or attached file"))
        self.form_message = message_label()
        self.add_button = QPushButton(icon("new", color="#ffffff"), self.tr("Record act"))
        self.add_button.setObjectName("primaryButton")
        form = QFormLayout()
        form.addRow(self.tr("Member"), self.member_combo)
        form.addRow(self.tr("Kind of act"), self.kind_combo)
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow(self.tr("What"), self.title_edit)
        form.addRow(self.tr("Evidence"), self.evidence_edit)
        form.addRow(self.tr("Reference"), self.reference_edit)
        adding = QHBoxLayout()
        adding.addStretch(1)
        adding.addWidget(self.add_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(listed)
        layout.addWidget(self.list_message)
        heading = QLabel(self.tr("Record an act the district knows of"))
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.form_message)
        layout.addLayout(adding)
        layout.addWidget(close)

        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.add_button.clicked.connect(self.record)
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh()

    def refresh(self, *, select_id: str | None = None) -> None:
        self._rows = district_acts(self._db, year=self._year)
        self.table.setRowCount(len(self._rows))
        for row, act in enumerate(self._rows):
            values = [
                format_date(act.occurred_on),
                act.member_name,
                act.kind.label,
                act.title,
                act.evidence,
                act.reference,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, act.id)
                self.table.setItem(row, column, item)
            if act.id == select_id:
                self.table.selectRow(row)
        self.summary.setText(
            self.tr("%1 acts recorded by the district in %2")
            .replace("%1", str(len(self._rows)))
            .replace("%2", str(self._year))
        )
        self._on_selection_changed()

    def selected(self) -> DistrictActRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _on_selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected() is not None)

    def member_id(self) -> str | None:
        # The text typed must name a listed member exactly; a half-typed name is no one.
        index = self.member_combo.findText(self.member_combo.currentText())
        value = self.member_combo.itemData(index) if index >= 0 else None
        return value if isinstance(value, str) else None

    def record(self) -> str | None:
        show_message(self.form_message, "")
        member_id = self.member_id()
        if member_id is None:
            show_message(self.form_message, self.tr("Choose the member the act is credited to"))
            return None
        try:
            act_id = record_act(
                self._db,
                member_id=member_id,
                kind=DutyKind(self.kind_combo.currentData()),
                on=to_date(self.date_edit),
                title=self.title_edit.text(),
                evidence=self.evidence_edit.toPlainText(),
                reference=self.reference_edit.text(),
            )
        except UserError as error:
            show_message(self.form_message, str(error))
            return None
        self.title_edit.clear()
        self.evidence_edit.clear()
        self.reference_edit.clear()
        self.refresh(select_id=act_id)
        self.acts_changed.emit()
        return act_id

    def confirm_remove(self, act: DistrictActRow) -> bool:
        """Yes/no before an act stops counting (a seam tests replace)."""
        answer = QMessageBox.question(
            self,
            self.tr("Remove act"),
            self.tr("Remove “%1” of %2? It no longer counts in the scores.")
            .replace("%1", act.title)
            .replace("%2", act.member_name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_selected(self) -> bool:
        act = self.selected()
        if act is None or not self.confirm_remove(act):
            return False
        show_message(self.list_message, "")
        try:
            delete_act(self._db, act.id)
        except UserError as error:
            show_message(self.list_message, str(error))
            return False
        self.refresh()
        self.acts_changed.emit()
        return True

    @classmethod
    def show_for(cls, parent: QWidget | None, db: Database, *, year: int) -> bool:
        """Open the list of `year`; True when an act was recorded or removed."""
        dialog = cls(db, year=year, parent=parent)
        changed: list[bool] = []
        dialog.acts_changed.connect(lambda: changed.append(True))
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        return bool(changed)
