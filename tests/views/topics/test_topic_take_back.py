"""初选 and 公告 ask first; each can be taken back with a reason, shown in the 状态变更记录."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop import clock
from desktop.db import Database
from desktop.models import Topic
from desktop.models.enums import TopicSource, TopicStatus
from desktop.views.common.confirm import Confirmation, ask_confirmation
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.views.topics.page import TopicsPage
from desktop.workflow import topics as rules
from tests.views.gui_helpers import type_text, when_shown


@pytest.fixture
def topic_id(room_db: Database) -> str:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    return rules.raise_topic(
        room_db,
        room_id=installation.room_id,
        title="老旧小区加装电梯",
        source=TopicSource.RESIDENTS,
        raised_on=clock.today(),
    )


@pytest.fixture
def page(qtbot: QtBot, room_db: Database, topic_id: str) -> TopicsPage:
    widget = TopicsPage(room_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.select_topic(topic_id)
    return widget


def _status(db: Database, topic_id: str) -> TopicStatus:
    with db.session() as session:
        return session.get_one(Topic, topic_id).status


def test_shortlist_asks_and_enter_confirms_escape_cancels(
    qtbot: QtBot,
    page: TopicsPage,
    room_db: Database,
    topic_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Confirmation, "ask", staticmethod(ask_confirmation))
    seen: list[str] = []

    def press(key: Qt.Key) -> None:
        def answer(box: QMessageBox) -> None:
            seen.append(box.text())
            qtbot.keyClick(box, key)

        when_shown(QMessageBox, answer)

    press(Qt.Key.Key_Escape)
    qtbot.mouseClick(page.detail_panel.shortlist_button, Qt.MouseButton.LeftButton)
    assert _status(room_db, topic_id) is TopicStatus.COLLECTED
    press(Qt.Key.Key_Return)
    qtbot.mouseClick(page.detail_panel.shortlist_button, Qt.MouseButton.LeftButton)
    assert _status(room_db, topic_id) is TopicStatus.SHORTLISTED
    assert len(seen) == 2 and all("老旧小区加装电梯" in text for text in seen)


def test_shortlisting_is_taken_back_with_a_reason(
    qtbot: QtBot, page: TopicsPage, room_db: Database, topic_id: str
) -> None:
    panel = page.detail_panel
    qtbot.mouseClick(panel.shortlist_button, Qt.MouseButton.LeftButton)
    assert panel.take_back_button.isVisible()

    def give_reason(dialog: ReasonDialog) -> None:
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # empty: refused in place
        assert dialog.isVisible() and dialog.message.isVisible()
        type_text(dialog.reason_edit, "居民意见尚未统一")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    when_shown(ReasonDialog, give_reason)
    qtbot.mouseClick(panel.take_back_button, Qt.MouseButton.LeftButton)
    assert _status(room_db, topic_id) is TopicStatus.COLLECTED
    assert not panel.take_back_button.isVisible()
    history = panel.history_label.text()
    assert "征集 → 初选" in history and "初选 → 征集（居民意见尚未统一）" in history
