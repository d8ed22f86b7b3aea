"""Other activities (其他履职活动): validated add and edit, who took part, and their suggestions.

Suggestions become Outcome rows with `activity_id`, so they are followed up on the outcomes
page exactly like a meeting's outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Activity, ActivityKind, ActivityMember, Member, Outcome
from desktop.rules import RuleError


class FieldRuleError(RuleError):
    """A refused value; `field` names the form field the message belongs beside."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ActivityData:
    """What the activity form holds."""

    kind_id: str
    held_on: date
    title: str
    place: str = ""
    member_ids: tuple[str, ...] = ()
    others_present: str = ""
    summary: str = ""


@dataclass(frozen=True)
class SuggestionData:
    """One suggestion from an activity or case, to be followed up as an outcome."""

    content: str
    responsible_unit: str = ""
    responsible_person: str = ""
    deadline: date | None = None


def check_roster(session: Session, member_ids: Iterable[str], *, field_name: str) -> list[str]:
    """The ids, de-duplicated in order, all of live members of the roster."""
    ids = list(dict.fromkeys(member_ids))
    if not ids:
        return ids
    known = set(
        session.scalars(select(Member.id).where(Member.id.in_(ids), Member.deleted.is_(False)))
    )
    if missing := [i for i in ids if i not in known]:
        raise FieldRuleError(field_name, f"有 {len(missing)} 位所选委员不在委员名册中")
    return ids


def _validate(session: Session, data: ActivityData, *, today: date) -> ActivityData:
    title = data.title.strip()
    kind = session.get(ActivityKind, data.kind_id) if data.kind_id else None
    if kind is None or kind.deleted:
        raise FieldRuleError("kind", "请选择活动类型")
    if data.held_on > today:
        raise FieldRuleError("held_on", "活动日期不能晚于今天，请在活动结束后记录")
    if not title:
        raise FieldRuleError("title", "请填写活动主题")
    if len(title) > 200:
        raise FieldRuleError("title", "活动主题不能超过200个字")
    if len(data.place.strip()) > 200:
        raise FieldRuleError("place", "地点不能超过200个字")
    member_ids = check_roster(session, data.member_ids, field_name="members")
    if not member_ids:
        raise FieldRuleError("members", "请至少选择一位参加活动的委员")
    return ActivityData(
        kind_id=data.kind_id,
        held_on=data.held_on,
        title=title,
        place=data.place.strip(),
        member_ids=tuple(member_ids),
        others_present=data.others_present.strip(),
        summary=data.summary.strip(),
    )


def sync_members(
    session: Session, rows: list[ActivityMember], wanted: Iterable[str], *, activity_id: str
) -> None:
    """Make the live rows match `wanted`: tombstone the removed, revive or add the others."""
    wanted_set = set(wanted)
    by_member = {row.member_id: row for row in rows}
    for member_id, row in by_member.items():
        live = member_id in wanted_set
        if row.deleted == live:
            row.deleted = not live
    for member_id in wanted:
        if member_id not in by_member:
            session.add(ActivityMember(activity_id=activity_id, member_id=member_id))


def save_activity(
    session: Session,
    data: ActivityData,
    *,
    room_id: str,
    activity_id: str | None = None,
    today: date,
) -> Activity:
    """Add a new activity (no id) or change an existing one; every refusal names its field."""
    clean = _validate(session, data, today=today)
    if activity_id is None:
        activity = Activity(room_id=room_id, kind_id=clean.kind_id, held_on=clean.held_on)
        session.add(activity)
    else:
        found = session.get(Activity, activity_id)
        if found is None or found.deleted:
            raise RuleError("该活动已不存在")
        activity = found
        if activity.held_on != clean.held_on:
            early = session.scalar(
                select(Outcome.deadline)
                .where(
                    Outcome.activity_id == activity.id,
                    Outcome.deleted.is_(False),
                    Outcome.deadline < clean.held_on,
                )
                .limit(1)
            )
            if early is not None:
                raise FieldRuleError(
                    "held_on", f"已有建议的办理期限（{early:%Y年%m月%d日}）早于新的活动日期"
                )
    activity.kind_id = clean.kind_id
    activity.held_on = clean.held_on
    activity.title = clean.title
    activity.place = clean.place
    activity.others_present = clean.others_present
    activity.summary = clean.summary
    session.flush()  # the new activity's id, for its member rows
    rows = list(
        session.scalars(select(ActivityMember).where(ActivityMember.activity_id == activity.id))
    )
    sync_members(session, rows, clean.member_ids, activity_id=activity.id)
    return activity


def validate_suggestion(data: SuggestionData, *, since: date, since_label: str) -> SuggestionData:
    """The cleaned suggestion; the deadline may not come before the day it was made."""
    content = data.content.strip()
    if not content:
        raise FieldRuleError("content", "请填写建议内容")
    unit = data.responsible_unit.strip()
    if len(unit) > 200:
        raise FieldRuleError("responsible_unit", "责任单位不能超过200个字")
    person = data.responsible_person.strip()
    if len(person) > 50:
        raise FieldRuleError("responsible_person", "责任人不能超过50个字")
    if data.deadline is not None and data.deadline < since:
        raise FieldRuleError("deadline", f"办理期限不能早于{since_label}（{since:%Y年%m月%d日}）")
    return SuggestionData(
        content=content, responsible_unit=unit, responsible_person=person, deadline=data.deadline
    )


def add_suggestion(session: Session, activity: Activity, data: SuggestionData) -> Outcome:
    """A suggestion from the activity, to be followed up like a meeting's outcome (待办)."""
    clean = validate_suggestion(data, since=activity.held_on, since_label="活动日期")
    outcome = Outcome(
        room_id=activity.room_id,
        activity_id=activity.id,
        content=clean.content,
        responsible_unit=clean.responsible_unit,
        responsible_person=clean.responsible_person,
        deadline=clean.deadline,
    )
    session.add(outcome)
    return outcome
