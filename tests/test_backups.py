"""Backups (verified, named by reason, skipped when unchanged, rotated, copied to a second
folder) and restoring one (issue 13): the state comes back exactly, a wrong file changes
nothing, and SIGKILL at any moment leaves every backup and the database whole."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop import settings
from desktop.backups import (
    BackupFile,
    RestoreError,
    backup_now,
    backups_to_remove,
    daily_backup,
    list_backups,
    restore_backup,
    take_backup,
)
from desktop.checks import run_checks
from desktop.cli import main
from desktop.db import BackupVerifyError, Database, backup_sqlite, open_database
from desktop.paths import Home
from desktop.setup import setup_room
from desktop.workflow.rooms import save_room_details
from tests.fault_helpers import KILLS, integrity, kill_at_random

NOON = datetime(2026, 12, 4, 9, 30)


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _rename(db: Database, name: str) -> None:
    save_room_details(db, name=name, village="和平桥社区", township="和平桥街道")


def test_a_copy_that_reads_back_damaged_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite"
    connection = sqlite3.connect(source)
    connection.execute("CREATE TABLE t (x TEXT)")
    connection.execute("CREATE INDEX ix ON t (x)")
    connection.executemany("INSERT INTO t VALUES (?)", [(f"row {i}" * 20,) for i in range(2000)])
    connection.commit()
    connection.close()
    # Garbage over a page in the middle: SQLite copies pages as they are, the check notices.
    with source.open("r+b") as handle:
        handle.seek(4096 * 10)
        handle.write(os.urandom(4096))
    target = tmp_path / "backups" / "yishi-20261204-093000-manual.sqlite"
    with pytest.raises(BackupVerifyError, match="校验"):
        backup_sqlite(source, target, require_revision=False)
    assert list(target.parent.iterdir()) == []


def test_names_carry_the_reason_and_old_names_read_as_made_by_hand(room_db: Database) -> None:
    folder = room_db.home.backups
    made = take_backup(room_db, "import", now=NOON)
    assert made.made and made.path is not None
    assert made.path.name == "yishi-20261204-093000-import.sqlite"
    assert integrity(made.path) == [("ok",)]
    (folder / "yishi-20261101-080000.sqlite").write_bytes(made.path.read_bytes())
    (folder / "yishi-20261101-080000-2.sqlite").write_bytes(made.path.read_bytes())
    (folder / "yishi-20261001-080000-before-0007.sqlite").write_bytes(made.path.read_bytes())
    (folder / "yishi-20261204-093000-daily.sqlite.part").write_bytes(b"half")
    listed = [(f.path.name, f.reason) for f in list_backups(room_db.home)]
    assert listed == [
        ("yishi-20261204-093000-import.sqlite", "import"),
        ("yishi-20261101-080000-2.sqlite", "manual"),
        ("yishi-20261101-080000.sqlite", "manual"),
        ("yishi-20261001-080000-before-0007.sqlite", "migration"),
    ]


def test_an_automatic_backup_is_skipped_when_nothing_changed(room_db: Database) -> None:
    first = take_backup(room_db, "daily", now=NOON)
    assert first.made
    again = take_backup(room_db, "import", now=NOON + timedelta(hours=1))
    assert not again.made and again.path == first.path
    # A setting alone (no synced row, no counter) is a change too.
    with room_db.session() as session:
        settings.put(session, settings.PRINTER, "办公室打印机")
    assert take_backup(room_db, "import", now=NOON + timedelta(hours=2)).made
    _rename(room_db, "新名字议事室")
    assert take_backup(room_db, "import", now=NOON + timedelta(hours=3)).made
    # By hand: always made, unchanged or not.
    assert backup_now(room_db, now=NOON + timedelta(hours=4)).exists()
    assert backup_now(room_db, now=NOON + timedelta(hours=4)).exists()
    assert len(list_backups(room_db.home)) == 5


def test_the_daily_backup_is_once_a_day(room_db: Database) -> None:
    assert daily_backup(room_db, now=NOON).made
    _rename(room_db, "改过一次")
    assert not daily_backup(room_db, now=NOON + timedelta(hours=5)).made
    assert daily_backup(room_db, now=NOON + timedelta(days=1)).made
    assert not daily_backup(room_db, now=NOON + timedelta(days=2)).made  # unchanged since


def _file(at: datetime, reason: str) -> BackupFile:
    return BackupFile(Path(f"yishi-{at:%Y%m%d-%H%M%S}-{reason}.sqlite"), at, 1, reason)


def test_rotation_keeps_days_weeks_months_and_the_last_of_each_reason() -> None:
    start = datetime(2025, 1, 1, 8, 0)
    files = [_file(start + timedelta(days=d), "daily") for d in range(400)]
    files += [_file(start + timedelta(days=d, hours=2), "daily") for d in range(390, 400)]
    files += [_file(start + timedelta(days=d, hours=3), "import") for d in range(0, 400, 10)]
    files += [_file(start + timedelta(days=d, hours=4), "manual") for d in range(0, 400, 50)]
    files += [_file(start + timedelta(days=d, hours=5), "restore") for d in range(0, 40, 5)]
    files += [_file(start + timedelta(days=d, hours=6), "migration") for d in range(0, 70, 10)]
    removed = {f.path for f in backups_to_remove(files)}
    kept = [f for f in files if f.path not in removed]
    daily = sorted((f.written_at for f in kept if f.reason == "daily"), reverse=True)
    newest = start + timedelta(days=399, hours=2)
    # 7 days (the newest of each), then the newest of older weeks and months.
    assert daily[:7] == [newest - timedelta(days=d) for d in range(7)]
    assert len({(d.isocalendar()[0], d.isocalendar()[1]) for d in daily}) >= 4
    months = {(d.year, d.month) for d in daily}
    assert len(months) == 12
    assert len(daily) <= 7 + 4 + 12
    for day in {d.date() for d in daily}:
        assert sum(1 for d in daily if d.date() == day) == 1
    assert sum(1 for f in kept if f.reason == "import") == 10
    assert sum(1 for f in kept if f.reason == "restore") == 5
    assert sum(1 for f in kept if f.reason == "migration") == 5
    assert sum(1 for f in kept if f.reason == "manual") == 8
    kept_imports = sorted((f for f in kept if f.reason == "import"), key=lambda f: f.written_at)
    assert kept_imports[-1].written_at == start + timedelta(days=390, hours=3)


def test_rotation_never_removes_the_newest_backup() -> None:
    only = _file(datetime(2026, 1, 1), "restore")
    older = [_file(datetime(2026, 1, 1) - timedelta(days=d + 1), "restore") for d in range(8)]
    assert only.path not in {f.path for f in backups_to_remove([only, *older])}


def test_rotation_runs_after_an_automatic_backup(room_db: Database) -> None:
    for day in range(12):
        _rename(room_db, f"第{day}天")
        assert take_backup(room_db, "import", now=NOON + timedelta(days=day)).made
    assert [f.reason for f in list_backups(room_db.home)] == ["import"] * 10


def test_a_second_folder_gets_a_copy_and_a_missing_one_only_warns(
    room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with room_db.session() as session:
        settings.put(session, settings.BACKUP_SECOND_FOLDER, str(stick))
    made = take_backup(room_db, "manual", now=NOON)
    assert made.warning is None and made.path is not None
    assert (stick / made.path.name).read_bytes() == made.path.read_bytes()

    shutil.rmtree(stick)  # the stick is not plugged in
    missing = take_backup(room_db, "manual", now=NOON + timedelta(minutes=1))
    assert missing.path is not None and missing.path.exists()
    assert missing.warning is not None and "第二备份文件夹" in missing.warning

    stick.mkdir()

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.backups.shutil.copyfile", full)
    stuck = take_backup(room_db, "manual", now=NOON + timedelta(minutes=2))
    assert stuck.path is not None and stuck.path.exists()
    assert stuck.warning is not None and "磁盘已满" in stuck.warning
    assert not list(stick.iterdir())


def test_cli_backup_and_its_list(room_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(room_db.home.root)
    room_db.close()
    assert main(["--home", root, "backup"]) == 0
    path = Path(capsys.readouterr().out.strip().split("：", 1)[1])
    assert path.exists() and path.name.endswith("-manual.sqlite")
    assert main(["--home", root, "backup", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(row) for row in rows] == [{"path", "created", "size", "reason"}]
    assert rows[0]["path"] == str(path) and rows[0]["reason"] == "manual"
    assert rows[0]["size"] == path.stat().st_size
    assert datetime.fromisoformat(rows[0]["created"]).tzinfo is None
    assert main(["--home", root, "backup", "list"]) == 0
    assert "手动" in capsys.readouterr().out


def test_restore_brings_back_exactly_the_earlier_state(
    room_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_now(room_db, now=NOON)
    _rename(room_db, "恢复后应消失的名字")
    with room_db.session() as session:
        settings.put(session, settings.PRINTER, "恢复后应消失")
    root = str(room_db.home.root)
    room_db.close()
    assert main(["--home", root, "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "2026年12月4日 09:30" in out
    assert _dump(Home(Path(root)).database) == _dump(backup)
    reasons = [f.reason for f in list_backups(Home(Path(root)))]
    assert reasons.count("restore") == 1


def test_restore_through_an_open_database_with_uncheckpointed_wal(room_db: Database) -> None:
    backup = backup_now(room_db, now=NOON)
    # Hold a reader open so no checkpoint can empty the WAL while the edits are made.
    reader = sqlite3.connect(room_db.home.database)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM room").fetchall()
    _rename(room_db, "只在 WAL 中的修改")
    wal = Path(f"{room_db.home.database}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    reader.rollback()
    reader.close()
    result = restore_backup(room_db, backup)
    assert result.safety_backup is not None
    assert _dump(room_db.home.database) == _dump(backup)
    installation = room_db.installation()
    assert installation is not None
    assert not run_checks(room_db, today=NOON.date())
    # The state before the restore was kept and holds the edit.
    assert "只在 WAL 中的修改" in "\n".join(_dump(result.safety_backup))


def _refused(db: Database, path: Path, says: str) -> None:
    before = _dump(db.home.database), sorted(p.name for p in db.home.backups.iterdir())
    with pytest.raises(RestoreError, match=says):
        restore_backup(db, path)
    after = _dump(db.home.database), sorted(p.name for p in db.home.backups.iterdir())
    assert after == before


def test_restore_refuses_foreign_newer_damaged_and_non_databases(
    room_db: Database, tmp_path: Path, template_database: Path
) -> None:
    other = Home(tmp_path / "other")
    other.create_dirs()
    other.database.write_bytes(template_database.read_bytes())
    other_db = open_database(other)
    setup_room(other_db, name="别村议事室", village="别村", township="别镇")
    foreign = backup_now(other_db, now=NOON)
    other_db.close()
    _refused(room_db, foreign, "另一个议事安装")

    newer = tmp_path / "newer.sqlite"
    backup_sqlite(room_db.home.database, newer)
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    connection.commit()
    connection.close()
    _refused(room_db, newer, "更新版本")

    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(backup_now(room_db, now=NOON).read_bytes()[:8192] + os.urandom(50000))
    _refused(room_db, damaged, "不能用于恢复")

    text = tmp_path / "text.sqlite"
    text.write_text("不是数据库")
    _refused(room_db, text, "不是 SQLite")
    _refused(room_db, tmp_path / "gone.sqlite", "不存在")
    _refused(room_db, tmp_path, "文件夹")


# SIGKILL at random moments ----------------------------------------------------------------

_BACKUP_LOOP = """
import sys
from pathlib import Path
from desktop.backups import take_backup
from desktop.db import open_database
from desktop.paths import Home
from desktop.workflow.rooms import save_room_details

db = open_database(Home(Path(sys.argv[1])))
print("ready", flush=True)
n = 0
while True:
    n += 1
    save_room_details(db, name=f"循环{n}", village="和平桥社区", township="和平桥街道")
    take_backup(db, "daily" if n % 2 else "manual")
"""

_RESTORE_LOOP = """
import sys
from pathlib import Path
from desktop.backups import restore_backup
from desktop.db import open_database
from desktop.paths import Home

db = open_database(Home(Path(sys.argv[1])))
print("ready", flush=True)
sources = [Path(p) for p in sys.argv[2:]]
n = 0
while True:
    restore_backup(db, sources[n % len(sources)])
    n += 1
"""


def _whole(home: Home, checked: set[Path]) -> None:
    """Every backup listed since the last look passes integrity_check (a backup is never
    rewritten in place, so one checked stays whole), and `yishi check` finds nothing."""
    for backup in list_backups(home):
        if backup.path not in checked:
            assert integrity(backup.path) == [("ok",)], backup.path
            checked.add(backup.path)
    db = open_database(home)
    try:
        assert run_checks(db, today=NOON.date()) == []
    finally:
        db.close()


@pytest.mark.faults
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_while_backing_up_leaves_every_backup_whole(room_db: Database) -> None:
    home = room_db.home
    room_db.close()
    rng = random.Random(13)
    checked: set[Path] = set()
    for _ in range(KILLS):
        kill_at_random(_BACKUP_LOOP, str(home.root), rng=rng)
        _whole(home, checked)
    assert list_backups(home)


@pytest.mark.faults
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_while_restoring_leaves_the_old_or_the_restored_state(room_db: Database) -> None:
    home = room_db.home
    first = backup_now(room_db, now=NOON)
    _rename(room_db, "第二种状态")
    second = backup_now(room_db, now=NOON + timedelta(minutes=1))
    states = [_dump(first), _dump(second)]
    room_db.close()
    rng = random.Random(14)
    checked: set[Path] = set()
    for _ in range(KILLS):
        kill_at_random(_RESTORE_LOOP, str(home.root), str(first), str(second), rng=rng)
        # Read before anything opens it through open_database (which could only lift).
        assert _dump(home.database) in states
        _whole(home, checked)
