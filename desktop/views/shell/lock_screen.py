"""What covers a window while Yishi is locked: a password field and nothing of the data."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.views.common import theme
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.icons import icon

FIELD_WIDTH = 280


class LockScreen(QWidget):
    """The lock's face: the password is typed here; Enter or the button asks to unlock."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        # Opaque, so a window it covers (a dialog) shows nothing through it.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"#lockScreen {{ background: {theme.PAGE_BACKGROUND}; }}"
            f"#lockScreen QLabel {{ background: transparent; }}"
        )
        self.setAutoFillBackground(True)
        self._wait_timer = QTimer(self)
        self._wait_timer.setSingleShot(True)
        self._wait_timer.timeout.connect(self._on_wait_over)

        picture = QLabel()
        picture.setPixmap(icon("lock", color=theme.ACCENT).pixmap(32 if compact else 56))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel(self.tr("Yishi is locked"))
        self.title_label.setFont(scaled_font(self.title_label, 1.2 if compact else 1.8, bold=True))
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note_label = QLabel(self.tr("Enter the app lock password to go on."))
        self.note_label.setObjectName("mutedText")
        self.note_label.setWordWrap(True)
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.password_edit.setFixedWidth(FIELD_WIDTH)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("primaryButton")
        self.unlock_button.setFixedWidth(FIELD_WIDTH)
        self.message = message_label()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setFixedWidth(FIELD_WIDTH)

        layout = QVBoxLayout(self)
        margin = 12 if compact else 24
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(8 if compact else 12)
        layout.addStretch(1)
        if not compact:
            layout.addWidget(picture)
        layout.addWidget(self.title_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.password_edit, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.password_edit.returnPressed.connect(self._on_unlock)
        self.unlock_button.clicked.connect(self._on_unlock)

    def reset(self) -> None:
        """Empty, with no message, ready for typing."""
        self._wait_timer.stop()
        self._set_waiting(False)
        self.password_edit.clear()
        show_message(self.message, "")

    def focus_password(self) -> None:
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def refuse(self, *, wait_seconds: int) -> None:
        """A wrong password: say so, and after repeated ones make the next try wait."""
        self.password_edit.clear()
        if wait_seconds <= 0:
            show_message(self.message, self.tr("Wrong password. Try again."))
            self.focus_password()
            return
        show_message(
            self.message,
            self.tr("Wrong password. Try again in %1 seconds.").replace("%1", str(wait_seconds)),
        )
        self._set_waiting(True)
        self._wait_timer.start(wait_seconds * 1000)

    def waiting(self) -> bool:
        """True while a try is not allowed yet (after repeated wrong passwords)."""
        return self._wait_timer.isActive()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Every key stops here: Enter or Esc must never reach a dialog this screen covers.
        event.accept()

    def _set_waiting(self, waiting: bool) -> None:
        self.password_edit.setEnabled(not waiting)
        self.unlock_button.setEnabled(not waiting)

    def _on_wait_over(self) -> None:
        self._set_waiting(False)
        show_message(self.message, "")
        self.focus_password()

    def _on_unlock(self) -> None:
        if self.waiting():
            return
        self.unlock_requested.emit(self.password_edit.text())
