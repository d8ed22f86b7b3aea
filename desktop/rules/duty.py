"""Duty scoring (履职评价) below both its reads and its writes: what a year's rules are, how a
member's acts become a score and a grade, the default 委员履职评价办法, and which attendances
count, so the scores' `attended` and the statistics' `member_attendances` are the same count.

No point value lives in code: `DEFAULT_RULES` is only what a new district starts with (and
may change); every score is worked out from the rule set stored for the year.

Arithmetic is in Decimal, rounded to hundredths, so the same acts and rules give the same
score on every machine, however often they are scored.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desktop.models import Attendance, Meeting, ScoringRule, ScoringRuleSet
from desktop.models.base import new_id
from desktop.models.enums import AttendanceStatus, DutyKind
from desktop.rules import RuleError
from desktop.rules.meetings import HELD_STATUSES

K = DutyKind
CENT = Decimal("0.01")
# A score, a point value, a cap or a bound is at most this far from zero (Numeric(6, 2)).
LIMIT = Decimal("9999.99")


class DutyError(RuleError):
    """Scores or rules refused; the message is for the user."""


class Grade(enum.StrEnum):
    """The four grades of the 委员履职评价办法, best first."""

    EXCELLENT = "excellent"
    COMPETENT = "competent"
    BASIC = "basic"
    INCOMPETENT = "incompetent"

    @property
    def label(self) -> str:
        return _GRADE_LABELS[self]


_GRADE_LABELS = {
    Grade.EXCELLENT: "优秀",
    Grade.COMPETENT: "称职",
    Grade.BASIC: "基本称职",
    Grade.INCOMPETENT: "不称职",
}


@dataclass(frozen=True)
class KindRule:
    """Points per act of one kind (negative: a deduction) and the most a year gives or takes."""

    points: Decimal
    cap: Decimal | None = None
    description: str = ""


@dataclass(frozen=True)
class Rules:
    """One year's rules as the scoring reads them (desktop.workflow.duty stores them)."""

    year: int
    name: str
    base: Decimal
    excellent_min: Decimal
    competent_min: Decimal
    basic_min: Decimal
    kinds: Mapping[DutyKind, KindRule]

    def grade(self, score: Decimal) -> Grade:
        if score >= self.excellent_min:
            return Grade.EXCELLENT
        if score >= self.competent_min:
            return Grade.COMPETENT
        if score >= self.basic_min:
            return Grade.BASIC
        return Grade.INCOMPETENT


@dataclass(frozen=True)
class KindScore:
    """One kind in a member's year: how many acts, their points, and what the cap left."""

    count: int
    points: Decimal
    capped: Decimal


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def kind_score(rule: KindRule | None, count: int) -> KindScore:
    """A kind without a rule scores nothing; a cap bounds gains and deductions alike."""
    if rule is None:
        return KindScore(count, Decimal(0), Decimal(0))
    raw = cents(rule.points * count)
    capped = raw
    if rule.cap is not None and abs(raw) > rule.cap:
        capped = rule.cap if raw > 0 else -rule.cap
    return KindScore(count, raw, cents(capped))


def score(
    rules: Rules, counts: Mapping[DutyKind, int]
) -> tuple[Decimal, dict[DutyKind, KindScore]]:
    """The total (base plus each kind's capped points) and the breakdown of every kind."""
    breakdown = {kind: kind_score(rules.kinds.get(kind), counts.get(kind, 0)) for kind in K}
    total = rules.base + sum((entry.capped for entry in breakdown.values()), Decimal(0))
    return cents(total), breakdown


# --- which attendances count ---------------------------------------------------------------


def held_meeting(first: date, last: date) -> list[ColumnElement[bool]]:
    """A consultation meeting that took place between the two days (both included)."""
    return [
        Meeting.deleted.is_(False),
        Meeting.status.in_(sorted(HELD_STATUSES)),
        Meeting.held_on.between(first, last),
    ]


def counted_member_attendance(first: date, last: date) -> list[ColumnElement[bool]]:
    """A member's attendance (人次) at a meeting held between the two days: what the
    statistics count as `member_attendances` and the scores as `attended` (join Meeting)."""
    return [
        *held_meeting(first, last),
        Attendance.deleted.is_(False),
        Attendance.member_id.is_not(None),
        Attendance.status == AttendanceStatus.PRESENT,
    ]


# --- the default rules -----------------------------------------------------------------------

# A sensible 委员履职评价办法 in the seed's spirit (参加活动、提交提案、报送信息、服务群众,
# 量化打分): base 60, 优秀 ≥ 90, 称职 ≥ 70, 基本称职 ≥ 60.
DEFAULT_BASE = Decimal(60)
DEFAULT_GRADES = (Decimal(90), Decimal(70), Decimal(60))
DEFAULT_RULES: dict[DutyKind, KindRule] = {
    K.ATTENDED_CONSULTATION: KindRule(Decimal(2), Decimal(20), "参加一次协商议事活动（记录定稿）"),
    K.SPOKE: KindRule(Decimal(1), Decimal(10), "在一次协商议事活动中发言"),
    K.CLAIMED_TOPIC: KindRule(Decimal(2), Decimal(10), "认领一个协商议题"),
    K.SUBMITTED_SOCIAL_INFO: KindRule(Decimal(2), Decimal(10), "报送一条社情民意信息"),
    K.SOCIAL_INFO_ADOPTED: KindRule(Decimal(3), Decimal(15), "社情民意信息被采用或获领导批示"),
    K.SUBMITTED_PROPOSAL: KindRule(Decimal(3), Decimal(15), "提交一件提案"),
    K.PROPOSAL_ACCEPTED: KindRule(Decimal(5), Decimal(15), "提案被立案或采纳"),
    K.READING: KindRule(Decimal(1), Decimal(5), "参加一次书香政协读书活动"),
    K.RECEPTION: KindRule(Decimal(2), Decimal(10), "参加一次委员接待日"),
    K.VISIT: KindRule(Decimal(1), Decimal(5), "参加一次走访联谊"),
    K.INSPECTION: KindRule(Decimal(2), Decimal(10), "参加一次视察调研或民主监督活动"),
    K.MEDIATION: KindRule(Decimal(2), Decimal(10), "参与化解一件矛盾纠纷或信访案件"),
    K.SERVED_RESIDENTS: KindRule(Decimal(1), Decimal(5), "其他服务群众活动"),
    K.OTHER_ACTIVITY: KindRule(Decimal(1), Decimal(5), "其他履职活动（区政协认定）"),
    K.LEAVE: KindRule(Decimal(-1), None, "请假缺席一次协商议事活动"),
    K.UNEXCUSED_ABSENCE: KindRule(Decimal(-3), None, "无故缺席一次协商议事活动"),
}


def default_rules(year: int) -> Rules:
    excellent, competent, basic = DEFAULT_GRADES
    return Rules(
        year=year,
        name=rule_set_name(year),
        base=DEFAULT_BASE,
        excellent_min=excellent,
        competent_min=competent,
        basic_min=basic,
        kinds=dict(DEFAULT_RULES),
    )


def rule_set_name(year: int) -> str:
    return f"{year}年度委员履职评价办法"


def check_rules(rules: Rules) -> None:
    """Refuse rules that cannot be stored or would grade nonsensically, naming the problem."""
    for value, what in (
        (rules.base, "基础分"),
        (rules.excellent_min, "“优秀”分数线"),
        (rules.competent_min, "“称职”分数线"),
        (rules.basic_min, "“基本称职”分数线"),
    ):
        _check_number(value, what)
    if not rules.excellent_min > rules.competent_min > rules.basic_min:
        raise DutyError("分数线应从高到低：优秀 > 称职 > 基本称职（低于基本称职为不称职）")
    for kind, rule in rules.kinds.items():
        _check_number(rule.points, f"“{kind.label}”的分值")
        if rule.cap is not None:
            _check_number(rule.cap, f"“{kind.label}”的上限")
            if rule.cap < 0:
                raise DutyError(f"“{kind.label}”的上限不能为负数（扣分项的上限指最多扣多少分）")


def _check_number(value: Decimal, what: str) -> None:
    if not value.is_finite() or abs(value) > LIMIT:
        raise DutyError(f"{what}应在 -{LIMIT} 到 {LIMIT} 之间")
    if value != cents(value):
        raise DutyError(f"{what}最多保留两位小数")


# --- reading the stored rules ----------------------------------------------------------------


def year_of(rule_set: ScoringRuleSet) -> int:
    """A rule set is its effective year's (written on 1 January of it)."""
    return rule_set.effective_from.year


def live_rule_sets(session: Session) -> list[ScoringRuleSet]:
    """Every live rule set, latest year first (a year with two: the later version first)."""
    return list(
        session.scalars(
            select(ScoringRuleSet)
            .where(ScoringRuleSet.deleted.is_(False))
            .order_by(ScoringRuleSet.effective_from.desc(), ScoringRuleSet.version.desc())
        )
    )


def rule_set_in_force(session: Session, year: int) -> ScoringRuleSet | None:
    """The year's own rule set or, when it has none, the latest of an earlier year."""
    return next((s for s in live_rule_sets(session) if year_of(s) <= year), None)


def as_rules(session: Session, rule_set: ScoringRuleSet) -> Rules:
    rows = session.scalars(
        select(ScoringRule).where(
            ScoringRule.rule_set_id == rule_set.id, ScoringRule.deleted.is_(False)
        )
    )
    return Rules(
        year=year_of(rule_set),
        name=rule_set.name,
        base=rule_set.base_score,
        excellent_min=rule_set.excellent_min,
        competent_min=rule_set.competent_min,
        basic_min=rule_set.basic_min,
        kinds={row.kind: KindRule(row.points, row.cap, row.description) for row in rows},
    )


def rules_for_year(session: Session, year: int) -> Rules:
    """The rules a year is scored by; none in force is a refusal that says what to do."""
    rule_set = rule_set_in_force(session, year)
    if rule_set is None:
        raise DutyError(
            f"还没有适用于 {year} 年的履职评价办法：请区政协在「履职评价」页的"
            "「评价办法」中制定（可采用默认办法）"
        )
    return as_rules(session, rule_set)


def rules_stamp(session: Session, rule_set_id: str) -> str:
    """The revisions of a rule set and its rules, as an editor loaded them: a save made on
    an older stamp is refused (another window or an import changed the rules since)."""
    rule_set = session.get(ScoringRuleSet, rule_set_id)
    if rule_set is None:
        return ""
    rows = session.execute(
        select(ScoringRule.id, ScoringRule.revision)
        .where(ScoringRule.rule_set_id == rule_set_id)
        .order_by(ScoringRule.id)
    )
    return ";".join([f"{rule_set.id}:{rule_set.revision}", *(f"{i}:{r}" for i, r in rows)])


def rule_set_rows(
    rules: Rules, *, version: int, make_id: Callable[[], str] = new_id
) -> tuple[ScoringRuleSet, list[ScoringRule]]:
    """The rows that store `rules` as a new rule set (setup, the district's editor, demo)."""
    rule_set = ScoringRuleSet(
        id=make_id(),
        version=version,
        name=rules.name.strip() or rule_set_name(rules.year),
        effective_from=date(rules.year, 1, 1),
        base_score=rules.base,
        excellent_min=rules.excellent_min,
        competent_min=rules.competent_min,
        basic_min=rules.basic_min,
    )
    rows = [
        ScoringRule(
            id=make_id(),
            rule_set_id=rule_set.id,
            kind=kind,
            points=rule.points,
            cap=rule.cap,
            description=rule.description,
        )
        for kind in K
        if (rule := rules.kinds.get(kind)) is not None
    ]
    return rule_set, rows


def next_version(session: Session) -> int:
    """Versions are unique over removed rule sets too."""
    return (session.scalar(select(func.max(ScoringRuleSet.version))) or 0) + 1
