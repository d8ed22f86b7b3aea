"""The schema itself refuses bad rows, whatever code writes them."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from desktop.db import Database
from desktop.models import (
    AgendaItem,
    Attendance,
    Installation,
    Meeting,
    Member,
    Outcome,
    Participant,
    Room,
    Topic,
)
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Gender,
    MeetingForm,
    MemberLevel,
    OutcomeStatus,
    ParticipantKind,
    TopicSource,
    TopicStatus,
)


def _room_id(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def _meeting(db: Database) -> str:
    with db.session() as s:
        meeting = Meeting(room_id=_room_id(db), held_on=date(2026, 5, 1), form=MeetingForm.BENCH)
        s.add(meeting)
    return meeting.id


def _member(db: Database) -> str:
    with db.session() as s:
        member = Member(
            name="陈建华", gender=Gender.MALE, sector="中共", level=MemberLevel.DISTRICT
        )
        s.add(member)
    return member.id


def _participant(db: Database) -> str:
    with db.session() as s:
        person = Participant(room_id=_room_id(db), name="王秀英", kind=ParticipantKind.RESIDENT)
        s.add(person)
    return person.id


def test_enumeration_check_refuses_unknown_value(room_db: Database) -> None:
    meeting_id = _meeting(room_db)
    with pytest.raises(IntegrityError, match="ck_meeting_meeting_form"), room_db.session() as s:
        s.execute(text("UPDATE meeting SET form = 'party' WHERE id = :id"), {"id": meeting_id})


def test_enum_column_refuses_unknown_string_before_sql(room_db: Database) -> None:
    with pytest.raises(StatementError), room_db.session() as s:
        s.add(Meeting(room_id=_room_id(room_db), held_on=date(2026, 5, 1), form="party"))


def test_foreign_key_refuses_missing_room(room_db: Database) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), room_db.session() as s:
        s.add(Meeting(room_id="no-such-room", held_on=date(2026, 5, 1), form=MeetingForm.ONSITE))


def test_attendance_once_per_person_per_meeting(room_db: Database) -> None:
    meeting_id, member_id = _meeting(room_db), _member(room_db)

    def attend() -> Attendance:
        return Attendance(
            meeting_id=meeting_id,
            member_id=member_id,
            role=AttendanceRole.MEMBER,
            status=AttendanceStatus.PRESENT,
        )

    with room_db.session() as s:
        s.add(attend())
    with pytest.raises(IntegrityError, match="UNIQUE"), room_db.session() as s:
        s.add(attend())


def test_attendance_names_exactly_one_person(room_db: Database) -> None:
    meeting_id, member_id, person_id = _meeting(room_db), _member(room_db), _participant(room_db)
    for member, participant in ((None, None), (member_id, person_id)):
        with pytest.raises(IntegrityError, match="one_person"), room_db.session() as s:
            s.add(
                Attendance(
                    meeting_id=meeting_id,
                    member_id=member,
                    participant_id=participant,
                    role=AttendanceRole.MEMBER,
                    status=AttendanceStatus.PRESENT,
                )
            )


@pytest.mark.parametrize("reason", [None, ""])
def test_leave_needs_a_reason(room_db: Database, reason: str | None) -> None:
    meeting_id, member_id = _meeting(room_db), _member(room_db)
    with pytest.raises(IntegrityError, match="leave_has_reason"), room_db.session() as s:
        s.add(
            Attendance(
                meeting_id=meeting_id,
                member_id=member_id,
                role=AttendanceRole.MEMBER,
                status=AttendanceStatus.LEAVE,
                leave_reason=reason,
            )
        )


def test_absent_person_has_no_sign_in_time(room_db: Database) -> None:
    meeting_id, member_id = _meeting(room_db), _member(room_db)
    with pytest.raises(IntegrityError, match="signed_in_if_present"), room_db.session() as s:
        s.add(
            Attendance(
                meeting_id=meeting_id,
                member_id=member_id,
                role=AttendanceRole.MEMBER,
                status=AttendanceStatus.ABSENT,
                signed_in_at=time(9, 0),
            )
        )


def test_meeting_times_ordered_and_final_means_finalised(room_db: Database) -> None:
    with pytest.raises(IntegrityError, match="times_ordered"), room_db.session() as s:
        s.add(
            Meeting(
                room_id=_room_id(room_db),
                held_on=date(2026, 5, 1),
                form=MeetingForm.ONSITE,
                start_time=time(10),
                end_time=time(9),
            )
        )
    with pytest.raises(IntegrityError, match="final_iff_finalised"), room_db.session() as s:
        s.add(
            Meeting(
                room_id=_room_id(room_db),
                held_on=date(2026, 5, 1),
                form=MeetingForm.ONSITE,
                status="minutes_final",
            )
        )


def test_declined_topic_needs_reason_and_announced_needs_deadline(room_db: Database) -> None:
    def topic(**kw: object) -> Topic:
        return Topic(
            room_id=_room_id(room_db),
            title="加装电梯",
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 3, 1),
            **kw,
        )

    with pytest.raises(IntegrityError, match="declined_has_reason"), room_db.session() as s:
        s.add(topic(status=TopicStatus.DECLINED))
    with pytest.raises(IntegrityError, match="announced_has_deadline"), room_db.session() as s:
        s.add(topic(status=TopicStatus.ANNOUNCED))


def test_outcome_origin_and_not_possible_reason(room_db: Database) -> None:
    with pytest.raises(IntegrityError, match="one_origin"), room_db.session() as s:
        s.add(Outcome(room_id=_room_id(room_db), content="疏通河道"))
    meeting_id = _meeting(room_db)
    with room_db.session() as s:
        topic = Topic(
            room_id=_room_id(room_db),
            title="水环境",
            source=TopicSource.GRID,
            raised_on=date(2026, 3, 1),
        )
        s.add(topic)
        s.flush()
        item = AgendaItem(meeting_id=meeting_id, topic_id=topic.id, position=1)
        s.add(item)
    with pytest.raises(IntegrityError, match="not_possible_has_reason"), room_db.session() as s:
        s.add(
            Outcome(
                room_id=_room_id(room_db),
                agenda_item_id=item.id,
                content="疏通河道",
                status=OutcomeStatus.NOT_POSSIBLE,
            )
        )


def test_only_one_installation_row(room_db: Database) -> None:
    with pytest.raises(IntegrityError, match="single_row"), room_db.session() as s:
        s.execute(
            text(
                "INSERT INTO installation (id, node_id, role, name, created_at, "
                "change_counter) VALUES (2, 'x', 'room', 'x', '2026-01-01', 0)"
            )
        )


def test_member_has_no_id_card_field() -> None:
    columns = set(Member.__table__.columns.keys())
    assert not {c for c in columns if "id_card" in c or "identity" in c}
    assert Member.__table__.columns["phone"].nullable


def test_room_rows_readable_after_setup(room_db: Database) -> None:
    with room_db.session() as s:
        room = s.scalars(select(Room)).one()
        installation = s.get(Installation, 1)
    assert installation is not None and room.node_id == installation.node_id
    assert room.owner_node == installation.node_id
