"""The district's alerts (工作台): the rules of what is silent, late or missing, as data.

- a silent room: enrolled, working, and no bundle for `rooms.silent_days` days (45) or more —
  the rooms page's own rule (desktop.queries.rooms), exactly at the threshold included;
- overdue outcomes by responsible unit (desktop.queries.supervision);
- minutes not final `alerts.minutes_due_days` days (7) or more after the meeting was held;
- a room that has held no meeting this quarter (calendar quarters: January, April, July and
  October start one), with the day of its last meeting if any.

The desk (desktop.queries.desk) words and orders them; `today` is a parameter, so tests fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import settings
from desktop.models import Meeting, Room, Township
from desktop.models.enums import MeetingStatus
from desktop.queries.rooms import RoomStanding, rooms_overview
from desktop.queries.supervision import SupervisionFilter, UnitSummary, unit_summaries
from desktop.rules.rooms import host_name, is_room

# Meetings that took place: held, or with minutes drafted or final.
TOOK_PLACE = (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_FINAL)
NOT_FINAL = (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED)


def quarter_start(day: date) -> date:
    """The first day of the calendar quarter `day` is in."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: date) -> date:
    """The last day of the calendar quarter `day` is in."""
    start = quarter_start(day)
    following = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return following - timedelta(days=1)


def silent_rooms(session: Session, *, today: date) -> list[RoomStanding]:
    """Enrolled, working rooms silent for the setting's days or more, longest first."""
    overview = rooms_overview(session, today=today, count_records=False)
    return sorted(overview.silent, key=lambda r: (-(r.days_silent or 0), r.township, r.name))


def overdue_units(session: Session, *, today: date) -> list[UnitSummary]:
    """Units with overdue outcomes, most overdue first."""
    return unit_summaries(session, SupervisionFilter(overdue_only=True), today=today)


@dataclass(frozen=True)
class LateMinutes:
    """A meeting held `days` ago whose minutes are not final yet."""

    meeting_id: str
    title: str
    room_name: str
    held_on: date
    days: int


def minutes_not_final(
    session: Session, *, today: date, limit: int, due_days: int | None = None
) -> list[LateMinutes]:
    """Meetings held `due_days` (the setting) days ago or more and not final, oldest first."""
    if due_days is None:
        due_days = settings.get(session, settings.MINUTES_DUE_DAYS)
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.held_on, Room.name, Room.kind)
        .join(Room, Room.id == Meeting.room_id)
        .where(
            Meeting.deleted.is_(False),
            Meeting.status.in_(NOT_FINAL),
            Meeting.held_on <= today - timedelta(days=due_days),
        )
        .order_by(Meeting.held_on, Meeting.id)
        .limit(limit)
    ).all()
    return [
        LateMinutes(
            meeting_id=row.id,
            title=row.title,
            room_name=host_name(row.kind, row.name),
            held_on=row.held_on,
            days=(today - row.held_on).days,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class QuietRoom:
    """A working room with no meeting this quarter; `last_meeting_on` is its latest ever."""

    room_id: str
    room_name: str
    township: str
    quarter_start: date
    last_meeting_on: date | None


def rooms_without_meeting(session: Session, *, today: date, limit: int) -> list[QuietRoom]:
    """Working rooms (not retired, not office hosts) that held no meeting from the quarter's
    first day to `today`; those quiet longest (never met first) come first."""
    start = quarter_start(today)
    took_place = (
        Meeting.deleted.is_(False),
        Meeting.status.in_(TOOK_PLACE),
        Meeting.held_on <= today,
    )
    met = select(Meeting.room_id).where(*took_place, Meeting.held_on >= start)
    last = (
        select(Meeting.room_id, func.max(Meeting.held_on).label("last_on"))
        .where(*took_place)
        .group_by(Meeting.room_id)
        .subquery()
    )
    rows = session.execute(
        select(Room.id, Room.name, Township.name, last.c.last_on)
        .outerjoin(Township, Township.id == Room.township_id)
        .outerjoin(last, last.c.room_id == Room.id)
        .where(
            Room.deleted.is_(False),
            is_room(),
            Room.retired_on.is_(None),
            Room.id.not_in(met),
        )
        .order_by(last.c.last_on.is_not(None), last.c.last_on, Township.name, Room.name)
        .limit(limit)
    ).all()
    return [
        QuietRoom(
            room_id=room_id,
            room_name=name,
            township=township or "",
            quarter_start=start,
            last_meeting_on=_as_date(last_on),
        )
        for room_id, name, township, last_on in rows
    ]


def _as_date(value: date | str | None) -> date | None:
    # Typed by max()'s argument; text only from a driver that does not convert.
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value
