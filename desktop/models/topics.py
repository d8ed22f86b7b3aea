"""Opinion slips, topics and members' claims on announced topics."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, enum_column, partial_index, synced_args
from desktop.models.enums import TopicSource, TopicStatus


class Topic(Synced, Base):
    """A topic (议题) the room consults on; moved only by desktop.workflow.topics."""

    __tablename__ = "topic"
    __table_args__ = synced_args(
        CheckConstraint("length(title) > 0", name="title_set"),
        CheckConstraint(
            "status <> 'declined' OR coalesce(length(decline_reason), 0) > 0",
            name="declined_has_reason",
        ),
        CheckConstraint(
            "status <> 'announced' OR claim_deadline IS NOT NULL", name="announced_has_deadline"
        ),
        Index("ix_topic_room_status", "room_id", "status"),
        Index("ix_topic_room_raised", "room_id", "raised_on"),
        # The district's list sorts every room's topics by each column (migration 0015).
        Index("ix_topic_raised", "raised_on"),
        Index("ix_topic_title", "title"),
        Index("ix_topic_category", "category"),
        Index("ix_topic_source", "source", "raised_on"),
        Index("ix_topic_status_raised", "status", "raised_on"),
        # The dashboard counts live topics from it (migration 0017).
        Index("ix_topic_status_deleted", "status", "deleted"),
        # The few deleted topics, whose slips leave the slip list (migration 0016).
        partial_index("ix_topic_deleted", "id", where="deleted IS 1", on_server="deleted"),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str | None] = mapped_column(String(50))  # 城市建管, 民生保障, …
    source: Mapped[TopicSource] = mapped_column(enum_column(TopicSource, "topic_source"))
    status: Mapped[TopicStatus] = mapped_column(
        enum_column(TopicStatus, "topic_status"), default=TopicStatus.COLLECTED
    )
    immediate: Mapped[bool] = mapped_column(Boolean, default=False)  # 即时性协商
    raised_on: Mapped[date] = mapped_column(Date)
    proposed_by_member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
    announced_on: Mapped[date | None] = mapped_column(Date)
    claim_deadline: Mapped[date | None] = mapped_column(Date)
    decline_reason: Mapped[str | None] = mapped_column(Text)


class OpinionSlip(Synced, Base):
    """A 社情民意采集表 filled in by a grid worker; several slips may become one topic."""

    __tablename__ = "opinion_slip"
    __table_args__ = synced_args(
        CheckConstraint("length(content) > 0", name="content_set"),
        CheckConstraint("NOT anonymous OR reporter_name IS NULL", name="anonymous_has_no_name"),
        Index("ix_opinion_slip_room_collected", "room_id", "collected_on"),
        Index("ix_opinion_slip_topic", "topic_id"),
        Index("ix_opinion_slip_collected", "collected_on"),
        Index("ix_opinion_slip_grid", "grid"),
        Index("ix_opinion_slip_category", "category"),
        # Sorted by collector, the list reads the grid workers by name first (migration 0016).
        Index("ix_opinion_slip_collector", "collector_id"),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    collected_on: Mapped[date] = mapped_column(Date)
    grid: Mapped[str | None] = mapped_column(String(50))  # 网格
    collector_id: Mapped[str | None] = mapped_column(ForeignKey("participant.id"))
    reporter_name: Mapped[str | None] = mapped_column(String(50))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(50))
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topic.id"))


class Claim(Synced, Base):
    """An announced topic claimed by a member (议题认领)."""

    __tablename__ = "claim"
    __table_args__ = synced_args(UniqueConstraint("topic_id", "member_id"))

    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    claimed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
