"""Restoring a backup from the settings page: confirmed, restored through the service, and
the main window's pages rebuilt on the restored database."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.backups import backup_now
from desktop.db import Database
from desktop.models import Room
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.main_window import MainWindow
from desktop.workflow.rooms import save_room_details


def _room_name(db: Database) -> str:
    with db.session() as s:
        return s.scalars(select(Room)).one().name


def test_restore_button_puts_the_backup_back_and_rebuilds_the_pages(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backup_now(room_db, now=datetime(2026, 12, 1, 9, 30))
    save_room_details(room_db, name="恢复后应消失", village="和平桥社区", township="和平桥街道")
    asked: list[str] = []

    def accept(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", accept)
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    keys = [spec.key for spec in window.specs]
    window.show_page(keys.index("settings"))
    page = window.pages.currentWidget()
    assert isinstance(page, SettingsPage)
    row = [page.backup_model.file_at(r).path for r in range(page.backup_model.rowCount())].index(
        backup
    )
    page.backup_table.selectRow(row)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _room_name(room_db) == "和平桥社区协商议事室")
    assert asked and "09:30" in asked[0] and "1" in asked[0]
    # The window rebuilt its pages: the settings page shown now reads the restored state.
    qtbot.waitUntil(lambda: window.pages.currentWidget() is not page)
    rebuilt = window.pages.currentWidget()
    assert isinstance(rebuilt, SettingsPage)
    assert rebuilt.room_name_edit.text() == "和平桥社区协商议事室"
    reasons = [
        rebuilt.backup_model.file_at(r).reason for r in range(rebuilt.backup_model.rowCount())
    ]
    assert "restore" in reasons
