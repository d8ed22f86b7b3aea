"""The first-run dialog's third way: a city office (市政协), set up with its keys and escrow
pair, its window the city's four pages, its settings showing its fingerprint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import run_gui
from desktop.db import open_database
from desktop.models.enums import NodeRole
from desktop.paths import Home
from desktop.sync.identity import own_fingerprint
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.first_run_dialog import FirstRunChoice, FirstRunDialog
from desktop.views.shell.main_window import MainWindow
from tests.views.gui_helpers import type_text, when_shown


def click_indicator(qtbot: QtBot, button: QWidget) -> None:
    # On the indicator: a radio button stretched by the layout ignores clicks past its text.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_the_city_choice_needs_its_name_and_brings_no_demo(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.demo_box.setChecked(True)
    click_indicator(qtbot, dialog.city_button)
    assert dialog.role() is NodeRole.CITY
    assert dialog.city_name.isVisible() and not dialog.district_name.isVisible()
    assert not dialog.room_name.isVisible()
    # A city writes no records: no demo data for it.
    assert not dialog.demo_box.isEnabled() and not dialog.demo_box.isChecked()
    assert not dialog.ok_button.isEnabled()
    type_text(dialog.city_name.edit, "  南通市政协 ")
    assert dialog.ok_button.isEnabled()
    assert dialog.choice() == FirstRunChoice(role=NodeRole.CITY, name="南通市政协")
    # Back to a district: its own field, demo data offered again.
    click_indicator(qtbot, dialog.district_button)
    assert dialog.district_name.isVisible() and not dialog.city_name.isVisible()
    assert dialog.demo_box.isEnabled()


def test_first_run_sets_up_a_city_with_its_keys(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *a: told.append(text)
    )

    def choose_city(dialog: FirstRunDialog) -> None:
        click_indicator(qtbot, dialog.city_button)
        type_text(dialog.city_name.edit, "南通市政协")
        dialog.ok_button.click()

    seen: dict[str, object] = {}

    def look(window: MainWindow) -> None:
        seen["title"] = window.windowTitle()
        seen["keys"] = [spec.key for spec in window.specs]
        settings = window.page("settings")
        assert isinstance(settings, SettingsPage)
        seen["fingerprint"] = settings.own_fingerprint_label.text()
        seen["enrol"] = settings.enrol_button.isVisibleTo(settings)
        window.close()

    when_shown(FirstRunDialog, choose_city)
    when_shown(MainWindow, look)
    home = Home(tmp_path / "city")
    assert run_gui(home=home, smoke=False) == 0

    db = open_database(home)
    try:
        installation = db.installation()
        assert installation is not None
        assert (installation.role, installation.name) == (NodeRole.CITY, "南通市政协")
        fingerprint = own_fingerprint(db)
    finally:
        db.close()
    assert fingerprint is not None
    assert seen == {
        "title": "议事 — 南通市政协",
        "keys": ["dashboard", "sync", "statistics", "settings"],
        "fingerprint": fingerprint,
        "enrol": False,
    }
    # The clerk was told the fingerprint and where the escrow key went, once.
    [escrow] = list(home.root.glob("escrow-key-*.txt"))
    [message] = told
    assert fingerprint in message and str(escrow) in message
