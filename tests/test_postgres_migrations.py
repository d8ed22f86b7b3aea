"""The migrations on both engines (issue 20): PostgreSQL upgrades an empty database to head
and ends with the models' schema; SQLite's schema is what the migrations made before they
learnt PostgreSQL's spelling (sa.false() for "0", dialect branches), so an old database and
a fresh one stay alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, inspect, text

from desktop.db import alembic_config, current_revision, head_revision, make_engine
from desktop.models import Base
from desktop.search_index import not_index_table

# The whole SQLite schema at this revision, as the migrations wrote it before issue 20,
# normalized by `sqlite_schema`. Pinned to a revision, not head: a later migration adds to
# the schema after it and never changes this file.
SNAPSHOT_REVISION = "0017_stats_indexes"
SNAPSHOT = Path(__file__).parent / "data" / f"sqlite_schema_{SNAPSHOT_REVISION}.txt"


def sqlite_schema(connection: Connection) -> str:
    """sqlite_master's SQL, each table's constraints sorted: Alembic's batch mode writes a
    rebuilt table's constraints in an order that changes with Python's hash seed."""
    objects = []
    for type_, name, table, sql in connection.exec_driver_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ):
        if type_ == "table" and sql and "\n\t" in sql:
            head, *lines, tail = sql.split("\n")
            body = [line.strip().removesuffix(",").strip() for line in lines]
            constraints = sorted(line for line in body if line.startswith("CONSTRAINT "))
            columns = [line for line in body if not line.startswith("CONSTRAINT ")]
            sql = "\n".join([head, *(f"\t{line}" for line in columns + constraints), tail])
        objects.append(f"-- {type_} {name} on {table}\n{sql}")
    return "\n\n".join(objects) + "\n"


def upgrade_sqlite(path: Path, revision: str, script_location: Path | None = None) -> Engine:
    """A new SQLite database at `revision`, migrated as desktop.db.migrate does it."""
    engine = make_engine(path)
    config = alembic_config()
    if script_location is not None:
        config.set_main_option("script_location", str(script_location).replace("%", "%%"))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    return engine


def test_a_fresh_sqlite_database_has_the_schema_the_migrations_wrote_before(
    tmp_path: Path,
) -> None:
    engine = upgrade_sqlite(tmp_path / "fresh.sqlite", SNAPSHOT_REVISION)
    try:
        with engine.connect() as connection:
            schema = sqlite_schema(connection)
    finally:
        engine.dispose()
    # The defaults the portable spelling must keep: sa.false() and sa.true() are 0 and 1.
    assert "deleted BOOLEAN DEFAULT 0 NOT NULL" in schema
    assert "expected BOOLEAN DEFAULT 1 NOT NULL" in schema
    assert schema == SNAPSHOT.read_text(encoding="utf-8")


def test_the_schema_normalization_ignores_only_the_constraints_order(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "a.sqlite")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                'CREATE TABLE "t" (\n\ta INTEGER, \n\tb INTEGER, \n\tCONSTRAINT x CHECK (a > 0),'
                " \n\tCONSTRAINT w CHECK (b > 0)\n)"
            )
            schema = sqlite_schema(connection)
    finally:
        engine.dispose()
    assert "\ta INTEGER\n\tb INTEGER\n\tCONSTRAINT w CHECK (b > 0)\n\tCONSTRAINT x" in schema


def _upgrade_server(url: str) -> Engine:
    engine = create_engine(url)
    with engine.connect() as connection, connection.begin():
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine


def _sqlite_checks(connection: Connection) -> set[tuple[str, str]]:
    found = set()
    for table, sql in connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
    ):
        for name in re.findall(r"CONSTRAINT (\w+) CHECK", sql):
            found.add((table, name))
    return found


def test_postgres_upgrades_an_empty_database_to_the_models_schema(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = _upgrade_server(postgres_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            # The search index's tables are made by hand, not models (desktop.search_index).
            opts = {"include_name": not_index_table}
            context = MigrationContext.configure(connection, opts=opts)
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == head_revision()
            checks = {
                (str(table), str(name))
                for table, name in connection.execute(
                    text(
                        "SELECT conrelid::regclass::text, conname FROM pg_constraint"
                        " WHERE contype = 'c' AND connamespace = 'public'::regnamespace"
                    )
                )
            }
            partial = dict(
                connection.execute(
                    text("SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%WHERE%'")
                ).all()
            )
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    # Every CHECK of SQLite's schema, widened ones (room.kind, duty kinds) included.
    sqlite = upgrade_sqlite(tmp_path / "head.sqlite", "head")
    try:
        with sqlite.connect() as connection:
            assert checks == _sqlite_checks(connection)
    finally:
        sqlite.dispose()
    assert partial["ix_topic_deleted"].endswith("WHERE deleted")
    assert partial["ix_outcome_escalated"].endswith("WHERE (escalated_on IS NOT NULL)")
    assert {"ix_outcome_activity", "ix_outcome_case"} <= set(partial)
    # FTS5 is SQLite's: the server has the plain tables the code writes, no full-text index.
    assert {"search_text", "search_pinyin", "search_queue"} <= tables
    assert not {"search_fts", "search_grams", "search_numbers"} & tables


def test_postgres_checks_what_sqlite_checks(postgres_url: str) -> None:
    engine = _upgrade_server(postgres_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE conname IN ('ck_outcome_one_origin', 'ck_room_room_kind')"
                )
            ).all()
    finally:
        engine.dispose()
    definitions = dict(rows)
    assert (
        "num_nonnulls(agenda_item_id, activity_id, case_id) = 1"
        in (definitions["ck_outcome_one_origin"])
    )
    assert "district_office" in definitions["ck_room_room_kind"]


@pytest.mark.parametrize("revision", ["0001", SNAPSHOT_REVISION])
def test_postgres_downgrades_to_base(postgres_url: str, revision: str) -> None:
    engine = _upgrade_server(postgres_url)
    try:
        with engine.connect() as connection, connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
            command.downgrade(config, "base")
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == ["alembic_version"]
    finally:
        engine.dispose()
