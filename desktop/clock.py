"""The one clock: code asks `clock.today()` or `clock.now()` (or takes `today=`); tests move it.

Every "what day is it" in the package goes through here, so a test that moves the clock
(tests/conftest.py's `clock` fixture, or CI's run with YISHI_TEST_TODAY) moves all of it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def today() -> date:
    """The local calendar day."""
    return datetime.now().date()


def now() -> datetime:
    """Local wall time, naive: what a secretary reads off the office clock."""
    return datetime.now()


def utcnow() -> datetime:
    """Aware UTC time, for stamps that cross time zones (sync, audit)."""
    return datetime.now(UTC)
