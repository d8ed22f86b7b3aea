"""Meeting status changes, 定稿 and amendments to final minutes (the lock is in desktop.rules)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import Amendment, Meeting
from desktop.models.base import utcnow
from desktop.models.enums import MeetingStatus
from desktop.rules import RuleError
from desktop.rules.meetings import TRANSITIONS
from desktop.workflow.stale import check_unchanged, still_there

M = MeetingStatus
T = TypeVar("T")


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


@dataclass(frozen=True)
class Amending:
    """A change to final minutes: why they change (asked of the user once) and what changes."""

    reason: str
    description: str


def edit(
    db: Database,
    meeting_id: str,
    *,
    change: Callable[[Session, Meeting], T],
    amending: Amending | None = None,
    expected_revision: int | None = None,
) -> T:
    """One change to a meeting's record in one unit of work; the change's result.

    With `expected_revision` (what the editor loaded), a meeting changed since is refused
    with StaleEditError and nothing is written.

    Once the minutes are final, the same unit of work records the amendment with its reason,
    unless the change returns False (it changed nothing, so there is nothing to record).
    Without `amending` the lock refuses any change to final minutes.
    """
    with db.session() as session:
        meeting = still_there(session, Meeting, meeting_id)
        check_unchanged(session, meeting, expected_revision)
        if amending is None or meeting.status is not M.MINUTES_FINAL:
            return change(session, meeting)
        # Added first: the lock refuses any flush of changes without it.
        amendment = amend(
            session, meeting, reason=amending.reason, description=amending.description
        )
        # The lock wants the change and its amendment in one flush.
        with session.no_autoflush:
            result = change(session, meeting)
        if result is False and amendment in session.new:
            session.expunge(amendment)
        return result
