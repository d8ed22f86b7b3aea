"""A township pack: the district's bundles for every room of one township in one file.

The district carries one stick to a township and each room takes its own bundle from it
(issue 14: "per room, or one file for a township's rooms on one stick"). The file is a ZIP
of stored (uncompressed) members: `pack.json`, an index naming each room's node and member,
and one ordinary bundle per room, written by the per-room export path (export_to_peer), so
numbering, acknowledgements and held-back attachments work as for a bundle sent alone.

The pack itself is neither signed nor encrypted, and nothing in its index is trusted: it
only says which member to try. The room extracts the member naming its node (bounded by the
bundle size limit) and imports it with import_bundle, whose signature, encryption and sender
checks decide. The archive is checked before any member is read: reject, never sanitise.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

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
from desktop.sync.bundle import (
    DEFAULT_LIMITS,
    Limits,
    check_directory_size,
    member_chunks,
    read_member,
)
from desktop.sync.export import ExportResult, export_to_peer
from desktop.sync.identity import require_installation
from desktop.sync.importer import ImportResult, import_bundle
from desktop.sync.refusals import record_refusal
from desktop.sync.rooms import live_peers
from desktop.sync.status import BundleFile, bundle_name_match, peer_code

PACK_SUFFIX = ".yishipack"
PACK_FORMAT = "yishi-pack"
PACK_VERSION = 1
PACK_INDEX = "pack.json"
# More rooms than any township has; the index and the directory stay small to read.
MAX_ENTRIES = 2000
MAX_INDEX_BYTES = 2 << 20
# Past this the ZIP needs ZIP64, which the reader (like the bundle reader) refuses.
MAX_PACK_BYTES = 0xFFFFFFFF - (64 << 20)

FOR_ROOMS = "这是区政协下发给议事室的街道数据包，只能在议事室导入；区政协无需导入"
NOT_A_PACK = "不是有效的街道数据包（文件不是 ZIP 压缩包，或已损坏、不完整）"
NEWER_PACK = "此街道数据包由更新版本的议事生成，请先更新议事"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# What Windows (and FAT sticks) refuse in a file name, and control characters.
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# The end record, the longest comment, the ZIP64 locator and record (as bundle.open_archive).
_TAIL = 22 + 0xFFFF + 20 + 56


class NotForThisRoom(SyncError):
    """A readable pack with no bundle for this room: nothing to do here, nothing wrong."""


# --- the index --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackEntry:
    """One room's bundle in a pack, as the (untrusted) index names it."""

    room_id: str
    node_id: str
    room: str
    file: str


@dataclass(frozen=True)
class PackIndex:
    township_id: str
    township: str
    created_at: str
    entries: tuple[PackEntry, ...]

    def entries_for(self, node_id: str) -> list[PackEntry]:
        return [entry for entry in self.entries if entry.node_id == node_id]


def is_pack(path: Path) -> bool:
    return path.suffix.lower() == PACK_SUFFIX


def _field(mapping: Any, key: str, kind: type, *, limit: int = 200) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise SyncError(f"街道数据包的目录缺少字段：{key}")
    value = mapping[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise SyncError(f"街道数据包的目录字段格式错误：{key}")
    if isinstance(value, str | list) and len(value) > limit:
        raise SyncError(f"街道数据包的目录字段过长：{key}")
    return value


def _uuid(mapping: Any, key: str) -> str:
    value: str = _field(mapping, key, str)
    if not _UUID.fullmatch(value):
        raise SyncError(f"街道数据包的目录字段格式错误：{key}")
    return value


def _parse_index(data: bytes, members: set[str]) -> PackIndex:
    try:
        index = strictjson.loads(data, max_string=10_000)
    except strictjson.StrictJSONError as exc:
        raise SyncError(f"街道数据包的目录格式错误：{exc}") from exc
    if not isinstance(index, dict) or index.get("format") != PACK_FORMAT:
        raise SyncError("这不是议事的街道数据包（目录格式不对）")
    if _field(index, "format_version", int) > PACK_VERSION:
        raise SyncError(NEWER_PACK)
    township = _field(index, "township", dict)
    entries: list[PackEntry] = []
    listed: set[str] = set()
    for raw in _field(index, "entries", list, limit=MAX_ENTRIES):
        entry = PackEntry(
            room_id=_uuid(raw, "room_id"),
            node_id=_uuid(raw, "node_id"),
            room=_field(raw, "room", str),
            file=_field(raw, "file", str),
        )
        if entry.file in listed or entry.file not in members:
            raise SyncError(f"街道数据包的目录与内容不符：{entry.file[:80]}")
        listed.add(entry.file)
        entries.append(entry)
    if listed != members:
        raise SyncError("街道数据包中有目录未列出的文件，已拒绝")
    return PackIndex(
        township_id=_uuid(township, "id"),
        township=_field(township, "name", str),
        created_at=_field(index, "created_at", str),
        entries=tuple(entries),
    )


def _check_member(info: zipfile.ZipInfo, seen: set[str], limits: Limits) -> None:
    name = info.orig_filename
    if "/" in name or "\\" in name or ".." in name or "\x00" in name:
        raise SyncError(f"街道数据包中有不允许的文件名（含路径）：{name[:80]!r}")
    if name != PACK_INDEX and not bundle_name_match(name):
        raise SyncError(f"街道数据包中有不允许的文件名：{name[:80]!r}")
    if name in seen:
        raise SyncError(f"街道数据包中有重复的文件：{name}")
    seen.add(name)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode) or stat.S_ISDIR(mode) or info.is_dir():
        raise SyncError(f"街道数据包中有链接或目录：{name}")
    if info.flag_bits & 0x1:
        raise SyncError(f"街道数据包中有加密的成员：{name}")
    # Stored as written: a compressed member could be a bomb, and is never written here.
    if info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size:
        raise SyncError(f"街道数据包中有压缩过的文件（应为原样存放）：{name}")
    limit = MAX_INDEX_BYTES if name == PACK_INDEX else limits.file_bytes
    if info.file_size > limit:
        raise SyncError(f"街道数据包中的文件过大：{name}")


def _open_pack(file: BinaryIO, limits: Limits) -> tuple[zipfile.ZipFile, PackIndex]:
    """The archive and its index, every entry checked before a member is read."""
    size = file.seek(0, os.SEEK_END)
    file.seek(max(0, size - _TAIL))
    tail = file.read()
    if b"PK\x05\x06" not in tail:
        raise SyncError(NOT_A_PACK)
    try:
        check_directory_size(tail, replace(limits, entries=MAX_ENTRIES + 1))
    except SyncError as exc:
        raise SyncError(f"街道数据包无效：{exc}") from exc
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except OSError as exc:
        raise SyncError(f"无法读取街道数据包（{os_reason(exc)}）") from exc
    except Exception as exc:
        # zipfile's own parsing of hostile bytes fails in more ways than it documents.
        raise SyncError(NOT_A_PACK) from exc
    try:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES + 1:
            raise SyncError(f"街道数据包中的文件过多（{len(infos)} 个）")
        seen: set[str] = set()
        for info in infos:
            _check_member(info, seen, limits)
        if PACK_INDEX not in seen:
            raise SyncError("街道数据包缺少目录（pack.json）")
        data = read_member(archive, PACK_INDEX, archive.getinfo(PACK_INDEX).file_size)
        return archive, _parse_index(data, seen - {PACK_INDEX})
    except BaseException:
        archive.close()
        raise


def _open_file(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise SyncError(f"无法读取街道数据包：{path}（{os_reason(exc)}）") from exc


def read_index(path: Path, limits: Limits = DEFAULT_LIMITS) -> PackIndex:
    """The index of the pack at `path`, after the checks of the whole entry list."""
    with _open_file(path) as handle:
        archive, index = _open_pack(handle, limits)
        archive.close()
    return index


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
        reason = ""
        if room.retired_on is not None:
            reason = "已停用"
        elif not peers:
            reason = "尚未登记"
        elif peers[0].signing_key is None or peers[0].age_recipient is None:
            reason = "还没有发来第一个数据包，暂时不能发给它"
        if reason:
            skipped.append(SkippedRoom(room.code or "", room.name, reason))
        else:
            ready.append((room, peers[0]))
    return ready, skipped


def township_choices(db: Database) -> list[TownshipChoice]:
    """District: every township with rooms, and how many of them a pack would reach."""
    with db.session() as session:
        choices = []
        towns = session.scalars(
            select(Township).where(Township.deleted.is_(False)).order_by(Township.name)
        ).all()
        for town in towns:
            ready, skipped = _township_rooms(session, town)
            if ready or skipped:
                choices.append(
                    TownshipChoice(town.id, town.name, len(ready), len(ready) + len(skipped))
                )
        return choices


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
                        "file": item.bundle.path.name,
                    }
                    for (room, peer), item in zip(ready, packed, strict=True)
                ],
            }
            path = to_dir / pack_file_name(town.name, clock.today())
            _write_pack(path, strictjson.dumps(index), [item.bundle.path for item in packed])
        name = town.name
    return PackResult(
        path=path, township=name, full=full, rooms=tuple(packed), skipped=tuple(skipped)
    )


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_pack(path: Path, index: bytes, bundles: list[Path]) -> None:
    """Written atomically, then every member read back from the stick and compared."""
    sizes = {bundle.name: bundle.stat().st_size for bundle in bundles}
    if sum(sizes.values()) + len(index) > MAX_PACK_BYTES:
        raise SyncError("街道数据包将超过 4 GB，请按议事室分别导出")
    digests = {bundle.name: _file_sha256(bundle) for bundle in bundles}
    moment = clock.now().timetuple()[:6]
    try:
        with atomic_path(path) as part, zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as out:
            for name, source in [(PACK_INDEX, None), *((b.name, b) for b in bundles)]:
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
            archive, _index = _open_pack(handle, DEFAULT_LIMITS)
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
        result = import_bundle(db, bundle, limits=limits, escrow_key=escrow_key)
    return replace(result, path=path)


def _extract_for(path: Path, me: str, staging: Path, limits: Limits) -> Path:
    """This room's member, copied into `staging` under its own (checked) name."""
    with _open_file(path) as handle:
        archive, index = _open_pack(handle, limits)
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
) -> ImportResult:
    """A bundle, or a township pack by its suffix: what the import button and command take."""
    if is_pack(path):
        return import_pack(db, path, limits=limits, escrow_key=escrow_key)
    return import_bundle(db, path, limits=limits, escrow_key=escrow_key)


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
