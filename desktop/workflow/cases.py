"""Mediation and petition cases (调解 / 信访案件): validated add, edit and closing with a result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CaseMember, MediationCase, Outcome
from desktop.models.enums import CaseKind, CaseStatus
from desktop.rules import RuleError
from desktop.workflow.activities import (
    FieldRuleError,
    SuggestionData,
    check_roster,
    validate_suggestion,
)

# A case in one of these is finished: it has a closing date and a result.
CLOSED_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.UNRESOLVED})


@dataclass(frozen=True)
class CaseData:
    """What the case form holds."""

    kind: CaseKind
    subject: str
    opened_on: date
    parties: str = ""
    member_ids: tuple[str, ...] = ()
    status: CaseStatus = CaseStatus.OPEN
    closed_on: date | None = None
    result: str = ""


def _validate(session: Session, data: CaseData, *, today: date) -> CaseData:
    subject = data.subject.strip()
    result = data.result.strip()
    if not subject:
        raise FieldRuleError("subject", "请填写案件事由")
    if len(subject) > 200:
        raise FieldRuleError("subject", "案件事由不能超过200个字")
    if data.opened_on > today:
        raise FieldRuleError("opened_on", "受理日期不能晚于今天")
    member_ids = check_roster(session, data.member_ids, field_name="members")
    if not member_ids:
        raise FieldRuleError("members", "请至少指派一位包案委员")
    closed_on = data.closed_on
    if data.status in CLOSED_STATUSES:
        if closed_on is None:
            raise FieldRuleError("closed_on", f"「{data.status.label}」须填写结案日期")
        if closed_on < data.opened_on:
            raise FieldRuleError("closed_on", "结案日期不能早于受理日期")
        if closed_on > today:
            raise FieldRuleError("closed_on", "结案日期不能晚于今天")
        if not result:
            raise FieldRuleError("result", f"「{data.status.label}」须填写处理结果")
    else:
        closed_on = None  # a case still being handled has not closed, whatever was typed
    return CaseData(
        kind=data.kind,
        subject=subject,
        opened_on=data.opened_on,
        parties=data.parties.strip(),
        member_ids=tuple(member_ids),
        status=data.status,
        closed_on=closed_on,
        result=result,
    )


def save_case(
    session: Session,
    data: CaseData,
    *,
    room_id: str,
    case_id: str | None = None,
    today: date,
) -> MediationCase:
    """Add a new case (no id) or change one, including closing it; refusals name their field."""
    clean = _validate(session, data, today=today)
    if case_id is None:
        case = MediationCase(
            room_id=room_id, kind=clean.kind, subject=clean.subject, opened_on=clean.opened_on
        )
        session.add(case)
    else:
        found = session.get(MediationCase, case_id)
        if found is None or found.deleted:
            raise RuleError("该案件已不存在")
        case = found
    case.kind = clean.kind
    case.subject = clean.subject
    case.parties = clean.parties
    case.opened_on = clean.opened_on
    case.status = clean.status
    case.closed_on = clean.closed_on
    case.result = clean.result
    session.flush()  # the new case's id, for its member rows
    rows = {
        row.member_id: row
        for row in session.scalars(select(CaseMember).where(CaseMember.case_id == case.id))
    }
    wanted = set(clean.member_ids)
    for member_id, row in rows.items():
        if row.deleted == (member_id in wanted):
            row.deleted = member_id not in wanted
    for member_id in clean.member_ids:
        if member_id not in rows:
            session.add(CaseMember(case_id=case.id, member_id=member_id))
    return case


def close_case(
    session: Session, case: MediationCase, *, status: CaseStatus, on: date, result: str, today: date
) -> None:
    """Close a case as 调解成功 or 未能化解, with the day and the result."""
    if status not in CLOSED_STATUSES:
        raise RuleError("结案状态只能是「调解成功」或「未能化解」")
    members = tuple(
        session.scalars(
            select(CaseMember.member_id).where(
                CaseMember.case_id == case.id, CaseMember.deleted.is_(False)
            )
        )
    )
    data = CaseData(
        kind=case.kind,
        subject=case.subject,
        opened_on=case.opened_on,
        parties=case.parties,
        member_ids=members,
        status=status,
        closed_on=on,
        result=result,
    )
    save_case(session, data, room_id=case.room_id, case_id=case.id, today=today)


def add_suggestion(session: Session, case: MediationCase, data: SuggestionData) -> Outcome:
    """A suggestion arising from a case, followed up on the outcomes page."""
    clean = validate_suggestion(data, since=case.opened_on, since_label="受理日期")
    outcome = Outcome(
        room_id=case.room_id,
        case_id=case.id,
        content=clean.content,
        responsible_unit=clean.responsible_unit,
        responsible_person=clean.responsible_person,
        deadline=clean.deadline,
    )
    session.add(outcome)
    return outcome
