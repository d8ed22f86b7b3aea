"""The issue's hostile cases at full size: a million real ZIP entries, a 100 MB JSON string.

test_hostile.py forges or scales these down to stay fast; here they are built for real, so
the guards are shown to hold (and to hold early) against what an attacker would really send.
Each refusal leaves the district's database byte-identical.
"""

from __future__ import annotations

import base64
import io
import os
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest

from desktop.db import Database, open_database
from desktop.paths import Home
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import DEFAULT_LIMITS, Contents, Limits
from desktop.sync.importer import import_bundle
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic
from tests.sync.test_hostile import _craft, _district_recipient

# The database file must stay byte for byte as it was: a SQLite district's.
pytestmark = pytest.mark.sqlite_only

MILLION = 1_000_000
STRING_CHARS = 100 * 1024 * 1024

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR = struct.Struct("<4sLQL")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = (2026 - 1980) << 9 | 11 << 5 | 29
_MADE_BY_UNIX = 3 << 8 | 45
_UNIX_FILE = 0o100644 << 16


def _stored_zip(entries: Iterable[tuple[bytes, bytes]], *, zip64: bool = False) -> bytes:
    """A genuine ZIP of stored members, written without zipfile's object per entry.

    The layout zipfile.ZipFile writes: local headers, the central directory, and, when the
    count does not fit in 16 bits, a ZIP64 end record and locator before the end record
    (whose count then reads 0xFFFF); `zip64` writes them for any count, as some tools do.
    Offsets and sizes here stay below 4 GiB.
    """
    out = bytearray()
    central = bytearray()
    count = 0
    for name, data in entries:
        size = len(data)
        # Version needed, flags, method, time, date, CRC, sizes, name length: in both headers.
        common = (20, 0, zipfile.ZIP_STORED, 0, _DOS_DATE, zlib.crc32(data), size, size, len(name))
        # Then extra and comment lengths, disk, internal and external attributes, offset.
        central += _CENTRAL.pack(
            b"PK\x01\x02", _MADE_BY_UNIX, *common, 0, 0, 0, 0, _UNIX_FILE, len(out)
        )
        central += name
        out += _LOCAL.pack(b"PK\x03\x04", *common, 0)
        out += name
        out += data
        count += 1
    cd_offset, cd_size = len(out), len(central)
    assert cd_offset + cd_size < 0xFFFFFFFF, "offsets would need ZIP64 extra fields"
    out += central
    del central
    if zip64 or count > 0xFFFF:
        end64 = len(out)
        out += _END64.pack(
            b"PK\x06\x06",
            _END64.size - 12,
            _MADE_BY_UNIX,
            45,
            0,
            0,
            count,
            count,
            cd_size,
            cd_offset,
        )
        out += _LOCATOR.pack(b"PK\x06\x07", 0, end64, 1)
    short = 0xFFFF if zip64 else min(count, 0xFFFF)
    out += _END.pack(b"PK\x05\x06", 0, 0, short, short, cd_size, cd_offset, 0)
    return bytes(out)


def _bundle_like_entries(count: int) -> Iterator[tuple[bytes, bytes]]:
    """A manifest, its signature and blobs: every name one a bundle may hold."""
    yield b"manifest.json", b"{}"
    yield b"manifest.sig", b""
    for n in range(count - 2):
        yield b"blobs/%064x" % n, b""


def _database_files(home: Home) -> dict[str, bytes]:
    files = {}
    for path in (home.database, home.database.with_name(home.database.name + "-wal")):
        if path.exists():
            files[path.name] = path.read_bytes()
    return files


def _refused_byte_identical(home: Home, path: Path, words: str, limits: Limits) -> str:
    """Import into a freshly opened database; the refusal names the problem, the files stay."""
    before = _database_files(home)
    assert before, "no database file to compare"
    db = open_database(home)
    try:
        with pytest.raises(SyncError, match=words) as refusal:
            import_bundle(db, path, limits=limits)
    finally:
        db.close()
    assert _database_files(home) == before
    assert list(home.backups.glob("*.sqlite")) == []
    return str(refusal.value)


@pytest.fixture
def room(enrol: EnrolRoom) -> Database:
    db = enrol("和平桥社区")
    add_topic(db, "路灯不亮")
    return db


def test_the_archive_writer_makes_zip64_archives_that_zipfile_reads() -> None:
    """The hand-written archive is genuine: zipfile reads ZIP64 with more than 0xFFFF entries."""
    count = 0xFFFF + 100
    raw = _stored_zip(_bundle_like_entries(count))
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        infos = archive.infolist()
        assert len(infos) == count
        assert archive.testzip() is None
        assert archive.read("manifest.json") == b"{}"
        assert infos[-1].filename == f"blobs/{count - 3:064x}"
        # manifest.json (30 + 13 + 2 bytes), manifest.sig (30 + 12), then 100 bytes a blob.
        assert infos[-1].header_offset == 45 + 42 + (count - 3) * 100


def test_a_real_million_entry_zip_is_refused_from_its_end_record(
    district: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = time.perf_counter()
    raw = _stored_zip(_bundle_like_entries(MILLION))
    path = tmp_path / "million.yishi"
    path.write_bytes(pyrage.encrypt(raw, [_district_recipient(district)]))
    built = time.perf_counter() - started
    # 1M central-directory entries, each named like a blob: well over 100 MB in the ZIP.
    assert raw.count(b"PK\x01\x02") == MILLION
    assert len(raw) > 200 << 20
    del raw
    home = district.home
    district.close()

    # zipfile must not get to parse (and build a million objects for) the directory.
    def no_zipfile(*args: Any, **kwargs: Any) -> zipfile.ZipFile:
        raise AssertionError("zipfile parsed the central directory before the count was checked")

    monkeypatch.setattr(zipfile, "ZipFile", no_zipfile)
    started = time.perf_counter()
    message = _refused_byte_identical(home, path, "文件过多", DEFAULT_LIMITS)
    refused = time.perf_counter() - started
    assert f"（{MILLION} 个）" in message
    # Reading and decrypting the file is what the refusal costs; parsing would be far slower.
    assert refused < 10, f"refused after {refused:.1f} s"
    assert built < 30, f"building took {built:.1f} s"


def test_a_directory_holding_more_entries_than_its_end_record_claims_is_refused_unparsed(
    district: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = bytearray(_stored_zip(_bundle_like_entries(60_000)))
    # Claim ten entries: within every limit, while the directory (7 MB) holds 60,000.
    end = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<2H", raw, end + 8, 10, 10)
    path = tmp_path / "understated.yishi"
    path.write_bytes(pyrage.encrypt(bytes(raw), [_district_recipient(district)]))
    home = district.home
    district.close()

    def no_zipfile(*args: Any, **kwargs: Any) -> zipfile.ZipFile:
        raise AssertionError("zipfile parsed a directory longer than its claimed count")

    monkeypatch.setattr(zipfile, "ZipFile", no_zipfile)
    message = _refused_byte_identical(home, path, "目录", DEFAULT_LIMITS)
    assert "（10 个）" in message


def test_zip64_with_few_entries_is_refused_as_an_unsupported_format(
    district: Database, tmp_path: Path
) -> None:
    """Yishi never writes ZIP64, so it is refused even when its count is within the limit."""
    raw = _stored_zip(_bundle_like_entries(3), zip64=True)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        assert len(archive.infolist()) == 3
    path = tmp_path / "zip64.yishi"
    path.write_bytes(pyrage.encrypt(raw, [_district_recipient(district)]))
    home = district.home
    district.close()
    _refused_byte_identical(home, path, "不支持的 ZIP64 格式", DEFAULT_LIMITS)


def _huge_description(contents: Contents) -> None:
    """The room's one topic, well-formed but for a description of 100 MiB characters.

    Base64 of random bytes: deflate cannot shrink it, so no compression-ratio guard trips
    first (a real attacker would do the same) and the bundle is exact and properly signed.
    """
    row = strictjson.loads(contents.members["records/topic.ndjson"].splitlines()[0])
    row["description"] = base64.b64encode(os.urandom(STRING_CHARS // 4 * 3)).decode("ascii")
    assert len(row["description"]) == STRING_CHARS
    contents.members["records/topic.ndjson"] = strictjson.dumps(row) + b"\n"
    assert contents.manifest["counts"]["topic"] == 1


def test_a_100_mb_json_string_is_refused_by_the_default_limits(
    district: Database, room: Database, tmp_path: Path
) -> None:
    path = _craft(room, district, tmp_path / "string.yishi", _huge_description)
    home = district.home
    district.close()
    # The 4 MiB line limit refuses it before any JSON is parsed.
    message = _refused_byte_identical(home, path, "记录过长", DEFAULT_LIMITS)
    assert "topic" in message
    # A member limit below its size refuses it from the entry list, before it is read.
    _refused_byte_identical(
        home, path, "文件过大：records/topic.ndjson", Limits(member_bytes=64 << 20)
    )


def test_a_100_mb_json_string_in_an_allowed_line_is_refused_by_the_string_limit(
    district: Database, room: Database, tmp_path: Path
) -> None:
    path = _craft(room, district, tmp_path / "string.yishi", _huge_description)
    home = district.home
    district.close()
    # Member and line limits let it through to strictjson, whose MAX_STRING refuses it.
    limits = Limits(line_bytes=128 << 20)
    assert limits.member_bytes > STRING_CHARS + (1 << 20)
    message = _refused_byte_identical(home, path, "JSON 中的文本过长", limits)
    assert "topic" in message


def test_strictjson_parses_a_100_mb_string_without_piling_up_copies() -> None:
    """The decoded text and the parsed string: two copies at most, not one per check."""
    line = b'{"description":"' + b"a" * STRING_CHARS + b'"}'
    tracemalloc.start()
    try:
        started = time.perf_counter()
        with pytest.raises(strictjson.StrictJSONError, match="文本过长"):
            strictjson.loads(line)
        took = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2.2 * STRING_CHARS, f"peak {peak / 2**20:.0f} MiB"
    assert took < 5, f"took {took:.1f} s"


def test_a_number_too_long_for_int_is_refused_with_a_message(
    district: Database, room: Database, tmp_path: Path
) -> None:
    """int() stops at 4300 digits with a plain ValueError; the import must name it instead."""

    def long_number(contents: Contents) -> None:
        line = contents.members["records/topic.ndjson"]
        assert line.count(b'"revision":1,') == 1
        contents.members["records/topic.ndjson"] = line.replace(
            b'"revision":1,', b'"revision":' + b"9" * 5000 + b","
        )

    path = _craft(room, district, tmp_path / "number.yishi", long_number)
    home = district.home
    district.close()
    _refused_byte_identical(
        home, path, "记录格式错误（topic）：JSON 中的数值超出范围", DEFAULT_LIMITS
    )
