"""Reads behind the sync page (同步) that need only the database: bundles in and out, peers
and their acks, the days since the last export. What needs the keys or the bundle format
(enrolment status, fingerprints, bundle files on a drive) is in desktop.sync.status.

Qt-free; the page words what these return. `today` is a parameter so tests fix it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from desktop.models import Installation, SyncBundle, SyncPeer
from desktop.models.enums import NodeRole

# Days without an export after which the room's dashboard reminds the secretary.
EXPORT_REMINDER_DAYS = 30


@dataclass(frozen=True)
class BundleTotals:
    """What one bundle carried (out) or did (in), summed over its tables."""

    records: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0


def _select(*columns: Any) -> Select[Any]:
    """An untyped select: the table models read rows by column name."""
    return select(*columns)


def _local_date(moment: datetime) -> date:
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def last_export(session: Session) -> datetime | None:
    value: datetime | None = session.scalar(
        select(func.max(SyncBundle.at)).where(SyncBundle.direction == "out")
    )
    return value


def days_since_export(session: Session, *, today: date) -> int | None:
    """Room: days since the last bundle out (or since enrolment); None if not enrolled."""
    installation = session.get(Installation, 1)
    if installation is None or installation.role is not NodeRole.ROOM:
        return None
    district = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).first()
    if district is None:
        return None
    since = last_export(session) or district.enrolled_at
    return (today - _local_date(since)).days


def export_due(days_since_export: int | None) -> bool:
    """Whether a room is reminded to send the district a bundle (the dashboard, the sync page)."""
    return days_since_export is not None and days_since_export > EXPORT_REMINDER_DAYS


def bundle_history() -> Select[Any]:
    """Every bundle in and out, newest first, with the peer's name."""
    return (
        _select(
            SyncBundle.id,
            SyncBundle.at,
            SyncBundle.direction,
            SyncBundle.sequence,
            SyncBundle.full,
            SyncBundle.change_from,
            SyncBundle.change_to,
            SyncBundle.file_name,
            SyncBundle.summary,
            func.coalesce(SyncPeer.name, "").label("peer_name"),
            SyncPeer.code.label("peer_code"),
        )
        .outerjoin(SyncPeer, SyncPeer.node_id == SyncBundle.peer_node)
        .order_by(SyncBundle.at.desc(), SyncBundle.id.desc())
    )


def bundle_totals(summary: str, direction: str) -> BundleTotals:
    """Out: {table: rows}; in: {table: {added, updated, unchanged, quarantined}}."""
    try:
        data = json.loads(summary or "{}")
    except ValueError:
        return BundleTotals()
    if not isinstance(data, dict):
        return BundleTotals()
    if direction == "out":
        return BundleTotals(records=sum(v for v in data.values() if isinstance(v, int)))
    sums = {"added": 0, "updated": 0, "unchanged": 0, "quarantined": 0}
    for counts in data.values():
        if isinstance(counts, dict):
            for key in sums:
                value = counts.get(key, 0)
                sums[key] += value if isinstance(value, int) else 0
    return BundleTotals(records=sum(sums.values()), **sums)


def peers() -> Select[Any]:
    """The nodes we exchange with (not the escrow key), with the last bundle each way and the
    time of the bundle that carried their latest acknowledgement."""
    last_in = (
        select(func.max(SyncBundle.at))
        .where(SyncBundle.direction == "in", SyncBundle.peer_node == SyncPeer.node_id)
        .scalar_subquery()
    )
    last_out = (
        select(func.max(SyncBundle.at))
        .where(SyncBundle.direction == "out", SyncBundle.peer_node == SyncPeer.node_id)
        .scalar_subquery()
    )
    ack_bundle = aliased(SyncBundle)
    return (
        _select(
            SyncPeer.node_id,
            SyncPeer.role,
            SyncPeer.name,
            SyncPeer.code,
            SyncPeer.enrolled_at,
            SyncPeer.sequence_out,
            SyncPeer.acked_through,
            SyncPeer.acked_sequence,
            SyncPeer.received_through,
            SyncPeer.sequence_in,
            last_in.label("last_in"),
            last_out.label("last_out"),
            func.min(ack_bundle.at).label("acked_at"),
        )
        .outerjoin(
            ack_bundle,
            and_(
                ack_bundle.peer_node == SyncPeer.node_id,
                ack_bundle.direction == "in",
                ack_bundle.sequence == SyncPeer.ack_applied_sequence,
            ),
        )
        .where(SyncPeer.role != "escrow")
        .group_by(SyncPeer.node_id)
        .order_by(SyncPeer.code, SyncPeer.name)
    )
