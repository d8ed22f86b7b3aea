"""Importing a bundle: every check first, in the issue's order, then one transaction."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop import settings
from desktop.backups import take_backup
from desktop.db import Database
from desktop.errors import UserError
from desktop.files import atomic_path
from desktop.models import (
    Attachment,
    ForwardedOrigin,
    Installation,
    SyncBundle,
    Synced,
    SyncPeer,
)
from desktop.models.enums import NodeRole
from desktop.models.stamping import StampContext
from desktop.paths import Home
from desktop.sent_marks import sent_through, stored_sequence
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import (
    DEFAULT_LIMITS,
    FEATURES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    SIGNATURE,
    Limits,
    Opened,
    decrypt_to,
    member_chunks,
    member_lines,
    member_sha256,
    open_bundle,
    sha256,
)
from desktop.sync.compat import known_schema_versions
from desktop.sync.digest import rebuild_digest
from desktop.sync.identity import escrow_identity, require_installation
from desktop.sync.incoming import (
    Incoming,
    Rows,
    apply_rows,
    check_owned,
    parse_row,
    synced_model,
)
from desktop.sync.keys import fingerprint, has_keys, load_keys, verify
from desktop.sync.records import (
    model_for,
    synced_models,
)
from desktop.sync.refusals import record_refusal
from desktop.sync.upsert import TableCounts
from desktop.sync.upward import check_forwarded, find_enrolled_district, read_origins
from desktop.workflow.attachments import stored_path
from desktop.workflow.local_members import match_after_import

NEWER = "此数据包由更新版本的议事生成，请先更新议事"


@dataclass
class ImportBatch:
    """Files imported together (one import on the sync page, one `yishi import`): the backup
    before the first of them that passes its checks serves the rest. A backup copies and
    checks the whole database, 20 s and more on a ten-year district against about 2 s for
    the import; one per file made a USB stick of bundles cost that many times over."""

    backup: Path | None = None
    backed_up: bool = False

    def backup_before(self, db: Database) -> Path | None:
        # None on a PostgreSQL server, whose backups are its administrator's; and skipped
        # when the newest backup already holds this state (desktop.backups).
        if not self.backed_up:
            self.backup, self.backed_up = take_backup(db, "import").path, True
        return self.backup


@dataclass
class ImportResult:
    """One imported file: which bundle, from whom, and the counts per table."""

    path: Path
    bundle_id: str
    origin: str
    sequence: int
    already_imported: bool = False
    tables: dict[str, TableCounts] = field(default_factory=dict)
    backup: Path | None = None
    # Set on a room's first bundle: its keys were just recorded; read this out by phone.
    new_peer_fingerprint: str | None = None

    def totals(self) -> TableCounts:
        total = TableCounts()
        for counts in self.tables.values():
            total.added += counts.added
            total.updated += counts.updated
            total.unchanged += counts.unchanged
            total.quarantined += counts.quarantined
        return total


def enrolment_proof(secret: str, *, bundle_id: str, signing_key: str, recipient: str) -> str:
    """HMAC with the one-time enrolment secret: the district accepts only rooms it enrolled."""
    message = f"{bundle_id}\n{signing_key}\n{recipient}".encode()
    return hmac.new(secret.encode("ascii"), message, hashlib.sha256).hexdigest()


# --- manifest fields -------------------------------------------------------------------------

_SHA256 = re.compile(r"[0-9a-f]{64}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _get(mapping: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise SyncError(f"数据包清单缺少字段：{key}")
    value = mapping[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise SyncError(f"数据包清单字段格式错误：{key}")
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value < 2**62:
        raise SyncError(f"数据包清单字段超出范围：{key}")
    return value


def _uuid(mapping: Any, key: str) -> str:
    value: str = _get(mapping, key, str)
    if not _UUID.fullmatch(value):
        raise SyncError(f"数据包清单字段格式错误：{key}")
    return value


def check_gates(manifest: dict[str, Any]) -> None:
    """Format, reader version, features and schema: a newer Yishi's bundle asks for an update."""
    if manifest.get("format") != FORMAT:
        raise SyncError("这不是议事的数据包")
    if _get(manifest, "min_reader_version", int) > FORMAT_VERSION:
        raise SyncError(NEWER)
    features = _get(manifest, "required_features", list)
    if not all(isinstance(f, str) for f in features) or not set(features) <= FEATURES:
        raise SyncError(NEWER)
    if _get(manifest, "schema_version", str) not in known_schema_versions():
        raise SyncError(NEWER)


# --- the import ------------------------------------------------------------------------------


def import_bundle(
    db: Database,
    path: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    escrow_key: Path | None = None,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """Check everything, then apply in one transaction after a backup; refuse with a reason.

    A refusal is logged beside the database (desktop.sync.refusals), never in it.
    `escrow_key` names the district's escrow private key file: the bundle is decrypted with
    it instead of this installation's own key (lost or damaged); every other check stays.
    `batch`: the files imported with this one, which share its backup (ImportBatch).
    """
    try:
        return _import_bundle(db, path, limits=limits, escrow_key=escrow_key, batch=batch)
    except UserError as error:
        record_refusal(db.home, path=path, reason=str(error))
        raise
    except OSError:
        raise  # this computer's trouble (a full disk), not the bundle's: the caller says so
    except Exception as exc:
        # Whatever a bundle holds, it is refused by itself: one bad file must never end the
        # import of the next ones (a batch from a USB stick), nor show a traceback.
        reason = f"数据包无法导入（{type(exc).__name__}），未导入任何内容"
        record_refusal(db.home, path=path, reason=reason)
        raise SyncError(reason) from exc


def _import_bundle(
    db: Database,
    path: Path,
    *,
    limits: Limits,
    escrow_key: Path | None,
    batch: ImportBatch | None,
) -> ImportResult:
    with db.session() as session:
        installation = require_installation(session)
        me, my_role = installation.node_id, installation.role
    if escrow_key is None and not has_keys(db.home):
        raise SyncError("本机尚未登记，没有同步密钥，请先完成登记")
    if escrow_key is not None:
        identity = escrow_identity(db, escrow_key)
    else:
        identity = load_keys(db.home).identity
    # The plaintext goes to an unnamed file beside the database, never whole into memory;
    # the system removes it however the import ends.
    with tempfile.TemporaryFile(dir=db.home.root, prefix="yishi-import-") as plain:
        decrypt_to(path, identity, limits, plain)
        opened = open_bundle(plain, limits)
        result = _import_opened(
            db, path, opened, limits=limits, me=me, my_role=my_role, batch=batch or ImportBatch()
        )
    if not result.already_imported:
        db.refresh_statistics({t: c.added + c.updated for t, c in result.tables.items()})
    if my_role is NodeRole.ROOM and "member" in result.tables:
        # The district's roster came: merge the room's local members it surely names.
        match_after_import(db)
    return result


def _import_opened(
    db: Database,
    path: Path,
    opened: Opened,
    *,
    limits: Limits,
    me: str,
    my_role: NodeRole,
    batch: ImportBatch,
) -> ImportResult:
    manifest = opened.manifest
    check_gates(manifest)
    bundle_id = _uuid(manifest, "bundle_id")
    origin_info = _get(manifest, "origin", dict)
    origin = _uuid(origin_info, "node_id")
    signing_key = _get(origin_info, "signing_key", str)
    recipient = _get(origin_info, "recipient", str)
    destination = _uuid(_get(manifest, "destination", dict), "node_id")
    sequence = _get(manifest, "sequence", int)
    # Checked now, used in the transaction.
    _range(manifest)
    _get(manifest, "state_digest", str)
    manifest_hash = sha256(opened.manifest_bytes)

    with db.session() as session:
        peer = session.get(SyncPeer, origin)
        if peer is None and my_role is NodeRole.CITY:
            # A district's first bundle: its node is new here, its enrolment proof names it.
            peer = find_enrolled_district(session, manifest)
        _check_sender(
            peer, manifest, opened, my_role=my_role, signing_key=signing_key, recipient=recipient
        )
        assert peer is not None
        if destination != me:
            raise SyncError("这个数据包不是发给本机的")
        already = ImportResult(
            path=path, bundle_id=bundle_id, origin=origin, sequence=sequence, already_imported=True
        )
        if _imported_before(session, bundle_id, manifest_hash):
            return already
        _check_ack(session, db.home, peer, manifest)
        incoming, blobs = _read_members(opened, manifest, limits)
        new_origins: list[str] = []
        if my_role is NodeRole.CITY:
            new_origins = check_forwarded(
                session, incoming, origin=origin, origins=read_origins(manifest)
            )
        elif peer.role == "city":
            if incoming.rows:
                raise SyncError("市政协的数据包不能包含记录，已拒绝")
        else:
            check_owned(
                session,
                incoming,
                origin=origin,
                origin_role=peer.role,
                origin_room_id=peer.room_id,
            )
        peer_key = peer.node_id
        _check_blobs(db, session, incoming, blobs, origin=origin)

    first_contact = peer.signing_key is None
    backup = batch.backup_before(db)
    try:
        tables = _apply(
            db,
            incoming,
            _Blobs(opened.archive, blobs),
            manifest,
            me=me,
            path=path,
            origin=origin,
            manifest_hash=manifest_hash,
            peer_key=peer_key,
            new_origins=new_origins,
        )
    except _ImportedMeanwhile:
        return already
    except IntegrityError as exc:
        raise SyncError(
            "数据包中的记录与本机数据对不上（缺少关联的记录或违反约束），未导入任何内容；"
            "请让对方发送完整数据包（--full）"
        ) from exc
    return ImportResult(
        path=path,
        bundle_id=bundle_id,
        origin=origin,
        sequence=sequence,
        tables=tables,
        backup=backup,
        new_peer_fingerprint=fingerprint(signing_key, recipient) if first_contact else None,
    )


def _apply(
    db: Database,
    incoming: Incoming,
    blobs: _Blobs,
    manifest: dict[str, Any],
    *,
    me: str,
    path: Path,
    origin: str,
    manifest_hash: str,
    peer_key: str,
    new_origins: list[str],
) -> dict[str, TableCounts]:
    """The one transaction: rows, the bundle record, high-water marks and acks, blobs.

    `peer_key` is the sender's peer row as the checks found it: at a city, a district's
    first bundle finds it under its enrolment's provisional id, renamed to the sender's node
    here. `new_origins` are the room nodes a district vouches for, new to the city."""
    bundle_id = _uuid(manifest, "bundle_id")
    sequence = _get(manifest, "sequence", int)
    change_from, change_to = _range(manifest)
    origin_info = _get(manifest, "origin", dict)
    signing_key = _get(origin_info, "signing_key", str)
    recipient = _get(origin_info, "recipient", str)
    context = StampContext(node_id=me, user=db.user, importing=True)
    with db.session_as(context) as session:
        # Several district workstations may share one PostgreSQL database: two clerks
        # importing (even the same bundle) at once. The installation row (whose change
        # counter every import moves) is locked first, so imports take turns as SQLite's one
        # writer makes them, and the bundle is looked up again under the lock: the other
        # clerk's may have come in since the checks. SQLite takes no row locks (the
        # statement is a plain SELECT there) and needs none.
        session.get(Installation, 1, with_for_update=True)
        if _imported_before(session, bundle_id, manifest_hash):
            raise _ImportedMeanwhile
        peer = session.get(SyncPeer, peer_key, with_for_update=True)
        if peer is None or (peer_key != origin and peer.signing_key is not None):
            raise SyncError("该区政协的登记刚被另一个工作站使用，请重新导入")
        peer.node_id = origin
        session.add_all(ForwardedOrigin(node_id=node, via_node=origin) for node in new_origins)
        # Everything the sender owns (change_from 0): the value kept for it is healed by a
        # scan after, so the rows need not move it one by one.
        rescanned = origin if change_from == 0 else None
        tables = apply_rows(session, incoming, bundle_id=bundle_id, rescanned=rescanned)
        if rescanned is not None:
            rebuild_digest(session, origin)
        if peer.signing_key is None:
            peer.signing_key, peer.age_recipient = signing_key, recipient
        peer.sequence_in = max(peer.sequence_in, sequence)
        if change_from <= peer.received_through:
            peer.received_through = max(peer.received_through, change_to)
        _apply_ack(session, peer, manifest, sequence)
        session.add(
            SyncBundle(
                bundle_id=bundle_id,
                direction="in",
                peer_node=origin,
                sequence=sequence,
                change_from=change_from,
                change_to=change_to,
                full=bool(manifest.get("full")),
                manifest_sha256=manifest_hash,
                state_digest=_get(manifest, "state_digest", str)[:64],
                file_name=path.name[:255],
                summary=json.dumps({t: c.__dict__ for t, c in tables.items()}, ensure_ascii=False),
            )
        )
        session.flush()
        for digest in blobs.checked:
            blobs.store(db.home, digest)
    return tables


class _ImportedMeanwhile(Exception):
    """The same bundle came in from another workstation while this one checked it."""


def _imported_before(session: Session, bundle_id: str, manifest_hash: str) -> bool:
    """Whether this bundle was imported already; another with the same id is refused."""
    previous = session.scalars(
        select(SyncBundle).where(SyncBundle.direction == "in", SyncBundle.bundle_id == bundle_id)
    ).first()
    if previous is not None and previous.manifest_sha256 != manifest_hash:
        raise SyncError("已导入过同一编号但内容不同的数据包，已拒绝")
    return previous is not None


def _range(manifest: dict[str, Any]) -> tuple[int, int]:
    change = _get(manifest, "change_range", list)
    if len(change) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in change):
        raise SyncError("数据包清单字段格式错误：change_range")
    low, high = change
    if not 0 <= low <= high < 2**62:
        raise SyncError("数据包清单字段超出范围：change_range")
    return low, high


def _check_sender(
    peer: SyncPeer | None,
    manifest: dict[str, Any],
    opened: Opened,
    *,
    my_role: NodeRole,
    signing_key: str,
    recipient: str,
) -> None:
    if peer is None or peer.role == "escrow":
        raise SyncError("数据包来自未登记的单位，已拒绝")
    if peer.revoked_at is not None:
        # desktop.sync.rooms: the room was re-enrolled; this node's key is void for good.
        raise SyncError(
            f"数据包来自议事室「{peer.name}」已作废的旧密钥（该议事室已重新登记），已拒绝"
        )
    if my_role is NodeRole.ROOM and peer.role != "district":
        raise SyncError("议事室只接受区政协的数据包")
    if my_role is NodeRole.DISTRICT and peer.role not in ("room", "city"):
        raise SyncError("区政协只接受已登记议事室（或本区登记到的市政协）的数据包")
    if my_role is NodeRole.CITY and peer.role != "district":
        raise SyncError("市政协只接受已登记区政协的数据包")
    if peer.signing_key is None:
        # The room's first bundle: its keys are new to us, bound by the enrolment secret.
        proof = manifest.get("enrolment_proof")
        expected = enrolment_proof(
            peer.enrolment_secret or "",
            bundle_id=str(manifest.get("bundle_id")),
            signing_key=signing_key,
            recipient=recipient,
        )
        if not peer.enrolment_secret or not isinstance(proof, str):
            raise SyncError("数据包缺少登记凭证，已拒绝")
        if not hmac.compare_digest(proof, expected):
            raise SyncError("数据包的登记凭证不正确，已拒绝")
    elif signing_key != peer.signing_key:
        raise SyncError("数据包的签名密钥与登记的不一致，已拒绝")
    if not verify(signing_key, opened.signature, opened.manifest_bytes):
        raise SyncError("数据包签名无效，内容可能被篡改，已拒绝")


def _read_members(
    opened: Opened, manifest: dict[str, Any], limits: Limits
) -> tuple[Incoming, dict[str, _Blob]]:
    """The rows, parsed a line at a time, and each blob's size and hash once its bytes were
    checked against the signed manifest; blobs stay in the archive until they are stored."""
    listed = _get(manifest, "members", list)
    claimed: dict[str, tuple[int, str]] = {}
    for entry in listed:
        name = _get(entry, "name", str)
        if name in claimed or name in (MANIFEST, SIGNATURE):
            raise SyncError(f"数据包清单中有重复或非法的文件：{name[:80]}")
        claimed[name] = (_get(entry, "size", int), _get(entry, "sha256", str))
    in_archive = {i.orig_filename for i in opened.archive.infolist()} - {MANIFEST, SIGNATURE}
    if set(claimed) != in_archive:
        raise SyncError("数据包清单与压缩包内容不符")
    counts = _get(manifest, "counts", dict)
    schema_version = _get(manifest, "schema_version", str)
    blobs: dict[str, _Blob] = {}
    parsed: dict[str, tuple[type[Synced], Rows]] = {}
    for name, (size, digest) in sorted(claimed.items()):
        if opened.archive.getinfo(name).file_size != size:
            raise SyncError(f"数据包中的文件大小与清单不符：{name}")
        if name.startswith("blobs/"):
            if member_sha256(opened.archive, name, size) != digest:
                raise SyncError(f"数据包中的文件校验失败：{name}")
            blobs[name.removeprefix("blobs/")] = _Blob(size=size, sha256=digest)
            continue
        table = name.removeprefix("records/").removesuffix(".ndjson")
        model = synced_model(table)
        rows = Rows()
        for chunk in _chunks(member_lines(opened.archive, name, size, digest, limits)):
            try:
                lines = strictjson.loads_lines(chunk)
            except strictjson.StrictJSONError as exc:
                raise SyncError(f"数据包中的记录格式错误（{table}）：{exc}") from exc
            for line in lines:
                rows.append(parse_row(model, line, schema_version=schema_version))
        if counts.get(table) != len(rows):
            raise SyncError(f"数据包中 {table} 的记录数与清单不符")
        parsed[table] = (model, rows)
    if set(counts) != set(parsed):
        raise SyncError("数据包清单的记录数与内容不符")
    incoming = Incoming(
        rows=[parsed[m.__tablename__] for m in synced_models() if m.__tablename__ in parsed]
    )
    return incoming, blobs


# Lines parsed together (desktop.sync.strictjson.loads_lines): a few hundred rows' worth.
_CHUNK_BYTES = 1 << 20


def _chunks(lines: Iterable[bytes]) -> Iterator[list[bytes]]:
    """The non-empty lines in runs of about _CHUNK_BYTES (one longer line alone)."""
    chunk: list[bytes] = []
    size = 0
    for line in lines:
        if not line:
            continue
        chunk.append(line)
        size += len(line)
        if size >= _CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@dataclass(frozen=True)
class _Blob:
    size: int
    sha256: str


def _check_blobs(
    db: Database, session: Session, incoming: Incoming, blobs: dict[str, _Blob], *, origin: str
) -> None:
    """Every blob is named by its bytes' hash and claimed by an attachment row of the sender
    (in this bundle or already held); every live attachment row has its blob."""
    claimed: set[str] = set()
    for model, rows in incoming.rows:
        if model is not Attachment:
            continue
        for values in rows:
            digest = values["sha256"]
            # The hash names a file under attachments/: hex only, or it could name any path.
            if not _SHA256.fullmatch(digest) or model_for(values["record_table"]) is None:
                raise SyncError(f"数据包中的附件记录无效：{values['id']}")
            claimed.add(digest)
            if values["deleted"]:
                continue
            blob = blobs.get(digest)
            if blob is not None and blob.size != values["size"]:
                raise SyncError(f"数据包中附件的大小与记录不符：{_name(values)}")
            if blob is None and not stored_path(db.home, digest).exists():
                raise SyncError(f"数据包缺少附件文件：{_name(values)}")
    limit = settings.get(session, settings.SYNC_ATTACHMENT_BYTES)
    unclaimed = set(blobs) - claimed
    if unclaimed:
        # A blob may also belong to a row the sender sent before (sent again with --full).
        held = session.scalars(
            select(Attachment.sha256).where(
                Attachment.owner_node == origin, Attachment.sha256.in_(sorted(unclaimed))
            )
        )
        unclaimed -= set(held)
    if unclaimed:
        raise SyncError(
            f"数据包中有不属于任何附件记录的文件（blobs/{min(unclaimed)[:12]}…），已拒绝"
        )
    for digest, blob in blobs.items():
        if blob.sha256 != digest:
            raise SyncError(f"数据包中的附件文件内容与其名称（哈希）不符：blobs/{digest[:12]}…")
        if blob.size > limit:
            raise SyncError(
                f"数据包中的附件文件超过本机的同步上限（{blob.size} 字节，上限 {limit} 字节）："
                f"blobs/{digest[:12]}…"
            )


def _name(values: dict[str, Any]) -> str:
    return str(values["file_name"])[:80]


@dataclass(frozen=True)
class _Blobs:
    """The checked blobs, still in the bundle's archive, and how to store one."""

    archive: zipfile.ZipFile
    checked: dict[str, _Blob]

    def store(self, home: Home, digest: str) -> None:
        """Content-addressed: a blob already held keeps its bytes; only a damaged copy (its
        bytes no longer hash to its name) gives way to the checked bytes."""
        target = stored_path(home, digest)
        if target.exists() and _file_sha256(target) == digest:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        with atomic_path(target) as part, part.open("wb") as out:
            for chunk in member_chunks(self.archive, f"blobs/{digest}", self.checked[digest].size):
                hasher.update(chunk)
                out.write(chunk)
            # Read twice from our own file, but a blob is stored only as it was checked.
            if hasher.hexdigest() != digest:
                raise SyncError(f"数据包中的附件文件读取前后不一致：blobs/{digest[:12]}…")


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _ack_fields(manifest: dict[str, Any]) -> tuple[int, str, int] | None:
    ack = manifest.get("ack")
    if ack is None:
        return None
    if not isinstance(ack, dict):
        raise SyncError("数据包清单字段格式错误：ack")
    return _get(ack, "through", int), _get(ack, "digest", str), _get(ack, "sequence_seen", int)


def _check_ack(session: Session, home: Home, peer: SyncPeer, manifest: dict[str, Any]) -> None:
    """An acknowledgement confirms only what this installation sent that peer: a higher
    number would skip our changes it never received, or push our numbering about. What was
    sent is the bundles on record, or the marks kept beside the keys, which a database
    restored from an older backup has not forgotten (desktop.sent_marks)."""
    fields = _ack_fields(manifest)
    if fields is None:
        return
    through, _digest, seen = fields
    sent_to, sent_sequence = session.execute(
        select(func.max(SyncBundle.change_to), func.max(SyncBundle.sequence)).where(
            SyncBundle.direction == "out", SyncBundle.peer_node == peer.node_id
        )
    ).one()
    sent_to = max(sent_to or 0, sent_through(home, peer.node_id))
    if through > sent_to:
        raise SyncError(
            f"数据包确认收到了本机从未发给对方的变更（确认到 {through}，"
            f"本机只发到 {sent_to}），已拒绝"
        )
    sent_sequence = max(sent_sequence or 0, peer.sequence_out, stored_sequence(home, peer.node_id))
    if seen > sent_sequence:
        raise SyncError(
            f"数据包确认收到了本机从未发出的数据包（序号 {seen}，"
            f"本机只发到 {sent_sequence}），已拒绝"
        )


def _apply_ack(session: Session, peer: SyncPeer, manifest: dict[str, Any], sequence: int) -> None:
    """The peer says how far it holds our changes (checked by _check_ack); a digest mismatch
    means: send all again. Nothing here moves this installation's own change counter."""
    fields = _ack_fields(manifest)
    if fields is None or sequence <= peer.ack_applied_sequence:
        return
    through, digest, seen = fields
    peer.ack_applied_sequence = sequence
    peer.acked_sequence = max(peer.acked_sequence, seen)
    if through == 0:
        peer.acked_through = 0
        return
    # Several bundles may end at the same change (a full re-send, say): any one matching will do.
    sent = session.scalars(
        select(SyncBundle.id).where(
            SyncBundle.direction == "out",
            SyncBundle.peer_node == peer.node_id,
            SyncBundle.change_to == through,
            SyncBundle.state_digest == digest,
        )
    ).first()
    peer.acked_through = through if sent is not None else 0
