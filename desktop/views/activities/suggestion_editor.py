"""An activity's or a case's suggestions: those saved, and new ones queued to save with it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import format_date
from desktop.queries import activities as queries
from desktop.views.common.forms import date_edit, message_label, show_message, to_date, with_message
from desktop.views.common.icons import icon
from desktop.workflow import activities as rules
from desktop.workflow.activities import FieldRuleError, SuggestionData


class SuggestionEditor(QGroupBox):
    """Existing suggestions (read-only, followed up on the outcomes page) and new ones to add."""

    def __init__(
        self,
        existing: Sequence[queries.SuggestionRow],
        *,
        since_edit: QDateEdit,
        since_label: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Suggestions (followed up on the Outcomes page)"))
        # The record's own date field: suggestions may not be due before it.
        self._since_edit = since_edit
        self._since_label = since_label
        self.pending: list[SuggestionData] = []
        self.list = QListWidget()
        self.list.setMinimumHeight(70)
        for row in existing:
            deadline = format_date(row.deadline) or self.tr("no deadline")
            unit = row.responsible_unit or self.tr("no unit")
            self.list.addItem(f"{row.content} — {unit}，{deadline}（{row.status.label}）")
        self.content_edit = QLineEdit()
        self.content_edit.setPlaceholderText(self.tr("What should be done"))
        self.content_message = message_label()
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("e.g. the township's culture station"))
        self.deadline_check = QCheckBox(self.tr("Deadline"))
        self.deadline_edit = date_edit(today)
        self.deadline_edit.setEnabled(False)
        self.deadline_message = message_label()
        self.add_button = QPushButton(icon("new"), self.tr("Add suggestion"))
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_check)
        deadline_row.addWidget(self.deadline_edit, 1)
        deadline_row.addWidget(self.add_button)
        form = QFormLayout()
        form.addRow(self.tr("Suggestion"), with_message(self.content_edit, self.content_message))
        form.addRow(self.tr("Responsible unit"), self.unit_edit)
        deadline_box = QWidget()
        deadline_box.setLayout(deadline_row)
        deadline_row.setContentsMargins(0, 0, 0, 0)
        form.addRow("", with_message(deadline_box, self.deadline_message))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        self.deadline_check.toggled.connect(self.deadline_edit.setEnabled)
        self.add_button.clicked.connect(self._on_add)
        self.content_edit.returnPressed.connect(self.unit_edit.setFocus)
        self.unit_edit.returnPressed.connect(self._on_add)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.content_edit,
            self.unit_edit,
            self.deadline_check,
            self.deadline_edit,
            self.add_button,
        ):
            widget.setVisible(not read_only)
        for label in self.findChildren(QLabel):
            if label.objectName() != "validationMessage":
                label.setVisible(not read_only)

    def _on_add(self) -> None:
        show_message(self.content_message, "")
        show_message(self.deadline_message, "")
        data = SuggestionData(
            content=self.content_edit.text(),
            responsible_unit=self.unit_edit.text(),
            deadline=to_date(self.deadline_edit) if self.deadline_check.isChecked() else None,
        )
        try:
            clean = rules.validate_suggestion(
                data, since=to_date(self._since_edit), since_label=self._since_label
            )
        except FieldRuleError as error:
            target = self.deadline_message if error.field == "deadline" else self.content_message
            show_message(target, str(error))
            return
        self.pending.append(clean)
        deadline = format_date(clean.deadline) or self.tr("no deadline")
        unit = clean.responsible_unit or self.tr("no unit")
        self.list.addItem(
            f"{clean.content} — {unit}，{deadline}" + self.tr(" (new, saved with the record)")
        )
        self.content_edit.clear()
        self.unit_edit.clear()
        self.deadline_check.setChecked(False)
        self.content_edit.setFocus()
