"""A district on a PostgreSQL server: its administrator backs the server up, and Yishi neither
copies an old SQLite file left in the home nor offers to restore one over the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.backups import RestoreError, daily_backup, list_backups, restore_backup, take_backup
from desktop.db import Database, open_database
from desktop.errors import UserError
from desktop.paths import Home
from desktop.setup import setup_district


@pytest.fixture
def server_district(tmp_path: Path, postgres_url: str) -> Iterator[Database]:
    db = open_database(Home(tmp_path / "区政协"), url=postgres_url)
    setup_district(db, name="启东市政协")
    yield db
    db.close()


def test_automatic_backups_are_skipped_and_asked_ones_refused(server_district: Database) -> None:
    for reason in ("daily", "import", "migration"):
        outcome = take_backup(server_district, reason)
        assert outcome.path is None and not outcome.made
    assert daily_backup(server_district).path is None
    with pytest.raises(UserError, match="由服务器管理员") as refused:
        take_backup(server_district, "manual")
    assert "127.0.0.1" in str(refused.value) and "yishi:yishi" not in str(refused.value)
    assert list_backups(server_district.home) == []


def test_a_file_backup_is_never_restored_over_the_server(
    server_district: Database, tmp_path: Path
) -> None:
    old = tmp_path / "yishi-20261101-080000-manual.sqlite"
    old.write_bytes(b"not even looked at")
    with pytest.raises(RestoreError, match="服务器"):
        restore_backup(server_district, old)


def test_the_settings_page_says_who_backs_the_server_up(
    qtbot: QtBot, server_district: Database
) -> None:
    from desktop.views.settings.page import SettingsPage

    page = SettingsPage(server_district)
    qtbot.addWidget(page)
    assert not page.backup_status.isHidden() and "服务器管理员" in page.backup_status.text()
    for hidden in (page.backup_table, page.backup_button, page.restore_button):
        assert hidden.isHidden()
