"""The settings page's second backup location: chosen, shown with its state, cleared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.backups import backup_now
from desktop.db import Database
from desktop.models import Setting
from desktop.views.settings.page import SettingsPage
from desktop.views.settings.second_folder_row import SecondFolderRow


def _stored(db: Database) -> str | None:
    with db.session() as s:
        row = s.get(Setting, "backups.second_folder")
        return None if row is None else str(json.loads(row.value))


def _page(qtbot: QtBot, db: Database) -> SettingsPage:
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_chosen_folder_is_stored_shown_and_gets_every_backup(
    qtbot: QtBot, room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "U盘 备份"
    stick.mkdir()
    page = _page(qtbot, room_db)
    row = page.second_folder_row
    assert row.reachable is None and not row.clear_button.isEnabled()
    monkeypatch.setattr(SecondFolderRow, "choose_folder", lambda self: stick)
    qtbot.mouseClick(row.choose_button, Qt.MouseButton.LeftButton)
    assert _stored(room_db) == str(stick)
    assert row.path_label.text() == str(stick) and row.reachable is True
    assert not row.message.isVisible()
    made = backup_now(room_db)
    assert (stick / made.name).is_file()

    # The stick taken out: said when the page is opened again.
    stick.rename(tmp_path / "elsewhere")
    page.refresh()
    assert row.reachable is False and row.path_label.text() == str(stick)

    qtbot.mouseClick(row.clear_button, Qt.MouseButton.LeftButton)
    assert _stored(room_db) is None
    assert row.reachable is None and not row.clear_button.isEnabled()


def test_a_folder_inside_the_installation_is_refused(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, room_db)
    row = page.second_folder_row
    monkeypatch.setattr(SecondFolderRow, "choose_folder", lambda self: room_db.home.backups)
    qtbot.mouseClick(row.choose_button, Qt.MouseButton.LeftButton)
    assert row.message.isVisible() and "数据文件夹之内" in row.message.text()
    assert _stored(room_db) is None
