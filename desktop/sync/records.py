"""Synced rows as plain JSON values and back, strictly typed."""

from __future__ import annotations

import enum
import functools
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from operator import call
from typing import Any

from sqlalchemy import Boolean, Date, Integer, Numeric, String, Text, Time
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect

from desktop.models import Base, Synced
from desktop.models.base import UTCDateTime
from desktop.sync.compat import UnknownSchemaVersion, defaults_for_older

# change_seq is each installation's own counter; it never travels.
LOCAL_COLUMNS = frozenset({"change_seq"})


def placeholder(dialect: Dialect) -> str:
    """The driver's mark for one positional value in plain SQL (exec_driver_sql): `?` for
    sqlite3, `%s` for psycopg (a district on PostgreSQL)."""
    return "?" if dialect.paramstyle in ("qmark", "numeric") else "%s"


def synced_models() -> list[type[Synced]]:
    """Every synced model, parents before children (foreign keys)."""
    return list(_synced_models(len(Base.metadata.tables)))


@functools.cache
def _synced_models(_mapped: int) -> tuple[type[Synced], ...]:
    """Sorting the tables costs milliseconds: once per set of mapped classes (keyed by their
    number of tables, so a model mapped later is not missed)."""
    by_table = {
        mapper.class_.__tablename__: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Synced)
    }
    return tuple(by_table[t.name] for t in Base.metadata.sorted_tables if t.name in by_table)


def model_for(table: str) -> type[Synced] | None:
    for model in _synced_models(len(Base.metadata.tables)):
        if model.__tablename__ == table:
            return model
    return None


_COLUMNS: dict[str, tuple[list[Any], frozenset[str]]] = {}


def _columns(model: type[Synced]) -> list[Any]:
    return _travelling(model)[0]


def _names(model: type[Synced]) -> frozenset[str]:
    return _travelling(model)[1]


def _travelling(model: type[Synced]) -> tuple[list[Any], frozenset[str]]:
    """The columns a row carries in a bundle, and their names (worked out once per table)."""
    found = _COLUMNS.get(model.__tablename__)
    if found is None:
        columns = [c for c in model.__table__.columns if c.name not in LOCAL_COLUMNS]  # type: ignore[attr-defined]
        found = _COLUMNS[model.__tablename__] = (columns, frozenset(c.name for c in columns))
    return found


def json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def to_json(row: Synced) -> dict[str, Any]:
    """A row as JSON values: enums by value, dates ISO, decimals as text."""
    return {c.name: json_value(getattr(row, c.key)) for c in _columns(type(row))}


def values_to_json(model: type[Synced], values: dict[str, Any]) -> dict[str, Any]:
    """What `from_json` returned, as JSON values again (a quarantined row is kept so)."""
    return {c.name: json_value(values[c.key]) for c in _columns(model)}


class RecordError(ValueError):
    """A record that does not fit its table; the message is in Chinese."""


# Ids are this installation's uuid4 text: anything else in an id column is a forged row
# (and one spelled differently would be a second key for the same record).
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UUID_COLUMNS = frozenset({"id", "owner_node", "node_id", "record_id"})
# Years a council record can carry; outside them a date is a typo or a trap (a zone offset on
# year 1 or 9999 overflows when it is converted to UTC for storage).
FIRST_YEAR, LAST_YEAR = 1900, 2999
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUMBER_TEXT = 40


def _is_uuid_column(column: Any) -> bool:
    return column.name in _UUID_COLUMNS or bool(column.foreign_keys)


def _in_years(value: date, where: str) -> Any:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise RecordError(f"记录字段 {where} 的日期超出范围（{FIRST_YEAR}–{LAST_YEAR} 年）")
    return value


def _decimal(kind: Numeric[Any], value: Any, where: str) -> Decimal:
    if not isinstance(value, str) or len(value) > _NUMBER_TEXT:
        _bad(where)
    try:
        number = Decimal(value)
    except InvalidOperation:
        _bad(where)
    if not number.is_finite():
        _bad(where)
    if kind.precision is not None:
        # Digits as written, without trailing zeros after the point: "1.50" fits (6, 2).
        _sign, digits, exponent = number.as_tuple()
        assert isinstance(exponent, int)
        while len(digits) > 1 and digits[-1] == 0 and exponent < 0:
            digits, exponent = digits[:-1], exponent + 1
        scale = kind.scale or 0
        whole = max(len(digits) + exponent, 0)
        if -exponent > scale or whole > kind.precision - scale:
            raise RecordError(f"记录字段 {where} 的数值超出范围")
    return number


Parser = Callable[[Any], Any]
_Parsers = tuple[tuple[str, ...], tuple[str, ...], tuple[Parser, ...]]
_PARSERS: dict[str, _Parsers] = {}


def _parsers(model: type[Synced]) -> _Parsers:
    """The keys, the names and the parsers of the columns that travel, made once per table."""
    found = _PARSERS.get(model.__tablename__)
    if found is None:
        table = model.__tablename__
        columns = _columns(model)
        found = (
            tuple(c.key for c in columns),
            tuple(c.name for c in columns),
            tuple(_parser(c, table) for c in columns),
        )
        _PARSERS[table] = found
    return found


def _parser(column: Any, table: str) -> Parser:
    """The common values take a short way; anything else, a bad value too, goes through
    `_parse`, which makes the same checks in full and words the refusal."""
    kind = column.type

    def general(value: Any) -> Any:
        return _parse(column, value, table)

    if isinstance(kind, SAEnum):
        enum_class = kind.enum_class
        members = {v: enum_class(v) if enum_class is not None else v for v in kind.enums}
        return lambda value: (
            members[value] if type(value) is str and value in members else general(value)
        )
    if isinstance(kind, UTCDateTime):
        return lambda value: _moment(value) or general(value)
    if isinstance(kind, Date):
        return lambda value: _day(value) or general(value)
    if isinstance(kind, Time | Numeric):
        return general
    if isinstance(kind, Boolean):
        return lambda value: value if type(value) is bool else general(value)
    if isinstance(kind, Integer):
        return lambda value: value if type(value) is int and abs(value) <= 2**62 else general(value)
    if not isinstance(kind, String | Text):
        return general
    length = kind.length if kind.length is not None else sys.maxsize
    uuid_column, keep = _is_uuid_column(column), column.name == "id"

    def text(value: Any) -> Any:
        if type(value) is not str or len(value) > length:
            return general(value)
        if uuid_column:
            if not _UUID.fullmatch(value):  # a match is plain ASCII: no surrogate in it
                return general(value)
            # The owner, the room and the parents repeat on every row: one string each.
            return value if keep else sys.intern(value)
        if not value.isascii() and _SURROGATE.search(value):
            return general(value)
        return value

    return text


def _moment(value: Any) -> datetime | None:
    """A well-formed time with its zone, in the years allowed, or None."""
    if type(value) is not str:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    return moment


def _day(value: Any) -> date | None:
    if type(value) is not str:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


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
        return _in_years(parsed, where)
    if isinstance(kind, Date):
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else _bad(where)
        except ValueError:
            _bad(where)
        return _in_years(day, where)
    if isinstance(kind, Time):
        try:
            return time.fromisoformat(value) if isinstance(value, str) else _bad(where)
        except ValueError:
            _bad(where)
    if isinstance(kind, Boolean):
        return value if isinstance(value, bool) else _bad(where)
    if isinstance(kind, Numeric):
        return _decimal(kind, value, where)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**62:
            _bad(where)
        return value
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            _bad(where)
        if kind.length is not None and len(value) > kind.length:
            raise RecordError(f"记录字段 {where} 过长")
        if _SURROGATE.search(value):
            raise RecordError(f"记录字段 {where} 不是有效的 Unicode 文本")
        if _is_uuid_column(column):
            if not _UUID.fullmatch(value):
                raise RecordError(f"记录字段 {where} 不是有效的编号（UUID）")
            # The owner, the room and the parents repeat on every row: one string each.
            return value if column.name == "id" else sys.intern(value)
        return value
    raise RecordError(f"记录字段 {where} 的类型不受支持")


def _bad(where: str) -> Any:
    raise RecordError(f"记录字段 {where} 的格式不正确")


# Read only: the same answer for every row of a table in a bundle.
_FILLS: dict[tuple[str, str], dict[str, Any]] = {}


def _fill(table: str, schema_version: str) -> dict[str, Any]:
    found = _FILLS.get((table, schema_version))
    if found is None:
        found = _FILLS[(table, schema_version)] = defaults_for_older(table, schema_version)
    return found


def from_json(
    model: type[Synced], data: Any, *, schema_version: str | None = None
) -> dict[str, Any]:
    """Column values for `model` from one JSON object: every column it can have, nothing else.

    `schema_version` is the sender's schema (the bundle manifest's); None means this Yishi's
    own. A column may be missing only if a migration after that version added it
    (desktop.sync.compat); the row then gets the value that migration gave existing rows.
    """
    table = model.__tablename__
    if not isinstance(data, dict):
        raise RecordError(f"{table} 的记录不是对象")
    names = _names(model)
    fill: dict[str, Any] = {}
    if schema_version is not None:
        try:
            fill = _fill(table, schema_version)
        except UnknownSchemaVersion:
            raise RecordError(
                f"{table} 的记录来自未知的数据库架构版本（{schema_version}），请先更新议事"
            ) from None
    if data.keys() != names or fill:
        extra = sorted(set(data) - names)
        missing = sorted(names - set(data) - set(fill))
    else:
        extra = missing = []
    if extra or missing:
        raise RecordError(f"{table} 的记录字段不符（多出 {extra}，缺少 {missing}）")
    source = {**fill, **data} if fill else data
    # Every column is in `source` (checked above): the loop runs in C, but for the parsers.
    keys, names_in_order, parsers = _parsers(model)
    parsed = map(call, parsers, map(source.__getitem__, names_in_order))
    values = dict(zip(keys, parsed, strict=True))
    if values["revision"] < 1:
        raise RecordError(f"{table} 的记录版本号不正确")
    return values


def same_content(row: Synced, values: dict[str, Any]) -> bool:
    return all(getattr(row, key) == value for key, value in values.items())
