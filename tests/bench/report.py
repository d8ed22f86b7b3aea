"""Every benchmark's figure, gathered for the table the run prints at its end (the README's
table is that output).

A figure is a measured value beside the floor measured in the same run, when it has one,
because these machines are noisy: the ratio is the figure that means something.
"""

from __future__ import annotations

from dataclasses import dataclass

_FIGURES: list[Figure] = []


@dataclass(frozen=True)
class Figure:
    what: str
    value: float
    unit: str  # "ms", "s", "rows/s", "MB"
    goal: str  # as the issue writes it: "≤ 4× the floor", "≤ 100 ms"
    met: bool
    floor: str = ""  # what the floor is, "" when the goal is absolute
    floor_value: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor_value is None or self.floor_value == 0:
            return None
        return self.value / self.floor_value

    def cells(self) -> tuple[str, str, str, str, str]:
        floor = f"{self.floor}: {_number(self.floor_value)} {self.unit}" if self.floor else "—"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        met = "yes" if self.met else "**no**"
        return self.what, f"{_number(self.value)} {self.unit}", floor, ratio, f"{self.goal} ({met})"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def record(figure: Figure) -> Figure:
    """Keep `figure` for the table and print it at once (with `-s`, as it is measured)."""
    _FIGURES.append(figure)
    print("\n" + " | ".join(figure.cells()))
    return figure


def table() -> str:
    """The figures of this run as a Markdown table, in the order they were measured."""
    if not _FIGURES:
        return ""
    lines = [
        "| What | Figure | Floor (same run) | Ratio | Goal (met) |",
        "|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(figure.cells()) + " |" for figure in _FIGURES]
    return "\n".join(lines)
