"""The benchmarks' shared district: 315 rooms × 10 years, generated once per run (or copied
from YISHI_BENCH_DISTRICT, a home made once with `yishi setup district` and `yishi demo
--rooms 315 --years 10`; the copy is used, the given home never changed)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.paths import Home
from desktop.setup import setup_district
from tests.bench import report

ROOMS, YEARS = 315, 10


@pytest.fixture(scope="session")
def big_district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Read only: every benchmark of the run shares it."""
    home = Home(tmp_path_factory.mktemp("district"))
    given = os.environ.get("YISHI_BENCH_DISTRICT")
    if given:
        home.create_dirs()
        shutil.copyfile(Home(Path(given)).database, home.database)
        db = open_database(home)
    else:
        db = open_database(home)
        setup_district(db, name="启东市政协")
        started = time.perf_counter()
        generate(db, seed=7, rooms=ROOMS, years=YEARS)
        minutes = (time.perf_counter() - started) / 60
        report.record(
            report.Figure(
                f"demo data: {ROOMS} rooms × {YEARS} years (`yishi demo`'s own code)",
                minutes,
                "min",
                "minutes, not hours",
                met=minutes < 60,
            )
        )
    yield db
    db.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The first benchmark's set-up may generate the district (about 5 minutes), which the
    # suite's per-test timeout would count against it.
    for item in items:
        if "tests/bench/" in item.nodeid:
            item.add_marker(pytest.mark.timeout(3600))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The run's figures as one table (the README's benchmark table is this output)."""
    table = report.table()
    if table:
        terminalreporter.write_sep("=", "benchmark figures")
        terminalreporter.write_line(table)
