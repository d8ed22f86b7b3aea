"""The template the activity and the case dialogs share: frame, members, suggestions, Save.

Save runs one unit of work: the record, who took part and the suggestions queued in the
dialog are written together or not at all; a refusal shows beside its field and the dialog
stays open with everything typed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.queries import Database
from desktop.queries.activities import RecordForm
from desktop.views.activities.member_picker import MemberPicker
from desktop.views.activities.suggestion_editor import SuggestionEditor
from desktop.views.common.forms import FormDialog, clear_messages, message_label, show_message
from desktop.workflow.activities import ActivityData, FieldRuleError
from desktop.workflow.cases import CaseData
from desktop.workflow.records import save_record


def enter_stays_local(dialog: QDialog, event: QKeyEvent, fields: tuple[QWidget, ...]) -> bool:
    """True when Enter belongs to a field of its own (tick a member, add a suggestion).

    QLineEdit passes Enter on to the dialog, which would press Save as well.
    """
    enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    if enter and dialog.focusWidget() in fields:
        event.accept()
        return True
    return False


class RecordDialog(FormDialog):
    """What the activity and the case dialogs share: the frame, members, suggestions and Save.

    Save writes the record, who took part and the queued suggestions in one unit of work.
    """

    suggestions: SuggestionEditor

    def __init__(
        self,
        db: Database,
        form: RecordForm[Any],
        *,
        today: date,
        read_only: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self._form = form
        self._record_id: str | None = form.record.id if form.record else None
        # The record's revision as loaded; saving refuses if someone changed it meanwhile.
        self._revision: int | None = form.record.revision if form.record else None
        # Another installation's record is shown, never changed, here.
        self.read_only = read_only or (form.record is not None and not form.record.owned)
        self.saved_id: str | None = None
        self.member_picker = MemberPicker(form.members)
        if form.record is not None:
            self.member_picker.set_selected(form.record.member_ids)
        self.members_message = message_label()
        self.general_message = message_label()

    def _title(self, *, new: str, view: str, edit: str) -> str:
        if self._record_id is None:
            return new
        return view if self.read_only else edit

    def _lay_out(
        self, form: QFormLayout, *, members_title: str, since_edit: QDateEdit, since_label: str
    ) -> None:
        """The form and suggestions on the left, the members on the right, Save beneath.

        Suggestions may not be due before `since_edit`, the record's own date.
        """
        self.suggestions = SuggestionEditor(
            self._form.suggestions,
            since_edit=since_edit,
            since_label=since_label,
            today=self._today,
        )
        members_box = QGroupBox(members_title)
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.member_picker, 1)
        members_layout.addWidget(self.members_message)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.suggestions, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 3)
        columns.addWidget(members_box, 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        self.resize(980, 640)
        # Ticking a member is an edit too; the list has no field of its own to watch.
        self.watch(self.member_picker.selection_changed)

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        local = (
            self.member_picker.filter_edit,
            self.suggestions.content_edit,
            self.suggestions.unit_edit,
        )
        if not enter_stays_local(self, event, local):
            super().keyPressEvent(event)

    def _make_read_only(self) -> None:
        self.save_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.member_picker.set_read_only(True)
        self.suggestions.set_read_only(True)

    def _message_for(self, field: str) -> QLabel:
        raise NotImplementedError

    def _data(self) -> ActivityData | CaseData:
        """The record as typed."""
        raise NotImplementedError

    def _on_save(self) -> None:
        if self.read_only:
            return
        clear_messages(self)
        if self._form.room_id is None:
            show_message(self.general_message, self.tr("This installation has no room."))
            return
        try:
            saved_id = save_record(
                self._db,
                self._data(),
                room_id=self._form.room_id,
                record_id=self._record_id,
                suggestions=self.suggestions.pending,
                today=self._today,
                expected_revision=self._revision,
            )
        except FieldRuleError as error:
            show_message(self._message_for(error.field), str(error))
            return
        except UserError as error:
            # A stale record or a busy database too: the message, and the dialog stays open
            # with everything typed.
            show_message(self.general_message, str(error))
            return
        self.saved_id = saved_id
        self.accept()

    def run(self) -> str | None:
        """Show the dialog; the saved record's id, or None when nothing was saved."""
        accepted = self.exec() == QDialog.DialogCode.Accepted
        saved = self.saved_id if accepted else None
        self.deleteLater()  # parented to the page: it would otherwise live as long as it
        return saved
