"""Adding, editing and merging local participants."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import (
    AgendaItem,
    Amendment,
    Attendance,
    OpinionSlip,
    Participant,
    Room,
    Speech,
)
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    MeetingStatus,
    ParticipantKind,
    RoomKind,
)
from desktop.workflow import RuleError
from desktop.workflow.participants import (
    ParticipantData,
    ParticipantFieldError,
    create_participant,
    merge_participants,
    save_participant,
    update_participant,
)
from tests.desk_builders import (
    TODAY,
    add_meeting,
    add_participant,
    add_slip,
    add_topic,
    room_id_of,
)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (ParticipantData(name="  ", kind=ParticipantKind.RESIDENT), "name", "请填写姓名"),
        (ParticipantData(name="李科长", kind=ParticipantKind.DEPARTMENT), "unit", "须填写单位"),
        (
            ParticipantData(name="王大妈", kind=ParticipantKind.RESIDENT, phone="abc123"),
            "phone",
            "电话号码格式不正确",
        ),
    ],
)
def test_validation_names_the_field(
    room_db: Database, data: ParticipantData, field: str, message: str
) -> None:
    with pytest.raises(ParticipantFieldError, match=message) as caught, room_db.session() as s:
        create_participant(s, room_id=room_id_of(room_db), data=data)
    assert caught.value.field == field
    with room_db.session() as s:
        assert s.scalars(select(Participant)).all() == []


def test_create_and_update(room_db: Database) -> None:
    with room_db.session() as s:
        pid = create_participant(
            s,
            room_id=room_id_of(room_db),
            data=ParticipantData(
                name=" 李科长 ",
                kind=ParticipantKind.DEPARTMENT,
                unit="城管局",
                phone="0513-8501 2345",
            ),
        ).id
    with room_db.session() as s:
        update_participant(
            s, pid, ParticipantData(name="李建国", kind=ParticipantKind.EXPERT, position="教授")
        )
    with room_db.session() as s:
        p = s.get(Participant, pid)
        assert p is not None
        assert (p.name, p.kind, p.unit, p.position, p.phone) == (
            "李建国",
            ParticipantKind.EXPERT,
            None,
            "教授",
            None,
        )


def _attend(meeting_id: str, person: str, status: AttendanceStatus) -> Attendance:
    return Attendance(
        meeting_id=meeting_id,
        participant_id=person,
        role=AttendanceRole.RESIDENT_REP,
        status=status,
        leave_reason="生病" if status is AttendanceStatus.LEAVE else None,
        signed_in_at=time(9, 0) if status is AttendanceStatus.PRESENT else None,
    )


def test_merge_moves_references_and_keeps_one_attendance_per_meeting(room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        keep = add_participant(s, room, "王秀英")
        drop = add_participant(s, room, "王秀英", phone="13812345678")
        both = add_meeting(s, room, TODAY.replace(day=1), status=MeetingStatus.HELD)
        only_drop = add_meeting(s, room, TODAY.replace(day=2), status=MeetingStatus.HELD)
        topic = add_topic(s, room, "加装电梯")
        item = AgendaItem(meeting_id=only_drop.id, topic_id=topic.id, position=1)
        s.add(item)
        s.flush()
        s.add_all(
            [
                _attend(both.id, keep.id, AttendanceStatus.ABSENT),
                _attend(both.id, drop.id, AttendanceStatus.PRESENT),
                _attend(only_drop.id, drop.id, AttendanceStatus.LEAVE),
                Speech(
                    agenda_item_id=item.id,
                    position=1,
                    speaker_name="王秀英",
                    participant_id=drop.id,
                    summary="支持加装",
                ),
            ]
        )
        slip = add_slip(s, room, "路灯坏了", collected_on=TODAY)
        slip.collector_id = drop.id
        keep_id, drop_id, both_id, only_id = keep.id, drop.id, both.id, only_drop.id
        # Final minutes: the merge must record an amendment for them.
        only_drop.status = MeetingStatus.MINUTES_FINAL
        only_drop.finalised_at = only_drop.updated_at

    with room_db.session() as s:
        merge_participants(s, keep_id=keep_id, drop_id=drop_id)

    with room_db.session() as s:
        kept = s.get(Participant, keep_id)
        dropped = s.get(Participant, drop_id)
        assert kept is not None and dropped is not None
        assert dropped.deleted and not kept.deleted
        assert kept.phone == "13812345678"
        live = s.scalars(select(Attendance).where(Attendance.deleted.is_(False))).all()
        assert {(a.meeting_id, a.participant_id, a.status) for a in live} == {
            (both_id, keep_id, AttendanceStatus.PRESENT),
            (only_id, keep_id, AttendanceStatus.LEAVE),
        }
        assert s.scalars(select(Speech.participant_id)).all() == [keep_id]
        assert s.scalars(select(OpinionSlip.collector_id)).all() == [keep_id]
        amendments = s.scalars(select(Amendment)).all()
        assert [a.meeting_id for a in amendments] == [only_id]


def test_merge_refusals(room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        a = add_participant(s, room, "甲")
        other_room = Room(
            township_id=s.get(Room, room).township_id,  # type: ignore[union-attr]
            name="徐庄村协商议事室",
            village="徐庄村",
            kind=RoomKind.VILLAGE,
        )
        s.add(other_room)
        s.flush()
        b = add_participant(s, other_room.id, "甲")
        a_id, b_id = a.id, b.id
    with pytest.raises(RuleError, match="不同的协商议事室"), room_db.session() as s:
        merge_participants(s, keep_id=a_id, drop_id=b_id)
    with pytest.raises(RuleError, match="自己"), room_db.session() as s:
        merge_participants(s, keep_id=a_id, drop_id=a_id)
    with room_db.session() as s:
        assert not s.get(Participant, b_id).deleted  # type: ignore[union-attr]


def test_save_participant_adds_then_changes_one(room_db: Database) -> None:
    room = room_id_of(room_db)
    pid = save_participant(
        room_db, ParticipantData(name="王大妈", kind=ParticipantKind.RESIDENT), room_id=room
    )
    again = save_participant(
        room_db,
        ParticipantData(name="王秀英", kind=ParticipantKind.RESIDENT, phone="13812345678"),
        room_id=room,
        participant_id=pid,
    )
    assert again == pid
    with room_db.session() as s:
        assert [(p.id, p.name, p.phone) for p in s.scalars(select(Participant))] == [
            (pid, "王秀英", "13812345678")
        ]
