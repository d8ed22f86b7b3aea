"""A district on PostgreSQL imports a room's bundle as a district on SQLite does (issue 20).

Run with YISHI_TEST_POSTGRES_URL set (tests/postgres.py); skipped without it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.errors import is_busy, storage_reason
from desktop.models import AuditEntry, SyncBundle
from desktop.paths import Home
from desktop.sync.digest import scanned_digest, state_digest
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.records import synced_models
from tests.sync.conftest import make_district


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in synced_models()
        }


def _room_bundle_into(
    district: Database, root: Path, template: Path
) -> tuple[Database, Path, dict[str, int]]:
    """The district (roster from demo data) enrols a room that makes demo data and exports;
    the room, its bundle and the room's own counts."""
    make_district(district, escrow=root / "escrow.txt")
    generate(district, seed=5, roster_only=True)
    enrolment = enroll_room(
        district,
        room_name="和平桥社区协商议事室",
        village="和平桥社区",
        township="和平桥街道",
        output=root / "room.enrol",
    )
    home = Home(root / "room")
    home.create_dirs()
    shutil.copyfile(template, home.database)
    room = open_database(home)
    setup_room_from_enrolment(room, root / "room.enrol", enrolment.passphrase)
    generate(room, seed=3, years=0)
    (root / "usb").mkdir()
    bundle = export_bundle(room, to_dir=root / "usb").path
    return room, bundle, _counts(room)


def test_postgres_district_imports_what_a_sqlite_district_does(
    postgres_url: str, template_database: Path, tmp_path: Path
) -> None:
    results: dict[str, dict[str, int]] = {}
    for kind in ("sqlite", "postgresql"):
        root = tmp_path / kind
        home = Home(root / "district")
        if kind == "sqlite":
            home.create_dirs()
            shutil.copyfile(template_database, home.database)
            district = open_database(home)
        else:
            district = open_database(home, url=postgres_url)
        room = None
        try:
            assert district.engine.dialect.name == kind
            room, bundle, _room_counts = _room_bundle_into(district, root, template_database)
            result = import_bundle(district, bundle)
            assert result.totals().added > 0 and result.totals().quarantined == 0
            results[kind] = _counts(district)
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
            assert _counts(district) == results[kind]
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
