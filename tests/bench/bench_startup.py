"""GUI start-up does not grow with the data: `yishi --smoke` (start to an idle main window) on
the 10-year, 315-room district against a bare PySide6 window and against an empty database,
each a whole process, best of several runs; and the dashboard's refresh on that district. On
SQLite and, with YISHI_BENCH_POSTGRES_URL, on PostgreSQL: there the homes remember a server
database (the district moved by migrate-db, an empty one set up by `setup district`).

Processes run as an installed Yishi runs: with its bytecode cached (in a folder of this run,
so the tree stays clean), offscreen, with settings of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop import clock
from desktop.db import Database, open_database, remember_database_url
from desktop.models import Installation
from desktop.overview import dashboard_figures
from desktop.paths import Home
from desktop.queries.desk import needs_attention
from desktop.setup import setup_district
from tests.bench import engines
from tests.bench.engines import POSTGRESQL, engine_of
from tests.bench.report import Figure, record
from tests.bench.timing import best_of

RUNS = 5
REPO = Path(__file__).resolve().parents[2]

# The floor: the least a PySide6 program with a window and a table costs to show and quit.
BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("startup")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONDONTWRITEBYTECODE", "QT_SCALE_FACTOR")
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONPYCACHEPREFIX=str(root / "bytecode"),
        HOME=str(root / "user"),
        XDG_CONFIG_HOME=str(root / "user" / "config"),
        PYTHONPATH=str(REPO),
    )
    return env


EMPTY_SERVER_DATABASE = f"{engines.DATABASE_PREFIX}_empty"
EMPTY_DISTRICT = "启东市政协"


@pytest.fixture(scope="module")
def empty_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Path]]:
    """A district set up on an engine, with no records beyond what setup writes (made when
    first asked for: the server's only when the benchmarks run there)."""
    made: dict[str, Path] = {}

    def make(engine: str) -> Path:
        if engine not in made:
            home = Home(tmp_path_factory.mktemp(f"empty-district-{engine}"))
            if engine == POSTGRESQL:
                # Remembered as migrate-db leaves it: without, `--smoke` opens a new SQLite
                # file in the home and shows the first run's window, not this district.
                remember_database_url(home, engines.fresh_database(EMPTY_SERVER_DATABASE))
            db = open_database(home)
            setup_district(db, name=EMPTY_DISTRICT)
            db.close()
            made[engine] = home.root
        return made[engine]

    yield make
    if POSTGRESQL in made:
        engines.drop_database(EMPTY_SERVER_DATABASE)


def _process(argv: list[str], env: dict[str, str], says: str) -> float:
    """Wall time of one whole process, which must succeed and print `says`: a start that
    opened some other database (a new, empty one) must not pass for this one's."""
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert says in result.stdout, result.stdout + result.stderr
    return elapsed


def _name(db: Database) -> str:
    with db.session() as session:
        installation = session.get(Installation, 1)
        assert installation is not None
        return installation.name


def _smoke(home: Path) -> list[str]:
    return [sys.executable, "-m", "desktop", "--home", str(home), "--smoke"]


def test_start_up_does_not_grow_with_the_data(
    district: Database,
    empty_home: Callable[[str], Path],
    environment: dict[str, str],
    tmp_path: Path,
) -> None:
    engine = engine_of(district)
    bare_script = tmp_path / "bare_window.py"
    bare_script.write_text(BARE_WINDOW, encoding="utf-8")
    commands = {
        "bare": ([sys.executable, str(bare_script)], ""),
        "empty": (_smoke(empty_home(engine)), f"smoke ok: 议事 — {EMPTY_DISTRICT}"),
        "big": (_smoke(district.home.root), f"smoke ok: 议事 — {_name(district)}"),
    }
    for argv, says in commands.values():
        # Writes the bytecode and warms the disk cache, as any start after the first.
        _process(argv, environment, says)
    best = {name: float("inf") for name in commands}
    # Interleaved, so a busy moment of the machine weighs on all three alike.
    for _ in range(RUNS):
        for name, (argv, says) in commands.items():
            best[name] = min(best[name], _process(argv, environment, says))
    bare, empty, big = (1000 * best[name] for name in ("bare", "empty", "big"))

    against_bare = record(
        Figure(
            what="GUI start to an idle main window (`--smoke`), 10-year district",
            value=big,
            unit="ms",
            goal="≤ 4×",
            met=big <= 4 * bare,
            floor="bare PySide6 QMainWindow + QTableView",
            floor_value=bare,
            engine=engine,
        )
    )
    against_empty = record(
        Figure(
            what="the same start",
            value=big,
            unit="ms",
            goal="≤ 1.2×",
            met=big <= 1.2 * empty,
            floor="`--smoke` on an empty database",
            floor_value=empty,
            engine=engine,
        )
    )
    assert against_empty.met, f"{big:.0f} ms on the district, {empty:.0f} ms empty"
    assert against_bare.met, f"{big:.0f} ms on the district, {bare:.0f} ms bare"


def test_the_dashboard_refreshes_quickly(district: Database) -> None:
    big_district = district
    today = clock.today()

    def refresh() -> None:
        dashboard_figures(big_district)
        needs_attention(big_district, today=today)

    refresh()  # the first read pulls the pages in from the disk
    seconds = best_of(3, refresh)
    figure = record(
        Figure(
            what="dashboard refresh (figures and today's list), 10-year district",
            value=1000 * seconds,
            unit="ms",
            goal="≤ 300 ms",
            met=seconds <= 0.3,
            engine=engine_of(big_district),
        )
    )
    assert figure.met
