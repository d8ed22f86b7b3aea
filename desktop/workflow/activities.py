"""Other activities (其他履职活动): validated add and edit, who took part, and their suggestions.

What cases share with activities lives here too: the text and roster checks, writing a record
with its member rows, and suggestions. A suggestion becomes an Outcome row hung under its
activity or case (`activity_id` or `case_id`), so it is followed up on the outcomes page
exactly like a meeting's outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.models import Activity, ActivityKind, ActivityMember, MediationCase, Member, Outcome
from desktop.models.stamping import touch
from desktop.rules import RuleError
from desktop.workflow.stale import check_unchanged

if TYPE_CHECKING:
    from desktop.workflow.cases import CaseData


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


def clean_text(value: str, *, field: str, label: str, limit: int | None, required: bool) -> str:
    """The text stripped; refused beside `field` when required and empty, or over `limit`."""
    text = value.strip()
    if required and not text:
        raise FieldRuleError(field, f"请填写{label}")
    if limit is not None and len(text) > limit:
        raise FieldRuleError(field, f"{label}不能超过{limit}个字")
    return text


def check_roster(
    session: Session, member_ids: Iterable[str], *, field_name: str, none_chosen: str
) -> tuple[str, ...]:
    """The ids, de-duplicated in order, at least one, all of live members of the roster."""
    ids = tuple(dict.fromkeys(member_ids))
    if not ids:
        raise FieldRuleError(field_name, none_chosen)
    known = set(
        session.scalars(select(Member.id).where(Member.id.in_(ids), Member.deleted.is_(False)))
    )
    if missing := [i for i in ids if i not in known]:
        raise FieldRuleError(field_name, f"有 {len(missing)} 位所选委员不在委员名册中")
    return ids


def _validate(session: Session, data: ActivityData, *, today: date) -> ActivityData:
    kind = session.get(ActivityKind, data.kind_id) if data.kind_id else None
    if kind is None or kind.deleted:
        raise FieldRuleError("kind", "请选择活动类型")
    if data.held_on > today:
        raise FieldRuleError("held_on", "活动日期不能晚于今天，请在活动结束后记录")
    return replace(
        data,
        title=clean_text(data.title, field="title", label="活动主题", limit=200, required=True),
        place=clean_text(data.place, field="place", label="地点", limit=200, required=False),
        member_ids=check_roster(
            session,
            data.member_ids,
            field_name="members",
            none_chosen="请至少选择一位参加活动的委员",
        ),
        others_present=data.others_present.strip(),
        summary=data.summary.strip(),
    )


LiveRecord = TypeVar("LiveRecord", Activity, MediationCase)


def live_record(
    session: Session,
    model: type[LiveRecord],
    record_id: str,
    *,
    gone: str,
    expected_revision: int | None = None,
) -> LiveRecord:
    """The record to change; refused with `gone` when it was deleted meanwhile, and with
    StaleEditError when it changed since the dialog loaded it at `expected_revision`."""
    found = session.get(model, record_id)
    if found is None or found.deleted:
        raise RuleError(gone)
    check_unchanged(session, found, expected_revision)
    return found


def put_record(
    session: Session,
    record: LiveRecord,
    clean: ActivityData | CaseData,
    *,
    members: InstrumentedAttribute[str],
) -> LiveRecord:
    """The record with the checked form's fields (named like its columns) and its member rows
    (under `members`: ActivityMember.activity_id or CaseMember.case_id) in step."""
    existed = inspect(record).persistent
    for field in fields(clean):
        if field.name != "member_ids":
            setattr(record, field.name, getattr(clean, field.name))
    session.add(record)
    session.flush()  # a new record's id, for its member rows
    link: Any = members.class_
    rows = {row.member_id: row for row in session.scalars(select(link).where(members == record.id))}
    before = sorted(member_id for member_id, row in rows.items() if not row.deleted)
    if existed and before != sorted(clean.member_ids):
        # Who took part changed: the record's revision moves, so a form loaded before refuses.
        touch(session, record, {"member_ids": [before, sorted(clean.member_ids)]})
    # Tombstone the removed, revive or add the others.
    for member_id, row in rows.items():
        live = member_id in clean.member_ids
        if row.deleted == live:
            row.deleted = not live
    for member_id in clean.member_ids:
        if member_id not in rows:
            session.add(link(member_id=member_id, **{members.key: record.id}))
    return record


def save_activity(
    session: Session,
    data: ActivityData,
    *,
    room_id: str,
    activity_id: str | None = None,
    today: date,
    expected_revision: int | None = None,
) -> Activity:
    """Add a new activity (no id) or change an existing one; every refusal names its field.

    With `expected_revision` (what the dialog loaded), an activity changed since is refused
    with StaleEditError.
    """
    clean = _validate(session, data, today=today)
    if activity_id is None:
        return put_record(
            session, Activity(room_id=room_id), clean, members=ActivityMember.activity_id
        )
    activity = live_record(
        session,
        Activity,
        activity_id,
        gone="该活动已不存在",
        expected_revision=expected_revision,
    )
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
    return put_record(session, activity, clean, members=ActivityMember.activity_id)


def validate_suggestion(data: SuggestionData, *, since: date, since_label: str) -> SuggestionData:
    """The cleaned suggestion; the deadline may not come before the day it was made."""
    content = clean_text(data.content, field="content", label="建议内容", limit=None, required=True)
    unit = clean_text(
        data.responsible_unit, field="responsible_unit", label="责任单位", limit=200, required=False
    )
    person = clean_text(
        data.responsible_person,
        field="responsible_person",
        label="责任人",
        limit=50,
        required=False,
    )
    if data.deadline is not None and data.deadline < since:
        raise FieldRuleError("deadline", f"办理期限不能早于{since_label}（{since:%Y年%m月%d日}）")
    return replace(data, content=content, responsible_unit=unit, responsible_person=person)


def add_suggestion(
    session: Session, record: Activity | MediationCase, data: SuggestionData
) -> Outcome:
    """A suggestion from an activity or a case, followed up like a meeting's outcome (待办)."""
    if isinstance(record, Activity):
        since, since_label, origin = record.held_on, "活动日期", {"activity_id": record.id}
    else:
        since, since_label, origin = record.opened_on, "受理日期", {"case_id": record.id}
    clean = validate_suggestion(data, since=since, since_label=since_label)
    outcome = Outcome(
        room_id=record.room_id,
        **origin,
        content=clean.content,
        responsible_unit=clean.responsible_unit,
        responsible_person=clean.responsible_person,
        deadline=clean.deadline,
    )
    session.add(outcome)
    return outcome
