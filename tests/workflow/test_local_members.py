"""Local members of a room without a roster: added, matched with the roster, merged or kept."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import (
    ActivityMember,
    Attendance,
    Claim,
    Meeting,
    Member,
    SyncPeer,
    Topic,
)
from desktop.models.base import new_id
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Gender,
    MeetingForm,
    MemberLevel,
    TopicSource,
)
from desktop.models.stamping import StampContext
from desktop.rules import RuleError
from desktop.workflow import local_members
from desktop.workflow.local_members import LocalMemberData
from desktop.workflow.participants import ParticipantFieldError

DAY = date(2026, 10, 12)


def _district_member(db: Database, name: str, phone: str | None) -> str:
    """A roster row as a district bundle leaves it: owned by the district's node."""
    with db.session_as(StampContext(node_id=new_id(), user="区政协")) as session:
        member = Member(
            name=name, gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT, phone=phone
        )
        session.add(member)
        session.flush()
        return member.id


def _room(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def _meeting_and_topic(db: Database) -> tuple[str, str]:
    with db.session() as session:
        meeting = Meeting(room_id=_room(db), held_on=DAY, form=MeetingForm.BENCH)
        topic = Topic(
            room_id=_room(db), title="停车难", source=TopicSource.RESIDENTS, raised_on=DAY
        )
        session.add_all([meeting, topic])
        session.flush()
        return meeting.id, topic.id


def _attend(db: Database, meeting_id: str, member_id: str) -> str:
    with db.session() as session:
        row = Attendance(
            meeting_id=meeting_id,
            member_id=member_id,
            role=AttendanceRole.MEMBER,
            status=AttendanceStatus.PRESENT,
        )
        session.add(row)
        session.flush()
        return row.id


def test_a_room_adds_local_members_with_checked_fields(room_db: Database) -> None:
    member_id = local_members.save_local_member(
        room_db, LocalMemberData(name=" 张三 ", phone="138-0000-0002")
    )
    with room_db.session() as session:
        member = session.get(Member, member_id)
        assert member is not None and member.name == "张三"
        assert local_members.is_local(session, member)
    with pytest.raises(ParticipantFieldError, match="请填写姓名"):
        local_members.save_local_member(room_db, LocalMemberData(name="  "))
    with pytest.raises(ParticipantFieldError, match="电话号码格式不正确"):
        local_members.save_local_member(room_db, LocalMemberData(name="李四", phone="电话"))


def test_a_district_adds_no_local_members(district_db: Database) -> None:
    with pytest.raises(RuleError, match="只有议事室"):
        local_members.save_local_member(district_db, LocalMemberData(name="张三"))


def test_same_name_and_phone_merges_every_row_and_tombstones_the_local_one(
    room_db: Database,
) -> None:
    local = local_members.save_local_member(
        room_db, LocalMemberData(name="张三", phone="13800000002")
    )
    meeting_id, topic_id = _meeting_and_topic(room_db)
    attendance_id = _attend(room_db, meeting_id, local)
    with room_db.session() as session:
        session.add(Claim(topic_id=topic_id, member_id=local, claimed_on=DAY))
        topic = session.get(Topic, topic_id)
        assert topic is not None
        topic.proposed_by_member_id = local
    theirs = _district_member(room_db, "张三", "138 0000 0002")
    _district_member(room_db, "王五", "13800000002")  # same phone, other name: not him
    with room_db.session() as session:
        peer = SyncPeer(node_id=new_id(), role="district", name="崇川区政协", acked_through=7)
        session.add(peer)
    report = local_members.match_after_import(room_db)
    assert report.merged == [(local, theirs)] and report.pending == []
    with room_db.session() as session:
        attendance = session.get(Attendance, attendance_id)
        assert attendance is not None and attendance.member_id == theirs
        assert not attendance.deleted
        claim = session.scalars(select(Claim)).one()
        assert claim.member_id == theirs
        topic = session.get(Topic, topic_id)
        assert topic is not None and topic.proposed_by_member_id == theirs
        mine = session.get(Member, local)
        assert mine is not None and mine.deleted
        # What waited for the roster goes in the next bundle: it carries everything.
        assert session.scalars(select(SyncPeer.acked_through)).one() == 0


def test_same_name_other_phone_is_asked_and_keeping_stops_asking(room_db: Database) -> None:
    local = local_members.save_local_member(room_db, LocalMemberData(name="李四"))
    meeting_id, _topic = _meeting_and_topic(room_db)
    _attend(room_db, meeting_id, local)
    first = _district_member(room_db, "李四", "13900000003")
    second = _district_member(room_db, "李四", None)
    report = local_members.match_after_import(room_db)
    assert report.merged == []
    assert sorted(p.district_id for p in report.pending) == sorted([first, second])
    local_members.keep_member(room_db, local_id=local, district_id=first)
    assert [p.district_id for p in local_members.pending_for(room_db)] == [second]
    local_members.merge_member(room_db, local_id=local, district_id=second)
    assert local_members.pending_for(room_db) == []
    with room_db.session() as session:
        assert session.scalars(select(Attendance.member_id)).one() == second
    with pytest.raises(RuleError, match="已合并"):
        local_members.merge_member(room_db, local_id=local, district_id=first)


def test_a_meeting_both_attended_is_counted_once(room_db: Database) -> None:
    local = local_members.save_local_member(
        room_db, LocalMemberData(name="张三", phone="13800000002")
    )
    theirs = _district_member(room_db, "张三", "13800000002")
    meeting_id, topic_id = _meeting_and_topic(room_db)
    mine = _attend(room_db, meeting_id, local)
    kept = _attend(room_db, meeting_id, theirs)
    with room_db.session() as session:
        session.add(Claim(topic_id=topic_id, member_id=local, claimed_on=DAY))
    local_members.merge_member(room_db, local_id=local, district_id=theirs)
    with room_db.session() as session:
        live = session.scalars(select(Attendance).where(Attendance.deleted.is_(False))).all()
        assert [a.id for a in live] == [kept]
        tombstone = session.get(Attendance, mine)
        assert tombstone is not None and tombstone.deleted
        assert session.scalars(select(Claim.member_id)).one() == theirs


def test_merging_refuses_a_roster_member_as_the_local_one(room_db: Database) -> None:
    theirs = _district_member(room_db, "张三", "13800000002")
    other = _district_member(room_db, "张三", "13800000009")
    with pytest.raises(RuleError, match="已合并"):
        local_members.merge_member(room_db, local_id=theirs, district_id=other)
    local = local_members.save_local_member(room_db, LocalMemberData(name="张三"))
    also_local = local_members.save_local_member(room_db, LocalMemberData(name="张三"))
    with pytest.raises(RuleError, match="名册中没有"):
        local_members.merge_member(room_db, local_id=local, district_id=also_local)
    with room_db.session() as session:
        assert session.scalars(select(ActivityMember)).first() is None
