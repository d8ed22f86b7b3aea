"""Writing a bundle for the peer: every change since its last acknowledgement, or everything."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import __version__, clock
from desktop.db import Database, head_revision
from desktop.files import write_atomically
from desktop.models import Attachment, Installation, SyncBundle, SyncPeer
from desktop.models.base import new_id
from desktop.models.enums import NodeRole
from desktop.paths import Home
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import (
    FEATURES,
    FORMAT,
    FORMAT_VERSION,
    MIN_READER_VERSION,
    Contents,
    bundle_file_name,
    seal,
    sha256,
    write_verified,
)
from desktop.sync.digest import rebuild_digest, state_digest
from desktop.sync.identity import district_peer, escrow_recipient, require_installation, short_code
from desktop.sync.importer import enrolment_proof
from desktop.sync.keys import NodeKeys, has_keys, key_id, load_keys, recipient
from desktop.sync.records import synced_models, to_json
from desktop.workflow.attachments import stored_path

SEQUENCE_FILE = "sequences.json"


@dataclass(frozen=True)
class ExportResult:
    """A bundle written: where, its sequence number and the rows per table it carries."""

    path: Path
    bundle_id: str
    sequence: int
    full: bool
    counts: dict[str, int] = field(default_factory=dict)


def _find_peer(session: Session, installation: Installation, room: str | None) -> SyncPeer:
    if installation.role is NodeRole.ROOM:
        peer = district_peer(session)
        if peer is None:
            raise SyncError("本议事室尚未登记，请先完成登记（向区政协领取登记文件）")
        return peer
    rooms = list(session.scalars(select(SyncPeer).where(SyncPeer.role == "room")))
    if room is not None:
        rooms = [p for p in rooms if room in (p.node_id, p.room_id, p.code)]
        if not rooms:
            raise SyncError(f"找不到已登记的议事室：{room}")
    if len(rooms) != 1:
        raise SyncError("请用 --room 指定要发给哪个议事室（编号或代码）")
    peer = rooms[0]
    if peer.age_recipient is None or peer.signing_key is None:
        raise SyncError(f"议事室 {peer.code or peer.name} 还没有发来第一个数据包，暂时不能发给它")
    return peer


def _stored_sequence(home: Home, peer: str) -> int:
    """Kept beside the keys, outside the database, so a restored backup never rewinds it."""
    try:
        data = json.loads((home.keys / SEQUENCE_FILE).read_text("utf-8"))
        value = data.get(peer, 0) if isinstance(data, dict) else 0
        return value if isinstance(value, int) else 0
    except (OSError, ValueError):
        return 0


def _store_sequence(home: Home, peer: str, sequence: int) -> None:
    path = home.keys / SEQUENCE_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[peer] = sequence
    write_atomically(path, json.dumps(data).encode("utf-8"))


def build_contents(
    session: Session,
    home: Home,
    *,
    installation: Installation,
    peer: SyncPeer,
    keys: NodeKeys,
    sequence: int,
    full: bool,
) -> Contents:
    """The manifest and members: this node's rows changed since the peer's acknowledgement."""
    me = installation.node_id
    change_from = 0 if full else peer.acked_through
    change_to = installation.change_counter
    bundle_id = new_id()
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for model in synced_models():
        rows = session.scalars(
            select(model)
            .where(model.owner_node == me, model.change_seq > change_from)
            .order_by(model.id)
        ).all()
        if not rows:
            continue
        counts[model.__tablename__] = len(rows)
        members[f"records/{model.__tablename__}.ndjson"] = b"".join(
            strictjson.dumps(to_json(row)) + b"\n" for row in rows
        )
        if model is Attachment:
            for row in rows:
                assert isinstance(row, Attachment)
                if row.deleted:
                    continue
                blob = stored_path(home, row.sha256)
                if not blob.exists():
                    raise SyncError(f"附件文件缺失，无法导出：{row.file_name}")
                members[f"blobs/{row.sha256}"] = blob.read_bytes()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "min_reader_version": MIN_READER_VERSION,
        "required_features": sorted(FEATURES),
        "schema_version": head_revision(),
        "app_version": __version__,
        "bundle_id": bundle_id,
        "kind": f"{installation.role.value}-to-{peer.role}",
        "origin": {
            "node_id": me,
            "role": installation.role.value,
            "signing_key": keys.signing_public,
            "recipient": keys.recipient,
            "key_id": key_id(keys.signing_public),
        },
        "destination": {
            "node_id": peer.node_id,
            "key_id": key_id(peer.signing_key) if peer.signing_key else None,
        },
        "sequence": sequence,
        "full": full,
        "change_range": [change_from, change_to],
        # Sending everything costs a scan anyway, so it also heals the running value.
        "state_digest": rebuild_digest(session, me)
        if change_from == 0
        else state_digest(session, me),
        "ack": {
            "through": peer.received_through,
            "digest": state_digest(session, peer.node_id),
            "sequence_seen": peer.sequence_in,
        },
        "created_at": clock.utcnow().isoformat(),
        "counts": counts,
    }
    if installation.role is NodeRole.ROOM and peer.enrolment_secret:
        manifest["enrolment_proof"] = enrolment_proof(
            peer.enrolment_secret,
            bundle_id=bundle_id,
            signing_key=keys.signing_public,
            recipient=keys.recipient,
        )
    return Contents(manifest=manifest, members=members)


def export_bundle(
    db: Database, *, to_dir: Path, full: bool = False, room: str | None = None
) -> ExportResult:
    """Write one bundle into `to_dir`; nothing is marked delivered until the peer acknowledges."""
    if not to_dir.is_dir():
        raise SyncError(f"目标文件夹不存在：{to_dir}")
    with db.session() as session:
        installation = require_installation(session)
        peer = _find_peer(session, installation, room)
        if not has_keys(db.home):
            raise SyncError("本机没有同步密钥，请先完成登记")
        keys = load_keys(db.home)
        # Never re-use a number: the database, the file beside the keys and the peer's ack.
        sequence = (
            max(peer.sequence_out, peer.acked_sequence, _stored_sequence(db.home, peer.node_id)) + 1
        )
        _store_sequence(db.home, peer.node_id, sequence)
        contents = build_contents(
            session,
            db.home,
            installation=installation,
            peer=peer,
            keys=keys,
            sequence=sequence,
            full=full,
        )
        targets = [recipient(peer.age_recipient or ""), recipient(escrow_recipient(session))]
        sealed, manifest_bytes = seal(contents, sign=keys.sign, recipients=targets)
        manifest = contents.manifest
        name = bundle_file_name(short_code(session, installation), sequence, manifest["bundle_id"])
        path = to_dir / name
        write_verified(path, sealed)
        peer.sequence_out = sequence
        change_from, change_to = manifest["change_range"]
        session.add(
            SyncBundle(
                bundle_id=manifest["bundle_id"],
                direction="out",
                peer_node=peer.node_id,
                sequence=sequence,
                change_from=change_from,
                change_to=change_to,
                full=full,
                manifest_sha256=sha256(manifest_bytes),
                state_digest=manifest["state_digest"],
                file_name=name,
                summary=json.dumps(manifest["counts"]),
            )
        )
    return ExportResult(
        path=path,
        bundle_id=manifest["bundle_id"],
        sequence=sequence,
        full=full,
        counts=dict(manifest["counts"]),
    )
