"""Power lost in the middle of a write (issue 13): what is on the disk at that moment opens,
passes integrity_check and `yishi check`, and holds each transaction wholly or not at all.

A writer process (a loop of saves, with long minutes among them; or a series of bundle
imports) is frozen with SIGSTOP at random moments and its database file and write-ahead
log are copied as they are on the disk, without the -shm index (memory-mapped; gone after
a reboot). Every copy opens with open_database as after a restart, and holds exactly the
acknowledged transactions, or those and the one under way.

A power cut can also tear the log's last frames: for each copy whose log holds frames
beyond the last commit SQLite recorded (a transaction being written), a second copy cuts
the log at a random byte inside them. Frames at or before that commit are never cut:
SQLite syncs the log before copying frames into the database file, so a real power cut
cannot lose those.

`YISHI_KILLS=200 python -m pytest tests/test_power_loss.py -n0 --timeout 0` for the long run.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from random import Random

import pytest

from desktop.checks import run_checks
from desktop.db import Database, open_database
from desktop.paths import Home
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from tests.fault_helpers import (
    CHECK_DAY,
    KILLS,
    SAVE_LOOP,
    acknowledged,
    child_errors,
    committed_saves,
    fill_room,
    prepare_save_room,
    save_loop_args,
    spawn,
    table_rows,
)
from tests.sync_pair import Pair

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP is POSIX"),
]

WAL_HEADER = 32
FRAME_HEADER = 24


@dataclass
class Snapshot:
    """The disk as it was when the power went: a home holding the database file and its
    log, which must hold at least `acked` transactions and at most `most`."""

    home: Home
    acked: int
    most: int
    torn: bool = False


@dataclass(frozen=True)
class Log:
    """Where the log's last commit ends (bytes), its salt and the database file's digest."""

    committed: int
    salt: bytes
    database: str


@dataclass
class Frozen:
    """A copy made while the writer was frozen."""

    snapshot: Snapshot
    log: Log | None


class Writer:
    """A writer process whose acknowledgements go to a file, frozen for each snapshot."""

    def __init__(self, child: subprocess.Popen[str], home: Home, acks: Path) -> None:
        self.child = child
        self.home = home
        self.acks = acks

    def lines(self) -> list[str]:
        return self.acks.read_text(encoding="utf-8").splitlines()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 120
        while self.lines()[:1] != ["ready"]:
            if self.child.poll() is not None or time.monotonic() > deadline:
                self.child.kill()
                self.child.wait()
                raise AssertionError(child_errors(self.child))
            time.sleep(0.02)

    def running(self) -> bool:
        return self.child.poll() is None

    def freeze(self, target: Path) -> Frozen | None:
        """Stop the writer, copy the database and its log (not the -shm index), let it go
        on; None when it had finished."""
        pid = self.child.pid
        os.kill(pid, signal.SIGSTOP)
        _, status = os.waitpid(pid, os.WUNTRACED)
        if not os.WIFSTOPPED(status):  # it had ended: done (a series), or failed (a bug)
            self.child.returncode = os.waitstatus_to_exitcode(status)
            assert self.child.returncode == 0, child_errors(self.child)
            return None
        try:
            home = Home(target)
            home.root.mkdir(parents=True)
            shutil.copyfile(self.home.database, home.database)
            wal = _wal(self.home.database)
            if wal.exists():
                shutil.copyfile(wal, _wal(home.database))
            shm = self.home.database.with_name(self.home.database.name + "-shm")
            index = shm.read_bytes() if shm.exists() else None
            acked = len(self.lines()) - 1  # less "ready"
        finally:
            os.kill(pid, signal.SIGCONT)
        return Frozen(Snapshot(home, acked, acked + 1), _log(home, index))

    def stop(self) -> None:
        self.child.kill()
        self.child.wait()


def _wal(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


def _log(home: Home, index: bytes | None) -> Log | None:
    wal = _wal(home.database)
    if index is None or not wal.exists():
        return None
    database = home.database.read_bytes()
    page_size = struct.unpack(">H", database[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    # The -shm index header's mxFrame: the last frame of the last commit (native order).
    last_commit = struct.unpack_from("=I", index, 16)[0]
    with wal.open("rb") as handle:
        header = handle.read(WAL_HEADER)
    return Log(
        committed=WAL_HEADER + last_commit * (FRAME_HEADER + page_size),
        salt=header[16:24],
        database=hashlib.sha256(database).hexdigest(),
    )


def _torn(earlier: Frozen, later: Frozen, target: Path, rng: Random) -> Snapshot | None:
    """The power gone while the log grew from one frozen copy to the next: the earlier
    database file with the later log cut at a random byte between their last commits.

    Only when nothing was copied into the database file in between (a checkpoint, before
    which SQLite syncs the log, so those frames cannot be lost) and the log was not
    restarted. None otherwise."""
    a, b = earlier.log, later.log
    if a is None or b is None or (a.salt, a.database) != (b.salt, b.database):
        return None
    if b.committed <= a.committed:
        return None
    home = Home(target)
    shutil.copytree(earlier.snapshot.home.root, home.root)
    log = _wal(later.snapshot.home.database).read_bytes()
    _wal(home.database).write_bytes(log[: rng.randint(a.committed, b.committed - 1)])
    return Snapshot(home, earlier.snapshot.acked, later.snapshot.most, torn=True)


def _with_torn(frozen: list[Frozen], rng: Random) -> list[Snapshot]:
    """The frozen copies and the torn ones between each two in a row."""
    snapshots = [f.snapshot for f in frozen]
    for earlier, later in itertools.pairwise(frozen):
        target = later.snapshot.home.root.with_name(later.snapshot.home.root.name + "-torn")
        if (torn := _torn(earlier, later, target, rng)) is not None:
            snapshots.append(torn)
    return snapshots


@contextmanager
def _writer(script: str, *args: str, home: Home, acks: Path) -> Iterator[Writer]:
    with acks.open("w", encoding="utf-8") as out:
        child = spawn(script, *args, stdout=out)
        writer = Writer(child, home, acks)
        try:
            writer.wait_ready()
            yield writer
        finally:
            writer.stop()
            assert child.stderr is not None
            child.stderr.close()


def _after_reboot(snapshot: Snapshot, state: Callable[[sqlite3.Connection], int]) -> int:
    """Open the copy as Yishi does after a restart, check it; the transactions it holds."""
    assert not snapshot.home.database.with_name("yishi.sqlite-shm").exists()
    db: Database = open_database(snapshot.home, verify=True)
    try:
        connection = sqlite3.connect(snapshot.home.database)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            held = state(connection)
        finally:
            connection.close()
        assert run_checks(db, today=CHECK_DAY) == []
    finally:
        db.close()
    # Every transaction acknowledged before the copy, and at most the one under way; for a
    # torn log, those before the earlier copy and at most those of the later one.
    assert snapshot.acked <= held <= snapshot.most, (snapshot, held)
    return held


# Minutes this long take some 25 pages of the log in one save (the speech and its audit).
LONG_MINUTES = 12_000


def test_power_lost_while_saving(room_db: Database, tmp_path: Path) -> None:
    room = prepare_save_room(room_db)
    home = room_db.home
    room_db.close()
    rng = Random(1303)
    frozen: list[Frozen] = []
    args = save_loop_args(home.root, "p", room, big=LONG_MINUTES)
    with _writer(SAVE_LOOP, *args, home=home, acks=tmp_path / "acks.txt") as writer:
        while len(frozen) < KILLS:
            # Short gaps: the log is checkpointed into the file every thousand pages or so,
            # and a torn copy needs two frozen copies between two checkpoints.
            time.sleep(rng.uniform(0.0, 0.05))
            if (copy := writer.freeze(tmp_path / f"snapshot{len(frozen)}")) is not None:
                frozen.append(copy)
        final = acknowledged(writer.lines()[1:], "p")
    snapshots = _with_torn(frozen, rng)
    held = [_after_reboot(s, lambda c: committed_saves(c, "p", room)) for s in snapshots]
    assert max(held) > 0
    torn = sum(s.torn for s in snapshots)
    print(f"\n{KILLS} snapshots while saving, {torn} torn between them, {final} saves")


IMPORT_SERIES = """
import sys
from pathlib import Path
from desktop.db import open_database
from desktop.paths import Home
from desktop.sync.importer import import_bundle

db = open_database(Home(Path(sys.argv[1])))
print("ready", flush=True)
for n, bundle in enumerate(sys.argv[2:]):
    import_bundle(db, Path(bundle))
    print(f"b{n}", flush=True)
"""
IMPORTED = ["participant", "topic"]


def _imported(connection: sqlite3.Connection) -> dict[str, set[tuple[object, ...]]]:
    rows = table_rows(connection, [*IMPORTED, "sync_bundle"])
    # When each bundle came in differs from run to run; which came in does not.
    rows["sync_bundle"] = {r[1:3] for r in rows["sync_bundle"]}
    return rows


def test_power_lost_while_importing(pair: Pair, tmp_path: Path) -> None:
    bundles = []
    for n in range(3):
        fill_room(pair.room, topics=120, first=n * 120)
        folder = tmp_path / f"out{n}"
        folder.mkdir()
        # No acknowledgement travels back: each bundle holds everything so far.
        bundles.append(export_bundle(pair.room, to_dir=folder).path)
    pristine = pair.district.home
    pair.district.close()

    # The state after each import, from imports never interrupted.
    reference = Home(tmp_path / "reference")
    shutil.copytree(pristine.root, reference.root)
    states = []
    db = open_database(reference)
    connection = sqlite3.connect(reference.database)
    try:
        for bundle in [None, *bundles]:
            if bundle is not None:
                import_bundle(db, bundle)
            states.append(_imported(connection))
    finally:
        connection.close()
        db.close()
    assert len({len(s["topic"]) for s in states}) == len(states)

    rng = Random(1304)
    snapshots: list[Snapshot] = []
    series = frozen = 0
    while frozen < KILLS:
        home = Home(tmp_path / f"series{series}")
        shutil.copytree(pristine.root, home.root)
        args = [str(home.root), *map(str, bundles)]
        copies: list[Frozen] = []
        with _writer(
            IMPORT_SERIES, *args, home=home, acks=tmp_path / f"acks{series}.txt"
        ) as writer:
            while writer.running() and frozen < KILLS:
                time.sleep(rng.uniform(0.0, 0.1))
                if (copy := writer.freeze(tmp_path / f"snapshot{frozen}")) is not None:
                    copies.append(copy)
                    frozen += 1
        snapshots += _with_torn(copies, rng)
        series += 1

    def held(connection: sqlite3.Connection) -> int:
        state = _imported(connection)
        assert state in states, "a partial import"
        return states.index(state)

    outcomes = [_after_reboot(s, held) for s in snapshots]
    torn = sum(s.torn for s in snapshots)
    print(f"\n{frozen} snapshots while importing, {series} series ({torn} torn): {outcomes}")
