"""Writing a bundle for the peer: every change since its last acknowledgement, or everything."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import __version__, clock, settings
from desktop.db import Database, head_revision
from desktop.files import write_atomically
from desktop.models import Attachment, Installation, Room, SyncBundle, Synced, SyncPeer
from desktop.models.base import new_id
from desktop.models.enums import NodeRole
from desktop.models.sync import digest_term, format_digest
from desktop.paths import Home
from desktop.rules.rooms import OFFICE_KINDS
from desktop.sent_marks import (
    lift_after_restore,
    store_sent_through,
    store_sequence,
    stored_sequence,
)
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
from desktop.sync.late_enrolment import LocalRows
from desktop.sync.ownership import RULES, NoRule, Sync, parent_refs
from desktop.sync.records import model_for, synced_models, to_json
from desktop.sync.status import peer_code
from desktop.sync.upward import city_peer, family_digest, forwarded_family, vouched_origins
from desktop.workflow.attachments import stored_path

# Sent to every room; a district-owned row (a 督办记录) follows its parents to one room instead.
DISTRICT_WIDE_TABLES = frozenset(t for t, rule in RULES.items() if rule.sync is Sync.DISTRICT_WIDE)

# Attachments held back from a peer and not delivered since, per peer: the next bundle offers
# them again first. Beside the keys like the sequences, so a restored database keeps them.
HELD_BACK_FILE = "held_back.json"


@dataclass(frozen=True)
class SizeLimits:
    """The most one attachment, and all attachments of one bundle, may weigh (settings)."""

    attachment_bytes: int = settings.SYNC_ATTACHMENT_BYTES.default
    bundle_bytes: int = settings.SYNC_BUNDLE_BYTES.default


class HoldReason(enum.StrEnum):
    TOO_LARGE = "too_large"  # larger than one attachment may be
    BUNDLE_FULL = "bundle_full"  # no room left in this bundle; offered first in the next
    MISSING = "missing"  # the file is gone from this installation's store


@dataclass(frozen=True)
class HeldBack:
    """An attachment (row and file) left out of a bundle so the rest could travel."""

    attachment_id: str
    file_name: str
    size: int
    reason: HoldReason

    @property
    def message(self) -> str:
        size = f"{self.size / (1 << 20):.1f} MB"
        if self.reason is HoldReason.TOO_LARGE:
            return f"附件“{self.file_name}”（{size}）超过单个附件的同步上限，暂不发送"
        if self.reason is HoldReason.BUNDLE_FULL:
            return f"附件“{self.file_name}”（{size}）本次数据包已满，将在下一个数据包中发送"
        return f"附件“{self.file_name}”的文件在本机缺失，暂不发送（请重新添加该附件）"


@dataclass(frozen=True)
class ExportResult:
    """A bundle written: where, its sequence number and the rows per table it carries."""

    path: Path
    bundle_id: str
    sequence: int
    full: bool
    counts: dict[str, int] = field(default_factory=dict)
    held_back: tuple[HeldBack, ...] = ()


def _find_peer(
    session: Session,
    installation: Installation,
    room: str | None,
    *,
    city: bool = False,
    district: str | None = None,
) -> SyncPeer:
    if installation.role is NodeRole.CITY:
        return _district_peer(session, district)
    if district is not None:
        raise SyncError("只有市政协安装才能发给区政协")
    if city:
        if installation.role is not NodeRole.DISTRICT:
            raise SyncError("只有区政协安装才能发给市政协")
        peer = city_peer(session)
        if peer is None:
            raise SyncError("本区尚未登记到市政协，请先用市政协的登记文件登记（yishi join-city）")
        return peer
    if installation.role is NodeRole.ROOM:
        peer = district_peer(session)
        if peer is None:
            raise SyncError("本议事室尚未登记，请先完成登记（向区政协领取登记文件）")
        return peer
    rooms = list(
        session.scalars(
            select(SyncPeer).where(SyncPeer.role == "room", SyncPeer.revoked_at.is_(None))
        )
    )
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


def _district_peer(session: Session, wanted: str | None) -> SyncPeer:
    """City: the district a bundle goes to (its acknowledgement), by name or node id."""
    districts = list(
        session.scalars(
            select(SyncPeer).where(
                SyncPeer.role == "district",
                SyncPeer.revoked_at.is_(None),
                SyncPeer.signing_key.is_not(None),
            )
        )
    )
    if wanted is not None:
        wanted = wanted.strip()
        districts = [
            p
            for p in districts
            if wanted in (p.name, p.node_id, peer_code(p)) or p.node_id.startswith(wanted.lower())
        ]
        if not districts:
            raise SyncError(f"找不到已发来数据包的区政协：{wanted}")
    if not districts:
        raise SyncError("还没有区政协发来数据包，暂时没有可以发回的确认")
    if len(districts) != 1:
        raise SyncError("请用 --district 指定要发给哪个区政协（名称或编号）")
    return districts[0]


def _load_held_back(home: Home, peer: str) -> set[str]:
    try:
        data = json.loads((home.keys / HELD_BACK_FILE).read_text("utf-8"))
        ids = data.get(peer, []) if isinstance(data, dict) else []
        return {i for i in ids if isinstance(i, str)} if isinstance(ids, list) else set()
    except (OSError, ValueError):
        return set()


def _store_held_back(home: Home, peer: str, ids: set[str]) -> None:
    path = home.keys / HELD_BACK_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    if ids:
        data[peer] = sorted(ids)
    elif peer not in data:
        return
    else:
        del data[peer]
    write_atomically(path, json.dumps(data).encode("utf-8"))


class RoomRouter:
    """Which rooms a district row hangs under, following the parents the ownership registry
    names (desktop.sync.ownership) up to `room`, so a table added later is routed by its rule.

    An empty set is district-wide (the roster, the lists, a row under nothing of a room's);
    None is a row whose parent is missing or unknown, which goes to nobody rather than to all.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._known: dict[tuple[str, str], frozenset[str] | None] = {}
        # A re-enrolled room's new PC never holds the old node's records: what the district
        # wrote under them goes to nobody (desktop.sync.rooms).
        self._revoked = set(
            session.scalars(select(SyncPeer.node_id).where(SyncPeer.revoked_at.is_not(None)))
        )

    def rooms(self, row: Synced) -> frozenset[str] | None:
        table = type(row).__tablename__
        if isinstance(row, Room) and row.kind in OFFICE_KINDS:
            # The district's own office hosts, and everything recorded under them, stay home.
            return None
        if table in DISTRICT_WIDE_TABLES:
            return frozenset()
        cached = (table, row.id)
        if cached in self._known:
            return self._known[cached]
        self._known[cached] = None  # a cycle of references resolves to nobody
        values = {c.key: getattr(row, c.key) for c in type(row).__table__.columns}  # type: ignore[attr-defined]
        found: set[str] = set()
        result: frozenset[str] | None = None
        try:
            refs = list(parent_refs(table, values))
        except NoRule:
            refs = [("", None, "")]
        for _column, parent_table, parent_id in refs:
            if parent_table == "room":
                found.add(parent_id)
                continue
            if parent_table in DISTRICT_WIDE_TABLES:
                continue
            parent_model = model_for(parent_table) if parent_table else None
            parent = self._session.get(parent_model, parent_id) if parent_model else None
            if parent is not None and parent.owner_node in self._revoked:
                break
            above = self.rooms(parent) if parent is not None else None
            if above is None:
                break
            found |= above
        else:
            result = frozenset(found)
        self._known[cached] = result
        return result

    def for_room(self, row: Synced, room_id: str) -> bool:
        rooms = self.rooms(row)
        return rooms is not None and rooms <= {room_id}


def _room_digest(session: Session, router: RoomRouter, me: str, room_id: str) -> str:
    """The digest of the district rows one room is meant to hold: district-wide and its own."""
    total = 0
    for model in synced_models():
        for row in session.scalars(select(model).where(model.owner_node == me)):
            if router.for_room(row, room_id):
                total += digest_term(model.__tablename__, row.id, row.revision)
    return format_digest(total)


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
    contents, _held = build_bundle(
        session,
        home,
        installation=installation,
        peer=peer,
        keys=keys,
        sequence=sequence,
        full=full,
        pending=set(),
    )
    return contents


def _choose_blobs(
    home: Home, rows: list[Attachment], limits: SizeLimits
) -> tuple[list[Attachment], dict[str, bytes], list[HeldBack]]:
    """The attachment rows that travel with their files, and what is held back (the row too:
    a row without its file would be refused, and the file never travels alone).

    Rows offered again (held back before) come first, so a full drive empties over bundles."""
    kept: list[Attachment] = []
    blobs: dict[str, bytes] = {}
    held: list[HeldBack] = []
    budget = limits.bundle_bytes
    for row in rows:
        if row.deleted:
            kept.append(row)
            continue
        blob = stored_path(home, row.sha256)
        try:
            size = blob.stat().st_size
        except OSError:
            held.append(HeldBack(row.id, row.file_name, row.size, HoldReason.MISSING))
            continue
        # The file's size, not the row's: the row could understate it.
        size = max(size, row.size)
        if size > limits.attachment_bytes:
            held.append(HeldBack(row.id, row.file_name, size, HoldReason.TOO_LARGE))
            continue
        if row.sha256 not in blobs:
            if size > budget:
                held.append(HeldBack(row.id, row.file_name, size, HoldReason.BUNDLE_FULL))
                continue
            budget -= size
            blobs[row.sha256] = blob.read_bytes()
        kept.append(row)
    return kept, blobs, held


def build_bundle(
    session: Session,
    home: Home,
    *,
    installation: Installation,
    peer: SyncPeer,
    keys: NodeKeys,
    sequence: int,
    full: bool,
    pending: set[str],
    limits: SizeLimits | None = None,
) -> tuple[Contents, list[HeldBack]]:
    """`build_contents`, plus the attachments held back (size limits), and for a district the
    rows of the peer's room only. `pending` are attachments held back from this peer before."""
    limits = limits or SizeLimits()
    me = installation.node_id
    change_from = 0 if full else peer.acked_through
    change_to = installation.change_counter
    bundle_id = new_id()
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    held: list[HeldBack] = []
    # A district forwards to its city everything it holds, its rooms' rows too.
    upward = installation.role is NodeRole.DISTRICT and peer.role == "city"
    to_room = peer.room_id if installation.role is NodeRole.DISTRICT and not upward else None
    if installation.role is NodeRole.DISTRICT and not upward and to_room is None:
        raise SyncError(f"议事室 {peer.code or peer.name} 的登记信息不完整，无法导出")
    origins = vouched_origins(session, me) if upward else []
    router = RoomRouter(session)
    # A room's local members, and the rows under them, wait for the district's roster.
    local = LocalRows(session, me) if installation.role is NodeRole.ROOM else None
    for model in synced_models():
        changed = model.change_seq > change_from
        if model is Attachment and pending:
            changed = changed | Attachment.id.in_(sorted(pending))
        # Sorted here, not in SQL: ORDER BY id tempts SQLite to walk the whole table in id
        # order instead of reading only the changed rows through (owner_node, change_seq).
        mine = model.owner_node.in_([me, *origins]) if upward else model.owner_node == me
        rows = sorted(session.scalars(select(model).where(mine, changed)), key=lambda row: row.id)
        if to_room is not None:
            rows = [row for row in rows if router.for_room(row, to_room)]
        if local is not None and local.active:
            rows = [row for row in rows if not local.stays(row)]
        if model is Attachment:
            offered = [r for r in rows if isinstance(r, Attachment)]
            offered.sort(key=lambda r: (r.id not in pending, r.change_seq, r.id))
            kept, blobs, held = _choose_blobs(home, offered, limits)
            rows = sorted(kept, key=lambda r: r.id)
            members.update({f"blobs/{digest}": data for digest, data in blobs.items()})
        if not rows:
            continue
        counts[model.__tablename__] = len(rows)
        members[f"records/{model.__tablename__}.ndjson"] = b"".join(
            strictjson.dumps(to_json(row)) + b"\n" for row in rows
        )
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
        "state_digest": _held_digest(
            _without_local(
                family_digest(session, [me, *origins], rescan=change_from == 0)
                if upward
                else _sent_digest(session, router, me, to_room, full=change_from == 0),
                local,
            ),
            held,
            session,
        ),
        "ack": {
            "through": peer.received_through,
            "digest": family_digest(session, forwarded_family(session, peer.node_id))
            if installation.role is NodeRole.CITY
            else state_digest(session, peer.node_id),
            "sequence_seen": peer.sequence_in,
        },
        "created_at": clock.utcnow().isoformat(),
        "counts": counts,
    }
    if upward:
        manifest["origins"] = origins
    if (installation.role is NodeRole.ROOM or upward) and peer.enrolment_secret:
        manifest["enrolment_proof"] = enrolment_proof(
            peer.enrolment_secret,
            bundle_id=bundle_id,
            signing_key=keys.signing_public,
            recipient=keys.recipient,
        )
    return Contents(manifest=manifest, members=members), held


def _sent_digest(
    session: Session, router: RoomRouter, me: str, to_room: str | None, *, full: bool
) -> str:
    # A room holds only the district's rows for it, so its acknowledgement can only match
    # a digest of those.
    if to_room is not None:
        return _room_digest(session, router, me, to_room)
    # Sending everything costs a scan anyway, so it also heals the running value.
    return rebuild_digest(session, me) if full else state_digest(session, me)


def _without_local(digest: str, local: LocalRows | None) -> str:
    """The digest without the rows that stay home: the district never holds them."""
    if local is None or not local.active:
        return digest
    return format_digest(int(digest, 16) - local.held_terms())


def _held_digest(digest: str, held: list[HeldBack], session: Session) -> str:
    """The digest of what the peer holds after this bundle: without the attachments held
    back now or before and not sent since (held back earlier ones are offered again here,
    so whatever is held back now is the whole of it)."""
    total = int(digest, 16)
    for item in held:
        row = session.get(Attachment, item.attachment_id)
        assert row is not None
        total -= digest_term(Attachment.__tablename__, row.id, row.revision)
    return format_digest(total)


def _size_limits(session: Session) -> SizeLimits:
    return SizeLimits(
        attachment_bytes=settings.get(session, settings.SYNC_ATTACHMENT_BYTES),
        bundle_bytes=settings.get(session, settings.SYNC_BUNDLE_BYTES),
    )


def export_bundle(
    db: Database,
    *,
    to_dir: Path,
    full: bool = False,
    room: str | None = None,
    city: bool = False,
    district: str | None = None,
) -> ExportResult:
    """Write one bundle into `to_dir`; nothing is marked delivered until the peer acknowledges.

    A room writes for its district, a district for one room or (`city`) for its city, a
    city for one district (`district`: its acknowledgement, no records)."""
    if not to_dir.is_dir():
        raise SyncError(f"目标文件夹不存在：{to_dir}")
    with db.session() as session:
        installation = require_installation(session)
        peer = _find_peer(session, installation, room, city=city, district=district)
        result = export_to_peer(
            db, session, installation=installation, peer=peer, to_dir=to_dir, full=full
        )
    return result


def export_to_peer(
    db: Database,
    session: Session,
    *,
    installation: Installation,
    peer: SyncPeer,
    to_dir: Path,
    full: bool,
) -> ExportResult:
    """One bundle for `peer` written into `to_dir`, recorded in the caller's transaction: a
    caller writing several (desktop.sync.pack) keeps none of the records when one fails."""
    if not has_keys(db.home):
        raise SyncError("本机没有同步密钥，请先完成登记")
    keys = load_keys(db.home)
    # Never re-use a number: the database, the file beside the keys and the peer's ack.
    sequence = (
        max(peer.sequence_out, peer.acked_sequence, stored_sequence(db.home, peer.node_id)) + 1
    )
    store_sequence(db.home, peer.node_id, sequence)
    lift_after_restore(session, db.home)
    contents, held = build_bundle(
        session,
        db.home,
        installation=installation,
        peer=peer,
        keys=keys,
        sequence=sequence,
        full=full,
        pending=_load_held_back(db.home, peer.node_id),
        limits=_size_limits(session),
    )
    # The escrow key of the office above: a room's district's (this district's own, going
    # down), or a district's city's.
    escrow = peer.escrow_recipient if peer.role == "city" else escrow_recipient(session)
    if not escrow:
        raise SyncError("缺少市政协的托管密钥，请重新用市政协的登记文件登记")
    targets = [recipient(peer.age_recipient or ""), recipient(escrow)]
    sealed, manifest_bytes = seal(contents, sign=keys.sign, recipients=targets)
    manifest = contents.manifest
    # Who the stick is about: the sender going up (a room, a district to its city), the
    # receiver coming down (the room a district writes for, the district a city answers).
    downward = installation.role is NodeRole.CITY or (
        installation.role is NodeRole.DISTRICT and peer.role == "room"
    )
    label = peer.name if downward else installation.name
    name = bundle_file_name(
        label,
        clock.today(),
        sender=short_code(session, installation),
        recipient=peer_code(peer),
        sequence=sequence,
    )
    path = to_dir / name
    write_verified(path, sealed)
    _store_held_back(db.home, peer.node_id, {item.attachment_id for item in held})
    peer.sequence_out = sequence
    change_from, change_to = manifest["change_range"]
    store_sent_through(db.home, peer.node_id, change_to)
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
        held_back=tuple(held),
    )
