"""The one clock moves for the whole package when a test (or CI's rerun) moves it."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
import time_machine

from desktop import clock
from desktop.models import Meeting
from desktop.models.enums import MeetingStatus
from desktop.workflow import RuleError
from desktop.workflow.meetings import transition
from tests.conftest import MOVED_TODAY_ENV


def test_the_clock_is_the_moved_day_when_ci_moves_it() -> None:
    moved = os.environ.get(MOVED_TODAY_ENV)
    expected = date.fromisoformat(moved) if moved else datetime.now().date()
    assert clock.today() == expected


def test_a_leap_day_reaches_the_domain_rules(time_machine: time_machine.TimeMachineFixture) -> None:
    meeting = Meeting(status=MeetingStatus.PLANNED, held_on=date(2028, 2, 29))
    time_machine.move_to(datetime(2028, 2, 28, 23, 0))
    with pytest.raises(RuleError, match="尚未到"):
        transition(meeting, MeetingStatus.HELD)
    time_machine.move_to(datetime(2028, 2, 29, 9, 30))
    assert clock.today() == date(2028, 2, 29)
    assert clock.now().date() == date(2028, 2, 29) and clock.utcnow().year == 2028
    transition(meeting, MeetingStatus.HELD)
    assert meeting.status is MeetingStatus.HELD
