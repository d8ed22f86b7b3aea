"""Ctrl+F in a city office's window opens no search: its pages hold no records to open, so
the status bar says why instead; a district's window searches as before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.setup import setup_city
from desktop.sync.identity import init_district_keys
from desktop.views.shell.main_window import MainWindow
from tests.views.keyboard import wait_active

CTRL = Qt.KeyboardModifier.ControlModifier


def make_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_active(qtbot, window)
    return window


def test_ctrl_f_in_a_city_says_why_there_is_no_search(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    setup_city(db, name="南通市政协")
    init_district_keys(db, escrow_path=tmp_path / "escrow.txt")
    window = make_window(qtbot, db)
    assert not window.searches_records()
    said: set[str] = set()
    for key in ("dashboard", "statistics", "settings"):
        window.show_key(key)
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
        # No dialog whose hits would lead nowhere; the reason instead, the same on every page.
        assert window.search_dialog is None
        said.add(window.statusBar().currentMessage())
    assert len(said) == 1 and "" not in said


def test_ctrl_f_in_a_district_opens_the_search(qtbot: QtBot, district_db: Database) -> None:
    window = make_window(qtbot, district_db)
    assert window.searches_records()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.search_dialog is not None
    qtbot.waitUntil(window.search_dialog.isVisible)
    assert window.statusBar().currentMessage() == ""
