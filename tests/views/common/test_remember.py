"""What the window remembers between starts: its place, splitters, columns, last folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.views.common import remember
from desktop.views.shell.main_window import MainWindow
from desktop.views.sync.page import SyncPage
from desktop.views.topics.page import TopicsPage


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def page(window: MainWindow, key: str) -> QWidget:
    window.show_key(key)
    shown = window.pages.currentWidget()
    assert shown is not None
    return shown


def test_size_place_splitter_and_columns_come_back_in_a_new_window(
    qtbot: QtBot, room_db: Database
) -> None:
    window = open_window(qtbot, room_db)
    # The offscreen screen is 800×800, narrower than the window's least width (960).
    window.resize(960, 650)
    window.move(0, 30)
    sync = page(window, "sync")
    assert isinstance(sync, SyncPage)
    sync.files_table.horizontalHeader().resizeSection(0, 333)
    topics = page(window, "topics")
    assert isinstance(topics, TopicsPage)
    topics.splitter.setSizes([300, 500])
    sizes = topics.splitter.sizes()
    window.close()

    again = open_window(qtbot, room_db)
    assert again.size() == QSize(960, 650)
    assert again.pos().y() == 30
    sync = page(again, "sync")
    assert isinstance(sync, SyncPage)
    assert sync.files_table.horizontalHeader().sectionSize(0) == 333
    topics = page(again, "topics")
    assert isinstance(topics, TopicsPage)
    assert topics.splitter.sizes() == sizes


def test_a_window_left_off_screen_is_brought_back(qtbot: QtBot, room_db: Database) -> None:
    window = open_window(qtbot, room_db)
    window.move(-5000, -5000)
    window.close()

    again = open_window(qtbot, room_db)
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    visible = again.frameGeometry().intersected(screen.availableGeometry())
    assert visible.width() >= 120 and visible.height() >= 120


def test_the_save_dialog_opens_where_the_user_saved_last(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    target = tmp_path / "文件" / "会议纪要.pdf"
    target.parent.mkdir()

    def save(_parent: object, _caption: str, start: str, _filters: str) -> tuple[str, str]:
        offered.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    remember.save_file_name(None, "", "会议纪要.pdf", "")
    remember.save_file_name(None, "", "签到表.pdf", "")
    assert Path(offered[1]) == target.parent / "签到表.pdf"
    assert Path(offered[0]).parent != target.parent
    # Bundles keep their own folder, apart from documents.
    assert remember.last_folder(remember.BUNDLES) is None


def test_nothing_stored_leaves_the_window_centred(qtbot: QtBot, room_db: Database) -> None:
    window = open_window(qtbot, room_db)
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area: QRect = screen.availableGeometry()
    assert area.contains(window.geometry().center())
