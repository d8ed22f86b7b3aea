"""Keyboard alone in the main window: Tab leaves a list, Ctrl+S saves where it is offered.

Shortcuts only reach the active window. The offscreen platform activates a shown window a
moment later through the event loop (as a window manager does), so these tests wait for it
(`wait_active`) before pressing Ctrl+S; without that wait no shortcut fires at all.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import Meeting, OpinionSlip
from desktop.views.meetings.page import MeetingsPage
from desktop.views.opinions.page import OpinionsPage
from desktop.views.shell.main_window import MainWindow
from desktop.workflow import agenda
from desktop.workflow import slips as slip_rules
from tests.views.keyboard import focused, press, tab_to, type_here, wait_active

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, room_db: Database) -> MainWindow:
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_active(qtbot, window)
    return window


def _slips(db: Database, count: int) -> list[str]:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return [
        slip_rules.enter_slip(
            db,
            room_id=installation.room_id,
            collected_on=clock.today(),
            grid="第一网格",
            collector_id=None,
            content=f"楼道灯坏了{n}",
            reporter_name="张桂兰",
            anonymous=False,
            category="",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize(("number", "list_name"), [(2, "table"), (3, "table"), (4, "view")])
def test_tab_leaves_a_list(
    qtbot: QtBot, room_db: Database, window: MainWindow, number: int, list_name: str
) -> None:
    ids = _slips(room_db, 3)
    slip_rules.raise_grid_topic(room_db, ids[:2], title="楼道照明", raised_on=clock.today())
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    for title in ("楼道照明协商会", "路灯维修协商会"):
        agenda.plan_meeting(
            room_db, installation.room_id, held_on=clock.today(), details={"title": title}
        )
    press(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
    page = window.pages.currentWidget()
    view = getattr(page, list_name)
    assert isinstance(view, QTableView) and view.model().rowCount() > 0
    tab_to(qtbot, view)
    press(qtbot, Qt.Key.Key_Down)
    row = view.currentIndex().row()

    press(qtbot, Qt.Key.Key_Tab)
    after_tab = focused()
    assert after_tab is not view and not view.isAncestorOf(after_tab)
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is view
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is not view and not view.isAncestorOf(focused())
    assert view.currentIndex().row() == row  # the row the user was on stays chosen


def test_ctrl_s_saves_a_slip(qtbot: QtBot, room_db: Database, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_2, CTRL)
    page = window.pages.currentWidget()
    assert isinstance(page, OpinionsPage)
    press(qtbot, Qt.Key.Key_N, CTRL)  # to the content of a new slip
    assert focused() is page.content_edit
    type_here("小区门口路灯不亮")
    press(qtbot, Qt.Key.Key_Tab)
    type_here("刘德明")
    press(qtbot, Qt.Key.Key_S, CTRL)
    with room_db.session() as session:
        slip = session.scalars(select(OpinionSlip)).one()
        assert (slip.content, slip.reporter_name) == ("小区门口路灯不亮", "刘德明")
    assert focused() is page.content_edit and not page.content_edit.text()  # the next slip


def test_ctrl_s_saves_a_new_meeting(qtbot: QtBot, room_db: Database, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_4, CTRL)
    page = window.pages.currentWidget()
    assert isinstance(page, MeetingsPage)
    assert focused() is window.sidebar  # Ctrl+N works wherever the focus is in the window
    press(qtbot, Qt.Key.Key_N, CTRL)
    (editor,) = page.editors.values()
    wait_active(qtbot, editor)
    tab_to(qtbot, editor.basics.title_edit)
    type_here("路灯维修协商会")
    # Saved by the key at once, not by the autosave a moment later.
    assert editor.autosave_timer.isActive()
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not editor.autosave_timer.isActive() and not editor.draft_pending
    with room_db.session() as session:
        assert session.scalars(select(Meeting.title)).all() == ["路灯维修协商会"]
