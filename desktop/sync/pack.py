"""A township pack: the district's bundles for every room of one township in one file.

The district carries one stick to a township and each room takes its own bundle from it
(issue 14: "per room, or one file for a township's rooms on one stick"). The file is a ZIP
of stored (uncompressed) members: `pack.json`, an index naming each room's node and member,
and one ordinary bundle per room, written by the per-room export path (export_to_peer), so
numbering, acknowledgements and held-back attachments work as for a bundle sent alone.

The file format, its checks and the names of the bundles inside are desktop.sync.pack_format.

The pack itself is neither signed nor encrypted, and nothing in its index is trusted: it
only says which member to try. The room extracts the member naming its node (bounded by the
bundle size limit) and imports it with import_bundle, whose signature, encryption and sender
checks decide. The archive is checked before any member is read: reject, never sanitise.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.errors import UserError, os_reason
from desktop.files import atomic_path
from desktop.models import Installation, Room, SyncBundle, SyncPeer, Township
from desktop.models.enums import NodeRole
from desktop.rules.rooms import is_room
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import DEFAULT_LIMITS, Limits, member_chunks, read_member
from desktop.sync.export import ExportResult, export_to_peer
from desktop.sync.identity import require_installation, short_code
from desktop.sync.importer import ImportBatch, ImportResult, import_bundle
from desktop.sync.pack_format import (
    MAX_PACK_BYTES,
    PACK_FORMAT,
    PACK_INDEX,
    PACK_SUFFIX,
    PACK_VERSION,
    is_pack,
    open_pack,
    open_pack_file,
    pack_member_name,
    read_index,
)
from desktop.sync.refusals import record_refusal
from desktop.sync.rooms import live_peers
from desktop.sync.status import BundleFile, bundle_name_match, peer_code

FOR_ROOMS = "这是区政协下发给议事室的街道数据包，只能在议事室导入；区政协无需导入"
# What Windows (and FAT sticks) refuse in a file name, and control characters.
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


class NotForThisRoom(SyncError):
    """A readable pack with no bundle for this room: nothing to do here, nothing wrong."""


# --- the district writes ----------------------------------------------------------------------


@dataclass(frozen=True)
class PackedRoom:
    code: str
    name: str
    bundle: ExportResult


@dataclass(frozen=True)
class SkippedRoom:
    code: str
    name: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.code} {self.name}：{self.reason}".strip()


@dataclass(frozen=True)
class PackResult:
    """A pack written: where, for which township, each room's bundle, and the rooms left out."""

    path: Path
    township: str
    full: bool
    rooms: tuple[PackedRoom, ...]
    skipped: tuple[SkippedRoom, ...]


@dataclass(frozen=True)
class TownshipChoice:
    """A township to offer for a pack, and how many of its rooms a pack would reach."""

    township_id: str
    name: str
    ready: int
    rooms: int


def find_township(session: Session, text: str) -> Township:
    """A township by its id or its name."""
    text = text.strip()
    if not text:
        raise SyncError("请指定镇（街道）的名称或编号")
    found = session.scalars(
        select(Township).where(
            Township.deleted.is_(False), or_(Township.id == text, Township.name == text)
        )
    ).all()
    if len(found) == 1:
        return found[0]
    if found:
        raise SyncError(f"有多个名为“{text}”的镇（街道），请用编号指定")
    names = session.scalars(
        select(Township.name).where(Township.deleted.is_(False)).order_by(Township.name).limit(20)
    ).all()
    known = f"（已有：{'、'.join(names)}）" if names else "（还没有任何镇（街道））"
    raise SyncError(f"找不到镇（街道）：{text}{known}")


def _township_rooms(
    session: Session, township: Township
) -> tuple[list[tuple[Room, SyncPeer]], list[SkippedRoom]]:
    """The rooms a pack reaches, with their peers, and the others with the reason.

    The office hosts are not rooms (desktop.rules.rooms): never sent to, so never named."""
    rooms = session.scalars(
        select(Room)
        .where(Room.township_id == township.id, Room.deleted.is_(False), is_room())
        .order_by(Room.code, Room.name)
    ).all()
    ready: list[tuple[Room, SyncPeer]] = []
    skipped: list[SkippedRoom] = []
    for room in rooms:
        peers = live_peers(session, room.id)
        if reason := _left_out(room, peers):
            skipped.append(SkippedRoom(room.code or "", room.name, reason))
        else:
            ready.append((room, peers[0]))
    return ready, skipped


def _left_out(room: Room, peers: list[SyncPeer]) -> str:
    """Why a pack cannot reach the room with these live peers; "" when it can."""
    if room.retired_on is not None:
        return "已停用"
    if not peers:
        return "尚未登记"
    if peers[0].signing_key is None or peers[0].age_recipient is None:
        return "还没有发来第一个数据包，暂时不能发给它"
    return ""


def township_choices(db: Database) -> list[TownshipChoice]:
    """District: every township with rooms, and how many of them a pack would reach.

    Three queries for the whole district, not one per room: the sync page asks at each
    refresh, and a district of 315 rooms took a quarter of a second room by room."""
    with db.session() as session:
        towns = session.scalars(
            select(Township).where(Township.deleted.is_(False)).order_by(Township.name)
        ).all()
        rooms = session.scalars(select(Room).where(Room.deleted.is_(False), is_room())).all()
        # As live_peers, for every room at once.
        peers: dict[str, list[SyncPeer]] = {}
        for peer in session.scalars(
            select(SyncPeer).where(SyncPeer.role == "room", SyncPeer.revoked_at.is_(None))
        ):
            peers.setdefault(peer.room_id or "", []).append(peer)
        counts: dict[str, tuple[int, int]] = {}
        for room in rooms:
            if room.township_id is None:
                continue
            ready, total = counts.get(room.township_id, (0, 0))
            reached = not _left_out(room, peers.get(room.id, []))
            counts[room.township_id] = (ready + reached, total + 1)
        return [
            TownshipChoice(town.id, town.name, *counts[town.id])
            for town in towns
            if town.id in counts
        ]


def pack_file_name(township: str, day: date) -> str:
    """和平桥街道_下发_20261205.yishipack: the township's name made safe for any stick."""
    safe = _UNSAFE_NAME.sub("_", township).strip(" .")[:60] or "街道"
    return f"{safe}_下发_{day:%Y%m%d}{PACK_SUFFIX}"


def export_pack(db: Database, *, to_dir: Path, township: str, full: bool = False) -> PackResult:
    """District: one bundle for each enrolled room of the township, in one file in `to_dir`.

    Every bundle is recorded as sent in one transaction with the others, after the pack was
    written and read back: a pack that fails to write leaves no room's bundle on record."""
    if not to_dir.is_dir():
        raise SyncError(f"目标文件夹不存在：{to_dir}")
    with db.session() as session:
        installation = require_installation(session)
        if installation.role is not NodeRole.DISTRICT:
            raise SyncError("只有区政协才能按镇（街道）导出下发数据包")
        town = find_township(session, township)
        ready, skipped = _township_rooms(session, town)
        if not ready:
            reasons = "；".join(s.message for s in skipped) or "该镇（街道）还没有议事室"
            raise SyncError(f"{town.name}没有可以下发的议事室（{reasons}）")
        packed: list[PackedRoom] = []
        sender = short_code(session, installation)
        # The bundles wait beside the database, not on the stick: a stick has room for the
        # pack, not necessarily for the pack and its parts.
        with tempfile.TemporaryDirectory(dir=db.home.root, prefix="yishi-pack-") as staging:
            for room, peer in ready:
                bundle = export_to_peer(
                    db,
                    session,
                    installation=installation,
                    peer=peer,
                    to_dir=Path(staging),
                    full=full,
                )
                packed.append(PackedRoom(room.code or "", room.name, bundle))
            members = {
                pack_member_name(sender, item.bundle.sequence, item.bundle.bundle_id): (
                    item.bundle.path
                )
                for item in packed
            }
            index = {
                "format": PACK_FORMAT,
                "format_version": PACK_VERSION,
                "township": {"id": town.id, "name": town.name},
                "created_at": clock.utcnow().isoformat(),
                "entries": [
                    {
                        "room_id": room.id,
                        "node_id": peer.node_id,
                        "room": room.name,
                        "file": name,
                    }
                    for (room, peer), name in zip(ready, members, strict=True)
                ],
            }
            path = to_dir / pack_file_name(town.name, clock.today())
            _write_pack(path, strictjson.dumps(index), members)
        name = town.name
    return PackResult(
        path=path, township=name, full=full, rooms=tuple(packed), skipped=tuple(skipped)
    )


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_pack(path: Path, index: bytes, members: dict[str, Path]) -> None:
    """Written atomically, then every member read back from the stick and compared.

    `members` maps each member's name in the pack to the bundle file it holds."""
    sizes = {name: bundle.stat().st_size for name, bundle in members.items()}
    if sum(sizes.values()) + len(index) > MAX_PACK_BYTES:
        raise SyncError("街道数据包将超过 4 GB，请按议事室分别导出")
    digests = {name: _file_sha256(bundle) for name, bundle in members.items()}
    moment = clock.now().timetuple()[:6]
    try:
        with atomic_path(path) as part, zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as out:
            for name, source in [(PACK_INDEX, None), *members.items()]:
                info = zipfile.ZipInfo(name, date_time=moment)
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.file_size = len(index) if source is None else sizes[name]
                with out.open(info, "w") as member:
                    if source is None:
                        member.write(index)
                    else:
                        with source.open("rb") as handle:
                            shutil.copyfileobj(handle, member, 1 << 20)
    except OSError as exc:
        raise SyncError(f"写入文件失败：{path}（{os_reason(exc)}）") from exc
    try:
        with path.open("rb") as handle:
            archive, _index = open_pack(handle, DEFAULT_LIMITS)
            with archive:
                same = read_member(archive, PACK_INDEX, len(index)) == index and all(
                    _member_sha256(archive, name, size) == digests[name]
                    for name, size in sizes.items()
                )
    except (SyncError, OSError):
        same = False
    if not same:
        path.unlink(missing_ok=True)
        raise SyncError(f"写入后读回的内容不一致，U 盘可能有问题：{path}")


def _member_sha256(archive: zipfile.ZipFile, name: str, size: int) -> str:
    hasher = hashlib.sha256()
    for chunk in member_chunks(archive, name, size):
        hasher.update(chunk)
    return hasher.hexdigest()


# --- a room reads -----------------------------------------------------------------------------


def import_pack(
    db: Database,
    path: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    escrow_key: Path | None = None,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """Room: import this room's bundle from the pack with import_bundle, or refuse.

    The pack's own refusals are logged beside the database like a bundle's; a pack with no
    bundle for this room (NotForThisRoom) is not a refusal and is not logged."""
    with db.session() as session:
        installation = require_installation(session)
        me, role = installation.node_id, installation.role
    if role is NodeRole.DISTRICT:
        raise SyncError(FOR_ROOMS)
    with tempfile.TemporaryDirectory(dir=db.home.root, prefix="yishi-pack-") as staging:
        try:
            bundle = _extract_for(path, me, Path(staging), limits)
        except NotForThisRoom:
            raise
        except UserError as error:
            record_refusal(db.home, path=path, reason=str(error))
            raise
        except OSError:
            raise  # this computer's trouble (a full disk), not the pack's: the caller says so
        except Exception as exc:
            # As import_bundle: whatever a file holds, it is refused by itself.
            reason = f"街道数据包无法导入（{type(exc).__name__}），未导入任何内容"
            record_refusal(db.home, path=path, reason=reason)
            raise SyncError(reason) from exc
        result = import_bundle(db, bundle, limits=limits, escrow_key=escrow_key, batch=batch)
    return replace(result, path=path)


def _extract_for(path: Path, me: str, staging: Path, limits: Limits) -> Path:
    """This room's member, copied into `staging` under its own (checked) name."""
    with open_pack_file(path) as handle:
        archive, index = open_pack(handle, limits)
        with archive:
            mine = index.entries_for(me)
            if not mine:
                raise NotForThisRoom(
                    f"此文件中没有发给本议事室的数据包（这是{index.township[:50]}"
                    "其他议事室的下发数据包），未做任何更改"
                )
            if len(mine) > 1:
                raise SyncError("街道数据包中有多个发给本议事室的数据包，已拒绝")
            name = mine[0].file
            target = staging / name
            size = archive.getinfo(name).file_size
            with target.open("wb") as out:
                for chunk in member_chunks(archive, name, size):
                    out.write(chunk)
    return target


def import_file(
    db: Database,
    path: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    escrow_key: Path | None = None,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """A bundle, or a township pack by its suffix: what the import button and command take;
    `batch` names the files imported with it (desktop.sync.importer.ImportBatch)."""
    if is_pack(path):
        return import_pack(db, path, limits=limits, escrow_key=escrow_key, batch=batch)
    return import_bundle(db, path, limits=limits, escrow_key=escrow_key, batch=batch)


def folder_packs(db: Database, folder: Path) -> list[BundleFile]:
    """Room: the packs directly in `folder`, for us when the index names this room's node.

    A pack that cannot be read is listed as for us, so importing it says why (as a damaged
    bundle with our peer's name does). A district lists none: it never imports a pack."""
    with db.session() as session:
        installation = session.get(Installation, 1)
        if installation is None or installation.role is not NodeRole.ROOM:
            return []
        me = installation.node_id
        districts = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).all()
        known = {peer_code(p): p.name for p in districts}
        node_of = {peer_code(p): p.node_id for p in districts}
        done_rows = session.execute(
            select(SyncBundle.bundle_id, SyncBundle.peer_node, SyncBundle.sequence).where(
                SyncBundle.direction == "in"
            )
        ).all()
        done = {row.bundle_id for row in done_rows}
        done_numbers = {(row.peer_node, row.sequence) for row in done_rows}
    try:
        paths = sorted(p for p in folder.iterdir() if is_pack(p) and p.is_file())
    except OSError:
        return []
    found = []
    for path in paths:
        try:
            index = read_index(path)
        except Exception:
            # Whatever the file holds, the listing goes on; importing it says what is wrong.
            found.append(BundleFile(path, "", 0, "", "", True, False, township=""))
            continue
        mine = index.entries_for(me)
        match = bundle_name_match(mine[0].file) if mine else None
        if match is None:
            found.append(BundleFile(path, "", 0, "", "", False, False, township=index.township))
            continue
        # Packs of earlier versions name their bundles by id; newer ones by sender and number.
        bundle_id = match.groupdict().get("bundle_id") or ""
        code, sequence = match["code"], int(match["sequence"])
        found.append(
            BundleFile(
                path=path,
                code=code,
                sequence=sequence,
                bundle_id=bundle_id,
                sender=known.get(code, ""),
                for_us=True,
                imported=bundle_id in done
                if bundle_id
                else (node_of.get(code), sequence) in done_numbers,
                township=index.township,
            )
        )
    return found
