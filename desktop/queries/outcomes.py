"""Reads behind the outcomes page (成果落实): the filtered list and one outcome's detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select

from desktop.db import Database
from desktop.models import (
    Activity,
    AgendaItem,
    MediationCase,
    Meeting,
    Outcome,
    ProgressNote,
    Room,
    Topic,
)
from desktop.models.enums import EscalationKind, OutcomeStatus, ResultClass, Satisfaction
from desktop.rules.outcomes import TRANSITIONS, may_feed_back

# Outcomes still being carried out; only these can be overdue.
OPEN_STATUSES = (OutcomeStatus.PENDING, OutcomeStatus.IN_PROGRESS)

# Where an outcome came from: a meeting's agenda item (its topic), an activity or a case.
ORIGIN = func.coalesce(Topic.title, Activity.title, MediationCase.subject, literal(""))
# The day it was agreed: the meeting, the activity or the day the case was opened.
AGREED_ON = func.coalesce(Meeting.held_on, Activity.held_on, MediationCase.opened_on)

# What each list column sorts by, in SQL.
SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "content": Outcome.content.expression,
    "origin": ORIGIN,
    "agreed_on": AGREED_ON,
    "responsible_unit": Outcome.responsible_unit.expression,
    "deadline": Outcome.deadline.expression,
    "status": Outcome.status.expression,
    "result_class": Outcome.result_class.expression,
    "room_name": Room.name.expression,
}

# Any number of columns of any type (Select is variadic in SQLAlchemy 2.1).
AnySelect = Select[*tuple[Any, ...]]


def overdue_condition(today: date) -> ColumnElement[bool]:
    """Past its deadline and neither 已办结 nor 未能办理."""
    return and_(
        Outcome.deadline.is_not(None), Outcome.deadline < today, Outcome.status.in_(OPEN_STATUSES)
    )


def is_overdue(*, deadline: date | None, status: OutcomeStatus, today: date) -> bool:
    return deadline is not None and deadline < today and status in OPEN_STATUSES


@dataclass(frozen=True)
class OutcomeFilter:
    """What the user narrowed the list to; empty fields filter nothing."""

    status: OutcomeStatus | None = None
    overdue_only: bool = False
    year: int | None = None
    search: str = ""


def _joined(statement: AnySelect) -> AnySelect:
    return (
        statement.select_from(Outcome)
        .join(Room, Room.id == Outcome.room_id)
        .outerjoin(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Topic, Topic.id == AgendaItem.topic_id)
        .outerjoin(Activity, Activity.id == Outcome.activity_id)
        .outerjoin(MediationCase, MediationCase.id == Outcome.case_id)
    )


def outcome_list(criteria: OutcomeFilter, *, today: date) -> AnySelect:
    """Every live outcome matching the filter, most recently agreed first."""
    columns: AnySelect = select(
        Outcome.id,
        Outcome.content,
        ORIGIN.label("origin"),
        AGREED_ON.label("agreed_on"),
        Outcome.responsible_unit,
        Outcome.deadline,
        Outcome.status,
        Outcome.result_class,
        Room.name.label("room_name"),
    )
    statement = _joined(columns).where(Outcome.deleted.is_(False))
    if criteria.status is not None:
        statement = statement.where(Outcome.status == criteria.status)
    if criteria.overdue_only:
        statement = statement.where(overdue_condition(today))
    if criteria.year is not None:
        # A date range rather than strftime: portable and kind to an index.
        statement = statement.where(
            AGREED_ON.between(date(criteria.year, 1, 1), date(criteria.year, 12, 31))
        )
    if text := criteria.search.strip():
        pattern = f"%{text}%"
        statement = statement.where(
            or_(
                Outcome.content.like(pattern),
                Outcome.responsible_unit.like(pattern),
                Outcome.responsible_person.like(pattern),
                ORIGIN.like(pattern),
            )
        )
    return statement.order_by(AGREED_ON.desc(), Outcome.id)


def outcome_years(db: Database) -> list[int]:
    """The years outcomes were agreed in, newest first (for the year filter)."""
    with db.session() as session:
        first, last = session.execute(
            _joined(select(func.min(AGREED_ON), func.max(AGREED_ON))).where(
                Outcome.deleted.is_(False)
            )
        ).one()
    if first is None or last is None:
        return []
    first_year = first.year if isinstance(first, date) else int(str(first)[:4])
    last_year = last.year if isinstance(last, date) else int(str(last)[:4])
    return list(range(last_year, first_year - 1, -1))


def progress_list(outcome_id: str) -> AnySelect:
    """An outcome's timeline, newest first."""
    statement: AnySelect = (
        select(ProgressNote.id, ProgressNote.noted_on, ProgressNote.text, ProgressNote.author_name)
        .where(ProgressNote.outcome_id == outcome_id, ProgressNote.deleted.is_(False))
        .order_by(ProgressNote.noted_on.desc(), ProgressNote.updated_at.desc())
    )
    return statement


@dataclass(frozen=True)
class OutcomeDetail:
    """One outcome as the detail panel shows it."""

    id: str
    content: str
    origin: str
    agreed_on: date | None
    room_name: str
    responsible_unit: str
    responsible_person: str
    deadline: date | None
    status: OutcomeStatus
    overdue: bool
    result_class: ResultClass | None
    completed_on: date | None
    not_possible_reason: str | None
    feedback: str | None
    fed_back_on: date | None
    satisfaction: Satisfaction | None
    escalation_kind: EscalationKind | None
    escalation_ref: str | None
    escalated_on: date | None
    # False when another installation owns it (a room's outcome seen in the district).
    owned: bool
    # What may be recorded next: the statuses it may move to, feedback, escalation.
    allowed: frozenset[OutcomeStatus]
    can_feed_back: bool
    can_escalate: bool
    # As loaded: an action saved from a dialog opened on it refuses once it has moved on.
    revision: int = 0
    # The meeting that agreed it (None for an activity's or a case's): its feedback notice.
    meeting_id: str | None = None


def read_outcome(
    db: Database, outcome_id: str, *, node_id: str, today: date
) -> OutcomeDetail | None:
    columns: AnySelect = select(Outcome, ORIGIN, AGREED_ON, Room.name, Meeting.id)
    with db.session() as session:
        row = session.execute(
            _joined(columns).where(Outcome.id == outcome_id, Outcome.deleted.is_(False))
        ).first()
        if row is None:
            return None
        outcome: Outcome = row[0]
        agreed = row[2]
        return OutcomeDetail(
            id=outcome.id,
            content=outcome.content,
            origin=row[1] or "",
            agreed_on=agreed if isinstance(agreed, date) or agreed is None else None,
            room_name=row[3],
            responsible_unit=outcome.responsible_unit,
            responsible_person=outcome.responsible_person,
            deadline=outcome.deadline,
            status=outcome.status,
            overdue=is_overdue(deadline=outcome.deadline, status=outcome.status, today=today),
            result_class=outcome.result_class,
            completed_on=outcome.completed_on,
            not_possible_reason=outcome.not_possible_reason,
            feedback=outcome.feedback,
            fed_back_on=outcome.fed_back_on,
            satisfaction=outcome.satisfaction,
            escalation_kind=outcome.escalation_kind,
            escalation_ref=outcome.escalation_ref,
            escalated_on=outcome.escalated_on,
            owned=outcome.owner_node == node_id,
            allowed=TRANSITIONS[outcome.status],
            can_feed_back=may_feed_back(outcome),
            # Escalated once only, as one proposal or one piece of information.
            can_escalate=outcome.escalation_kind is None,
            revision=outcome.revision,
            meeting_id=row[4],
        )
