"""The hierarchy district → township → area → room; the district owns all of it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, enum_column, synced_args
from desktop.models.enums import RoomKind


class District(Synced, Base):
    """A district (or county-level city) CPPCC committee, e.g. 崇川区政协."""

    __tablename__ = "district"
    __table_args__ = synced_args(CheckConstraint("length(name) > 0", name="name_set"))

    name: Mapped[str] = mapped_column(String(100))


class Township(Synced, Base):
    """A township or street (镇/街道); a room set up before enrolment may not know its district."""

    __tablename__ = "township"
    __table_args__ = synced_args(
        CheckConstraint("length(name) > 0", name="name_set"),
        UniqueConstraint("district_id", "name"),
    )

    district_id: Mapped[str | None] = mapped_column(ForeignKey("district.id"))
    name: Mapped[str] = mapped_column(String(100))


class Area(Synced, Base):
    """A 片区 grouping several rooms of a township; members are assigned to areas."""

    __tablename__ = "area"
    __table_args__ = synced_args(
        CheckConstraint("length(name) > 0", name="name_set"),
        UniqueConstraint("township_id", "name"),
    )

    township_id: Mapped[str] = mapped_column(ForeignKey("township.id"))
    name: Mapped[str] = mapped_column(String(100))


class Room(Synced, Base):
    """A consultation room (协商议事室) of one village or community.

    Or, with an office kind (RoomKind.DISTRICT_OFFICE / TOWNSHIP_OFFICE), the host the district
    records its own work under: no township for the district office, its township for a
    township's; owned by the district node and kept at the district (desktop.rules.rooms).
    """

    __tablename__ = "room"
    __table_args__ = synced_args(
        CheckConstraint("length(name) > 0", name="name_set"),
        CheckConstraint("length(village) > 0", name="village_set"),
        UniqueConstraint("owner_node", "code"),
        Index("ix_room_township", "township_id"),
        # Lists sorted by room read the rooms by name first (migration 0016).
        Index("ix_room_name", "name"),
    )

    # None only for the district office's own host.
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"))
    area_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"))
    name: Mapped[str] = mapped_column(String(100))
    village: Mapped[str] = mapped_column(String(100))
    kind: Mapped[RoomKind] = mapped_column(enum_column(RoomKind, "room_kind"))
    # Short code used in bundle file names instead of the name (R0042).
    code: Mapped[str | None] = mapped_column(String(16))
    # The installation that records for this room, once it exists (the newest, after a
    # re-enrolment: desktop.sync.rooms).
    node_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # 停用: the day the district retired the room; it keeps its records and is not expected to
    # send bundles. None while the room works.
    retired_on: Mapped[date | None]
