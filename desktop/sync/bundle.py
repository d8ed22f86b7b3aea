"""The bundle file: a signed manifest and members in a ZIP, age-encrypted; every check on read."""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import pyrage

from desktop.errors import os_reason
from desktop.files import write_atomically
from desktop.sync import SyncError, strictjson

FORMAT = "yishi-bundle"
FORMAT_VERSION = 1
# The oldest reader that understands what this version writes.
MIN_READER_VERSION = 1
FEATURES = frozenset({"records-ndjson", "blobs-sha256", "acks-digest"})
SUFFIX = ".yishi"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
_ALLOWED = re.compile(
    r"(?:manifest\.json|manifest\.sig|records/[a-z_]{1,50}\.ndjson|blobs/[0-9a-f]{64})"
)


@dataclass(frozen=True)
class Limits:
    """What an import accepts at most; tests shrink them to prove each refusal."""

    file_bytes: int = 1 << 30
    entries: int = 20_000
    member_bytes: int = 256 << 20
    total_bytes: int = 2 << 30
    ratio: int = 200
    line_bytes: int = 4 << 20
    # A bundle is sealed to its peer and the escrow key; a few more are tolerated, not the
    # thousands that would make the age library try every one of them before any check.
    recipient_stanzas: int = 8
    header_bytes: int = 16 << 10


DEFAULT_LIMITS = Limits()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Characters no stick takes in a file name (Windows' reserved ones, controls) and the dot,
# which would let a name read as a path or another suffix.
UNSAFE_NAME = re.compile(r'[<>:"/\\|?*.\x00-\x1f\x7f]')
LABEL_LENGTH = 40


def bundle_file_name(label: str, day: date, *, sender: str, recipient: str, sequence: int) -> str:
    """和平桥社区协商议事室_2026-12-05_R0001_D1A2B_000003.yishi: the room and the day for the
    secretary; sender, recipient and number so the listing on a stick knows it unopened."""
    safe = UNSAFE_NAME.sub("_", label).strip()[:LABEL_LENGTH].strip() or "议事"
    return f"{safe}_{day:%Y-%m-%d}_{sender}_{recipient}_{sequence:06d}{SUFFIX}"


@dataclass
class Contents:
    """A bundle's members before encryption: manifest fields and named member bytes."""

    manifest: dict[str, Any]
    members: dict[str, bytes] = field(default_factory=dict)


def seal(
    contents: Contents, *, sign: Any, recipients: list[pyrage.x25519.Recipient]
) -> tuple[bytes, bytes]:
    """Manifest (with every member's size and hash), its signature, ZIP, then age encryption.

    Returns the encrypted file and the signed manifest bytes.
    """
    manifest = dict(contents.manifest)
    manifest["members"] = [
        {"name": name, "size": len(data), "sha256": sha256(data)}
        for name, data in sorted(contents.members.items())
    ]
    manifest_bytes = strictjson.dumps(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, sign(manifest_bytes))
        for name, data in sorted(contents.members.items()):
            archive.writestr(name, data)
    return pyrage.encrypt(buffer.getvalue(), recipients), manifest_bytes


def write_verified(path: Path, data: bytes) -> None:
    """Written atomically, then read back and compared (sticks lie about their capacity)."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise SyncError(f"写入文件失败：{path}（{os_reason(exc)}）") from exc
    if sha256(path.read_bytes()) != sha256(data):
        path.unlink(missing_ok=True)
        raise SyncError(f"写入后读回的内容不一致，U 盘可能有问题：{path}")


_AGE_MAGIC = b"age-encryption.org/v1\n"


def check_age_header(data: bytes, limits: Limits) -> None:
    """Count the recipient stanzas of the age header ourselves (text lines before `---`),
    so a header with thousands of them is refused before pyrage reads it."""
    if not data.startswith(_AGE_MAGIC):
        raise SyncError("数据包不是议事的加密数据包（文件头不正确）")
    end = data.find(b"\n---", 0, limits.header_bytes)
    stanzas = data.count(b"\n-> ", 0, limits.header_bytes if end < 0 else end + 1)
    if stanzas > limits.recipient_stanzas:
        more = "以上" if end < 0 else ""
        raise SyncError(f"数据包的收件人过多（{stanzas} 个{more}），已拒绝")
    if end < 0:
        raise SyncError("数据包的加密文件头过长或不完整，已拒绝")


def decrypt_to(path: Path, identity: pyrage.x25519.Identity, limits: Limits, out: BinaryIO) -> None:
    """The bundle's plaintext (a ZIP) streamed into `out`, so memory stays a few buffers
    whatever the file's size. Trouble writing `out` (a full disk) stays an OSError."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SyncError(f"无法读取数据包：{path}（{os_reason(exc)}）") from exc
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            header = handle.read(limits.header_bytes)
            handle.seek(0)
        except OSError as exc:
            raise SyncError(f"无法读取数据包：{path}（{os_reason(exc)}）") from exc
        if size > limits.file_bytes:
            raise SyncError("数据包过大，已拒绝")
        check_age_header(header, limits)
        writer = _Writer(out)
        try:
            pyrage.decrypt_io(handle, writer, [identity])
        except pyrage.DecryptError as exc:
            raise SyncError(DAMAGED) from exc
        except OSError as exc:
            # age reports a damaged payload as an OSError without a number; a failing write
            # is this computer's trouble, a failing read the bundle's medium.
            if writer.failed:
                raise
            if exc.errno is None:
                raise SyncError(DAMAGED) from exc
            raise SyncError(f"无法读取数据包：{path}（{os_reason(exc)}）") from exc


DAMAGED = "数据包已损坏、不完整，或不是发给本单位的"


class _Writer(io.BufferedIOBase):
    """`out` for pyrage, noting whether a write failed."""

    def __init__(self, out: BinaryIO) -> None:
        super().__init__()
        self._out = out
        self.failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        try:
            return self._out.write(data)
        except OSError:
            self.failed = True
            raise


@dataclass(frozen=True)
class Opened:
    """A decrypted bundle whose entry list passed every check; members not read yet."""

    archive: zipfile.ZipFile
    manifest_bytes: bytes
    signature: bytes
    manifest: dict[str, Any]


_EOCD = struct.Struct("<4s4H2LH")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR_SIZE = 20
# A directory entry: 46 fixed bytes, a name of at most 71 (blobs/<sha256>) and room for the
# extra fields some ZIP writers add.
_MAX_DIRECTORY_ENTRY = 46 + 71 + 139


def check_directory_size(data: bytes, limits: Limits) -> None:
    """Read the end-of-central-directory record ourselves, so a ZIP claiming a million
    entries is refused before zipfile builds an object for each. ZIP64 is never needed for a
    bundle within the limits, so it is refused too (naming the count its end record gives)."""
    start = data.rfind(b"PK\x05\x06", max(0, len(data) - _EOCD.size - 0xFFFF))
    if start < 0 or start + _EOCD.size > len(data):
        raise SyncError("数据包内容不是有效的压缩包")
    _sig, _disk, _cd_disk, _here, entries, cd_size, _cd_offset, _comment = _EOCD.unpack_from(
        data, start
    )
    zip64 = start >= _LOCATOR_SIZE and data[start - _LOCATOR_SIZE : start - 16] == b"PK\x06\x07"
    if zip64:
        total = _zip64_entries(data, start)
        if total is not None and total > limits.entries:
            raise SyncError(f"数据包中的文件过多（{total} 个）")
        if total is not None:
            raise SyncError("数据包使用了不支持的 ZIP64 格式")
        # A locator without its record: a forged directory, whatever count it claims.
        raise SyncError("数据包中的文件过多")
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
        raise SyncError("数据包中的文件过多")
    if entries > limits.entries:
        raise SyncError(f"数据包中的文件过多（{entries} 个）")
    # zipfile parses as many entries as the directory holds, whatever count the end record
    # gives: a directory longer than that count allows is refused before it is parsed.
    if cd_size > max(entries, 1) * _MAX_DIRECTORY_ENTRY:
        raise SyncError(f"数据包目录与其记录的文件数（{entries} 个）不符")


def _zip64_entries(data: bytes, end: int) -> int | None:
    """The entry count of the ZIP64 end record where zipfile looks for it (right before the
    locator that precedes the end record), or None when no such record is there."""
    record = end - _LOCATOR_SIZE - _EOCD64.size
    if record < 0 or data[record : record + 4] != b"PK\x06\x06":
        return None
    fields = _EOCD64.unpack_from(data, record)
    return max(int(fields[6]), int(fields[7]))


# The end record, a comment of the longest length, and the ZIP64 locator and record before.
_TAIL = _EOCD.size + 0xFFFF + _LOCATOR_SIZE + _EOCD64.size


def open_archive(file: BinaryIO, limits: Limits) -> zipfile.ZipFile:
    """The ZIP's entry list checked before any member is read: reject, never sanitise."""
    size = file.seek(0, os.SEEK_END)
    file.seek(max(0, size - _TAIL))
    check_directory_size(file.read(), limits)
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SyncError("数据包内容不是有效的压缩包") from exc
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise SyncError(f"数据包中的文件过多（{len(infos)} 个）")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.orig_filename
        if not _ALLOWED.fullmatch(name):
            raise SyncError(f"数据包中有不允许的文件名：{name[:80]!r}")
        if name in seen:
            raise SyncError(f"数据包中有重复的文件：{name}")
        seen.add(name)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode) or stat.S_ISDIR(mode) or info.is_dir():
            raise SyncError(f"数据包中有链接或目录：{name}")
        if info.flag_bits & 0x1:
            raise SyncError(f"数据包中有加密的成员：{name}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SyncError(f"数据包中有不支持的压缩方式：{name}")
        if info.file_size > limits.member_bytes:
            raise SyncError(f"数据包中的文件过大：{name}")
        if info.file_size > max(info.compress_size, 1) * limits.ratio:
            raise SyncError(f"数据包中的文件压缩比异常（疑似压缩炸弹）：{name}")
        total += info.file_size
        if total > limits.total_bytes:
            raise SyncError("数据包解压后过大")
    if MANIFEST not in seen or SIGNATURE not in seen:
        raise SyncError("数据包缺少清单或签名")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    """One member, reading at most its claimed size + 1 bytes (sizes may lie)."""
    try:
        with archive.open(name) as handle:
            data = handle.read(size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SyncError(f"数据包中的文件已损坏：{name}") from exc
    if len(data) != size:
        raise SyncError(f"数据包中的文件大小与清单不符：{name}")
    return data


_CHUNK = 1 << 20


def member_chunks(archive: zipfile.ZipFile, name: str, size: int) -> Iterator[bytes]:
    """A member's bytes a piece at a time, refused as soon as they outrun its claimed size
    (sizes may lie) and at the end when they fall short of it."""
    total = 0
    try:
        with archive.open(name) as handle:
            while chunk := handle.read(_CHUNK):
                total += len(chunk)
                if total > size:
                    break
                yield chunk
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SyncError(f"数据包中的文件已损坏：{name}") from exc
    if total != size:
        raise SyncError(f"数据包中的文件大小与清单不符：{name}")


def member_sha256(archive: zipfile.ZipFile, name: str, size: int) -> str:
    hasher = hashlib.sha256()
    for chunk in member_chunks(archive, name, size):
        hasher.update(chunk)
    return hasher.hexdigest()


def member_lines(
    archive: zipfile.ZipFile, name: str, size: int, digest: str, limits: Limits
) -> Iterator[bytes]:
    """A records member a line at a time (without its newline), never more than one line
    held; its size and hash are checked when the last line has been read."""
    hasher = hashlib.sha256()
    pending = b""
    for chunk in member_chunks(archive, name, size):
        hasher.update(chunk)
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield _line(line, name, limits)
        _line(pending, name, limits)
    if pending:
        yield pending
    if hasher.hexdigest() != digest:
        raise SyncError(f"数据包中的文件校验失败：{name}")


def _line(line: bytes, name: str, limits: Limits) -> bytes:
    if len(line) > limits.line_bytes:
        raise SyncError(f"数据包中的记录过长：{name}")
    return line


def open_bundle(file: BinaryIO, limits: Limits) -> Opened:
    """The decrypted ZIP in `file` (kept open by the caller while members are read)."""
    archive = open_archive(file, limits)
    manifest_info = archive.getinfo(MANIFEST)
    if manifest_info.file_size > 4 << 20:
        raise SyncError("数据包清单过大")
    manifest_bytes = read_member(archive, MANIFEST, manifest_info.file_size)
    signature = read_member(archive, SIGNATURE, archive.getinfo(SIGNATURE).file_size)
    try:
        manifest = strictjson.loads(manifest_bytes, max_string=10_000)
    except strictjson.StrictJSONError as exc:
        raise SyncError(f"数据包清单格式错误：{exc}") from exc
    if not isinstance(manifest, dict):
        raise SyncError("数据包清单格式错误")
    return Opened(
        archive=archive, manifest_bytes=manifest_bytes, signature=signature, manifest=manifest
    )
