"""A district set up from the running window gets its own pages at once, without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import run_gui
from desktop.db import open_database
from desktop.models.enums import NodeRole
from desktop.paths import Home
from desktop.views.common.empty_state import PageSpec
from desktop.views.rooms.page import RoomsPage
from desktop.views.shell.first_run_dialog import FirstRunDialog
from desktop.views.shell.main_window import MainWindow
from tests.views.gui_helpers import type_text, when_shown


def rooms_spec(window: MainWindow) -> PageSpec:
    return next(spec for spec in window.specs if spec.key == "rooms")


def _choose_district(qtbot: QtBot, name: str) -> None:
    def fill(dialog: FirstRunDialog) -> None:
        button = dialog.district_button
        # On the indicator: a radio button stretched by the layout ignores clicks past its text.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
        type_text(dialog.district_name.edit, name)
        dialog.ok_button.click()

    when_shown(FirstRunDialog, fill)


def test_a_district_set_up_after_a_cancelled_first_run_shows_its_rooms_page(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The keys' fingerprint and escrow key's place are told in a box: answered here.
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    seen: dict[str, object] = {}

    def set_up_from_the_window(window: MainWindow) -> None:
        seen["before"] = window.page_titles()
        assert window.dashboard.not_set_up.action is not None
        _choose_district(qtbot, "崇川区政协")
        window.dashboard.not_set_up.action.click()
        seen["title"] = window.windowTitle()
        seen["after"] = window.page_titles()
        seen["keys"] = [spec.key for spec in window.specs]
        # The keyboard follows the new sidebar: Ctrl+<its place> opens 议事室, Ctrl+, 设置.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        digit = Qt.Key(Qt.Key.Key_0 + (window.specs.index(rooms_spec(window)) + 1) % 10)
        qtbot.keyClick(window, digit, Qt.KeyboardModifier.ControlModifier)
        seen["page"] = type(window.pages.currentWidget())
        seen["sidebar"] = window.sidebar.currentItem().text()
        qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        seen["ctrl,"] = window.current_page_key()
        window.close()

    # The first start's dialog is cancelled: the window opens not set up.
    when_shown(FirstRunDialog, lambda dialog: dialog.reject())
    when_shown(MainWindow, set_up_from_the_window)
    home = Home(tmp_path / "later")
    assert run_gui(home=home, smoke=False) == 0
    QApplication.processEvents()

    assert "议事室" not in seen["before"]  # type: ignore[operator]
    assert seen["title"] == "议事 — 崇川区政协"
    assert "议事室" in seen["after"]  # type: ignore[operator]
    keys = seen["keys"]
    assert isinstance(keys, list) and keys.index("rooms") == keys.index("people") + 1
    assert seen["page"] is RoomsPage and seen["sidebar"] == "议事室"
    assert seen["ctrl,"] == "settings"
    db = open_database(home)
    try:
        installation = db.installation()
        assert installation is not None and installation.role is NodeRole.DISTRICT
    finally:
        db.close()
