"""Attachment files: each record's file exists and still has the recorded SHA-256."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Connection, select

from desktop.checks.base import Context, Hit, live
from desktop.models import Attachment


def _file_sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def attachments(connection: Connection, ctx: Context) -> list[Hit]:
    stmt = select(Attachment.id, Attachment.sha256).where(live(Attachment))
    by_hash: dict[str, list[str]] = defaultdict(list)
    for record_id, sha256 in connection.execute(stmt):
        by_hash[sha256].append(record_id)
    hits: list[Hit] = []
    # Several records may share one file; hash each file once.
    for sha256, record_ids in by_hash.items():
        path = ctx.attachments / sha256[:2] / sha256
        if not path.is_file():
            detail = f"的文件不存在（{path.relative_to(ctx.attachments.parent)}）"
            check = "attachment_missing"
        elif (actual := _file_sha256(path)) != sha256:
            detail = f"的文件内容已改变或损坏（SHA-256 为 {actual or '无法读取'}）"
            check = "attachment_hash"
        else:
            continue
        hits.extend(Hit(check, "attachment", record_id, detail) for record_id in record_ids)
    return hits
