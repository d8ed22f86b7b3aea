"""状态变更记录: every status move of a topic or a meeting is noted in the same unit of work;
a take-back (初选、公告、已召开、取消 undone) carries the user's reason."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from desktop.models import Meeting, StatusChange, Topic
from desktop.models.base import utcnow
from desktop.rules import RuleError


def required_reason(reason: str, what: str) -> str:
    """The reason stripped, or RuleError: a take-back without one is refused."""
    reason = reason.strip()
    if not reason:
        raise RuleError(f"{what}须填写理由")
    return reason


def note(record: Topic | Meeting, old: StrEnum, new: StrEnum, reason: str = "") -> None:
    """Note the move in the record's own session; a record held by none (a test's bare object)
    has no history to keep."""
    session = object_session(record)
    if session is None or old == new or record in session.new or record.id is None:
        # Made in this same unit of work: without a relationship the flush could write the
        # note before its record, and these moves never flush on their own (a change to
        # final minutes goes in one flush with its amendment). Such a record's first moves
        # go unnoted; desktop.workflow.meetings falls back on its claims and announcement.
        return
    topic = isinstance(record, Topic)
    session.add(
        StatusChange(
            room_id=record.room_id,
            topic_id=record.id if topic else None,
            meeting_id=None if topic else record.id,
            from_status=old.value,
            to_status=new.value,
            reason=reason,
            at=utcnow(),
        )
    )


def last_move_to(session: Session, topic_id: str, status: StrEnum) -> StatusChange | None:
    """The latest noted move of the topic into `status` (where it came from), if any."""
    return session.scalar(
        select(StatusChange)
        .where(
            StatusChange.topic_id == topic_id,
            StatusChange.to_status == status.value,
            StatusChange.deleted.is_(False),
        )
        .order_by(StatusChange.at.desc(), StatusChange.change_seq.desc())
        .limit(1)
    )
