"""Meeting status moves, the statuses of a meeting that took place, and the lock on final
minutes (定稿后修改须说明理由，记为修订), enforced on every flush by desktop.db's session."""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.orm import Session, UOWTransaction

from desktop.models import AgendaItem, Amendment, Attendance, Meeting, Speech
from desktop.models.enums import MeetingStatus
from desktop.models.stamping import CONTEXT_KEY, StampContext
from desktop.rules import RuleError

M = MeetingStatus

TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    M.PLANNED: frozenset({M.HELD, M.CANCELLED}),
    M.HELD: frozenset({M.MINUTES_DRAFTED, M.MINUTES_FINAL}),
    M.MINUTES_DRAFTED: frozenset({M.MINUTES_FINAL}),
    M.MINUTES_FINAL: frozenset(),
    M.CANCELLED: frozenset(),
}
# Moves taken back with a reason (desktop.workflow.meetings.take_back), only until the minutes
# are final: 已召开 (also with minutes drafted) and 取消 both go back to 计划.
TAKE_BACKS: dict[MeetingStatus, MeetingStatus] = {
    M.HELD: M.PLANNED,
    M.MINUTES_DRAFTED: M.PLANNED,
    M.CANCELLED: M.PLANNED,
}
HELD_STATUSES = frozenset({M.HELD, M.MINUTES_DRAFTED, M.MINUTES_FINAL})


def unheld_refusal(status: MeetingStatus, document: str = "协商议事记录") -> str:
    """Why `document` (the minutes, the feedback notice) cannot be printed for a meeting in
    `status`, or "" when it can: only what took place is printed. A planned meeting still has
    its sign-in sheet and its topics' notices."""
    if status is M.PLANNED:
        return f"该议事活动尚未召开，不能打印{document}（可打印签到表和议题公告）"
    if status is M.CANCELLED:
        return f"该议事活动已取消，不能打印{document}"
    return ""


def refuse_unheld(session: Session, meeting_id: str, document: str = "协商议事记录") -> None:
    """UserError with `unheld_refusal`'s message when the meeting has not taken place."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        return  # the loader says it is not there
    if reason := unheld_refusal(meeting.status, document):
        raise RuleError(reason)


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
