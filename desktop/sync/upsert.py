"""Applying a bundle's rows in batches: one query reads what is held for a batch of ids, the
rules decide in Python, and one `executemany` per table writes the batch.

The rows go in as plain INSERT and UPDATE statements, so the database's own triggers (the
search index) follow them; what the flush hook (desktop.models.stamping) does for an import,
it does here too: the change counter, `change_seq`, one audit entry per changed row and the
owners' running digests. (An ORM object per row, flushed, cost many times the writing.)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, Numeric, Table, select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.models import Installation, QuarantinedRecord, SyncDigest, Synced
from desktop.models.base import utcnow
from desktop.models.enums import AuditAction
from desktop.models.local import AuditEntry
from desktop.models.stamping import CONTEXT_KEY, StampContext
from desktop.models.sync import digest_term, format_digest
from desktop.sync.records import json_value as jsonable
from desktop.sync.records import placeholder, values_to_json

# Ids per batch: few enough for SQLite's bound-parameter limit in the lookup.
CHUNK = 900
# Stamped by the flush hook, never compared as content nor written to the audit log.
_SYNC_COLUMNS = frozenset({"revision", "updated_at", "change_seq", "owner_node"})


@dataclass
class TableCounts:
    """What one table gained from a bundle."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0


# An audit entry's own columns; the rest (id, time, node, user) is the batch's stamp.
_AUDITED = ("action", "record_table", "record_id", "changes")
_Audit = tuple[AuditAction, str, str, str]


@dataclass
class _Writes:
    """One batch's decisions for one table."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    audits: list[_Audit] = field(default_factory=list)
    # (owner, table, id, revision, +1 or -1): the running digests move by these.
    digest_moves: list[tuple[str, str, str, int, int]] = field(default_factory=list)


def may_be_lost(held: dict[str, Any], values: dict[str, Any]) -> bool:
    """Other content at the same revision, or at a lower one but edited later: an owner
    restored from an older backup numbers its edits again from there. Dropping those would
    lose them silently, so they wait for a person. An older bundle arriving late carries the
    older edit, and is skipped."""
    if values["revision"] == held["revision"]:
        return True
    edited, kept = values.get("updated_at"), held["updated_at"]
    if edited is None or kept is None:
        return False
    return _utc(edited) > _utc(kept)


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive UTC; a parsed row may carry its zone.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _set_aside_before(session: Session, table: str, values: dict[str, Any], text: str) -> bool:
    """The same version was quarantined already (open or settled): a restored owner sends in
    full until the digests agree again, and one decision per version is enough."""
    found = session.scalars(
        select(QuarantinedRecord.id).where(
            QuarantinedRecord.record_table == table,
            QuarantinedRecord.record_id == values["id"],
            QuarantinedRecord.revision == values["revision"],
            QuarantinedRecord.incoming == text,
        )
    ).first()
    return found is not None


def apply_rows(
    session: Session,
    incoming_rows: Sequence[tuple[type[Synced], Sequence[dict[str, Any]]]],
    *,
    bundle_id: str,
    rescanned: str | None = None,
) -> dict[str, TableCounts]:
    """Upsert by (id, revision): newer replaces, identical skips, equal but different waits,
    and so does an older revision edited later (see may_be_lost). `rescanned` names an owner
    whose digest the caller scans afresh afterwards: its rows do not move it one by one."""
    context: StampContext | None = session.info.get(CONTEXT_KEY)
    if context is None:
        raise RuntimeError("session has no StampContext; open it through desktop.db")
    tables: dict[str, TableCounts] = defaultdict(TableCounts)
    written: dict[type[Synced], set[str]] = defaultdict(set)
    seq: int | None = None
    for model, rows in incoming_rows:
        counts = tables[model.__tablename__]
        for start in range(0, len(rows), CHUNK):
            batch = rows[start : start + CHUNK]
            writes = _decide(session, model, batch, counts, bundle_id, rescanned)
            if writes.inserts or writes.updates:
                # One change for the whole bundle, as one flush of the hook stamps its rows.
                seq = _next_change(session) if seq is None else seq
                _write(session, context, model, writes, seq)
                written[model].update(v["id"] for v in writes.updates)
    _forget_stale(session, written)
    return dict(tables)


@dataclass(frozen=True)
class _Statements:
    """One table's plain SQL and its columns' conversions, prepared once: the statements run
    through the driver as they are, with no compiling per batch and no work per value that
    a column does not need (the conversions are SQLAlchemy's own for each column type)."""

    keys: tuple[str, ...]
    converted: tuple[tuple[int, Callable[[Any], Any]], ...]  # the columns with a bind step
    results: tuple[Callable[[Any], Any] | None, ...]
    select: str  # ids follow as `mark`s
    mark: str  # the driver's placeholder (desktop.sync.records.placeholder)
    insert: str
    copy: str  # the insert as PostgreSQL's COPY (see `_insert`)
    update: str  # every column but the id, then the id

    def to_db(self, values: dict[str, Any]) -> tuple[Any, ...]:
        row = list(map(values.__getitem__, self.keys))
        for at, bind in self.converted:
            if row[at] is not None:
                row[at] = bind(row[at])
        return tuple(row)

    def from_db(self, row: Sequence[Any]) -> dict[str, Any]:
        return {
            key: value if result is None or value is None else result(value)
            for key, value, result in zip(self.keys, row, self.results, strict=True)
        }


_PREPARED: dict[tuple[str, str, bool], _Statements] = {}


# PostgreSQL's type code of NUMERIC: psycopg picks a numeric column's reader by it (Decimal
# as it comes), and refuses to pick one without it.
_PG_NUMERIC = 1700


def _column_type_code(column: Column[Any], dialect: Dialect) -> int | None:
    if dialect.name == "postgresql" and isinstance(column.type, Numeric):
        return _PG_NUMERIC
    return None


def _statements(table: Table, dialect: Dialect, *, numbered: bool = False) -> _Statements:
    """`numbered`: the id is the database's own counter and left out (PostgreSQL refuses a
    NULL for it where SQLite numbers the row)."""
    found = _PREPARED.get((table.name, dialect.name, numbered))
    if found is not None:
        return found
    columns = [c for c in table.columns if not (numbered and c.key == "id")]
    names = [f'"{c.name}"' for c in columns]
    mark = placeholder(dialect)
    settable = [f'"{c.name}" = {mark}' for c in columns if c.key != "id"]
    prepared = _Statements(
        keys=tuple(c.key for c in columns),
        converted=tuple(
            (at, bind)
            for at, c in enumerate(columns)
            if (bind := c.type._cached_bind_processor(dialect)) is not None
        ),
        results=tuple(
            c.type._cached_result_processor(dialect, _column_type_code(c, dialect)) for c in columns
        ),
        select=f'SELECT {", ".join(names)} FROM "{table.name}" WHERE "id" IN ',
        mark=mark,
        insert=f'INSERT INTO "{table.name}" ({", ".join(names)}) '
        f"VALUES ({', '.join(mark for _ in columns)})",
        copy=f'COPY "{table.name}" ({", ".join(names)}) FROM STDIN',
        update=f'UPDATE "{table.name}" SET {", ".join(settable)} WHERE "id" = {mark}',
    )
    _PREPARED[(table.name, dialect.name, numbered)] = prepared
    return prepared


def _held(session: Session, sql: _Statements, ids: list[str]) -> dict[str, dict[str, Any]]:
    marks = ", ".join(sql.mark for _ in ids)
    found = session.connection().exec_driver_sql(f"{sql.select}({marks})", tuple(ids))
    return {row["id"]: row for row in map(sql.from_db, found)}


def _decide(
    session: Session,
    model: type[Synced],
    batch: Sequence[dict[str, Any]],
    counts: TableCounts,
    bundle_id: str,
    rescanned: str | None,
) -> _Writes:
    sql = _statements(model.__table__, session.connection().dialect)  # type: ignore[attr-defined]
    held = _held(session, sql, [v["id"] for v in batch])
    writes = _Writes()
    name = model.__tablename__
    for values in batch:
        existing = held.get(values["id"])
        if existing is None:
            writes.inserts.append(values)
            writes.audits.append(_audit(AuditAction.INSERT, name, values["id"], _content(values)))
            if values["owner_node"] != rescanned:
                writes.digest_moves.append(
                    (values["owner_node"], name, values["id"], values["revision"], 1)
                )
            counts.added += 1
        elif values["revision"] > existing["revision"]:
            changes = _changes(existing, values)
            # The hook stamps (and logs) only a row whose content changed; a bare revision
            # bump keeps its change_seq.
            update = dict(values, change_seq=None if changes else existing["change_seq"])
            writes.updates.append(update)
            if changes:
                action = (
                    AuditAction.DELETE
                    if changes.get("deleted") == [False, True]
                    else AuditAction.UPDATE
                )
                writes.audits.append(_audit(action, name, values["id"], changes))
            old = (existing["owner_node"], existing["revision"])
            if old != (values["owner_node"], values["revision"]):
                moves = [
                    (old[0], name, values["id"], old[1], -1),
                    (values["owner_node"], name, values["id"], values["revision"], 1),
                ]
                writes.digest_moves.extend(m for m in moves if m[0] != rescanned)
            counts.updated += 1
        elif not may_be_lost(existing, values) or _same_content(existing, values):
            counts.unchanged += 1
        else:
            _quarantine(session, model, values, counts, bundle_id)
    return writes


def _quarantine(
    session: Session,
    model: type[Synced],
    values: dict[str, Any],
    counts: TableCounts,
    bundle_id: str,
) -> None:
    text = json.dumps(values_to_json(model, values), ensure_ascii=False)
    if _set_aside_before(session, model.__tablename__, values, text):
        counts.unchanged += 1
        return
    session.add(
        QuarantinedRecord(
            bundle_id=bundle_id,
            record_table=model.__tablename__,
            record_id=values["id"],
            revision=values["revision"],
            incoming=text,
        )
    )
    counts.quarantined += 1


def _same_content(held: dict[str, Any], values: dict[str, Any]) -> bool:
    return all(held[key] == value for key, value in values.items())


_PLAIN = frozenset({str, int, bool, type(None)})


def _content(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if type(v) in _PLAIN else jsonable(v)
        for k, v in values.items()
        if k not in _SYNC_COLUMNS
    }


def _changes(held: dict[str, Any], values: dict[str, Any]) -> dict[str, list[Any]]:
    """[old, new] of each content column that differs, as the flush hook logs an edit."""
    changes: dict[str, list[Any]] = {}
    for key, new in values.items():
        if key in _SYNC_COLUMNS:
            continue
        old = held[key]
        if old != new:
            changes[key] = [jsonable(old), jsonable(new)]
    return changes


# As json.dumps(…, ensure_ascii=False, sort_keys=True), without an encoder made per row.
_AUDIT_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _audit(action: AuditAction, table: str, record_id: str, changes: dict[str, Any]) -> _Audit:
    return action, table, record_id, _AUDIT_JSON.encode(changes)


def _next_change(session: Session) -> int:
    """The installation's change counter moved on by one: the `change_seq` of what follows."""
    with session.no_autoflush:
        installation = session.get(Installation, 1)
    if installation is None:
        raise RuntimeError("no installation row: run setup before writing records")
    installation.change_counter += 1
    session.flush()  # the counter, and whatever the caller had pending, go first
    return installation.change_counter


def _write(
    session: Session, context: StampContext, model: type[Synced], writes: _Writes, seq: int
) -> None:
    """The batch's statements, stamped as the flush hook stamps an import."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    sql = _statements(table, connection.dialect)
    if writes.updates:
        for update in writes.updates:
            if update["change_seq"] is None:
                update["change_seq"] = seq
        rows = [sql.to_db(u) for u in writes.updates]
        id_at = sql.keys.index("id")
        # The statement sets every column but the id, and names the id last.
        connection.exec_driver_sql(
            sql.update, [(*r[:id_at], *r[id_at + 1 :], r[id_at]) for r in rows]
        )
    if writes.inserts:
        _insert(connection, sql, [sql.to_db(dict(v, change_seq=seq)) for v in writes.inserts])
    if writes.audits:
        _insert(connection, *_audit_rows(context, connection.dialect, writes.audits))
    _move_digests(session, writes.digest_moves)


def _insert(connection: Connection, sql: _Statements, rows: list[tuple[Any, ...]]) -> None:
    """New rows: on PostgreSQL by COPY, which the server takes about twice as fast as the same
    INSERTs (the same triggers and constraints run, in the same transaction); elsewhere one
    executemany. A refusal is raised as SQLAlchemy raises the INSERT's."""
    if connection.dialect.name != "postgresql":
        connection.exec_driver_sql(sql.insert, rows)
        return
    dbapi = connection.dialect.loaded_dbapi
    driver = connection.connection.driver_connection
    assert driver is not None
    try:
        with driver.cursor() as cursor, cursor.copy(sql.copy) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi.Error as exc:
        raise DBAPIError.instance(
            sql.copy, None, exc, dbapi.Error, dialect=connection.dialect
        ) from exc


def _audit_rows(
    context: StampContext, dialect: Dialect, audits: list[_Audit]
) -> tuple[_Statements, list[tuple[Any, ...]]]:
    """The audit entries' statements and rows: the stamp converted once, each action once."""
    audit = _statements(AuditEntry.__table__, dialect, numbered=True)  # type: ignore[arg-type]
    stamp = {
        "at": utcnow(),
        "node_id": context.node_id,
        "user": context.user + (" (import)" if context.importing else ""),
    }

    def full(entry: _Audit) -> tuple[Any, ...]:
        return audit.to_db(dict(stamp, **dict(zip(_AUDITED, entry, strict=True))))

    at = [audit.keys.index(key) for key in _AUDITED]
    if {index for index, _bind in audit.converted} & set(at[1:]):  # a text needing a bind step
        return audit, list(map(full, audits))
    templates: dict[AuditAction, list[Any]] = {}
    rows = []
    for entry in audits:
        row = templates.get(entry[0])
        if row is None:
            row = templates[entry[0]] = list(full(entry))
        row = row.copy()
        for index, value in zip(at[1:], entry[1:], strict=True):
            row[index] = value
        rows.append(tuple(row))
    return audit, rows


def _move_digests(session: Session, moves: list[tuple[str, str, str, int, int]]) -> None:
    """Owners without a digest row are left alone: theirs is rebuilt on demand."""
    deltas: dict[str, int] = defaultdict(int)
    for owner, table, row_id, revision, sign in moves:
        deltas[owner] += sign * digest_term(table, row_id, revision)
    with session.no_autoflush:
        for owner, delta in deltas.items():
            row = session.get(SyncDigest, owner)
            if row is not None and delta:
                row.value = format_digest(int(row.value, 16) + delta)


def _forget_stale(session: Session, written: dict[type[Synced], set[str]]) -> None:
    """Rows the session holds were changed underneath it: they reload when next read."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Synced) and obj.id in written.get(type(obj), ()):
            session.expire(obj)
