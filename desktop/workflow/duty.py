"""The district's side of duty scoring (履职评价): its rules by year and the acts it records.

Rule sets and the acts the district records (DutyAct) are district-wide rows: the district
writes them and they go down to every room, which only reads them (desktop.sync.ownership).
Every other act is read from the rooms' own records when scoring (desktop.queries.duty), so
the workflows that write those records (sign-in at final minutes, speeches, claims,
escalations, activities, cases) record the acts by writing them, and nothing here copies
them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import DutyAct, Member, ScoringRule, ScoringRuleSet
from desktop.models.enums import DutyKind
from desktop.rules import RuleError
from desktop.rules.duty import (
    DutyError,
    Rules,
    as_rules,
    check_rules,
    default_rules,
    live_rule_sets,
    next_version,
    rule_set_name,
    rule_set_rows,
    rules_stamp,
    year_of,
)
from desktop.workflow.roster import require_district
from desktop.workflow.stale import StaleEditError, still_there

ROOM_REFUSAL = "履职评价办法和区政协补录的履职记录由区政协维护，议事室不能修改"
TITLE_LIMIT = 200
REFERENCE_LIMIT = 100
FIRST_YEAR, LAST_YEAR = 1949, 2100


def _require_district(session: Session) -> None:
    try:
        require_district(session)
    except RuleError:
        raise DutyError(ROOM_REFUSAL) from None


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DutyError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，收到 {year}")


def _of_year(session: Session, year: int) -> ScoringRuleSet | None:
    return next((s for s in live_rule_sets(session) if year_of(s) == year), None)


def _live_set(session: Session, rule_set_id: str) -> ScoringRuleSet:
    rule_set = still_there(session, ScoringRuleSet, rule_set_id)
    if rule_set.deleted:
        raise DutyError("所选的评价办法已删除，请刷新后重试")
    return rule_set


# --- rule sets -------------------------------------------------------------------------------


def add_rule_set(session: Session, rules: Rules) -> ScoringRuleSet:
    """A new rule set for `rules.year`; a year has one (edit it, or remove it first)."""
    _require_district(session)
    _check_year(rules.year)
    check_rules(rules)
    if _of_year(session, rules.year) is not None:
        raise DutyError(f"{rules.year} 年已有履职评价办法，请直接修改")
    rule_set, rows = rule_set_rows(rules, version=next_version(session))
    session.add(rule_set)
    session.flush()
    session.add_all(rows)
    session.flush()
    return rule_set


def update_rule_set(
    session: Session, rule_set_id: str, rules: Rules, *, expected_stamp: str | None = None
) -> None:
    """The year's base score, grade bounds and every kind's points, cap and description.

    A kind missing from `rules.kinds` is removed from the rule set (it scores nothing).
    """
    _require_district(session)
    check_rules(rules)
    rule_set = _live_set(session, rule_set_id)
    if expected_stamp is not None and rules_stamp(session, rule_set_id) != expected_stamp:
        raise StaleEditError(
            "这份评价办法已被他人修改，您的修改未保存（您输入的内容仍保留在窗口中）。"
            "请关闭后重新打开再修改。"
        )
    if rules.year != year_of(rule_set):
        raise DutyError("评价办法的年份不能修改；请为新的年份复制一份")
    rule_set.name = rules.name.strip() or rule_set_name(rules.year)
    rule_set.base_score = rules.base
    rule_set.excellent_min = rules.excellent_min
    rule_set.competent_min = rules.competent_min
    rule_set.basic_min = rules.basic_min
    existing = {
        row.kind: row
        for row in session.scalars(
            select(ScoringRule).where(ScoringRule.rule_set_id == rule_set.id)
        )
    }
    for kind in DutyKind:
        rule = rules.kinds.get(kind)
        row = existing.get(kind)
        if rule is None:
            if row is not None:
                row.deleted = True
            continue
        if row is None:
            session.add(
                ScoringRule(
                    rule_set_id=rule_set.id,
                    kind=kind,
                    points=rule.points,
                    cap=rule.cap,
                    description=rule.description,
                )
            )
            continue
        # Assigned only when different: an unchanged rule keeps its revision (no bundle row).
        for name, value in (
            ("points", rule.points),
            ("cap", rule.cap),
            ("description", rule.description),
            ("deleted", False),
        ):
            if getattr(row, name) != value:
                setattr(row, name, value)
    session.flush()


def remove_rule_set(session: Session, rule_set_id: str) -> None:
    """Tombstones the rule set and its rules; its years fall back to an earlier year's."""
    _require_district(session)
    rule_set = _live_set(session, rule_set_id)
    for row in session.scalars(select(ScoringRule).where(ScoringRule.rule_set_id == rule_set.id)):
        row.deleted = True
    rule_set.deleted = True
    session.flush()


def copy_rules(session: Session, rule_set_id: str, *, year: int) -> ScoringRuleSet:
    """A new year's rule set with another year's values (copy last year's, then edit)."""
    _check_year(year)
    source = as_rules(session, _live_set(session, rule_set_id))
    copied = Rules(
        year=year,
        name=rule_set_name(year),
        base=source.base,
        excellent_min=source.excellent_min,
        competent_min=source.competent_min,
        basic_min=source.basic_min,
        kinds=dict(source.kinds),
    )
    return add_rule_set(session, copied)


def add_default_rules(session: Session, year: int) -> ScoringRuleSet:
    """The default 委员履职评价办法 (desktop.rules.duty.DEFAULT_RULES) for the year."""
    return add_rule_set(session, default_rules(year))


# --- acts the district records ----------------------------------------------------------------


def _clean_act(
    session: Session, *, member_id: str, title: str, evidence: str, reference: str
) -> tuple[str, str, str | None]:
    member = session.get(Member, member_id)
    if member is None or member.deleted:
        raise DutyError("所选的委员不存在或已删除，请刷新后重试")
    title, evidence, reference = title.strip(), evidence.strip(), reference.strip()
    if not title:
        raise DutyError("请填写履职事项（例如：提案《……》被立案）")
    if len(title) > TITLE_LIMIT:
        raise DutyError(f"履职事项不能超过{TITLE_LIMIT}个字")
    if not evidence:
        raise DutyError("请填写依据（例如：区政协提案委员会立案通知、区委领导批示）")
    if len(reference) > REFERENCE_LIMIT:
        raise DutyError(f"文号或附件说明不能超过{REFERENCE_LIMIT}个字")
    return title, evidence, reference or None


def add_act(
    session: Session,
    *,
    member_id: str,
    kind: DutyKind,
    on: date,
    title: str,
    evidence: str,
    reference: str = "",
) -> DutyAct:
    """An act the district knows of (a proposal adopted, a leader's 批示), with its evidence."""
    _require_district(session)
    _check_year(on.year)
    title, evidence, ref = _clean_act(
        session, member_id=member_id, title=title, evidence=evidence, reference=reference
    )
    act = DutyAct(
        member_id=member_id,
        kind=kind,
        occurred_on=on,
        title=title,
        evidence=evidence,
        reference=ref,
    )
    session.add(act)
    session.flush()
    return act


def remove_act(session: Session, act_id: str) -> None:
    """The act no longer counts (a tombstone the rooms receive too)."""
    _require_district(session)
    act = still_there(session, DutyAct, act_id)
    if act.deleted:
        raise DutyError("这条履职记录已删除，请刷新后重试")
    act.deleted = True
    session.flush()


# --- each in its own transaction, for the GUI and the CLI -------------------------------------


def create_default_rules(db: Database, year: int) -> str:
    with db.session() as session:
        return add_default_rules(session, year).id


def save_rules(
    db: Database, rule_set_id: str, rules: Rules, *, expected_stamp: str | None = None
) -> None:
    with db.session() as session:
        update_rule_set(session, rule_set_id, rules, expected_stamp=expected_stamp)


def copy_rules_to_year(db: Database, rule_set_id: str, *, year: int) -> str:
    with db.session() as session:
        return copy_rules(session, rule_set_id, year=year).id


def delete_rules(db: Database, rule_set_id: str) -> None:
    with db.session() as session:
        remove_rule_set(session, rule_set_id)


def record_act(
    db: Database,
    *,
    member_id: str,
    kind: DutyKind,
    on: date,
    title: str,
    evidence: str,
    reference: str = "",
) -> str:
    with db.session() as session:
        return add_act(
            session,
            member_id=member_id,
            kind=kind,
            on=on,
            title=title,
            evidence=evidence,
            reference=reference,
        ).id


def delete_act(db: Database, act_id: str) -> None:
    with db.session() as session:
        remove_act(session, act_id)


def points(value: str, what: str) -> Decimal:
    """A number typed in a form, or a refusal naming the field."""
    try:
        number = Decimal(value.strip())
    except ArithmeticError:
        raise DutyError(f"{what}应是数字，收到“{value.strip()}”") from None
    if not number.is_finite():
        raise DutyError(f"{what}应是数字，收到“{value.strip()}”")
    return number
