"""Tables that never travel: this installation's identity, its audit log and its settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Counter, UTCDateTime, enum_column, utcnow
from desktop.models.enums import AuditAction, NodeRole


class Installation(Base):
    """The single row saying who this installation is (district or room) and its counters."""

    __tablename__ = "installation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    node_id: Mapped[str] = mapped_column(String(36))
    role: Mapped[NodeRole] = mapped_column(enum_column(NodeRole, "node_role"))
    name: Mapped[str] = mapped_column(String(100))
    district_id: Mapped[str | None] = mapped_column(ForeignKey("district.id"))
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Bumped once per flush that changes synced rows; see desktop.models.stamping.
    change_counter: Mapped[int] = mapped_column(Counter, default=0)
    # Raised after a restore from an older backup: edits are numbered above it, never again
    # with a revision a peer has seen (desktop.sent_marks.lift_after_restore).
    revision_floor: Mapped[int] = mapped_column(Counter, default=0, server_default="0")


class AuditEntry(Base):
    """Who changed which record when, and how (field: [old, new] as JSON)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_record", "record_table", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    node_id: Mapped[str] = mapped_column(String(36))
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, "audit_action"))
    record_table: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36))
    changes: Mapped[str] = mapped_column(Text, default="{}")


class Setting(Base):
    """One local preference (printer, fonts, …) as JSON; see desktop.settings for the keys."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
