"""Every benchmark's figure, gathered for the table the run prints at its end (the README's
table is that output): one line per thing measured, SQLite and PostgreSQL side by side.

A figure is a measured value beside the floor measured in the same run on the same engine,
when it has one, because these machines are noisy: the ratio is the figure that means
something. A benchmark that does not run on one engine says why (`skipped`), so the table
shows it rather than leaving the cell to look forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.bench.engines import ENGINES, POSTGRESQL, SQLITE

_FIGURES: list[Figure | Skipped] = []


@dataclass(frozen=True)
class Figure:
    what: str  # the same on both engines: the table's lines are matched by it
    value: float
    unit: str  # "ms", "s", "rows/s", "MB"
    goal: str  # as the issue writes it: "≤ 4× the floor", "≤ 100 ms"
    met: bool
    floor: str = ""  # what the floor is, "" when the goal is absolute
    floor_value: float | None = None
    engine: str = SQLITE
    note: str = ""  # what is particular to this engine's figure (the slowest sort's name)

    @property
    def ratio(self) -> float | None:
        if self.floor_value is None or self.floor_value == 0:
            return None
        return self.value / self.floor_value

    def cell(self) -> str:
        """`19.6 ms (floor 35.4 ms, 0.55×)`, with the note before the floor."""
        text = f"{_number(self.value)} {self.unit}"
        if self.note:
            text += f", {self.note}"
        if self.floor:
            ratio = f", {self.ratio:.2f}×" if self.ratio is not None else ""
            text += f" (floor {_number(self.floor_value)} {self.unit}{ratio})"
        return text

    def cells(self) -> tuple[str, str, str, str]:
        met = "yes" if self.met else "**no**"
        floor = f"; floor: {self.floor}" if self.floor else ""
        return f"{self.what}{floor}", self.goal, f"{self.engine}: {self.cell()}", met


@dataclass(frozen=True)
class Skipped:
    what: str
    engine: str
    why: str

    def cell(self) -> str:
        return f"not run: {self.why}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def record(figure: Figure, *, not_on_server: str = "") -> Figure:
    """Keep `figure` for the table and print it at once (with `-s`, as it is measured);
    `not_on_server` says why it is measured on SQLite only."""
    _FIGURES.append(figure)
    if not_on_server:
        skipped(figure.what, POSTGRESQL, not_on_server)
    print("\n" + " | ".join(figure.cells()))
    return figure


def skipped(what: str, engine: str, why: str) -> None:
    """`what` is not measured on `engine`, for the reason `why` (shown in its cell)."""
    _FIGURES.append(Skipped(what, engine, why))


def table() -> str:
    """The figures of this run as a Markdown table, a line per thing measured (in the order
    first measured), an engine per column; "met?" gives each engine's verdict in turn."""
    if not _FIGURES:
        return ""
    lines: dict[str, dict[str, Figure | Skipped]] = {}
    for figure in _FIGURES:
        lines.setdefault(figure.what, {})[figure.engine] = figure
    rows = [
        "| What | Goal | SQLite figure (floor) | PostgreSQL figure (floor) | Met? |",
        "|---|---|---|---|---|",
    ]
    for what, by_engine in lines.items():
        measured = [f for f in by_engine.values() if isinstance(f, Figure)]
        floors = sorted({f.floor for f in measured if f.floor})
        label = what + (f"; floor: {' / '.join(floors)}" if floors else "")
        goal = measured[0].goal if measured else "—"
        cells, verdicts = [], []
        for engine in ENGINES:
            found = by_engine.get(engine)
            cells.append(found.cell() if found is not None else "—")
            if isinstance(found, Figure):
                verdicts.append("yes" if found.met else "**no**")
            else:
                verdicts.append("—")
        rows.append(f"| {label} | {goal} | {cells[0]} | {cells[1]} | {' / '.join(verdicts)} |")
    return "\n".join(rows)
