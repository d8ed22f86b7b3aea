"""A year's duty scores (履职评价) on a 10-year, 315-room district: every member scored from the
records (final minutes, speeches, claims, escalations, activities, cases, the district's own
acts), as a ratio to the engine's bare driver counting the year's attendances per member in
the same run, and in seconds (the goal: ≤ 2 s); on SQLite and, with YISHI_BENCH_POSTGRES_URL,
on PostgreSQL.

Run: `python -m pytest tests/bench/bench_duty.py -s -p no:cacheprovider` (not part of the
default run). Generating the district takes minutes; point YISHI_BENCH_DISTRICT at a home
folder made once (`yishi --home DIR setup district --name 启东市政协` then `yishi --home DIR
demo --rooms 315 --years 10`) to reuse it; it is copied, never changed.
"""

from __future__ import annotations

from desktop import clock
from desktop.db import Database
from desktop.queries.duty import score_year
from tests.bench.conftest import ROOMS
from tests.bench.engines import Bare, engine_of
from tests.bench.report import Figure, record
from tests.bench.timing import best_of

GOAL_SECONDS = 2.0


def test_a_years_scores_against_the_bare_driver(district: Database) -> None:
    big_district = district
    # Last year: complete, and scored by the demo's rules in force then.
    year = clock.today().year - 1
    raw = Bare(big_district)

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
    base = best_of(5, baseline)
    mine = best_of(3, ours)
    raw.close()
    acts = sum(e.count for m in scores.members for e in m.breakdown.values())
    print(
        f"\n{year}: {len(scores.members)} members, {acts} acts scored in {mine:.3f} s "
        f"(goal ≤ {GOAL_SECONDS} s); bare driver's attendance count {base * 1000:.1f} ms; "
        f"ratio {mine / base:.1f}×"
    )
    record(
        Figure(
            what=f"A year's duty scores (履职评价) on the 10-year, {ROOMS}-room district: "
            f"{len(scores.members)} members, {acts} acts read from the records and scored",
            value=mine,
            unit="s",
            goal=f"≤ {GOAL_SECONDS:.0f} s",
            met=mine <= GOAL_SECONDS,
            floor="the driver's bare count of the year's attendances per member",
            floor_value=base,
            engine=engine_of(big_district),
        )
    )
    assert mine <= GOAL_SECONDS
