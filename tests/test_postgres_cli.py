"""The command line for a district on PostgreSQL (issue 20): `--db` at setup, remembered by
the home; two clerks' workstations importing the same bundle at once.

Run with YISHI_TEST_POSTGRES_URL set (tests/postgres.py); skipped without it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select

from desktop.cli import main
from desktop.db import Database, open_database, remember_database_url
from desktop.models import AuditEntry, SyncBundle
from desktop.paths import Home
from tests.sync.conftest import room_bundle_into, synced_counts


def _command(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
    )


def _password(url: str) -> str:
    password = make_url(url).password
    assert password
    return str(password)


def test_setup_district_on_a_server_is_remembered_by_the_home(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "district"
    argv = ["--home", str(home), "--db", postgres_url, "setup", "district", "--name", "崇川区政协"]
    assert main(argv) == 0
    out = capsys.readouterr()
    assert "崇川区政协" in out.out and "PostgreSQL" in out.out
    assert f":{_password(postgres_url)}@" not in out.out + out.err
    assert (home / "database-url").read_text(encoding="utf-8").strip() == postgres_url
    assert not Home(home).database.exists()  # the records are on the server
    # Every later command opens the remembered database, with or without the same --db.
    assert main(["--home", str(home), "demo", "--roster-only"]) == 0
    assert main(["--home", str(home), "--db", postgres_url, "rooms"]) == 0
    capsys.readouterr()
    # Not another database, not a second setup.
    other = make_url(postgres_url).set(database="elsewhere").render_as_string(hide_password=False)
    assert main(["--home", str(home), "--db", other, "rooms"]) == 2
    err = capsys.readouterr().err
    assert "--db 只能在建立区政协安装时" in err and f":{_password(postgres_url)}@" not in err
    assert main(argv) == 2
    assert "已" in capsys.readouterr().err


def test_a_room_may_not_use_a_server(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "room"
    argv = ["--home", str(home), "--db", postgres_url, "setup", "room", "--name", "和平桥"]
    argv += ["--village", "和平桥社区", "--township", "和平桥街道"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "议事室不能使用数据库服务器" in err and f":{_password(postgres_url)}@" not in err
    assert not home.exists()


def test_a_sqlite_home_refuses_another_database(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "district"
    assert main(["--home", str(home), "setup", "district", "--name", "崇川区政协"]) == 0
    capsys.readouterr()
    assert main(["--home", str(home), "--db", postgres_url, "rooms"]) == 2
    assert "使用本机内置的数据库" in capsys.readouterr().err
    assert not (home / "database-url").exists()


def test_two_workstations_import_the_same_bundle_at_once(
    postgres_url: str, template_database: Path, tmp_path: Path
) -> None:
    """Two clerks, each with a copy of the district's home (the same keys) on one server
    database, import the same bundle in two processes at the same moment: each record once,
    one bundle on record, neither refused."""
    first = Home(tmp_path / "clerk1")
    district = open_database(first, url=postgres_url)
    remember_database_url(first, postgres_url)
    room: Database | None = None
    try:
        room, bundle, expected = room_bundle_into(district, tmp_path, template_database)
        before = synced_counts(district)
    finally:
        district.close()
    second = Home(tmp_path / "clerk2")
    shutil.copytree(first.root, second.root)
    try:
        clerks = [
            _command("--home", str(home.root), "import", "--json", str(bundle))
            for home in (first, second)
        ]
        outcomes = [clerk.communicate(timeout=300) for clerk in clerks]
        for clerk, (out, err) in zip(clerks, outcomes, strict=True):
            assert clerk.returncode == 0, err
            assert f":{_password(postgres_url)}@" not in out + err
        statuses = sorted(json.loads(out)[0]["status"] for out, _err in outcomes)
        assert statuses == ["already_imported", "imported"]
        district = open_database(second)
        try:
            after = synced_counts(district)
            with district.session() as session:
                bundles = session.scalar(
                    select(func.count()).select_from(SyncBundle).where(SyncBundle.direction == "in")
                )
                audits = session.scalar(
                    select(func.count())
                    .select_from(AuditEntry)
                    .where(AuditEntry.record_table == "meeting")
                )
        finally:
            district.close()
        assert bundles == 1
        # Each of the room's records once: the room's own tables as the room holds them.
        for table in ("meeting", "agenda_item", "attendance", "topic", "activity"):
            assert after[table] == expected[table] > 0 or table == "activity", table
            assert after[table] >= before[table]
        assert audits == expected["meeting"]
    finally:
        if room is not None:
            room.close()
