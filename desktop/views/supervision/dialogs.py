"""The supervision page's dialog: one 督办记录 (date, how, what came of it, by whom)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.drafts import DraftJournal
from desktop.errors import UserError
from desktop.models.enums import SupervisionMethod
from desktop.queries import Database
from desktop.queries.outcomes import OutcomeDetail
from desktop.queries.supervision import read_last_supervisor
from desktop.views.common.draft_keeper import DraftKeeper
from desktop.views.common.forms import date_edit, message_label, text_edit, to_date, with_message
from desktop.views.outcomes.dialogs import OutcomeActionDialog
from desktop.workflow import supervision as rules


class SupervisionDialog(OutcomeActionDialog):
    """Records how the district pressed the unit; it travels down to the outcome's room."""

    def __init__(
        self, db: Database, outcome: OutcomeDetail, *, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(db, outcome, today=today, parent=parent)
        self.setWindowTitle(self.tr("Record supervision"))
        self.about = QLabel(
            " · ".join(p for p in (outcome.room_name, outcome.responsible_unit) if p)
            + f"\n{outcome.content}"
        )
        self.about.setObjectName("mutedText")
        self.about.setWordWrap(True)
        self.date_edit = date_edit(today)
        self.method_combo = QComboBox()
        for method in SupervisionMethod:
            self.method_combo.addItem(method.label, method.value)
        self.result_edit = text_edit()
        self.result_edit.setObjectName("supervisionResult")
        self.result_edit.setPlaceholderText(self.tr("What the unit answered or has done"))
        self.result_message = message_label()
        self.by_edit = QLineEdit(read_last_supervisor(db))
        self.by_edit.setMaxLength(rules.SUPERVISOR_MAX)
        self.by_edit.setPlaceholderText(self.tr("Who supervised (name or office)"))
        self.by_message = message_label()
        self.form.addRow(self.about)
        self.form.addRow(self.tr("Date"), self.date_edit)
        self.form.addRow(self.tr("How"), self.method_combo)
        self.form.addRow(self.tr("Result"), with_message(self.result_edit, self.result_message))
        self.form.addRow(self.tr("By"), with_message(self.by_edit, self.by_message))
        # What is typed survives a power cut; this outcome's form opened again brings it back.
        self.draft_keeper = DraftKeeper(
            self,
            DraftJournal(db.home),
            key=f"outcome.supervision:{outcome.id}",
            title=f"{self.windowTitle()} · {outcome.content}",
            fields=("supervisionResult",),
        )
        self.result_edit.setFocus()

    def _apply(self) -> None:
        rules.record_action(
            self._db,
            self._outcome_id,
            on=to_date(self.date_edit),
            method=SupervisionMethod(self.method_combo.currentData()),
            result=self.result_edit.toPlainText(),
            supervised_by=self.by_edit.text(),
            today=self._today,
        )

    def _message_for(self, error: UserError) -> QLabel:
        text = str(error)
        if "督办人" in text:
            return self.by_message
        if "督办情况" in text:
            return self.result_message
        return self.general_message
