"""A fresh PostgreSQL database per test, on the server YISHI_TEST_POSTGRES_URL names.

The variable holds an administrator's connection (one that may create databases), e.g.
`postgresql+psycopg://yishi:yishi@127.0.0.1:5432/postgres`; .ci/run starts a server on
loopback and sets it. Without it the tests that ask for `postgres_url` are skipped. Each
database is named `yishi_t_<random hex>`, so xdist's workers never meet, and is dropped
after its test even when the test left connections open.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

POSTGRES_URL_ENV = "YISHI_TEST_POSTGRES_URL"
SKIP_REASON = f"set {POSTGRES_URL_ENV} to run the PostgreSQL tests (.ci/run does)"
DATABASE_PREFIX = "yishi_t_"


def admin_url() -> str | None:
    return os.environ.get(POSTGRES_URL_ENV) or None


def _admin_engine(url: str) -> Engine:
    # CREATE and DROP DATABASE refuse to run inside a transaction.
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def end_sessions(connection: Connection, name: str) -> None:
    """End the sessions still connected to database `name` (a test's pool, a failure's):
    PostgreSQL neither drops nor copies a database somebody is connected to."""
    connection.execute(
        text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = :name AND pid <> pg_backend_pid()"
        ),
        {"name": name},
    )


def drop_database(admin: Engine, name: str) -> None:
    """Drop `name`, ending the sessions still connected to it first."""
    with admin.connect() as connection:
        end_sessions(connection, name)
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')


@contextmanager
def _database(url: str, name: str, *, template: str | None = None) -> Iterator[str]:
    """Database `name` made on `url`'s server (a copy of `template`, else empty), its URL
    with the password yielded, dropped afterwards."""
    admin = _admin_engine(url)
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False)
        finally:
            drop_database(admin, name)
    finally:
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a new, empty database (password included), dropped after the test."""
    url = admin_url()
    if url is None:
        pytest.skip(SKIP_REASON)
    with _database(url, DATABASE_PREFIX + secrets.token_hex(6)) as database:
        yield database


# --- a district on either engine ------------------------------------------------------------

# The engines the district and sync suites run on: PostgreSQL too when a server is given
# (issue 20: "the district and sync test suites against it as well as against SQLite"),
# unless YISHI_TEST_DISTRICT_ENGINES=sqlite (.ci/run's runs with the clock moved, which the
# PostgreSQL tests of their own still join) keeps them to one.
ENGINES = (
    ("sqlite", "postgresql")
    if admin_url() and os.environ.get("YISHI_TEST_DISTRICT_ENGINES", "both") != "sqlite"
    else ("sqlite",)
)


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated to head once per worker; each test's database is copied from it
    (CREATE DATABASE … TEMPLATE), which is much faster than migrating afresh."""
    from desktop.db import open_database
    from desktop.paths import Home

    url = admin_url()
    if url is None:
        pytest.skip(SKIP_REASON)
    name = DATABASE_PREFIX + "tpl_" + secrets.token_hex(6)
    with _database(url, name) as target:
        open_database(Home(tmp_path_factory.mktemp("pg-template")), url=target).close()
        # A template is copied only while nobody is connected to it.
        admin = _admin_engine(url)
        try:
            with admin.connect() as connection:
                end_sessions(connection, name)
        finally:
            admin.dispose()
        yield name


@pytest.fixture
def postgres_copy(postgres_template: str) -> Iterator[str]:
    """The URL of a new database migrated to head (a copy of the template), dropped after."""
    url = admin_url()
    assert url is not None
    name = DATABASE_PREFIX + secrets.token_hex(6)
    with _database(url, name, template=postgres_template) as database:
        yield database


@pytest.fixture(params=ENGINES)
def district_engine(request: pytest.FixtureRequest) -> str:
    """The engine of the district fixtures (district_db, tests/sync's district): SQLite, and
    PostgreSQL too when a server is given; the GUI tests keep to SQLite (tests/views)."""
    return str(request.param)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked `sqlite_only` (it reads or damages the database file itself) runs on
    SQLite only: its PostgreSQL variants are deselected rather than skipped."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        engine = callspec.params.get("district_engine") if callspec is not None else None
        if engine == "postgresql" and item.get_closest_marker("sqlite_only") is not None:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
