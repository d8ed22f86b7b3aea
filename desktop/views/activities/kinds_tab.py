"""活动类型: the district's list of activity kinds; edited in the district, read-only in a room.

The rules (a used kind is never removed) are desktop.workflow.activity_kinds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
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

from desktop.errors import UserError
from desktop.models.enums import DutyKind
from desktop.queries import Database
from desktop.views.common.forms import ApplyingDialog, message_label, show_message, with_message
from desktop.views.common.icons import icon
from desktop.workflow.activity_kinds import (
    KindRow,
    delete_kind,
    list_kinds,
    save_kind,
    save_new_kind,
)

# What taking part in an activity may count as (the other kinds come from meetings, topics,
# escalations and cases, or are the district's own).
ACTIVITY_DUTY_KINDS = (
    DutyKind.READING,
    DutyKind.RECEPTION,
    DutyKind.VISIT,
    DutyKind.INSPECTION,
    DutyKind.MEDIATION,
    DutyKind.SERVED_RESIDENTS,
    DutyKind.OTHER_ACTIVITY,
)


class KindDialog(ApplyingDialog):
    """A kind's name, whether it counts as an inspection (视察) and what taking part counts
    as in duty scoring (履职评价); OK saves it."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        name: str,
        inspection: bool,
        duty_kind: DutyKind,
        apply: Callable[[str, bool, DutyKind], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(title)
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(100)
        self.name_message = message_label()
        self.inspection_check = QCheckBox(self.tr("Counts as an inspection"))
        self.inspection_check.setChecked(inspection)
        self.duty_combo = QComboBox()
        for kind in ACTIVITY_DUTY_KINDS:
            self.duty_combo.addItem(kind.label, kind.value)
        self.duty_combo.setCurrentIndex(max(self.duty_combo.findData(duty_kind.value), 0))
        form = QFormLayout()
        form.addRow(self.tr("Name"), with_message(self.name_edit, self.name_message))
        form.addRow("", self.inspection_check)
        form.addRow(self.tr("Counts in duty scoring as"), self.duty_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.inspection_check.toggled.connect(self._on_inspection_toggled)
        self.duty_combo.currentIndexChanged.connect(self._on_duty_kind_changed)
        self.name_edit.setFocus()

    def duty_kind(self) -> DutyKind:
        return DutyKind(self.duty_combo.currentData())

    def _on_inspection_toggled(self, checked: bool) -> None:
        # The two say the same thing for an inspection; keep them agreeing.
        if checked and self.duty_kind() is not DutyKind.INSPECTION:
            self.duty_combo.setCurrentIndex(self.duty_combo.findData(DutyKind.INSPECTION.value))
        elif not checked and self.duty_kind() is DutyKind.INSPECTION:
            self.duty_combo.setCurrentIndex(self.duty_combo.findData(DutyKind.OTHER_ACTIVITY.value))

    def _on_duty_kind_changed(self) -> None:
        self.inspection_check.setChecked(self.duty_kind() is DutyKind.INSPECTION)

    def _apply(self) -> None:
        self._callback(self.name_edit.text(), self.inspection_check.isChecked(), self.duty_kind())

    def _message_for(self, error: UserError) -> QLabel:
        return self.name_message

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        name: str = "",
        inspection: bool = False,
        duty_kind: DutyKind = DutyKind.OTHER_ACTIVITY,
        apply: Callable[[str, bool, DutyKind], None],
    ) -> bool:
        """True once `apply` ran without a refusal; False when the user cancelled."""
        dialog = cls(
            parent,
            title=title,
            name=name,
            inspection=inspection,
            duty_kind=duty_kind,
            apply=apply,
        )
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


class KindsTab(QWidget):
    """The list of kinds with how many activities use each; `district` turns on editing."""

    kinds_changed = Signal()

    def __init__(self, db: Database, *, district: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._district = district
        self._rows: list[KindRow] = []
        note = QLabel(
            self.tr(
                "The district keeps this list and sends it to every room with its bundles. "
                "A kind some activity uses cannot be removed; it can be renamed."
            )
            if district
            else self.tr(
                "Activity kinds are set by the district CPPCC office and arrive with its "
                "bundles; they cannot be changed here."
            )
        )
        note.setObjectName("mutedText")
        note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Counts as an inspection"),
                self.tr("Activities"),
                self.tr("Duty scoring"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.message = message_label()
        self.new_button = QPushButton(icon("new", color="#ffffff"), self.tr("New kind…"))
        self.new_button.setObjectName("primaryButton")
        self.rename_button = QPushButton(icon("edit"), self.tr("Rename…"))
        self.remove_button = QPushButton(icon("decline"), self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Only a kind no activity uses can be removed"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.rename_button, self.remove_button, self.new_button):
            buttons.addWidget(button)
            button.setVisible(district)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.new_button.clicked.connect(lambda: self.new_kind())
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.table.itemActivated.connect(lambda _item: self.rename_selected())
        self.refresh()

    # Listing ---------------------------------------------------------------------------
    def refresh(self, *, select_id: str | None = None) -> None:
        select_id = select_id or self.selected_id()
        self._rows = list_kinds(self._db)
        self.table.setRowCount(len(self._rows))
        for row, kind in enumerate(self._rows):
            name = QTableWidgetItem(kind.name)
            name.setData(Qt.ItemDataRole.UserRole, kind.id)
            inspection = QTableWidgetItem(self.tr("Yes") if kind.counts_as_inspection else "")
            inspection.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            used = QTableWidgetItem(str(kind.used_by))
            used.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            duty = QTableWidgetItem(kind.duty_kind.label)
            for column, item in enumerate((name, inspection, used, duty)):
                self.table.setItem(row, column, item)
        if select_id is not None and (row := self.row_of(select_id)) >= 0:
            self.table.selectRow(row)
        self._on_selection_changed()

    def row_of(self, kind_id: str) -> int:
        return next((i for i, kind in enumerate(self._rows) if kind.id == kind_id), -1)

    def names(self) -> list[str]:
        return [kind.name for kind in self._rows]

    def selected(self) -> KindRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def selected_id(self) -> str | None:
        kind = self.selected()
        return None if kind is None else kind.id

    def _on_selection_changed(self) -> None:
        kind = self.selected()
        self.rename_button.setEnabled(kind is not None)
        self.remove_button.setEnabled(kind is not None)

    # Editing (district) ----------------------------------------------------------------
    def new_kind(self) -> str | None:
        if not self._district:
            return None
        saved: list[str] = []

        def apply(name: str, inspection: bool, duty_kind: DutyKind) -> None:
            saved.append(
                save_new_kind(self._db, name, counts_as_inspection=inspection, duty_kind=duty_kind)
            )

        if not KindDialog.ask(self, title=self.tr("New activity kind"), apply=apply):
            return None
        show_message(self.message, "")
        self._changed(saved[0])
        return saved[0]

    def rename_selected(self) -> bool:
        kind = self.selected()
        if not self._district or kind is None:
            return False
        done = KindDialog.ask(
            self,
            title=self.tr("Rename activity kind"),
            name=kind.name,
            inspection=kind.counts_as_inspection,
            duty_kind=kind.duty_kind,
            apply=lambda name, inspection, duty_kind: save_kind(
                self._db, kind.id, name, counts_as_inspection=inspection, duty_kind=duty_kind
            ),
        )
        if done:
            show_message(self.message, "")
            self._changed(kind.id)
        return done

    def remove_selected(self) -> bool:
        kind = self.selected()
        if not self._district or kind is None:
            return False
        # A used kind goes straight to the rules, which refuse and say why.
        if kind.used_by == 0 and not self._confirm_remove(kind.name):
            return False
        try:
            delete_kind(self._db, kind.id)
        except UserError as error:
            show_message(self.message, str(error))
            self.refresh(select_id=kind.id)
            return False
        show_message(self.message, "")
        self._changed(None)
        return True

    def _confirm_remove(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove activity kind"),
            self.tr(
                "Remove the activity kind “%1”? The rooms get the change with the next bundle."
            ).replace("%1", name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _changed(self, select_id: str | None) -> None:
        self.refresh(select_id=select_id)
        self.kinds_changed.emit()
