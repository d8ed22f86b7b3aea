"""Two windows and an import racing for one installation (issue 13), with real processes and
a real room bundle: while a window holds the installation, a second start brings it forward
and exits, and `yishi import` waits, then refuses in Chinese and writes nothing; once the
window is gone, the same import goes ahead.

The lock itself (desktop.instance_lock) is tested in tests/test_instance_lock.py, the second
start in-process in tests/views/shell/test_single_instance.py; here each party is its own
`python -m desktop` process, as on a village PC.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.backups import list_backups
from desktop.checks import run_checks
from desktop.db import open_database
from desktop.instance_lock import GUI, LOCK_NAME, read_holder
from desktop.paths import Home
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from tests.fault_helpers import CHECK_DAY, ROOT, fill_room, integrity
from tests.sync_pair import Pair

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM ends the window")

HELD = "另一个议事程序正在使用此数据文件夹（程序界面，进程 {pid}，"


def _yishi(home: Home, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "--home", str(home.root), *args]


def _env(lock_wait: float | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "YISHI_LOCK_WAIT"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if lock_wait is not None:
        env["YISHI_LOCK_WAIT"] = str(lock_wait)
    return env


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        connection.close()
    if table == "sync_bundle":  # when it came in differs; which bundle and how, not
        rows = [row[1:3] for row in rows]
    return sorted(rows)


def _wait_for(condition: Callable[[], object], what: str, window: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        if window.poll() is not None:
            raise AssertionError(f"the window ended ({window.returncode}) before {what}")
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_second_window_and_an_import_wait_for_the_window(pair: Pair, tmp_path: Path) -> None:
    fill_room(pair.room, topics=40)
    bundle = export_bundle(pair.room, to_dir=tmp_path).path
    home = pair.district.home
    pair.district.close()
    pair.room.close()
    # What the import leaves, done on a copy.
    reference = Home(tmp_path / "reference")
    shutil.copytree(home.root, reference.root)
    db = open_database(reference)
    import_bundle(db, bundle)
    db.close()

    log = tmp_path / "window.err"
    with log.open("w") as err:
        window = subprocess.Popen(
            _yishi(home), cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=err, text=True
        )
    try:
        _wait_for(
            lambda: (h := read_holder(home.root)) is not None and h.pid == window.pid,
            "holding the lock",
            window,
        )
        assert read_holder(home.root).program == GUI  # type: ignore[union-attr]
        # Settled: its start-of-day backup made, nothing more to write.
        _wait_for(lambda: list_backups(home), "the start-of-day backup", window)
        time.sleep(1.0)
        before = _dump(home.database)

        # A second window and an import, started together while the first holds the folder.
        second = subprocess.Popen(
            _yishi(home, "--smoke"),
            cwd=ROOT,
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        importing = subprocess.Popen(
            _yishi(home, "import", str(bundle)),
            cwd=ROOT,
            env=_env(lock_wait=2),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        second_out, second_err = second.communicate(timeout=120)
        import_out, import_err = importing.communicate(timeout=120)

        assert second.returncode == 0, second_err
        # English until the lead regenerates the translations.
        assert "已经在运行" in second_err or "already running" in second_err, second_err
        assert "smoke ok" not in second_out  # it never opened the database

        assert importing.returncode == 2, import_err
        lines = import_err.splitlines()
        held = HELD.format(pid=window.pid)
        assert lines[0].startswith(held) and lines[0].endswith("正在等待…"), lines
        assert lines[-1].startswith(f"错误：{held}") and lines[-1].endswith("请等它结束后再试")
        assert len(lines) == 2 and import_out == ""
        assert "Traceback" not in import_err
        # Nothing written: the database as it was, no backup before an import.
        assert _dump(home.database) == before
        assert [b.reason for b in list_backups(home)] == ["daily"]
        assert window.poll() is None and read_holder(home.root).pid == window.pid  # type: ignore[union-attr]

        # The same import, waiting longer: it goes ahead as soon as the window is closed.
        waiting = subprocess.Popen(
            _yishi(home, "import", str(bundle)),
            cwd=ROOT,
            env=_env(lock_wait=120),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert waiting.stderr is not None
        told = waiting.stderr.readline()
        assert told.startswith(held) and told.rstrip().endswith("正在等待…"), told
        assert _dump(home.database) == before
    finally:
        window.terminate()
        window.wait(60)
    imported_out, imported_err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, imported_err
    assert imported_out.startswith(f"✓ {bundle}：新增 "), imported_out
    assert "Traceback" not in imported_err
    # Whole, as the import done on the copy, and the folder free again.
    assert not (home.root / LOCK_NAME).exists()
    assert integrity(home.database) == [("ok",)]
    for table in ("topic", "participant", "sync_bundle"):
        assert _rows(home.database, table) == _rows(reference.database, table), table
    db = open_database(home)
    try:
        assert run_checks(db, today=CHECK_DAY) == []
    finally:
        db.close()
