"""The township pack's file format: a ZIP of stored members, `pack.json` (the index) and one
bundle per room; every entry is checked before any member is read (reject, never sanitise).

Inside a pack each bundle keeps the name every version reads, <sender code>_<number>_<bundle
id>.yishi (pack_member_name), not the dated name a bundle on its own gets: rooms upgrade
when they can, and a room still at an older Yishi refuses a whole pack holding any other
name. The secretary sees the pack's own name (township and day); a reader takes both forms,
as packs written by the version that used dated names are still on sticks.

Writing packs and importing from them is desktop.sync.pack.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from desktop.errors import os_reason
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import (
    DEFAULT_LIMITS,
    SUFFIX,
    Limits,
    check_directory_size,
    read_member,
)
from desktop.sync.status import bundle_name_match

PACK_SUFFIX = ".yishipack"
PACK_FORMAT = "yishi-pack"
PACK_VERSION = 1
PACK_INDEX = "pack.json"
# More rooms than any township has; the index and the directory stay small to read.
MAX_ENTRIES = 2000
MAX_INDEX_BYTES = 2 << 20
# Past this the ZIP needs ZIP64, which the reader (like the bundle reader) refuses.
MAX_PACK_BYTES = 0xFFFFFFFF - (64 << 20)

NOT_A_PACK = "不是有效的街道数据包（文件不是 ZIP 压缩包，或已损坏、不完整）"
NEWER_PACK = "此街道数据包由更新版本的议事生成，请先更新议事"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The end record, the longest comment, the ZIP64 locator and record (as bundle.open_archive).
_TAIL = 22 + 0xFFFF + 20 + 56


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


def open_pack(file: BinaryIO, limits: Limits) -> tuple[zipfile.ZipFile, PackIndex]:
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


def open_pack_file(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise SyncError(f"无法读取街道数据包：{path}（{os_reason(exc)}）") from exc


def read_index(path: Path, limits: Limits = DEFAULT_LIMITS) -> PackIndex:
    """The index of the pack at `path`, after the checks of the whole entry list."""
    with open_pack_file(path) as handle:
        archive, index = open_pack(handle, limits)
        archive.close()
    return index


def pack_member_name(sender: str, sequence: int, bundle_id: str) -> str:
    """A bundle's name inside a pack: the form every version's pack reader accepts."""
    return f"{sender}_{sequence:06d}_{bundle_id}{SUFFIX}"
