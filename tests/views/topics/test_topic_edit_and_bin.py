"""议题: edit a topic, delete it to the 回收站, restore it; Ctrl+Z in the form's fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop import clock
from desktop.db import Database
from desktop.models import AgendaItem, Meeting, OpinionSlip, Topic
from desktop.models.enums import MeetingForm, MeetingStatus, TopicSource, TopicStatus
from desktop.views.common.recycle_bin import RecycleBinDialog
from desktop.views.topics.dialogs import EditTopicDialog, NewTopicDialog
from desktop.views.topics.page import TopicsPage
from desktop.workflow import slips as slip_rules
from tests.views.gui_helpers import type_text, when_shown


def room_of(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def ok(buttons: QDialogButtonBox) -> QPushButton:
    button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


@pytest.fixture
def topic_id(room_db: Database) -> str:
    slips = [
        slip_rules.enter_slip(
            room_db,
            room_id=room_of(room_db),
            collected_on=clock.today(),
            content=content,
            reporter_name="张三",
        )
        for content in ("路灯坏了", "晚上太黑")
    ]
    return slip_rules.raise_grid_topic(room_db, slips, title="路灯不亮", raised_on=clock.today())


@pytest.fixture
def page(qtbot: QtBot, room_db: Database, topic_id: str) -> TopicsPage:
    widget = TopicsPage(room_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(db: Database, topic_id: str) -> Topic:
    with db.session() as session:
        topic = session.get_one(Topic, topic_id)
        session.expunge(topic)
        return topic


def test_edit_the_topic_in_its_form(qtbot: QtBot, page: TopicsPage, room_db: Database) -> None:
    topic_id = page.model.row_at(0).id
    assert page.select_topic(topic_id)
    panel = page.detail_panel
    assert panel.edit_button.isVisible() and panel.delete_button.isVisible()

    def fill(dialog: EditTopicDialog) -> None:
        assert dialog.title_edit.text() == "路灯不亮"
        assert dialog.source() is TopicSource.GRID
        assert "路灯坏了" in dialog.description_edit.toPlainText()
        dialog.title_edit.selectAll()
        type_text(dialog.title_edit, "和平桥路灯不亮")
        line = dialog.category_combo.lineEdit()
        assert line is not None
        line.clear()
        type_text(line, "城市建管")
        ok(dialog.buttons).click()

    when_shown(EditTopicDialog, fill)
    with qtbot.waitSignal(page.topic_changed):
        panel.edit_button.click()
    topic = stored(room_db, topic_id)
    assert (topic.title, topic.category, topic.source) == (
        "和平桥路灯不亮",
        "城市建管",
        TopicSource.GRID,
    )
    assert panel.detail_title.text() == "和平桥路灯不亮"

    # Once consulted on, there is nothing to correct any more: the button goes.
    with room_db.session() as session:
        session.get_one(Topic, topic_id).status = TopicStatus.DISCUSSED
    page.refresh()
    assert page.select_topic(topic_id)
    assert not panel.edit_button.isVisible()


def test_delete_then_restore_from_the_recycle_bin(
    qtbot: QtBot, page: TopicsPage, room_db: Database, topic_id: str
) -> None:
    assert page.select_topic(topic_id)
    asked: list[str] = []

    def confirm(text: str) -> bool:
        asked.append(text)
        return True

    page.confirm_delete = confirm  # type: ignore[method-assign]
    page.detail_panel.delete_button.click()
    assert len(asked) == 1 and "路灯不亮" in asked[0] and "2" in asked[0]
    assert stored(room_db, topic_id).deleted
    assert page.model.rowCount() == 0 and page.current_id is None
    with room_db.session() as session:
        # The slips went with it, still merged.
        assert {s.topic_id for s in session.query(OpinionSlip)} == {topic_id}

    seen: list[str] = []

    def restore(dialog: RecycleBinDialog) -> None:
        try:
            item = dialog.table.item(0, 1)
            seen.append(item.text() if item is not None else "")
            # Keyboard only: the list has the focus, the first entry is chosen, Enter restores.
            dialog.table.setFocus()
            qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
            seen.append("empty" if dialog.empty_label.isVisibleTo(dialog) else "still there")
        finally:
            dialog.done(0)

    when_shown(RecycleBinDialog, restore)
    page.recycle_button.click()
    assert seen[1:] == ["empty"] and "路灯不亮" in seen[0] and "2" in seen[0]
    assert not stored(room_db, topic_id).deleted
    assert page.model.rowCount() == 1 and page.current_id == topic_id
    assert page.detail_panel.detail_title.text() == "路灯不亮"
    slips = page.detail_panel.slips_list
    assert any("路灯坏了" in slips.item(row).text() for row in range(slips.count()))


def test_a_refused_delete_says_why_and_a_cancelled_one_does_nothing(
    page: TopicsPage, room_db: Database, topic_id: str
) -> None:
    with room_db.session() as session:
        meeting = Meeting(
            room_id=room_of(room_db),
            title="三月议事会",
            held_on=clock.today(),
            form=MeetingForm.ONSITE,
            status=MeetingStatus.PLANNED,
        )
        session.add(meeting)
        session.flush()
        session.add(AgendaItem(meeting_id=meeting.id, topic_id=topic_id, position=1))
    assert page.select_topic(topic_id)
    page.confirm_delete = lambda text: False  # type: ignore[method-assign]
    page.detail_panel.delete_button.click()
    assert not stored(room_db, topic_id).deleted
    page.confirm_delete = lambda text: True  # type: ignore[method-assign]
    page.detail_panel.delete_button.click()
    message = page.detail_panel.action_message
    assert message.isVisible() and "请先从议程中移除" in message.text()
    assert not stored(room_db, topic_id).deleted


def test_ctrl_z_takes_back_typing_in_the_topic_form(qtbot: QtBot, page: TopicsPage) -> None:
    texts: list[str] = []

    def type_and_undo(dialog: NewTopicDialog) -> None:
        try:
            dialog.title_edit.setFocus()
            type_text(dialog.title_edit, "老旧小区加装电梯")
            qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            texts.append(dialog.title_edit.text())
            dialog.title_edit.redo()
            texts.append(dialog.title_edit.text())
            dialog.description_edit.setFocus()
            qtbot.keyClicks(dialog.description_edit, "lift")
            qtbot.keyClick(
                dialog.description_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
            )
            texts.append(dialog.description_edit.toPlainText())
        finally:
            dialog.edited = False
            dialog.done(0)

    when_shown(NewTopicDialog, type_and_undo)
    assert not page.new_topic()
    assert texts == ["", "老旧小区加装电梯", ""]
