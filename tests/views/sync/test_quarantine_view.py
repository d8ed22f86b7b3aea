"""The 同步 page's 待核对的记录 tab: both sides of a quarantined record, and the two buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import QuarantinedRecord, Topic
from desktop.sync.quarantine import QuarantineEntry, Resolution
from desktop.views.sync.page import Folder, SyncPage
from desktop.views.sync.quarantine_view import QuarantineView
from tests.sync.quarantine_helpers import make_quarantine
from tests.sync_pair import Pair, add_topic

OTHER = "同一版本的另一内容"


@pytest.fixture
def page(qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SyncPage:
    usb = tmp_path / "usb"
    add_topic(pair.room, "路灯不亮")
    make_quarantine(pair.room, pair.district, usb, title=OTHER)
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", usb)])
    sync_page = SyncPage(pair.district)
    qtbot.addWidget(sync_page)
    sync_page.resize(1140, 700)
    sync_page.show()
    return sync_page


class Answer:
    """Stands in for the confirmation box: records what was asked, gives a set answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[Resolution] = []

    def __call__(self, _entry: QuarantineEntry, choice: Resolution) -> bool:
        self.asked.append(choice)
        return self.answer


def _answer(monkeypatch: pytest.MonkeyPatch, answer: bool) -> Answer:
    stand_in = Answer(answer)
    monkeypatch.setattr(QuarantineView, "confirm", stand_in)
    return stand_in


def _title(db: Database) -> str:
    with db.session() as session:
        return session.scalars(select(Topic.title)).one()


def _resolution(db: Database) -> str | None:
    with db.session() as session:
        return session.scalars(select(QuarantinedRecord.resolution)).one()


def _row(view: QuarantineView, row: int) -> list[str]:
    model = view.fields_model
    return [model.item(row, column).text() for column in range(model.columnCount())]


def test_the_tab_shows_both_sides_and_take_incoming_writes_them(
    qtbot: QtBot, page: SyncPage, pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = page.tabs.quarantine_view
    tab = page.tabs.indexOf(view)
    assert page.tabs.tabText(tab) == "待核对的记录（1）"
    page.tabs.setCurrentIndex(tab)
    assert view.stack.currentIndex() == 1
    assert view.list_model.rowCount() == 1
    assert view.list_model.item(0, 1).text() == "R0001_again.yishi"
    assert view.list_model.item(0, 2).text() == "议题"
    assert view.list_model.item(0, 4).text() == "标题"
    assert _row(view, 0) == ["标题", "路灯不亮", OTHER]
    assert view.keep_button.text() == "保留本机" and view.take_button.text() == "采用对方"
    assert view.take_button.isEnabled() and view.note.text() == ""

    answer = _answer(monkeypatch, False)
    qtbot.mouseClick(view.take_button, Qt.MouseButton.LeftButton)
    assert answer.asked == [Resolution.TAKE_INCOMING]
    assert _title(pair.district) == "路灯不亮" and _resolution(pair.district) is None

    answer.answer = True
    with qtbot.waitSignal(view.record_settled):
        qtbot.mouseClick(view.take_button, Qt.MouseButton.LeftButton)

    assert _title(pair.district) == OTHER
    assert _resolution(pair.district) == "take_incoming"
    assert view.stack.currentIndex() == 0 and view.empty_label.isVisible()
    assert page.tabs.tabText(tab) == "待核对的记录"


def test_keep_local_settles_it_and_changes_nothing_else(
    qtbot: QtBot, page: SyncPage, pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = page.tabs.quarantine_view
    page.tabs.setCurrentWidget(view)
    answer = _answer(monkeypatch, True)

    with qtbot.waitSignal(view.record_settled):
        qtbot.mouseClick(view.keep_button, Qt.MouseButton.LeftButton)

    assert answer.asked == [Resolution.KEEP_LOCAL]
    assert _title(pair.district) == "路灯不亮"
    assert _resolution(pair.district) == "keep_local"
    assert view.list_model.rowCount() == 0 and view.stack.currentIndex() == 0
    page.refresh()
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "待核对的记录"


def test_the_room_sees_the_empty_state(qtbot: QtBot, pair: Pair) -> None:
    view = QuarantineView(pair.room)
    qtbot.addWidget(view)
    view.show()
    assert view.stack.currentIndex() == 0
    assert view.empty_label.text().startswith("没有待核对的记录")
