"""What needs attention today (工作台): upcoming meetings, overdue outcomes, waiting topics…

Items are data (a kind, the record, dates and a level); the dashboard words them. `today` is
a parameter so tests fix it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Installation, Meeting, OpinionSlip, Outcome, Room, Topic
from desktop.models.enums import MeetingStatus, NodeRole, TopicStatus
from desktop.queries import alerts
from desktop.queries.outcomes import overdue_condition
from desktop.queries.sync import days_since_export, export_due, last_export
from desktop.rules.rooms import host_name, is_room

UPCOMING_DAYS = 14
MINUTES_REMINDER_DAYS = 3
MINUTES_URGENT_DAYS = 7
# A district sees every room's records; the list stays readable, the pages hold the rest.
PER_KIND_LIMIT = 50


class AttentionKind(enum.StrEnum):
    UPCOMING_MEETING = "upcoming_meeting"
    OVERDUE_OUTCOME = "overdue_outcome"
    TOPIC_TO_ANNOUNCE = "topic_to_announce"
    TOPIC_TO_CLAIM = "topic_to_claim"
    SLIPS_UNHANDLED = "slips_unhandled"
    MINUTES_NOT_FINAL = "minutes_not_final"
    EXPORT_DUE = "export_due"
    # The district's alerts (desktop.queries.alerts).
    SILENT_ROOM = "silent_room"
    OVERDUE_UNIT = "overdue_unit"
    NO_MEETING_THIS_QUARTER = "no_meeting_this_quarter"


class Level(enum.IntEnum):
    """How loudly to show an item; sorts the list, urgent first."""

    INFO = 0
    REMINDER = 1
    URGENT = 2


PAGE_OF_KIND = {
    AttentionKind.UPCOMING_MEETING: "meetings",
    AttentionKind.OVERDUE_OUTCOME: "outcomes",
    AttentionKind.TOPIC_TO_ANNOUNCE: "topics",
    AttentionKind.TOPIC_TO_CLAIM: "topics",
    AttentionKind.SLIPS_UNHANDLED: "opinions",
    AttentionKind.MINUTES_NOT_FINAL: "meetings",
    AttentionKind.EXPORT_DUE: "sync",
    AttentionKind.SILENT_ROOM: "rooms",
    AttentionKind.OVERDUE_UNIT: "supervision",  # record_id is the unit's name
    AttentionKind.NO_MEETING_THIS_QUARTER: "rooms",
}


@dataclass(frozen=True)
class AttentionItem:
    """One thing to look at: which record, what it is called, the date that matters."""

    kind: AttentionKind
    record_id: str
    title: str
    room_name: str
    day: date | None  # meeting day, deadline, claim deadline, oldest slip…
    days: int  # days until (meetings) or since (overdue, minutes, slips) that day
    level: Level
    count: int = 1  # slips: how many are waiting; a unit: how many outcomes are overdue

    @property
    def page_key(self) -> str:
        return PAGE_OF_KIND[self.kind]


def attention_items(session: Session, *, today: date) -> list[AttentionItem]:
    """Everything that needs attention, most urgent first, then by date.

    A district gets its alerts instead of the room's minutes reminders, and every room's
    overdue outcomes by responsible unit; its own (the office hosts') one by one, as a room
    sees its own.
    """
    installation = session.get(Installation, 1)
    if installation is not None and installation.role is NodeRole.DISTRICT:
        items = [
            *_upcoming_meetings(session, today),
            *_overdue_outcomes(session, today, offices_only=True),
            *_topics_waiting(session, today),
            *_slips_unhandled(session, today),
            *_district_alerts(session, today),
        ]
        return sorted(items, key=lambda item: (-item.level, item.day or today, item.title))
    items = [
        *_upcoming_meetings(session, today),
        *_overdue_outcomes(session, today),
        *_topics_waiting(session, today),
        *_slips_unhandled(session, today),
        *_minutes_not_final(session, today),
        *_export_due(session, today),
    ]
    return sorted(items, key=lambda item: (-item.level, item.day or today, item.title))


def needs_attention(db: Database, *, today: date) -> list[AttentionItem]:
    with db.session() as session:
        return attention_items(session, today=today)


def _upcoming_meetings(session: Session, today: date) -> list[AttentionItem]:
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.held_on, Room.name, Room.kind)
        .join(Room, Room.id == Meeting.room_id)
        .where(
            Meeting.deleted.is_(False),
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.held_on >= today,
            Meeting.held_on <= today + timedelta(days=UPCOMING_DAYS),
        )
        .order_by(Meeting.held_on, Meeting.id)
        .limit(PER_KIND_LIMIT)
    ).all()
    return [
        AttentionItem(
            kind=AttentionKind.UPCOMING_MEETING,
            record_id=row.id,
            title=row.title,
            room_name=host_name(row.kind, row.name),
            day=row.held_on,
            days=(row.held_on - today).days,
            level=Level.REMINDER if (row.held_on - today).days <= 2 else Level.INFO,
        )
        for row in rows
    ]


def _overdue_outcomes(
    session: Session, today: date, *, offices_only: bool = False
) -> list[AttentionItem]:
    """Each overdue outcome; `offices_only`: the district's and townships' own ones."""
    statement = (
        select(Outcome.id, Outcome.content, Outcome.deadline, Room.name, Room.kind)
        .join(Room, Room.id == Outcome.room_id)
        .where(Outcome.deleted.is_(False), overdue_condition(today))
        .order_by(Outcome.deadline, Outcome.id)
        .limit(PER_KIND_LIMIT)
    )
    if offices_only:
        statement = statement.where(~is_room())
    rows = session.execute(statement).all()
    return [
        AttentionItem(
            kind=AttentionKind.OVERDUE_OUTCOME,
            record_id=row.id,
            title=row.content,
            room_name=host_name(row.kind, row.name),
            day=row.deadline,
            days=(today - row.deadline).days,
            level=Level.URGENT,
        )
        for row in rows
    ]


def _topics_waiting(session: Session, today: date) -> list[AttentionItem]:
    limit = 2 * PER_KIND_LIMIT
    # One query per status, each read in order from (status, raised_on), then merged: asked
    # for both statuses at once, PostgreSQL walks every topic by date looking for the few
    # waiting ones (the newest), 90 ms on a 10-year district instead of one.
    rows = sorted(
        (
            row
            for status in (TopicStatus.SHORTLISTED, TopicStatus.ANNOUNCED)
            for row in session.execute(
                select(
                    Topic.id,
                    Topic.title,
                    Topic.status,
                    Topic.raised_on,
                    Topic.claim_deadline,
                    Room.name,
                    Room.kind,
                )
                .join(Room, Room.id == Topic.room_id)
                .where(Topic.deleted.is_(False), Topic.status == status)
                .order_by(Topic.raised_on, Topic.id)
                .limit(limit)
            )
        ),
        key=lambda row: (row.raised_on, row.id),
    )[:limit]
    items = []
    for row in rows:
        if row.status is TopicStatus.SHORTLISTED:
            items.append(
                AttentionItem(
                    kind=AttentionKind.TOPIC_TO_ANNOUNCE,
                    record_id=row.id,
                    title=row.title,
                    room_name=host_name(row.kind, row.name),
                    day=row.raised_on,
                    days=(today - row.raised_on).days,
                    level=Level.INFO,
                )
            )
        else:
            deadline: date | None = row.claim_deadline
            days = 0 if deadline is None else (deadline - today).days
            items.append(
                AttentionItem(
                    kind=AttentionKind.TOPIC_TO_CLAIM,
                    record_id=row.id,
                    title=row.title,
                    room_name=host_name(row.kind, row.name),
                    day=deadline,
                    days=days,
                    # A claim deadline passed with nobody claiming needs a decision.
                    level=Level.REMINDER if days < 0 else Level.INFO,
                )
            )
    return items


def _slips_unhandled(session: Session, today: date) -> list[AttentionItem]:
    """One item per room: how many slips wait for a topic, dated by the oldest.

    Rooms only: slips are collected by a room's grid workers, and the district's office
    hosts (desktop.rules.rooms) are not rooms.
    """
    # Each waiting slip ranked in its room, oldest first: one pass over the waiting slips
    # (the topic_id index), not one query per room for its oldest.
    ranked = (
        select(
            OpinionSlip.room_id,
            OpinionSlip.id,
            OpinionSlip.collected_on,
            func.count().over(partition_by=OpinionSlip.room_id).label("waiting"),
            func.row_number()
            .over(
                partition_by=OpinionSlip.room_id,
                order_by=(OpinionSlip.collected_on, OpinionSlip.id),
            )
            .label("rank"),
        )
        .where(OpinionSlip.deleted.is_(False), OpinionSlip.topic_id.is_(None))
        .subquery()
    )
    rows = session.execute(
        select(Room.name, ranked.c.waiting, ranked.c.collected_on, ranked.c.id)
        .join(ranked, ranked.c.room_id == Room.id)
        .where(ranked.c.rank == 1, is_room())
        .order_by(ranked.c.collected_on, Room.id)
        .limit(PER_KIND_LIMIT)
    ).all()
    items = []
    for room_name, count, first, first_id in rows:
        items.append(
            AttentionItem(
                kind=AttentionKind.SLIPS_UNHANDLED,
                record_id=first_id or "",
                title=room_name,
                room_name=room_name,
                day=first,
                days=(today - first).days,
                level=Level.REMINDER if (today - first).days > 30 else Level.INFO,
                count=int(count),
            )
        )
    return items


def _minutes_not_final(session: Session, today: date) -> list[AttentionItem]:
    """Held or drafted minutes: a reminder after 3 days, urgent after 7."""
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.held_on, Room.name, Room.kind)
        .join(Room, Room.id == Meeting.room_id)
        .where(
            Meeting.deleted.is_(False),
            Meeting.status.in_((MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED)),
            Meeting.held_on <= today - timedelta(days=MINUTES_REMINDER_DAYS),
        )
        .order_by(Meeting.held_on, Meeting.id)
        .limit(PER_KIND_LIMIT)
    ).all()
    return [
        AttentionItem(
            kind=AttentionKind.MINUTES_NOT_FINAL,
            record_id=row.id,
            title=row.title,
            room_name=host_name(row.kind, row.name),
            day=row.held_on,
            days=(today - row.held_on).days,
            level=(
                Level.URGENT
                if (today - row.held_on).days >= MINUTES_URGENT_DAYS
                else Level.REMINDER
            ),
        )
        for row in rows
    ]


def _export_due(session: Session, today: date) -> list[AttentionItem]:
    """An enrolled room that sent the district nothing for over 30 days (room mode only)."""
    days = days_since_export(session, today=today)
    if days is None or not export_due(days):
        return []
    installation = session.get(Installation, 1)
    moment = last_export(session)
    return [
        AttentionItem(
            kind=AttentionKind.EXPORT_DUE,
            record_id="",
            title=installation.name if installation else "",
            room_name=installation.name if installation else "",
            day=moment.astimezone().date() if moment is not None else None,
            days=days,
            level=Level.REMINDER,
        )
    ]


def _district_alerts(session: Session, today: date) -> list[AttentionItem]:
    """Silent rooms, overdue outcomes by unit, late minutes, rooms quiet this quarter."""
    items = [
        AttentionItem(
            kind=AttentionKind.SILENT_ROOM,
            record_id=room.room_id,
            title=room.name,
            room_name=room.name,
            day=room.last_bundle_on,
            days=room.days_silent or 0,
            level=Level.URGENT,
        )
        for room in alerts.silent_rooms(session, today=today)[:PER_KIND_LIMIT]
    ]
    items += [
        AttentionItem(
            kind=AttentionKind.OVERDUE_UNIT,
            record_id=unit.unit,
            title=unit.unit,
            room_name="",
            day=today - timedelta(days=unit.max_overdue_days),
            days=unit.max_overdue_days,
            level=Level.URGENT,
            count=unit.overdue,
        )
        for unit in alerts.overdue_units(session, today=today)[:PER_KIND_LIMIT]
    ]
    items += [
        AttentionItem(
            kind=AttentionKind.MINUTES_NOT_FINAL,
            record_id=late.meeting_id,
            title=late.title,
            room_name=late.room_name,
            day=late.held_on,
            days=late.days,
            level=Level.REMINDER,
        )
        for late in alerts.minutes_not_final(session, today=today, limit=PER_KIND_LIMIT)
    ]
    # Louder in the quarter's last month, when there is little time left to hold one.
    closing = today.month == alerts.quarter_end(today).month
    items += [
        AttentionItem(
            kind=AttentionKind.NO_MEETING_THIS_QUARTER,
            record_id=room.room_id,
            title=room.room_name,
            room_name=room.room_name,
            day=room.last_meeting_on,
            days=(today - room.quarter_start).days,
            level=Level.REMINDER if closing else Level.INFO,
        )
        for room in alerts.rooms_without_meeting(session, today=today, limit=PER_KIND_LIMIT)
    ]
    return items
