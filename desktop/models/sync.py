"""Local sync bookkeeping that never travels: known peers and their keys, bundles, quarantine."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Counter, UTCDateTime, utcnow


class SyncPeer(Base):
    """Another node this one exchanges bundles with (or the escrow key), and the counters.

    `acked_through` is how far the peer has acknowledged *our* changes (our change_seq);
    `received_through` is how far we hold the peer's changes without a gap (its change_seq).
    """

    __tablename__ = "sync_peer"
    __table_args__ = (
        CheckConstraint("role IN ('district', 'room', 'escrow', 'city')", name="role_known"),
    )

    node_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100), default="")
    code: Mapped[str | None] = mapped_column(String(16))
    room_id: Mapped[str | None] = mapped_column(String(36))
    # Ed25519 public key (base64) and age recipient (age1…); unknown until the peer's first bundle.
    signing_key: Mapped[str | None] = mapped_column(String(64))
    age_recipient: Mapped[str | None] = mapped_column(String(100))
    enrolment_secret: Mapped[str | None] = mapped_column(String(64))
    # A city peer's escrow key (age recipient): a district's bundles for its city are
    # encrypted to it too, as a room's are to its district's escrow key (the `escrow` row).
    escrow_recipient: Mapped[str | None] = mapped_column(String(100))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the room was re-enrolled (its PC lost or replaced): this node's key is void and
    # its bundles are refused; the records it sent are kept.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sequence_out: Mapped[int] = mapped_column(Counter, default=0)
    acked_through: Mapped[int] = mapped_column(Counter, default=0)
    acked_sequence: Mapped[int] = mapped_column(Counter, default=0)
    received_through: Mapped[int] = mapped_column(Counter, default=0)
    sequence_in: Mapped[int] = mapped_column(Counter, default=0)
    ack_applied_sequence: Mapped[int] = mapped_column(Counter, default=0)


class ForwardedOrigin(Base):
    """City: a node whose records a district forwards (one of its rooms), and that district.

    Recorded from the district's bundles (desktop.sync.upward); a node is vouched for by one
    district only, so one district's bundle can never write another district's records.
    """

    __tablename__ = "forwarded_origin"

    node_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    via_node: Mapped[str] = mapped_column(String(36), index=True)


class SyncBundle(Base):
    """One bundle written or imported: its identity, hash, change range and result."""

    __tablename__ = "sync_bundle"
    __table_args__ = (
        CheckConstraint("direction IN ('out', 'in')", name="direction_known"),
        Index("ix_sync_bundle_peer", "peer_node", "direction", "sequence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(3))
    peer_node: Mapped[str] = mapped_column(String(36))
    sequence: Mapped[int] = mapped_column(Counter)
    change_from: Mapped[int] = mapped_column(Counter)
    change_to: Mapped[int] = mapped_column(Counter)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    # SHA-256 of the signed manifest: equal hash = the same bundle, imported again is a no-op.
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    # Digest of (table, id, revision) of every row the sender owned at change_to.
    state_digest: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    summary: Mapped[str] = mapped_column(Text, default="{}")


class QuarantinedRecord(Base):
    """An incoming row with the same revision as ours but other content: kept, not applied.

    Settled later by a person (desktop.sync.quarantine): `resolution` says which side was
    kept, `resolved_at` and `resolved_by` when and by whom; all three stay NULL until then.
    """

    __tablename__ = "quarantined_record"
    __table_args__ = (
        CheckConstraint(
            "resolution IS NULL OR resolution IN ('keep_local', 'take_incoming')",
            name="resolution_known",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(36))
    record_table: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Counter)
    incoming: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolution: Mapped[str | None] = mapped_column(String(20))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(100))


class SyncDigest(Base):
    """The running state digest of one owner's rows, kept current by the flush hook.

    The value is the sum modulo 2**256 of SHA-256(table:id:revision) over the rows, so a change
    adjusts it in constant time and an export's cost follows the changes. A missing row means
    "not known": `desktop.sync.digest` rebuilds it by scanning, once.
    """

    __tablename__ = "sync_digest"

    # The owner whose rows this digest covers (this node or a peer).
    node_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))


def digest_term(table: str, row_id: str, revision: int) -> int:
    """One row's share of its owner's digest."""
    data = f"{table}:{row_id}:{revision}".encode()
    return int.from_bytes(hashlib.sha256(data).digest(), "big")


DIGEST_MODULUS = 2**256


def format_digest(total: int) -> str:
    return f"{total % DIGEST_MODULUS:064x}"
