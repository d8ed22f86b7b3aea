"""Taking back 初选, 公告, 已召开 and 取消 with a reason, until the minutes are final; every
move and every take-back is kept in the 状态变更记录. Deleting a meeting not held."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import Meeting, StatusChange, Topic
from desktop.models.enums import MeetingStatus, TopicStatus
from desktop.queries import meetings as meeting_queries
from desktop.queries.history import status_history
from desktop.workflow import RuleError, agenda
from desktop.workflow import meetings as meeting_flow
from desktop.workflow import topics as topic_flow
from tests.meeting_builders import RoomData, build_room

S = TopicStatus
M = MeetingStatus


@pytest.fixture
def data(room_db: Database) -> RoomData:
    return build_room(room_db)


def _status(db: Database, model: type[Topic] | type[Meeting], record_id: str) -> object:
    with db.session() as s:
        return s.get_one(model, record_id).status


def _changes(db: Database, **where: str) -> list[tuple[str, str, str]]:
    with db.session() as s:
        rows = s.scalars(select(StatusChange).filter_by(**where).order_by(StatusChange.at))
        return [(r.from_status, r.to_status, r.reason) for r in rows]


def test_shortlist_and_announce_are_taken_back_with_a_reason(
    room_db: Database, data: RoomData
) -> None:
    topic = data["t3"]  # 征集
    topic_flow.shortlist_topic(room_db, topic)
    with pytest.raises(RuleError, match="须填写理由"):
        topic_flow.take_back_topic(room_db, topic, reason="  ")
    assert _status(room_db, Topic, topic) is S.SHORTLISTED  # nothing written
    assert topic_flow.take_back_topic(room_db, topic, reason="误点了初选") is S.COLLECTED

    topic_flow.shortlist_topic(room_db, topic)
    today = clock.today()
    topic_flow.announce_topic(room_db, topic, on=today, claim_by=today + timedelta(days=14))
    assert topic_flow.take_back_topic(room_db, topic, reason="公告内容有误") is S.SHORTLISTED
    with room_db.session() as s:
        row = s.get_one(Topic, topic)
        assert (row.announced_on, row.claim_deadline) == (None, None)
    assert _changes(room_db, topic_id=topic) == [
        ("collected", "shortlisted", ""),
        ("shortlisted", "collected", "误点了初选"),
        ("collected", "shortlisted", ""),
        ("shortlisted", "announced", ""),
        ("announced", "shortlisted", "公告内容有误"),
    ]
    lines = status_history(room_db, topic_id=topic)
    assert [(x.from_label, x.to_label, x.reason) for x in lines][-1] == (
        "公告",
        "初选",
        "公告内容有误",
    )


def test_announcement_with_a_claim_and_a_topic_on_an_agenda_are_refused(
    room_db: Database, data: RoomData
) -> None:
    # A member's claim is the member's own act: it is withdrawn first, not swept away.
    with pytest.raises(RuleError, match="须先撤回认领"):
        topic_flow.take_back_topic(room_db, data["t2"], reason="重新公告")
    assert _status(room_db, Topic, data["t2"]) is S.CLAIMED
    with pytest.raises(RuleError, match="没有可撤销"):
        topic_flow.take_back_topic(room_db, data["t3"], reason="无")

    topic = data["t3"]
    topic_flow.shortlist_topic(room_db, topic)
    meeting = agenda.plan_meeting(room_db, data.room_id, held_on=clock.today())
    agenda.put_on_agenda(room_db, meeting, topic_id=topic)
    with pytest.raises(RuleError, match="请先从议程中移出"):
        topic_flow.take_back_topic(room_db, topic, reason="尚不成熟")
    # Once its meeting is deleted, the topic is free again.
    meeting_flow.delete_meeting(room_db, meeting)
    assert topic_flow.take_back_topic(room_db, topic, reason="尚不成熟") is S.COLLECTED


def test_held_is_taken_back_until_the_minutes_are_final(room_db: Database, data: RoomData) -> None:
    meeting = agenda.plan_meeting(room_db, data.room_id, held_on=clock.today())
    for key in ("t1", "t2"):  # announced, claimed
        agenda.put_on_agenda(room_db, meeting, topic_id=data[key])
    agenda.set_meeting_status(room_db, meeting, target=M.HELD)
    assert _status(room_db, Topic, data["t1"]) is S.DISCUSSED
    with pytest.raises(RuleError, match="须填写理由"):
        meeting_flow.take_back_status(room_db, meeting, reason="")

    assert meeting_flow.take_back_status(room_db, meeting, reason="日期记错，尚未召开") is M.PLANNED
    # The topics are back where they stood before the meeting.
    assert _status(room_db, Topic, data["t1"]) is S.ANNOUNCED
    assert _status(room_db, Topic, data["t2"]) is S.CLAIMED
    assert _changes(room_db, meeting_id=meeting) == [
        ("planned", "held", ""),
        ("held", "planned", "日期记错，尚未召开"),
    ]
    assert _changes(room_db, topic_id=data["t1"])[-1] == (
        "discussed",
        "announced",
        "日期记错，尚未召开",
    )
    assert meeting_queries.meeting_details(room_db, meeting).moves == {M.HELD, M.CANCELLED}

    # Held again, minutes drafted: still allowed; once final, refused.
    agenda.set_meeting_status(room_db, meeting, target=M.HELD)
    agenda.set_meeting_status(room_db, meeting, target=M.MINUTES_DRAFTED)
    assert M.PLANNED in meeting_queries.meeting_details(room_db, meeting).moves
    meeting_flow.take_back_status(room_db, meeting, reason="误操作")
    agenda.set_meeting_status(room_db, meeting, target=M.HELD)
    agenda.set_meeting_status(room_db, meeting, target=M.MINUTES_FINAL)
    with pytest.raises(RuleError, match="已定稿"):
        meeting_flow.take_back_status(room_db, meeting, reason="误操作")
    assert _status(room_db, Meeting, meeting) is M.MINUTES_FINAL
    assert M.PLANNED not in meeting_queries.meeting_details(room_db, meeting).moves


def test_cancel_is_taken_back_only_with_a_reason(room_db: Database, data: RoomData) -> None:
    meeting = agenda.plan_meeting(room_db, data.room_id, held_on=date(2026, 11, 20))
    agenda.set_meeting_status(room_db, meeting, target=M.CANCELLED)
    # 取消 is not undone by a plain status move: it needs the take-back and its reason.
    with pytest.raises(RuleError):
        agenda.set_meeting_status(room_db, meeting, target=M.PLANNED)
    with pytest.raises(RuleError, match="撤销「取消」须填写理由"):
        meeting_flow.take_back_status(room_db, meeting, reason=" ")
    assert meeting_flow.take_back_status(room_db, meeting, reason="场地已落实") is M.PLANNED
    assert _changes(room_db, meeting_id=meeting)[-1] == ("cancelled", "planned", "场地已落实")
    with pytest.raises(RuleError, match="没有可撤销"):
        meeting_flow.take_back_status(room_db, meeting, reason="再撤销")


def test_a_meeting_is_deleted_until_it_is_held(room_db: Database, data: RoomData) -> None:
    planned = agenda.plan_meeting(room_db, data.room_id, held_on=clock.today())
    cancelled = agenda.plan_meeting(room_db, data.room_id, held_on=clock.today())
    agenda.set_meeting_status(room_db, cancelled, target=M.CANCELLED)
    held = agenda.plan_meeting(room_db, data.room_id, held_on=clock.today())
    agenda.set_meeting_status(room_db, held, target=M.HELD)
    meeting_flow.delete_meeting(room_db, planned)
    meeting_flow.delete_meeting(room_db, cancelled)
    with pytest.raises(RuleError, match="不能删除"):
        meeting_flow.delete_meeting(room_db, held)
    with pytest.raises(RuleError, match="已删除"):
        meeting_flow.delete_meeting(room_db, planned)
    with room_db.session() as s:
        assert [s.get_one(Meeting, m).deleted for m in (planned, cancelled, held)] == [
            True,
            True,
            False,
        ]
