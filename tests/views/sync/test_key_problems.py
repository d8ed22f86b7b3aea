"""Damaged sync keys never stop the start: the window says what is wrong and the way out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.paths import Home
from desktop.sync.keys import AGE_FILE, SIGNING_FILE
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.main_window import MainWindow
from desktop.views.sync.page import Folder, SyncPage
from tests.sync_pair import Pair
from tests.views.shell.test_main_window import make_window
from tests.views.test_app import REPO


def remove_folder(home: Home) -> None:
    shutil.rmtree(home.keys)


def folder_is_a_file(home: Home) -> None:
    shutil.rmtree(home.keys)
    home.keys.write_text("not a folder\n")


def remove_age_file(home: Home) -> None:
    (home.keys / AGE_FILE).unlink()


def empty_signing_file(home: Home) -> None:
    (home.keys / SIGNING_FILE).write_bytes(b"")


def garbage_in_age_file(home: Home) -> None:
    (home.keys / AGE_FILE).write_text("garbage, not a key\n")


Damage = Callable[[Home], None]
DAMAGES = [
    remove_folder,
    folder_is_a_file,
    remove_age_file,
    empty_signing_file,
    garbage_in_age_file,
]
DISTRICT_WAY_OUT = "import --escrow-key 托管密钥文件"
ROOM_WAY_OUT = "请联系区政协重新登记本议事室"
BANNER_TITLE = "本机的同步密钥有问题"
BUNDLE_ON_THE_STICK = "R0001_000001_0b0b0b0b-0000-4000-8000-000000000000.yishi"


@pytest.fixture
def drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A USB stick holding one bundle, so export and import each have something to do."""
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / BUNDLE_ON_THE_STICK).write_bytes(b"x")
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", folder)])
    return folder


def sync_page(window: MainWindow) -> SyncPage:
    page = window.page("sync")
    assert isinstance(page, SyncPage)
    return page


def settings_page(window: MainWindow) -> SettingsPage:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    return page


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("side", ["district", "room"])
def test_the_window_starts_and_names_the_problem_and_the_way_out(
    qtbot: QtBot, pair: Pair, drive: Path, damage: Damage, side: str
) -> None:
    db: Database = getattr(pair, side)
    damage(db.home)

    window = make_window(qtbot, db)

    banner = window.key_banner
    assert banner.isVisible()
    assert BANNER_TITLE in banner.title.text()
    assert str(db.home.keys) in banner.text.text()
    way_out = DISTRICT_WAY_OUT if side == "district" else ROOM_WAY_OUT
    assert way_out in banner.text.text()
    assert "备份" in banner.text.text()

    # On the sync page the page says it itself, and export and import refuse with the reason.
    window.show_page([spec.key for spec in window.specs].index("sync"))
    page = sync_page(window)
    assert not banner.isVisible()
    assert page.key_banner.isVisible() and way_out in page.key_banner.text.text()
    assert page.enrol_note.isHidden()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.export_message.isVisible()
    assert page.export_message.text().startswith("不能导出：")
    assert str(db.home.keys) in page.export_message.text()
    assert "解决办法见本页上方" in page.export_message.text()
    assert [p.name for p in drive.iterdir()] == [BUNDLE_ON_THE_STICK]  # nothing written
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.import_message.text().startswith("不能导入：")
    assert str(db.home.keys) in page.import_message.text()

    window.show_page(0)
    assert banner.isVisible()


def test_settings_show_the_key_as_damaged(qtbot: QtBot, pair: Pair) -> None:
    garbage_in_age_file(pair.room.home)
    window = make_window(qtbot, pair.room)
    window.show_page([spec.key for spec in window.specs].index("settings"))
    page = settings_page(window)
    assert page.own_fingerprint_label.text() == "已损坏"
    assert ROOM_WAY_OUT in page.keys_note.text()


def test_whole_keys_show_no_banner(qtbot: QtBot, pair: Pair) -> None:
    window = make_window(qtbot, pair.district)
    assert window.key_banner.isHidden()
    window.show_page([spec.key for spec in window.specs].index("sync"))
    assert sync_page(window).key_banner.isHidden()


def test_a_room_never_enrolled_is_no_false_alarm(qtbot: QtBot, room_db: Database) -> None:
    remove_folder(room_db.home)
    window = make_window(qtbot, room_db)
    assert window.key_banner.isHidden()
    window.show_page([spec.key for spec in window.specs].index("sync"))
    page = sync_page(window)
    assert page.key_banner.isHidden()
    assert "尚未登记" in page.enrol_note.text()


def test_the_banner_can_be_hidden_until_the_next_start(qtbot: QtBot, pair: Pair) -> None:
    empty_signing_file(pair.district.home)
    window = make_window(qtbot, pair.district)
    assert window.key_banner.hide_button is not None
    qtbot.mouseClick(window.key_banner.hide_button, Qt.MouseButton.LeftButton)
    assert window.key_banner.isHidden()
    window.show_page(1)
    window.reload()
    assert window.key_banner.isHidden()
    # The sync page still says it: that is where the keys are needed.
    assert window.key_banner.open_sync_button is not None
    window.show_page([spec.key for spec in window.specs].index("sync"))
    assert sync_page(window).key_banner.isVisible()


def test_the_banner_leads_to_the_sync_page_and_goes_once_the_keys_are_back(
    qtbot: QtBot, pair: Pair
) -> None:
    keys = pair.room.home.keys
    saved = {name: (keys / name).read_bytes() for name in (SIGNING_FILE, AGE_FILE)}
    empty_signing_file(pair.room.home)
    window = make_window(qtbot, pair.room)
    assert window.key_banner.open_sync_button is not None
    qtbot.mouseClick(window.key_banner.open_sync_button, Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "sync"

    for name, data in saved.items():
        (keys / name).write_bytes(data)
    window.show_page(0)
    assert window.key_banner.isHidden()


@pytest.mark.parametrize("damage", DAMAGES)
def test_smoke_with_damaged_keys_exits_0(pair: Pair, damage: Damage) -> None:
    # `python -m desktop --smoke`, as a build machine runs it; its own process, because an
    # offscreen smoke window left closed in this one keeps later test windows inactive.
    home = pair.room.home
    pair.room.close()
    damage(home)
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home.root), "--smoke"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "smoke ok: 议事 — 和平桥社区协商议事室\n"
    assert "Traceback" not in result.stderr
    if damage is folder_is_a_file:
        assert home.keys.is_file()  # left for the user to deal with, as the banner says
