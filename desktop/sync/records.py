"""Synced rows as plain JSON values and back, strictly typed, plus the state digest."""

from __future__ import annotations

import enum
import hashlib
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Date, Integer, Numeric, String, Text, Time, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from desktop.models import Base, Synced
from desktop.models.base import UTCDateTime

# Only the district writes these: the roster, the room registry and the scoring rules.
DISTRICT_TABLES = frozenset(
    {
        "district",
        "township",
        "area",
        "room",
        "member",
        "assignment",
        "team",
        "team_membership",
        "scoring_rule_set",
        "scoring_rule",
    }
)
# change_seq is each installation's own counter; it never travels.
LOCAL_COLUMNS = frozenset({"change_seq"})


def synced_models() -> list[type[Synced]]:
    """Every synced model, parents before children (foreign keys)."""
    by_table = {
        mapper.class_.__tablename__: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Synced)
    }
    return [by_table[t.name] for t in Base.metadata.sorted_tables if t.name in by_table]


def model_for(table: str) -> type[Synced] | None:
    for model in synced_models():
        if model.__tablename__ == table:
            return model
    return None


def _columns(model: type[Synced]) -> list[Any]:
    return [c for c in model.__table__.columns if c.name not in LOCAL_COLUMNS]  # type: ignore[attr-defined]


def to_json(row: Synced) -> dict[str, Any]:
    """A row as JSON values: enums by value, dates ISO, decimals as text."""
    out: dict[str, Any] = {}
    for column in _columns(type(row)):
        value = getattr(row, column.key)
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, datetime | date | time):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        out[column.name] = value
    return out


class RecordError(ValueError):
    """A record that does not fit its table; the message is in Chinese."""


def _parse(column: Any, value: Any, table: str) -> Any:
    where = f"{table}.{column.name}"
    if value is None:
        if not column.nullable:
            raise RecordError(f"记录字段 {where} 不能为空")
        return None
    kind = column.type
    if isinstance(kind, SAEnum):
        if not isinstance(value, str) or value not in kind.enums:
            raise RecordError(f"记录字段 {where} 的取值不正确")
        enum_class = kind.enum_class
        return enum_class(value) if enum_class is not None else value
    if isinstance(kind, UTCDateTime):
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise RecordError(f"记录字段 {where} 不是带时区的时间")
        return parsed
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _bad(where)
        except ValueError:
            _bad(where)
    if isinstance(kind, Time):
        try:
            return time.fromisoformat(value) if isinstance(value, str) else _bad(where)
        except ValueError:
            _bad(where)
    if isinstance(kind, Boolean):
        return value if isinstance(value, bool) else _bad(where)
    if isinstance(kind, Numeric):
        try:
            number = Decimal(value) if isinstance(value, str) else _bad(where)
        except InvalidOperation:
            _bad(where)
        return number if number.is_finite() else _bad(where)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**62:
            _bad(where)
        return value
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            _bad(where)
        if kind.length is not None and len(value) > kind.length:
            raise RecordError(f"记录字段 {where} 过长")
        return value
    raise RecordError(f"记录字段 {where} 的类型不受支持")


def _bad(where: str) -> Any:
    raise RecordError(f"记录字段 {where} 的格式不正确")


def from_json(model: type[Synced], data: Any) -> dict[str, Any]:
    """Column values for `model` from one JSON object: every column present, nothing else."""
    table = model.__tablename__
    if not isinstance(data, dict):
        raise RecordError(f"{table} 的记录不是对象")
    columns = _columns(model)
    names = {c.name for c in columns}
    if set(data) != names:
        extra = sorted(set(data) - names)
        missing = sorted(names - set(data))
        raise RecordError(f"{table} 的记录字段不符（多出 {extra}，缺少 {missing}）")
    values = {c.key: _parse(c, data[c.name], table) for c in columns}
    if values["revision"] < 1:
        raise RecordError(f"{table} 的记录版本号不正确")
    return values


def same_content(row: Synced, values: dict[str, Any]) -> bool:
    return all(getattr(row, key) == value for key, value in values.items())


def state_digest(session: Session, owner_node: str) -> str:
    """SHA-256 over (table, id, revision) of every row `owner_node` owns, in a fixed order."""
    digest = hashlib.sha256()
    for model in synced_models():
        rows = session.execute(
            select(model.id, model.revision)
            .where(model.owner_node == owner_node)
            .order_by(model.id)
        )
        for row_id, revision in rows:
            digest.update(f"{model.__tablename__}:{row_id}:{revision}\n".encode())
    return digest.hexdigest()
