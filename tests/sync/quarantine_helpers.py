"""Make a quarantined record the way test_hostile does: one row, same revision, other title."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop.db import Database
from desktop.models import QuarantinedRecord, SyncPeer
from desktop.sync import strictjson
from desktop.sync.bundle import Contents, seal
from desktop.sync.export import build_contents
from desktop.sync.identity import escrow_recipient, require_installation
from desktop.sync.importer import import_bundle
from desktop.sync.keys import load_keys, recipient


def crafted_bundle(room: Database, district: Database, path: Path, *, title: str | None) -> Path:
    """A full bundle of the room's rows for the district; `title` replaces the first topic's."""
    with room.session() as session:
        installation = require_installation(session)
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        contents: Contents = build_contents(
            session,
            room.home,
            installation=installation,
            peer=peer,
            keys=load_keys(room.home),
            sequence=1,
            full=True,
        )
        targets = [recipient(peer.age_recipient or ""), recipient(escrow_recipient(session))]
    if title is not None:
        lines = contents.members["records/topic.ndjson"].splitlines()
        row = strictjson.loads(lines[0])
        row["title"] = title
        lines[0] = strictjson.dumps(row)
        contents.members["records/topic.ndjson"] = b"\n".join(lines) + b"\n"
    sealed, _ = seal(contents, sign=load_keys(room.home).sign, recipients=targets)
    path.write_bytes(sealed)
    return path


def make_quarantine(room: Database, district: Database, folder: Path, *, title: str) -> int:
    """The district holds the room's rows, then gets the first topic again with `title`.

    Returns the new QuarantinedRecord's id.
    """
    folder.mkdir(parents=True, exist_ok=True)
    import_bundle(district, crafted_bundle(room, district, folder / "first.yishi", title=None))
    result = import_bundle(
        district, crafted_bundle(room, district, folder / "R0001_again.yishi", title=title)
    )
    assert result.tables["topic"].quarantined == 1
    with district.session() as session:
        return (
            session.scalars(
                select(QuarantinedRecord.id).order_by(QuarantinedRecord.id.desc())
            ).first()
            or 0
        )
