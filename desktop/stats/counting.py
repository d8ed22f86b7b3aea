"""The grouped queries behind the figures: one per kind of record, grouped by period and host
room, added into lines (desktop.stats.lines)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    and_,
    case,
    distinct,
    func,
    or_,
    select,
    tuple_,
    type_coerce,
)

from desktop.models import (
    Activity,
    ActivityKind,
    ActivityMember,
    AgendaItem,
    Attendance,
    DutyAct,
    MediationCase,
    Meeting,
    Outcome,
    Room,
    Township,
)
from desktop.models.enums import (
    AttendanceStatus,
    CaseStatus,
    DutyKind,
    EscalationKind,
    MeetingStatus,
    OutcomeStatus,
    ResultClass,
    RoomKind,
)
from desktop.models.topics import Topic
from desktop.rules.meetings import HELD_STATUSES
from desktop.rules.rooms import OFFICE_KINDS
from desktop.sql_dialect import year_month
from desktop.stats.lines import UNCLASSIFIED, empty_figures
from desktop.stats.scope import Level, Period, Scope

CLOSED_OUTCOMES = (OutcomeStatus.COMPLETED, OutcomeStatus.NOT_POSSIBLE)


def _in_scope(room_column: Any, scope: Scope) -> ColumnElement[bool]:
    """The scope as a condition on a record's host room.

    Even for the whole district it is written as `room_id IN (rooms)`: SQLite then reads
    each room's slice of the (room_id, date) indexes, instead of every row of a status index.
    """
    if scope.level is Level.ROOM:
        return cast("ColumnElement[bool]", room_column == scope.id)
    rooms = select(Room.id)
    if scope.level is Level.TOWNSHIP:
        # The township's rooms and its own office host (which carries its township id).
        rooms = rooms.where(Room.township_id == scope.id)
    return cast("ColumnElement[bool]", room_column.in_(rooms))


def _code(column: Any) -> Any:
    """An enumeration column read as its stored code: the district's thousands of grouped
    rows then skip the conversion to enum members."""
    return type_coerce(column, String)


def _adopted_escalations() -> ColumnElement[bool]:
    """Escalated outcomes recorded as adopted: the district office recorded a 提案立案 or a
    社情民意信息采用 act (desktop.models.DutyAct) under the outcome's own reference number.

    Said as `(reference, kind) IN (the live acts)`, not as EXISTS: SQLite reads the acts once
    into a lookup instead of reading all of them again for each escalated outcome."""
    adoption = case(
        (Outcome.escalation_kind == EscalationKind.PROPOSAL, DutyKind.PROPOSAL_ACCEPTED.value),
        else_=DutyKind.SOCIAL_INFO_ADOPTED.value,
    )
    acts = select(DutyAct.reference, _code(DutyAct.kind)).where(DutyAct.deleted.is_(False))
    return tuple_(Outcome.escalation_ref, adoption).in_(acts)


def _this_period_only(which: Any, room_column: Any) -> Any:
    """The host room for the period's rows, NULL for the period before: only its totals are
    shown, and a district's rows of it collapse into a few groups instead of thousands."""
    return case((which == 0, room_column))


class PeriodCounter:
    """Figures of a period and of the period a year earlier, by host room; each kind of
    record is read once for both (index 0 the period, 1 the one before)."""

    def __init__(self, periods: tuple[Period, Period], kinds: list[str], today: date) -> None:
        self.periods = periods
        self.kinds = kinds
        self.as_of = tuple(min(period.end, today) for period in periods)
        # The period before is counted without its rooms (key None) where the rows are many.
        self.by_room: tuple[dict[str | None, dict[str, Any]], ...] = ({}, {})
        self.months = tuple(dict.fromkeys(period.months(), 0) for period in periods)

    def line(self, which: int, room_id: str | None) -> dict[str, Any]:
        lines = self.by_room[which]
        entry = lines.get(room_id)
        if entry is None:
            entry = lines[room_id] = empty_figures(self.kinds)
        return entry

    def _when(self, column: Any) -> tuple[ColumnElement[bool], ColumnElement[int]]:
        """A condition keeping both periods (one range, so an index on the date serves it)
        and which of them a row belongs to: 0 this period, 1 the one before, NULL between.

        The days between the periods are left out by `which`, not by an OR of the two ranges:
        SQLite would read such an OR through the date index twice, skipping the (room, date)
        index that holds every column counted, whenever its statistics made that look cheaper.
        """
        now, before = self.periods
        which: ColumnElement[int] = case(
            (column.between(now.start, now.end), 0),
            (column.between(before.start, before.end), 1),
        )
        keep = and_(column.between(before.start, now.end), which.is_not(None))
        return keep, which

    def count(self, connection: Connection, scope: Scope) -> None:
        keep, which = self._when(Meeting.held_on)
        held: list[ColumnElement[bool]] = [
            _in_scope(Meeting.room_id, scope),
            keep,
            Meeting.deleted.is_(False),
            # Said as NOT IN so that SQLite reads the (room, date) index, not the status one.
            Meeting.status.not_in(sorted(set(MeetingStatus) - HELD_STATUSES)),
        ]
        self._meetings(connection, held, which)
        self._attendances(connection, held, which)
        self._topics(connection, scope)
        self._outcomes(connection, held, which)
        self._escalations(connection, scope)
        self._activities(connection, scope)
        self._cases(connection, scope)

    def _meetings(
        self, connection: Connection, held: list[ColumnElement[bool]], which: Any
    ) -> None:
        form, room = _code(Meeting.form), _this_period_only(which, Meeting.room_id)
        by_form = select(which, room, form, func.count()).where(*held).group_by(which, room, form)
        for period, room_id, code, count in connection.execute(by_form):
            entry = self.line(period, room_id)
            entry["meetings"] += count
            entry["meetings_by_form"][code] += count
        month = year_month(Meeting.held_on)
        by_month = select(which, month, func.count()).where(*held).group_by(which, month)
        for period, key, count in connection.execute(by_month):
            months = self.months[period]
            months[key] = months.get(key, 0) + count

    def _attendances(
        self, connection: Connection, held: list[ColumnElement[bool]], which: Any
    ) -> None:
        # count(column) skips NULLs, so one pass counts members and participants apart.
        # Added up by room and day first, the order the (room, date) index gives the
        # meetings in, so SQLite sums the rows as they come instead of sorting two years of
        # attendance; the few thousand day lines are then grouped by period and room.
        by_day = (
            select(
                which.label("period"),
                _this_period_only(which, Meeting.room_id).label("room_id"),
                func.count(Attendance.member_id).label("members"),
                func.count(Attendance.participant_id).label("participants"),
            )
            .select_from(Meeting)
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(
                *held,
                Attendance.deleted.is_(False),
                Attendance.status == AttendanceStatus.PRESENT,
            )
            .group_by(Meeting.room_id, Meeting.held_on)
            .subquery()
        )
        statement = select(
            by_day.c.period,
            by_day.c.room_id,
            func.sum(by_day.c.members),
            func.sum(by_day.c.participants),
        ).group_by(by_day.c.period, by_day.c.room_id)
        for period, room_id, members, participants in connection.execute(statement):
            entry = self.line(period, room_id)
            # A sum of counts is a NUMERIC on PostgreSQL (a Decimal), an integer on SQLite.
            entry["member_attendances"] += int(members)
            entry["participant_attendances"] += int(participants)

    def _topics(self, connection: Connection, scope: Scope) -> None:
        keep, which = self._when(Topic.raised_on)
        source, status = _code(Topic.source), _code(Topic.status)
        room = _this_period_only(which, Topic.room_id)
        statement = (
            select(which, room, source, status, func.count())
            .where(_in_scope(Topic.room_id, scope), keep, Topic.deleted.is_(False))
            .group_by(which, room, source, status)
        )
        for period, room_id, source_code, status_code, count in connection.execute(statement):
            entry = self.line(period, room_id)
            entry["topics"] += count
            entry["topics_by_source"][source_code] += count
            entry["topics_by_status"][status_code] += count

    def _outcomes(
        self, connection: Connection, held: list[ColumnElement[bool]], which: Any
    ) -> None:
        now, before = self.as_of
        due = case(
            (Outcome.status.in_([s.value for s in CLOSED_OUTCOMES]), 1),
            (and_(which == 0, Outcome.deadline <= now), 1),
            (and_(which == 1, Outcome.deadline <= before), 1),
            else_=0,
        )
        status, result = _code(Outcome.status), _code(Outcome.result_class)
        room = _this_period_only(which, Meeting.room_id)
        statement = (
            select(which, room, status, result, due, func.count())
            .select_from(Meeting)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .join(Outcome, Outcome.agenda_item_id == AgendaItem.id)
            .where(*held, Outcome.deleted.is_(False), AgendaItem.deleted.is_(False))
            .group_by(which, room, status, result, due)
        )
        completed, solved = OutcomeStatus.COMPLETED.value, ResultClass.A.value
        for period, room, status_code, result_code, is_due, count in connection.execute(statement):
            entry = self.line(period, room)
            entry["outcomes"] += count
            entry["outcomes_by_status"][status_code] += count
            entry["outcomes_by_result"][result_code or UNCLASSIFIED] += count
            if status_code == completed:
                entry["outcomes_implemented"] += count
            if result_code == solved:
                entry["problems_solved"] += count
            if is_due:
                entry["outcomes_due"] += count

    def _escalations(self, connection: Connection, scope: Scope) -> None:
        keep, which = self._when(Outcome.escalated_on)
        adopted = case((_adopted_escalations(), 1), else_=0)
        room, kind = _this_period_only(which, Outcome.room_id), _code(Outcome.escalation_kind)
        statement = (
            select(which, room, kind, func.count(), func.sum(adopted))
            .where(
                _in_scope(Outcome.room_id, scope),
                keep,
                Outcome.deleted.is_(False),
                Outcome.escalation_kind.is_not(None),
            )
            .group_by(which, room, kind)
        )
        proposal = EscalationKind.PROPOSAL.value
        for period, room_id, code, sent, taken in connection.execute(statement):
            prefix = "proposals" if code == proposal else "social_info"
            entry = self.line(period, room_id)
            entry[f"{prefix}_sent"] += sent
            entry[f"{prefix}_adopted"] += int(taken or 0)

    def _activities(self, connection: Connection, scope: Scope) -> None:
        keep, which = self._when(Activity.held_on)
        room = _this_period_only(which, Activity.room_id)
        statement = (
            select(
                which,
                room,
                ActivityKind.code,
                func.count(distinct(Activity.id)),
                func.count(ActivityMember.id),
            )
            .select_from(Activity)
            .join(ActivityKind, ActivityKind.id == Activity.kind_id)
            .outerjoin(
                ActivityMember,
                and_(
                    ActivityMember.activity_id == Activity.id,
                    ActivityMember.deleted.is_(False),
                ),
            )
            .where(_in_scope(Activity.room_id, scope), keep, Activity.deleted.is_(False))
            .group_by(which, room, ActivityKind.code)
        )
        for period, room, code, activities, members in connection.execute(statement):
            entry = self.line(period, room)
            entry["activities"] += activities
            entry["activity_member_attendances"] += members
            kind = entry["activities_by_kind"].setdefault(
                code, {"activities": 0, "member_attendances": 0}
            )
            kind["activities"] += activities
            kind["member_attendances"] += members

    def _cases(self, connection: Connection, scope: Scope) -> None:
        keep, which = self._when(MediationCase.opened_on)
        room = _this_period_only(which, MediationCase.room_id)
        kind, status = _code(MediationCase.kind), _code(MediationCase.status)
        statement = (
            select(which, room, kind, status, func.count())
            .where(_in_scope(MediationCase.room_id, scope), keep, MediationCase.deleted.is_(False))
            .group_by(which, room, kind, status)
        )
        resolved = CaseStatus.RESOLVED.value
        for period, room_id, kind_code, status_code, count in connection.execute(statement):
            entry = self.line(period, room_id)
            entry["cases_received"] += count
            entry["cases_by_kind"][kind_code] += count
            if status_code == resolved:
                entry["cases_resolved"] += count


def activity_kinds(connection: Connection, *periods: Period) -> list[dict[str, str]]:
    """Live kinds, and any deleted kind that still has activities in one of the periods."""
    used = select(Activity.kind_id).where(
        Activity.deleted.is_(False),
        or_(*(Activity.held_on.between(p.start, p.end) for p in periods)),
    )
    statement = (
        select(ActivityKind.code, ActivityKind.name)
        .where(or_(ActivityKind.deleted.is_(False), ActivityKind.id.in_(used)))
        .order_by(ActivityKind.code, ActivityKind.id)
    )
    kinds: dict[str, str] = {}
    for code, name in connection.execute(statement):
        kinds.setdefault(code, name)
    return [{"code": code, "name": name} for code, name in kinds.items()]


def room_rows(
    connection: Connection, scope: Scope, with_figures: Iterable[str]
) -> list[dict[str, Any]]:
    """Every live room and office host in scope, plus any deleted one with counted records."""
    statement = (
        select(
            Room.id,
            Room.name,
            Room.village,
            Room.code,
            Room.kind,
            Township.id.label("township_id"),
            Township.name.label("township"),
        )
        .outerjoin(Township, Township.id == Room.township_id)
        .where(or_(Room.deleted.is_(False), Room.id.in_(list(with_figures))))
    )
    if scope.level is Level.ROOM:
        statement = statement.where(Room.id == scope.id)
    elif scope.level is Level.TOWNSHIP:
        statement = statement.where(Room.township_id == scope.id)
    rows = [row._asdict() for row in connection.execute(statement)]
    # By township, each township's own line after its rooms, the district's own line last.
    rows.sort(
        key=lambda r: (
            r["kind"] == RoomKind.DISTRICT_OFFICE,
            r["township"] or "",
            r["kind"] in OFFICE_KINDS,
            r["village"],
            r["name"],
            r["id"],
        )
    )
    return rows
