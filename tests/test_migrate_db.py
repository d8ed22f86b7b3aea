"""`yishi migrate-db`: a district's SQLite file copied onto a PostgreSQL server, verified,
and the home switched to it; the file never changes, and a move that fails leaves the
district on its file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.pool import NullPool

from desktop import migrate_db
from desktop.db import DatabaseError, open_database, remembered_database_url
from desktop.demo import generate
from desktop.migrate_db import MigrateError, migrate_to_server
from desktop.models import Topic
from desktop.models.base import Base
from desktop.paths import Home
from desktop.setup import setup_district


@pytest.fixture(scope="module")
def district_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small district with demo records, on its SQLite file (copied by each test)."""
    home = Home(tmp_path_factory.mktemp("district") / "区政协 数据")
    db = open_database(home)
    setup_district(db, name="启东市政协")
    generate(db, seed=3, rooms=2, years=1)
    db.close()
    return home.root


@pytest.fixture
def district(district_file: Path, tmp_path: Path) -> Iterator[Home]:
    root = tmp_path / "区政协 数据"
    shutil.copytree(district_file, root)
    yield Home(root)


def _files(home: Home) -> dict[str, bytes]:
    """The database file and its write-ahead log, byte for byte (an empty or absent log are
    the same; the -shm index is a reader's scratch space, not data)."""
    files = {"database": home.database.read_bytes()}
    wal = home.database.with_name(home.database.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        files["wal"] = wal.read_bytes()
    return files


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_a_district_moves_to_the_server_and_its_file_is_left_as_it_was(
    district: Home, postgres_url: str
) -> None:
    before = _files(district)
    sqlite_counts = _counts(f"sqlite:///{district.database}")
    assert _files(district) == before  # reading the counts above changed nothing either

    result = migrate_to_server(district, postgres_url)

    assert _files(district) == before
    assert result.rows == sum(sqlite_counts.values()) > 1000
    assert {t.name: t.rows for t in result.tables} == sqlite_counts == _counts(postgres_url)
    assert "@" not in result.server and result.server.endswith(postgres_url.rsplit("/", 1)[1])
    assert remembered_database_url(district) == postgres_url
    db = open_database(district)  # the home now opens the server
    try:
        assert db.engine.dialect.name == "postgresql"
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(Topic)) == sqlite_counts["topic"]
            installation = db.installation()
            assert installation is not None and installation.name == "启东市政协"
        with db.engine.connect() as connection:
            # Vacuumed and analysed after the load, as PostgreSQL advises.
            unvacuumed = connection.exec_driver_sql(
                "SELECT relname FROM pg_stat_user_tables"
                " WHERE last_vacuum IS NULL OR last_analyze IS NULL"
            ).all()
        assert unvacuumed == []
    finally:
        db.close()


def test_a_server_database_holding_records_is_refused(district: Home, postgres_url: str) -> None:
    migrate_to_server(district, postgres_url)
    district.database_url_file.unlink()  # back on the file, as if nothing had moved
    with pytest.raises(MigrateError, match="已有数据"):
        migrate_to_server(district, postgres_url)
    assert remembered_database_url(district) is None


def test_a_copy_that_fails_half_way_leaves_the_server_empty_and_the_home_on_its_file(
    district: Home, postgres_url: str
) -> None:
    before = _files(district)
    tables_reached: list[str] = []

    def fail_in_the_middle(table: str, copied: int) -> None:
        tables_reached.append(table)
        if len(set(tables_reached)) == 5:
            raise OSError("the network cable was pulled")

    with pytest.raises(OSError):
        migrate_to_server(district, postgres_url, progress=fail_in_the_middle)
    assert sum(_counts(postgres_url).values()) == 0
    assert remembered_database_url(district) is None and _files(district) == before
    migrate_to_server(district, postgres_url)  # the same move, tried again, goes through
    assert remembered_database_url(district) == postgres_url


def test_a_copy_that_does_not_verify_is_not_used(
    district: Home, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = migrate_db._fingerprint

    def one_row_lost_on_the_server(connection, table):  # type: ignore[no-untyped-def]
        rows, digest = real(connection, table)
        if connection.dialect.name == "postgresql" and table.name == "topic":
            return rows - 1, digest
        return rows, digest

    monkeypatch.setattr(migrate_db, "_fingerprint", one_row_lost_on_the_server)
    with pytest.raises(MigrateError, match="topic") as refused:
        migrate_to_server(district, postgres_url)
    assert "本机仍使用原数据库文件" in str(refused.value)
    assert remembered_database_url(district) is None


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///elsewhere.sqlite",
        "postgresql+psycopg://",
        "not a url at all",
    ],
)
def test_a_bad_address_is_refused_before_anything_is_read(district: Home, url: str) -> None:
    before = _files(district)
    with pytest.raises(DatabaseError):
        migrate_to_server(district, url)
    assert remembered_database_url(district) is None and _files(district) == before


def test_a_home_without_a_database_file_has_nothing_to_move(tmp_path: Path) -> None:
    home = Home(tmp_path / "空")
    home.root.mkdir()
    with pytest.raises(MigrateError, match="无可迁移"):
        migrate_to_server(home, "postgresql+psycopg://u@127.0.0.1:1/db")


def test_edits_still_in_the_write_ahead_log_move_too_and_the_log_stays(
    district: Home, postgres_url: str
) -> None:
    # A Yishi that ended without closing (power cut): its last save is only in the -wal file.
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute(\"UPDATE topic SET title = '停电前的最后一次保存' WHERE rowid = 1\")\n"
        "c.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(district.database)], check=True)
    before = _files(district)
    assert "wal" in before

    migrate_to_server(district, postgres_url)

    assert _files(district) == before
    engine = create_engine(postgres_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            titles = connection.execute(select(Topic.__table__.c.title)).scalars().all()
    finally:
        engine.dispose()
    assert "停电前的最后一次保存" in titles


def test_the_command_moves_the_district_and_says_so_without_the_password(
    district: Home, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    assert main(["--home", str(district.root), "migrate-db", "--to", postgres_url]) == 0
    said = capsys.readouterr()
    assert "已迁移到 PostgreSQL 服务器" in said.out and "核对" in said.out
    assert "原数据库文件未改动" in said.out and "正在复制 topic" in said.err
    credentials = postgres_url.split("://", 1)[1].split("@", 1)[0]
    assert ":" in credentials and f"{credentials}@" not in said.out + said.err
    assert "postgresql+psycopg://" not in said.out + said.err
    # Every later command uses the server; moving again is refused.
    assert main(["--home", str(district.root), "check"]) == 0
    assert main(["--home", str(district.root), "migrate-db", "--to", postgres_url]) == 2
    assert "已在使用数据库服务器" in capsys.readouterr().err


def test_a_room_stays_on_its_file(tmp_path: Path, postgres_url: str) -> None:
    from desktop.setup import setup_room

    home = Home(tmp_path / "和平桥")
    db = open_database(home)
    setup_room(db, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
    db.close()
    with pytest.raises(MigrateError, match="议事室不使用数据库服务器"):
        migrate_to_server(home, postgres_url)
    assert remembered_database_url(home) is None
    engine = create_engine(postgres_url, poolclass=NullPool)
    try:
        assert inspect(engine).get_table_names() == []  # refused before the server was touched
    finally:
        engine.dispose()
