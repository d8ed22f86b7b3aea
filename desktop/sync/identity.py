"""Who this installation is for sync: its keys, its peers, the escrow key, its short code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyrage
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import Installation, Room, SyncPeer
from desktop.models.base import new_id
from desktop.models.enums import NodeRole
from desktop.sync import SyncError
from desktop.sync.keys import (
    fingerprint,
    generate_keys,
    has_keys,
    load_escrow,
    load_keys,
    write_escrow,
)


@dataclass(frozen=True)
class DistrictKeys:
    """What `setup district` prints: the fingerprints and where the escrow key was written."""

    fingerprint: str
    escrow_path: Path
    escrow_fingerprint: str


def default_escrow_path(db: Database) -> Path:
    return db.home.root / f"escrow-key-{clock.today():%Y%m%d}.txt"


def init_district_keys(db: Database, *, escrow_path: Path | None = None) -> DistrictKeys:
    """Signing and encryption keys for a district (or city) office, plus the escrow pair
    (its private half written once)."""
    installation = db.installation()
    if installation is None or installation.role is NodeRole.ROOM:
        raise SyncError("只有区政协或市政协安装才能生成这套密钥")
    keys = generate_keys(db.home)
    path = escrow_path or default_escrow_path(db)
    escrow_recipient = write_escrow(path)
    with db.session() as session:
        session.add(
            SyncPeer(
                node_id=new_id(), role="escrow", name="托管密钥", age_recipient=escrow_recipient
            )
        )
    return DistrictKeys(
        fingerprint=keys.fingerprint,
        escrow_path=path,
        escrow_fingerprint=fingerprint(escrow_recipient),
    )


def setup_office_with_keys(
    db: Database, *, role: NodeRole, name: str, escrow_path: Path | None = None
) -> DistrictKeys:
    """A district or city office with its keys and escrow pair, as `yishi setup district`
    (`city`) makes it: without keys it could enrol nobody and read no bundle, and nothing
    makes them later. The escrow key's private half goes to `escrow_path`, else the data
    folder."""
    from desktop.setup import SetupError, setup_city, setup_district

    if role is NodeRole.ROOM:
        raise SetupError("议事室的密钥在登记时生成")
    (setup_city if role is NodeRole.CITY else setup_district)(db, name=name)
    return init_district_keys(db, escrow_path=escrow_path)


# `init_district_keys` writes the escrow key's private half here unless told otherwise; the
# clerk is asked to copy it away and delete it, so one still there is worth saying.
ESCROW_FILE_PATTERN = "escrow-key-*.txt"


def escrow_fingerprint(db: Database) -> str | None:
    """The fingerprint of the escrow key this installation encrypts to: an office's own pair,
    a room's district's; None without one."""
    with db.session() as session:
        recipients = session.scalars(
            select(SyncPeer.age_recipient).where(SyncPeer.role == "escrow")
        ).all()
    return next((fingerprint(r) for r in recipients if r), None)


def escrow_files_left(root: Path) -> list[Path]:
    """Escrow private keys still lying in the data folder, where a thief of the computer
    would find them beside the keys they are meant to replace."""
    try:
        return sorted(root.glob(ESCROW_FILE_PATTERN))
    except OSError:
        return []


def own_fingerprint(db: Database) -> str | None:
    """This node's fingerprint for reading out over the phone, or None without usable keys.

    Never raises: damaged keys are named by keycheck.diagnose_keys, not by every page
    that shows the fingerprint.
    """
    if not has_keys(db.home):
        return None
    try:
        return load_keys(db.home).fingerprint
    except SyncError:
        return None


def require_installation(session: Session) -> Installation:
    installation = session.get(Installation, 1)
    if installation is None:
        raise SyncError("本机尚未初始化")
    return installation


def escrow_recipient(session: Session) -> str:
    escrow = session.scalars(select(SyncPeer).where(SyncPeer.role == "escrow")).first()
    if escrow is None or not escrow.age_recipient:
        raise SyncError("缺少托管密钥，无法生成数据包")
    return escrow.age_recipient


def escrow_identity(db: Database, path: Path) -> pyrage.x25519.Identity:
    """The escrow private key from its file, if it is the escrow key this node knows.

    Bundles are encrypted to the escrow key as well as to the receiver, so with this key a
    node whose own key is lost can still import them (`yishi import --escrow-key`).
    """
    identity = load_escrow(path)
    recipient = str(identity.to_public())
    with db.session() as session:
        known = {
            p.age_recipient
            for p in session.scalars(select(SyncPeer).where(SyncPeer.role == "escrow"))
            if p.age_recipient
        }
    if not known:
        raise SyncError("本机没有登记托管密钥，不能用托管密钥导入")
    if recipient not in known:
        raise SyncError(
            f"这不是本区的托管密钥（文件中密钥的指纹 {fingerprint(recipient)}，"
            f"本机登记的是 {'、'.join(sorted(fingerprint(k) for k in known))}）"
        )
    return identity


def district_peer(session: Session) -> SyncPeer | None:
    return session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).first()


def short_code(session: Session, installation: Installation) -> str:
    """The room's code (R0042) or, for a district, D and the start of its node id (C for a
    city)."""
    if installation.role is NodeRole.ROOM and installation.room_id:
        room = session.get(Room, installation.room_id)
        if room is not None and room.code:
            return room.code
    letter = "C" if installation.role is NodeRole.CITY else "D"
    return letter + installation.node_id[:4].upper()
