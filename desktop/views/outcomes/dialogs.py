"""The outcome page's dialogs: progress note, complete, not possible, feedback, escalate.

Each runs one change of `desktop.workflow.outcomes` (one unit of work) when the user saves; a
refusal is shown beside the field it concerns and the dialog stays open, so nothing is
half-saved and nothing typed is lost.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.drafts import DraftJournal
from desktop.errors import DatabaseBusyError, UserError
from desktop.models.enums import EscalationKind, ResultClass, Satisfaction
from desktop.queries import Database
from desktop.queries.outcomes import OutcomeDetail
from desktop.views.common.draft_keeper import DraftKeeper
from desktop.views.common.forms import (
    FormDialog,
    clear_messages,
    date_edit,
    message_label,
    show_message,
    text_edit,
    to_date,
    to_qdate,
    with_message,
)
from desktop.workflow import outcomes as rules
from desktop.workflow.stale import StaleEditError


class OutcomeActionDialog(FormDialog):
    """Save runs `_apply` on the outcome; a refusal keeps the dialog open."""

    def __init__(
        self, db: Database, outcome: OutcomeDetail, *, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._outcome_id = outcome.id
        # The outcome's revision as shown; saving refuses if someone changed it meanwhile.
        self._revision = outcome.revision
        self._today = today
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.general_message = message_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _apply(self) -> None:
        raise NotImplementedError

    def _message_for(self, error: UserError) -> QLabel:
        return self.general_message

    def _on_save(self) -> None:
        clear_messages(self)
        try:
            self._apply()
        except rules.NotOwnedError:
            show_message(
                self.general_message,
                self.tr("This outcome belongs to a consultation room; it can only change there."),
            )
            return
        except (StaleEditError, DatabaseBusyError) as error:
            # About the whole outcome, not a field; what was typed stays in the dialog.
            show_message(self.general_message, str(error))
            return
        except UserError as error:
            show_message(self._message_for(error), str(error))
            return
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, db: Database, outcome: OutcomeDetail, *, today: date
    ) -> bool:
        """Show the dialog; True when the change was saved."""
        dialog = cls(db, outcome, today=today, parent=parent)
        return dialog.exec() == QDialog.DialogCode.Accepted


class ProgressDialog(OutcomeActionDialog):
    """A dated note on the outcome's timeline (办理进展)."""

    def __init__(
        self, db: Database, outcome: OutcomeDetail, *, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(db, outcome, today=today, parent=parent)
        self.setWindowTitle(self.tr("Add progress"))
        self.date_edit = date_edit(today)
        self.text_edit = text_edit()
        self.text_edit.setPlaceholderText(self.tr("What the responsible unit has done"))
        self.text_message = message_label()
        self.form.addRow(self.tr("Date"), self.date_edit)
        self.form.addRow(self.tr("Progress"), with_message(self.text_edit, self.text_message))
        self.text_edit.setObjectName("progressText")
        # What is typed survives a power cut; this outcome's form opened again brings it back.
        self.draft_keeper = DraftKeeper(
            self,
            DraftJournal(db.home),
            key=f"outcome.progress:{outcome.id}",
            title=f"{self.windowTitle()} · {outcome.content}",
            fields=("progressText",),
        )
        self.text_edit.setFocus()

    def _apply(self) -> None:
        rules.note_progress(
            self._db,
            self._outcome_id,
            on=to_date(self.date_edit),
            text=self.text_edit.toPlainText(),
            expected_revision=self._revision,
        )

    def _message_for(self, error: UserError) -> QLabel:
        return self.text_message


class CompleteDialog(OutcomeActionDialog):
    """已办结, with the result class A/B/C/D."""

    def __init__(
        self, db: Database, outcome: OutcomeDetail, *, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(db, outcome, today=today, parent=parent)
        self.setWindowTitle(self.tr("Complete the outcome"))
        self.date_edit = date_edit(today)
        self.class_combo = QComboBox()
        for result_class in ResultClass:
            self.class_combo.addItem(result_class.label, result_class.value)
        self.class_message = message_label()
        self.form.addRow(self.tr("Completed on"), self.date_edit)
        self.form.addRow(
            self.tr("Result class"), with_message(self.class_combo, self.class_message)
        )

    def _apply(self) -> None:
        # Qt hands StrEnum data back as plain str.
        result_class = ResultClass(self.class_combo.currentData())
        rules.complete_outcome(
            self._db,
            self._outcome_id,
            on=to_date(self.date_edit),
            result_class=result_class,
            expected_revision=self._revision,
        )

    def _message_for(self, error: UserError) -> QLabel:
        return self.class_message


class NotPossibleDialog(OutcomeActionDialog):
    """未能办理, with the reason residents will be told."""

    def __init__(
        self, db: Database, outcome: OutcomeDetail, *, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(db, outcome, today=today, parent=parent)
        self.setWindowTitle(self.tr("Cannot be carried out"))
        self.reason_edit = text_edit()
        self.reason_edit.setPlaceholderText(self.tr("Why the unit cannot carry it out"))
        self.reason_message = message_label()
        self.form.addRow(self.tr("Reason"), with_message(self.reason_edit, self.reason_message))
        self.reason_edit.setObjectName("notPossibleReason")
        self.draft_keeper = DraftKeeper(
            self,
            DraftJournal(db.home),
            key=f"outcome.not_possible:{outcome.id}",
            title=f"{self.windowTitle()} · {outcome.content}",
            fields=("notPossibleReason",),
        )
        self.reason_edit.setFocus()

    def _apply(self) -> None:
        rules.report_not_possible(
            self._db,
            self._outcome_id,
            reason=self.reason_edit.toPlainText(),
            expected_revision=self._revision,
        )

    def _message_for(self, error: UserError) -> QLabel:
        return self.reason_message


class FeedbackDialog(OutcomeActionDialog):
    """Feedback to residents (反馈) and, once they answered, their satisfaction."""

    def __init__(
        self, db: Database, outcome: OutcomeDetail, *, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(db, outcome, today=today, parent=parent)
        self.setWindowTitle(self.tr("Feedback to residents"))
        self.date_edit = date_edit(today)
        self.text_edit = text_edit()
        self.text_edit.setPlaceholderText(self.tr("What residents were told, and how"))
        self.text_message = message_label()
        self.satisfaction_combo = QComboBox()
        self.satisfaction_combo.addItem(self.tr("Not answered yet"), None)
        for satisfaction in Satisfaction:
            self.satisfaction_combo.addItem(satisfaction.label, satisfaction.value)
        self.form.addRow(self.tr("Fed back on"), self.date_edit)
        self.form.addRow(self.tr("Feedback"), with_message(self.text_edit, self.text_message))
        self.form.addRow(self.tr("Satisfaction"), self.satisfaction_combo)
        if outcome.feedback:
            # Recording the residents' answer later keeps the text written before.
            self.text_edit.setPlainText(outcome.feedback)
            if outcome.fed_back_on is not None:
                self.date_edit.setDate(to_qdate(outcome.fed_back_on))
            index = self.satisfaction_combo.findData(
                outcome.satisfaction.value if outcome.satisfaction else None
            )
            self.satisfaction_combo.setCurrentIndex(max(index, 0))
        self.text_edit.setObjectName("feedbackText")
        # Put after the stored feedback, so text typed and lost last time wins over it.
        self.draft_keeper = DraftKeeper(
            self,
            DraftJournal(db.home),
            key=f"outcome.feedback:{outcome.id}",
            title=f"{self.windowTitle()} · {outcome.content}",
            fields=("feedbackText",),
        )
        self.text_edit.setFocus()

    def _apply(self) -> None:
        data = self.satisfaction_combo.currentData()
        satisfaction = Satisfaction(data) if data else None
        rules.give_feedback(
            self._db,
            self._outcome_id,
            on=to_date(self.date_edit),
            text=self.text_edit.toPlainText(),
            satisfaction=satisfaction,
            expected_revision=self._revision,
        )

    def _message_for(self, error: UserError) -> QLabel:
        return self.text_message


class EscalateDialog(OutcomeActionDialog):
    """转报: upward as a CPPCC proposal or as public-opinion information, with its number."""

    def __init__(
        self, db: Database, outcome: OutcomeDetail, *, today: date, parent: QWidget | None
    ) -> None:
        super().__init__(db, outcome, today=today, parent=parent)
        self.setWindowTitle(self.tr("Escalate"))
        self.kind_combo = QComboBox()
        for kind in EscalationKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.reference_edit = QLineEdit()
        self.reference_edit.setMaxLength(50)
        self.reference_edit.setPlaceholderText(self.tr("e.g. proposal No. 15 of 2026"))
        self.reference_message = message_label()
        self.date_edit = date_edit(today)
        self.form.addRow(self.tr("As"), self.kind_combo)
        self.form.addRow(
            self.tr("Reference number"), with_message(self.reference_edit, self.reference_message)
        )
        self.form.addRow(self.tr("Escalated on"), self.date_edit)
        self.reference_edit.returnPressed.connect(self._on_save)

    def _apply(self) -> None:
        kind = EscalationKind(self.kind_combo.currentData())
        rules.escalate_outcome(
            self._db,
            self._outcome_id,
            kind=kind,
            reference=self.reference_edit.text(),
            on=to_date(self.date_edit),
            expected_revision=self._revision,
        )

    def _message_for(self, error: UserError) -> QLabel:
        return self.reference_message
