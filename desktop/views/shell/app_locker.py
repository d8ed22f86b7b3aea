"""The app lock at work: locks at start and after idle time, hides every window's data meanwhile.

Off by default (desktop.app_lock). While the lock is on, an application-wide event filter
restarts the idle timer on every key and mouse input; when it runs out, the main window's
central widget gives way to the lock screen, its shortcuts, menus, tool bars and status bar
are switched off, and every other window (an open dialog) is covered by a lock screen of its
own, so the password can be typed even where a modal dialog holds the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QStackedWidget,
    QStatusBar,
    QToolBar,
    QToolTip,
    QWidget,
)

from desktop.app_lock import failure_delay_seconds, lock_state, unlocks
from desktop.queries import Database
from desktop.views.shell.lock_screen import LockScreen

# What counts as someone at the computer.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.InputMethod,
    }
)
# Windows that are no one's data: they are closed or left alone, never covered.
_TRANSIENT = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


@dataclass
class _Switched:
    """What locking switched off in one window, to switch back on exactly that."""

    widgets: list[QWidget] = field(default_factory=list)
    hidden: list[QWidget] = field(default_factory=list)
    shortcuts: list[QShortcut] = field(default_factory=list)
    actions: list[QAction] = field(default_factory=list)
    screen: LockScreen | None = None
    size: QSize | None = None


class AppLocker(QObject):
    """Puts the main window's content behind a LockScreen and takes it away with the password."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, db: Database) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._enabled = False
        self._is_locked = False
        self._failures = 0
        self._filtering = False
        # Tests shorten the idle time; None: the stored minutes.
        self._idle_ms_override: int | None = None
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.lock)
        self._switched: dict[QWidget, _Switched] = {}

        self.screen = LockScreen()
        self.screen.unlock_requested.connect(self.try_unlock)
        content = window.takeCentralWidget()
        self._content = content if content is not None else QWidget()
        self._stack = QStackedWidget()
        self._stack.setObjectName("lockStack")
        self._stack.addWidget(self._content)
        self._stack.addWidget(self.screen)
        window.setCentralWidget(self._stack)
        self.reload()
        if self._enabled:
            self.lock()

    # Public -------------------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self._is_locked

    def is_enabled(self) -> bool:
        return self._enabled

    def idle_interval_ms(self) -> int:
        return self._idle_timer.interval()

    def reload(self) -> None:
        """Read the lock's settings again (after the settings page changed them)."""
        state = lock_state(self._db)
        self._enabled = state.enabled
        self._idle_timer.setInterval(self._idle_ms_override or state.idle_minutes * 60_000)
        self._watch(self._enabled)
        if self._enabled and not self._is_locked:
            self._idle_timer.start()
        elif not self._enabled:
            self._idle_timer.stop()

    def set_idle_interval_ms(self, milliseconds: int) -> None:
        """Lock after this many milliseconds without input (tests), instead of the minutes."""
        self._idle_ms_override = milliseconds
        self.reload()

    def lock(self) -> None:
        """Hide every window's data behind the lock screen; a no-op while the lock is off."""
        if not self._enabled or self._is_locked:
            return
        self._is_locked = True
        self._idle_timer.stop()
        self._failures = 0
        QToolTip.hideText()
        self._close_popups()
        self.screen.reset()
        self._lock_main_window()
        for widget in QApplication.topLevelWidgets():
            if self._coverable(widget):
                self._cover(widget)
        self._focus_a_password_field()
        self.locked.emit()

    def try_unlock(self, password: str) -> bool:
        """Unlock with the password; a wrong one is refused, after repeated ones with a wait."""
        if not self._is_locked:
            return True
        if not unlocks(self._db, password):
            self._failures += 1
            wait = failure_delay_seconds(self._failures)
            for screen in self._screens():
                screen.refuse(wait_seconds=wait)
            return False
        self._unlock()
        return True

    # Locking and unlocking ----------------------------------------------------------------
    def _unlock(self) -> None:
        self._is_locked = False
        self._failures = 0
        for widget in list(self._switched):
            self._uncover(widget)
        self.screen.reset()
        self._stack.setCurrentWidget(self._content)
        self._content.setEnabled(True)
        self._idle_timer.start()
        self.unlocked.emit()

    def _lock_main_window(self) -> None:
        window = self._window
        switched = _Switched()
        self._content.setEnabled(False)
        self._stack.setCurrentWidget(self.screen)
        # Shortcuts and actions on the window itself still fire with the content hidden.
        switched.shortcuts = [s for s in window.findChildren(QShortcut) if s.isEnabled()]
        switched.actions = [a for a in window.actions() if a.isEnabled()]
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        bars: list[QWidget] = [
            *window.findChildren(QToolBar, options=direct),
            *window.findChildren(QDockWidget, options=direct),
            *window.findChildren(QStatusBar, options=direct),
        ]
        if (menu := window.menuWidget()) is not None:
            bars.append(menu)
        # Not isVisible(): at start the window itself is not shown yet.
        switched.hidden = [bar for bar in bars if not bar.isHidden()]
        self._switch_off(switched)
        self._switched[window] = switched

    def _cover(self, widget: QWidget) -> None:
        """Lay a lock screen over another window (a dialog) and switch its content off."""
        switched = _Switched()
        children = widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        switched.widgets = [c for c in children if not c.isWindow() and c.isEnabled()]
        switched.shortcuts = [s for s in widget.findChildren(QShortcut) if s.isEnabled()]
        switched.actions = [a for a in widget.actions() if a.isEnabled()]
        screen = LockScreen(widget, compact=True)
        screen.unlock_requested.connect(self.try_unlock)
        needed = screen.minimumSizeHint()
        if widget.width() < needed.width() or widget.height() < needed.height():
            switched.size = widget.size()
            widget.resize(widget.size().expandedTo(needed))
        screen.setGeometry(widget.rect())
        screen.show()
        screen.raise_()
        switched.screen = screen
        self._switch_off(switched)
        self._switched[widget] = switched

    def _uncover(self, widget: QWidget) -> None:
        switched = self._switched.pop(widget)
        if not shiboken6.isValid(widget):
            return  # closed and deleted while locked
        for child in switched.widgets:
            if shiboken6.isValid(child):
                child.setEnabled(True)
        for bar in switched.hidden:
            if shiboken6.isValid(bar):
                bar.show()
        for shortcut in switched.shortcuts:
            if shiboken6.isValid(shortcut):
                shortcut.setEnabled(True)
        for action in switched.actions:
            if shiboken6.isValid(action):
                action.setEnabled(True)
        if switched.screen is not None and shiboken6.isValid(switched.screen):
            switched.screen.hide()
            switched.screen.deleteLater()
        if switched.size is not None:
            widget.resize(switched.size)

    @staticmethod
    def _switch_off(switched: _Switched) -> None:
        for child in switched.widgets:
            child.setEnabled(False)
        for bar in switched.hidden:
            bar.hide()
        for shortcut in switched.shortcuts:
            shortcut.setEnabled(False)
        for action in switched.actions:
            action.setEnabled(False)

    def _screens(self) -> list[LockScreen]:
        covers = [s.screen for s in self._switched.values() if s.screen is not None]
        return [self.screen, *[s for s in covers if shiboken6.isValid(s)]]

    def _coverable(self, widget: QWidget) -> bool:
        # A closed main window guards nothing (a test's window waiting to be deleted).
        if self._window.isHidden():
            return False
        if widget is self._window or widget in self._switched or not widget.isVisible():
            return False
        if not widget.isWindow() or isinstance(widget, LockScreen):
            return False
        return widget.windowType() not in _TRANSIENT

    def _focus_a_password_field(self) -> None:
        # Input goes to the modal dialog on top, if there is one: its cover takes the password.
        modal = QApplication.activeModalWidget()
        switched = self._switched.get(modal) if modal is not None else None
        if switched is not None and switched.screen is not None:
            switched.screen.focus_password()
        else:
            self.screen.focus_password()

    @staticmethod
    def _close_popups() -> None:
        for _ in range(10):  # a menu's open submenus, a combo box's list: a few at most
            popup = QApplication.activePopupWidget()
            if popup is None:
                return
            popup.close()

    # Watching input -----------------------------------------------------------------------
    def _watch(self, on: bool) -> None:
        # Only while the lock is on: with it off (the default) no event passes through here.
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window being destroyed (its children, this filter, go last) or closed: nothing
        # to guard.
        if not shiboken6.isValid(self._window) or self._window.isHidden():
            return False
        kind = event.type()
        if not self._is_locked:
            if kind in _INPUT_EVENTS:
                self._idle_timer.start()
            return False
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            # A window opened while locked (a finished import's message box) is covered at once.
            if self._coverable(watched):
                self._cover(watched)
                self._focus_a_password_field()
        elif kind == QEvent.Type.Resize and isinstance(watched, QWidget):
            switched = self._switched.get(watched)
            if switched is not None and switched.screen is not None:
                switched.screen.setGeometry(watched.rect())
        return False
