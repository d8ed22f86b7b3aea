"""Shared pieces of the demo builders: a seeded random source, row batches and their writing."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from desktop.demo.vocabulary import FEMALE_CHARS, MALE_CHARS, SURNAMES
from desktop.errors import UserError
from desktop.models import Base, Synced
from desktop.models.enums import Gender

T = TypeVar("T")
S = TypeVar("S", bound=Synced)

# Local time of the Nantong office, fixed offset: no tz database needed on Windows.
CHINA = timezone(timedelta(hours=8))

CHINESE_DIGITS = "零一二三四五六七八九"


class DemoError(UserError):
    """The demo cannot run in this home; the message is for the user."""


class DemoCancelled(DemoError):
    """The caller cancelled; everything the run had written was rolled back."""


class DemoRandom(random.Random):
    """`random.Random` with the demo's helpers; every id and date comes from it.

    `salt` is mixed into the ids only: two installations given the same seed (two districts'
    demo data, forwarded to one city) draw the same records under different ids, while the
    same installation, or a copy of it, draws the same ids again."""

    def __init__(self, x: Any = None, *, salt: int = 0) -> None:
        super().__init__(x)
        self.salt = salt

    def uid(self) -> str:
        return str(uuid.UUID(int=self.getrandbits(128) ^ self.salt, version=4))

    def child(self) -> DemoRandom:
        """An independent stream (one per room), so rooms do not shift each other."""
        return DemoRandom(self.getrandbits(64), salt=self.salt)

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def weighted(self, options: Sequence[tuple[T, float]]) -> T:
        values = [value for value, _ in options]
        weights = [weight for _, weight in options]
        return self.choices(values, weights=weights)[0]

    def day_between(self, first: date, last: date) -> date:
        """A day in [first, last]; `first` when the range is empty."""
        if last <= first:
            return first
        return first + timedelta(days=self.randint(0, (last - first).days))

    def person_name(self, gender: Gender) -> str:
        chars = MALE_CHARS if gender is Gender.MALE else FEMALE_CHARS
        given = self.choice(chars)
        if self.random() < 0.7:
            given += self.choice(chars)
        return self.choice(SURNAMES) + given

    def gender(self, female_share: float = 0.45) -> Gender:
        return Gender.FEMALE if self.random() < female_share else Gender.MALE

    def phone(self) -> str | None:
        if self.random() < 0.25:
            return None
        return self.choice(("139", "138", "137", "135", "152", "158", "180", "189")) + "".join(
            str(self.randint(0, 9)) for _ in range(8)
        )


def chinese_number(value: int) -> str:
    """1 → 一, 12 → 十二, 27 → 二十七 (values below 100, for 第…片区 and 第…届)."""
    if value < 10:
        return CHINESE_DIGITS[value]
    tens, ones = divmod(value, 10)
    prefix = "" if tens == 1 else CHINESE_DIGITS[tens]
    return prefix + "十" + (CHINESE_DIGITS[ones] if ones else "")


def at(day: date, clock: time) -> datetime:
    """An aware datetime for a local wall-clock time in Nantong."""
    return datetime.combine(day, clock, tzinfo=CHINA)


def _table_levels() -> dict[str, int]:
    """Tables ranked so that every table comes after the tables it refers to."""
    levels: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        parents = [
            fk.column.table.name for fk in table.foreign_keys if fk.column.table is not table
        ]
        levels[table.name] = 1 + max((levels[p] for p in parents), default=0)
    return levels


_LEVELS = _table_levels()


class Batch:
    """Rows of one unit of work, each stamped with its owner when added."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.rows: list[Synced] = []
        self.changes: list[tuple[Synced, dict[str, Any]]] = []

    def add(self, row: S, *, owner: str | None = None) -> S:
        row.owner_node = owner or self.owner
        self.rows.append(row)
        return row

    def later(self, row: Synced, **values: Any) -> None:
        """Values to set once every row is in, as a later edit (e.g. finalising minutes)."""
        self.changes.append((row, values))

    def count(self, model: type[Synced]) -> int:
        return sum(1 for row in self.rows if type(row) is model)

    def write(self, session: Session) -> None:
        """Add the rows parents first, one flush per level of the foreign-key graph.

        The models declare no relationships, so the unit of work cannot order inserts across
        tables by itself; flushing level by level keeps every foreign key satisfied.
        """
        by_level: dict[int, list[Synced]] = defaultdict(list)
        for row in self.rows:
            by_level[_LEVELS[row.__tablename__]].append(row)
        for level in sorted(by_level):
            session.add_all(by_level[level])
            session.flush()
        for row, values in self.changes:
            for name, value in values.items():
                setattr(row, name, value)
        if self.changes:
            session.flush()
