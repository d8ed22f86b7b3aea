"""状态变更记录 of one topic or one meeting, oldest first, as the user reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.db import Database
from desktop.models import StatusChange
from desktop.models.enums import MeetingStatus, TopicStatus


@dataclass(frozen=True)
class StatusLine:
    at: datetime
    from_label: str
    to_label: str
    reason: str


def status_history(
    db: Database, *, topic_id: str | None = None, meeting_id: str | None = None
) -> list[StatusLine]:
    """The moves of the topic or the meeting (give one), with their statuses' Chinese names."""
    if (topic_id is None) == (meeting_id is None):
        raise ValueError("give exactly one of topic_id and meeting_id")
    column = StatusChange.topic_id if topic_id is not None else StatusChange.meeting_id
    kind: type[TopicStatus] | type[MeetingStatus] = (
        TopicStatus if topic_id is not None else MeetingStatus
    )
    with db.session() as session:
        rows = session.scalars(
            select(StatusChange)
            .where(column == (topic_id or meeting_id), StatusChange.deleted.is_(False))
            .order_by(StatusChange.at, StatusChange.change_seq)
        )
        return [
            StatusLine(r.at, _label(kind, r.from_status), _label(kind, r.to_status), r.reason)
            for r in rows
        ]


def _label(kind: type[TopicStatus] | type[MeetingStatus], value: str) -> str:
    # A status this version does not know (a newer room's bundle) is shown as stored.
    try:
        return kind(value).label
    except ValueError:
        return value
