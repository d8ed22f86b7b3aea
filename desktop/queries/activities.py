"""Reads behind the activities page (活动与案件): activities, cases, their members and choices."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import SQLCoreOperations

from desktop.db import Database
from desktop.models import (
    Activity,
    ActivityKind,
    ActivityMember,
    CaseMember,
    Installation,
    MediationCase,
    Member,
    Outcome,
    Room,
    Synced,
)
from desktop.models.enums import CaseKind, CaseStatus, OutcomeStatus
from desktop.queries.people import assigned_condition

# Any number of columns of any type (Select is variadic in SQLAlchemy 2.1).
AnySelect = Select[*tuple[Any, ...]]

# Members' names in one cell, "、"-separated, read in the same query as the row.
ACTIVITY_MEMBERS = (
    select(func.aggregate_strings(Member.name, "、"))
    .join(ActivityMember, ActivityMember.member_id == Member.id)
    .where(ActivityMember.activity_id == Activity.id, ActivityMember.deleted.is_(False))
    .correlate(Activity)
    .scalar_subquery()
)
CASE_MEMBERS = (
    select(func.aggregate_strings(Member.name, "、"))
    .join(CaseMember, CaseMember.member_id == Member.id)
    .where(CaseMember.case_id == MediationCase.id, CaseMember.deleted.is_(False))
    .correlate(MediationCase)
    .scalar_subquery()
)

ACTIVITY_SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "held_on": Activity.held_on.expression,
    "kind": ActivityKind.name.expression,
    "title": Activity.title.expression,
    "room_name": Room.name.expression,
}
CASE_SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "opened_on": MediationCase.opened_on.expression,
    "kind": MediationCase.kind.expression,
    "subject": MediationCase.subject.expression,
    "status": MediationCase.status.expression,
    "closed_on": MediationCase.closed_on.expression,
    "room_name": Room.name.expression,
}


def _narrowed(
    statement: AnySelect,
    day: InstrumentedAttribute[date],
    *,
    year: int | None,
    search: str,
    searched: tuple[SQLCoreOperations[str], ...],
) -> AnySelect:
    """Narrowed to the rows whose `day` falls in the year and where a searched column holds
    the text typed in the search box."""
    if year is not None:
        statement = statement.where(day.between(date(year, 1, 1), date(year, 12, 31)))
    if text := search.strip():
        statement = statement.where(or_(*(column.like(f"%{text}%") for column in searched)))
    return statement


@dataclass(frozen=True)
class ActivityFilter:
    """What the user narrowed the activity list to; empty fields filter nothing."""

    kind_id: str | None = None
    year: int | None = None
    search: str = ""


def activity_list(criteria: ActivityFilter) -> AnySelect:
    """Live activities matching the filter, newest first, with their members' names."""
    statement: AnySelect = (
        select(
            Activity.id,
            Activity.held_on,
            ActivityKind.name.label("kind_name"),
            Activity.title,
            ACTIVITY_MEMBERS.label("members"),
            Room.name.label("room_name"),
        )
        .join(ActivityKind, ActivityKind.id == Activity.kind_id)
        .join(Room, Room.id == Activity.room_id)
        .where(Activity.deleted.is_(False))
    )
    if criteria.kind_id is not None:
        statement = statement.where(Activity.kind_id == criteria.kind_id)
    statement = _narrowed(
        statement,
        Activity.held_on,
        year=criteria.year,
        search=criteria.search,
        searched=(Activity.title, Activity.summary, Activity.place, ACTIVITY_MEMBERS),
    )
    return statement.order_by(Activity.held_on.desc(), Activity.id)


def _years(db: Database, day: InstrumentedAttribute[date]) -> list[int]:
    """The years `day` falls in among live rows, newest first (for the year filter)."""
    live: Any = day.class_.deleted.is_(False)
    with db.session() as session:
        first, last = session.execute(select(func.min(day), func.max(day)).where(live)).one()
    if first is None or last is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def activity_years(db: Database) -> list[int]:
    return _years(db, Activity.held_on)


def case_years(db: Database) -> list[int]:
    return _years(db, MediationCase.opened_on)


@dataclass(frozen=True)
class Choice:
    """One entry of a combo box or a checkable list."""

    id: str
    name: str
    detail: str = ""
    # In a room: the member is assigned to this room (listed first, ticked easily).
    assigned: bool = False


def kind_choices(session: Session) -> list[Choice]:
    """Live activity kinds, in a stable order (by code); the demo and districts make them."""
    rows = session.execute(
        select(ActivityKind.id, ActivityKind.name)
        .where(ActivityKind.deleted.is_(False))
        .order_by(ActivityKind.code)
    ).all()
    return [Choice(id=row.id, name=row.name) for row in rows]


def activity_kinds(db: Database) -> list[Choice]:
    """The kinds to filter the activity list by."""
    with db.session() as session:
        return kind_choices(session)


def member_choices(session: Session, *, room_id: str | None, today: date) -> list[Choice]:
    """Live members of the roster; those assigned to the room first, then the active ones."""
    room = session.get(Room, room_id) if room_id else None
    # Ordered by the label: without a room the condition is a bare 0, which SQLite would take
    # for a column number.
    assigned = assigned_condition(room, today=today).label("assigned")
    rows = session.execute(
        select(Member.id, Member.name, Member.sector, assigned)
        .where(Member.deleted.is_(False))
        .order_by(assigned.desc(), Member.active.desc(), Member.name, Member.id)
    ).all()
    return [
        Choice(id=row.id, name=row.name, detail=row.sector, assigned=bool(row.assigned))
        for row in rows
    ]


@dataclass(frozen=True)
class ActivityRecord:
    """One activity as its dialog edits it."""

    id: str
    room_id: str
    kind_id: str
    held_on: date
    title: str
    place: str
    member_ids: tuple[str, ...]
    others_present: str
    summary: str
    # False when another installation owns it (a room's activity seen in the district).
    owned: bool
    # As loaded: saving from the dialog refuses once the stored record has moved on.
    revision: int


@dataclass(frozen=True)
class SuggestionRow:
    """A suggestion (an Outcome) of an activity or case, as the dialog lists it."""

    id: str
    content: str
    responsible_unit: str
    deadline: date | None
    status: OutcomeStatus


def _suggestions(
    session: Session, origin: InstrumentedAttribute[str | None], record_id: str
) -> tuple[SuggestionRow, ...]:
    """The live suggestions hung under one record (by Outcome.activity_id or Outcome.case_id),
    oldest first (a short list)."""
    rows = session.execute(
        select(
            Outcome.id, Outcome.content, Outcome.responsible_unit, Outcome.deadline, Outcome.status
        )
        .where(origin == record_id, Outcome.deleted.is_(False))
        .order_by(Outcome.updated_at)
    ).all()
    return tuple(SuggestionRow(*row) for row in rows)


@dataclass(frozen=True)
class CaseFilter:
    """What the user narrowed the case list to; empty fields filter nothing."""

    kind: CaseKind | None = None
    status: CaseStatus | None = None
    year: int | None = None
    search: str = ""


def case_list(criteria: CaseFilter) -> AnySelect:
    """Live cases matching the filter, most recently opened first, with assigned members."""
    statement: AnySelect = (
        select(
            MediationCase.id,
            MediationCase.opened_on,
            MediationCase.kind,
            MediationCase.subject,
            MediationCase.parties,
            CASE_MEMBERS.label("members"),
            MediationCase.status,
            MediationCase.closed_on,
            MediationCase.result,
            Room.name.label("room_name"),
        )
        .join(Room, Room.id == MediationCase.room_id)
        .where(MediationCase.deleted.is_(False))
    )
    if criteria.kind is not None:
        statement = statement.where(MediationCase.kind == criteria.kind)
    if criteria.status is not None:
        statement = statement.where(MediationCase.status == criteria.status)
    statement = _narrowed(
        statement,
        MediationCase.opened_on,
        year=criteria.year,
        search=criteria.search,
        searched=(
            MediationCase.subject,
            MediationCase.parties,
            MediationCase.result,
            CASE_MEMBERS,
        ),
    )
    return statement.order_by(MediationCase.opened_on.desc(), MediationCase.id)


@dataclass(frozen=True)
class CaseRecord:
    """One case as its dialog edits it."""

    id: str
    room_id: str
    kind: CaseKind
    subject: str
    parties: str
    opened_on: date
    member_ids: tuple[str, ...]
    status: CaseStatus
    closed_on: date | None
    result: str
    owned: bool
    revision: int


Record = TypeVar("Record", ActivityRecord, CaseRecord)


@dataclass(frozen=True)
class RecordForm(Generic[Record]):
    """What an activity's or a case's dialog opens with."""

    record: Record | None  # None: a new one
    # The record's room, or this installation's for a new record (None when it has none).
    room_id: str | None
    members: tuple[Choice, ...]
    suggestions: tuple[SuggestionRow, ...]
    # An activity's kinds are data; a case's are the CaseKind values.
    kinds: tuple[Choice, ...] = ()


# Where each kind of record is kept: its table, the member link's column naming it and the
# Outcome column naming it (its suggestions).
_ORIGINS: dict[
    type[ActivityRecord | CaseRecord],
    tuple[type[Synced], InstrumentedAttribute[str], InstrumentedAttribute[str | None]],
] = {
    ActivityRecord: (Activity, ActivityMember.activity_id, Outcome.activity_id),
    CaseRecord: (MediationCase, CaseMember.case_id, Outcome.case_id),
}


def activity_form(
    db: Database, activity_id: str | None, *, today: date, room_id: str | None = None
) -> RecordForm[ActivityRecord]:
    """The activity to edit (None: to add one), the kinds, the roster and its suggestions.

    `room_id`: where a new one goes when not this room's (the district's office hosts)."""
    with db.session() as session:
        kinds = tuple(kind_choices(session))
        return _record_form(
            session,
            ActivityRecord,
            record_id=activity_id,
            today=today,
            kinds=kinds,
            room_id=room_id,
        )


def case_form(
    db: Database, case_id: str | None, *, today: date, room_id: str | None = None
) -> RecordForm[CaseRecord]:
    """The case to edit (None: to add one), the roster and its suggestions (`room_id`: as
    for `activity_form`)."""
    with db.session() as session:
        return _record_form(session, CaseRecord, record_id=case_id, today=today, room_id=room_id)


def _record_form(
    session: Session,
    record_type: type[Record],
    *,
    record_id: str | None,
    today: date,
    kinds: tuple[Choice, ...] = (),
    room_id: str | None = None,
) -> RecordForm[Record]:
    installation = session.get(Installation, 1)
    node_id = installation.node_id if installation else ""
    record = _read(session, record_type, record_id, node_id=node_id) if record_id else None
    if record is not None:
        room_id = record.room_id
    elif room_id is None:
        room_id = installation.room_id if installation else None
    _, _, origin = _ORIGINS[record_type]
    return RecordForm(
        record=record,
        room_id=room_id,
        members=tuple(member_choices(session, room_id=room_id, today=today)),
        suggestions=_suggestions(session, origin, record_id) if record_id else (),
        kinds=kinds,
    )


def _read(
    session: Session, record_type: type[Record], record_id: str, *, node_id: str
) -> Record | None:
    """The live record as its dialog edits it: the row's columns of the fields' names, who is
    live under it and whether this installation owns it."""
    model, members, _ = _ORIGINS[record_type]
    row = session.get(model, record_id)
    if row is None or row.deleted:
        return None
    computed: dict[str, Any] = {
        "member_ids": _member_ids(session, members, row.id),
        "owned": row.owner_node == node_id,
    }
    columns = {f.name: getattr(row, f.name) for f in fields(record_type) if f.name not in computed}
    return record_type(**columns, **computed)


def _member_ids(
    session: Session, owner: InstrumentedAttribute[str], record_id: str
) -> tuple[str, ...]:
    """Who is live under one record (ActivityMember.activity_id or CaseMember.case_id), by name."""
    link: Any = owner.class_
    return tuple(
        session.scalars(
            select(link.member_id)
            .join(Member, Member.id == link.member_id)
            .where(owner == record_id, link.deleted.is_(False))
            .order_by(Member.name)
        )
    )
