"""Reads behind 成果督办 (district): every room's outcomes, overdue first, and per unit.

The list is a select statement the page pages through (desktop.listing); the per-unit view,
the filter choices and an outcome's supervision actions are small reads. Office hosts'
outcomes (the district's and townships' own work) are listed too, marked as such. Qt-free;
`today` is a parameter so tests fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, not_, select, union_all
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import UnaryExpression

from desktop.db import Database
from desktop.formatting import format_date
from desktop.models import (
    Activity,
    AgendaItem,
    MediationCase,
    Meeting,
    Outcome,
    ProgressNote,
    Room,
    SupervisionAction,
    Topic,
    Township,
)
from desktop.models.enums import OutcomeStatus, SupervisionMethod
from desktop.queries.outcomes import (
    OPEN_STATUSES,
    AnySelect,
    is_overdue,
    overdue_condition,
)
from desktop.rules.rooms import OFFICE_KINDS, host_name
from desktop.sql_dialect import unindexed

# The unit an outcome names, as the list and the sheets show it (blank is a unit too: the
# room never said who carries it out, which is worth chasing).
NO_UNIT = "（未填写承办单位）"


def overdue_rank(today: date) -> ColumnElement[int]:
    """0 for an overdue outcome, 1 for the rest: the list's first sort key."""
    return case((overdue_condition(today), 0), else_=1)


def overdue_days(*, deadline: date | None, status: OutcomeStatus, today: date) -> int:
    """Days past the deadline of an outcome still open; 0 when it is not overdue."""
    if deadline is None or not is_overdue(deadline=deadline, status=status, today=today):
        return 0
    return (today - deadline).days


@dataclass(frozen=True)
class SupervisionFilter:
    """What the list is narrowed to; empty fields filter nothing.

    `township_id` keeps that township's rooms and its own office's outcomes; `unit` is the
    exact 承办单位 text (NO_UNIT for outcomes that name none).
    """

    township_id: str | None = None
    room_id: str | None = None
    unit: str | None = None
    statuses: tuple[OutcomeStatus, ...] = ()
    deadline_from: date | None = None
    deadline_to: date | None = None
    overdue_only: bool = False


def _unit_condition(unit: str) -> ColumnElement[bool]:
    return Outcome.responsible_unit == ("" if unit == NO_UNIT else unit)


def _where(criteria: SupervisionFilter, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Outcome.deleted.is_(False)]
    if criteria.room_id is not None:
        conditions.append(Outcome.room_id == criteria.room_id)
    if criteria.township_id is not None:
        # A subquery over the ~300 rooms, so the outcome table is read through its own index.
        rooms = select(Room.id).where(Room.township_id == criteria.township_id)
        conditions.append(Outcome.room_id.in_(rooms.scalar_subquery()))
    if criteria.unit is not None:
        conditions.append(_unit_condition(criteria.unit))
    if criteria.statuses:
        conditions.append(Outcome.status.in_(criteria.statuses))
    if criteria.deadline_from is not None:
        conditions.append(Outcome.deadline >= criteria.deadline_from)
    if criteria.deadline_to is not None:
        conditions.append(Outcome.deadline <= criteria.deadline_to)
    if criteria.overdue_only:
        conditions.append(overdue_condition(today))
    return conditions


def _scalar(statement: AnySelect) -> Any:
    return statement.limit(1).scalar_subquery()


def supervision_list(criteria: SupervisionFilter, *, today: date) -> AnySelect:
    """Every live outcome matching the filter: overdue first (longest overdue first), then by
    deadline (none last).

    Outcome columns only, with the room's id: the page names rooms and townships from
    `SupervisionChoices.places`, read once, since SQLite works out every selected column of
    every row it sorts and ten years of a district are some 60 000 rows.
    """
    last_action = select(func.max(SupervisionAction.acted_on)).where(
        SupervisionAction.outcome_id == Outcome.id, SupervisionAction.deleted.is_(False)
    )
    actions = select(func.count()).where(
        SupervisionAction.outcome_id == Outcome.id, SupervisionAction.deleted.is_(False)
    )
    statement: AnySelect = select(
        Outcome.id,
        Outcome.content,
        Outcome.responsible_unit,
        Outcome.deadline,
        Outcome.status,
        Outcome.room_id,
        _scalar(last_action).label("last_action_on"),
        _scalar(actions).label("actions"),
    ).where(*_where(criteria, today))
    order = list_order(today)
    # Read by desktop.listing (OwnPages): the list's own order pages itself, by its first term.
    first = order[0].element if isinstance(order[0], UnaryExpression) else order[0]
    pages = (
        Outcome.id.expression,
        (first,),
        lambda _sort, descending, offset, limit, _server: _page_ids(
            criteria, today=today, descending=descending, offset=offset, limit=limit
        ),
    )
    return statement.order_by(*order).execution_options(yishi_own_pages=pages)


def list_order(today: date) -> list[ColumnElement[Any]]:
    # The deadline under a unary + (SQLite's way to keep a term off an index): as a bare
    # column it had SQLite walk the deadline index and read every outcome row out of order
    # to sort them all anyway, three times the plain scan (the list's first page 100 ms).
    deadline = unindexed(Outcome.deadline.expression)
    return [
        overdue_rank(today).asc(),
        Outcome.deadline.is_(None),
        deadline,
        Outcome.id.expression,
    ]


def _page_ids(
    criteria: SupervisionFilter, *, today: date, descending: bool, offset: int, limit: int
) -> AnySelect:
    """The ids of the list's rows `offset` to `offset + limit` in its own order.

    Sorting every outcome by that order took 45 ms on SQLite and 50 ms on PostgreSQL on a
    10-year district. Its parts are read instead each in its own order, through an index, no
    further than the page's end, and only those rows sorted: the overdue outcomes of each
    open status (the status and deadline index), the others with a deadline (the deadline
    index), and those without one.
    """
    conditions = _where(criteria, today)
    if descending:  # not the list's order (nothing asks for it): sort every row
        reverse = [overdue_rank(today).desc(), *list_order(today)[1:]]
        return select(Outcome.id).where(*conditions).order_by(*reverse).offset(offset).limit(limit)
    deadline, key = Outcome.deadline.expression, Outcome.id.expression
    late = (deadline.is_not(None), deadline < today)
    # One part per open status: an IN over both would read the index's two runs and sort
    # them together on PostgreSQL, or walk the deadline index past every closed outcome.
    parts: list[tuple[int, tuple[ColumnElement[bool], ...]]]
    parts = [(0, (*late, Outcome.status == status)) for status in OPEN_STATUSES]
    parts += [
        (1, (deadline.is_not(None), not_(overdue_condition(today)))),
        (2, (deadline.is_(None),)),  # all blank: by id, as the (deadline, id) index has them
    ]
    pieces = []
    for rank, part in parts:
        piece = (
            select(literal(rank).label("part"), deadline.label("deadline"), key.label("id"))
            .where(*conditions, *part)
            .order_by(deadline, key)
            .limit(offset + limit)
            .subquery()
        )
        pieces.append(select(piece.c.part, piece.c.deadline, piece.c.id))
    merged = union_all(*pieces).subquery("merged")
    return (
        select(merged.c.id)
        .order_by(merged.c.part, merged.c.deadline, merged.c.id)
        .offset(offset)
        .limit(limit)
    )


# What each list column sorts by when its header is clicked.
SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "content": Outcome.content.expression,
    "unit": Outcome.responsible_unit.expression,
    "deadline": Outcome.deadline.expression,
    "status": Outcome.status.expression,
}


# --- by unit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSummary:
    """One responsible unit's outcomes: how many are open, overdue, completed, and how late."""

    unit: str
    total: int
    open: int
    overdue: int
    completed: int
    max_overdue_days: int
    total_overdue_days: int


def unit_summaries(
    session: Session, criteria: SupervisionFilter, *, today: date
) -> list[UnitSummary]:
    """The filtered outcomes by 承办单位: most overdue first (count, then days), then by name.

    Blank units are grouped as NO_UNIT. Days are summed in Python from (unit, deadline)
    groups, so no database-specific date arithmetic is needed.
    """
    unit = Outcome.responsible_unit
    overdue = overdue_condition(today)
    conditions = _where(criteria, today)
    # [most days late, days late in all, how many] per unit, from its (unit, deadline) groups.
    late: dict[str, list[int]] = {}
    for name, deadline, count in session.execute(
        select(unit, Outcome.deadline, func.count())
        .where(*conditions, overdue)
        .group_by(unit, Outcome.deadline)
    ):
        if deadline is None:  # never: an overdue outcome has a deadline
            continue
        days = (today - deadline).days
        entry = late.setdefault(name or NO_UNIT, [0, 0, 0])
        entry[0] = max(entry[0], days)
        entry[1] += days * count
        entry[2] += count
    if criteria.overdue_only:
        # Every outcome counted is overdue, so open: the groups above say all (the 工作台's
        # alert reads only these, one pass over the overdue outcomes instead of two).
        rows: Sequence[Any] = [
            (name, count, count, count, 0) for name, (_most, _all, count) in late.items()
        ]
    else:
        rows = session.execute(
            select(
                unit,
                func.count(),
                func.sum(case((Outcome.status.in_(OPEN_STATUSES), 1), else_=0)),
                func.sum(case((overdue, 1), else_=0)),
                func.sum(case((Outcome.status == OutcomeStatus.COMPLETED, 1), else_=0)),
            )
            .where(*conditions)
            .group_by(unit)
        ).all()
    summaries = [
        UnitSummary(
            unit=name or NO_UNIT,
            total=int(total),
            open=int(open_count or 0),
            overdue=int(overdue_count or 0),
            completed=int(completed or 0),
            max_overdue_days=late.get(name or NO_UNIT, [0, 0])[0],
            total_overdue_days=late.get(name or NO_UNIT, [0, 0])[1],
        )
        for name, total, open_count, overdue_count, completed in rows
    ]
    return sorted(
        summaries,
        key=lambda s: (-s.overdue, -s.total_overdue_days, -s.open, s.unit == NO_UNIT, s.unit),
    )


def read_unit_summaries(
    db: Database, criteria: SupervisionFilter, *, today: date
) -> list[UnitSummary]:
    with db.session() as session:
        return unit_summaries(session, criteria, today=today)


# --- filter choices -----------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """An id (None: all) and what the combo box shows."""

    id: str | None
    name: str


@dataclass(frozen=True)
class Place:
    """Where an outcome was agreed: the room (an office host by its office's name) and its
    township ("" for the district office)."""

    room: str
    township: str


@dataclass(frozen=True)
class SupervisionChoices:
    townships: list[Choice]
    rooms: list[tuple[Choice, str | None]]  # with the room's township id
    units: list[str]
    # Every room by id, deleted ones too (their outcomes may still be listed).
    places: dict[str, Place] = field(default_factory=dict)


def supervision_choices(session: Session) -> SupervisionChoices:
    """Townships, rooms (office hosts marked) and the units outcomes name, each by name."""
    townships = [
        Choice(township_id, name)
        for township_id, name in session.execute(
            select(Township.id, Township.name)
            .where(Township.deleted.is_(False))
            .order_by(Township.name, Township.id)
        )
    ]
    township_names: dict[str, str] = {
        township_id: name
        for township_id, name in session.execute(select(Township.id, Township.name))
    }
    rooms: list[tuple[Choice, str | None]] = []
    places: dict[str, Place] = {}
    for room_id, name, kind, township_id, deleted in session.execute(
        select(Room.id, Room.name, Room.kind, Room.township_id, Room.deleted).order_by(
            Room.kind.in_(sorted(OFFICE_KINDS)).desc(), Room.name, Room.id
        )
    ):
        label = host_name(kind, name)
        places[room_id] = Place(label, township_names.get(township_id, "") if township_id else "")
        if not deleted:
            rooms.append((Choice(room_id, label), township_id))
    named = _distinct_units(session)
    units = [u for u in named if u]
    if len(units) < len(named):
        units.append(NO_UNIT)
    return SupervisionChoices(townships=townships, rooms=rooms, units=units, places=places)


def _distinct_units_statement() -> AnySelect:
    later = aliased(Outcome)
    seen = (
        select(func.min(Outcome.responsible_unit).label("name"))
        .where(Outcome.deleted.is_(False))
        .cte("unit", recursive=True)
    )
    following = (
        select(func.min(later.responsible_unit))
        .where(later.deleted.is_(False), later.responsible_unit > seen.c.name)
        .scalar_subquery()
    )
    units = seen.union_all(select(following).where(seen.c.name.is_not(None)))
    statement: AnySelect = (
        select(units.c.name).where(units.c.name.is_not(None)).order_by(units.c.name)
    )
    return statement


# Every unit live outcomes name, in order, each found by one seek in the unit's index past
# the one before: a few dozen units among 60 000 outcomes. SQLite's DISTINCT skips ahead so
# by itself, PostgreSQL's read every entry of the index (7 ms on a 10-year district).
_DISTINCT_UNITS = _distinct_units_statement()


def _distinct_units(session: Session) -> Sequence[str]:
    return session.scalars(_DISTINCT_UNITS).all()


def read_supervision_choices(db: Database) -> SupervisionChoices:
    with db.session() as session:
        return supervision_choices(session)


# --- one outcome's actions ----------------------------------------------------------------


@dataclass(frozen=True)
class ActionLine:
    """One supervision action as the detail, the sheet and the room show it."""

    id: str
    acted_on: date
    method: SupervisionMethod
    result: str
    supervised_by: str


def action_lines(session: Session, outcome_ids: Sequence[str]) -> dict[str, list[ActionLine]]:
    """Each outcome's live actions, oldest first."""
    found: dict[str, list[ActionLine]] = {}
    ids = sorted(set(outcome_ids))
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        rows = session.execute(
            select(SupervisionAction)
            .where(
                SupervisionAction.outcome_id.in_(ids[start : start + 500]),
                SupervisionAction.deleted.is_(False),
            )
            .order_by(SupervisionAction.acted_on, SupervisionAction.updated_at)
        ).scalars()
        for action in rows:
            found.setdefault(action.outcome_id, []).append(
                ActionLine(
                    id=action.id,
                    acted_on=action.acted_on,
                    method=action.method,
                    result=action.result,
                    supervised_by=action.supervised_by,
                )
            )
    return found


def read_actions(db: Database, outcome_id: str) -> list[ActionLine]:
    """An outcome's supervision actions, newest first (the detail panel's order)."""
    with db.session() as session:
        return list(reversed(action_lines(session, [outcome_id]).get(outcome_id, [])))


def actions_list(outcome_id: str) -> AnySelect:
    """An outcome's actions, newest first, for a list model."""
    statement: AnySelect = (
        select(
            SupervisionAction.id,
            SupervisionAction.acted_on,
            SupervisionAction.method,
            SupervisionAction.result,
            SupervisionAction.supervised_by,
        )
        .where(SupervisionAction.outcome_id == outcome_id, SupervisionAction.deleted.is_(False))
        .order_by(SupervisionAction.acted_on.desc(), SupervisionAction.updated_at.desc())
    )
    return statement


def last_supervisor(session: Session, node_id: str) -> str:
    """Who recorded this installation's latest action: the dialog's first guess."""
    return (
        session.scalar(
            select(SupervisionAction.supervised_by)
            .where(SupervisionAction.owner_node == node_id)
            .order_by(SupervisionAction.updated_at.desc())
            .limit(1)
        )
        or ""
    )


def last_progress(session: Session, outcome_ids: Sequence[str]) -> dict[str, tuple[date, str]]:
    """Each outcome's latest progress note (date, text)."""
    found: dict[str, tuple[date, str]] = {}
    ids = sorted(set(outcome_ids))
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ProgressNote.outcome_id, ProgressNote.noted_on, ProgressNote.text)
            .where(
                ProgressNote.outcome_id.in_(ids[start : start + 500]),
                ProgressNote.deleted.is_(False),
            )
            .order_by(ProgressNote.noted_on, ProgressNote.updated_at)
        )
        for outcome_id, noted_on, text in rows:
            found[outcome_id] = (noted_on, text)
    return found


# --- a unit's 督办单 -------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetLine:
    """One open outcome of the unit as its 督办单 lists it."""

    room_name: str
    township: str
    origin: str  # the topic (or activity, or case) it came from
    meeting: str  # where: the day of the meeting or activity, or the case opened
    content: str
    deadline: date | None
    overdue_days: int
    last_progress: tuple[date, str] | None
    actions: list[ActionLine]


@dataclass(frozen=True)
class SheetData:
    unit: str
    lines: list[SheetLine]

    @property
    def overdue(self) -> int:
        return sum(1 for line in self.lines if line.overdue_days)

    @property
    def longest_overdue(self) -> int:
        return max((line.overdue_days for line in self.lines), default=0)


def load_sheet(session: Session, criteria: SupervisionFilter, *, today: date) -> SheetData:
    """The unit's (criteria.unit) open outcomes within the other filters, overdue first."""
    if criteria.unit is None:
        raise ValueError("a sheet is for one unit")
    open_only = SupervisionFilter(
        township_id=criteria.township_id,
        room_id=criteria.room_id,
        unit=criteria.unit,
        statuses=tuple(s for s in criteria.statuses if s in OPEN_STATUSES) or OPEN_STATUSES,
        deadline_from=criteria.deadline_from,
        deadline_to=criteria.deadline_to,
        overdue_only=criteria.overdue_only,
    )
    rows = session.execute(
        select(
            Outcome,
            Room.name,
            Room.kind,
            Township.name,
            Topic.title,
            Meeting.held_on,
            Activity.title,
            Activity.held_on,
            MediationCase.subject,
            MediationCase.opened_on,
        )
        .join(Room, Room.id == Outcome.room_id)
        .outerjoin(Township, Township.id == Room.township_id)
        .outerjoin(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Topic, Topic.id == AgendaItem.topic_id)
        .outerjoin(Activity, Activity.id == Outcome.activity_id)
        .outerjoin(MediationCase, MediationCase.id == Outcome.case_id)
        .where(*_where(open_only, today))
        .order_by(*list_order(today))
    ).all()
    ids = [row[0].id for row in rows]
    actions = action_lines(session, ids)
    progress = last_progress(session, ids)
    lines = []
    for outcome, room, kind, township, topic, held_on, *rest in rows:
        activity, activity_on, case_subject, opened_on = rest
        if topic is not None:
            origin, where = topic, f"{format_date(held_on)}协商"
        elif activity is not None:
            origin, where = activity, f"{format_date(activity_on)}活动"
        else:
            origin, where = case_subject or "", f"{format_date(opened_on)}受理案件"
        lines.append(
            SheetLine(
                room_name=host_name(kind, room),
                township=township or "",
                origin=origin,
                meeting=where,
                content=outcome.content,
                deadline=outcome.deadline,
                overdue_days=overdue_days(
                    deadline=outcome.deadline, status=outcome.status, today=today
                ),
                last_progress=progress.get(outcome.id),
                actions=actions.get(outcome.id, []),
            )
        )
    return SheetData(unit=criteria.unit, lines=lines)


def unit_exists(session: Session, unit: str) -> bool:
    """Whether any live outcome names the unit (NO_UNIT: any names none)."""
    found = session.scalar(
        select(Outcome.id).where(Outcome.deleted.is_(False), _unit_condition(unit)).limit(1)
    )
    return found is not None


def read_last_supervisor(db: Database) -> str:
    installation = db.installation()
    if installation is None:
        return ""
    with db.session() as session:
        return last_supervisor(session, installation.node_id)
