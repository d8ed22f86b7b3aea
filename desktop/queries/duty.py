"""Members' duty scores (履职评价) and each member's 履职档案, read from the records themselves.

Every act is derived, when scoring, from the record the workflow that made it wrote, one
select per kind of source (the `_*_acts` functions below):

- a meeting whose minutes are final (记录定稿): each member signed in present is 参加协商议事,
  on leave 请假, absent 无故缺席; each member with a speech (发言) on its agenda spoke, once a
  meeting. An amendment that changes the attendance or the speeches changes the acts with it.
- a live claim on a topic (议题认领), on the day it was claimed; a withdrawn claim is none.
- an outcome escalated as 政协提案 / 社情民意信息, on the day it was escalated, for the members
  behind it: the claimants and the proposer of its topic, or the members of its activity or
  case.
- a member taking part in an activity, as its kind says (活动类型's `duty_kind`), and in a
  mediation or petition case (矛盾调解), on the day it was held or opened.
- an act the district office recorded itself (DutyAct: a proposal adopted, a 批示).

So nothing is counted twice however often a bundle is imported, the district scores the
rooms' records exactly as the rooms wrote them (rooms of older versions too), and a change
to a record changes the score at once. The year's rules come from desktop.rules.duty.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import (
    Activity,
    ActivityKind,
    ActivityMember,
    AgendaItem,
    Area,
    Assignment,
    Attendance,
    CaseMember,
    Claim,
    DutyAct,
    Installation,
    MediationCase,
    Meeting,
    Member,
    Outcome,
    Room,
    Speech,
    Topic,
    Township,
)
from desktop.models.enums import (
    AttendanceStatus,
    DutyKind,
    EscalationKind,
    MeetingStatus,
    NodeRole,
)
from desktop.rules.duty import (
    DutyError,
    Grade,
    KindScore,
    Rules,
    as_rules,
    counted_member_attendance,
    live_rule_sets,
    rule_set_in_force,
    rules_for_year,
    rules_stamp,
    score,
    year_of,
)

K = DutyKind
ActSelect = Select[*tuple[Any, ...]]
FIRST_YEAR, LAST_YEAR = 1949, 2100


@dataclass(frozen=True)
class Act:
    """One counted act with the record it comes from."""

    member_id: str
    kind: DutyKind
    on: date
    # The source record's table (meeting, topic, outcome, activity, mediation_case, duty_act)
    # and id, and what the 履职档案 prints for it.
    source: str
    source_id: str
    title: str
    room: str


@dataclass(frozen=True)
class MemberScore:
    """One member's year: the total, the grade, the attendances and the breakdown by kind."""

    rank: int
    member_id: str
    name: str
    score: Decimal
    grade: Grade
    attended: int
    breakdown: dict[DutyKind, KindScore]


@dataclass(frozen=True)
class YearScores:
    """A year's members, best first, and the rules they were scored by."""

    year: int
    rules: Rules
    members: list[MemberScore]

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "members": [
                {
                    "member_id": m.member_id,
                    "name": m.name,
                    "score": number(m.score),
                    "grade": m.grade.value,
                    "attended": m.attended,
                    "breakdown": {
                        kind.value: {
                            "count": entry.count,
                            "points": number(entry.points),
                            "capped": number(entry.capped),
                        }
                        for kind, entry in m.breakdown.items()
                    },
                }
                for m in self.members
            ],
        }


@lru_cache(maxsize=4096)
def spelled(name: str) -> str:
    """The name in pinyin, for ordering: 张卫东 → zhang wei dong, before 周明."""
    return " ".join(lazy_pinyin(name))


def number(value: Decimal) -> int | float:
    """A score for JSON: whole numbers as integers."""
    return int(value) if value == value.to_integral_value() else float(value)


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DutyError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，收到 {year}")


# --- the acts, one select per source ---------------------------------------------------------
# Each gives (member_id, kind, on, source, source_id, title, room_id) for the acts of a
# period, optionally of one member.


def _kind(value: DutyKind) -> ColumnElement[str]:
    return literal(value.value, String())


def _source(table: str) -> ColumnElement[str]:
    return literal(table, String())


def _final_meeting(first: date, last: date) -> list[ColumnElement[bool]]:
    return [
        Meeting.deleted.is_(False),
        Meeting.status == MeetingStatus.MINUTES_FINAL,
        Meeting.held_on.between(first, last),
    ]


def _meeting_title() -> ColumnElement[str]:
    return func.coalesce(func.nullif(Meeting.title, ""), "协商议事活动")


def _attendance_acts(first: date, last: date, member: str | None) -> ActSelect:
    kind = case(
        (Attendance.status == AttendanceStatus.PRESENT, _kind(K.ATTENDED_CONSULTATION)),
        (Attendance.status == AttendanceStatus.LEAVE, _kind(K.LEAVE)),
        else_=_kind(K.UNEXCUSED_ABSENCE),
    )
    statement = (
        select(
            Attendance.member_id,
            kind,
            Meeting.held_on,
            _source("meeting"),
            Meeting.id,
            _meeting_title(),
            Meeting.room_id,
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(
            *_final_meeting(first, last),
            Attendance.deleted.is_(False),
            Attendance.member_id.is_not(None),
        )
    )
    return statement if member is None else statement.where(Attendance.member_id == member)


def _speech_acts(first: date, last: date, member: str | None) -> ActSelect:
    # Once a meeting, however many items the member spoke on.
    statement = (
        select(
            Speech.member_id,
            _kind(K.SPOKE),
            Meeting.held_on,
            _source("meeting"),
            Meeting.id,
            _meeting_title(),
            Meeting.room_id,
        )
        .join(AgendaItem, AgendaItem.id == Speech.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            *_final_meeting(first, last),
            Speech.deleted.is_(False),
            AgendaItem.deleted.is_(False),
            Speech.member_id.is_not(None),
        )
        .distinct()
    )
    return statement if member is None else statement.where(Speech.member_id == member)


def _claim_acts(first: date, last: date, member: str | None) -> ActSelect:
    statement = (
        select(
            Claim.member_id,
            _kind(K.CLAIMED_TOPIC),
            Claim.claimed_on,
            _source("topic"),
            Topic.id,
            Topic.title,
            Topic.room_id,
        )
        .join(Topic, Topic.id == Claim.topic_id)
        .where(
            Claim.deleted.is_(False),
            Topic.deleted.is_(False),
            Claim.claimed_on.between(first, last),
        )
    )
    return statement if member is None else statement.where(Claim.member_id == member)


def _escalated(first: date, last: date) -> list[ColumnElement[bool]]:
    return [
        Outcome.deleted.is_(False),
        Outcome.escalation_kind.is_not(None),
        Outcome.escalated_on.between(first, last),
    ]


def _escalation_acts(first: date, last: date, member: str | None) -> ActSelect:
    # The members behind an escalated outcome, each once (a claimant may have proposed it).
    escalated = select().select_from(Outcome).where(*_escalated(first, last))
    of_item = escalated.join(
        AgendaItem,
        and_(AgendaItem.id == Outcome.agenda_item_id, AgendaItem.deleted.is_(False)),
    )
    behind = union(
        of_item.join(
            Claim, and_(Claim.topic_id == AgendaItem.topic_id, Claim.deleted.is_(False))
        ).add_columns(Claim.member_id.label("member_id"), Outcome.id.label("outcome_id")),
        of_item.join(Topic, Topic.id == AgendaItem.topic_id)
        .where(Topic.deleted.is_(False), Topic.proposed_by_member_id.is_not(None))
        .add_columns(Topic.proposed_by_member_id, Outcome.id),
        escalated.join(
            ActivityMember,
            and_(
                ActivityMember.activity_id == Outcome.activity_id,
                ActivityMember.deleted.is_(False),
            ),
        ).add_columns(ActivityMember.member_id, Outcome.id),
        escalated.join(
            CaseMember, and_(CaseMember.case_id == Outcome.case_id, CaseMember.deleted.is_(False))
        ).add_columns(CaseMember.member_id, Outcome.id),
    ).subquery()
    kind = case(
        (Outcome.escalation_kind == EscalationKind.PROPOSAL, _kind(K.SUBMITTED_PROPOSAL)),
        else_=_kind(K.SUBMITTED_SOCIAL_INFO),
    )
    statement = select(
        behind.c.member_id,
        kind,
        Outcome.escalated_on,
        _source("outcome"),
        Outcome.id,
        Outcome.escalation_ref.concat("：").concat(func.substr(Outcome.content, 1, 60)),
        Outcome.room_id,
    ).join(Outcome, Outcome.id == behind.c.outcome_id)
    return statement if member is None else statement.where(behind.c.member_id == member)


def _activity_acts(first: date, last: date, member: str | None) -> ActSelect:
    statement = (
        select(
            ActivityMember.member_id,
            ActivityKind.duty_kind,
            Activity.held_on,
            _source("activity"),
            Activity.id,
            Activity.title,
            Activity.room_id,
        )
        .join(Activity, Activity.id == ActivityMember.activity_id)
        .join(ActivityKind, ActivityKind.id == Activity.kind_id)
        .where(
            ActivityMember.deleted.is_(False),
            Activity.deleted.is_(False),
            Activity.held_on.between(first, last),
        )
    )
    return statement if member is None else statement.where(ActivityMember.member_id == member)


def _case_acts(first: date, last: date, member: str | None) -> ActSelect:
    statement = (
        select(
            CaseMember.member_id,
            _kind(K.MEDIATION),
            MediationCase.opened_on,
            _source("mediation_case"),
            MediationCase.id,
            MediationCase.subject,
            MediationCase.room_id,
        )
        .join(MediationCase, MediationCase.id == CaseMember.case_id)
        .where(
            CaseMember.deleted.is_(False),
            MediationCase.deleted.is_(False),
            MediationCase.opened_on.between(first, last),
        )
    )
    return statement if member is None else statement.where(CaseMember.member_id == member)


def _district_acts(first: date, last: date, member: str | None) -> ActSelect:
    statement = select(
        DutyAct.member_id,
        DutyAct.kind,
        DutyAct.occurred_on,
        _source("duty_act"),
        DutyAct.id,
        DutyAct.title,
        literal(None, String()),
    ).where(DutyAct.deleted.is_(False), DutyAct.occurred_on.between(first, last))
    return statement if member is None else statement.where(DutyAct.member_id == member)


SOURCES = (
    _attendance_acts,
    _speech_acts,
    _claim_acts,
    _escalation_acts,
    _activity_acts,
    _case_acts,
    _district_acts,
)


def _all_acts(first: date, last: date, member: str | None = None) -> Any:
    return union_all(*(source(first, last, member) for source in SOURCES)).subquery("acts")


# --- scoring ---------------------------------------------------------------------------------


def _year(year: int) -> tuple[date, date]:
    check_year(year)
    return date(year, 1, 1), date(year, 12, 31)


def _counts(session: Session, first: date, last: date) -> dict[str, dict[DutyKind, int]]:
    acts = _all_acts(first, last)
    member, kind = acts.c[0], acts.c[1]
    counts: dict[str, dict[DutyKind, int]] = defaultdict(dict)
    for member_id, kind_value, count in session.execute(
        select(member, kind, func.count()).group_by(member, kind)
    ):
        counts[member_id][DutyKind(kind_value)] = count
    return counts


def attendances(session: Session, first: date, last: date) -> dict[str, int]:
    """Each member's attendances (人次) as the statistics count them."""
    rows = session.execute(
        select(Attendance.member_id, func.count())
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*counted_member_attendance(first, last))
        .group_by(Attendance.member_id)
    )
    return {member_id: count for member_id, count in rows if member_id is not None}


def _township_members(session: Session, township_id: str, first: date, last: date) -> set[str]:
    """Members assigned, at some time in the period, to a room or an area of the township."""
    in_township = or_(
        Assignment.room_id.in_(select(Room.id).where(Room.township_id == township_id)),
        Assignment.area_id.in_(select(Area.id).where(Area.township_id == township_id)),
    )
    return set(
        session.scalars(
            select(Assignment.member_id).where(
                Assignment.deleted.is_(False),
                in_township,
                Assignment.start_date <= last,
                or_(Assignment.end_date.is_(None), Assignment.end_date >= first),
            )
        )
    )


def score_session(session: Session, year: int, *, township: str | None = None) -> YearScores:
    """`score_year` inside the caller's session."""
    installation = session.get(Installation, 1)
    if installation is not None and installation.role is NodeRole.CITY:
        # Each district scores its own members by its own rules.
        raise DutyError("履职评价由各区政协按本区的评价办法进行，市政协不计算委员得分")
    if installation is not None and installation.role is not NodeRole.DISTRICT:
        # A room holds its own records only: a member's year there would be part of it.
        raise DutyError("履职评价由区政协进行：议事室只有本室的记录，得不出委员的全年得分")
    first, last = _year(year)
    rules = rules_for_year(session, year)
    counts = _counts(session, first, last)
    attended = attendances(session, first, last)
    wanted: set[str] | None = None
    if township is not None:
        if session.get(Township, township) is None:
            raise DutyError("所选的镇（街道）不存在，请刷新后重试")
        wanted = _township_members(session, township, first, last)
    # Live active members, and anyone with an act or an attendance in the year (a member who
    # retired since keeps the year's score).
    members = session.execute(
        select(Member.id, Member.name).where(
            or_(
                and_(Member.deleted.is_(False), Member.active.is_(True)),
                Member.id.in_(set(counts) | set(attended)),
            )
        )
    ).all()
    scored = []
    for member_id, name in members:
        if wanted is not None and member_id not in wanted:
            continue
        total, breakdown = score(rules, counts.get(member_id, {}))
        scored.append((total, name, member_id, breakdown))
    # Best first; a tie by the name's pinyin, then the name, then the id: the same order
    # every time.
    scored.sort(key=lambda s: (-s[0], spelled(s[1]), s[1], s[2]))
    ranked: list[MemberScore] = []
    for position, (total, name, member_id, breakdown) in enumerate(scored, 1):
        rank = ranked[-1].rank if ranked and ranked[-1].score == total else position
        ranked.append(
            MemberScore(
                rank=rank,
                member_id=member_id,
                name=name,
                score=total,
                grade=rules.grade(total),
                attended=attended.get(member_id, 0),
                breakdown=breakdown,
            )
        )
    return YearScores(year=year, rules=rules, members=ranked)


def score_year(db: Database, year: int, *, township: str | None = None) -> YearScores:
    """Every member's score for the year, best first, by the rules in force for it.

    `township` (its id) keeps the members assigned there during the year; each score is
    still the member's whole year, wherever the acts took place.
    """
    with db.session() as session:
        return score_session(session, year, township=township)


# --- one member's 履职档案 ---------------------------------------------------------------------


@dataclass(frozen=True)
class MemberFile:
    """What a member's 履职档案 prints: the member, the year's acts and the score."""

    year: int
    rules: Rules
    member_id: str
    name: str
    sector: str
    workplace: str
    acts: list[Act]
    score: MemberScore


def member_file(db: Database, year: int, member_id: str) -> MemberFile:
    """Every counted act of the member in the year, by date, with its score."""
    first, last = _year(year)
    with db.session() as session:
        member = session.get(Member, member_id)
        if member is None:
            raise DutyError("所选的委员不存在，请刷新后重试")
        scores = score_session(session, year)
        mine = next((m for m in scores.members if m.member_id == member_id), None)
        if mine is None:
            # A retired member with nothing in the year: the base score, no acts.
            total, breakdown = score(scores.rules, {})
            mine = MemberScore(
                0, member_id, member.name, total, scores.rules.grade(total), 0, breakdown
            )
        acts = _acts_of(session, first, last, member_id)
        return MemberFile(
            year=year,
            rules=scores.rules,
            member_id=member_id,
            name=member.name,
            sector=member.sector,
            workplace=member.workplace or "",
            acts=acts,
            score=mine,
        )


def _acts_of(session: Session, first: date, last: date, member_id: str) -> list[Act]:
    acts = _all_acts(first, last, member_id)
    rooms: dict[str, str] = {i: n for i, n in session.execute(select(Room.id, Room.name))}
    order = {kind: index for index, kind in enumerate(K)}
    found = [
        Act(
            member_id=row[0],
            kind=DutyKind(row[1]),
            on=row[2],
            source=row[3],
            source_id=row[4],
            title=row[5] or "",
            room=rooms.get(row[6], "") if row[6] else "",
        )
        for row in session.execute(select(acts))
    ]
    found.sort(key=lambda a: (a.on, order[a.kind], a.title, a.source_id))
    return found


def acts_of_member(db: Database, year: int, member_id: str) -> list[Act]:
    """The member's counted acts in the year, by date."""
    first, last = _year(year)
    with db.session() as session:
        return _acts_of(session, first, last, member_id)


# --- the district's own acts and the rule sets, for the pages --------------------------------


@dataclass(frozen=True)
class DistrictActRow:
    id: str
    revision: int
    member_id: str
    member_name: str
    kind: DutyKind
    occurred_on: date
    title: str
    evidence: str
    reference: str


def district_acts(db: Database, *, year: int | None = None) -> list[DistrictActRow]:
    """The acts the district recorded itself, latest first."""
    statement = (
        select(DutyAct, Member.name)
        .join(Member, Member.id == DutyAct.member_id)
        .where(DutyAct.deleted.is_(False))
        .order_by(DutyAct.occurred_on.desc(), Member.name, DutyAct.id)
    )
    if year is not None:
        first, last = _year(year)
        statement = statement.where(DutyAct.occurred_on.between(first, last))
    with db.session() as session:
        return [
            DistrictActRow(
                id=act.id,
                revision=act.revision,
                member_id=act.member_id,
                member_name=name,
                kind=act.kind,
                occurred_on=act.occurred_on,
                title=act.title,
                evidence=act.evidence,
                reference=act.reference or "",
            )
            for act, name in session.execute(statement)
        ]


@dataclass(frozen=True)
class MemberChoice:
    id: str
    name: str
    sector: str


def member_choices(db: Database) -> Sequence[MemberChoice]:
    """Live members for a picker, in pinyin order."""
    with db.session() as session:
        rows = session.execute(
            select(Member.id, Member.name, Member.sector).where(Member.deleted.is_(False))
        ).all()
    choices = [MemberChoice(*row) for row in rows]
    choices.sort(key=lambda m: (spelled(m.name), m.name, m.id))
    return choices


@dataclass(frozen=True)
class RuleSetRow:
    """A stored rule set as the editor shows it, with the stamp a save hands back."""

    id: str
    year: int
    version: int
    rules: Rules
    stamp: str


def rule_sets(db: Database) -> list[RuleSetRow]:
    """Every live rule set, latest year first."""
    with db.session() as session:
        return [
            RuleSetRow(
                id=rule_set.id,
                year=year_of(rule_set),
                version=rule_set.version,
                rules=as_rules(session, rule_set),
                stamp=rules_stamp(session, rule_set.id),
            )
            for rule_set in live_rule_sets(session)
        ]


def rules_in_force(db: Database, year: int) -> tuple[Rules | None, str | None]:
    """The rules a year is scored by and the id of their rule set (None, None: none yet)."""
    with db.session() as session:
        rule_set = rule_set_in_force(session, year)
        if rule_set is None:
            return None, None
        return as_rules(session, rule_set), rule_set.id


def township_named(db: Database, name: str) -> str:
    """The id of the live township called `name`, or a refusal naming it."""
    with db.session() as session:
        found = session.scalars(
            select(Township.id).where(Township.deleted.is_(False), Township.name == name.strip())
        ).all()
    if not found:
        raise DutyError(f"没有名为“{name.strip()}”的镇（街道）")
    return found[0]


def format_scores(scores: YearScores) -> str:
    """The ranked list as text lines for the terminal."""
    lines = [f"{scores.year}年度委员履职评价（{scores.rules.name}）"]
    lines.append(f"{'名次':>4}  {'姓名':<6}{'得分':>8}  {'等次':<6}{'出席':>4}")
    for m in scores.members:
        score_text = f"{number(m.score)}"
        lines.append(f"{m.rank:>5}  {m.name:<6}{score_text:>9}  {m.grade.label:<6}{m.attended:>5}")
    if not scores.members:
        lines.append("（没有委员）")
    return "\n".join(lines)
