"""Fault injection shared by the SIGKILL, power-loss and backup tests (issue 13): a child
process doing real work that is killed or frozen at random moments, the save loop it runs,
and the room bundle a district imports.

Every child prints "ready" when its setup is done and then one acknowledgement line after
each unit of work has returned (committed); whatever was acknowledged must survive.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from random import Random
from typing import IO

from desktop.db import Database
from desktop.models import AgendaItem, Participant, Topic
from desktop.models.enums import MeetingStatus, ParticipantKind, TopicSource
from desktop.workflow.attachments import attach_to_meeting
from tests.desk_builders import add_meeting, add_outcome, room_id_of

ROOT = Path(__file__).resolve().parent.parent
# How many kills (or snapshots) each fault test makes: `.ci/run` sets 200, the default is
# small enough for the everyday suite.
KILLS = int(os.environ.get("YISHI_KILLS", "15"))
# The day the checks are run as of: after every date the fault tests write.
CHECK_DAY = date(2026, 12, 4)
HELD = MeetingStatus.HELD


def integrity(path: Path) -> list[tuple[str]]:
    """PRAGMA integrity_check of a file read as it is (read-only, nothing written beside it)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


def spawn(
    script: str, *args: str, stdout: int | IO[str] = subprocess.PIPE
) -> subprocess.Popen[str]:
    """`python -c script args…` run from the repository, its stderr piped (read it with
    `child_errors` once it has ended)."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def child_errors(child: subprocess.Popen[str]) -> str:
    """What an ended child wrote to stderr (its traceback, when it failed on its own)."""
    assert child.stderr is not None
    return child.stderr.read()


def kill_at_random(script: str, *args: str, rng: Random, longest: float = 0.6) -> list[str]:
    """Run the child until it is ready, SIGKILL it a random moment later; the lines it
    printed after "ready". A child that ended on its own (an exception) fails the test."""
    with spawn(script, *args) as child:
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        if first != "ready":
            child.wait()
            raise AssertionError(child_errors(child) or first)
        time.sleep(rng.uniform(0.0, longest))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL, child_errors(child)
        return child.stdout.read().splitlines()


# A fork server: the modules are imported once, and each run is a fresh process forked from
# it, which opens the database itself. A kill then costs what it kills, not a Python start
# (one to two seconds on a busy two-core machine), so many kills fit in the default suite.
FORK_SERVER = """
import json, os, sys, traceback
namespace = {"__name__": "fault_script"}
exec(compile(sys.argv[1], "<fault script>", "exec"), namespace)
print("serving", flush=True)
for line in sys.stdin:
    gate_out, gate_in = os.pipe()
    pid = os.fork()
    if pid == 0:
        # Held until the server has said which process this is, so "forked" comes first.
        os.close(gate_in)
        os.read(gate_out, 1)
        code = 0
        try:
            namespace["main"](json.loads(line))
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    os.close(gate_out)
    print(f"forked {pid}", flush=True)
    os.write(gate_in, b"go")
    os.close(gate_in)
    _, status = os.waitpid(pid, 0)
    print(f"ended {os.waitstatus_to_exitcode(status)}", flush=True)
"""


class ForkServer:
    """Runs `script`'s `main(argv)` in processes forked from one that imported it once.

    `script` holds the imports and `def main(argv: list[str]) -> None`; main prints "ready"
    once set up, then its acknowledgements. Its tracebacks go to the test's stderr.
    """

    def __init__(self, script: str) -> None:
        # Buffered output, so `print(mark, flush=True)` is one write: unbuffered (as CI and
        # some shells set it), the mark and its newline are two, and a kill between them glued
        # the next "ended -9" to the mark, and the test waited for an "ended" that had come.
        env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORK_SERVER, script],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self._line() == "serving"

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(30)
        finally:
            self.process.kill()
            self.process.wait()
            assert self.process.stdout is not None
            self.process.stdout.close()

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, f"the fork server ended ({self.process.poll()})"
        return line.rstrip("\n")

    def start(self, *args: str) -> int:
        """Fork a run of main(args); its process id."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(args) + "\n")
        self.process.stdin.flush()
        forked = self._line()
        assert forked.startswith("forked "), forked
        return int(forked.split()[1])

    def until_ended(self) -> tuple[list[str], int]:
        """The run's remaining lines and its exit code (negative: the signal that ended it)."""
        lines = []
        while not (line := self._line()).startswith("ended "):
            lines.append(line)
        return lines, int(line.split()[1])

    def ready(self) -> None:
        line = self._line()
        if line == "ready":
            return
        if line.startswith("ended "):
            lines, code = [line], int(line.split()[1])
        else:
            lines, code = self.until_ended()
            lines.insert(0, line)
        raise AssertionError(f"the run ended before it was ready ({code}): {lines}")

    def run(self, *args: str) -> list[str]:
        """A run to its end: the lines it printed after "ready"."""
        self.start(*args)
        self.ready()
        lines, code = self.until_ended()
        assert code == 0, lines
        return lines

    def kill_at_random(self, *args: str, rng: Random, longest: float = 0.6) -> list[str]:
        """A run SIGKILLed a random moment after it is ready: the lines it printed after
        "ready". A run that ended on its own (an exception) fails the test."""
        pid = self.start(*args)
        self.ready()
        time.sleep(rng.uniform(0.0, longest))
        os.kill(pid, signal.SIGKILL)
        lines, code = self.until_ended()
        assert code == -signal.SIGKILL, (code, lines)
        return lines


# The save loop --------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveRoom:
    """Where the save loop writes: a held meeting with one agenda item and its outcome."""

    room_id: str
    meeting_id: str
    item_id: str
    outcome_id: str

    def args(self) -> tuple[str, str, str, str]:
        return (self.room_id, self.meeting_id, self.item_id, self.outcome_id)


def prepare_save_room(db: Database) -> SaveRoom:
    with db.session() as session:
        outcome = add_outcome(session, room_id_of(db), "疏浚排水管网", deadline=None)
        item = session.get_one(AgendaItem, outcome.agenda_item_id)
        return SaveRoom(room_id_of(db), item.meeting_id, item.id, outcome.id)


# Each step is one save through the workflow functions the pages call, in a fixed cycle: a
# topic, a speech in the minutes (`big` characters long), a progress note, an immediate
# topic put on the agenda (two rows together), the meeting's place changed.
SAVE_LOOP = """
import sys
from datetime import date
from pathlib import Path
from desktop.db import open_database
from desktop.models.enums import TopicSource
from desktop.paths import Home
from desktop.workflow.agenda import put_immediate_on_agenda, record_speech, save_draft
from desktop.workflow.outcomes import note_progress
from desktop.workflow.topics import raise_topic


def main(argv):
    home, run, room_id, meeting_id, item_id, outcome_id, big = argv
    db = open_database(Home(Path(home)))
    print("ready", flush=True)
    padding = "。" * int(big)
    n = 0
    while True:
        mark = f"{run}-{n}"
        kind = n % 5
        if kind == 0:
            raise_topic(db, room_id=room_id, title=f"议题{mark}", source=TopicSource.RESIDENTS,
                        raised_on=date(2026, 11, 1))
        elif kind == 1:
            record_speech(db, meeting_id, item_id=item_id, speaker_name="赵大妈",
                          summary=f"发言{mark}{padding}")
        elif kind == 2:
            note_progress(db, outcome_id, on=date(2026, 11, 2), text=f"进展{mark}")
        elif kind == 3:
            put_immediate_on_agenda(db, meeting_id, title=f"即时{mark}")
        else:
            save_draft(db, meeting_id, details={"place": f"地点{mark}"})
        print(mark, flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1:])
"""
SAVE_KINDS = 5
_PLACE = SAVE_KINDS - 1


def save_loop_args(home: Path, run: str, room: SaveRoom, *, big: int = 0) -> tuple[str, ...]:
    return (str(home), run, *room.args(), str(big))


def acknowledged(lines: list[str], run: str) -> int:
    """How many saves the child acknowledged; they must be its first ones, in order."""
    assert lines == [f"{run}-{n}" for n in range(len(lines))], lines
    return len(lines)


def _steps(values: list[str], prefix: str) -> set[int]:
    pattern = re.compile(re.escape(prefix) + r"-(\d+)")
    found = set()
    for value in values:
        match = pattern.match(value)
        assert match is not None, value
        found.add(int(match.group(1)))
    return found


def committed_saves(connection: sqlite3.Connection, run: str, room: SaveRoom) -> int:
    """How many of the run's saves are in the database: always its first m saves, each
    one wholly (an immediate topic with its agenda item, never one without the other)."""

    def column(sql: str, *params: str) -> list[str]:
        return [str(row[0]) for row in connection.execute(sql, params)]

    like = f"{run}-%"
    present: set[int] = set()
    present |= _steps(
        column("SELECT title FROM topic WHERE title LIKE ?", f"议题{like}"), f"议题{run}"
    )
    present |= _steps(
        column("SELECT summary FROM speech WHERE summary LIKE ?", f"发言{like}"), f"发言{run}"
    )
    present |= _steps(
        column("SELECT text FROM progress_note WHERE text LIKE ?", f"进展{like}"), f"进展{run}"
    )
    immediate = connection.execute(
        "SELECT t.title, (SELECT count(*) FROM agenda_item a WHERE a.topic_id = t.id"
        " AND a.meeting_id = ?) FROM topic t WHERE t.title LIKE ?",
        (room.meeting_id, f"即时{like}"),
    ).fetchall()
    assert all(items == 1 for _title, items in immediate), immediate
    present |= _steps([str(title) for title, _items in immediate], f"即时{run}")
    # The first `m` saves but the place changes among them: nothing after a gap.
    m = max(present) + 1 if present else 0
    expected = {n for n in range(m) if n % SAVE_KINDS != _PLACE}
    assert present == expected, f"saves of {run} are not its first ones: {sorted(present)}"
    row = connection.execute("SELECT place FROM meeting WHERE id = ?", (room.meeting_id,))
    (place,) = row.fetchone()
    return _settle_place(m, str(place), run)


def _settle_place(m: int, place: str, run: str) -> int:
    """The count of saves given the other kinds' count `m` and the meeting's place.

    Saves of the other kinds fix m up to the place save right after them (n = m when
    m % 5 == 4); the place says whether that one is in too, and must be the newest place
    save among the first m."""
    places = [n for n in range(m) if n % SAVE_KINDS == _PLACE]
    if m % SAVE_KINDS == _PLACE and place == f"地点{run}-{m}":
        return m + 1
    if places:
        assert place == f"地点{run}-{places[-1]}", (place, m)
    else:
        assert not place.startswith(f"地点{run}-"), (place, m)
    return m


# The room bundle a district imports ------------------------------------------------------


def fill_room(db: Database, *, topics: int, first: int = 0, attachment: Path | None = None) -> None:
    """`topics` topics and as many residents in one unit of work, and optionally a file
    attached to a held meeting (so the bundle carries a blob)."""
    room_id = room_id_of(db)
    with db.session() as session:
        for n in range(first, first + topics):
            session.add(
                Topic(
                    room_id=room_id,
                    title=f"背街小巷路灯维修第{n}号",
                    description="居民反映夜间照明不足。" * 4,
                    source=TopicSource.RESIDENTS,
                    raised_on=date(2026, 11, 1),
                )
            )
            session.add(
                Participant(room_id=room_id, name=f"居民{n}", kind=ParticipantKind.RESIDENT)
            )
    if attachment is not None:
        with db.session() as session:
            meeting_id = add_meeting(session, room_id, date(2026, 10, 10), status=HELD).id
        attach_to_meeting(db, meeting_id, paths=[attachment])


def table_rows(
    connection: sqlite3.Connection, tables: list[str]
) -> dict[str, set[tuple[object, ...]]]:
    """Every row of each table, as a set: the state an import must leave whole or not at all."""
    return {table: set(connection.execute(f'SELECT * FROM "{table}"')) for table in tables}


def bundles_in(connection: sqlite3.Connection) -> list[str]:
    return [
        str(r[0])
        for r in connection.execute(
            "SELECT bundle_id FROM sync_bundle WHERE direction = 'in' ORDER BY id"
        )
    ]
