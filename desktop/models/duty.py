"""The district's scoring rules for members' duty (履职评价), versioned by year, and the acts
the district office records itself; every other act is read from the rooms' own records
(desktop.rules.duty)."""

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
    """One year's 委员履职评价办法: the base score and the grades' lower bounds.

    It is in force from `effective_from` (1 January of its year) until the next one; the
    points of each kind of act are its ScoringRule rows.
    """

    __tablename__ = "scoring_rule_set"
    __table_args__ = synced_args(
        UniqueConstraint("owner_node", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint(
            "excellent_min > competent_min AND competent_min > basic_min", name="grades_ordered"
        ),
    )

    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date)
    base_score: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(60))
    # Lowest score of each grade: 优秀, 称职, 基本称职; below the last one is 不称职.
    excellent_min: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(90))
    competent_min: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(70))
    basic_min: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(60))


class ScoringRule(Synced, Base):
    """Points for one kind of act under one rule set (negative for deductions).

    `cap` bounds the points one member gets from the kind in a year (for a deduction, how
    much it can take off); None: no bound.
    """

    __tablename__ = "scoring_rule"
    __table_args__ = synced_args(
        UniqueConstraint("rule_set_id", "kind"),
        CheckConstraint("cap IS NULL OR cap >= 0", name="cap_not_negative"),
    )

    rule_set_id: Mapped[str] = mapped_column(ForeignKey("scoring_rule_set.id"))
    kind: Mapped[DutyKind] = mapped_column(enum_column(DutyKind, "duty_kind"))
    points: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    description: Mapped[str] = mapped_column(Text, default="")
    cap: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))


class DutyAct(Synced, Base):
    """An act the district office knows and records itself (区政协补录): a proposal adopted, a
    leader's 批示 on 社情民意 information, with its evidence. District-wide: only the district
    writes it; removing it is a tombstone."""

    __tablename__ = "duty_act"
    __table_args__ = synced_args(
        CheckConstraint("length(title) > 0", name="title_set"),
        CheckConstraint("length(evidence) > 0", name="evidence_set"),
        Index("ix_duty_act_member_date", "member_id", "occurred_on"),
    )

    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[DutyKind] = mapped_column(enum_column(DutyKind, "duty_kind"))
    occurred_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))  # what: 提案《…》立案
    evidence: Mapped[str] = mapped_column(Text)  # 依据: who decided, where it is written
    reference: Mapped[str | None] = mapped_column(String(100))  # 文号 / attachment reference


class DutyRecord(Synced, Base):
    """Superseded: acts stored per member by the room, before acts were read from the records.

    Nothing writes it any more (only demo data of earlier versions did) and scoring never
    reads it; the table stays because bundles from rooms not yet upgraded may carry it.
    """

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
