"""Moving a district from its SQLite file onto a PostgreSQL server (`yishi migrate-db`).

The SQLite file is only read, through a read-only connection (no checkpoint, no migration):
a snapshot of it is taken with SQLite's backup API and brought to this Yishi's schema, and
every table of the models is copied from the snapshot into an empty server database made
by the same migrations. Each table is then compared on both sides, row count and a SHA-256
over its rows in primary-key order; only when all agree does the home remember the server's
address (`<home>/database-url`), so a failed or interrupted move leaves the district on its
file as it was. The server database is never emptied by this module: one that already
holds records is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Integer, String, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from desktop.db import (
    SERVER_URL_FORM,
    Database,
    DatabaseError,
    backup_sqlite,
    make_engine,
    migrate,
    open_database,
    remember_database_url,
    remembered_database_url,
    server_label,
    server_url,
)
from desktop.errors import UserError
from desktop.models import Installation
from desktop.models.base import Base
from desktop.models.enums import NodeRole
from desktop.paths import Home

# Rows per INSERT batch: psycopg sends a batch as one multi-row statement.
BATCH = 1000

Progress = Callable[[str, int], None]  # table name, rows copied so far

# What a server's address looks like, for the settings page (views never import desktop.db).
ADDRESS_FORM = SERVER_URL_FORM


class MigrateError(UserError):
    """The move cannot go ahead, or did not verify; the district stays on its file."""


@dataclass(frozen=True)
class TableCheck:
    """One table as found on both sides after the copy."""

    name: str
    rows: int
    digest: str


@dataclass(frozen=True)
class MigrateResult:
    server: str  # host:port/database, never the password
    tables: list[TableCheck]
    search_rows: int | None  # the search index rebuilt on the server; None when it was not

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


def migrate_to_server(
    home: Home, url_text: str, *, progress: Progress | None = None
) -> MigrateResult:
    """Copy the home's SQLite database to the PostgreSQL database `url_text`, verify it and
    make the home use it. MigrateError (or DatabaseError) when anything is wrong; then the
    home still uses its file and the file is as it was."""
    url = server_url(url_text, source="--to")
    if not home.database.is_file():
        raise MigrateError(f"此目录没有议事的数据库文件，无可迁移：{home.database}")
    with tempfile.TemporaryDirectory(prefix="yishi-migrate-") as scratch:
        snapshot = _snapshot(home.database, Path(scratch) / "snapshot.sqlite")
        source = make_engine(snapshot)
        try:
            migrate(source, path=snapshot, backups=Path(scratch) / "backups")
            _require_district(source)
            target = open_database(home, url=url_text)
            try:
                _require_empty(target.engine, server_label(url))
                _copy(source, target.engine, progress)
                checks = _verify(source, target.engine, server_label(url))
                search_rows = _rebuild_search(target)
                _vacuum(target.engine)
            finally:
                target.close()
        finally:
            source.dispose()
    remember_database_url(home, url_text)
    return MigrateResult(server=server_label(url), tables=checks, search_rows=search_rows)


def check_server_address(url_text: str) -> str:
    """`server:port/database` of the address, for the settings page to refuse a malformed one
    before any work; DatabaseError saying what is wrong (never repeating a password)."""
    return server_label(server_url(url_text))


def server_in_use(db: Database) -> str | None:
    """`server:port/database` of the server the open database is on; None on the SQLite file."""
    if db.engine.dialect.name == "sqlite":
        return None
    return server_label(db.engine.url)


def remembered_server(home: Home) -> str | None:
    """`server:port/database` the home opens at its next start, after a move made while it was
    open on its file; None when it opens its file. DatabaseError for a bad `database-url`."""
    url_text = remembered_database_url(home)
    return None if url_text is None else server_label(server_url(url_text))


def copy_order() -> list[str]:
    """The tables in the order the move copies them, for a progress bar over `Progress`."""
    return [table.name for table in _tables()]


def _snapshot(database: Path, target: Path) -> Path:
    """A consistent copy of the file, read through a read-only connection: the file and its
    WAL are left exactly as they are."""
    try:
        reader = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise MigrateError(f"无法读取数据库文件（{exc}）：{database}") from exc
    try:
        copy = sqlite3.connect(target)
        try:
            reader.backup(copy)
        finally:
            copy.close()
    except sqlite3.Error as exc:
        raise MigrateError(f"无法读取数据库文件（{exc}）：{database}") from exc
    finally:
        reader.close()
    # The snapshot is a database of its own now (backup_sqlite's checks apply to it).
    return backup_sqlite(target, target.with_name("checked.sqlite"))


def _tables() -> list[Table]:
    """The models' tables, parents before the rows that point at them."""
    return list(Base.metadata.sorted_tables)


def _require_district(source: Engine) -> None:
    with source.connect() as connection:
        role = connection.execute(select(Installation.role)).scalar()
    if role is None:
        raise MigrateError("此安装还没有设置（yishi setup），无可迁移")
    # A city may be set up on a server too (`yishi --db URL setup city`), so it may move there.
    if role not in (NodeRole.DISTRICT, NodeRole.CITY):
        raise MigrateError(
            "议事室不使用数据库服务器：只有区政协和市政协的数据库可以迁移到 PostgreSQL"
        )


def _require_empty(engine: Engine, label: str) -> None:
    with engine.connect() as connection:
        for table in _tables():
            if connection.execute(select(func.count()).select_from(table)).scalar_one():
                raise MigrateError(
                    f"服务器上的数据库 {label} 已有数据（{table.name}），未迁移："
                    "请让服务器管理员新建一个空数据库"
                )


def _copy(source: Engine, target: Engine, progress: Progress | None) -> None:
    """Every table in one server transaction: a failure leaves the server database empty."""
    with source.connect() as reading, target.begin() as writing:
        for table in _tables():
            copied = 0
            rows = reading.execution_options(yield_per=BATCH).execute(select(table))
            for batch in rows.mappings().partitions(BATCH):
                writing.execute(table.insert(), [dict(row) for row in batch])
                copied += len(batch)
                if progress is not None:
                    progress(table.name, copied)
            _advance_sequence(writing, table)


def _advance_sequence(connection: Connection, table: Table) -> None:
    """Rows copied with their integer ids: the server's counter continues after them."""
    for column in table.primary_key.columns:
        if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            ).scalar_one()
            if sequence is not None:
                connection.execute(
                    text(
                        f'SELECT setval(:sequence, COALESCE((SELECT MAX("{column.name}") '
                        f'FROM "{table.name}"), 0) + 1, false)'
                    ),
                    {"sequence": sequence},
                )


def _verify(source: Engine, target: Engine, label: str) -> list[TableCheck]:
    checks = []
    with source.connect() as left, target.connect() as right:
        for table in _tables():
            mine = _fingerprint(left, table)
            theirs = _fingerprint(right, table)
            if mine != theirs:
                raise MigrateError(
                    f"迁移后核对不一致：{table.name} 在本机 {mine[0]} 行、服务器 {label} "
                    f"{theirs[0]} 行{'（内容不同）' if mine[0] == theirs[0] else ''}；"
                    "本机仍使用原数据库文件，服务器上的数据库请清空后再试"
                )
            checks.append(TableCheck(table.name, mine[0], mine[1]))
    return checks


def _fingerprint(connection: Connection, table: Table) -> tuple[int, str]:
    """Rows and a SHA-256 of them in primary-key order, the same on both engines: text keys
    sort by their bytes (the server's collation may sort otherwise)."""
    postgres = connection.dialect.name == "postgresql"
    order = [
        column.collate("C") if postgres and isinstance(column.type, String) else column
        for column in table.primary_key.columns
    ]
    hasher = hashlib.sha256()
    count = 0
    for row in _rows(connection, select(table).order_by(*order)):
        hasher.update(json.dumps([_plain(value) for value in row], ensure_ascii=False).encode())
        hasher.update(b"\n")
        count += 1
    return count, hasher.hexdigest()


def _rows(connection: Connection, statement: Any) -> Iterator[Any]:
    yield from connection.execution_options(yield_per=BATCH).execute(statement)


def _plain(value: Any) -> Any:
    """A value as both engines hand it back, in one spelling."""
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return moment.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "value") and not isinstance(value, bool | int | float | str):
        return value.value  # an enum member
    return value


def _vacuum(engine: Engine) -> None:
    """VACUUM (ANALYZE) the copied database, as PostgreSQL advises after a bulk load: until
    its visibility map is written no count is read from an index alone, and the first reads
    set every row's hint bits, so a district just moved started 1.4 times slower than an
    empty one. Only quicker afterwards: a server that refuses it (another owner) is left to
    its autovacuum."""
    with contextlib.suppress(SQLAlchemyError), engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM (ANALYZE)"
        )


def _rebuild_search(db: Database) -> int | None:
    """The search index made on the server from the copied records; None when the server's
    search could not be built (`yishi check --repair-search` builds it later)."""
    from desktop.checks.search import repair

    try:
        return repair(db)
    except (UserError, DatabaseError):
        raise
    except Exception:  # the move itself verified; only the index is missing
        return None
