"""SIGKILL at random moments while saving and while importing (issue 13): every save that
returned is there, an import is wholly there or wholly absent, and the database passes
integrity_check and `yishi check` after every kill.

`YISHI_KILLS=200 python -m pytest tests/test_fault_kills.py -n0 --timeout 0` for the long run.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from pathlib import Path
from random import Random

import pytest

from desktop.backups import list_backups
from desktop.checks import run_checks
from desktop.db import Database, open_database
from desktop.paths import Home
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from tests.fault_helpers import (
    CHECK_DAY,
    KILLS,
    SAVE_LOOP,
    ForkServer,
    acknowledged,
    bundles_in,
    committed_saves,
    fill_room,
    integrity,
    prepare_save_room,
    save_loop_args,
    table_rows,
)
from tests.sync_pair import Pair

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def _sound(home: Home) -> None:
    """The database and every listed backup pass integrity_check; `yishi check` finds nothing."""
    assert integrity(home.database) == [("ok",)]
    for backup in list_backups(home):
        assert integrity(backup.path) == [("ok",)], backup.path
    db = open_database(home, verify=True)
    try:
        assert run_checks(db, today=CHECK_DAY) == []
    finally:
        db.close()


def test_sigkill_while_saving_keeps_every_acknowledged_save(room_db: Database) -> None:
    room = prepare_save_room(room_db)
    home = room_db.home
    room_db.close()
    rng = Random(1301)
    acked_total = unacked_total = 0
    with ForkServer(SAVE_LOOP) as server:
        for kill in range(KILLS):
            run = f"r{kill}"
            lines = server.kill_at_random(*save_loop_args(home.root, run, room), rng=rng)
            acked = acknowledged(lines, run)
            connection = sqlite3.connect(home.database)
            try:
                saved = committed_saves(connection, run, room)
            finally:
                connection.close()
            # Every acknowledged save is there; at most the one under way when the kill came
            # (committed, its acknowledgement not yet printed) more.
            assert saved in (acked, acked + 1), (run, acked, saved)
            acked_total += acked
            unacked_total += saved - acked
            _sound(home)
    assert acked_total > KILLS  # the kills came while saving, not before the first save
    print(f"\n{KILLS} kills, {acked_total} saves acknowledged, {unacked_total} more committed")


IMPORT_ONCE = """
import time
from pathlib import Path
from desktop.db import open_database
from desktop.paths import Home
from desktop.sync.importer import import_bundle
import desktop.backups, desktop.sync.bundle, desktop.sync.keys, pyrage  # imported once


def main(argv):
    home, bundle, wait = argv
    db = open_database(Home(Path(home)))
    print("ready", flush=True)
    import_bundle(db, Path(bundle))
    print("imported", flush=True)
    time.sleep(float(wait))
"""


def _state(home: Home, tables: list[str]) -> tuple[dict[str, set[tuple[object, ...]]], list[str]]:
    connection = sqlite3.connect(home.database)
    try:
        return table_rows(connection, tables), bundles_in(connection)
    finally:
        connection.close()


def test_sigkill_while_importing_leaves_the_import_whole_or_absent(
    pair: Pair, tmp_path: Path
) -> None:
    attachment = tmp_path / "现场照片.jpg"
    attachment.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 64)
    fill_room(pair.room, topics=150, attachment=attachment)
    bundle = export_bundle(pair.room, to_dir=tmp_path).path
    pristine = pair.district.home.root
    pair.district.close()

    with ForkServer(IMPORT_ONCE) as server:
        # The state before, and after the import done once without a kill, which it times.
        reference = Home(tmp_path / "reference")
        shutil.copytree(pristine, reference.root)
        started = time.monotonic()
        assert server.run(str(reference.root), str(bundle), "0") == ["imported"]
        took = time.monotonic() - started
        tables = ["attachment", "meeting", "participant", "topic"]
        before = _state(Home(pristine), tables)
        after = _state(reference, tables)
        assert before != after and before[1] == [] and len(after[1]) == 1

        rng = Random(1302)
        outcomes = {"absent": 0, "whole": 0}
        for kill in range(KILLS):
            home = Home(tmp_path / f"kill{kill}")
            shutil.copytree(pristine, home.root)
            # Most kills land inside the import (a backup first, then one transaction).
            lines = server.kill_at_random(
                str(home.root), str(bundle), "60", rng=rng, longest=took * 1.3
            )
            state = _state(home, tables)
            assert state in (before, after), f"kill {kill}: a partial import"
            if lines == ["imported"]:
                assert state == after
            outcomes["whole" if state == after else "absent"] += 1
            _sound(home)
            # Importing again succeeds and ends as an import never killed.
            db = open_database(home)
            try:
                again = import_bundle(db, bundle)
            finally:
                db.close()
            assert again.already_imported == (state == after)
            assert _state(home, tables) == after
            _sound(home)
            shutil.rmtree(home.root)
    print(f"\n{KILLS} kills during an import of {took:.2f} s: {outcomes}")
