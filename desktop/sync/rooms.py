"""A district's rooms over time: re-enrolment after a lost or replaced PC, and retirement.

Re-enrolment gives the room a new node id and a fresh enrolment file (new secret, new
passphrase); the new PC makes new keys and binds them with its first bundle, as any room
does. The old node's peer row stays with `revoked_at` set: a bundle signed with the old
key (a stolen PC signing whatever it wants) is refused by name, the old secret can never
bind a key again, and the records the old node sent stay here, owned by it, so nobody can
change them any more. The room row (room id, code, name) is the same; only `node_id` moves.

A retired room (停用, `Room.retired_on`) keeps its records; it is not expected to send
bundles, so it is never silent, and it cannot be enrolled or re-enrolled until reinstated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import Room, SyncPeer
from desktop.models.base import new_id, utcnow
from desktop.models.enums import NodeRole
from desktop.sync import SyncError
from desktop.sync.enrolment import Enrolment, write_enrolment
from desktop.sync.identity import require_installation
from desktop.sync.keys import has_keys, load_keys


@dataclass(frozen=True)
class Reenrolment:
    """The new enrolment and the node ids whose keys it revoked."""

    enrolment: Enrolment
    revoked: tuple[str, ...]


def _district_room(session: Session, room_id: str) -> Room:
    installation = require_installation(session)
    if installation.role is not NodeRole.DISTRICT:
        raise SyncError("只有区政协安装才能管理议事室")
    room = session.get(Room, room_id)
    if room is None or room.deleted:
        raise SyncError("找不到该议事室")
    return room


def live_peers(session: Session, room_id: str) -> list[SyncPeer]:
    """The room's enrolled nodes whose keys are not revoked (one, or none)."""
    return list(
        session.scalars(
            select(SyncPeer).where(
                SyncPeer.role == "room",
                SyncPeer.room_id == room_id,
                SyncPeer.revoked_at.is_(None),
            )
        )
    )


def reenrol_room(db: Database, *, room_id: str, output: Path) -> Reenrolment:
    """District: revoke the room's current key and write an enrolment file for a new PC."""
    if not has_keys(db.home):
        raise SyncError("本机没有区级密钥，无法登记议事室")
    keys = load_keys(db.home)
    with db.session() as session:
        room = _district_room(session, room_id)
        if room.retired_on is not None:
            raise SyncError(f"议事室「{room.name}」已停用，请先恢复后再登记")
        old = live_peers(session, room.id)
        if not old:
            raise SyncError(f"议事室「{room.name}」尚未登记，请直接登记")
        now = utcnow()
        for peer in old:
            peer.revoked_at = now
            peer.enrolment_secret = None  # the old file can never bind a key again
        room.node_id = new_id()
        session.flush()
        installation = require_installation(session)
        passphrase = write_enrolment(
            session, installation=installation, keys=keys, room=room, output=output
        )
        enrolment = Enrolment(
            path=output,
            room_id=room.id,
            code=room.code or "",
            fingerprint=keys.fingerprint,
            passphrase=passphrase,
        )
        return Reenrolment(enrolment=enrolment, revoked=tuple(p.node_id for p in old))


def retire_room(db: Database, *, room_id: str, today: date | None = None) -> None:
    """District: 停用 a room; its records stay, it is no longer expected to send bundles."""
    with db.session() as session:
        room = _district_room(session, room_id)
        if room.retired_on is not None:
            raise SyncError(f"议事室「{room.name}」已经停用")
        room.retired_on = today or clock.today()


def reinstate_room(db: Database, *, room_id: str) -> None:
    """District: undo a retirement; the room is expected again and may be enrolled."""
    with db.session() as session:
        room = _district_room(session, room_id)
        if room.retired_on is None:
            raise SyncError(f"议事室「{room.name}」没有停用")
        room.retired_on = None
