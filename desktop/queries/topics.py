"""Reads behind the 议题 page: the filtered list, one topic's detail, members to claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, extract, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import (
    AgendaItem,
    Assignment,
    Claim,
    Meeting,
    Member,
    OpinionSlip,
    Room,
    Topic,
)
from desktop.models.enums import MeetingStatus, RoomKind, TopicSource, TopicStatus
from desktop.queries.opinions import known_categories, like_pattern
from desktop.rules.rooms import OFFICE_KINDS, host_name, is_room
from desktop.rules.topics import allowed_transitions

# Topics a slip may still be attached to: not yet consulted on, not declined.
OPEN_STATUSES = (
    TopicStatus.COLLECTED,
    TopicStatus.SHORTLISTED,
    TopicStatus.ANNOUNCED,
    TopicStatus.CLAIMED,
)


@dataclass(frozen=True)
class TopicFilter:
    """What the list is narrowed to; None (or empty search) means no narrowing."""

    room_id: str | None = None
    source: TopicSource | None = None
    status: TopicStatus | None = None
    category: str | None = None
    year: int | None = None
    search: str = ""


TOPIC_COLUMNS = (
    Topic.id,
    Topic.title,
    Topic.source,
    Topic.status,
    Topic.category,
    Topic.raised_on,
    Topic.immediate,
    Topic.claim_deadline,
    Room.name.label("room_name"),
)
# Sort keys for the list's columns.
BY_TITLE: ColumnElement[Any] = Topic.title.expression
BY_SOURCE: ColumnElement[Any] = Topic.source.expression
BY_STATUS: ColumnElement[Any] = Topic.status.expression
BY_CATEGORY: ColumnElement[Any] = Topic.category.expression
BY_RAISED_ON: ColumnElement[Any] = Topic.raised_on.expression
BY_ROOM: ColumnElement[Any] = Room.name.expression


def topics_statement(topic_filter: TopicFilter) -> Select[*tuple[Any, ...]]:
    """Live topics matching the filter, newest first."""
    f = topic_filter
    statement: Select[*tuple[Any, ...]] = (
        select(*TOPIC_COLUMNS)
        # Outer, though every row has its room: an inner join lets SQLite read the rooms
        # first and sort all rows, where the list's index hands out the first 200.
        .outerjoin(Room, Room.id == Topic.room_id)
        .where(Topic.deleted.is_(False))
        .order_by(Topic.raised_on.desc(), Topic.id)
    )
    if f.room_id is not None:
        statement = statement.where(Topic.room_id == f.room_id)
    if f.source is not None:
        statement = statement.where(Topic.source == f.source)
    if f.status is not None:
        statement = statement.where(Topic.status == f.status)
    if f.category:
        statement = statement.where(Topic.category == f.category)
    if f.year is not None:
        # A range on the indexed date column, not extract(), so the index still helps.
        statement = statement.where(
            Topic.raised_on >= date(f.year, 1, 1), Topic.raised_on <= date(f.year, 12, 31)
        )
    if term := f.search.strip():
        # LIKE, not FTS: the trigram index misses Chinese terms of one or two characters.
        pattern = like_pattern(term)
        statement = statement.where(
            Topic.title.like(pattern, escape="\\") | Topic.description.like(pattern, escape="\\")
        )
    return statement


def topic_years(session: Session, room_id: str | None) -> list[int]:
    """Years in which topics were raised, latest first."""
    year = extract("year", Topic.raised_on)
    statement = select(year).where(Topic.deleted.is_(False)).distinct().order_by(year.desc())
    if room_id is not None:
        statement = statement.where(Topic.room_id == room_id)
    return [int(y) for y in session.scalars(statement) if y is not None]


@dataclass(frozen=True)
class RoomChoice:
    """A room (or an office host) for the district's 议事室 filter."""

    id: str
    name: str


def room_choices(session: Session) -> list[RoomChoice]:
    """The rooms by name (not the office hosts: see `office_choices`)."""
    statement = (
        select(Room.id, Room.name).where(Room.deleted.is_(False), is_room()).order_by(Room.name)
    )
    return [RoomChoice(id, name) for id, name in session.execute(statement)]


def office_choices(session: Session) -> list[RoomChoice]:
    """The office hosts the district's own work is recorded under (its immediate topics hang
    there), named as offices: the district office first, then the townships' by name."""
    statement = select(Room.id, Room.name, Room.kind).where(
        Room.deleted.is_(False), Room.kind.in_(sorted(OFFICE_KINDS))
    )
    hosts = sorted(
        session.execute(statement),
        key=lambda row: (row.kind is not RoomKind.DISTRICT_OFFICE, row.name),
    )
    return [RoomChoice(id, host_name(kind, name)) for id, name, kind in hosts]


@dataclass(frozen=True)
class MemberChoice:
    """A member someone can pick, shown with their sector (界别)."""

    id: str
    name: str
    sector: str
    assigned_here: bool = False

    @property
    def text(self) -> str:
        return f"{self.name}（{self.sector}）" if self.sector else self.name


def member_choices(session: Session, room_id: str | None) -> list[MemberChoice]:
    """Active members on the roster this installation holds; the room's own members first."""
    assigned: set[str] = set()
    if room_id is not None:
        assigned = set(
            session.scalars(
                select(Assignment.member_id).where(
                    Assignment.room_id == room_id,
                    Assignment.deleted.is_(False),
                    Assignment.end_date.is_(None),
                )
            )
        )
    statement = (
        select(Member.id, Member.name, Member.sector)
        .where(Member.deleted.is_(False), Member.active.is_(True))
        .order_by(Member.name)
    )
    choices = [
        MemberChoice(id, name, sector or "", id in assigned)
        for id, name, sector in session.execute(statement)
    ]
    return sorted(choices, key=lambda c: not c.assigned_here)


@dataclass(frozen=True)
class SlipLine:
    """A slip merged into the topic."""

    id: str
    collected_on: date
    grid: str
    reporter: str
    content: str


@dataclass(frozen=True)
class ClaimLine:
    """A member's claim on the topic."""

    member_name: str
    sector: str
    claimed_on: date
    member_id: str = ""


@dataclass(frozen=True)
class MeetingLine:
    """A meeting whose agenda holds the topic."""

    id: str
    held_on: date
    title: str
    status: MeetingStatus


@dataclass(frozen=True)
class TopicDetail:
    """Everything the detail panel shows about one topic, and what may happen to it next."""

    id: str
    room_id: str
    room_name: str
    title: str
    description: str
    category: str | None
    source: TopicSource
    status: TopicStatus
    immediate: bool
    raised_on: date
    announced_on: date | None
    claim_deadline: date | None
    decline_reason: str | None
    proposer: str | None
    owned_here: bool
    allowed: frozenset[TopicStatus]
    can_claim: bool
    slips: list[SlipLine] = field(default_factory=list)
    claims: list[ClaimLine] = field(default_factory=list)
    meetings: list[MeetingLine] = field(default_factory=list)
    # Handed back with an action, so one taken on a topic changed meanwhile is refused.
    revision: int = 0
    # The proposing member's id, for the edit form.
    proposer_id: str | None = None


def topic(session: Session, topic_id: str) -> Topic | None:
    """The live topic with this id."""
    found = session.get(Topic, topic_id)
    return None if found is None or found.deleted else found


def topic_detail(db: Database, topic_id: str, *, node_id: str | None) -> TopicDetail | None:
    """The topic with its slips, claims and meetings; None when it is gone."""
    with db.session() as session:
        row = topic(session, topic_id)
        if row is None:
            return None
        room = session.get(Room, row.room_id)
        proposer = (
            session.get(Member, row.proposed_by_member_id) if row.proposed_by_member_id else None
        )
        slips = [
            SlipLine(
                s.id,
                s.collected_on,
                s.grid or "",
                "" if s.anonymous else (s.reporter_name or ""),
                s.content,
            )
            for s in session.scalars(
                select(OpinionSlip)
                .where(OpinionSlip.topic_id == topic_id, OpinionSlip.deleted.is_(False))
                .order_by(OpinionSlip.collected_on, OpinionSlip.id)
            )
        ]
        claims = [
            ClaimLine(name, sector or "", claimed_on, member_id)
            for name, sector, claimed_on, member_id in session.execute(
                select(Member.name, Member.sector, Claim.claimed_on, Claim.member_id)
                .join(Member, Member.id == Claim.member_id)
                .where(Claim.topic_id == topic_id, Claim.deleted.is_(False))
                .order_by(Claim.claimed_on, Member.name)
            )
        ]
        meetings = [
            MeetingLine(id, held_on, title, status)
            for id, held_on, title, status in session.execute(
                select(Meeting.id, Meeting.held_on, Meeting.title, Meeting.status)
                .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
                .where(
                    AgendaItem.topic_id == topic_id,
                    AgendaItem.deleted.is_(False),
                    Meeting.deleted.is_(False),
                )
                .order_by(Meeting.held_on)
            )
        ]
        return TopicDetail(
            id=row.id,
            room_id=row.room_id,
            room_name=room.name if room else "",
            title=row.title,
            description=row.description,
            category=row.category,
            source=row.source,
            status=row.status,
            immediate=row.immediate,
            raised_on=row.raised_on,
            announced_on=row.announced_on,
            claim_deadline=row.claim_deadline,
            decline_reason=row.decline_reason,
            proposer=proposer.name if proposer else None,
            owned_here=node_id is not None and row.owner_node == node_id,
            allowed=allowed_transitions(row),
            # Several members may claim one topic: the first claim moves it to 认领.
            can_claim=row.status in (TopicStatus.ANNOUNCED, TopicStatus.CLAIMED),
            slips=slips,
            claims=claims,
            meetings=meetings,
            revision=row.revision,
            proposer_id=row.proposed_by_member_id,
        )


def open_topics_statement(room_id: str, search: str = "") -> Select[*tuple[Any, ...]]:
    """The room's topics not yet consulted on, newest first, optionally by title (a picker)."""
    statement: Select[*tuple[Any, ...]] = (
        select(Topic.id, Topic.title, Topic.status, Topic.raised_on, Topic.category)
        .where(
            Topic.room_id == room_id,
            Topic.deleted.is_(False),
            Topic.status.in_(OPEN_STATUSES),
        )
        .order_by(Topic.raised_on.desc(), Topic.id)
    )
    if term := search.strip():
        statement = statement.where(Topic.title.like(like_pattern(term), escape="\\"))
    return statement


@dataclass(frozen=True)
class TopicFilterChoices:
    """What the list's filters offer: years, categories and, across every room, the rooms."""

    years: list[int]
    categories: list[str]
    rooms: list[RoomChoice]
    # The district's office hosts, listed after the rooms under their own names.
    offices: list[RoomChoice] = field(default_factory=list)


def topic_filter_choices(db: Database, room_id: str | None) -> TopicFilterChoices:
    """The room's choices; `room_id` None (the district) lists every room's, and the rooms."""
    with db.session() as session:
        return TopicFilterChoices(
            years=topic_years(session, room_id),
            categories=known_categories(session, room_id),
            rooms=room_choices(session) if room_id is None else [],
            offices=office_choices(session) if room_id is None else [],
        )


@dataclass(frozen=True)
class TopicFormChoices:
    """What the new-topic and claim dialogs offer: the members, and the categories in use."""

    members: list[MemberChoice]
    categories: list[str]


def topic_form_choices(db: Database, room_id: str) -> TopicFormChoices:
    with db.session() as session:
        return TopicFormChoices(
            members=member_choices(session, room_id),
            categories=known_categories(session, room_id),
        )
