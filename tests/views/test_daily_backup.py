"""The day's backup runs beside the window, never before it: a district's database of ten
years takes a minute to copy and verify."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop import app as app_module
from desktop import backups
from desktop.backups import BackupOutcome, list_backups
from desktop.db import Database


def test_the_daily_backup_is_made_off_the_gui_thread(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran_on: list[threading.Thread] = []
    make = backups.daily_backup

    def recorded(db: Database) -> BackupOutcome:
        ran_on.append(threading.current_thread())
        return make(db)

    monkeypatch.setattr(backups, "daily_backup", recorded)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))
    backup = app_module.start_of_day_backup(room_db, parent=None)
    qtbot.waitUntil(backup.isFinished, timeout=30_000)
    assert [found.reason for found in list_backups(room_db.home)] == ["daily"]
    assert len(ran_on) == 1 and ran_on[0] is not threading.main_thread()
    assert told == []


def test_a_failed_daily_backup_is_told_on_the_gui_thread(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(_db: Database) -> BackupOutcome:
        raise OSError(28, "设备上没有空间")

    monkeypatch.setattr(backups, "daily_backup", refused)
    told: list[tuple[str, threading.Thread]] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _parent, _title, text: told.append((text, threading.current_thread())),
    )
    backup = app_module.start_of_day_backup(room_db, parent=None)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    backup.wait()
    assert "设备上没有空间" in told[0][0]
    assert told[0][1] is threading.main_thread()
