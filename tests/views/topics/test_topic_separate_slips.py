"""取消合并 from the topic's detail panel: choose merged slips there, confirm, and they are open
again while the topic stays; refused for a topic consulted on, or a slip deleted meanwhile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QMessageBox
from pytestqt.qtbot import QtBot

from desktop import clock
from desktop.db import Database
from desktop.models import OpinionSlip, Topic
from desktop.views.common.confirm import Confirmation, ask_confirmation
from desktop.views.topics.page import TopicsPage
from desktop.workflow import recycle
from desktop.workflow import slips as slip_rules
from desktop.workflow import topics as topic_rules
from tests.views.gui_helpers import when_shown

CONTENTS = ("路灯坏了", "晚上太黑", "路灯杆歪了")


@pytest.fixture
def slip_ids(room_db: Database) -> dict[str, str]:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    return {
        content: slip_rules.enter_slip(
            room_db,
            room_id=installation.room_id,
            collected_on=clock.today(),
            content=content,
            reporter_name="张三",
        )
        for content in CONTENTS
    }


@pytest.fixture
def topic_id(room_db: Database, slip_ids: dict[str, str]) -> str:
    return slip_rules.raise_grid_topic(
        room_db, list(slip_ids.values()), title="路灯不亮", raised_on=clock.today()
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


def topic_of(db: Database, slip_id: str) -> str | None:
    with db.session() as session:
        return session.get_one(OpinionSlip, slip_id).topic_id


def click_slip(qtbot: QtBot, slips: QListWidget, content: str, *, add: bool = False) -> None:
    """Click the slip's line in the list (Ctrl+click adds it to the ones chosen)."""
    rows = [row for row in range(slips.count()) if content in slips.item(row).text()]
    assert len(rows) == 1, f"{content} listed {len(rows)} times"
    where = slips.visualItemRect(slips.item(rows[0])).center()
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(slips.viewport(), Qt.MouseButton.LeftButton, modifier, where)


def listed(slips: QListWidget) -> list[str]:
    return [slips.item(row).text() for row in range(slips.count())]


def test_chosen_slips_are_separated_after_confirming_and_the_topic_stays(
    qtbot: QtBot,
    page: TopicsPage,
    room_db: Database,
    topic_id: str,
    slip_ids: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Confirmation, "ask", staticmethod(ask_confirmation))
    panel = page.detail_panel
    assert len(listed(panel.slips_list)) == 3
    assert panel.separate_button.isVisible() and not panel.separate_button.isEnabled()

    click_slip(qtbot, panel.slips_list, "路灯坏了")
    click_slip(qtbot, panel.slips_list, "路灯杆歪了", add=True)
    assert panel.separate_button.isEnabled()
    assert set(panel.selected_slip_ids()) == {slip_ids["路灯坏了"], slip_ids["路灯杆歪了"]}

    questions: list[str] = []

    def answer(key: Qt.Key) -> None:
        def press(box: QMessageBox) -> None:
            questions.append(box.text())
            qtbot.keyClick(box, key)

        when_shown(QMessageBox, press)

    # Escape: nothing is separated.
    answer(Qt.Key.Key_Escape)
    qtbot.mouseClick(panel.separate_button, Qt.MouseButton.LeftButton)
    assert all(topic_of(room_db, slip_id) == topic_id for slip_id in slip_ids.values())

    # Enter confirms: the two chosen slips leave the topic, the third stays in it.
    answer(Qt.Key.Key_Return)
    qtbot.mouseClick(panel.separate_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 2
    assert all("路灯不亮" in text and "2" in text for text in questions)
    assert topic_of(room_db, slip_ids["路灯坏了"]) is None
    assert topic_of(room_db, slip_ids["路灯杆歪了"]) is None
    assert topic_of(room_db, slip_ids["晚上太黑"]) == topic_id
    with room_db.session() as session:
        topic = session.get_one(Topic, topic_id)
        assert topic.title == "路灯不亮" and not topic.deleted

    # The panel shows the topic again, with the one slip left and nothing chosen.
    assert page.current_id == topic_id
    left = listed(panel.slips_list)
    assert len(left) == 1 and "晚上太黑" in left[0]
    assert not panel.separate_button.isEnabled()


def test_a_slip_deleted_meanwhile_is_refused_under_the_buttons(
    qtbot: QtBot, page: TopicsPage, room_db: Database, topic_id: str, slip_ids: dict[str, str]
) -> None:
    panel = page.detail_panel
    click_slip(qtbot, panel.slips_list, "晚上太黑")
    recycle.delete_slips(room_db, [slip_ids["晚上太黑"]])  # on the opinions page, say
    qtbot.mouseClick(panel.separate_button, Qt.MouseButton.LeftButton)
    assert panel.action_message.isVisible() and "删除" in panel.action_message.text()
    assert topic_of(room_db, slip_ids["路灯坏了"]) == topic_id


def test_slips_of_a_topic_consulted_on_cannot_be_chosen(
    qtbot: QtBot, page: TopicsPage, room_db: Database, topic_id: str
) -> None:
    with room_db.session() as session:
        topic = session.get_one(Topic, topic_id)
        source, raised_on = topic.source, topic.raised_on
    topic_rules.edit_topic(
        room_db, topic_id, title="路灯不亮", source=source, raised_on=raised_on, immediate=True
    )
    topic_rules.consult_now(room_db, topic_id)
    assert page.select_topic(topic_id)
    panel = page.detail_panel
    assert len(listed(panel.slips_list)) == 3
    assert not panel.separate_button.isVisible()
    click_slip(qtbot, panel.slips_list, "路灯坏了")
    assert panel.selected_slip_ids() == []
