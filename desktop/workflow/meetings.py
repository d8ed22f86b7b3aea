"""Meeting status and the lock on final minutes (定稿后修改须说明理由，记为修订)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session, UOWTransaction

from desktop import clock
from desktop.models import AgendaItem, Amendment, Attendance, Meeting, Speech
from desktop.models.base import utcnow
from desktop.models.enums import MeetingStatus
from desktop.models.stamping import CONTEXT_KEY, StampContext
from desktop.workflow import RuleError

M = MeetingStatus

TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    M.PLANNED: frozenset({M.HELD, M.CANCELLED}),
    M.HELD: frozenset({M.MINUTES_DRAFTED, M.MINUTES_FINAL}),
    M.MINUTES_DRAFTED: frozenset({M.MINUTES_FINAL}),
    M.MINUTES_FINAL: frozenset(),
    M.CANCELLED: frozenset({M.PLANNED}),
}
HELD_STATUSES = frozenset({M.HELD, M.MINUTES_DRAFTED, M.MINUTES_FINAL})


def transition(meeting: Meeting, target: MeetingStatus, *, today: date | None = None) -> None:
    allowed = TRANSITIONS[meeting.status]
    if target not in allowed:
        names = "、".join(s.label for s in MeetingStatus if s in allowed) or "无（记录已定稿）"
        raise RuleError(
            f"议事活动当前状态为「{meeting.status.label}」，不能转为「{target.label}」；允许的转换：{names}"
        )
    if target is M.HELD and meeting.held_on > (today or clock.today()):
        raise RuleError(f"活动日期 {meeting.held_on:%Y年%m月%d日} 尚未到，不能标记为已召开")
    meeting.status = target


def finalise(meeting: Meeting, *, at: datetime | None = None) -> None:
    """定稿: lock the minutes; from now on every change needs an amendment with a reason."""
    transition(meeting, M.MINUTES_FINAL)
    meeting.finalised_at = at or utcnow()


def amend(session: Session, meeting: Meeting, *, reason: str, description: str) -> Amendment:
    """Record why final minutes change; the changes may go in the same unit of work."""
    if meeting.status is not M.MINUTES_FINAL:
        raise RuleError("记录尚未定稿，可直接修改，无需修订")
    reason = reason.strip()
    if not reason:
        raise RuleError("修改已定稿的记录须填写修改理由")
    amendment = Amendment(
        meeting_id=meeting.id, made_at=utcnow(), reason=reason, description=description.strip()
    )
    session.add(amendment)
    return amendment


def _meeting_id_of(obj: object) -> str | None:
    if isinstance(obj, Meeting):
        return obj.id
    if isinstance(obj, AgendaItem | Attendance):
        return obj.meeting_id
    return None


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    """Refuse changes to a final meeting's minutes unless the same flush records an amendment."""
    context: StampContext | None = session.info.get(CONTEXT_KEY)
    if context is None or context.importing:
        return
    touched: set[str] = set()
    speech_items: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if obj in session.dirty and not session.is_modified(obj):
            continue
        if isinstance(obj, Meeting) and obj in session.new:
            continue
        if isinstance(obj, Speech):
            speech_items.add(obj.agenda_item_id)
        elif (meeting_id := _meeting_id_of(obj)) is not None:
            touched.add(meeting_id)
    with session.no_autoflush:
        if speech_items:
            touched |= set(
                session.scalars(
                    select(AgendaItem.meeting_id).where(AgendaItem.id.in_(speech_items))
                )
            )
        if not touched:
            return
        final_ids = set(
            session.scalars(
                select(Meeting.id).where(Meeting.id.in_(touched), Meeting.finalised_at.is_not(None))
            )
        )
    if not final_ids:
        return
    amended = {a.meeting_id for a in session.new if isinstance(a, Amendment)}
    if missing := final_ids - amended:
        raise RuleError(f"{len(missing)} 场活动的记录已定稿，修改须填写理由并记为修订（amend）")


def install(session_class: type[Session]) -> None:
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)
