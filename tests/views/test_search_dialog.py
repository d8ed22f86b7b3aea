"""搜索 by keyboard: Ctrl+F on any page opens the search, typing shows results grouped by kind,
Enter opens the chosen record on its page; the page's own filter box is on Ctrl+L."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.views.meetings.page import MeetingsPage
from desktop.views.shell.main_window import MainWindow
from desktop.views.shell.search_dialog import SearchDialog
from desktop.views.topics.page import TopicsPage
from tests.desk_builders import add_topic, room_id_of
from tests.views.gui_helpers import type_text
from tests.views.keyboard import wait_active

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, room_db: Database) -> MainWindow:
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_active(qtbot, window)
    return window


def _hits(dialog: SearchDialog) -> list[tuple[str, str]]:
    found = []
    for group in range(dialog.results.topLevelItemCount()):
        header = dialog.results.topLevelItem(group)
        assert header is not None
        for index in range(header.childCount()):
            child = header.child(index)
            assert child is not None
            found.append(tuple(child.data(0, Qt.ItemDataRole.UserRole)))
    return found


def test_ctrl_f_searches_and_enter_opens_the_record(
    qtbot: QtBot, room_db: Database, window: MainWindow
) -> None:
    with room_db.session() as s:
        room = room_id_of(room_db)
        add_topic(s, room, "楼道堆物清理")
        wanted = add_topic(s, room, "小区加装电梯费用分摊").id
    window.show_key("meetings")
    assert isinstance(window.pages.currentWidget(), MeetingsPage)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    dialog = window.search_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search_box)
    type_text(dialog.search_box, "电梯")
    qtbot.waitUntil(lambda: _hits(dialog) == [("topics", wanted)])
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
    page = window.pages.currentWidget()
    assert isinstance(page, TopicsPage)
    assert page.current_id == wanted
    assert not dialog.isVisible()


def test_arrows_choose_among_the_hits(qtbot: QtBot, room_db: Database, window: MainWindow) -> None:
    with room_db.session() as s:
        room = room_id_of(room_db)
        older = add_topic(s, room, "路灯不亮之一").id
        newer = add_topic(s, room, "路灯不亮之二").id
    window.open_search()
    dialog = window.search_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search_box)
    type_text(dialog.search_box, "路灯")
    qtbot.waitUntil(lambda: len(_hits(dialog)) == 2)
    assert _hits(dialog) == [("topics", newer), ("topics", older)]  # newest first
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    page = window.pages.currentWidget()
    assert isinstance(page, TopicsPage) and page.current_id == older


def test_a_page_filter_box_is_on_ctrl_l(qtbot: QtBot, window: MainWindow) -> None:
    window.show_key("topics")
    page = window.pages.currentWidget()
    assert isinstance(page, TopicsPage)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert QApplication.focusWidget() is page.search_edit
    assert window.search_dialog is None
