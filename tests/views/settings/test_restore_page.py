"""Restoring a backup from the settings page: confirmed, restored through the service, and
the main window's pages rebuilt on the restored database."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import backups
from desktop.backups import BackupInfo, backup_now
from desktop.db import Database
from desktop.models import Room
from desktop.views.settings import page as settings_page
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


def test_the_backup_is_checked_off_the_gui_thread(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking a backup copies it whole (perhaps from a stick) and runs SQLite's checks: the
    window keeps painting meanwhile. The check here ends only once the GUI has ticked."""
    backup = backup_now(room_db, now=datetime(2026, 12, 1, 9, 30))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    alive_during_check: list[bool] = []
    real = backups.inspect_backup

    def slow_inspect(path: Path) -> BackupInfo:
        seen = len(ticks)
        deadline = time.monotonic() + 10
        while len(ticks) < seen + 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        alive_during_check.append(len(ticks) >= seen + 5)
        return real(path)

    monkeypatch.setattr(settings_page, "inspect_backup", slow_inspect)
    asked: list[str] = []

    def cancel(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    page = SettingsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    rows = [page.backup_model.file_at(r).path for r in range(page.backup_model.rowCount())]
    page.backup_table.selectRow(rows.index(backup))
    timer.start()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    timer.stop()

    assert alive_during_check == [True]
    # The check's answer reaches the question as before.
    assert len(asked) == 1 and "09:30" in asked[0]


def test_a_backup_that_fails_the_check_is_refused_with_the_reason(
    qtbot: QtBot, room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "not-a-backup.sqlite"
    bogus.write_bytes(b"plain text, not SQLite")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(bogus), "*.sqlite"))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(str(args)))
    page = SettingsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    page.backup_table.clearSelection()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)

    assert asked == []
    assert page.backup_message.isVisible()
    assert "不是议事备份文件" in page.backup_message.text()
