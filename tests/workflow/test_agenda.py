"""The meeting record: details, agenda order, speeches, consensus, outcomes, status moves."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import AgendaItem, Meeting, Outcome, Speech, Topic
from desktop.models.enums import Consensus, MeetingStatus, TopicStatus
from desktop.workflow import RuleError, agenda
from tests.meeting_builders import RoomData, agenda_items, build_room


@pytest.fixture
def data(room_db: Database) -> RoomData:
    return build_room(room_db)


@pytest.fixture
def meeting_id(room_db: Database, data: RoomData) -> str:
    with room_db.session() as s:
        return agenda.create_meeting(s, room_id=data.room_id, held_on=date(2026, 11, 20)).id


def test_details_report_what_changed_and_check_times(room_db: Database, meeting_id: str) -> None:
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        assert agenda.update_details(meeting, title=" 议事会 ", place="") == ["title"]
        assert agenda.update_details(meeting, title="议事会") == []
        with pytest.raises(RuleError, match="结束时间"):
            agenda.update_details(meeting, start_time=time(10), end_time=time(9))


def test_a_meetings_date_cannot_move_past_its_outcomes_dates(
    room_db: Database, data: RoomData
) -> None:
    """Fuzzing found amended minutes moved a year later than the outcome completed."""
    with room_db.session() as s:
        meeting = agenda.create_meeting(s, room_id=data.room_id, held_on=date(2025, 6, 1))
        item = agenda.add_topic(s, meeting, s.get_one(Topic, data.ids["t1"]))
        outcome = agenda.add_outcome(s, item, content="争取加装电梯财政补贴资金")
        outcome.completed_on = date(2025, 8, 28)
        meeting_id = meeting.id
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        with pytest.raises(RuleError, match="已于 2025年08月28日 办结"):
            agenda.update_details(meeting, held_on=date(2025, 9, 1))
        assert agenda.update_details(meeting, held_on=date(2025, 8, 28)) == ["held_on"]
    with room_db.session() as s:
        outcome = s.scalars(select(Outcome).where(Outcome.content.startswith("争取"))).one()
        outcome.fed_back_on = date(2025, 8, 30)
    with room_db.session() as s, pytest.raises(RuleError, match=r"反馈|办结"):
        agenda.update_details(s.get_one(Meeting, meeting_id), held_on=date(2025, 8, 31))


def test_agenda_add_reorder_remove(room_db: Database, data: RoomData, meeting_id: str) -> None:
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        agenda.add_topic(s, meeting, s.get_one(Topic, data["t1"]))
        agenda.add_topic(s, meeting, s.get_one(Topic, data["t2"]))
        agenda.add_immediate_topic(s, meeting, title="临时：垃圾分类", raised_on=date(2026, 11, 20))
        with pytest.raises(RuleError, match="已在议程"):
            agenda.add_topic(s, meeting, s.get_one(Topic, data["t1"]))
        with pytest.raises(RuleError, match="征集"):
            agenda.add_topic(s, meeting, s.get_one(Topic, data["t3"]))
    items = agenda_items(room_db, meeting_id)
    assert [i.topic_id for i in items[:2]] == [data["t1"], data["t2"]]
    with room_db.session() as s:
        agenda.move_item(s, s.get_one(AgendaItem, items[2].id), -1)
        agenda.move_item(s, s.get_one(AgendaItem, items[0].id), -1)  # already first
    moved = agenda_items(room_db, meeting_id)
    assert [i.id for i in moved] == [items[0].id, items[2].id, items[1].id]
    assert [i.position for i in moved] == [1, 2, 3]
    with room_db.session() as s:
        agenda.remove_item(s, s.get_one(AgendaItem, items[0].id))
    left = agenda_items(room_db, meeting_id)
    assert [(i.id, i.position) for i in left] == [(items[2].id, 1), (items[1].id, 2)]
    with room_db.session() as s:  # a removed topic comes back at the end
        agenda.add_topic(s, s.get_one(Meeting, meeting_id), s.get_one(Topic, data["t1"]))
    assert [i.id for i in agenda_items(room_db, meeting_id)][-1] == items[0].id


def test_speeches_consensus_outcomes_and_held_moves_topics(
    room_db: Database, data: RoomData, meeting_id: str
) -> None:
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        item = agenda.add_topic(s, meeting, s.get_one(Topic, data["t1"]))
        agenda.add_topic(s, meeting, s.get_one(Topic, data["t4"]))
        agenda.add_speech(
            s, item, speaker_name="王建国", summary="建议分批加装", member_id=data["m1"]
        )
        agenda.add_speech(s, item, speaker_name="路人甲", summary="赞成")
        with pytest.raises(RuleError, match="发言要点"):
            agenda.add_speech(s, item, speaker_name="王建国", summary="")
        assert agenda.set_consensus(item, consensus=Consensus.AGREED, text="同意", votes_for=12)
        assert not agenda.set_consensus(item, consensus=Consensus.AGREED, text="同意", votes_for=12)
        agenda.add_outcome(s, item, content="申请加装补贴", responsible_unit="街道城管科")
        with pytest.raises(RuleError, match="办理时限"):
            agenda.add_outcome(s, item, content="x", deadline=date(2026, 1, 1))
        with pytest.raises(RuleError, match="不能移除"):
            agenda.remove_item(s, item)
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        with pytest.raises(RuleError, match="尚未到"):
            agenda.change_status(s, meeting, MeetingStatus.HELD, today=date(2026, 11, 1))
        agenda.change_status(s, meeting, MeetingStatus.HELD, today=date(2026, 11, 29))
    with room_db.session() as s:
        assert s.get_one(Topic, data["t1"]).status is TopicStatus.DISCUSSED
        assert s.get_one(Topic, data["t4"]).status is TopicStatus.DISCUSSED
        assert s.get_one(Topic, data["t2"]).status is TopicStatus.CLAIMED
        speeches = s.scalars(select(Speech).order_by(Speech.position)).all()
        assert [(sp.speaker_name, sp.position) for sp in speeches] == [("王建国", 1), ("路人甲", 2)]
        outcome = s.scalars(select(Outcome)).one()
        assert outcome.room_id == data.room_id
        agenda.change_status(s, s.get_one(Meeting, meeting_id), MeetingStatus.MINUTES_FINAL)
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        assert meeting.status is MeetingStatus.MINUTES_FINAL and meeting.finalised_at


def test_shortlisted_topic_that_is_not_immediate_blocks_held(
    room_db: Database, data: RoomData, meeting_id: str
) -> None:
    with room_db.session() as s:
        topic = s.get_one(Topic, data["t3"])
        topic.status = TopicStatus.SHORTLISTED
        agenda.add_topic(s, s.get_one(Meeting, meeting_id), topic)
    with pytest.raises(RuleError, match="已协商"), room_db.session() as s:
        agenda.change_status(
            s, s.get_one(Meeting, meeting_id), MeetingStatus.HELD, today=date(2026, 11, 29)
        )
    with room_db.session() as s:  # nothing half-saved
        assert s.get_one(Meeting, meeting_id).status is MeetingStatus.PLANNED


def test_topic_added_after_the_meeting_was_held_is_discussed(
    room_db: Database, data: RoomData, meeting_id: str
) -> None:
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        agenda.change_status(s, meeting, MeetingStatus.HELD, today=date(2026, 11, 29))
        agenda.add_topic(s, meeting, s.get_one(Topic, data["t2"]))
    with room_db.session() as s:
        assert s.get_one(Topic, data["t2"]).status is TopicStatus.DISCUSSED


def test_draft_saves_details_and_consensus_and_says_whether_anything_changed(
    room_db: Database, data: RoomData, meeting_id: str
) -> None:
    agenda.put_on_agenda(room_db, meeting_id, topic_id=data["t1"])
    item_id = agenda_items(room_db, meeting_id)[0].id
    draft = agenda.ConsensusDraft(item_id, Consensus.AGREED, " 同意 ", 9, None, None)
    details = {"title": " 议事会 ", "held_on": date(2026, 11, 21)}
    assert agenda.save_draft(room_db, meeting_id, details=details, consensus=draft)
    assert not agenda.save_draft(room_db, meeting_id, details=details, consensus=draft)
    with pytest.raises(RuleError, match="结束时间"):
        agenda.save_draft(
            room_db, meeting_id, details={"start_time": time(10), "end_time": time(9)}
        )
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        assert (meeting.title, meeting.held_on) == ("议事会", date(2026, 11, 21))
        item = s.get_one(AgendaItem, item_id)
        assert (item.consensus, item.consensus_text, item.votes_for) == (
            Consensus.AGREED,
            "同意",
            9,
        )


def test_a_held_meeting_cannot_be_moved_into_the_future() -> None:
    meeting = Meeting(status=MeetingStatus.HELD, held_on=clock.today())
    with pytest.raises(RuleError, match="日期不能晚于今天"):
        agenda.update_details(meeting, held_on=clock.today() + timedelta(days=1))
    assert meeting.held_on == clock.today()
    planned = Meeting(status=MeetingStatus.PLANNED, held_on=clock.today())
    assert agenda.update_details(planned, held_on=clock.today() + timedelta(days=1)) == ["held_on"]
