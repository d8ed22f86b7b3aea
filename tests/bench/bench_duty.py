"""A year's duty scores (履职评价) on a 10-year, 315-room district: every member scored from the
records (final minutes, speeches, claims, escalations, activities, cases, the district's own
acts), as a ratio to a bare SQLite count of the year's attendances per member measured in the
same run, and in seconds (the goal: ≤ 2 s).

Run: `python -m pytest tests/bench/bench_duty.py -s -p no:cacheprovider` (not part of the
default run). Generating the district takes minutes; point YISHI_BENCH_DISTRICT at a home
folder made once (`yishi --home DIR setup district --name 启东市政协` then `yishi --home DIR
demo --rooms 315 --years 10`) to reuse it; it is copied, never changed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop import clock
from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.paths import Home
from desktop.queries.duty import score_year
from desktop.setup import setup_district

ROOMS, YEARS = 315, 10
GOAL_SECONDS = 2.0


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


@pytest.fixture(scope="module")
def big_district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    root = tmp_path_factory.mktemp("district")
    given = os.environ.get("YISHI_BENCH_DISTRICT")
    home = Home(root)
    if given:
        home.create_dirs()
        shutil.copyfile(Home(Path(given)).database, home.database)
        db = open_database(home)
    else:
        db = open_database(home)
        setup_district(db, name="启东市政协")
        started = time.perf_counter()
        generate(db, seed=7, rooms=ROOMS, years=YEARS)
        print(f"\ngenerated {ROOMS} rooms × {YEARS} years in {time.perf_counter() - started:.0f} s")
    yield db
    db.close()


def test_a_years_scores_against_bare_sqlite(big_district: Database) -> None:
    # Last year: complete, and scored by the demo's rules in force then.
    year = clock.today().year - 1
    raw = sqlite3.connect(big_district.home.database)

    def baseline() -> None:
        raw.execute(
            "SELECT attendance.member_id, count(*) FROM attendance"
            " JOIN meeting ON meeting.id = attendance.meeting_id"
            " WHERE NOT meeting.deleted AND NOT attendance.deleted"
            " AND meeting.status IN ('held', 'minutes_drafted', 'minutes_final')"
            " AND meeting.held_on BETWEEN ? AND ? AND attendance.member_id IS NOT NULL"
            " AND attendance.status = 'present' GROUP BY attendance.member_id",
            (f"{year}-01-01", f"{year}-12-31"),
        ).fetchall()

    def ours() -> None:
        score_year(big_district, year)

    scores = score_year(big_district, year)  # warm-up
    base = _best_of(5, baseline)
    mine = _best_of(3, ours)
    raw.close()
    acts = sum(e.count for m in scores.members for e in m.breakdown.values())
    print(
        f"\n{year}: {len(scores.members)} members, {acts} acts scored in {mine:.3f} s "
        f"(goal ≤ {GOAL_SECONDS} s); bare SQLite attendance count {base * 1000:.1f} ms; "
        f"ratio {mine / base:.1f}×"
    )
    assert mine <= GOAL_SECONDS
