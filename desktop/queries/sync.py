"""Reads behind the sync page (同步): bundles in and out, peers and their acks, files on a drive.

Qt-free; the page words what these return. `today` is a parameter so tests fix it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from desktop.db import Database
from desktop.models import Installation, SyncBundle, SyncPeer
from desktop.models.enums import NodeRole
from desktop.sync.bundle import SUFFIX
from desktop.sync.identity import own_fingerprint
from desktop.sync.keys import fingerprint

# Days without an export after which the room's dashboard reminds the secretary.
EXPORT_REMINDER_DAYS = 30
# The core's bundle_file_name: <sender code>_<sequence, 6+ digits>_<bundle id><SUFFIX>.
BUNDLE_NAME = re.compile(
    r"(?P<code>[A-Z][A-Z0-9]{1,15})_(?P<sequence>\d{6,})_"
    r"(?P<bundle_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    + re.escape(SUFFIX)
)


@dataclass(frozen=True)
class SyncStatus:
    """Who this node is for sync: enrolled or not, fingerprints, the last export."""

    role: NodeRole | None
    enrolled: bool
    fingerprint: str | None
    district_name: str | None
    district_fingerprint: str | None
    last_export: datetime | None
    days_since_export: int | None
    rooms_ready: list[tuple[str, str]]  # district: (node id, "R0001 name") of rooms it can send to


@dataclass(frozen=True)
class BundleTotals:
    """What one bundle carried (out) or did (in), summed over its tables."""

    records: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0


@dataclass(frozen=True)
class BundleFile:
    """A bundle file found in a folder, who sent it and whether it is for us or done already."""

    path: Path
    code: str
    sequence: int
    bundle_id: str
    sender: str  # the peer's name, "" when the code is not one of our peers
    for_us: bool
    imported: bool


def _select(*columns: Any) -> Select[Any]:
    """An untyped select: the table models read rows by column name."""
    return select(*columns)


def _local_date(moment: datetime) -> date:
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def peer_code(peer: SyncPeer) -> str:
    """The code in the peer's bundle names (the core's short_code, seen from here)."""
    if peer.role == "room" and peer.code:
        return peer.code
    return "D" + peer.node_id[:4].upper()


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


def district_fingerprint(session: Session) -> str | None:
    """Room: the enrolled district's fingerprint, for checking by phone; else None."""
    district = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).first()
    if district is None or not district.signing_key or not district.age_recipient:
        return None
    return fingerprint(district.signing_key, district.age_recipient)


def read_status(db: Database, *, today: date) -> SyncStatus:
    """The page's heading: enrolment, fingerprints and the days since the last export."""
    own = own_fingerprint(db)  # None when the keys are damaged: keycheck names that
    with db.session() as session:
        installation = session.get(Installation, 1)
        role = installation.role if installation is not None else None
        district = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).first()
        district_print = district_fingerprint(session)
        if role is NodeRole.DISTRICT:
            enrolled = own is not None
            district_name: str | None = installation.name if installation else None
            district_print = own
        else:
            enrolled = district is not None
            district_name = district.name if district is not None else None
        rooms = session.scalars(
            select(SyncPeer)
            .where(SyncPeer.role == "room", SyncPeer.signing_key.is_not(None))
            .order_by(SyncPeer.code, SyncPeer.name)
        ).all()
        moment = last_export(session)
        return SyncStatus(
            role=role,
            enrolled=enrolled,
            fingerprint=own,
            district_name=district_name,
            district_fingerprint=district_print,
            last_export=moment,
            days_since_export=days_since_export(session, today=today),
            rooms_ready=[(p.node_id, f"{p.code or ''} {p.name}".strip()) for p in rooms],
        )


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


def bundle_files(session: Session, folder: Path) -> list[BundleFile]:
    """The bundle files directly in `folder`: ours to import first, then by sender and number."""
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    known = {
        peer_code(p): p.name
        for p in session.scalars(select(SyncPeer).where(SyncPeer.role != "escrow"))
    }
    done = set(session.scalars(select(SyncBundle.bundle_id).where(SyncBundle.direction == "in")))
    mine = set(session.scalars(select(SyncBundle.bundle_id).where(SyncBundle.direction == "out")))
    found = []
    for name in names:
        match = BUNDLE_NAME.fullmatch(name)
        if match is None or match["bundle_id"] in mine:
            continue  # our own exports on the same stick are not for us
        code = match["code"]
        found.append(
            BundleFile(
                path=folder / name,
                code=code,
                sequence=int(match["sequence"]),
                bundle_id=match["bundle_id"],
                sender=known.get(code, ""),
                for_us=code in known,
                imported=match["bundle_id"] in done,
            )
        )
    return sorted(found, key=lambda f: (not f.for_us, f.code, f.sequence))
