"""社情民意: slips typed with Enter only, merged into a topic, attached to it; in the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import OpinionSlip, Participant, Topic
from desktop.models.enums import ParticipantKind, TopicSource, TopicStatus
from desktop.models.stamping import StampContext
from desktop.views.opinions.dialogs import AttachSlipsDialog, MergeSlipsDialog
from desktop.views.opinions.page import OpinionsPage
from tests.views.gui_helpers import type_text, when_shown

COLLECTED = date(2026, 11, 20)


@pytest.fixture
def worker(room_db: Database) -> str:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    with room_db.session() as session:
        person = Participant(
            room_id=installation.room_id,
            name="严红",
            kind=ParticipantKind.GRID_WORKER,
            position="第一网格专职网格员",
        )
        session.add(person)
        session.flush()
        return person.id


@pytest.fixture
def page(qtbot: QtBot, room_db: Database, worker: str) -> OpinionsPage:
    widget = OpinionsPage(room_db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def fill_sticky_fields(page: OpinionsPage) -> None:
    page.date_edit.setDate(QDate(COLLECTED.year, COLLECTED.month, COLLECTED.day))
    page.collector_combo.setCurrentIndex(page.collector_combo.findText("严红"))
    page.collector_combo.activated.emit(page.collector_combo.currentIndex())


def type_slip(qtbot: QtBot, page: OpinionsPage, content: str, reporter: str | None) -> None:
    """Content, Enter, reporter (or 匿名), Enter, category, Enter: no mouse at all."""
    assert QApplication.focusWidget() is page.content_edit
    type_text(page.content_edit, content)
    qtbot.keyClick(page.content_edit, Qt.Key.Key_Return)
    if reporter is None:
        assert QApplication.focusWidget() is page.reporter_edit
        qtbot.keyClick(page.reporter_edit, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is page.anonymous_box
        qtbot.keyClick(page.anonymous_box, Qt.Key.Key_Space)
        qtbot.keyClick(page.anonymous_box, Qt.Key.Key_Tab)
    else:
        assert QApplication.focusWidget() is page.reporter_edit
        type_text(page.reporter_edit, reporter)
        qtbot.keyClick(page.reporter_edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.category_combo
    line = page.category_combo.lineEdit()
    assert line is not None
    type_text(line, "城市建管")
    qtbot.keyClick(page.category_combo, Qt.Key.Key_Return)


def select_rows(page: OpinionsPage, contents: list[str]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.model.rowCount()):
        if page.model.row_at(row).content in contents:
            selection.select(
                page.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def slips(db: Database) -> list[OpinionSlip]:
    with db.session() as session:
        return list(session.scalars(select(OpinionSlip).order_by(OpinionSlip.content)))


def test_three_slips_by_keyboard_then_merge_two_and_attach_the_third(
    qtbot: QtBot, page: OpinionsPage, room_db: Database, worker: str
) -> None:
    fill_sticky_fields(page)
    assert page.grid_combo.currentText() == "第一网格"  # from the grid worker's position
    # Enter walks the sticky fields too: date → grid → grid worker → content.
    page.date_edit.setFocus()
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.grid_combo
    qtbot.keyClick(page.grid_combo, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.collector_combo
    qtbot.keyClick(page.collector_combo, Qt.Key.Key_Return)
    type_slip(qtbot, page, "楼道灯坏了一个月没人修", "张三")
    type_slip(qtbot, page, "晚上路灯不亮，老人出门不方便", None)
    type_slip(qtbot, page, "小区门口路灯被车撞坏", "李四")

    # After each save: a fresh content field; date, grid and collector stay filled.
    assert QApplication.focusWidget() is page.content_edit
    assert page.content_edit.text() == "" and page.reporter_edit.text() == ""
    assert page.grid_combo.currentText() == "第一网格"
    assert page.collector_combo.currentText() == "严红"
    assert page.date_edit.date() == QDate(2026, 11, 20)
    assert page.model.rowCount() == 3

    stored = slips(room_db)
    assert [(s.content, s.reporter_name, s.anonymous) for s in stored] == [
        ("小区门口路灯被车撞坏", "李四", False),
        ("晚上路灯不亮，老人出门不方便", None, True),
        ("楼道灯坏了一个月没人修", "张三", False),
    ]
    assert {(s.collected_on, s.grid, s.collector_id, s.category) for s in stored} == {
        (COLLECTED, "第一网格", worker, "城市建管")
    }

    # Merge two into a new grid topic (网格征题).
    select_rows(page, ["楼道灯坏了一个月没人修", "晚上路灯不亮，老人出门不方便"])
    assert page.merge_button.isEnabled()

    def name_topic(dialog: MergeSlipsDialog) -> None:
        type_text(dialog.title_edit, "路灯和楼道灯不亮")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_shown(MergeSlipsDialog, name_topic)
    with qtbot.waitSignal(page.topic_created):
        assert page.merge_selected()
    # The list shows what is not yet handled: the third slip only.
    assert [page.model.row_at(r).content for r in range(page.model.rowCount())] == [
        "小区门口路灯被车撞坏"
    ]

    # Attach the third to that topic, picked by searching its title.
    select_rows(page, ["小区门口路灯被车撞坏"])

    def pick_topic(dialog: AttachSlipsDialog) -> None:
        type_text(dialog.search_edit, "路灯")
        assert dialog.select_title("路灯和楼道灯不亮")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_shown(AttachSlipsDialog, pick_topic)
    with qtbot.waitSignal(page.slips_attached):
        assert page.attach_selected()
    assert page.model.rowCount() == 0

    with room_db.session() as session:
        topic = session.scalars(select(Topic)).one()
        assert (topic.title, topic.source, topic.status) == (
            "路灯和楼道灯不亮",
            TopicSource.GRID,
            TopicStatus.COLLECTED,
        )
        assert topic.category == "城市建管"
    assert {s.topic_id for s in slips(room_db)} == {topic.id}

    # The link shows both ways: the slip list names the topic.
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(page.scope_combo.itemData(2)))
    assert {page.model.row_at(r).topic_title for r in range(page.model.rowCount())} == {
        "路灯和楼道灯不亮"
    }


def test_empty_content_is_refused_beside_the_field(
    qtbot: QtBot, page: OpinionsPage, room_db: Database
) -> None:
    fill_sticky_fields(page)
    page.content_edit.setFocus()
    type_text(page.reporter_edit, "张三")
    page.save_button.click()
    message = page.messages["content"]
    assert message.isVisible() and message.text() == "请填写反映内容"
    assert QApplication.focusWidget() is page.content_edit
    assert page.reporter_edit.text() == "张三"  # nothing typed is lost
    assert slips(room_db) == []

    type_text(page.content_edit, "垃圾桶太少")
    page.reporter_edit.clear()
    page.save_button.click()
    assert page.messages["reporter"].isVisible()
    assert "匿名" in page.messages["reporter"].text()
    assert not message.isVisible()
    assert slips(room_db) == []


def test_search_finds_one_character(qtbot: QtBot, page: OpinionsPage) -> None:
    fill_sticky_fields(page)
    page.content_edit.setFocus()
    type_slip(qtbot, page, "楼道灯坏了", "张三")
    type_slip(qtbot, page, "垃圾桶太少", "李四")
    qtbot.keyClick(page, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_edit
    type_text(page.search_edit, "灯")
    assert [page.model.row_at(r).content for r in range(page.model.rowCount())] == ["楼道灯坏了"]


def test_slip_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, page: OpinionsPage
) -> None:
    fill_sticky_fields(page)
    page.content_edit.setFocus()
    type_slip(qtbot, page, "楼道灯坏了", "张三")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_district_reads_every_rooms_slips_without_the_form(
    qtbot: QtBot, district_db: Database, district_room_id: str
) -> None:
    room_id = district_room_id
    with district_db.session_as(StampContext(node_id="room-node-1", user="secretary")) as session:
        session.add(
            OpinionSlip(room_id=room_id, collected_on=COLLECTED, content="路灯不亮", anonymous=True)
        )
    page = OpinionsPage(district_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert not page.entry.isVisible() and not page.merge_button.isVisible()
    page.scope_combo.setCurrentIndex(2)
    assert page.model.rowCount() == 1
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "议事室"
    assert page.model.index(0, 0).data() == "和平桥社区协商议事室"
    assert page.model.index(0, 4).data() == "匿名"
