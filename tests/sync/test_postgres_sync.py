"""A district on PostgreSQL imports a room's bundle as a district on SQLite does (issue 20).

Run with YISHI_TEST_POSTGRES_URL set (tests/postgres.py); skipped without it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop import clock
from desktop.cli import main
from desktop.db import Database, open_database, remember_database_url
from desktop.errors import is_busy, storage_reason
from desktop.models import AuditEntry, SyncBundle
from desktop.paths import Home
from desktop.sync.digest import scanned_digest, state_digest
from desktop.sync.importer import import_bundle
from tests.sync.conftest import room_bundle_into, synced_counts


def _district(kind: str, root: Path, postgres_url: str, template: Path) -> Database:
    """A district's database: a SQLite file, or the PostgreSQL one its home remembers."""
    home = Home(root / "district")
    if kind == "sqlite":
        home.create_dirs()
        shutil.copyfile(template, home.database)
    else:
        remember_database_url(home, postgres_url)
    district = open_database(home)
    assert district.engine.dialect.name == kind
    return district


def test_postgres_district_imports_what_a_sqlite_district_does(
    postgres_url: str, template_database: Path, tmp_path: Path
) -> None:
    results: dict[str, dict[str, int]] = {}
    for kind in ("sqlite", "postgresql"):
        root = tmp_path / kind
        district = _district(kind, root, postgres_url, template_database)
        room = None
        try:
            room, bundle, _room_counts = room_bundle_into(district, root, template_database)
            result = import_bundle(district, bundle)
            assert result.totals().added > 0 and result.totals().quarantined == 0
            results[kind] = synced_counts(district)
            room_node = room.installation().node_id  # type: ignore[union-attr]
            with room.session() as session:
                sent = scanned_digest(session, room_node)
            with district.session() as session:
                # The running digest the rows moved equals a scan, and the room's own.
                assert state_digest(session, room_node) == scanned_digest(session, room_node)
                assert scanned_digest(session, room_node) == sent
                audits = session.scalar(select(func.count()).select_from(AuditEntry))
            # The same bundle again changes nothing.
            again = import_bundle(district, bundle)
            assert again.already_imported
            assert synced_counts(district) == results[kind]
            with district.session() as session:
                bundles = session.scalar(
                    select(func.count()).select_from(SyncBundle).where(SyncBundle.direction == "in")
                )
                assert session.scalar(select(func.count()).select_from(AuditEntry)) == audits
            assert bundles == 1
        finally:
            district.close()
            if room is not None:
                room.close()
    assert results["postgresql"] == results["sqlite"]
    assert results["postgresql"]["meeting"] > 0


def _without_ids(value: object) -> object:
    """Figures as a reader compares them: the two districts enrolled the room under ids of
    their own, so the ids differ and everything else must not."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_postgres_district_stats_match_sqlite(
    postgres_url: str,
    template_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stats: dict[str, object] = {}
    year = str(clock.today().year)
    for kind in ("sqlite", "postgresql"):
        root = tmp_path / kind
        district = _district(kind, root, postgres_url, template_database)
        room = None
        try:
            room, bundle, _room_counts = room_bundle_into(district, root, template_database)
            import_bundle(district, bundle)
        finally:
            district.close()
            if room is not None:
                room.close()
        capsys.readouterr()
        home = str(root / "district")
        assert main(["--home", home, "stats", "--json", "--year", year]) == 0
        stats[kind] = json.loads(capsys.readouterr().out)
    assert _without_ids(stats["postgresql"]) == _without_ids(stats["sqlite"])
    assert stats["postgresql"]["meetings"]  # type: ignore[index]


def test_postgres_lock_timeout_is_busy_and_said_in_chinese(
    postgres_url: str, tmp_path: Path
) -> None:
    """The GUI thread's brief wait is the server's lock_timeout; running out is 'busy'."""
    db = open_database(Home(tmp_path / "district"), url=postgres_url)
    try:
        db.wait_briefly_on_this_thread()
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW lock_timeout").scalar() == "2s"
            connection.exec_driver_sql("CREATE TABLE held (id integer)")
            connection.commit()
        other = db.engine.connect()
        try:
            with other.begin():
                other.exec_driver_sql("LOCK TABLE held IN ACCESS EXCLUSIVE MODE")
                from sqlalchemy.exc import OperationalError

                with pytest.raises(OperationalError) as caught, db.engine.connect() as mine:
                    mine.exec_driver_sql("SET lock_timeout = 100")
                    mine.exec_driver_sql("SELECT * FROM held")
                assert is_busy(caught.value)
                assert storage_reason(caught.value) == (
                    "数据库正被另一位用户使用（可能正在导入数据包），请稍后重试"
                )
        finally:
            other.close()
    finally:
        db.close()


def test_server_refusals_are_busy_or_named_in_chinese() -> None:
    """No server needed: the driver's errors as SQLAlchemy hands them on."""
    psycopg = pytest.importorskip("psycopg")
    from sqlalchemy.exc import DBAPIError, OperationalError

    for error in (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected):
        wrapped = DBAPIError.instance("UPDATE x", None, error("conflict"), psycopg.Error)
        assert is_busy(wrapped)
        assert storage_reason(wrapped) is not None and "请重试" in str(storage_reason(wrapped))
    lost = OperationalError(
        "SELECT 1", None, psycopg.OperationalError("server closed the connection unexpectedly")
    )
    assert not is_busy(lost)
    assert storage_reason(lost) == "与数据库服务器的连接中断（服务器是否已停止，或网络已断开？）"
    full = DBAPIError.instance("INSERT", None, psycopg.errors.DiskFull("no space"), psycopg.Error)
    assert storage_reason(full) == "数据库服务器的磁盘已满"
    assert storage_reason(psycopg.errors.UniqueViolation("duplicate")) is None


def test_a_long_import_on_the_server_blocks_no_reader(
    postgres_url: str, template_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one clerk's import holds its transaction open, another workstation's lists,
    figures and search answer at once from what was there before; after the import's
    commit, a refresh shows the new records."""
    import threading
    import time

    from desktop import overview
    from desktop.models import Topic
    from desktop.queries.search import search
    from desktop.sync import upsert

    district = _district("postgresql", tmp_path, postgres_url, template_database)
    room, bundle, room_counts = room_bundle_into(district, tmp_path, template_database)
    room.close()
    reader_home = Home(tmp_path / "工作站二")
    remember_database_url(reader_home, postgres_url)
    reader = open_database(reader_home)
    halfway, go_on = threading.Event(), threading.Event()
    real_forget = upsert._forget_stale

    def hold_the_transaction(session: object, written: object) -> None:
        # Every row written, nothing committed yet: the reader's moment.
        real_forget(session, written)  # type: ignore[arg-type]
        halfway.set()
        go_on.wait(30)

    monkeypatch.setattr(upsert, "_forget_stale", hold_the_transaction)
    importer = threading.Thread(target=import_bundle, args=(district, bundle))
    importer.start()
    try:
        assert halfway.wait(60)

        def topics() -> int:
            with reader.session() as session:
                return session.scalar(select(func.count()).select_from(Topic)) or 0

        started = time.perf_counter()
        assert topics() == 0
        overview.dashboard_figures(reader)
        search(reader, "协商")
        assert time.perf_counter() - started < 5  # answered, not waiting for the import
    finally:
        go_on.set()
        importer.join(60)
    try:
        assert topics() == room_counts["topic"] > 0  # a refresh sees the import
    finally:
        reader.close()
        district.close()
