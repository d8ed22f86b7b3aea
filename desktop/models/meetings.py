"""Consultation meetings: agenda, attendance, speeches and amendments to final minutes."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, UTCDateTime, enum_column, synced_args
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Consensus,
    MeetingForm,
    MeetingStatus,
)


class Meeting(Synced, Base):
    """A consultation meeting (协商议事活动); locked once final (desktop.workflow.meetings)."""

    __tablename__ = "meeting"
    __table_args__ = synced_args(
        CheckConstraint(
            "end_time IS NULL OR start_time IS NULL OR end_time >= start_time", name="times_ordered"
        ),
        CheckConstraint(
            "(status = 'minutes_final') = (finalised_at IS NOT NULL)", name="final_iff_finalised"
        ),
        # A year's statistics count, group and join by every column of it, never reading a
        # meeting row (desktop.stats.counting, migration 0017).
        Index("ix_meeting_room_date", "room_id", "held_on", "deleted", "status", "form", "id"),
        # The dashboard counts held and planned meetings from it alone.
        Index("ix_meeting_status_deleted", "status", "deleted"),
        # The district's list sorts every room's meetings by each column (migration 0015).
        Index("ix_meeting_held", "held_on"),
        Index("ix_meeting_title", "title"),
        Index("ix_meeting_start", "start_time"),
        Index("ix_meeting_form", "form", "held_on"),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    held_on: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    form: Mapped[MeetingForm] = mapped_column(enum_column(MeetingForm, "meeting_form"))
    host_name: Mapped[str] = mapped_column(String(50), default="")
    recorder_name: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"), default=MeetingStatus.PLANNED
    )
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AgendaItem(Synced, Base):
    """One topic on one meeting's agenda, with the consensus reached on it."""

    __tablename__ = "agenda_item"
    __table_args__ = synced_args(
        UniqueConstraint("meeting_id", "topic_id"),
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint(
            "coalesce(votes_for, 0) >= 0 AND coalesce(votes_against, 0) >= 0 "
            "AND coalesce(votes_abstain, 0) >= 0",
            name="votes_not_negative",
        ),
        Index("ix_agenda_item_topic", "topic_id"),
        # A meeting's live agenda items, without reading them (statistics, migration 0017).
        Index("ix_agenda_item_meeting", "meeting_id", "deleted", "id"),
    )

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"))
    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.id"))
    position: Mapped[int] = mapped_column(Integer)
    consensus: Mapped[Consensus | None] = mapped_column(enum_column(Consensus, "consensus"))
    consensus_text: Mapped[str] = mapped_column(Text, default="")
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]


class Speech(Synced, Base):
    """A speaker's main points on an agenda item (发言)."""

    __tablename__ = "speech"
    __table_args__ = synced_args(
        CheckConstraint("length(speaker_name) > 0", name="speaker_set"),
        Index("ix_speech_agenda_item", "agenda_item_id"),
    )

    agenda_item_id: Mapped[str] = mapped_column(ForeignKey("agenda_item.id"))
    position: Mapped[int] = mapped_column(Integer)
    speaker_name: Mapped[str] = mapped_column(String(50))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
    participant_id: Mapped[str | None] = mapped_column(ForeignKey("participant.id"))
    summary: Mapped[str] = mapped_column(Text)


class Attendance(Synced, Base):
    """One person's attendance at one meeting (签到)."""

    __tablename__ = "attendance"
    __table_args__ = synced_args(
        CheckConstraint("(member_id IS NULL) <> (participant_id IS NULL)", name="one_person"),
        CheckConstraint(
            "status <> 'leave' OR coalesce(length(leave_reason), 0) > 0", name="leave_has_reason"
        ),
        CheckConstraint("status = 'present' OR signed_in_at IS NULL", name="signed_in_if_present"),
        UniqueConstraint("meeting_id", "member_id"),
        UniqueConstraint("meeting_id", "participant_id"),
        Index("ix_attendance_member", "member_id"),
        # 人次 of a year's meetings counted from the index alone (statistics, migration 0017).
        Index(
            "ix_attendance_meeting_status",
            "meeting_id",
            "status",
            "deleted",
            "member_id",
            "participant_id",
        ),
    )

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
    participant_id: Mapped[str | None] = mapped_column(ForeignKey("participant.id"))
    role: Mapped[AttendanceRole] = mapped_column(enum_column(AttendanceRole, "attendance_role"))
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus, "attendance_status")
    )
    leave_reason: Mapped[str | None] = mapped_column(String(200))
    signed_in_at: Mapped[time | None] = mapped_column(Time)
    # 应到: invited or pre-filled people; a walk-in (not expected) counts toward 实到 only.
    expected: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Amendment(Synced, Base):
    """A change made to minutes after they were finalised, with its reason."""

    __tablename__ = "amendment"
    __table_args__ = synced_args(
        CheckConstraint("length(reason) > 0", name="reason_set"),
        Index("ix_amendment_meeting", "meeting_id"),
    )

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
