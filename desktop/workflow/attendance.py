"""Sign-in (签到): who is expected at a meeting, who came, who asked for leave, walk-ins."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import Attendance, Meeting, Participant
from desktop.models.base import new_id
from desktop.models.enums import AttendanceRole, AttendanceStatus, MeetingStatus, ParticipantKind
from desktop.rules import RuleError
from desktop.rules.attendance import ROLE_OF_KIND, expected_people
from desktop.workflow.meetings import Amending, edit
from desktop.workflow.stale import still_there

AS = AttendanceStatus


def _existing(session: Session, meeting_id: str) -> list[Attendance]:
    return list(session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)))


def prefill(session: Session, meeting: Meeting) -> int:
    """Add the expected people not yet on the list, as absent until they sign in; the count."""
    people = expected_people(session, meeting)
    added = 0
    for member_id in people.member_ids:
        added += _expect(session, meeting, member_id=member_id) is not None
    for participant_id in people.participant_ids:
        added += _expect(session, meeting, participant_id=participant_id) is not None
    return added


def _expect(
    session: Session,
    meeting: Meeting,
    *,
    member_id: str | None = None,
    participant_id: str | None = None,
) -> Attendance | None:
    """Put one person on the expected list; None when they already are on it."""
    row = next(
        (
            a
            for a in _existing(session, meeting.id)
            if (member_id and a.member_id == member_id)
            or (participant_id and a.participant_id == participant_id)
        ),
        None,
    )
    if row is not None:
        if not row.deleted and row.expected:
            return None
        # A removed row comes back (one row per person and meeting, even after removal).
        if row.deleted:
            row.deleted = False
            row.status = AS.ABSENT
            row.signed_in_at = None
            row.leave_reason = None
        row.expected = True
        return row
    if member_id is not None:
        role = AttendanceRole.MEMBER
    else:
        assert participant_id is not None  # add_expected takes exactly one of the two
        participant = still_there(session, Participant, participant_id)
        role = ROLE_OF_KIND[participant.kind]
    # Ids given here, not at flush: see desktop.workflow.agenda.add_topic.
    row = Attendance(
        id=new_id(),
        meeting_id=meeting.id,
        member_id=member_id,
        participant_id=participant_id,
        role=role,
        status=AS.ABSENT,
        expected=True,
    )
    session.add(row)
    return row


def add_expected(
    session: Session,
    meeting: Meeting,
    *,
    member_id: str | None = None,
    participant_id: str | None = None,
) -> Attendance | None:
    """Invite one more member or participant (counts toward 应到)."""
    if (member_id is None) == (participant_id is None):
        raise ValueError("give exactly one of member_id and participant_id")
    return _expect(session, meeting, member_id=member_id, participant_id=participant_id)


def sign_in(session: Session, attendance_ids: Iterable[str], *, at: time) -> int:
    """Mark many present at once (签到), signed in at `at`; returns how many changed."""
    changed = 0
    for attendance_id in attendance_ids:
        row = still_there(session, Attendance, attendance_id)
        if row.status is AS.PRESENT:
            continue
        row.status = AS.PRESENT
        row.signed_in_at = at.replace(microsecond=0)
        row.leave_reason = None
        changed += 1
    return changed


# Kept for a leave asked without a reason: the sign-in sheet always says something.
NO_LEAVE_REASON = "未说明"


def mark_leave(session: Session, attendance_ids: Iterable[str], *, reason: str = "") -> None:
    """请假; the reason is optional (a phone call minutes before rarely comes with one)."""
    reason = reason.strip() or NO_LEAVE_REASON
    for attendance_id in attendance_ids:
        row = still_there(session, Attendance, attendance_id)
        row.status = AS.LEAVE
        row.signed_in_at = None
        row.leave_reason = reason


def mark_absent(session: Session, attendance_ids: Iterable[str]) -> None:
    for attendance_id in attendance_ids:
        row = still_there(session, Attendance, attendance_id)
        row.status = AS.ABSENT
        row.signed_in_at = None
        row.leave_reason = None


def remove(session: Session, attendance_ids: Iterable[str]) -> None:
    """Take people off the list (tombstoned, as every synced row)."""
    for attendance_id in attendance_ids:
        still_there(session, Attendance, attendance_id).deleted = True


def add_walk_in(session: Session, meeting: Meeting, line: str, *, at: time) -> Attendance:
    """A walk-in (not expected): creates the participant if new, present now; counts in 实到."""
    name, unit, position = split_walk_in(line)
    participant = session.scalar(
        select(Participant).where(
            Participant.room_id == meeting.room_id,
            Participant.name == name,
            Participant.deleted.is_(False),
            (Participant.unit == unit) if unit else Participant.unit.is_(None),
        )
    )
    if participant is None:
        participant = Participant(
            id=new_id(),
            room_id=meeting.room_id,
            name=name,
            kind=ParticipantKind.OTHER if unit else ParticipantKind.RESIDENT,
            unit=unit,
            position=position,
        )
        session.add(participant)
    row = session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.participant_id == participant.id
        )
    )
    if row is not None and not row.deleted and row.status is AS.PRESENT:
        raise RuleError(f"{name} 已签到")
    if row is None:
        row = Attendance(
            id=new_id(),
            meeting_id=meeting.id,
            participant_id=participant.id,
            role=ROLE_OF_KIND[participant.kind],
            status=AS.PRESENT,
            expected=False,
        )
        session.add(row)
    elif row.deleted:
        row.deleted = False
        row.expected = False
    row.status = AS.PRESENT
    row.leave_reason = None
    row.signed_in_at = at.replace(microsecond=0)
    return row


def split_walk_in(line: str) -> tuple[str, str | None, str | None]:
    """ "姓名 单位/职务" → (name, unit, position); unit and position are optional."""
    parts = line.strip().split(maxsplit=1)
    if not parts:
        raise RuleError("请输入来人姓名，例如：李明 城管局/科员")
    name = parts[0]
    if len(name) > 50:
        raise RuleError("姓名过长（最多 50 个字）")
    if len(parts) == 1:
        return name, None, None
    unit, _, position = re.sub("／", "/", parts[1]).partition("/")
    return name, unit.strip() or None, position.strip() or None


# The sign-in tab's actions, each in one unit of work; `amending` carries the reason when the
# minutes are final (desktop.workflow.meetings.edit). Sign-in times are the clock's now.


def fill_in_expected(db: Database, meeting_id: str, *, amending: Amending | None = None) -> int:
    return edit(db, meeting_id, change=prefill, amending=amending)


def on_the_day(meeting: Meeting) -> None:
    """Nobody signs in to a meeting whose day has not come (`yishi check` agrees)."""
    if meeting.status is MeetingStatus.PLANNED and meeting.held_on > clock.today():
        raise RuleError(f"会议定于 {meeting.held_on.isoformat()} 召开，当天才能签到")


def sign_in_now(
    db: Database, meeting_id: str, *, attendance_ids: list[str], amending: Amending | None = None
) -> int:
    at = clock.now().time()

    def change(session: Session, meeting: Meeting) -> int:
        on_the_day(meeting)
        return sign_in(session, attendance_ids, at=at)

    return edit(db, meeting_id, change=change, amending=amending)


def put_on_leave(
    db: Database,
    meeting_id: str,
    *,
    attendance_ids: list[str],
    reason: str = "",
    amending: Amending | None = None,
) -> None:
    edit(
        db,
        meeting_id,
        change=lambda s, _m: mark_leave(s, attendance_ids, reason=reason),
        amending=amending,
    )


def record_absent(
    db: Database, meeting_id: str, *, attendance_ids: list[str], amending: Amending | None = None
) -> None:
    edit(db, meeting_id, change=lambda s, _m: mark_absent(s, attendance_ids), amending=amending)


def take_off_list(
    db: Database, meeting_id: str, *, attendance_ids: list[str], amending: Amending | None = None
) -> None:
    edit(db, meeting_id, change=lambda s, _m: remove(s, attendance_ids), amending=amending)


def invite(
    db: Database,
    meeting_id: str,
    *,
    member_id: str | None = None,
    participant_id: str | None = None,
    amending: Amending | None = None,
) -> None:
    edit(
        db,
        meeting_id,
        change=lambda s, m: add_expected(s, m, member_id=member_id, participant_id=participant_id),
        amending=amending,
    )


def sign_in_walk_in(
    db: Database, meeting_id: str, *, line: str, amending: Amending | None = None
) -> None:
    at = clock.now().time()

    def change(session: Session, meeting: Meeting) -> None:
        on_the_day(meeting)
        add_walk_in(session, meeting, line, at=at)

    edit(db, meeting_id, change=change, amending=amending)
