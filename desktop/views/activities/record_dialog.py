"""The template the activity and the case dialogs share: frame, members, suggestions, Save.

Save runs one unit of work: the record, who took part and the suggestions queued in the
dialog are written together or not at all; a refusal shows beside its field and the dialog
stays open with everything typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import UserError
from desktop.models.stamping import OwnershipError
from desktop.views.activities.member_picker import MemberPicker
from desktop.views.activities.suggestion_editor import SuggestionEditor
from desktop.views.common.forms import FormDialog, clear_messages, show_message
from desktop.workflow.activities import FieldRuleError


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

    read_only: bool
    member_picker: MemberPicker
    suggestions: SuggestionEditor
    members_message: QLabel
    general_message: QLabel

    def __init__(self, db: Database, *, today: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        installation = db.installation()
        self._node_id = installation.node_id if installation else ""
        self._own_room_id = installation.room_id if installation else None
        self._room_id: str | None = None
        self.saved_id: str | None = None

    def _members_box(self, title: str) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(self.member_picker, 1)
        layout.addWidget(self.members_message)
        return box

    def _lay_out(self, form: QFormLayout, members_box: QGroupBox) -> None:
        """The form and suggestions on the left, the members on the right, Save beneath."""
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

    def _write(self, session: Session, room_id: str) -> str:
        """Save the record and its pending suggestions; the record's id."""
        raise NotImplementedError

    def _foreign_message(self) -> str:
        """What to say when the record belongs to another installation."""
        raise NotImplementedError

    def _on_save(self) -> None:
        if self.read_only:
            return
        clear_messages(self)
        if self._room_id is None:
            show_message(self.general_message, self.tr("This installation has no room."))
            return
        try:
            with self._db.session() as session:
                saved_id = self._write(session, self._room_id)
        except FieldRuleError as error:
            show_message(self._message_for(error.field), str(error))
            return
        except UserError as error:
            show_message(self.general_message, str(error))
            return
        except OwnershipError:
            show_message(self.general_message, self._foreign_message())
            return
        self.saved_id = saved_id
        self.accept()

    def run(self) -> str | None:
        """Show the dialog; the saved record's id, or None when nothing was saved."""
        accepted = self.exec() == QDialog.DialogCode.Accepted
        saved = self.saved_id if accepted else None
        self.deleteLater()  # parented to the page: it would otherwise live as long as it
        return saved
