"""Photos and scans attached to records, stored once by content hash."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, synced_args


class Attachment(Synced, Base):
    """A file attached to a record; the bytes live in attachments/ab/<sha256>."""

    __tablename__ = "attachment"
    __table_args__ = synced_args(
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("size >= 0", name="size_not_negative"),
        UniqueConstraint("record_table", "record_id", "sha256"),
        Index("ix_attachment_record", "record_table", "record_id"),
    )

    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    record_table: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36))
    caption: Mapped[str] = mapped_column(String(200), default="")
