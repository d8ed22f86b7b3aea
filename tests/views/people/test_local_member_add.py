"""A room without the district's roster adds its own member, who then claims a topic; when
the roster arrives with the same name, the pending match is decided from the 委员 tab."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Claim, Member, Topic
from desktop.models.base import new_id
from desktop.models.enums import Gender, MemberLevel, TopicSource, TopicStatus
from desktop.models.stamping import StampContext
from desktop.queries.topics import member_choices
from desktop.views.people.local_member_dialog import LocalMemberDialog
from desktop.views.people.member_match_dialog import MemberMatchDialog
from desktop.views.people.page import PeoplePage
from desktop.workflow.topics import claim_topic
from tests.views.gui_helpers import type_text, when_shown

TODAY = date(2026, 11, 29)


def _page(qtbot: QtBot, db: Database) -> PeoplePage:
    page = PeoplePage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _room_id(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def _announced_topic(db: Database) -> str:
    with db.session() as session:
        topic = Topic(
            room_id=_room_id(db),
            title="小区停车难",
            source=TopicSource.RESIDENTS,
            raised_on=TODAY,
            status=TopicStatus.ANNOUNCED,
            announced_on=TODAY,
            claim_deadline=TODAY + timedelta(days=7),
        )
        session.add(topic)
        session.flush()
        return topic.id


def _add_local(qtbot: QtBot, page: PeoplePage, name: str, phone: str) -> str:
    seen: list[str] = []

    def fill(dialog: LocalMemberDialog) -> None:
        dialog.buttons.accepted.emit()  # no name: refused beside it, the dialog stays
        assert dialog.isVisible()
        seen.append(dialog.name_message.text())
        type_text(dialog.name_edit, name)
        type_text(dialog.phone_edit, "abc")
        dialog.buttons.accepted.emit()
        seen.append(dialog.phone_message.text())
        dialog.phone_edit.clear()
        type_text(dialog.phone_edit, phone)
        type_text(dialog.sector_edit, "社会福利和社会保障界")
        dialog.gender_combo.setCurrentIndex(dialog.gender_combo.findData(Gender.FEMALE.value))
        dialog.buttons.accepted.emit()

    when_shown(LocalMemberDialog, fill)
    tab = page.members
    assert tab.add_local_button.isVisible()
    tab.add_local_button.click()
    assert seen == ["请填写姓名", "电话号码格式不正确，只能包含数字、空格和“-”"]
    member_id = tab.selected_id()
    assert member_id is not None
    return member_id


def test_a_room_adds_a_local_member_who_claims_a_topic(qtbot: QtBot, room_db: Database) -> None:
    page = _page(qtbot, room_db)
    tab = page.members
    assert tab.model.total() == 0
    assert not tab.match_button.isVisible()  # nothing to match yet
    member_id = _add_local(qtbot, page, "周丽娟", "13905130001")

    assert tab.model.total() == 1
    row = tab.selected()
    assert row is not None and row.name == "周丽娟" and row.phone == "13905130001"
    with room_db.session() as session:
        member = session.get(Member, member_id)
        assert member is not None and member.gender is Gender.FEMALE
        # The claim form's list names them.
        assert member_id in {c.id for c in member_choices(session, _room_id(room_db))}

    topic_id = _announced_topic(room_db)
    claim_topic(room_db, topic_id, member_id=member_id, on=TODAY)
    with room_db.session() as session:
        claim = session.scalars(select(Claim).where(Claim.topic_id == topic_id)).one()
        assert claim.member_id == member_id


def test_a_pending_match_is_decided_from_the_members_tab(qtbot: QtBot, room_db: Database) -> None:
    page = _page(qtbot, room_db)
    local_id = _add_local(qtbot, page, "周丽娟", "13905130001")
    topic_id = _announced_topic(room_db)
    claim_topic(room_db, topic_id, member_id=local_id, on=TODAY)
    # The district's roster arrives: the same name, another phone, so a person decides.
    with room_db.session_as(StampContext(node_id=new_id(), user="区政协")) as session:
        theirs = Member(
            name="周丽娟",
            gender=Gender.FEMALE,
            sector="社会福利和社会保障界",
            level=MemberLevel.DISTRICT,
            phone="13905139999",
        )
        session.add(theirs)
        session.flush()
        district_id = theirs.id
    tab = page.members
    tab.refresh()
    assert tab.match_button.isVisible()
    assert tab.match_button.text() == "本室委员与名册核对（1）"  # the 同步 page's words

    def merge(dialog: MemberMatchDialog) -> None:
        assert len(dialog.merge_buttons) == 1
        dialog.merge_buttons[0].click()
        dialog.reject()

    when_shown(MemberMatchDialog, merge)
    tab.match_button.click()
    assert not tab.match_button.isVisible()
    assert tab.model.total() == 1
    with room_db.session() as session:
        claim = session.scalars(select(Claim).where(Claim.topic_id == topic_id)).one()
        assert claim.member_id == district_id
        local = session.get(Member, local_id)
        assert local is not None and local.deleted
