"""共性问题 on a 10-year, 315-room district: the work is per room and bounded by
`MAX_CANDIDATES` slips, so the figures are those of the fullest room and of a room at the
bound (the district's own slip texts, newest first).

- the slips like a slip being typed (what the entry form looks up once typing pauses),
  against the bare read of the same rows: goal ≤ 50 ms;
- the suggested groups of open slips of a room at the bound: goal ≤ 300 ms;
- the suggested groups of every room of the district, one after another: reported.

Run: `python -m pytest tests/bench/bench_similar_slips.py -s -p no:cacheprovider` (not part
of the default run); YISHI_BENCH_DISTRICT as in tests/bench/conftest.py.
"""

from __future__ import annotations

import time

from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import OpinionSlip
from desktop.queries import similar_slips as similar
from desktop.queries.similar_slips import Corpus, SlipText
from tests.bench.engines import engine_of
from tests.bench.report import Figure, record
from tests.bench.timing import best_of

TYPING_GOAL_MS = 50.0
GROUPS_GOAL_MS = 300.0


def _fullest_room(db: Database) -> str:
    with db.session() as session:
        room_id = session.scalar(
            select(OpinionSlip.room_id)
            .group_by(OpinionSlip.room_id)
            .order_by(func.count().desc())
            .limit(1)
        )
    assert room_id is not None
    return room_id


def _district_slips(db: Database) -> list[SlipText]:
    """The district's newest slips up to the bound: a room as full as a room is ever read."""
    with db.session() as session:
        rows = session.execute(
            select(OpinionSlip.id, OpinionSlip.content, OpinionSlip.grid)
            .order_by(OpinionSlip.collected_on.desc(), OpinionSlip.id)
            .limit(similar.MAX_CANDIDATES)
        ).all()
    return [SlipText(id=i, content=c, grid=g) for i, c, g in rows]


def test_slips_like_the_one_typed(district: Database) -> None:
    big_district = district
    room_id = _fullest_room(big_district)
    candidates = similar._rows(big_district, room_id, open_only=False)
    # What a grid worker types about a problem already reported: the newest slip's first words.
    typed = candidates[0].content[:16]
    found = similar.similar_slips(big_district, room_id, typed)
    lookup = best_of(5, lambda: similar.similar_slips(big_district, room_id, typed))
    bare = best_of(5, lambda: similar._rows(big_district, room_id, open_only=False))
    print(f"\n{len(found)} of {len(candidates)} slips like {typed!r} in the fullest room")
    assert found
    record(
        Figure(
            what="similar slips while typing (fullest room)",
            value=lookup * 1000,
            unit="ms",
            goal=f"≤ {TYPING_GOAL_MS:.0f} ms",
            met=lookup * 1000 <= TYPING_GOAL_MS,
            floor="bare read of the same rows",
            floor_value=bare * 1000,
            engine=engine_of(big_district),
        )
    )
    assert lookup * 1000 <= TYPING_GOAL_MS


def test_suggested_groups_of_a_room_at_the_bound(district: Database) -> None:
    big_district = district
    slips = _district_slips(big_district)
    assert len(slips) == similar.MAX_CANDIDATES
    groups: list[list[SlipText]] = []

    def group() -> None:
        groups[:] = Corpus(slips).groups()

    took = best_of(3, group)
    print(f"\n{len(slips)} slips, {len(groups)} groups")
    record(
        Figure(
            what=f"suggested groups of {len(slips)} slips (a room at the bound)",
            value=took * 1000,
            unit="ms",
            goal=f"≤ {GROUPS_GOAL_MS:.0f} ms",
            met=took * 1000 <= GROUPS_GOAL_MS,
            engine=engine_of(big_district),
        )
    )
    assert took * 1000 <= GROUPS_GOAL_MS
    typed = slips[0].content[:16]
    lookup = best_of(5, lambda: Corpus(slips).like(typed))
    record(
        Figure(
            what=f"similar slips while typing, {len(slips)} slips (a room at the bound)",
            value=lookup * 1000,
            unit="ms",
            goal=f"≤ {TYPING_GOAL_MS:.0f} ms",
            met=lookup * 1000 <= TYPING_GOAL_MS,
            engine=engine_of(big_district),
        )
    )
    assert lookup * 1000 <= TYPING_GOAL_MS


def test_suggested_groups_of_every_room(district: Database) -> None:
    big_district = district
    with big_district.session() as session:
        rooms = list(session.scalars(select(OpinionSlip.room_id).distinct()))
    started = time.perf_counter()
    groups = sum(len(similar.suggested_groups(big_district, room_id)) for room_id in rooms)
    took = time.perf_counter() - started
    print(f"\n{len(rooms)} rooms, {groups} suggested groups")
    record(
        Figure(
            what=f"suggested groups of all {len(rooms)} rooms, one after another",
            value=took * 1000,
            unit="ms",
            goal="reported (a room is done alone)",
            met=True,
            engine=engine_of(big_district),
        )
    )
