"""The outcome lifecycle: its table of allowed moves, and when residents may hear back."""

from __future__ import annotations

from desktop.models import Outcome
from desktop.models.enums import OutcomeStatus

OS = OutcomeStatus

TRANSITIONS: dict[OutcomeStatus, frozenset[OutcomeStatus]] = {
    OS.PENDING: frozenset({OS.IN_PROGRESS, OS.COMPLETED, OS.NOT_POSSIBLE}),
    OS.IN_PROGRESS: frozenset({OS.COMPLETED, OS.NOT_POSSIBLE}),
    OS.COMPLETED: frozenset(),
    # A unit that could not act may be able to later: the outcome reopens.
    OS.NOT_POSSIBLE: frozenset({OS.IN_PROGRESS}),
}


def may_feed_back(outcome: Outcome) -> bool:
    """Residents hear back once the unit has taken the outcome up, not while it waits."""
    return outcome.status is not OS.PENDING
