"""Attachments are stored once by SHA-256 and refused with a message when unreadable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Attachment
from desktop.workflow import RuleError
from desktop.workflow.attachments import attach_file, remove_attachment, stored_path


def test_file_is_stored_by_hash_once(room_db: Database, tmp_path: Path) -> None:
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    with room_db.session() as s:
        first = attach_file(s, room_db.home, photo, record_table="meeting", record_id="m-1")
        again = attach_file(s, room_db.home, photo, record_table="meeting", record_id="m-1")
        assert again.id == first.id
        other = attach_file(s, room_db.home, photo, record_table="meeting", record_id="m-2")
        assert other.id != first.id
    target = stored_path(room_db.home, sha)
    assert target == room_db.home.attachments / sha[:2] / sha
    assert target.read_bytes() == photo.read_bytes()
    assert not list(target.parent.glob("*.part"))
    with room_db.session() as s:
        row = s.scalars(select(Attachment).where(Attachment.record_id == "m-1")).one()
        assert (row.file_name, row.media_type, row.size) == ("现场照片.jpg", "image/jpeg", 20)
        remove_attachment(row)
    with room_db.session() as s:  # attaching a removed file again brings the row back
        back = attach_file(s, room_db.home, photo, record_table="meeting", record_id="m-1")
        assert back.id == first.id and not back.deleted


def test_missing_file_is_refused_in_chinese(room_db: Database, tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="找不到文件"), room_db.session() as s:
        attach_file(s, room_db.home, tmp_path / "nope.png", record_table="meeting", record_id="x")
    with pytest.raises(RuleError, match="不是文件"), room_db.session() as s:
        attach_file(s, room_db.home, tmp_path, record_table="meeting", record_id="x")


def test_unreadable_file_is_refused(
    room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF")

    def refuse(_self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    # chmod does not stop root (and tests may run as root), so the read itself is refused.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(RuleError, match="无法读取"), room_db.session() as s:
        attach_file(s, room_db.home, scan, record_table="meeting", record_id="x")
