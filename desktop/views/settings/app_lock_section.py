"""The settings page's app lock (应用锁): turn it on with a password, change it, turn it off."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import app_lock
from desktop.app_lock import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, lock_state
from desktop.errors import UserError
from desktop.queries import Database
from desktop.views.common.forms import (
    NOT_AN_INPUT,
    ApplyingDialog,
    message_label,
    show_message,
    with_message,
)
from desktop.views.common.icons import icon


class PasswordChange(enum.Enum):
    """What the password dialog does."""

    TURN_ON = "on"
    CHANGE = "change"
    TURN_OFF = "off"


def _password_field() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(260)
    # Closing the dialog never asks to keep a half-typed password: it is typed again in seconds.
    edit.setProperty(NOT_AN_INPUT, True)
    return edit


class AppLockPasswordDialog(ApplyingDialog):
    """Asks for the passwords a change needs; OK applies it, a refusal shows under its field."""

    def __init__(self, db: Database, change: PasswordChange, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._db = db
        self._change = change
        titles = {
            PasswordChange.TURN_ON: self.tr("Turn on the app lock"),
            PasswordChange.CHANGE: self.tr("Change the app lock password"),
            PasswordChange.TURN_OFF: self.tr("Turn off the app lock"),
        }
        self.setWindowTitle(titles[change])
        self.current_edit = _password_field()
        self.new_edit = _password_field()
        self.repeat_edit = _password_field()
        self.current_message = message_label()
        self.new_message = message_label()
        form = QFormLayout()
        if change is not PasswordChange.TURN_ON:
            form.addRow(
                self.tr("Current password"), with_message(self.current_edit, self.current_message)
            )
        if change is not PasswordChange.TURN_OFF:
            form.addRow(self.tr("New password"), with_message(self.new_edit, self.new_message))
            form.addRow(self.tr("New password again"), self.repeat_edit)
            note = QLabel(
                self.tr(
                    "At least %1 characters. Keep it safe: without it Yishi cannot be unlocked."
                ).replace("%1", str(app_lock.MIN_PASSWORD_LENGTH))
            )
            note.setObjectName("mutedText")
            note.setWordWrap(True)
            form.addRow(note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, db: Database, change: PasswordChange, parent: QWidget | None) -> bool:
        """Show the dialog; True once the change was made."""
        dialog = cls(db, change, parent)
        accepted = dialog.exec() == cls.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    def _apply(self) -> None:
        if self._change is PasswordChange.TURN_ON:
            app_lock.turn_on(
                self._db, password=self.new_edit.text(), repeat=self.repeat_edit.text()
            )
        elif self._change is PasswordChange.CHANGE:
            app_lock.change_password(
                self._db,
                current=self.current_edit.text(),
                new=self.new_edit.text(),
                repeat=self.repeat_edit.text(),
            )
        else:
            app_lock.turn_off(self._db, current=self.current_edit.text())

    def _message_for(self, error: UserError) -> QLabel:
        # The current password is checked first: any other refusal is about the new one.
        wrong_current = "当前密码" in str(error) or self._change is PasswordChange.TURN_OFF
        return self.current_message if wrong_current else self.new_message


class AppLockSection(QWidget):
    """Whether the lock is on, its buttons and its idle minutes; changes are saved at once."""

    # The lock's settings changed: the window reads them again.
    app_lock_changed = Signal()
    lock_now_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.turn_on_button = QPushButton(icon("lock"), self.tr("Turn on…"))
        self.change_button = QPushButton(self.tr("Change password…"))
        self.turn_off_button = QPushButton(self.tr("Turn off…"))
        self.lock_now_button = QPushButton(self.tr("Lock now"))
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(self.tr(" min"))
        self.idle_spin.setMinimumWidth(110)
        # Arrows save at once; typed digits on Enter or on leaving the field.
        self.idle_spin.setKeyboardTracking(False)
        self.message = message_label()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.turn_on_button,
            self.change_button,
            self.turn_off_button,
            self.lock_now_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        idle_row = QHBoxLayout()
        idle_row.setContentsMargins(0, 0, 0, 0)
        idle_row.addWidget(self.idle_spin)
        idle_row.addWidget(self._muted(self.tr("without keyboard or mouse input")), 1)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.addRow(self.tr("Lock after"), idle_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.state_label)
        layout.addLayout(buttons)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        self.turn_on_button.clicked.connect(lambda: self._on_password(PasswordChange.TURN_ON))
        self.change_button.clicked.connect(lambda: self._on_password(PasswordChange.CHANGE))
        self.turn_off_button.clicked.connect(lambda: self._on_password(PasswordChange.TURN_OFF))
        self.lock_now_button.clicked.connect(self.lock_now_requested)
        self.idle_spin.valueChanged.connect(self._on_idle_changed)
        self.load()

    @staticmethod
    def _muted(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("mutedText")
        label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        return label

    def load(self) -> None:
        state = lock_state(self._db)
        if state.enabled:
            self.state_label.setText(
                self.tr(
                    "On: Yishi asks for the password at start and after %1 minutes without input."
                ).replace("%1", str(state.idle_minutes))
            )
        else:
            self.state_label.setText(
                self.tr(
                    "Off. On a computer others use too, turn it on: Yishi then asks for a "
                    "password at start and after a while without input."
                )
            )
        self.turn_on_button.setVisible(not state.enabled)
        for button in (self.change_button, self.turn_off_button, self.lock_now_button):
            button.setVisible(state.enabled)
        self.idle_spin.blockSignals(True)
        self.idle_spin.setValue(state.idle_minutes)
        self.idle_spin.blockSignals(False)

    def _on_password(self, change: PasswordChange) -> None:
        show_message(self.message, "")
        if AppLockPasswordDialog.ask(self._db, change, self):
            self.load()
            self.app_lock_changed.emit()

    def _on_idle_changed(self) -> None:
        show_message(self.message, "")
        if self.idle_spin.value() == lock_state(self._db).idle_minutes:
            return
        try:
            app_lock.set_idle_minutes(self._db, self.idle_spin.value())
        except UserError as error:
            show_message(self.message, str(error))
            return
        self.load()
        self.app_lock_changed.emit()
