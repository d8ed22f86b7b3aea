"""状态变更记录: each status move of a topic or a meeting, and why one was taken back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, UTCDateTime, synced_args, utcnow


class StatusChange(Synced, Base):
    """One move of one record (a topic or a meeting, never both) from a status to another.

    Written by desktop.workflow.history inside the unit of work that moves the record; a
    take-back (初选、公告、已召开、取消 undone) carries the reason the user gave, a forward
    move an empty one. Statuses are the enums' values as text: topics and meetings differ.
    """

    __tablename__ = "status_change"
    __table_args__ = synced_args(
        CheckConstraint("(topic_id IS NULL) <> (meeting_id IS NULL)", name="one_record"),
        Index("ix_status_change_topic", "topic_id", "at"),
        Index("ix_status_change_meeting", "meeting_id", "at"),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topic.id"))
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
