"""议题: only the allowed next steps are offered; announce, claim and decline reach the database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import Claim, Member, Room, Topic
from desktop.models.enums import Gender, MemberLevel, TopicSource, TopicStatus
from desktop.models.stamping import StampContext
from desktop.views.topics.dialogs import (
    AnnounceDialog,
    ClaimDialog,
    DeclineDialog,
    NewTopicDialog,
)
from desktop.views.topics.page import TopicsPage
from desktop.workflow import topics as rules
from desktop.workflow.agenda import put_immediate_on_agenda
from desktop.workflow.district_work import plan_office_meeting
from tests.views.gui_helpers import type_text, when_shown


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def ok(buttons: QDialogButtonBox) -> QPushButton:
    button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


@pytest.fixture
def topics(room_db: Database) -> dict[str, str]:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    ids: dict[str, str] = {}
    with room_db.session() as session:
        session.add(
            Member(name="保杰", gender=Gender.MALE, sector="中国共产党", level=MemberLevel.DISTRICT)
        )
        for title, immediate in (("路灯不亮", False), ("广场舞扰民", False), ("暴雨积水", True)):
            topic = rules.create_topic(
                session,
                room_id=installation.room_id,
                title=title,
                source=TopicSource.RESIDENTS,
                raised_on=clock.today(),
                immediate=immediate,
            )
            session.flush()
            ids[title] = topic.id
    return ids


@pytest.fixture
def page(qtbot: QtBot, room_db: Database, topics: dict[str, str]) -> TopicsPage:
    widget = TopicsPage(room_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def visible_actions(page: TopicsPage) -> list[QPushButton]:
    return [b for b in page.detail_panel.action_buttons if b.isVisible()]


def stored(db: Database, topic_id: str) -> Topic:
    with db.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None
        return topic


def test_shortlist_announce_claim_and_decline(
    qtbot: QtBot, page: TopicsPage, room_db: Database, topics: dict[str, str]
) -> None:
    panel = page.detail_panel
    assert page.select_topic(topics["路灯不亮"])
    assert visible_actions(page) == [panel.shortlist_button, panel.decline_button]
    panel.shortlist_button.click()
    assert stored(room_db, topics["路灯不亮"]).status is TopicStatus.SHORTLISTED
    # Shortlisting can be taken back (撤销初选), with a reason.
    assert visible_actions(page) == [
        panel.announce_button,
        panel.decline_button,
        panel.take_back_button,
    ]

    # A claim deadline before the announcement is refused beside the field; then corrected.
    def announce(dialog: AnnounceDialog) -> None:
        dialog.announce_edit.setDate(qdate(clock.today()))
        dialog.deadline_edit.setDate(qdate(clock.today() - timedelta(days=1)))
        ok(dialog.buttons).click()
        assert dialog.isVisible() and dialog.deadline_message.isVisible()
        assert dialog.deadline_message.text() == "认领截止日期不能早于公告日期"
        dialog.deadline_edit.setDate(qdate(clock.today() + timedelta(days=10)))
        ok(dialog.buttons).click()

    when_shown(AnnounceDialog, announce)
    assert page.announce_current()
    topic = stored(room_db, topics["路灯不亮"])
    assert (topic.status, topic.announced_on, topic.claim_deadline) == (
        TopicStatus.ANNOUNCED,
        clock.today(),
        clock.today() + timedelta(days=10),
    )
    assert panel.claim_button.isVisible()

    def claim(dialog: ClaimDialog) -> None:
        assert dialog.member_combo.itemText(0) == "保杰（中国共产党）"
        ok(dialog.buttons).click()  # nobody chosen yet
        assert dialog.isVisible() and dialog.member_message.isVisible()
        dialog.member_combo.setCurrentIndex(0)
        ok(dialog.buttons).click()

    when_shown(ClaimDialog, claim)
    assert page.claim_current()
    assert stored(room_db, topics["路灯不亮"]).status is TopicStatus.CLAIMED
    with room_db.session() as session:
        claimed = session.scalars(select(Claim)).one()
        member = session.get(Member, claimed.member_id)
        assert member is not None and member.name == "保杰" and claimed.claimed_on == clock.today()
    assert "保杰" in panel.claims_label.text()
    # 已协商 is reached through a meeting: nothing more to press here but another claim, or
    # withdrawing one (it then no longer counts in duty scoring).
    assert visible_actions(page) == [panel.claim_button, panel.unclaim_button]
    asked: list[list[str]] = []

    def first_claimant(names: list[str]) -> str:
        asked.append(names)
        return names[0]

    page.ask_claimant = first_claimant  # type: ignore[method-assign]
    panel.unclaim_button.click()
    assert len(asked) == 1 and asked[0][0].startswith("保杰")
    assert stored(room_db, topics["路灯不亮"]).status is TopicStatus.ANNOUNCED
    assert visible_actions(page) == [
        panel.claim_button,
        panel.decline_button,
        panel.take_back_button,
    ]

    # Decline another: a reason is required, shown beside the field.
    assert page.select_topic(topics["广场舞扰民"])

    def decline(dialog: DeclineDialog) -> None:
        ok(dialog.buttons).click()
        assert dialog.isVisible() and dialog.reason_message.text() == "不予立项须填写理由"
        dialog.reason_edit.setPlainText("属物业管理范围，已转物业处理")
        ok(dialog.buttons).click()

    when_shown(DeclineDialog, decline)
    assert page.decline_current()
    declined = stored(room_db, topics["广场舞扰民"])
    assert declined.status is TopicStatus.DECLINED
    assert declined.decline_reason == "属物业管理范围，已转物业处理"
    assert visible_actions(page) == []


def test_immediate_topics_can_be_consulted_at_once(
    page: TopicsPage, room_db: Database, topics: dict[str, str]
) -> None:
    assert page.select_topic(topics["暴雨积水"])
    assert page.detail_panel.discuss_button.isVisible()
    page.detail_panel.discuss_button.click()
    assert stored(room_db, topics["暴雨积水"]).status is TopicStatus.DISCUSSED
    assert visible_actions(page) == []


def test_filters_and_one_character_search(
    page: TopicsPage, room_db: Database, topics: dict[str, str]
) -> None:
    assert page.model.rowCount() == 3
    page.status_filter.setCurrentIndex(page.status_filter.findData(TopicStatus.DECLINED))
    assert page.model.rowCount() == 0
    page.status_filter.setCurrentIndex(0)
    type_text(page.search_edit, "灯")
    assert [page.model.row_at(r).title for r in range(page.model.rowCount())] == ["路灯不亮"]
    page.search_edit.clear()
    page.source_filter.setCurrentIndex(page.source_filter.findData(TopicSource.GRID))
    assert page.model.rowCount() == 0


def test_new_topic_with_ctrl_n_needs_the_member_for_a_member_topic(
    qtbot: QtBot, page: TopicsPage, room_db: Database
) -> None:
    def fill(dialog: NewTopicDialog) -> None:
        type_text(dialog.title_edit, "老旧小区加装电梯")
        dialog.source_combo.setCurrentIndex(dialog.source_combo.findData(TopicSource.MEMBER))
        assert dialog.proposer_combo.isVisible()
        ok(dialog.buttons).click()
        assert dialog.isVisible() and dialog.proposer_message.text() == "委员荐题须注明推荐委员"
        dialog.proposer_combo.setCurrentIndex(1)
        dialog.immediate_box.setChecked(True)
        ok(dialog.buttons).click()

    when_shown(NewTopicDialog, fill)
    with qtbot.waitSignal(page.topic_changed):
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    with room_db.session() as session:
        topic = session.scalars(select(Topic).where(Topic.title == "老旧小区加装电梯")).one()
        assert topic.source is TopicSource.MEMBER and topic.immediate
        assert topic.proposed_by_member_id is not None
    assert page.current_id == topic.id
    assert page.detail_panel.detail_title.text() == "老旧小区加装电梯"


def test_empty_title_is_refused(page: TopicsPage, room_db: Database) -> None:
    def fill(dialog: NewTopicDialog) -> None:
        ok(dialog.buttons).click()
        assert dialog.title_message.text() == "议题标题不能为空"
        dialog.reject()

    when_shown(NewTopicDialog, fill)
    assert not page.new_topic()
    with room_db.session() as session:
        assert len(session.scalars(select(Topic)).all()) == 3


def test_district_sees_every_room_read_only(
    qtbot: QtBot, qtmodeltester: object, district_db: Database, district_room_id: str
) -> None:
    room_id = district_room_id
    context = StampContext(node_id="room-node-1", user="secretary")
    with district_db.session_as(context) as session:
        topic = rules.create_topic(
            session,
            room_id=room_id,
            title="路灯不亮",
            source=TopicSource.GRID,
            raised_on=clock.today(),
        )
        session.flush()
        topic_id = topic.id
    page = TopicsPage(district_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.room_filter.isVisible() and not page.new_button.isVisible()
    assert page.model.headerData(0, Qt.Orientation.Horizontal) != page.model.headerData(
        1, Qt.Orientation.Horizontal
    )
    assert page.model.row_at(0).room_name == "和平桥社区协商议事室"
    assert page.select_topic(topic_id)
    assert visible_actions(page) == []
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_topic_list_model_passes_the_model_tester(qtmodeltester: object, page: TopicsPage) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_district_filter_lists_the_offices_after_the_rooms(
    qtbot: QtBot, district_db: Database, district_room_id: str
) -> None:
    with district_db.session() as session:
        township_id = session.get_one(Room, district_room_id).township_id
    # The district's and the township's own meetings, each with an immediate topic.
    for township, title in ((None, "区级专题协商"), (township_id, "街道协商议题")):
        meeting_id = plan_office_meeting(district_db, township_id=township, held_on=clock.today())
        put_immediate_on_agenda(district_db, meeting_id, title=title)
    with district_db.session_as(StampContext(node_id="room-node-1", user="秘书")) as session:
        rules.create_topic(
            session,
            room_id=district_room_id,
            title="路灯不亮",
            source=TopicSource.GRID,
            raised_on=clock.today(),
        )
    page = TopicsPage(district_db)
    qtbot.addWidget(page)
    combo = page.room_filter
    entries = [combo.itemText(i) for i in range(combo.count())]
    # All rooms, the rooms, a separator, then the offices under their own names.
    assert entries[1:] == ["和平桥社区协商议事室", "", "崇川区政协", "和平桥街道政协工委"]
    assert combo.itemData(2) is None and not combo.model().item(2).isEnabled()  # type: ignore[attr-defined]
    combo.setCurrentIndex(entries.index("和平桥街道政协工委"))
    assert [page.model.row_at(r).title for r in range(page.model.rowCount())] == ["街道协商议题"]
    combo.setCurrentIndex(entries.index("和平桥社区协商议事室"))
    assert [page.model.row_at(r).title for r in range(page.model.rowCount())] == ["路灯不亮"]
    # A refresh keeps the chosen office.
    combo.setCurrentIndex(entries.index("崇川区政协"))
    page.refresh()
    assert combo.currentText() == "崇川区政协"
    assert [page.model.row_at(r).title for r in range(page.model.rowCount())] == ["区级专题协商"]
