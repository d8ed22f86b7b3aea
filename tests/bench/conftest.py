"""The benchmarks' shared district: 315 rooms × 10 years, generated once per run (or copied
from YISHI_BENCH_DISTRICT, a home made once with `yishi setup district` and `yishi demo
--rooms 315 --years 10`; the copy is used, the given home never changed).

With YISHI_BENCH_POSTGRES_URL (tests/bench/engines.py) the same district is also moved onto
that PostgreSQL server by `migrate_to_server` (the table's migrate-db line), and the benchmarks
that ask for `district` run on both engines."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.migrate_db import migrate_to_server
from desktop.paths import Home
from desktop.setup import setup_district
from tests.bench import engines, report

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


@pytest.fixture(scope="session")
def server_district(
    big_district: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The SQLite bench district moved onto PostgreSQL as `yishi migrate-db` moves one (the
    database `yishi_bench`, made afresh each run), in a home of its own that remembers it."""
    if engines.admin_url() is None:
        pytest.skip(engines.SKIP_REASON)
    url = engines.fresh_database(engines.DATABASE_PREFIX)
    home = Home(tmp_path_factory.mktemp("district-server"))
    home.create_dirs()
    # The SQLite district's home must go on opening its file: the move's home is another,
    # whose database is the same file (migrate-db only reads it).
    home.database.symlink_to(big_district.home.database)
    started = time.perf_counter()
    moved = migrate_to_server(home, url)
    minutes = (time.perf_counter() - started) / 60
    home.database.unlink()
    print(f"\nmigrate-db: {moved.rows} rows, search {moved.search_rows}, {minutes:.1f} min")
    what = (
        f"`yishi migrate-db`: the 10-year district copied onto the server and verified "
        f"({moved.rows} rows, the search index rebuilt there)"
    )
    report.skipped(what, engines.SQLITE, "a move onto a server")
    report.record(
        report.Figure(
            what,
            minutes,
            "min",
            "minutes, not hours",
            met=minutes < 60,
            engine=engines.POSTGRESQL,
        )
    )
    db = open_database(home)
    with db.engine.begin() as connection:
        # The move analysed what it copied (migrate-db's VACUUM); its gigabyte of changed
        # pages is written out now, not by the checkpointer under the measurements that
        # follow (a clerk starts the window long after a move).
        connection.exec_driver_sql("CHECKPOINT")
    yield db
    db.close()
    engines.drop_database(engines.DATABASE_PREFIX)


@pytest.fixture(scope="session", params=engines.ENGINES)
def district(request: pytest.FixtureRequest, big_district: Database) -> Database:
    """The 10-year district on each engine in turn (read only, as `big_district`)."""
    if request.param == engines.SQLITE:
        return big_district
    db: Database = request.getfixturevalue("server_district")
    return db


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
