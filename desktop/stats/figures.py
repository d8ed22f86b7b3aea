"""The figures the district office reports from, for a period and a scope, in grouped queries.

A period is a calendar year or any range of days (both ends included); a scope is the whole
district, one township or one room (a room installation only ever sees its own room). Every
figure is counted per host room in one grouped query per kind of record, never one query per
room, and added up in Python: so the per-township and per-room lists add up to the totals
exactly, and a 315-room district's ten years are counted in well under the page's 300 ms.

What is counted (deleted, i.e. tombstoned, rows never count):

- `meetings`: consultation meetings held in the period (status held, minutes drafted or
  minutes final, `held_on` in the period), also by form (现场/板凳/邻里/远程视频) and by month.
- `member_attendances` / `participant_attendances`: 人次, attendance rows marked present at
  those meetings, for members and for other participants.
- `topics`: topics raised in the period, by source (党政点题/群众出题/委员荐题/网格征题) and
  by status.
- `outcomes`: the outcomes of those meetings' agenda items (outcomes of activities and cases
  are not consultation outcomes), by status and by result class A–D (`unclassified` when no
  class is given yet), as they stand now. `outcomes_implemented` are those 已办结;
  `problems_solved` those of class A (已解决/基本解决), whatever their status.
- `outcomes_due`: of those outcomes, the ones that should be finished by the reference day
  (the period's last day, or today if the period has not ended): closed ones (已办结 or
  未能办理) and open ones whose deadline has passed. An open outcome without a deadline, or
  with one still ahead, is not yet due.
- `implementation_rate` (落实率) = `outcomes_implemented` / `outcomes_due`, a fraction
  rounded to four places, or None when nothing is due. It is worked out for each line from
  that line's counts, never added up.
- `proposals_sent` / `social_info_sent`: outcomes (of any origin) escalated in the period as
  政协提案 / 社情民意信息 (`escalated_on` in the period); `proposals_adopted` /
  `social_info_adopted`: of those, the ones recorded as adopted (立案 / 采用), see
  `_adopted_escalations`.
- `activities`: other activities (一室多用) held in the period, with the members who took
  part (`activity_member_attendances`, 人次), in total and by kind (`activities_by_kind`,
  keyed by the kind's code; `activity_kinds` names them).
- `cases_received`: mediation and petition cases opened in the period (also by kind);
  `cases_resolved`: of those, the ones closed as 调解成功.

The district office's and the townships' own work (desktop.workflow.district_work: the
office hosts, never rooms) is counted in the totals; in the per-room list each office host
has its own line (`office` "district" or "township", None for a room), and in the
per-township list a township's line holds its rooms' and its own work while the district
office's work has a line of its own (`office` "district"). So both lists add up to the totals.
`ranking` lists the real rooms only.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass
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
    type_coerce,
)

from desktop import clock
from desktop.db import Database
from desktop.errors import UserError
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
    CaseKind,
    CaseStatus,
    DutyKind,
    EscalationKind,
    MeetingForm,
    MeetingStatus,
    NodeRole,
    OutcomeStatus,
    ResultClass,
    RoomKind,
    TopicSource,
    TopicStatus,
)
from desktop.models.topics import Topic
from desktop.rules.meetings import HELD_STATUSES
from desktop.rules.rooms import OFFICE_KINDS, ROOM_KINDS

FIRST_YEAR, LAST_YEAR = 1949, 2100
UNCLASSIFIED = "unclassified"

# Plain counts of every line, in the order they are printed and exported.
COUNT_KEYS = (
    "meetings",
    "member_attendances",
    "participant_attendances",
    "topics",
    "outcomes",
    "outcomes_implemented",
    "problems_solved",
    "outcomes_due",
    "proposals_sent",
    "proposals_adopted",
    "social_info_sent",
    "social_info_adopted",
    "activities",
    "activity_member_attendances",
    "cases_received",
    "cases_resolved",
)
# Counts broken down by a fixed list of codes (every code present, zero when none).
BREAKDOWN_KEYS = (
    "meetings_by_form",
    "topics_by_source",
    "topics_by_status",
    "outcomes_by_status",
    "outcomes_by_result",
    "cases_by_kind",
)
CLOSED_OUTCOMES = (OutcomeStatus.COMPLETED, OutcomeStatus.NOT_POSSIBLE)


class StatsError(UserError, ValueError):
    """Statistics cannot be made; the message is for the user."""


# --- period and scope -------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise StatsError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，收到 {year}")


def _year_earlier(day: date) -> date:
    # 29 February has no twin a year earlier: the 28th stands in for it.
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise StatsError(
                f"起始日期（{self.start.isoformat()}）不能晚于结束日期（{self.end.isoformat()}）"
            )

    @classmethod
    def of_year(cls, year: int) -> Period:
        _check_year(year)
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """A period the user chose, checked: in order, and within the years Yishi knows."""
        _check_year(start.year)
        _check_year(end.year)
        return cls(start, end)

    @property
    def year(self) -> int | None:
        """The calendar year when the period is exactly one, else None."""
        whole = (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)
        return self.start.year if whole and self.start.year == self.end.year else None

    def previous(self) -> Period:
        """The same days one year earlier (同比): the year before, for a year."""
        if self.year is not None:
            return Period(date(self.year - 1, 1, 1), date(self.year - 1, 12, 31))
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM", in order."""
        months: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    @property
    def label(self) -> str:
        """How the period reads in a title: 2024年, or 2024年3月1日至2024年6月30日."""
        if self.year is not None:
            return f"{self.year}年"

        def day(value: date) -> str:
            return f"{value.year}年{value.month}月{value.day}日"

        if self.start.day == 1 and self.end.day == calendar.monthrange(*_ym(self.end))[1]:
            if (self.start.year, self.start.month) == (self.end.year, self.end.month):
                return f"{self.start.year}年{self.start.month}月"
            return f"{self.start.year}年{self.start.month}月至{self.end.year}年{self.end.month}月"
        return f"{day(self.start)}至{day(self.end)}"


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


class Level(enum.StrEnum):
    """What a scope covers."""

    DISTRICT = "district"
    TOWNSHIP = "township"
    ROOM = "room"


@dataclass(frozen=True)
class Scope:
    """The whole district, one township (its id) or one room (its id)."""

    level: Level = Level.DISTRICT
    id: str | None = None

    @classmethod
    def township(cls, township_id: str) -> Scope:
        return cls(Level.TOWNSHIP, township_id)

    @classmethod
    def room(cls, room_id: str) -> Scope:
        return cls(Level.ROOM, room_id)


DISTRICT = Scope()


@dataclass(frozen=True)
class RoomChoice:
    room_id: str
    name: str
    code: str | None


@dataclass(frozen=True)
class TownshipChoice:
    township_id: str
    name: str
    rooms: tuple[RoomChoice, ...]


def read_scope_choices(db: Database) -> list[TownshipChoice]:
    """The townships and their real rooms (live ones), for a scope picker; empty in a room."""
    installation = db.installation()
    if installation is None or installation.role is not NodeRole.DISTRICT:
        return []
    statement = (
        select(Township.id, Township.name, Room.id, Room.name, Room.code)
        .join(Room, Room.township_id == Township.id)
        .where(
            Township.deleted.is_(False),
            Room.deleted.is_(False),
            Room.kind.in_(sorted(ROOM_KINDS)),
        )
        .order_by(Township.name, Township.id, Room.name, Room.id)
    )
    townships: dict[str, TownshipChoice] = {}
    rooms: dict[str, list[RoomChoice]] = {}
    with db.engine.connect() as connection:
        for township_id, township, room_id, room, code in connection.execute(statement):
            if township_id not in townships:
                townships[township_id] = TownshipChoice(township_id, township, ())
                rooms[township_id] = []
            rooms[township_id].append(RoomChoice(room_id, room, code))
    return [
        TownshipChoice(t.township_id, t.name, tuple(rooms[t.township_id]))
        for t in townships.values()
    ]


def find_scope(db: Database, *, township: str | None = None, room: str | None = None) -> Scope:
    """The scope a user named: a township by its name, a room by its code or name."""
    installation = db.installation()
    if installation is None:
        raise StatsError("此目录尚未初始化，请先运行 yishi setup")
    if township is not None and room is not None:
        raise StatsError("镇（街道）和议事室只能指定一个")
    if township is None and room is None:
        return DISTRICT
    if installation.role is not NodeRole.DISTRICT:
        raise StatsError("议事室安装只统计本议事室，不能指定镇（街道）或议事室")
    with db.engine.connect() as connection:
        if township is not None:
            name = township.strip()
            rows = connection.execute(
                select(Township.id, Township.name)
                .where(Township.deleted.is_(False))
                .order_by(Township.name)
            ).all()
            found = [row.id for row in rows if row.name == name]
            if not found:
                known = "、".join(row.name for row in rows[:12]) or "（还没有镇街）"
                raise StatsError(f"没有名为「{name}」的镇（街道）；现有：{known}")
            return Scope.township(found[0])
        assert room is not None
        wanted = room.strip()
        room_rows = connection.execute(
            select(Room.id, Room.name, Room.village, Room.code)
            .where(Room.deleted.is_(False), Room.kind.in_(sorted(ROOM_KINDS)))
            .order_by(Room.name)
        ).all()
        matches = [r for r in room_rows if r.code is not None and r.code.upper() == wanted.upper()]
        matches = matches or [r for r in room_rows if wanted in (r.name, r.village)]
        if not matches:
            raise StatsError(f"没有编号或名称为「{wanted}」的议事室")
        if len(matches) > 1:
            listed = "、".join(f"{r.name}（{r.code or '无编号'}）" for r in matches[:10])
            raise StatsError(f"「{wanted}」对应多个议事室，请用编号指定：{listed}")
        return Scope.room(matches[0].id)


# --- one line of figures ----------------------------------------------------------------


# The codes of each breakdown, in order; as plain strings (an enum member's `.value` is slow
# in the loops that add up a district's lines).
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "meetings_by_form": tuple(f.value for f in MeetingForm),
    "topics_by_source": tuple(s.value for s in TopicSource),
    "topics_by_status": tuple(s.value for s in TopicStatus),
    "outcomes_by_status": tuple(s.value for s in OutcomeStatus),
    "outcomes_by_result": (*(r.value for r in ResultClass), UNCLASSIFIED),
    "cases_by_kind": tuple(k.value for k in CaseKind),
}


def empty_figures(activity_kinds: Iterable[str] = ()) -> dict[str, Any]:
    """One line's figures at zero: every count, every breakdown code, every activity kind."""
    figures: dict[str, Any] = dict.fromkeys(COUNT_KEYS, 0)
    for key, codes in BREAKDOWNS.items():
        figures[key] = dict.fromkeys(codes, 0)
    figures["activities_by_kind"] = {
        code: {"activities": 0, "member_attendances": 0} for code in activity_kinds
    }
    figures["implementation_rate"] = None
    return figures


def add_figures(into: dict[str, Any], figures: dict[str, Any]) -> None:
    """Add one line's counts into another (the rate is worked out again by `finish`)."""
    for key in COUNT_KEYS:
        into[key] += figures[key]
    for key in BREAKDOWN_KEYS:
        target = into[key]
        for code, count in figures[key].items():
            if count:
                target[code] = target.get(code, 0) + count
    kinds = into["activities_by_kind"]
    for code, pair in figures["activities_by_kind"].items():
        slot = kinds.get(code)
        if slot is None:
            slot = kinds[code] = {"activities": 0, "member_attendances": 0}
        slot["activities"] += pair["activities"]
        slot["member_attendances"] += pair["member_attendances"]


def implementation_rate(implemented: int, due: int) -> float | None:
    return round(implemented / due, 4) if due else None


def finish(figures: dict[str, Any]) -> dict[str, Any]:
    figures["implementation_rate"] = implementation_rate(
        figures["outcomes_implemented"], figures["outcomes_due"]
    )
    return figures


def only_figures(entry: dict[str, Any]) -> dict[str, Any]:
    """The figures of a line, without its names and ids."""
    keys = set(COUNT_KEYS) | set(BREAKDOWN_KEYS) | {"activities_by_kind", "implementation_rate"}
    return {key: value for key, value in entry.items() if key in keys}


# --- the grouped queries ----------------------------------------------------------------


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
    社情民意信息采用 act (desktop.models.DutyAct) under the outcome's own reference number."""
    adoption = case(
        (Outcome.escalation_kind == EscalationKind.PROPOSAL, DutyKind.PROPOSAL_ACCEPTED.value),
        else_=DutyKind.SOCIAL_INFO_ADOPTED.value,
    )
    return (
        select(DutyAct.id)
        .where(
            DutyAct.deleted.is_(False),
            DutyAct.reference == Outcome.escalation_ref,
            _code(DutyAct.kind) == adoption,
        )
        .exists()
    )


def _this_period_only(which: Any, room_column: Any) -> Any:
    """The host room for the period's rows, NULL for the period before: only its totals are
    shown, and a district's rows of it collapse into a few groups instead of thousands."""
    return case((which == 0, room_column))


class _Counter:
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
        and which of them a row belongs to: 0 this period, 1 the one before, NULL between."""
        now, before = self.periods
        keep = and_(
            column.between(before.start, now.end),
            or_(column.between(now.start, now.end), column.between(before.start, before.end)),
        )
        which: ColumnElement[int] = case(
            (column.between(now.start, now.end), 0),
            (column.between(before.start, before.end), 1),
        )
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
        # Dates are stored as ISO text, so the first seven characters are the month.
        month = func.substr(Meeting.held_on, 1, 7)
        by_month = select(which, month, func.count()).where(*held).group_by(which, month)
        for period, key, count in connection.execute(by_month):
            months = self.months[period]
            months[key] = months.get(key, 0) + count

    def _attendances(
        self, connection: Connection, held: list[ColumnElement[bool]], which: Any
    ) -> None:
        # count(column) skips NULLs, so one pass counts members and participants apart.
        room = _this_period_only(which, Meeting.room_id)
        statement = (
            select(
                which,
                room,
                func.count(Attendance.member_id),
                func.count(Attendance.participant_id),
            )
            .select_from(Meeting)
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(
                *held,
                Attendance.deleted.is_(False),
                Attendance.status == AttendanceStatus.PRESENT,
            )
            .group_by(which, room)
        )
        for period, room_id, members, participants in connection.execute(statement):
            entry = self.line(period, room_id)
            entry["member_attendances"] += members
            entry["participant_attendances"] += participants

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
        statement = (
            select(which, Outcome.room_id, Outcome.escalation_kind, func.count(), func.sum(adopted))
            .where(
                _in_scope(Outcome.room_id, scope),
                keep,
                Outcome.deleted.is_(False),
                Outcome.escalation_kind.is_not(None),
            )
            .group_by(which, Outcome.room_id, Outcome.escalation_kind)
        )
        for period, room, kind, sent, taken in connection.execute(statement):
            proposal = EscalationKind(kind) is EscalationKind.PROPOSAL
            prefix = "proposals" if proposal else "social_info"
            entry = self.line(period, room)
            entry[f"{prefix}_sent"] += sent
            entry[f"{prefix}_adopted"] += int(taken or 0)

    def _activities(self, connection: Connection, scope: Scope) -> None:
        keep, which = self._when(Activity.held_on)
        statement = (
            select(
                which,
                Activity.room_id,
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
            .group_by(which, Activity.room_id, ActivityKind.code)
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
        statement = (
            select(
                which,
                MediationCase.room_id,
                MediationCase.kind,
                MediationCase.status,
                func.count(),
            )
            .where(_in_scope(MediationCase.room_id, scope), keep, MediationCase.deleted.is_(False))
            .group_by(which, MediationCase.room_id, MediationCase.kind, MediationCase.status)
        )
        for period, room, kind, status, count in connection.execute(statement):
            entry = self.line(period, room)
            entry["cases_received"] += count
            entry["cases_by_kind"][kind.value] += count
            if CaseStatus(status) is CaseStatus.RESOLVED:
                entry["cases_resolved"] += count


def _activity_kinds(connection: Connection, *periods: Period) -> list[dict[str, str]]:
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


def _room_rows(
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


# --- the statistics ---------------------------------------------------------------------


def compute_stats(
    db: Database,
    *,
    period: Period,
    scope: Scope = DISTRICT,
    today: date | None = None,
) -> dict[str, Any]:
    """The figures of `period` for `scope`, with the same figures of the period a year
    earlier under `previous`; JSON-ready, snake_case keys (see the module's docstring).

    A district's statistics also carry `townships`, `rooms`, `offices` (the office hosts'
    lines again, as before the per-room list held them) and `ranking`; a room's do not.
    """
    installation = db.installation()
    if installation is None:
        raise StatsError("此目录尚未初始化，请先运行 yishi setup")
    district = installation.role is NodeRole.DISTRICT
    if not district:
        if installation.room_id is None:
            raise StatsError("本议事室安装没有关联议事室")
        if scope.level is Level.TOWNSHIP or (
            scope.level is Level.ROOM and scope.id != installation.room_id
        ):
            raise StatsError("议事室安装只统计本议事室")
        scope = Scope.room(installation.room_id)
    today = today or clock.today()
    previous_period = period.previous()

    with db.engine.connect() as connection:
        name, subject = _subject(connection, scope, installation.name, district)
        kinds = _activity_kinds(connection, period, previous_period)
        codes = [kind["code"] for kind in kinds]
        counter = _Counter((period, previous_period), codes, today)
        counter.count(connection, scope)
        counted = [room for room in counter.by_room[0] if room is not None]
        rows = _room_rows(connection, scope, counted) if district else []

    stats: dict[str, Any] = {
        "year": period.year,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "scope": installation.role.value,
        "level": scope.level.value,
        "name": name,
        **subject,
        **_total(counter.by_room[0], codes),
        "meetings_by_month": _months(counter.months[0]),
        "activity_kinds": kinds,
        "previous": {
            "year": previous_period.year,
            "from": previous_period.start.isoformat(),
            "to": previous_period.end.isoformat(),
            **_total(counter.by_room[1], codes),
            "meetings_by_month": _months(counter.months[1]),
        },
    }
    if district:
        stats.update(_lists(rows, counter.by_room[0], codes, district_name=installation.name))
    return stats


def year_stats(db: Database, *, year: int) -> dict[str, Any]:
    """The whole installation's figures of one calendar year (`compute_stats`)."""
    return compute_stats(db, period=Period.of_year(year))


def _subject(
    connection: Connection, scope: Scope, installation_name: str, district: bool
) -> tuple[str, dict[str, Any]]:
    """The name of what is counted and its id, checked to exist."""
    if scope.level is Level.DISTRICT:
        return installation_name, {}
    if scope.level is Level.TOWNSHIP:
        township = connection.execute(
            select(Township.name).where(Township.id == scope.id, Township.deleted.is_(False))
        ).scalar()
        if township is None:
            raise StatsError("所选镇（街道）不存在或已删除")
        return township, {"township_id": scope.id}
    row = connection.execute(
        select(Room.name, Room.kind, Township.id, Township.name)
        .outerjoin(Township, Township.id == Room.township_id)
        .where(Room.id == scope.id)
    ).first()
    if row is None or (district and RoomKind(row[1]) in OFFICE_KINDS):
        raise StatsError("所选议事室不存在")
    return row[0], {"room_id": scope.id, "township_id": row[2], "township": row[3]}


def _total(by_room: dict[str | None, dict[str, Any]], codes: list[str]) -> dict[str, Any]:
    total = empty_figures(codes)
    for figures in by_room.values():
        add_figures(total, figures)
    return finish(total)


def _months(months: dict[str, int]) -> list[dict[str, Any]]:
    return [{"month": month, "meetings": count} for month, count in months.items()]


def _lists(
    rows: list[dict[str, Any]],
    by_room: dict[str | None, dict[str, Any]],
    codes: list[str],
    *,
    district_name: str,
) -> dict[str, Any]:
    rooms: list[dict[str, Any]] = []
    offices: list[dict[str, Any]] = []
    townships: dict[str | None, dict[str, Any]] = {}
    district_line: dict[str, Any] | None = None
    for row in rows:
        figures = finish(by_room.get(row["id"], empty_figures(codes)))
        kind = RoomKind(row["kind"])
        office = None
        if kind in OFFICE_KINDS:
            office = "district" if kind is RoomKind.DISTRICT_OFFICE else "township"
        line = {
            "room_id": row["id"],
            "name": row["name"],
            "village": row["village"],
            "code": row["code"],
            "township_id": row["township_id"],
            "township": row["township"],
            "office": office,
            **figures,
        }
        rooms.append(line)
        if office is not None:
            offices.append(
                {
                    "office": office,
                    "room_id": row["id"],
                    "name": row["name"],
                    "township_id": row["township_id"],
                    "township": row["township"],
                    **figures,
                }
            )
        if office == "district":
            if district_line is None:
                district_line = {
                    "township_id": None,
                    "name": row["name"] or district_name,
                    "office": "district",
                    "room_count": 0,
                    **empty_figures(codes),
                }
            add_figures(district_line, figures)
            continue
        township = townships.setdefault(
            row["township_id"],
            {
                "township_id": row["township_id"],
                "name": row["township"],
                "office": None,
                "room_count": 0,
                **empty_figures(codes),
            },
        )
        if office is None:
            township["room_count"] += 1
        add_figures(township, figures)
    township_lines = [finish(t) for t in townships.values()]
    if district_line is not None:
        township_lines.append(finish(district_line))
    return {
        "townships": township_lines,
        "rooms": rooms,
        "offices": offices,
        "ranking": rank_rooms(rooms),
    }


RANKED_KEYS = (
    "meetings",
    "problems_solved",
    "member_attendances",
    "topics",
    "outcomes",
    "outcomes_implemented",
)


def rank_rooms(rooms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Real rooms ranked by meetings held, then by problems solved (both most first); rooms
    equal on both share a rank (1, 2, 2, 4), listed by township and name."""
    real = [room for room in rooms if room["office"] is None]
    real.sort(key=lambda r: (-r["meetings"], -r["problems_solved"], r["township"] or "", r["name"]))
    ranking: list[dict[str, Any]] = []
    previous: tuple[int, int] | None = None
    rank = 0
    for position, room in enumerate(real, 1):
        key = (room["meetings"], room["problems_solved"])
        if key != previous:
            rank, previous = position, key
        ranking.append(
            {
                "rank": rank,
                "room_id": room["room_id"],
                "name": room["name"],
                "township": room["township"],
                **{key: room[key] for key in RANKED_KEYS},
            }
        )
    return ranking
