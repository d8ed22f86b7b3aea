"""The dashboard's list of what needs attention today, and opening an item's record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from desktop import clock
from desktop.db import Database
from desktop.models.enums import TopicStatus
from desktop.views.outcomes.page import OutcomesPage
from desktop.views.shell.main_window import MainWindow
from tests.desk_builders import add_meeting, add_outcome, add_topic, room_id_of


def test_attention_items_open_their_records(
    qtbot: QtBot, qtmodeltester: Any, room_db: Database
) -> None:
    today = clock.today()
    room = room_id_of(room_db)
    with room_db.session() as s:
        late = add_outcome(
            s, room, "疏浚排水管网", deadline=today - timedelta(days=4), held_on=today
        ).id
        add_topic(s, room, "城山路路面破损修复", status=TopicStatus.SHORTLISTED)
        add_meeting(s, room, today + timedelta(days=5), title="十二月协商议事会")

    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dashboard = window.dashboard
    model = dashboard.attention_model
    qtmodeltester.check(model, force_py=True)
    texts = [model.index(row).data() for row in range(model.rowCount())]
    assert (
        texts[0]
        == f"成果逾期 4 天（办理期限 {format_day(today - timedelta(days=4))}）：疏浚排水管网"
    )
    assert "议题已初选，待公告：城山路路面破损修复" in texts
    assert (
        f"{format_day(today + timedelta(days=5))}召开议事活动（还有 5 天）：十二月协商议事会"
        in texts
    )
    brush = model.index(0).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert dashboard.attention_list.isVisible() and not dashboard.nothing_due.isVisible()

    rect = dashboard.attention_list.visualRect(model.index(0))
    qtbot.mouseClick(
        dashboard.attention_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    assert window.current_page_key() == "outcomes"
    page = window.pages.currentWidget()
    assert isinstance(page, OutcomesPage)
    assert page.selected_outcome_id() == late

    window.show_page(0)
    row = texts.index("议题已初选，待公告：城山路路面破损修复")
    dashboard.attention_list.setCurrentIndex(model.index(row))
    dashboard.attention_list.setFocus()
    qtbot.keyClick(dashboard.attention_list, Qt.Key.Key_Return)
    assert window.current_page_key() == "topics"


def format_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_nothing_needs_attention(qtbot: QtBot, room_db: Database) -> None:
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.dashboard.nothing_due.isVisible()
    assert window.dashboard.nothing_due.text() == "今天没有需要处理的事项。"
    assert not window.dashboard.attention_list.isVisible()
