"""One line of figures (a room's, a township's, the total): its keys, an empty one, adding one
to another and the rate worked out from its counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop.models.enums import (
    CaseKind,
    MeetingForm,
    OutcomeStatus,
    ResultClass,
    TopicSource,
    TopicStatus,
)

UNCLASSIFIED = "unclassified"

# Plain counts of every line, in the order they are printed and exported.
COUNT_KEYS = (
    "meetings",
    "member_attendances",
    "participant_attendances",
    "topics",
    "outcomes",
    "outcomes_implemented",
    "problems_solved",
    "outcomes_due",
    "proposals_sent",
    "proposals_adopted",
    "social_info_sent",
    "social_info_adopted",
    "activities",
    "activity_member_attendances",
    "cases_received",
    "cases_resolved",
)
# Counts broken down by a fixed list of codes (every code present, zero when none).
BREAKDOWN_KEYS = (
    "meetings_by_form",
    "topics_by_source",
    "topics_by_status",
    "outcomes_by_status",
    "outcomes_by_result",
    "cases_by_kind",
)
# The codes of each breakdown, in order; as plain strings (an enum member's `.value` is slow
# in the loops that add up a district's lines).
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "meetings_by_form": tuple(f.value for f in MeetingForm),
    "topics_by_source": tuple(s.value for s in TopicSource),
    "topics_by_status": tuple(s.value for s in TopicStatus),
    "outcomes_by_status": tuple(s.value for s in OutcomeStatus),
    "outcomes_by_result": (*(r.value for r in ResultClass), UNCLASSIFIED),
    "cases_by_kind": tuple(k.value for k in CaseKind),
}


def empty_figures(activity_kinds: Iterable[str] = ()) -> dict[str, Any]:
    """One line's figures at zero: every count, every breakdown code, every activity kind."""
    figures: dict[str, Any] = dict.fromkeys(COUNT_KEYS, 0)
    for key, codes in BREAKDOWNS.items():
        figures[key] = dict.fromkeys(codes, 0)
    figures["activities_by_kind"] = {
        code: {"activities": 0, "member_attendances": 0} for code in activity_kinds
    }
    figures["implementation_rate"] = None
    return figures


def add_figures(into: dict[str, Any], figures: dict[str, Any]) -> None:
    """Add one line's counts into another (the rate is worked out again by `finish`)."""
    for key in COUNT_KEYS:
        into[key] += figures[key]
    for key in BREAKDOWN_KEYS:
        target = into[key]
        for code, count in figures[key].items():
            if count:
                target[code] = target.get(code, 0) + count
    kinds = into["activities_by_kind"]
    for code, pair in figures["activities_by_kind"].items():
        slot = kinds.get(code)
        if slot is None:
            slot = kinds[code] = {"activities": 0, "member_attendances": 0}
        slot["activities"] += pair["activities"]
        slot["member_attendances"] += pair["member_attendances"]


def implementation_rate(implemented: int, due: int) -> float | None:
    return round(implemented / due, 4) if due else None


def finish(figures: dict[str, Any]) -> dict[str, Any]:
    figures["implementation_rate"] = implementation_rate(
        figures["outcomes_implemented"], figures["outcomes_due"]
    )
    return figures


def only_figures(entry: dict[str, Any]) -> dict[str, Any]:
    """The figures of a line, without its names and ids."""
    keys = set(COUNT_KEYS) | set(BREAKDOWN_KEYS) | {"activities_by_kind", "implementation_rate"}
    return {key: value for key, value in entry.items() if key in keys}
