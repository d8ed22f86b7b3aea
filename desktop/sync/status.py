"""What the sync page shows that needs the keys or the bundle format: whether this node is
enrolled, the fingerprints to read out by phone, and the bundle files on a drive.

The plain database reads are in desktop.queries.sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Installation, SyncBundle, SyncPeer
from desktop.models.enums import NodeRole
from desktop.queries.sync import days_since_export, export_due, last_export
from desktop.sync.bundle import LABEL_LENGTH, SUFFIX
from desktop.sync.identity import own_fingerprint, short_code
from desktop.sync.keys import fingerprint

# The names earlier versions wrote, still on sticks and in packs:
# <sender code>_<sequence, 6+ digits>_<bundle id><SUFFIX>.
BUNDLE_NAME = re.compile(
    r"(?P<code>[A-Z][A-Z0-9]{1,15})_(?P<sequence>\d{6,})_"
    r"(?P<bundle_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    + re.escape(SUFFIX)
)
# The core's bundle_file_name now: <room>_<day>_<sender code>_<recipient code>_<sequence>.
DATED_BUNDLE_NAME = re.compile(
    rf"(?P<label>[^<>:\"/\\|?*.\x00-\x1f\x7f]{{1,{LABEL_LENGTH}}})_(?P<day>\d{{4}}-\d{{2}}-\d{{2}})_"
    r"(?P<code>[A-Z][A-Z0-9]{1,15})_(?P<recipient>[A-Z][A-Z0-9]{1,15})_(?P<sequence>\d{6,})"
    + re.escape(SUFFIX)
)


def bundle_name_match(name: str) -> re.Match[str] | None:
    """The parts of a bundle file's name, in either form; None for any other file."""
    return BUNDLE_NAME.fullmatch(name) or DATED_BUNDLE_NAME.fullmatch(name)


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

    @property
    def export_due(self) -> bool:
        return export_due(self.days_since_export)


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
    # A township pack (desktop.sync.pack): the township its index names; None for a bundle.
    township: str | None = None


def peer_code(peer: SyncPeer) -> str:
    """The code in the peer's bundle names (the core's short_code, seen from here)."""
    if peer.role == "room" and peer.code:
        return peer.code
    return ("C" if peer.role == "city" else "D") + peer.node_id[:4].upper()


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
            .where(
                SyncPeer.role == "room",
                SyncPeer.signing_key.is_not(None),
                SyncPeer.revoked_at.is_(None),
            )
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


def bundle_files(session: Session, folder: Path) -> list[BundleFile]:
    """The bundle files directly in `folder`: ours to import first, then by sender and number."""
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    peers = session.scalars(select(SyncPeer).where(SyncPeer.role != "escrow")).all()
    known = {peer_code(p): p.name for p in peers}
    node_of = {peer_code(p): p.node_id for p in peers}
    installation = session.get(Installation, 1)
    me = short_code(session, installation) if installation is not None else ""
    # A city learns an enrolled district's node from its first bundle: until then a district's
    # bundle addressed to the city is taken to be that district's (the import checks its proof).
    awaited = any(p.role == "district" and p.signing_key is None for p in peers) and (
        installation is not None and installation.role is NodeRole.CITY
    )
    done_rows = session.execute(
        select(SyncBundle.bundle_id, SyncBundle.peer_node, SyncBundle.sequence).where(
            SyncBundle.direction == "in"
        )
    ).all()
    done = {row.bundle_id for row in done_rows}
    done_numbers = {(row.peer_node, row.sequence) for row in done_rows}
    mine = set(
        session.scalars(select(SyncBundle.file_name).where(SyncBundle.direction == "out"))
    ) | set(session.scalars(select(SyncBundle.bundle_id).where(SyncBundle.direction == "out")))
    found = []
    for name in names:
        match = bundle_name_match(name)
        if match is None:
            continue
        parts = match.groupdict()
        bundle_id = parts.get("bundle_id") or ""
        if name in mine or (bundle_id and bundle_id in mine):
            continue  # our own exports on the same stick are not for us
        code, sequence = match["code"], int(match["sequence"])
        # A dated name says whom it is for: another room's bundle on a shared stick is not ours.
        addressed = parts.get("recipient") in (None, me)
        first = (
            awaited and code not in known and code.startswith("D") and parts.get("recipient") == me
        )
        found.append(
            BundleFile(
                path=folder / name,
                code=code,
                sequence=sequence,
                bundle_id=bundle_id,
                sender=known.get(code, "新登记的区政协" if first else ""),
                for_us=(code in known and addressed) or first,
                imported=(bundle_id in done)
                if bundle_id
                else (node_of.get(code), sequence) in done_numbers,
            )
        )
    return sorted(found, key=lambda f: (not f.for_us, f.code, f.sequence))


def folder_bundles(db: Database, folder: Path) -> list[BundleFile]:
    with db.session() as session:
        return bundle_files(session, folder)


def enrolled_district_fingerprint(db: Database) -> str | None:
    """The settings page's key card: the enrolled district's fingerprint, or None."""
    with db.session() as session:
        return district_fingerprint(session)
