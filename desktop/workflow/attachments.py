"""Photos and scans: stored once by SHA-256 under attachments/<sha[:2]>/<sha>, one row each."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.files import write_atomically
from desktop.models import Attachment, Meeting
from desktop.models.base import new_id
from desktop.paths import Home
from desktop.rules import RuleError
from desktop.workflow.meetings import Amending, edit
from desktop.workflow.stale import still_there

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"})


def stored_path(home: Home, sha256: str) -> Path:
    return home.attachments / sha256[:2] / sha256


def _read(path: Path) -> bytes:
    if not path.exists():
        raise RuleError(f"找不到文件：{path}")
    if not path.is_file():
        raise RuleError(f"不是文件：{path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RuleError(f"无法读取文件：{path}（{exc.strerror or exc}）") from exc


def _store(home: Home, data: bytes, sha256: str) -> Path:
    target = stored_path(home, sha256)
    if target.exists() and target.stat().st_size == len(data):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_atomically(target, data)


def attach_file(
    session: Session,
    home: Home,
    path: Path,
    *,
    record_table: str,
    record_id: str,
    caption: str = "",
) -> Attachment:
    """Copy a file into the store and attach it; the same file twice is one attachment."""
    data = _read(path)
    sha256 = hashlib.sha256(data).hexdigest()
    _store(home, data, sha256)
    existing = session.scalar(
        select(Attachment).where(
            Attachment.record_table == record_table,
            Attachment.record_id == record_id,
            Attachment.sha256 == sha256,
        )
    )
    if existing is not None:
        if existing.deleted:
            existing.deleted = False
        return existing
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    attachment = Attachment(
        id=new_id(),
        sha256=sha256,
        file_name=path.name[:255],
        media_type=media_type,
        size=len(data),
        record_table=record_table,
        record_id=record_id,
        caption=caption.strip(),
    )
    session.add(attachment)
    return attachment


def remove_attachment(attachment: Attachment) -> None:
    """Tombstone the row; the stored bytes stay (another record may share them)."""
    attachment.deleted = True


def attach_to_meeting(
    db: Database, meeting_id: str, *, paths: list[Path], amending: Amending | None = None
) -> None:
    """Photos and scans of a meeting, all in one unit of work (final minutes: one amendment)."""

    def attach(session: Session, meeting: Meeting) -> None:
        for path in paths:
            attach_file(
                session,
                db.home,
                path,
                record_table=Meeting.__tablename__,
                record_id=meeting.id,
            )

    edit(db, meeting_id, change=attach, amending=amending)


def detach_from_meeting(
    db: Database, meeting_id: str, *, attachment_id: str, amending: Amending | None = None
) -> None:
    edit(
        db,
        meeting_id,
        change=lambda s, _m: remove_attachment(still_there(s, Attachment, attachment_id)),
        amending=amending,
    )
