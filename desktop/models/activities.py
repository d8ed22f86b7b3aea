"""The room's other uses (一室多用) and the mediation / petition cases members handle."""

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

from desktop.models.base import Base, Synced, enum_column, synced_args
from desktop.models.enums import CaseKind, CaseStatus, DutyKind


class ActivityKind(Synced, Base):
    """A kind of other activity; data, so a district can add its own."""

    __tablename__ = "activity_kind"
    __table_args__ = synced_args(
        UniqueConstraint("owner_node", "code"), CheckConstraint("length(name) > 0", name="name_set")
    )

    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(100))
    counts_as_inspection: Mapped[bool] = mapped_column(Boolean, default=False)
    # What taking part counts as in duty scoring (desktop.rules.duty).
    duty_kind: Mapped[DutyKind] = mapped_column(
        enum_column(DutyKind, "duty_kind"), default=DutyKind.OTHER_ACTIVITY
    )


class Activity(Synced, Base):
    """A reading session, reception day, visit, inspection or supervision visit."""

    __tablename__ = "activity"
    __table_args__ = synced_args(
        CheckConstraint("length(title) > 0", name="title_set"),
        Index("ix_activity_room_date", "room_id", "held_on"),
        # The outcomes list merges meetings', activities' and cases' outcomes by date, and by
        # their topic's, activity's or case's title.
        Index("ix_activity_held", "held_on"),
        Index("ix_activity_title", "title"),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    kind_id: Mapped[str] = mapped_column(ForeignKey("activity_kind.id"))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    others_present: Mapped[str] = mapped_column(Text, default="")  # 其他参加人员, free text
    summary: Mapped[str] = mapped_column(Text, default="")


class ActivityMember(Synced, Base):
    """A member who took part in an activity."""

    __tablename__ = "activity_member"
    __table_args__ = synced_args(UniqueConstraint("activity_id", "member_id"))

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))


class MediationCase(Synced, Base):
    """A mediation or petition case (委员调解室, 包案化解); parties are masked in print."""

    __tablename__ = "mediation_case"
    __table_args__ = synced_args(
        CheckConstraint("length(subject) > 0", name="subject_set"),
        CheckConstraint("closed_on IS NULL OR closed_on >= opened_on", name="dates_ordered"),
        Index("ix_mediation_case_room_status", "room_id", "status"),
        # The outcomes list merges meetings', activities' and cases' outcomes by date, and by
        # their topic's, activity's or case's title.
        Index("ix_mediation_case_opened", "opened_on"),
        Index("ix_mediation_case_subject", "subject"),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    kind: Mapped[CaseKind] = mapped_column(enum_column(CaseKind, "case_kind"))
    subject: Mapped[str] = mapped_column(String(200))
    parties: Mapped[str] = mapped_column(Text, default="")
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[CaseStatus] = mapped_column(
        enum_column(CaseStatus, "case_status"), default=CaseStatus.OPEN
    )
    result: Mapped[str] = mapped_column(Text, default="")


class CaseMember(Synced, Base):
    """A member assigned to a case."""

    __tablename__ = "case_member"
    __table_args__ = synced_args(UniqueConstraint("case_id", "member_id"))

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
