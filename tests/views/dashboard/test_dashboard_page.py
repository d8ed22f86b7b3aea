"""The dashboard's list of what needs attention today, and opening an item's record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop import clock
from desktop.db import Database
from desktop.models.enums import MeetingStatus, TopicStatus
from desktop.queries.desk import PAGE_OF_KIND, AttentionKind
from desktop.views.common.query_table_model import QueryTableModel
from desktop.views.meetings.page import MeetingsPage
from desktop.views.opinions.page import OpinionsPage
from desktop.views.outcomes.page import OutcomesPage
from desktop.views.shell.main_window import MainWindow
from desktop.views.topics.page import TopicsPage
from tests.desk_builders import add_meeting, add_outcome, add_slip, add_topic, room_id_of


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


def test_every_kind_of_item_opens_exactly_its_record(qtbot: QtBot, room_db: Database) -> None:
    today = clock.today()
    room = room_id_of(room_db)
    with room_db.session() as s:
        # Decoys first, so each record is one among many, some past the list's first batch.
        for number in range(QueryTableModel.BATCH + 5):
            add_slip(s, room, f"楼道灯不亮{number}", collected_on=today - timedelta(days=1))
        oldest_slip = add_slip(s, room, "小区东门积水", collected_on=today - timedelta(days=40)).id
        for number in range(3):
            add_topic(s, room, f"其他议题{number}", status=TopicStatus.DISCUSSED)
        to_announce = add_topic(s, room, "城山路路面破损修复", status=TopicStatus.SHORTLISTED).id
        to_claim = add_topic(
            s,
            room,
            "增设非机动车棚",
            status=TopicStatus.ANNOUNCED,
            claim_deadline=today + timedelta(days=3),
        ).id
        upcoming = add_meeting(s, room, today + timedelta(days=5), title="十二月协商议事会").id
        unfinished = add_meeting(
            s, room, today - timedelta(days=10), status=MeetingStatus.HELD, title="十一月议事会"
        ).id
        late = add_outcome(
            s, room, "疏浚排水管网", deadline=today - timedelta(days=4), held_on=today
        ).id
        add_outcome(s, room, "增设路灯", deadline=today - timedelta(days=9), held_on=today)

    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    qtbot.waitExposed(window)
    dashboard = window.dashboard
    model = dashboard.attention_model
    meetings = window.page("meetings")
    assert isinstance(meetings, MeetingsPage)
    opened: list[str] = []
    meetings.meeting_opened.connect(opened.append)

    def click(kind: AttentionKind, record_id: str) -> QWidget:
        window.show_key("dashboard")
        row = next(
            r
            for r in range(model.rowCount())
            if model.item_at(r).kind is kind and model.item_at(r).record_id == record_id
        )
        dashboard.attention_list.scrollTo(model.index(row))
        rect = dashboard.attention_list.visualRect(model.index(row))
        qtbot.mouseClick(
            dashboard.attention_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        page = window.pages.currentWidget()
        assert window.current_page_key() == PAGE_OF_KIND[kind]
        return page

    outcomes = click(AttentionKind.OVERDUE_OUTCOME, late)
    assert isinstance(outcomes, OutcomesPage)
    assert outcomes.selected_outcome_id() == late
    assert outcomes.detail_panel.content_label.text() == "疏浚排水管网"

    for topic_kind, topic_id in (
        (AttentionKind.TOPIC_TO_ANNOUNCE, to_announce),
        (AttentionKind.TOPIC_TO_CLAIM, to_claim),
    ):
        topics = click(topic_kind, topic_id)
        assert isinstance(topics, TopicsPage)
        assert topics.current_id == topic_id
        assert topics.detail is not None and topics.detail.id == topic_id
        [selected] = topics.table.selectionModel().selectedRows()
        assert topics.model.row_at(selected.row()).id == topic_id
        # A filter left from before does not hide the record.
        topics.search_edit.setText("其他议题")

    slips = click(AttentionKind.SLIPS_UNHANDLED, oldest_slip)
    assert isinstance(slips, OpinionsPage)
    assert slips.selected_slip_ids() == [oldest_slip]

    for meeting_kind, meeting_id in (
        (AttentionKind.UPCOMING_MEETING, upcoming),
        (AttentionKind.MINUTES_NOT_FINAL, unfinished),
    ):
        page = click(meeting_kind, meeting_id)
        assert page is meetings
        assert opened[-1] == meeting_id
        [selected] = meetings.view.selectionModel().selectedRows()
        assert meetings.model.row_at(selected.row()).id == meeting_id
        for editor in list(meetings.editors.values()):
            editor.close()
