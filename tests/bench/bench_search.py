"""搜索 on a 10-year, 315-room district: p95 of a realistic set of queries (Chinese substrings
of 1, 2, 3, 4 and 6 characters cut from the records' own text, people's names in pinyin
initials and in full) as the district sees them (every room's records), each query the
whole grouped result the dialog shows. Goal: p95 ≤ 50 ms, on SQLite (FTS5) and, with
YISHI_BENCH_POSTGRES_URL, on PostgreSQL (trigram ILIKE). Also the index's fill time on SQLite
(what migration 0014 spends once on this district), measured in a transaction rolled back;
on a server the index is filled by migrate-db, whose figure includes it.

Run: `python -m pytest tests/bench/bench_search.py -s -p no:cacheprovider` (not part of the
default run); YISHI_BENCH_DISTRICT as in tests/bench/conftest.py.
"""

from __future__ import annotations

import random
import statistics
import time

from sqlalchemy import text

from desktop import search_index
from desktop.db import Database
from desktop.queries.search import Scope, search
from tests.bench.engines import POSTGRESQL, engine_of
from tests.bench.report import Figure, record, skipped

GOAL_MS = 50.0
# Once per installation, at the migration: minutes, not hours (the issue sets no figure).
FILL_GOAL_S = 300.0
PER_SHAPE = 25
_SKIP = set(" \n\t，。、；：？！（）“”《》·…,.;:()-0123456789")


def _substrings(db: Database, length: int, rng: random.Random) -> list[str]:
    """Substrings of `length` Chinese characters cut at random from random records' text."""
    with db.engine.connect() as connection:
        top = int(connection.exec_driver_sql("SELECT max(id) FROM search_text").scalar() or 0)
        bodies: list[str] = []
        while len(bodies) < PER_SHAPE:
            row = connection.execute(
                text("SELECT body FROM search_text WHERE id >= :start ORDER BY id LIMIT 1"),
                {"start": rng.randrange(top)},
            ).first()
            if row is None:
                continue
            body = str(row[0])
            starts = [
                i
                for i in range(len(body) - length + 1)
                if not _SKIP.intersection(body[i : i + length])
            ]
            if starts:
                start = rng.choice(starts)
                bodies.append(body[start : start + length])
    return bodies


def _names(db: Database, rng: random.Random) -> tuple[list[str], list[str]]:
    """(initials, full pinyin) of real names of people held."""
    # Names written since the index was built get their readings at the first pinyin search
    # (freshly generated demo data has none yet): that search, as a user's would, first.
    search(db, "zs")
    with db.engine.connect() as connection:
        rows = [str(r[0]) for r in connection.exec_driver_sql("SELECT readings FROM search_pinyin")]
    chosen = rng.sample(rows, PER_SHAPE)
    syllables = [r.split(" ")[0].strip("|").split("|") for r in chosen]
    return ["".join(s[:1] for s in name) for name in syllables], ["".join(s) for s in syllables]


def test_search_p95(district: Database) -> None:
    db = district
    rng = random.Random(18)
    initials, full = _names(db, rng)
    shapes = {
        "1 character": _substrings(db, 1, rng),
        "2 characters": _substrings(db, 2, rng),
        "3 characters": _substrings(db, 3, rng),
        "4 characters": _substrings(db, 4, rng),
        "6 characters": _substrings(db, 6, rng),
        "pinyin initials": initials,
        "full pinyin": full,
    }
    everyone = Scope(room_id=None)
    search(db, "协商", scope=everyone)  # the first query opens the connection and its cache
    timings: list[float] = []
    found = 0
    for shape, queries in shapes.items():
        times = []
        for query in queries:
            started = time.perf_counter()
            groups = search(db, query, scope=everyone)
            times.append((time.perf_counter() - started) * 1000)
            found += bool(groups)
        timings.extend(times)
        print(f"\n{shape}: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    p95 = statistics.quantiles(timings, n=20)[-1]
    figure = record(
        Figure(
            what=f"search, p95 of {len(timings)} queries (Chinese 1–6 characters, pinyin)",
            value=p95,
            unit="ms",
            goal=f"≤ {GOAL_MS:.0f} ms",
            met=p95 <= GOAL_MS,
            engine=engine_of(db),
        )
    )
    # Cut from the records themselves and real names: (almost) every query finds something.
    assert found >= len(timings) - 2
    assert figure.met, f"search p95 {p95:.1f} ms"


def test_search_index_fill(big_district: Database) -> None:
    """What migration 0014 spends filling the index on this district (rolled back here)."""
    with big_district.engine.connect() as connection:
        started = time.perf_counter()
        rows = search_index.rebuild(connection)
        seconds = time.perf_counter() - started
        connection.rollback()
    what = f"search index filled from {rows} records (migration 0014, once)"
    skipped(what, POSTGRESQL, "filled by migrate-db, in its figure")
    record(
        Figure(
            what=what,
            value=seconds,
            unit="s",
            goal="≤ 5 min, once (the issue sets none)",
            met=seconds <= FILL_GOAL_S,
        )
    )
    assert seconds <= FILL_GOAL_S
