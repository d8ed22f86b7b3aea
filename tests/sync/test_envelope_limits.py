"""Bounded work before trust: the age header's recipients counted before pyrage reads it, the
ZIP's members, sizes and names checked before any member is read."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import time
import zipfile
from pathlib import Path

import pyrage
import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import SyncPeer
from desktop.sync import SyncError
from desktop.sync.bundle import DEFAULT_LIMITS, Contents, Limits, check_age_header, seal
from desktop.sync.export import build_contents
from desktop.sync.identity import require_installation
from desktop.sync.importer import import_bundle
from desktop.sync.keys import load_keys
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, send

# Thousands of stanzas cost pyrage seconds (it tries each against the key); refused before.
MANY = 2_000


def _snapshot(db: Database) -> tuple[list[str], dict[str, str]]:
    """The district's tables as SQL and its attachment files by hash: what must not move."""
    connection = sqlite3.connect(db.home.database)
    try:
        dump = list(connection.iterdump())
    finally:
        connection.close()
    files = {
        str(p.relative_to(db.home.attachments)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(db.home.attachments.rglob("*"))
        if p.is_file()
    }
    return dump, files


def _contents(room: Database) -> Contents:
    with room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        return build_contents(
            session,
            room.home,
            installation=require_installation(session),
            peer=peer,
            keys=load_keys(room.home),
            sequence=2,
            full=True,
        )


def _sealed_to(room: Database, district: Database, path: Path, extra: int) -> Path:
    """A bundle the enrolled room signs honestly, sealed to the district and `extra` others."""
    others = [pyrage.x25519.Identity.generate().to_public() for _ in range(extra)]
    district_key = load_keys(district.home).identity.to_public()
    sealed, _ = seal(
        _contents(room),
        sign=load_keys(room.home).sign,
        recipients=[
            *others,
            district_key,
        ],
    )
    path.write_bytes(sealed)
    return path


@pytest.fixture
def room(district: Database, enrol: EnrolRoom, tmp_path: Path) -> Database:
    room = enrol("和平桥社区")
    add_topic(room, "路灯不亮")
    send(room, district, tmp_path / "usb")
    add_topic(room, "垃圾清运")
    return room


def test_many_recipient_stanzas_refused_quickly_and_nothing_written(
    district: Database, room: Database, tmp_path: Path
) -> None:
    path = _sealed_to(room, district, tmp_path / "many.yishi", MANY)
    assert path.read_bytes().count(b"\n-> X25519 ") > MANY
    before = _snapshot(district)
    started = time.perf_counter()
    with pytest.raises(SyncError, match="收件人过多"):
        import_bundle(district, path)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, elapsed
    assert _snapshot(district) == before
    # Counted over the whole header too, when one allows a header that long.
    started = time.perf_counter()
    # One stanza per recipient, the district's, and the one age adds as grease.
    with pytest.raises(SyncError, match=f"收件人过多（({MANY + 1}|{MANY + 2}) 个）"):
        check_age_header(path.read_bytes(), Limits(header_bytes=1 << 20))
    assert time.perf_counter() - started < 0.1
    # The room's next honest bundle still goes through.
    send(room, district, tmp_path / "usb")


def test_a_few_recipients_are_fine_and_one_above_the_limit_is_not(
    district: Database, room: Database, tmp_path: Path
) -> None:
    # seal adds the district; age adds nothing visible beyond one stanza per recipient.
    above = _sealed_to(room, district, tmp_path / "above.yishi", DEFAULT_LIMITS.recipient_stanzas)
    before = _snapshot(district)
    with pytest.raises(SyncError, match="收件人过多"):
        import_bundle(district, above)
    assert _snapshot(district) == before
    within = _sealed_to(room, district, tmp_path / "within.yishi", 3)
    assert import_bundle(district, within).tables["topic"].added == 1


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"-----BEGIN AGE ENCRYPTED FILE-----\n", "文件头不正确"),
        (b"PK\x03\x04 a bare zip", "文件头不正确"),
        (b"age-encryption.org/v1\n-> X25519 abc\n" + b"A" * 20_000, "文件头过长或不完整"),
        (b"age-encryption.org/v1\n" + b"-> X25519 a\nb\n" * 9 + b"--- mac\n", "收件人过多"),
    ],
)
def test_broken_headers_refused_before_pyrage(
    district: Database, tmp_path: Path, data: bytes, words: str
) -> None:
    with pytest.raises(SyncError, match=words):
        check_age_header(data, DEFAULT_LIMITS)
    path = tmp_path / "bad.yishi"
    path.write_bytes(data)
    before = _snapshot(district)
    with pytest.raises(SyncError, match=words):
        import_bundle(district, path)
    assert _snapshot(district) == before


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("entries", "limits", "words"),
    [
        # Members: counted from the end record before zipfile lists them.
        (
            {f"blobs/{n:064x}": b"x" for n in range(6)} | {"manifest.json": b"{}"},
            Limits(entries=5),
            "文件过多",
        ),
        # Uncompressed size, per member and in all, from the directory before reading.
        ({"manifest.json": b"{}", "manifest.sig": b"s" * 5000}, Limits(member_bytes=4000), "过大"),
        (
            {"manifest.json": b"{}", "manifest.sig": b"a" * 3000, "blobs/" + "0" * 64: b"b" * 3000},
            Limits(total_bytes=5000, ratio=10_000),
            "解压后过大",
        ),
        # Nesting: no folder, no path, nothing but the flat names a bundle has.
        ({"records/x/../topic.ndjson": b"", "manifest.json": b"{}"}, DEFAULT_LIMITS, "不允许"),
        ({"records/": b"", "manifest.json": b"{}"}, DEFAULT_LIMITS, "不允许"),
        ({"manifest.json": b"{}", "inner.zip": b"PK"}, DEFAULT_LIMITS, "不允许"),
    ],
)
def test_zip_limits_checked_before_reading(
    district: Database,
    tmp_path: Path,
    entries: dict[str, bytes],
    limits: Limits,
    words: str,
) -> None:
    district_key = load_keys(district.home).identity.to_public()
    path = tmp_path / "zip.yishi"
    path.write_bytes(pyrage.encrypt(_zip(entries), [district_key]))
    before = _snapshot(district)
    with pytest.raises(SyncError, match=words):
        import_bundle(district, path, limits=limits)
    assert _snapshot(district) == before
