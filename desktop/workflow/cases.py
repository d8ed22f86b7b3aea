"""Mediation and petition cases (调解 / 信访案件): validated add, edit and closing with a result."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CaseMember, MediationCase
from desktop.models.enums import CaseKind, CaseStatus
from desktop.rules import RuleError
from desktop.workflow.activities import (
    FieldRuleError,
    check_roster,
    clean_text,
    live_record,
    put_record,
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
    subject = clean_text(data.subject, field="subject", label="案件事由", limit=200, required=True)
    if data.opened_on > today:
        raise FieldRuleError("opened_on", "受理日期不能晚于今天")
    member_ids = check_roster(
        session, data.member_ids, field_name="members", none_chosen="请至少指派一位包案委员"
    )
    result = data.result.strip()
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
    return replace(
        data,
        subject=subject,
        parties=data.parties.strip(),
        member_ids=member_ids,
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
    expected_revision: int | None = None,
) -> MediationCase:
    """Add a new case (no id) or change one, including closing it; refusals name their field.

    With `expected_revision` (what the dialog loaded), a case changed since is refused with
    StaleEditError.
    """
    clean = _validate(session, data, today=today)
    case = (
        MediationCase(room_id=room_id)
        if case_id is None
        else live_record(
            session,
            MediationCase,
            case_id,
            gone="该案件已不存在",
            expected_revision=expected_revision,
        )
    )
    return put_record(session, case, clean, members=CaseMember.case_id)


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
