"""Declarative base, naming convention, enumeration columns and the sync columns."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    Index,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop import clock

# Named constraints let batch migrations on SQLite find and drop them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return clock.utcnow()


def new_id() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and hands them back aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Revisions, change counters and bundle sequences: 64-bit. SQLite's INTEGER is already; a
# PostgreSQL "integer" is 32-bit, and a bundle may name any number below 2**62.
Counter = Integer().with_variant(BigInteger(), "postgresql")


def enum_column(enum_cls: type[enum.StrEnum], name: str) -> Enum:
    """A VARCHAR holding the enum's value, guarded by a named CHECK constraint."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Synced:
    """Columns every synced row carries; `desktop.models.stamping` fills them, never callers.

    `change_seq` is this installation's own change counter at the row's last change, so an
    export can ask for "everything since N" without scanning the whole database.
    """

    if TYPE_CHECKING:
        __tablename__: str

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Indexed with change_seq (see synced_args): "my rows changed since N" reads only those.
    owner_node: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Counter, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    change_seq: Mapped[int] = mapped_column(Counter, default=0, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @classmethod
    def sync_checks(cls) -> tuple[CheckConstraint, ...]:
        return (
            CheckConstraint("revision >= 1", name="revision_positive"),
            CheckConstraint("length(owner_node) > 0", name="owner_node_set"),
        )


# The partial indexes' conditions in PostgreSQL's words, given to them when a server is used
# (`server_conditions`): a `postgresql_where` in the Index itself makes SQLAlchemy import its
# whole PostgreSQL dialect to check the keyword, some 45 ms of every SQLite home's start.
_SERVER_CONDITIONS: list[tuple[Index, str]] = []


def partial_index(name: str, *columns: str, where: str, on_server: str | None = None) -> Index:
    """An index of the rows `where` (SQLite's SQL) selects; `on_server` is PostgreSQL's
    condition where it must be worded otherwise."""
    index = Index(name, *columns, sqlite_where=text(where))
    _SERVER_CONDITIONS.append((index, on_server or where))
    return index


def server_conditions() -> None:
    """Give the partial indexes their PostgreSQL conditions, before a server's first use."""
    while _SERVER_CONDITIONS:
        index, where = _SERVER_CONDITIONS.pop()
        index.dialect_options["postgresql"]["where"] = text(where)


def synced_args(*extra: Any) -> tuple[Any, ...]:
    """`__table_args__` for a synced table: the sync checks plus the table's own."""
    return (*Synced.sync_checks(), Index(None, "owner_node", "change_seq"), *extra)
