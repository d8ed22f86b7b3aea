"""The one hook that stamps sync columns and writes the audit log on every flush.

Callers never set `owner_node`, `revision`, `updated_at` or `change_seq`; they open a
session with a `StampContext` and this hook does the rest. It also enforces the single-owner
rule (an installation edits only rows it owns) and that progress notes are append-only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import set_committed_value

from desktop.models.base import Synced, new_id, utcnow
from desktop.models.enums import AuditAction
from desktop.models.local import AuditEntry, Installation
from desktop.models.outcomes import ProgressNote
from desktop.models.sync import SyncDigest, digest_term, format_digest

CONTEXT_KEY = "yishi.stamp"
_TOUCHED_KEY = "yishi.touched"
_SYNC_COLUMNS = frozenset({"revision", "updated_at", "change_seq", "owner_node"})


class OwnershipError(PermissionError):
    """A change to a row this installation does not own."""


class AppendOnlyError(PermissionError):
    """An edit or hard delete of a row that may only be added (or tombstoned)."""


@dataclass(frozen=True)
class StampContext:
    """Who is writing. `importing` keeps the incoming owner and revision (bundle import)."""

    node_id: str
    user: str
    importing: bool = False


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# Per mapped class: the content columns, and the scalar defaults (worked out once; a demo
# run or an import stamps hundreds of thousands of rows).
_CONTENT_KEYS: dict[type, tuple[str, ...]] = {}
_SCALAR_DEFAULTS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _content_keys(obj: Synced) -> tuple[str, ...]:
    keys = _CONTENT_KEYS.get(type(obj))
    if keys is None:
        mapper = inspect(obj).mapper
        keys = tuple(a.key for a in mapper.column_attrs if a.key not in _SYNC_COLUMNS)
        _CONTENT_KEYS[type(obj)] = keys
    return keys


def _scalar_defaults(obj: Synced) -> tuple[tuple[str, Any], ...]:
    defaults = _SCALAR_DEFAULTS.get(type(obj))
    if defaults is None:
        mapper = inspect(obj).mapper
        defaults = tuple(
            (attr.key, attr.columns[0].default.arg)
            for attr in mapper.column_attrs
            if attr.columns[0].default is not None and attr.columns[0].default.is_scalar
        )
        _SCALAR_DEFAULTS[type(obj)] = defaults
    return defaults


def _column_values(obj: Synced) -> dict[str, Any]:
    return {key: _jsonable(getattr(obj, key)) for key in _content_keys(obj)}


def _column_changes(obj: Synced) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _SYNC_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[attr.key] = [_jsonable(old), _jsonable(new)]
    return changes


def _apply_defaults(obj: Synced) -> None:
    """Fill Python-side defaults now, so the audit entry shows what the row will hold."""
    if obj.id is None:
        obj.id = new_id()
    for key, value in _scalar_defaults(obj):
        if getattr(obj, key) is None:
            setattr(obj, key, value)


def _installation(session: Session) -> Installation:
    with session.no_autoflush:
        installation = session.get(Installation, 1)
    if installation is None:
        raise RuntimeError("no installation row: run setup before writing records")
    return installation


def _next_change(session: Session, installation: Installation) -> int:
    """The installation's change counter, moved on by one for this flush.

    SQLite has one writer at a time, so the row read and written back cannot lose a step. On
    a database server two clerks may save at the same moment: there the counter moves in one
    UPDATE … RETURNING, which the second waits on, and the loaded row learns the new value
    without being marked changed."""
    if session.get_bind().dialect.name == "sqlite":
        installation.change_counter += 1
        return installation.change_counter
    table = Installation.__table__
    seq: int = session.execute(
        table.update()  # type: ignore[attr-defined]
        .where(table.c.id == installation.id)
        .values(change_counter=table.c.change_counter + 1)
        .returning(table.c.change_counter)
    ).scalar_one()
    set_committed_value(installation, "change_counter", seq)
    return seq


# SQLite's length() stops at a NUL (so CHECKs misjudge the text) and a lone surrogate cannot
# be stored as UTF-8 at all; both can be pasted into a form from elsewhere.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(text: str) -> str:
    """U+FFFD in place of what cannot be kept, so a form's "\\x00" is not silently empty."""
    text = text.replace("\x00", "\ufffd")
    # Pairs written as two surrogates join up; a lone one becomes U+FFFD.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _clean_text(objects: list[Any]) -> None:
    for obj in objects:
        for attr in inspect(obj).mapper.column_attrs:
            value = obj.__dict__.get(attr.key)
            if isinstance(value, str) and _UNSTORABLE.search(value):
                setattr(obj, attr.key, _storable(value))


def touch(session: Session, obj: Synced, changes: dict[str, list[Any]]) -> None:
    """Re-version `obj` at the next flush although none of its columns changed: rows that
    hang under it (an activity's members) did, and a form loaded before must see it."""
    session.info.setdefault(_TOUCHED_KEY, []).append((obj, changes))


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    context_now: StampContext | None = session.info.get(CONTEXT_KEY)
    if context_now is None or not context_now.importing:
        _clean_text([*session.new, *session.dirty])
    new = [o for o in session.new if isinstance(o, Synced)]
    dirty: list[tuple[Synced, dict[str, list[Any]]]] = []
    for obj in session.dirty:
        if isinstance(obj, Synced) and (changes := _column_changes(obj)):
            dirty.append((obj, changes))
    touched: list[tuple[Synced, dict[str, list[Any]]]] = session.info.pop(_TOUCHED_KEY, [])
    for obj, extra in touched:
        if obj in session.new:
            continue
        for held, changes in dirty:
            if held is obj:
                changes.update(extra)
                break
        else:
            dirty.append((obj, dict(extra)))
    deleted = [o for o in session.deleted if isinstance(o, Synced)]
    if not (new or dirty or deleted):
        return
    context: StampContext | None = session.info.get(CONTEXT_KEY)
    if context is None:
        raise RuntimeError("session has no StampContext; open it through desktop.db")
    if deleted and not context.importing:
        raise AppendOnlyError("同步记录不能直接删除，请标记为已删除（墓碑）")

    installation = _installation(session)
    seq = _next_change(session, installation)
    now = utcnow()
    for obj in new:
        _apply_defaults(obj)
        if not context.importing:
            if obj.owner_node and obj.owner_node != context.node_id:
                raise OwnershipError("新记录只能属于本节点")
            obj.owner_node = context.node_id
            obj.revision = 1
            obj.updated_at = now
        obj.change_seq = seq
        _audit(session, context, AuditAction.INSERT, obj, _column_values(obj))
    for obj, changes in dirty:
        if not context.importing:
            if obj.owner_node != context.node_id:
                raise OwnershipError(
                    f"{obj.__tablename__} 记录属于其他节点（{obj.owner_node}），本机不能修改"
                )
            if isinstance(obj, ProgressNote) and set(changes) != {"deleted"}:
                raise AppendOnlyError("进展记录只能追加，不能修改")
            obj.revision = max(obj.revision, installation.revision_floor) + 1
            obj.updated_at = now
        obj.change_seq = seq
        action = (
            AuditAction.DELETE if changes.get("deleted") == [False, True] else AuditAction.UPDATE
        )
        _audit(session, context, action, obj, changes)
    _track_digests(session)


def _committed(obj: Synced, key: str) -> Any:
    history = inspect(obj).attrs[key].history
    return history.deleted[0] if history.deleted else getattr(obj, key)


def _track_digests(session: Session) -> None:
    """Move each owner's running digest by the rows this flush adds, re-versions or removes.

    Runs after stamping, so it also sees revisions set by an import, even where no content
    column changed. Owners without a digest row are left alone: theirs is rebuilt on demand.
    """
    deltas: dict[str, int] = {}

    def move(owner: str, obj: Synced, revision: int, sign: int) -> None:
        term = digest_term(obj.__tablename__, obj.id, revision)
        deltas[owner] = deltas.get(owner, 0) + sign * term

    for obj in session.new:
        if isinstance(obj, Synced):
            move(obj.owner_node, obj, obj.revision, +1)
    for obj in session.dirty:
        if not isinstance(obj, Synced):
            continue
        old_owner, old_revision = _committed(obj, "owner_node"), _committed(obj, "revision")
        if (old_owner, old_revision) != (obj.owner_node, obj.revision):
            move(old_owner, obj, old_revision, -1)
            move(obj.owner_node, obj, obj.revision, +1)
    for obj in session.deleted:
        if isinstance(obj, Synced):
            move(_committed(obj, "owner_node"), obj, _committed(obj, "revision"), -1)
    with session.no_autoflush:
        for owner, delta in deltas.items():
            row = session.get(SyncDigest, owner)
            if row is not None and delta:
                row.value = format_digest(int(row.value, 16) + delta)


def _audit(
    session: Session,
    context: StampContext,
    action: AuditAction,
    obj: Synced,
    changes: dict[str, Any],
) -> None:
    session.add(
        AuditEntry(
            node_id=context.node_id,
            user=context.user + (" (import)" if context.importing else ""),
            action=action,
            record_table=obj.__tablename__,
            record_id=obj.id,
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
        )
    )


def install(session_class: type[Session]) -> None:
    """Attach the hook to a Session class (idempotent)."""
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)
