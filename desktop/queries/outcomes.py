"""Reads behind the outcomes page (成果落实): the filtered list and one outcome's detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, literal, or_, select, union_all

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
from desktop.sql_dialect import unindexed

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
        # Outer, though every row has its room: an inner join lets SQLite read the rooms
        # first and sort all rows, where the list's index hands out the first 200.
        .outerjoin(Room, Room.id == Outcome.room_id)
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
    # Read by desktop.listing (OwnPages): the key, the sorts it pages itself, and how.
    pages = (
        Outcome.id.expression,
        (AGREED_ON, ORIGIN),
        lambda sort, descending, offset, limit, server: (
            _server_page_ids(
                criteria,
                today=today,
                by_origin=sort == 1,
                descending=descending,
                offset=offset,
                limit=limit,
            )
            if server
            else _page_ids(
                _merged_ids(criteria, today=today, by_origin=sort == 1, descending=descending),
                offset=offset,
                limit=limit,
            )
        ),
    )
    return statement.order_by(AGREED_ON.desc(), Outcome.id).execution_options(yishi_own_pages=pages)


def _page_ids(merged: AnySelect, *, offset: int, limit: int) -> AnySelect:
    page = merged.offset(offset).limit(limit).subquery("page")
    return select(page.c.id)


def _merged_ids(
    criteria: OutcomeFilter, *, today: date, by_origin: bool, descending: bool
) -> AnySelect:
    """The list's ids by the day agreed (or by topic): meetings', activities' and cases'
    outcomes each read in that order through an index and merged (SQLite's MERGE of a UNION
    ALL), where sorting the joined list read all of it (0.5 s on a 10-year district). Within
    a day, the index's order stands in for the id. Offset and limit are the caller's."""
    merged = _merged(criteria, today=today, by_origin=by_origin)
    order = merged.c.sort_key.desc() if descending else merged.c.sort_key.asc()
    # The key stays among the columns: SQLite merges only on an order by what it returns.
    return select(merged.c.id, merged.c.sort_key).order_by(order)


def _server_page_ids(
    criteria: OutcomeFilter,
    *,
    today: date,
    by_origin: bool,
    descending: bool,
    offset: int,
    limit: int,
) -> AnySelect:
    """The page's ids on PostgreSQL: each origin's outcomes in order up to the page's end,
    then those sorted. The server plans the merged UNION ALL as a whole, joining and sorting
    every outcome (0.2 s on a 10-year district); a branch of its own with a LIMIT it reads
    through the indexes (a topic's title, then its agenda items and their outcomes) and
    stops. Ties go by id, as the list's own order has them there."""
    pieces = []
    for branch in _branches(criteria, today=today, by_origin=by_origin):
        sort_key = branch.selected_columns.sort_key
        order = sort_key.desc() if descending else sort_key.asc()
        piece = branch.order_by(order, Outcome.id).limit(offset + limit).subquery()
        pieces.append(select(piece.c.id, piece.c.sort_key))
    merged = union_all(*pieces).subquery("merged")
    order = merged.c.sort_key.desc() if descending else merged.c.sort_key.asc()
    return select(merged.c.id).order_by(order, merged.c.id).offset(offset).limit(limit)


def _merged(criteria: OutcomeFilter, *, today: date, by_origin: bool) -> Subquery:
    """(id, sort_key) of the live outcomes matching the filter, one branch per origin; the
    key is the day agreed, or the topic's (activity's, case's) title."""
    return union_all(*_branches(criteria, today=today, by_origin=by_origin)).subquery("merged")


def _branches(criteria: OutcomeFilter, *, today: date, by_origin: bool) -> list[AnySelect]:
    """`_merged`'s branches, one per origin."""
    # Each origin's table is read first, in the sort's order through its index: the joins
    # keep its id off its primary key (desktop.sql_dialect.unindexed), so SQLite cannot read
    # every outcome first and sort them, which on statistics sampled by ANALYZE's
    # analysis_limit (desktop.db) it may judge cheaper (0.17 s against 0.02 s on a 10-year
    # district).
    meetings = (
        select(Outcome.id, (Topic.title if by_origin else Meeting.held_on).label("sort_key"))
        .select_from(Topic if by_origin else Meeting)
        .join(
            AgendaItem,
            (AgendaItem.topic_id == unindexed(Topic.id.expression))
            if by_origin
            else (AgendaItem.meeting_id == unindexed(Meeting.id.expression)),
        )
        .join(Outcome, Outcome.agenda_item_id == AgendaItem.id)
    )
    activities = (
        select(Outcome.id, (Activity.title if by_origin else Activity.held_on).label("sort_key"))
        .select_from(Activity)
        .join(Outcome, Outcome.activity_id == unindexed(Activity.id.expression))
    )
    cases = (
        select(
            Outcome.id,
            (MediationCase.subject if by_origin else MediationCase.opened_on).label("sort_key"),
        )
        .select_from(MediationCase)
        .join(Outcome, Outcome.case_id == unindexed(MediationCase.id.expression))
    )
    origins = (
        (meetings, Meeting.held_on, Topic.title, Meeting),
        (activities, Activity.held_on, Activity.title, None),
        (cases, MediationCase.opened_on, MediationCase.subject, None),
    )
    branches = []
    for statement, agreed_on, origin, other in origins:
        branch = statement.where(Outcome.deleted.is_(False))
        if criteria.status is not None:
            branch = branch.where(Outcome.status == criteria.status)
        if criteria.overdue_only:
            branch = branch.where(overdue_condition(today))
        # A meeting's outcomes read by topic need the meeting for its date, by date the topic
        # for its title.
        needs_other = criteria.year is not None if by_origin else bool(criteria.search.strip())
        if other is not None and needs_other:
            if by_origin:
                branch = branch.join(Meeting, AgendaItem.meeting_id == Meeting.id)
            else:
                branch = branch.join(Topic, Topic.id == AgendaItem.topic_id)
        if criteria.year is not None:
            branch = branch.where(
                agreed_on.between(date(criteria.year, 1, 1), date(criteria.year, 12, 31))
            )
        if text := criteria.search.strip():
            pattern = f"%{text}%"
            branch = branch.where(
                or_(
                    Outcome.content.like(pattern),
                    Outcome.responsible_unit.like(pattern),
                    Outcome.responsible_person.like(pattern),
                    origin.like(pattern),
                )
            )
        branches.append(branch)
    return branches


def outcome_years(db: Database) -> list[int]:
    """The years outcomes were agreed in, newest first (for the year filter)."""

    def end(first: bool) -> AnySelect:
        # Each end through the dates' indexes (a merge), not a min() over every outcome.
        ids = _merged_ids(OutcomeFilter(), today=date.min, by_origin=False, descending=not first)
        page = ids.limit(1).subquery()
        return select(page.c.sort_key)

    with db.session() as session:
        first, last = session.scalar(end(True)), session.scalar(end(False))
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
