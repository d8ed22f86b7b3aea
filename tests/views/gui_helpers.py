"""Helpers for GUI tests: answer a modal window once it shows, type as an input method does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def when_shown(widget_type: type[QWidget], then: Callable[[Any], None]) -> None:
    """Once a visible top-level widget of the type appears, hand it to `then`.

    Modal dialogs block the test in their own event loop; this acts from inside it.
    """

    def poll(tries_left: int) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, widget_type) and widget.isVisible():
                then(widget)
                return
        # Bounded, so a poller whose widget never came cannot act in a later test.
        if tries_left:
            QTimer.singleShot(10, lambda: poll(tries_left - 1))

    QTimer.singleShot(0, lambda: poll(1000))


def type_text(edit: QLineEdit, text: str) -> None:
    """Type as a Chinese user does: the input method commits the composed text.

    (QTest's key clicks only know Latin-1 and abort on Chinese characters.)
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


@dataclass
class DiscardQuestion:
    """Stands in for the "discard what you typed?" box: counts the asks, gives a set answer."""

    answer: bool = True
    asked: int = 0

    def __call__(self, parent: QWidget | None) -> bool:
        self.asked += 1
        return self.answer
