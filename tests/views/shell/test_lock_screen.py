"""The app lock in the window: turned on in 设置, locks when idle, hides the data until unlocked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from desktop import app_lock
from desktop.db import Database
from desktop.models import Setting
from desktop.views.settings.app_lock_section import AppLockPasswordDialog
from desktop.views.settings.page import SettingsPage
from desktop.views.shell import app_locker
from desktop.views.shell.lock_screen import LockScreen
from desktop.views.shell.main_window import MainWindow
from tests.views.gui_helpers import when_shown

PASSWORD = "yishi-2026"


def make_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _settings_page(window: MainWindow) -> SettingsPage:
    window.show_page([spec.key for spec in window.specs].index("settings"))
    page = window.pages.currentWidget()
    assert isinstance(page, SettingsPage)
    return page


def _data_hidden(window: MainWindow) -> bool:
    lock = window.app_lock
    return (
        lock.is_locked()
        and lock.screen.isVisible()
        and not window.pages.isVisible()
        and not window.sidebar.isVisible()
        and not window.statusBar().isVisible()
    )


def _type_and_enter(qtbot: QtBot, screen: LockScreen, text: str) -> None:
    qtbot.keyClicks(screen.password_edit, text)
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)


def test_turned_on_in_settings_it_locks_when_idle_and_opens_with_the_password(
    qtbot: QtBot, room_db: Database
) -> None:
    window = make_window(qtbot, room_db)
    assert not window.app_lock.is_enabled() and not window.app_lock.is_locked()
    page = _settings_page(window)
    section = page.app_lock_section
    assert section.turn_on_button.isVisible() and not section.change_button.isVisible()

    def fill(dialog: AppLockPasswordDialog) -> None:
        assert not dialog.current_edit.isVisible()  # nothing to confirm yet
        qtbot.keyClicks(dialog.new_edit, PASSWORD)
        qtbot.keyClicks(dialog.repeat_edit, PASSWORD)
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    when_shown(AppLockPasswordDialog, fill)
    qtbot.mouseClick(section.turn_on_button, Qt.MouseButton.LeftButton)

    with room_db.session() as s:
        stored = s.get(Setting, "app_lock.password_hash")
        assert stored is not None and PASSWORD not in stored.value
    assert window.app_lock.is_enabled() and not window.app_lock.is_locked()
    assert section.change_button.isVisible() and not section.turn_on_button.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # No input for the idle time: the lock screen covers the window.
    with qtbot.waitSignal(window.app_lock.locked, timeout=5000):
        window.app_lock.set_idle_interval_ms(200)
    assert _data_hidden(window)
    screen = window.app_lock.screen
    assert screen.password_edit.hasFocus()
    # The page shortcuts are off: Ctrl+1 does not switch to the dashboard behind the lock.
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "settings"

    _type_and_enter(qtbot, screen, "not-the-password")
    assert window.app_lock.is_locked()
    assert screen.message.isVisible() and screen.password_edit.text() == ""
    assert _data_hidden(window)

    with qtbot.waitSignal(window.app_lock.unlocked, timeout=2000):
        _type_and_enter(qtbot, screen, PASSWORD)
    assert window.pages.isVisible() and window.sidebar.isVisible()
    assert window.statusBar().isVisible() and not screen.isVisible()
    assert window.current_page_key() == "settings"
    qtbot.keyClick(window.pages, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "dashboard"


def test_it_is_locked_from_the_start_when_on(qtbot: QtBot, room_db: Database) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    window = make_window(qtbot, room_db)
    assert _data_hidden(window)
    with qtbot.waitSignal(window.app_lock.unlocked, timeout=2000):
        _type_and_enter(qtbot, window.app_lock.screen, PASSWORD)
    assert window.pages.isVisible()


def test_repeated_wrong_passwords_make_the_next_try_wait(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    window = make_window(qtbot, room_db)
    screen = window.app_lock.screen
    monkeypatch.setattr(
        app_locker, "failure_delay_seconds", lambda failures: 1 if failures >= 3 else 0
    )
    for _ in range(2):
        _type_and_enter(qtbot, screen, "wrong-one")
        assert screen.password_edit.isEnabled()
    _type_and_enter(qtbot, screen, "wrong-one")
    assert screen.waiting() and not screen.password_edit.isEnabled()
    assert not screen.unlock_button.isEnabled()
    qtbot.waitUntil(screen.password_edit.isEnabled, timeout=3000)
    with qtbot.waitSignal(window.app_lock.unlocked, timeout=2000):
        _type_and_enter(qtbot, screen, PASSWORD)


def test_an_open_dialog_is_covered_and_takes_the_password(qtbot: QtBot, room_db: Database) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    window = make_window(qtbot, room_db)
    _type_and_enter(qtbot, window.app_lock.screen, PASSWORD)
    assert not window.app_lock.is_locked()
    dialog = QDialog(window)
    field = QLineEdit("张三 13800000000")
    QVBoxLayout(dialog).addWidget(field)
    seen: dict[str, bool] = {}

    def while_open(shown: QDialog) -> None:
        window.app_lock.lock()
        cover = shown.findChild(LockScreen)
        assert cover is not None and cover.isVisible()
        seen["covered"] = cover.geometry() == shown.rect() and not field.isEnabled()
        # Enter on the cover is not the dialog's OK.
        qtbot.keyClick(cover.password_edit, Qt.Key.Key_Return)
        seen["still_open"] = shown.isVisible() and window.app_lock.is_locked()
        _type_and_enter(qtbot, cover, PASSWORD)
        seen["unlocked"] = not window.app_lock.is_locked() and field.isEnabled()
        seen["uncovered"] = not cover.isVisible()
        shown.accept()

    when_shown(QDialog, while_open)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert seen == {"covered": True, "still_open": True, "unlocked": True, "uncovered": True}


def test_idle_minutes_are_saved_and_turning_off_needs_the_password(
    qtbot: QtBot, room_db: Database
) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    window = make_window(qtbot, room_db)
    _type_and_enter(qtbot, window.app_lock.screen, PASSWORD)
    section = _settings_page(window).app_lock_section
    section.idle_spin.setValue(3)
    assert app_lock.lock_state(room_db).idle_minutes == 3
    assert window.app_lock.idle_interval_ms() == 3 * 60_000
    answers = iter(["wrong-password", PASSWORD])

    def fill(dialog: AppLockPasswordDialog) -> None:
        qtbot.keyClicks(dialog.current_edit, next(answers))
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        if dialog.isVisible():
            assert dialog.current_message.text() == "当前密码不正确"
            assert app_lock.lock_state(room_db).enabled
            dialog.current_edit.clear()
            fill(dialog)

    when_shown(AppLockPasswordDialog, fill)
    qtbot.mouseClick(section.turn_off_button, Qt.MouseButton.LeftButton)
    assert not app_lock.lock_state(room_db).enabled
    assert not window.app_lock.is_enabled()
    assert section.turn_on_button.isVisible()
