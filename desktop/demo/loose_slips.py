"""Recent slips not yet merged, as residents send them: a problem is often reported by several
people in their own words, mixed with lone reports.

Each loose slip's problem (its theme and the place it names) is recorded when the caller asks:
the demo's own answer to which slips belong together, against which the similar-slip
suggestions are measured (tests/queries/test_similar_slips_demo.py).
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from desktop.demo import vocabulary as v
from desktop.demo.common import DemoRandom
from desktop.models import OpinionSlip

if TYPE_CHECKING:
    from desktop.demo.rooms import RoomBuilder

# How many more residents report a problem someone already reported, and how many new
# problems came in lately besides those.
FELLOWS = ((0, 35), (1, 25), (2, 25), (3, 15))
# A second resident using the same words as a first one adds a line of their own.
CLOSERS = (
    "希望尽快解决。",
    "好几户都有意见。",
    "已经反映过多次了。",
    "请社区帮忙协调。",
    "大家都很着急。",
    "希望有关部门重视。",
)
SAME_WORKER = 0.8
# A fellow resident describes what the first saw, in words of their own, about half the time;
# otherwise another side of the same problem (the theme's other slips).
SAME_SIDE = 0.5
SPREAD_DAYS = 14


@dataclass(frozen=True)
class Report:
    """A loose slip with the problem it reports."""

    slip: OpinionSlip
    theme: v.Theme
    fill: dict[str, str]
    template: str
    # Reports made as one problem share a number.
    problem: int


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name} - {"closer"}


def _same_problem(a: Report, b: Report) -> bool:
    """Two reports of a theme are one problem when the places either names are the same
    (two lone reports may have drawn the same road; a theme naming no place is one problem
    per room)."""
    if a.problem == b.problem:
        return True
    names = _names(a.template) | _names(b.template)
    return a.theme.key == b.theme.key and all(a.fill[n] == b.fill[n] for n in names)


def problem_keys(room_id: str, reports: list[Report]) -> dict[str, str]:
    """Each report's slip id to its problem, reports of one problem joined transitively."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(reports):
        for j in range(i):
            if _same_problem(a, reports[j]):
                parent[root(i)] = root(j)
    return {
        r.slip.id: f"{room_id}|{r.theme.key}|{reports[root(i)].slip.id}"
        for i, r in enumerate(reports)
    }


def side_stream(rng: DemoRandom) -> DemoRandom:
    """A stream derived from the room's without drawing from it, so every record generated
    after the loose slips (activities, cases) stays as it was before groups were added."""
    return DemoRandom(hashlib.sha256(repr(rng.getstate()).encode()).digest(), salt=rng.salt)


def add_fellow_reports(builder: RoomBuilder, first: list[Report]) -> None:
    """More residents reporting the problems of `first`, a few new problems, and the record of
    each loose slip's problem when the builder keeps one."""
    rng = side_stream(builder.rng)
    today, start = builder.today, builder.start
    reports = list(first)
    for _ in range(rng.randint(1, 3)):
        theme = rng.choice(builder.themes)
        on = rng.day_between(max(start, today - timedelta(days=45)), today)
        fill = builder._fill(rng)
        template = rng.choice(theme.slips)
        slip = builder._slip(
            on=on, theme=theme, fill=fill, topic_id=None, template=template, rng=rng
        )
        reports.append(Report(slip, theme, fill, template, len(reports)))
    for report in list(reports):
        used = [report.template]
        worker = next(w for w in builder.grid_workers if w.id == report.slip.collector_id)
        for _ in range(rng.weighted(FELLOWS)):
            fresh = [t for t in report.theme.slips if t not in used]
            template = rng.choice(fresh) if fresh and not rng.chance(SAME_SIDE) else used[0]
            # The same words again: the resident adds a line of their own.
            words = template if template not in used else template + "{closer}"
            used.append(template)
            slip = builder._slip(
                on=rng.day_between(
                    max(start, report.slip.collected_on - timedelta(days=SPREAD_DAYS)),
                    min(today, report.slip.collected_on + timedelta(days=SPREAD_DAYS)),
                ),
                theme=report.theme,
                fill={**report.fill, "closer": rng.choice(CLOSERS)},
                topic_id=None,
                template=words,
                rng=rng,
                collector=worker if rng.chance(SAME_WORKER) else None,
            )
            reports.append(Report(slip, report.theme, report.fill, template, report.problem))
    if builder.loose_problems is not None:
        builder.loose_problems.update(problem_keys(builder.target.room_id, reports))
