"""Reads behind the activities page (活动与案件): activities, cases, their members and choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.models import (
    Activity,
    ActivityKind,
    ActivityMember,
    CaseMember,
    MediationCase,
    Member,
    Outcome,
    Room,
)
from desktop.models.enums import CaseKind, CaseStatus, OutcomeStatus
from desktop.queries.people import assigned_condition

# Any number of columns of any type (Select is variadic in SQLAlchemy 2.1).
AnySelect = Select[*tuple[Any, ...]]

# Members' names in one cell, "、"-separated, read in the same query as the row.
ACTIVITY_MEMBERS = (
    select(func.group_concat(Member.name, "、"))
    .join(ActivityMember, ActivityMember.member_id == Member.id)
    .where(ActivityMember.activity_id == Activity.id, ActivityMember.deleted.is_(False))
    .correlate(Activity)
    .scalar_subquery()
)
CASE_MEMBERS = (
    select(func.group_concat(Member.name, "、"))
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


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


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
    if criteria.year is not None:
        statement = statement.where(Activity.held_on.between(*_year_range(criteria.year)))
    if text := criteria.search.strip():
        pattern = f"%{text}%"
        statement = statement.where(
            or_(
                Activity.title.like(pattern),
                Activity.summary.like(pattern),
                Activity.place.like(pattern),
                ACTIVITY_MEMBERS.like(pattern),
            )
        )
    return statement.order_by(Activity.held_on.desc(), Activity.id)


def _years(session: Session, column: Any, deleted: Any) -> list[int]:
    first, last = session.execute(select(func.min(column), func.max(column)).where(deleted)).one()
    if first is None or last is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def activity_years(session: Session) -> list[int]:
    """The years activities were held in, newest first (for the year filter)."""
    return _years(session, Activity.held_on, Activity.deleted.is_(False))


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


def member_choices(session: Session, *, room_id: str | None, today: date) -> list[Choice]:
    """Live members of the roster; those assigned to the room first, then the active ones."""
    room = session.get(Room, room_id) if room_id else None
    assigned = assigned_condition(room, today=today)
    rows = session.execute(
        select(Member.id, Member.name, Member.sector, assigned.label("assigned"))
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


def read_activity(session: Session, activity_id: str, *, node_id: str) -> ActivityRecord | None:
    activity = session.get(Activity, activity_id)
    if activity is None or activity.deleted:
        return None
    members = session.scalars(
        select(ActivityMember.member_id)
        .join(Member, Member.id == ActivityMember.member_id)
        .where(ActivityMember.activity_id == activity.id, ActivityMember.deleted.is_(False))
        .order_by(Member.name)
    ).all()
    return ActivityRecord(
        id=activity.id,
        room_id=activity.room_id,
        kind_id=activity.kind_id,
        held_on=activity.held_on,
        title=activity.title,
        place=activity.place,
        member_ids=tuple(members),
        others_present=activity.others_present,
        summary=activity.summary,
        owned=activity.owner_node == node_id,
    )


@dataclass(frozen=True)
class SuggestionRow:
    """A suggestion (an Outcome) of an activity or case, as the dialog lists it."""

    id: str
    content: str
    responsible_unit: str
    deadline: date | None
    status: OutcomeStatus


def suggestions(
    session: Session, *, activity_id: str | None = None, case_id: str | None = None
) -> list[SuggestionRow]:
    """The live suggestions of one activity or one case, oldest first (a short list)."""
    origin = (
        Outcome.activity_id == activity_id
        if activity_id is not None
        else Outcome.case_id == case_id
    )
    rows = session.scalars(
        select(Outcome).where(origin, Outcome.deleted.is_(False)).order_by(Outcome.updated_at)
    ).all()
    return [
        SuggestionRow(
            id=o.id,
            content=o.content,
            responsible_unit=o.responsible_unit,
            deadline=o.deadline,
            status=o.status,
        )
        for o in rows
    ]


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
    if criteria.year is not None:
        statement = statement.where(MediationCase.opened_on.between(*_year_range(criteria.year)))
    if text := criteria.search.strip():
        pattern = f"%{text}%"
        statement = statement.where(
            or_(
                MediationCase.subject.like(pattern),
                MediationCase.parties.like(pattern),
                MediationCase.result.like(pattern),
                CASE_MEMBERS.like(pattern),
            )
        )
    return statement.order_by(MediationCase.opened_on.desc(), MediationCase.id)


def case_years(session: Session) -> list[int]:
    """The years cases were opened in, newest first (for the year filter)."""
    return _years(session, MediationCase.opened_on, MediationCase.deleted.is_(False))


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


def read_case(session: Session, case_id: str, *, node_id: str) -> CaseRecord | None:
    case = session.get(MediationCase, case_id)
    if case is None or case.deleted:
        return None
    members = session.scalars(
        select(CaseMember.member_id)
        .join(Member, Member.id == CaseMember.member_id)
        .where(CaseMember.case_id == case.id, CaseMember.deleted.is_(False))
        .order_by(Member.name)
    ).all()
    return CaseRecord(
        id=case.id,
        room_id=case.room_id,
        kind=case.kind,
        subject=case.subject,
        parties=case.parties,
        opened_on=case.opened_on,
        member_ids=tuple(members),
        status=case.status,
        closed_on=case.closed_on,
        result=case.result,
        owned=case.owner_node == node_id,
    )
