"""共性问题 measured: the suggested groups of a demo room (and of a district's rooms) against the
problems the demo generator made the loose slips about (`generate(loose_problems=...)`).

Pair-level figures: a pair of open slips is suggested when both are in one suggested group,
and true when the generator made both about one problem (a theme at one place). Recall is
bounded by the demo's own realism: about half of the fellow reports describe another side of
the problem (屋顶漏水 and 施工扰民 for one renovation) in words the first never uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations

from sqlalchemy import select

from desktop.db import Database
from desktop.demo import generate
from desktop.models import OpinionSlip
from desktop.queries.similar_slips import suggested_groups

TODAY = date(2026, 6, 15)


@dataclass(frozen=True)
class Figures:
    """Pair counts and the precision and recall they make."""

    suggested: int
    true: int
    both: int

    @property
    def precision(self) -> float:
        return self.both / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.true if self.true else 1.0


def _pairs(ids: list[str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in combinations(sorted(ids), 2)}


def measure(db: Database, problems: dict[str, str]) -> Figures:
    with db.session() as session:
        rows = session.execute(
            select(OpinionSlip.room_id, OpinionSlip.id).where(
                OpinionSlip.topic_id.is_(None), OpinionSlip.deleted.is_(False)
            )
        ).all()
    rooms = sorted({room_id for room_id, _ in rows})
    # Every open slip of the demo is a loose one the generator recorded.
    assert {slip_id for _, slip_id in rows} == set(problems)
    suggested: set[tuple[str, str]] = set()
    for room_id in rooms:
        for group in suggested_groups(db, room_id):
            suggested |= _pairs([s.id for s in group])
    by_problem: dict[str, list[str]] = {}
    for slip_id, problem in problems.items():
        by_problem.setdefault(problem, []).append(slip_id)
    true = set().union(*(_pairs(ids) for ids in by_problem.values()))
    return Figures(suggested=len(suggested), true=len(true), both=len(suggested & true))


def _report(what: str, figures: Figures) -> None:
    print(
        f"\n{what}: precision {figures.precision:.2f}, recall {figures.recall:.2f} "
        f"({figures.both} of {figures.suggested} suggested pairs true, "
        f"{figures.true} true pairs)"
    )


def test_a_demo_room_groups_the_slips_of_one_problem(room_db: Database) -> None:
    problems: dict[str, str] = {}
    generate(room_db, seed=1, today=TODAY, loose_problems=problems)
    # The demo has groups to find: some problem reported by three slips or more.
    sizes = sorted(list(problems.values()).count(p) for p in set(problems.values()))
    assert sizes[-1] >= 3 and sizes[0] == 1
    figures = measure(room_db, problems)
    _report("demo room", figures)
    assert figures.true >= 5
    assert figures.precision >= 0.8
    assert figures.recall >= 0.5


def test_a_demo_district_groups_the_slips_of_one_problem(district_db: Database) -> None:
    problems: dict[str, str] = {}
    generate(district_db, seed=1, rooms=8, years=1, today=TODAY, loose_problems=problems)
    figures = measure(district_db, problems)
    _report("demo district, 8 rooms", figures)
    assert figures.true >= 40
    assert figures.precision >= 0.8
    assert figures.recall >= 0.4
