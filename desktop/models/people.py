"""Members of the CPPCC (the district's roster) and the room's other participants."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, enum_column, synced_args
from desktop.models.enums import Gender, MemberLevel, ParticipantKind, TeamKind


class Member(Synced, Base):
    """A CPPCC member (政协委员). Personal data is minimal: no ID-card number, phone optional."""

    __tablename__ = "member"
    __table_args__ = synced_args(
        CheckConstraint("length(name) > 0", name="name_set"),
        CheckConstraint(
            "term_end_year IS NULL OR term_start_year IS NULL OR term_end_year >= term_start_year",
            name="term_ordered",
        ),
        Index("ix_member_name", "name"),
    )

    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[Gender] = mapped_column(enum_column(Gender, "gender"))
    sector: Mapped[str] = mapped_column(String(50))  # 界别
    level: Mapped[MemberLevel] = mapped_column(enum_column(MemberLevel, "member_level"))
    party: Mapped[str | None] = mapped_column(String(50))  # 党派: 中共, 民革, 无党派…
    expertise: Mapped[str | None] = mapped_column(String(50))  # 经济发展, 城市建管, …
    workplace: Mapped[str | None] = mapped_column(String(200))
    post: Mapped[str | None] = mapped_column(String(100))  # 职务
    phone: Mapped[str | None] = mapped_column(String(30))
    term: Mapped[str | None] = mapped_column(String(30))  # 第十七届
    term_start_year: Mapped[int | None]
    term_end_year: Mapped[int | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Assignment(Synced, Base):
    """A member assigned to an area or a room for a period."""

    __tablename__ = "assignment"
    __table_args__ = synced_args(
        CheckConstraint("(area_id IS NULL) <> (room_id IS NULL)", name="area_xor_room"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        Index("ix_assignment_member", "member_id"),
        Index("ix_assignment_room", "room_id"),
    )

    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    area_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"))
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)


class Team(Synced, Base):
    """A member team: 专业助力 / 民主监督 / 协商议事."""

    __tablename__ = "team"
    __table_args__ = synced_args(UniqueConstraint("owner_node", "name"))

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[TeamKind] = mapped_column(enum_column(TeamKind, "team_kind"))


class TeamMembership(Synced, Base):
    """A member in a team, optionally in a group of it (法律咨询, 心理疏导, …)."""

    __tablename__ = "team_membership"
    __table_args__ = synced_args(UniqueConstraint("team_id", "member_id"))

    team_id: Mapped[str] = mapped_column(ForeignKey("team.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("member.id"))
    group_name: Mapped[str | None] = mapped_column(String(50))


class Participant(Synced, Base):
    """A non-member who takes part: resident, cadre, department representative, grid worker…"""

    __tablename__ = "participant"
    __table_args__ = synced_args(
        CheckConstraint("length(name) > 0", name="name_set"),
        Index("ix_participant_room_name", "room_id", "name"),
        Index("ix_participant_kind_name", "kind", "name"),
        Index("ix_participant_name", "name"),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    name: Mapped[str] = mapped_column(String(50))
    kind: Mapped[ParticipantKind] = mapped_column(enum_column(ParticipantKind, "participant_kind"))
    unit: Mapped[str | None] = mapped_column(String(200))  # 单位, for department representatives
    position: Mapped[str | None] = mapped_column(String(100))  # 职务
    phone: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
