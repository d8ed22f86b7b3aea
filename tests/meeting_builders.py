"""A room with members, participants, topics and past meetings, for the meeting tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from desktop.db import Database
from desktop.models import (
    AgendaItem,
    Area,
    Assignment,
    Attendance,
    Meeting,
    Member,
    Participant,
    Room,
)
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    ParticipantKind,
    TopicSource,
    TopicStatus,
)
from desktop.workflow import topics as topic_rules


@dataclass
class RoomData:
    """Ids by short name: room, members m1…m4, participants p1…p4, topics t1…t4."""

    room_id: str
    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def build_room(db: Database) -> RoomData:
    """m1 assigned to the room, m2 to its area, m3 assigned but ended, m4 unassigned;
    p1, p2 came to recent held meetings, p3 only to an old one, p4 never;
    t1 announced, t2 claimed, t3 collected, t4 immediate and collected."""
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    data = RoomData(installation.room_id)
    ids = data.ids
    with db.session() as s:
        room = s.get_one(Room, data.room_id)
        area = Area(township_id=room.township_id, name="第一片区")
        s.add(area)
        s.flush()
        room.area_id = area.id
        for key, name in (("m1", "王建国"), ("m2", "陈丽华"), ("m3", "张卫东"), ("m4", "刘芳")):
            member = Member(
                name=name,
                gender=Gender.MALE,
                sector="经济界",
                level=MemberLevel.DISTRICT,
                workplace="区工商联",
            )
            s.add(member)
            s.flush()
            ids[key] = member.id
        s.add(Assignment(member_id=ids["m1"], room_id=room.id, start_date=date(2025, 1, 1)))
        s.add(Assignment(member_id=ids["m2"], area_id=area.id, start_date=date(2025, 1, 1)))
        s.add(
            Assignment(
                member_id=ids["m3"],
                room_id=room.id,
                start_date=date(2024, 1, 1),
                end_date=date(2025, 6, 30),
            )
        )
        for key, name, kind in (
            ("p1", "赵大妈", ParticipantKind.RESIDENT),
            ("p2", "钱书记", ParticipantKind.CADRE),
            ("p3", "孙老师", ParticipantKind.RESIDENT),
            ("p4", "李网格", ParticipantKind.GRID_WORKER),
        ):
            participant = Participant(room_id=room.id, name=name, kind=kind)
            s.add(participant)
            s.flush()
            ids[key] = participant.id
        # Four held meetings: p3 came only to the oldest, outside the last three.
        for index, (held_on, people) in enumerate(
            (
                (date(2026, 1, 10), ["p3"]),
                (date(2026, 3, 10), ["p1"]),
                (date(2026, 5, 10), ["p2"]),
                (date(2026, 7, 10), ["p1"]),
            )
        ):
            meeting = Meeting(
                room_id=room.id,
                title=f"往期活动{index}",
                held_on=held_on,
                form=MeetingForm.ONSITE,
                status=MeetingStatus.HELD,
            )
            s.add(meeting)
            s.flush()
            for person in people:
                s.add(
                    Attendance(
                        meeting_id=meeting.id,
                        participant_id=ids[person],
                        role=AttendanceRole.RESIDENT_REP,
                        status=AttendanceStatus.PRESENT,
                        signed_in_at=time(9, 0),
                    )
                )
        for key, title, status, immediate in (
            ("t1", "老旧小区加装电梯", TopicStatus.ANNOUNCED, False),
            ("t2", "背街小巷路灯维修", TopicStatus.CLAIMED, False),
            ("t3", "菜市场周边停车", TopicStatus.COLLECTED, False),
            ("t4", "小区门口积水", TopicStatus.COLLECTED, True),
        ):
            topic = topic_rules.create_topic(
                s,
                room_id=room.id,
                title=title,
                source=TopicSource.RESIDENTS,
                raised_on=date(2026, 10, 1),
                immediate=immediate,
            )
            topic.status = status
            if status is TopicStatus.ANNOUNCED or status is TopicStatus.CLAIMED:
                topic.announced_on = date(2026, 10, 5)
                topic.claim_deadline = date(2026, 10, 20)
            s.flush()
            ids[key] = topic.id
    return data


def agenda_items(db: Database, meeting_id: str) -> list[AgendaItem]:
    from sqlalchemy import select

    with db.session() as s:
        return list(
            s.scalars(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
                .order_by(AgendaItem.position)
            )
        )
