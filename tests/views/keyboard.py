"""Driving the GUI with the keyboard alone, as a user without a mouse does.

Keys go to the widget that has the focus, never to a widget picked by the test: a field the
keyboard cannot reach fails the test. Chinese text is typed through the input method
(gui_helpers.type_text), as on a real machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.views.gui_helpers import type_text

# More Tab presses than any page or dialog has stops: a widget never reached fails.
TAB_LIMIT = 120


def focused() -> QWidget:
    # A closed dialog hands the focus back to its window a moment later, as a user sees;
    # on a busy machine that moment can come after the test's next look.
    for _ in range(200):
        widget = QApplication.focusWidget()
        if widget is not None:
            return widget
        QTest.qWait(10)
    raise AssertionError("nothing has the keyboard focus")


def press(
    qtbot: QtBot,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    times: int = 1,
) -> None:
    """Press a key (with a modifier) where the focus is."""
    for _ in range(times):
        # A closed dialog hands the focus back to its window a moment later, as a user sees.
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        QTest.keyClick(focused(), key, modifier)


def type_here(text: str) -> None:
    """Type into the focused field."""
    type_text(focused(), text)  # type: ignore[arg-type]


def _reached(target: QWidget) -> bool:
    widget = QApplication.focusWidget()
    # An editable combo box's line edit has the focus on its behalf.
    return widget is target or (widget is not None and widget.focusProxy() is target)


def tab_to(qtbot: QtBot, target: QWidget, *, backwards: bool = False) -> int:
    """Press Tab (Shift+Tab) until the target has the focus; how many presses it took."""
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    for presses in range(TAB_LIMIT + 1):
        if _reached(target):
            return presses
        press(qtbot, key)
    raise AssertionError(
        f"Tab never reached {type(target).__name__} {target.objectName()!r}; "
        f"the focus is on {type(QApplication.focusWidget()).__name__}"
    )


def choose(qtbot: QtBot, combo: QComboBox, index: int) -> None:
    """Pick a combo box entry with the arrow keys (the combo box has the focus)."""
    assert _reached(combo), "the combo box needs the focus first"
    assert index >= 0, "no such entry"
    steps = index - combo.currentIndex()
    press(qtbot, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up, times=abs(steps))
    assert combo.currentIndex() == index


def wait_active(qtbot: QtBot, window: QWidget) -> None:
    """Wait until the window is the active one: only then do its shortcuts (Ctrl+S) work.

    The offscreen platform, like a real window manager, activates a shown window a moment
    later, through the event loop; `waitExposed` returns before that.
    """
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.window())


def activate_again(qtbot: QtBot, window: QWidget) -> None:
    """Do what a window manager does when a window on top of this one closes: activate it.

    The offscreen platform leaves no window active then, and keys would go nowhere.
    """
    window.activateWindow()
    wait_active(qtbot, window)


def when_active(widget_type: type[QWidget], then: Callable[[Any], None]) -> None:
    """Once a window of the type is shown and active with the focus inside, hand it to `then`.

    Modal dialogs block the test in their own event loop; this acts from inside it, only
    when a user could type into the dialog. Once the dialog closes, the window that opened
    it is active again (see `activate_again`).
    """
    owner = QApplication.activeWindow()

    def poll(tries_left: int) -> None:
        window = QApplication.activeWindow()
        focus = QApplication.focusWidget()
        if (
            isinstance(window, widget_type)
            and window.isVisible()
            and focus is not None
            and focus.window() is window
        ):
            if isinstance(window, QDialog) and owner is not None:
                window.finished.connect(lambda _result: owner.activateWindow())
            then(window)
            return
        # Bounded, so a poller whose window never came cannot act in a later test.
        if tries_left:
            QTimer.singleShot(10, lambda: poll(tries_left - 1))

    QTimer.singleShot(0, lambda: poll(1000))
