"""Enter moves on to the next field in the slip entry form, for fields without an Enter of
their own."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class EnterMovesOn(QObject):
    """Enter in a field without an Enter of its own (date, grid worker) moves to the next."""

    def __init__(self, parent: QObject, following: dict[QWidget, QWidget]) -> None:
        super().__init__(parent)
        self._following = following

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and (following := self._following.get(watched)) is not None  # type: ignore[call-overload]
        ):
            following.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False
