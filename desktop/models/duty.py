"""Members' duty records and the district's versioned scoring rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, enum_column, synced_args
from desktop.models.enums import DutyKind


class ScoringRuleSet(Synced, Base):
    """One version of the district's 委员履职评价办法, effective from a date."""

    __tablename__ = "scoring_rule_set"
    __table_args__ = synced_args(
        UniqueConstraint("version"), CheckConstraint("version >= 1", name="version_positive")
    )

    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date)


class ScoringRule(Synced, Base):
    """Points for one kind of act under one rule set (negative for deductions)."""

    __tablename__ = "scoring_rule"
    __table_args__ = synced_args(UniqueConstraint("rule_set_id", "kind"))

    rule_set_id: Mapped[str] = mapped_column(ForeignKey("scoring_rule_set.id"))
    kind: Mapped[DutyKind] = mapped_column(enum_column(DutyKind, "duty_kind"))
    points: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    description: Mapped[str] = mapped_column(Text, default="")


class DutyRecord(Synced, Base):
    """A member's countable act (履职记录); points come from the rules in force on its date."""

    __tablename__ = "duty_record"
    __table_args__ = synced_args(
        Index("ix_duty_record_member_date", "member_id", "occurred_on"),
        UniqueConstraint("member_id", "kind", "meeting_id"),
    )

    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[DutyKind] = mapped_column(enum_column(DutyKind, "duty_kind"))
    occurred_on: Mapped[date] = mapped_column(Date)
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"))
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topic.id"))
    activity_id: Mapped[str | None] = mapped_column(ForeignKey("activity.id"))
    reference: Mapped[str | None] = mapped_column(String(50))  # proposal / information number
    note: Mapped[str] = mapped_column(Text, default="")
