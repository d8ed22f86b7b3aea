"""What statistics are about: a period (a year or a range of days, with the same days a year
earlier) and a scope (the whole district, a township or a room), and finding the scope a user
named."""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import Room, Township
from desktop.rules.rooms import ROOM_KINDS

FIRST_YEAR, LAST_YEAR = 1949, 2100


class StatsError(UserError, ValueError):
    """Statistics cannot be made; the message is for the user."""


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise StatsError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，收到 {year}")


def _year_earlier(day: date) -> date:
    # 29 February has no twin a year earlier: the 28th stands in for it.
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise StatsError(
                f"起始日期（{self.start.isoformat()}）不能晚于结束日期（{self.end.isoformat()}）"
            )

    @classmethod
    def of_year(cls, year: int) -> Period:
        _check_year(year)
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """A period the user chose, checked: in order, and within the years Yishi knows."""
        _check_year(start.year)
        _check_year(end.year)
        return cls(start, end)

    @property
    def year(self) -> int | None:
        """The calendar year when the period is exactly one, else None."""
        whole = (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)
        return self.start.year if whole and self.start.year == self.end.year else None

    def previous(self) -> Period:
        """The same days one year earlier (同比): the year before, for a year."""
        if self.year is not None:
            return Period(date(self.year - 1, 1, 1), date(self.year - 1, 12, 31))
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM", in order."""
        months: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    @property
    def label(self) -> str:
        """How the period reads in a title: 2024年, or 2024年3月1日至2024年6月30日."""
        if self.year is not None:
            return f"{self.year}年"

        def day(value: date) -> str:
            return f"{value.year}年{value.month}月{value.day}日"

        if self.start.day == 1 and self.end.day == calendar.monthrange(*_ym(self.end))[1]:
            if (self.start.year, self.start.month) == (self.end.year, self.end.month):
                return f"{self.start.year}年{self.start.month}月"
            return f"{self.start.year}年{self.start.month}月至{self.end.year}年{self.end.month}月"
        return f"{day(self.start)}至{day(self.end)}"


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


class Level(enum.StrEnum):
    """What a scope covers."""

    DISTRICT = "district"
    TOWNSHIP = "township"
    ROOM = "room"


@dataclass(frozen=True)
class Scope:
    """The whole district, one township (its id) or one room (its id)."""

    level: Level = Level.DISTRICT
    id: str | None = None

    @classmethod
    def township(cls, township_id: str) -> Scope:
        return cls(Level.TOWNSHIP, township_id)

    @classmethod
    def room(cls, room_id: str) -> Scope:
        return cls(Level.ROOM, room_id)


DISTRICT = Scope()


@dataclass(frozen=True)
class RoomChoice:
    room_id: str
    name: str
    code: str | None


@dataclass(frozen=True)
class TownshipChoice:
    township_id: str
    name: str
    rooms: tuple[RoomChoice, ...]


def read_scope_choices(db: Database) -> list[TownshipChoice]:
    """The townships and their real rooms (live ones), for a scope picker; empty in a room."""
    installation = db.installation()
    if installation is None or not installation.role.sees_many_rooms:
        return []
    statement = (
        select(Township.id, Township.name, Room.id, Room.name, Room.code)
        .join(Room, Room.township_id == Township.id)
        .where(
            Township.deleted.is_(False),
            Room.deleted.is_(False),
            Room.kind.in_(sorted(ROOM_KINDS)),
        )
        .order_by(Township.name, Township.id, Room.name, Room.id)
    )
    townships: dict[str, TownshipChoice] = {}
    rooms: dict[str, list[RoomChoice]] = {}
    with db.engine.connect() as connection:
        for township_id, township, room_id, room, code in connection.execute(statement):
            if township_id not in townships:
                townships[township_id] = TownshipChoice(township_id, township, ())
                rooms[township_id] = []
            rooms[township_id].append(RoomChoice(room_id, room, code))
    return [
        TownshipChoice(t.township_id, t.name, tuple(rooms[t.township_id]))
        for t in townships.values()
    ]


def find_scope(db: Database, *, township: str | None = None, room: str | None = None) -> Scope:
    """The scope a user named: a township by its name, a room by its code or name."""
    installation = db.installation()
    if installation is None:
        raise StatsError("此目录尚未初始化，请先运行 yishi setup")
    if township is not None and room is not None:
        raise StatsError("镇（街道）和议事室只能指定一个")
    if township is None and room is None:
        return DISTRICT
    if not installation.role.sees_many_rooms:
        raise StatsError("议事室安装只统计本议事室，不能指定镇（街道）或议事室")
    with db.engine.connect() as connection:
        if township is not None:
            name = township.strip()
            rows = connection.execute(
                select(Township.id, Township.name)
                .where(Township.deleted.is_(False))
                .order_by(Township.name)
            ).all()
            found = [row.id for row in rows if row.name == name]
            if not found:
                known = "、".join(row.name for row in rows[:12]) or "（还没有镇街）"
                raise StatsError(f"没有名为「{name}」的镇（街道）；现有：{known}")
            return Scope.township(found[0])
        assert room is not None
        wanted = room.strip()
        room_rows = connection.execute(
            select(Room.id, Room.name, Room.village, Room.code)
            .where(Room.deleted.is_(False), Room.kind.in_(sorted(ROOM_KINDS)))
            .order_by(Room.name)
        ).all()
        matches = [r for r in room_rows if r.code is not None and r.code.upper() == wanted.upper()]
        matches = matches or [r for r in room_rows if wanted in (r.name, r.village)]
        if not matches:
            raise StatsError(f"没有编号或名称为「{wanted}」的议事室")
        if len(matches) > 1:
            listed = "、".join(f"{r.name}（{r.code or '无编号'}）" for r in matches[:10])
            raise StatsError(f"「{wanted}」对应多个议事室，请用编号指定：{listed}")
        return Scope.room(matches[0].id)
