"""No silent overwrite: a record saved from a form must not have changed since it was loaded.

Two windows, or a window and an import, can change the same record. A form remembers the
record's `revision` when it loads it and hands it back as `expected_revision`; when the
stored revision has moved on, the save is refused with who changed it and when, so the
secretary's typed text (still in the form) never silently replaces someone else's change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.models.base import Synced
from desktop.models.local import AuditEntry
from desktop.rules import RuleError

_IMPORT_SUFFIX = " (import)"


class StaleEditError(RuleError):
    """The record changed since the form loaded it; nothing was saved."""


R = TypeVar("R")


def still_there(session: Session, model: type[R], record_id: str) -> R:
    """The record a form chose by its id; one gone since (never there, or removed by an
    import or another window) is a refusal to refresh, not a crash. Tombstones are returned:
    each action says what it allows on them."""
    record = session.get(model, record_id)
    if record is None:
        raise StaleEditError("所选的记录已不存在（可能已被删除或刚导入的数据改变），请刷新后重试")
    return record


def check_unchanged(session: Session, record: Synced, expected_revision: int | None) -> None:
    """Raise StaleEditError when `record` is no longer at `expected_revision` (None: no check).

    Call it before changing the record: the stored revision is what the session loaded.
    """
    if expected_revision is None or record.revision == expected_revision:
        return
    last = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.record_table == record.__tablename__, AuditEntry.record_id == record.id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    raise StaleEditError(stale_message(last.user if last else None, last.at if last else None))


def stale_message(user: str | None, at: datetime | None) -> str:
    """The refusal in Chinese, naming who changed the record and when, when the log says."""
    tail = "您的修改未保存（您输入的内容仍保留在窗口中）。请关闭后重新打开再修改。"
    if user is None or at is None:
        return f"这条记录已被他人修改，{tail}"
    if user.endswith(_IMPORT_SUFFIX):
        who = f"导入的数据包（{user.removesuffix(_IMPORT_SUFFIX)}）"
    else:
        who = user
    return f"这条记录已于 {_when(at)} 被 {who} 修改，{tail}"


def _when(at: datetime) -> str:
    # The log keeps UTC; the secretary reads the office clock. The year only when it is not
    # this year's, as people say it.
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()
    day = f"{local.month}月{local.day}日"
    if local.year != clock.today().year:
        day = f"{local.year}年{day}"
    return f"{day} {local:%H:%M}"
