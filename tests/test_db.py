"""Opening databases: migrations to head, backups first, too-new and damaged files refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desktop.db import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    open_database,
)
from desktop.models import Base
from desktop.paths import Home
from desktop.setup import setup_room


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_empty_database_upgrades_to_head_and_matches_the_models(tmp_path: Path) -> None:
    db = open_database(Home(tmp_path))
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.close()


def test_database_at_first_revision_upgrades_to_head_keeping_data(tmp_path: Path) -> None:
    home = Home(tmp_path)
    home.create_dirs()
    engine = make_engine(home.database)
    first = _revisions()[0]
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, first)
    engine.dispose()
    # A room set up at the first revision, by the code of that time, is still there at head.
    db = open_database(home)
    try:
        setup_room(db, name="城东社区协商议事室", village="城东社区", township="城东街道")
    finally:
        db.close()
    db = open_database(home)
    try:
        assert current_revision(db.engine) == head_revision()
        installation = db.installation()
        assert installation is not None and installation.name == "城东社区协商议事室"
    finally:
        db.close()


def test_existing_file_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    home = Home(tmp_path)
    home.create_dirs()
    with sqlite3.connect(home.database) as connection:  # a file with data but no schema yet
        connection.execute("CREATE TABLE canary (x)")
        connection.execute("INSERT INTO canary VALUES ('行')")
    open_database(home).close()
    backups = list(home.backups.glob("yishi-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT x FROM canary").fetchone() == ("行",)
        assert "alembic_version" not in {
            row[0] for row in connection.execute("SELECT name FROM sqlite_master")
        }
    open_database(home).close()  # already at head: no second backup
    assert len(list(home.backups.glob("yishi-*.sqlite"))) == 1


def test_fresh_database_needs_no_backup(tmp_path: Path) -> None:
    home = Home(tmp_path)
    open_database(home).close()
    assert list(home.backups.iterdir()) == []


def test_database_from_a_newer_yishi_is_refused_untouched(tmp_path: Path) -> None:
    home = Home(tmp_path)
    open_database(home).close()
    with sqlite3.connect(home.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = home.database.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="请先更新议事"):
        open_database(home)
    assert home.database.read_bytes() == before


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"\x00" * 4096])
def test_damaged_file_is_refused_with_a_message(tmp_path: Path, content: bytes) -> None:
    home = Home(tmp_path)
    home.create_dirs()
    home.database.write_bytes(content)
    with pytest.raises(DatabaseDamagedError, match="已损坏"):
        open_database(home)
    assert home.database.read_bytes() == content


def test_every_migration_has_a_docstring_saying_what_changed() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    for revision in script.walk_revisions():
        assert revision.doc and revision.doc.strip()
