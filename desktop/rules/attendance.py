"""Who is expected at a meeting (the sign-in sheet's pre-fill) and the role each kind of
participant attends in; the sign-in sheet (a read) and sign-in (a write) both need them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.models import Assignment, Attendance, Meeting, Member, Participant, Room
from desktop.models.enums import AttendanceRole, AttendanceStatus, MeetingStatus, ParticipantKind
from desktop.rules.meetings import HELD_STATUSES

# How many of the room's last held meetings make someone a usual participant.
USUAL_WINDOW = 3

ROLE_OF_KIND: dict[ParticipantKind, AttendanceRole] = {
    ParticipantKind.RESIDENT: AttendanceRole.RESIDENT_REP,
    ParticipantKind.CADRE: AttendanceRole.CADRE,
    ParticipantKind.DEPARTMENT: AttendanceRole.DEPARTMENT_REP,
    ParticipantKind.GRID_WORKER: AttendanceRole.GRID_WORKER,
    ParticipantKind.EXPERT: AttendanceRole.EXPERT,
    ParticipantKind.OTHER: AttendanceRole.OBSERVER,
}


@dataclass(frozen=True)
class Expected:
    """Who the pre-fill suggests: the members assigned to the room and its usual participants."""

    member_ids: list[str]
    participant_ids: list[str]


def expected_people(session: Session, meeting: Meeting) -> Expected:
    """Members assigned to the room (or its area) on the meeting date, and usual participants."""
    room = session.get_one(Room, meeting.room_id)
    place = Assignment.room_id == room.id
    if room.area_id is not None:
        place = or_(place, Assignment.area_id == room.area_id)
    on = meeting.held_on
    # DISTINCT with the name it is ordered by: PostgreSQL orders only by what it selects.
    member_ids = list(
        session.scalars(
            select(Member.id, Member.name)
            .join(Assignment, Assignment.member_id == Member.id)
            .where(
                place,
                Assignment.deleted.is_(False),
                Member.deleted.is_(False),
                Member.active.is_(True),
                Assignment.start_date <= on,
                or_(Assignment.end_date.is_(None), Assignment.end_date >= on),
            )
            .distinct()
            .order_by(Member.name, Member.id)
        )
    )
    recent = (
        select(Meeting.id)
        .where(
            Meeting.room_id == room.id,
            Meeting.id != meeting.id,
            Meeting.deleted.is_(False),
            Meeting.status.in_(HELD_STATUSES),
            Meeting.held_on <= on,
        )
        .order_by(Meeting.held_on.desc())
        .limit(USUAL_WINDOW)
        .scalar_subquery()
    )
    participant_ids = list(
        session.scalars(
            select(Participant.id, Participant.name)
            .join(Attendance, Attendance.participant_id == Participant.id)
            .where(
                Attendance.meeting_id.in_(recent),
                Attendance.status == AttendanceStatus.PRESENT,
                Attendance.deleted.is_(False),
                Participant.deleted.is_(False),
                Participant.active.is_(True),
            )
            .distinct()
            .order_by(Participant.name, Participant.id)
        )
    )
    return Expected(member_ids, participant_ids)


def awaiting_sign_in(meeting: Meeting, *, today: date) -> bool:
    """Before a planned meeting's day nobody can have come: who has not signed in yet is
    待签到 (awaiting sign-in), not 缺席 (absent)."""
    return meeting.status is MeetingStatus.PLANNED and meeting.held_on > today
