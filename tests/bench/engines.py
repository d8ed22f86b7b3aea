"""The two engines the benchmarks run on: SQLite, always, and PostgreSQL when
YISHI_BENCH_POSTGRES_URL names an administrator's connection to a server (one that may create
databases, e.g. `postgresql+psycopg://yishi:yishi@127.0.0.1:5432/postgres`).

The floors are each engine's own driver with nothing around it (sqlite3, psycopg), so a
figure's ratio says what Yishi adds on that engine.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.pool import NullPool

from desktop.db import Database
from tests.postgres import drop_database as drop_on
from tests.postgres import end_sessions

SQLITE = "SQLite"
POSTGRESQL = "PostgreSQL"
ENGINES = (SQLITE, POSTGRESQL)
POSTGRES_URL_ENV = "YISHI_BENCH_POSTGRES_URL"
SKIP_REASON = f"set {POSTGRES_URL_ENV} to run the benchmarks on PostgreSQL too"
DATABASE_PREFIX = "yishi_bench"


def admin_url() -> str | None:
    return os.environ.get(POSTGRES_URL_ENV) or None


def engine_of(db: Database) -> str:
    return POSTGRESQL if db.engine.dialect.name == "postgresql" else SQLITE


def _admin() -> Engine:
    url = admin_url()
    assert url is not None, SKIP_REASON
    # CREATE and DROP DATABASE refuse to run inside a transaction.
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def database_url(name: str) -> str:
    """The admin URL pointed at database `name` (password kept: the harness connects)."""
    url = admin_url()
    assert url is not None, SKIP_REASON
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def fresh_database(name: str, *, template: str | None = None) -> str:
    """Database `name` dropped if there and made again, empty or as a copy of `template` (whose
    sessions are ended first: PostgreSQL copies only a database nobody is connected to)."""
    admin = _admin()
    try:
        drop_on(admin, name)
        with admin.connect() as connection:
            if template is not None:
                end_sessions(connection, template)
            copy = f' TEMPLATE "{template}"' if template else ""
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
    finally:
        admin.dispose()
    return database_url(name)


def drop_database(name: str) -> None:
    admin = _admin()
    try:
        drop_on(admin, name)
    finally:
        admin.dispose()


def psycopg_connect(url: str, *, autocommit: bool = True) -> psycopg.Connection[Any]:
    """A bare psycopg connection to the database SQLAlchemy's `url` names."""
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(plain, autocommit=autocommit)


class Bare:
    """The engine's own driver on `db`'s database, nothing around it: the floors' reads.
    Statements are written with `?` for their values (sqlite3's style; `%s` on psycopg)."""

    def __init__(self, db: Database) -> None:
        self.server = engine_of(db) == POSTGRESQL
        self._sqlite: sqlite3.Connection | None = None
        self._psycopg: psycopg.Connection[Any] | None = None
        if self.server:
            url = db.engine.url.render_as_string(hide_password=False)
            self._psycopg = psycopg_connect(url)
        else:
            self._sqlite = sqlite3.connect(db.home.database)

    def execute(self, sql: str, values: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """The cursor of `sql` run with `values`."""
        if self._psycopg is not None:
            if not isinstance(values, dict):
                sql = sql.replace("?", "%s")
            return self._psycopg.execute(sql, values)
        assert self._sqlite is not None
        return self._sqlite.execute(sql, values)

    def close(self) -> None:
        if self._psycopg is not None:
            self._psycopg.close()
        if self._sqlite is not None:
            self._sqlite.close()
