"""A district's database on a PostgreSQL server (issue 20): opened by URL or by the home's
`database-url` file, migrated without a backup, and every way of naming it wrongly refused
with a message that names the server and never the password."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, make_url
from sqlalchemy.schema import CreateIndex

from desktop.db import (
    DatabaseError,
    DatabaseTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    make_server_engine,
    open_database,
    remember_database_url,
    remembered_database_url,
)
from desktop.models import Base
from desktop.paths import Home
from desktop.setup import setup_district

PASSWORD = "s3cret-Pw"


def _with(url: str, **parts: str | int) -> str:
    return make_url(url).set(**parts).render_as_string(hide_password=False)


def test_a_district_keeps_its_records_on_the_server(postgres_url: str, tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    db = open_database(home, url=postgres_url, verify=True)
    try:
        assert db.engine.dialect.name == "postgresql"
        assert current_revision(db.engine) == head_revision()
        setup_district(db, name="启东市政协")
    finally:
        db.close()
    db = open_database(home, url=postgres_url)
    try:
        installation = db.installation()
        assert installation is not None
        assert installation.name == "启东市政协"
        assert installation.role == "district"
    finally:
        db.close()
    # The home holds the keys, attachments and backups; the records are on the server.
    assert not home.database.exists()
    assert home.keys.is_dir() and home.attachments.is_dir()
    assert list(home.backups.iterdir()) == []  # a server database is not backed up here


def test_an_older_server_database_is_migrated_without_a_backup(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as connection, connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0013_status_history")
    finally:
        engine.dispose()
    home = Home(tmp_path / "home")
    db = open_database(home, url=postgres_url)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()
    assert list(home.backups.iterdir()) == []


def test_a_server_database_of_a_newer_yishi_is_refused_untouched(
    postgres_url: str, tmp_path: Path
) -> None:
    open_database(Home(tmp_path / "first"), url=postgres_url).close()
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
        with pytest.raises(DatabaseTooNewError) as refused:
            open_database(Home(tmp_path / "home"), url=postgres_url)
        assert current_revision(engine) == "9999_future"
    finally:
        engine.dispose()
    url = make_url(postgres_url)
    assert "9999_future" in str(refused.value)
    assert f"{url.host}:{url.port or 5432}/{url.database}" in str(refused.value)
    assert f":{url.password}@" not in str(refused.value)


def test_the_home_remembers_its_server(postgres_url: str, tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    remember_database_url(home, postgres_url)
    assert remembered_database_url(home) == postgres_url
    if os.name == "posix":  # it may hold a password
        assert home.database_url_file.stat().st_mode & 0o077 == 0
    db = open_database(home)
    try:
        assert db.engine.dialect.name == "postgresql"
    finally:
        db.close()
    remember_database_url(home, None)
    assert not home.database_url_file.exists()
    db = open_database(home)
    try:
        assert db.engine.dialect.name == "sqlite"
    finally:
        db.close()


def test_a_wrong_password_names_the_server_and_not_the_password(
    postgres_url: str, tmp_path: Path
) -> None:
    url = make_url(postgres_url)
    with pytest.raises(DatabaseError) as refused:
        open_database(Home(tmp_path), url=_with(postgres_url, password=PASSWORD))
    message = str(refused.value)
    assert "拒绝登录" in message and "用户名或密码不对" in message
    assert f"{url.host}:{url.port or 5432}" in message
    assert PASSWORD not in message


def test_a_missing_server_database_is_named(postgres_url: str, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as refused:
        open_database(Home(tmp_path), url=_with(postgres_url, database="yishi_no_such_db"))
    assert "没有数据库 yishi_no_such_db" in str(refused.value)
    assert f":{make_url(postgres_url).password}@" not in str(refused.value)


def test_a_server_that_does_not_answer_is_named(tmp_path: Path) -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    url = f"postgresql+psycopg://yishi:{PASSWORD}@127.0.0.1:1/yishi"
    with pytest.raises(DatabaseError) as refused:
        open_database(Home(tmp_path), url=url)
    message = str(refused.value)
    assert "无法连接数据库服务器 127.0.0.1:1" in message
    assert PASSWORD not in message
    assert not Home(tmp_path).database.exists()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("yishi.sqlite", "格式不对"),
        ("postgresql+psycopg://u:p@host:port/db", "格式不对"),
        ("sqlite:///yishi.sqlite", "不是 PostgreSQL 的（sqlite）"),
        ("mysql://u:p@host/db", "不是 PostgreSQL 的（mysql）"),
        (f"postgresql+psycopg2://u:{PASSWORD}@host/db", "不是 PostgreSQL 的"),
        (f"postgresql+psycopg://u:{PASSWORD}@host:5432", "没有写数据库名"),
    ],
)
def test_a_bad_url_is_refused_by_name(tmp_path: Path, url: str, expected: str) -> None:
    with pytest.raises(DatabaseError) as refused:
        open_database(Home(tmp_path), url=url)
    assert expected in str(refused.value)
    assert PASSWORD not in str(refused.value)
    assert not Home(tmp_path).database.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"sqlite:///elsewhere.sqlite\n", "不是 PostgreSQL 的"),
        (b"just words\n", "格式不对"),
        (b"\n\n", "现在有 0 行"),
        (b"postgresql+psycopg://a@h/x\npostgresql+psycopg://b@h/y\n", "现在有 2 行"),
        (b"\xff\xfe\x00garbage", "不是 UTF-8 文本"),
    ],
)
def test_a_bad_database_url_file_is_refused_by_name(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    home = Home(tmp_path)
    home.database_url_file.write_bytes(content)
    with pytest.raises(DatabaseError) as refused:
        open_database(home)
    message = str(refused.value)
    assert expected in message
    assert str(home.database_url_file) in message
    # Never a new, empty SQLite database beside the address that failed.
    assert not home.database.exists()


def test_the_database_url_file_may_come_from_notepad(tmp_path: Path) -> None:
    home = Home(tmp_path)
    url = f"postgresql+psycopg://yishi:{PASSWORD}@db.example/yishi"
    home.database_url_file.write_bytes(b"\xef\xbb\xbf\r\n" + url.encode() + b"\r\n")
    assert remembered_database_url(home) == url


def test_a_missing_driver_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # None in sys.modules makes `import psycopg` fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(DatabaseError) as refused:
        open_database(Home(tmp_path), url=f"postgresql://yishi:{PASSWORD}@127.0.0.1/yishi")
    message = str(refused.value)
    assert "psycopg" in message and "yishi[postgres]" in message
    assert "127.0.0.1:5432/yishi" in message
    assert PASSWORD not in message


# Which driver modules a fresh interpreter holds after load_driver on a home.
_LOADED_AFTER = """
import sys
from pathlib import Path
if len(sys.argv) > 2:
    sys.modules["psycopg"] = None  # not installed (the frozen app has no server driver)
from desktop.db import load_driver
from desktop.paths import Home
load_driver(Home(Path(sys.argv[1])))
print(sys.modules.get("psycopg") is not None, "PySide6" in sys.modules)
"""


@pytest.mark.parametrize(
    ("address", "loaded"),
    [
        (f"postgresql+psycopg://yishi:{PASSWORD}@db.example/yishi", True),
        (None, False),  # SQLite: no driver to load
        ("mysql://yishi@db.example/yishi", False),  # refused when the database opens
        ("postgresql://a\nb\n", False),
    ],
)
def test_the_gui_loads_a_server_homes_driver_before_qt(
    tmp_path: Path, address: str | None, loaded: bool
) -> None:
    # The GUI calls it first (desktop.cli): PySide6's import hook makes later imports dearer.
    # It never connects, and leaves a bad address to opening the database to name.
    if address is not None:
        (tmp_path / "database-url").write_text(address, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _LOADED_AFTER, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [str(loaded), "False"]


def test_a_missing_driver_is_left_to_opening_the_database(tmp_path: Path) -> None:
    (tmp_path / "database-url").write_text("postgresql://yishi@db.example/yishi", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _LOADED_AFTER, str(tmp_path), "without psycopg"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["False", "False"]


_DIALECTS_AFTER = """
import sys
from pathlib import Path
from desktop.db import open_database
from desktop.paths import Home
from desktop.queries.outcomes import outcome_years
db = open_database(Home(Path(sys.argv[1])))
outcome_years(db)
db.close()
print(sorted(m for m in sys.modules if m.startswith("sqlalchemy.dialects.")))
"""


def test_a_sqlite_home_never_loads_the_server_dialect(tmp_path: Path) -> None:
    # SQLAlchemy's PostgreSQL dialect, all its drivers' modules with it, is some 45 ms of a
    # start; the partial indexes name their server conditions only when a server is used.
    # (Alembic loads it to migrate, which an up-to-date database's start does not do.)
    home = Home(tmp_path / "家")
    db = open_database(home)
    setup_district(db, name="崇川区政协")
    db.close()
    result = subprocess.run(
        [sys.executable, "-c", _DIALECTS_AFTER, str(home.root)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = result.stdout.strip()
    assert "sqlalchemy.dialects.sqlite" in loaded and "postgresql" not in loaded


def test_a_server_engine_gives_the_partial_indexes_their_conditions() -> None:
    engine = make_server_engine(make_url("postgresql+psycopg://yishi@db.example/yishi"))
    ddl = {
        index.name: str(CreateIndex(index).compile(dialect=engine.dialect))
        for table in Base.metadata.tables.values()
        for index in table.indexes
    }
    assert ddl["ix_topic_deleted"].endswith("WHERE deleted")
    for name, column in [
        ("ix_outcome_activity", "activity_id"),
        ("ix_outcome_case", "case_id"),
        ("ix_outcome_escalated", "escalated_on"),
    ]:
        assert ddl[name].endswith(f"WHERE {column} IS NOT NULL")
    assert "WHERE" not in ddl["ix_outcome_deadline"]
