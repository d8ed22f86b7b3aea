"""Rows arriving from a bundle or an enrolment file: parsed per table, checked for their
owner, then upserted by (id, revision) inside the caller's transaction."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import QuarantinedRecord, Synced
from desktop.sync import SyncError
from desktop.sync.records import (
    DISTRICT_TABLES,
    RecordError,
    from_json,
    model_for,
    same_content,
    values_to_json,
)


@dataclass
class TableCounts:
    """What one table gained from a bundle."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0


@dataclass
class Incoming:
    """Parsed, validated rows per model (parents first) and the blobs, ready to apply."""

    rows: list[tuple[type[Synced], list[dict[str, Any]]]] = field(default_factory=list)
    blobs: dict[str, bytes] = field(default_factory=dict)


def parse_table(
    table: str, lines: list[Any], *, schema_version: str | None = None
) -> tuple[type[Synced], list[dict[str, Any]]]:
    """Rows of one table; `schema_version` is the sender's, older ones lack later columns."""
    model = model_for(table)
    if model is None:
        raise SyncError(f"数据包中有未知的数据表：{table}")
    try:
        return model, [from_json(model, line, schema_version=schema_version) for line in lines]
    except RecordError as exc:
        raise SyncError(f"数据包中的记录无效：{exc}") from exc


def check_owned(
    session: Session,
    incoming: Incoming,
    *,
    origin: str,
    origin_role: str,
    origin_room_id: str | None,
) -> None:
    """Every record belongs to the signer; a room writes neither the roster nor others' rows."""
    for model, rows in incoming.rows:
        table = model.__tablename__
        if origin_role == "room" and table in DISTRICT_TABLES:
            raise SyncError(f"议事室的数据包不能包含区政协维护的数据（{table}）")
        has_room = "room_id" in model.__table__.columns  # type: ignore[attr-defined]
        for values in rows:
            if values["owner_node"] != origin:
                raise SyncError(f"数据包中有不属于发送方的记录（{table} {values['id']}）")
            room_id = values.get("room_id") if has_room else None
            if origin_role == "room" and room_id is not None and room_id != origin_room_id:
                raise SyncError(f"数据包中有其他议事室的记录（{table} {values['id']}）")
            existing = session.get(model, values["id"])
            if existing is not None and existing.owner_node != origin:
                raise SyncError(f"数据包试图修改其他节点的记录（{table} {values['id']}）")


def apply_rows(session: Session, incoming: Incoming, *, bundle_id: str) -> dict[str, TableCounts]:
    """Upsert by (id, revision): newer replaces, identical skips, equal but different waits."""
    tables: dict[str, TableCounts] = defaultdict(TableCounts)
    for model, rows in incoming.rows:
        counts = tables[model.__tablename__]
        for values in rows:
            existing = session.get(model, values["id"])
            if existing is None:
                session.add(model(**values))
                counts.added += 1
            elif values["revision"] > existing.revision:
                for key, value in values.items():
                    setattr(existing, key, value)
                counts.updated += 1
            elif values["revision"] < existing.revision or same_content(existing, values):
                counts.unchanged += 1
            else:
                session.add(
                    QuarantinedRecord(
                        bundle_id=bundle_id,
                        record_table=model.__tablename__,
                        record_id=values["id"],
                        revision=values["revision"],
                        incoming=json.dumps(values_to_json(model, values), ensure_ascii=False),
                    )
                )
                counts.quarantined += 1
        session.flush()
    return dict(tables)
