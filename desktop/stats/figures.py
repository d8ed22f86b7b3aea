"""The figures the district office reports from, for a period and a scope, in grouped queries.

A period is a calendar year or any range of days (both ends included); a scope is the whole
district, one township or one room (a room installation only ever sees its own room). Every
figure is counted per host room in one grouped query per kind of record, never one query per
room, and added up in Python: so the per-township and per-room lists add up to the totals
exactly, and a 315-room district's ten years are counted in well under the page's 300 ms.

What is counted (deleted, i.e. tombstoned, rows never count):

- `meetings`: consultation meetings held in the period (status held, minutes drafted or
  minutes final, `held_on` in the period), also by form (现场/板凳/邻里/远程视频) and by month.
- `member_attendances` / `participant_attendances`: 人次, attendance rows marked present at
  those meetings, for members and for other participants.
- `topics`: topics raised in the period, by source (党政点题/群众出题/委员荐题/网格征题) and
  by status.
- `outcomes`: the outcomes of those meetings' agenda items (outcomes of activities and cases
  are not consultation outcomes), by status and by result class A–D (`unclassified` when no
  class is given yet), as they stand now. `outcomes_implemented` are those 已办结;
  `problems_solved` those of class A (已解决/基本解决), whatever their status.
- `outcomes_due`: of those outcomes, the ones that should be finished by the reference day
  (the period's last day, or today if the period has not ended): closed ones (已办结 or
  未能办理) and open ones whose deadline has passed. An open outcome without a deadline, or
  with one still ahead, is not yet due.
- `implementation_rate` (落实率) = `outcomes_implemented` / `outcomes_due`, a fraction
  rounded to four places, or None when nothing is due. It is worked out for each line from
  that line's counts, never added up.
- `proposals_sent` / `social_info_sent`: outcomes (of any origin) escalated in the period as
  政协提案 / 社情民意信息 (`escalated_on` in the period); `proposals_adopted` /
  `social_info_adopted`: of those, the ones recorded as adopted (立案 / 采用), see
  `desktop.stats.counting`.
- `activities`: other activities (一室多用) held in the period, with the members who took
  part (`activity_member_attendances`, 人次), in total and by kind (`activities_by_kind`,
  keyed by the kind's code; `activity_kinds` names them).
- `cases_received`: mediation and petition cases opened in the period (also by kind);
  `cases_resolved`: of those, the ones closed as 调解成功.

The district office's and the townships' own work (desktop.workflow.district_work: the
office hosts, never rooms) is counted in the totals; in the per-room list each office host
has its own line (`office` "district" or "township", None for a room), and in the
per-township list a township's line holds its rooms' and its own work while the district
office's work has a line of its own (`office` "district"). So both lists add up to the totals.
`ranking` lists the real rooms only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    select,
)

from desktop import clock
from desktop.db import Database
from desktop.models import (
    Room,
    Township,
)
from desktop.models.enums import (
    RoomKind,
)
from desktop.rules.rooms import OFFICE_KINDS
from desktop.stats.counting import PeriodCounter, activity_kinds, room_rows
from desktop.stats.lines import (
    BREAKDOWN_KEYS,
    COUNT_KEYS,
    UNCLASSIFIED,
    add_figures,
    empty_figures,
    finish,
    only_figures,
)
from desktop.stats.scope import DISTRICT, Level, Period, Scope, StatsError

__all__ = [
    "BREAKDOWN_KEYS",
    "COUNT_KEYS",
    "UNCLASSIFIED",
    "add_figures",
    "compute_stats",
    "empty_figures",
    "only_figures",
    "rank_rooms",
    "year_stats",
]


def compute_stats(
    db: Database,
    *,
    period: Period,
    scope: Scope = DISTRICT,
    today: date | None = None,
) -> dict[str, Any]:
    """The figures of `period` for `scope`, with the same figures of the period a year
    earlier under `previous`; JSON-ready, snake_case keys (see the module's docstring).

    A district's statistics also carry `townships`, `rooms`, `offices` (the office hosts'
    lines again, as before the per-room list held them) and `ranking`; a room's do not.
    """
    installation = db.installation()
    if installation is None:
        raise StatsError("此目录尚未初始化，请先运行 yishi setup")
    district = installation.role.sees_many_rooms
    if not district:
        if installation.room_id is None:
            raise StatsError("本议事室安装没有关联议事室")
        if scope.level is Level.TOWNSHIP or (
            scope.level is Level.ROOM and scope.id != installation.room_id
        ):
            raise StatsError("议事室安装只统计本议事室")
        scope = Scope.room(installation.room_id)
    today = today or clock.today()
    previous_period = period.previous()

    with db.engine.connect() as connection:
        name, subject = _subject(connection, scope, installation.name, district)
        kinds = activity_kinds(connection, period, previous_period)
        codes = [kind["code"] for kind in kinds]
        counter = PeriodCounter((period, previous_period), codes, today)
        counter.count(connection, scope)
        counted = [room for room in counter.by_room[0] if room is not None]
        rows = room_rows(connection, scope, counted) if district else []

    stats: dict[str, Any] = {
        "year": period.year,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "scope": installation.role.value,
        "level": scope.level.value,
        "name": name,
        **subject,
        **_total(counter.by_room[0], codes),
        "meetings_by_month": _months(counter.months[0]),
        "activity_kinds": kinds,
        "previous": {
            "year": previous_period.year,
            "from": previous_period.start.isoformat(),
            "to": previous_period.end.isoformat(),
            **_total(counter.by_room[1], codes),
            "meetings_by_month": _months(counter.months[1]),
        },
    }
    if district:
        stats.update(_lists(rows, counter.by_room[0], codes, district_name=installation.name))
    return stats


def year_stats(db: Database, *, year: int) -> dict[str, Any]:
    """The whole installation's figures of one calendar year (`compute_stats`)."""
    return compute_stats(db, period=Period.of_year(year))


def _subject(
    connection: Connection, scope: Scope, installation_name: str, district: bool
) -> tuple[str, dict[str, Any]]:
    """The name of what is counted and its id, checked to exist."""
    if scope.level is Level.DISTRICT:
        return installation_name, {}
    if scope.level is Level.TOWNSHIP:
        township = connection.execute(
            select(Township.name).where(Township.id == scope.id, Township.deleted.is_(False))
        ).scalar()
        if township is None:
            raise StatsError("所选镇（街道）不存在或已删除")
        return township, {"township_id": scope.id}
    row = connection.execute(
        select(Room.name, Room.kind, Township.id, Township.name)
        .outerjoin(Township, Township.id == Room.township_id)
        .where(Room.id == scope.id)
    ).first()
    if row is None or (district and RoomKind(row[1]) in OFFICE_KINDS):
        raise StatsError("所选议事室不存在")
    return row[0], {"room_id": scope.id, "township_id": row[2], "township": row[3]}


def _total(by_room: dict[str | None, dict[str, Any]], codes: list[str]) -> dict[str, Any]:
    total = empty_figures(codes)
    for figures in by_room.values():
        add_figures(total, figures)
    return finish(total)


def _months(months: dict[str, int]) -> list[dict[str, Any]]:
    return [{"month": month, "meetings": count} for month, count in months.items()]


def _lists(
    rows: list[dict[str, Any]],
    by_room: dict[str | None, dict[str, Any]],
    codes: list[str],
    *,
    district_name: str,
) -> dict[str, Any]:
    rooms: list[dict[str, Any]] = []
    offices: list[dict[str, Any]] = []
    townships: dict[str | None, dict[str, Any]] = {}
    district_line: dict[str, Any] | None = None
    for row in rows:
        figures = finish(by_room.get(row["id"], empty_figures(codes)))
        kind = RoomKind(row["kind"])
        office = None
        if kind in OFFICE_KINDS:
            office = "district" if kind is RoomKind.DISTRICT_OFFICE else "township"
        line = {
            "room_id": row["id"],
            "name": row["name"],
            "village": row["village"],
            "code": row["code"],
            "township_id": row["township_id"],
            "township": row["township"],
            "office": office,
            **figures,
        }
        rooms.append(line)
        if office is not None:
            offices.append(
                {
                    "office": office,
                    "room_id": row["id"],
                    "name": row["name"],
                    "township_id": row["township_id"],
                    "township": row["township"],
                    **figures,
                }
            )
        if office == "district":
            if district_line is None:
                district_line = {
                    "township_id": None,
                    "name": row["name"] or district_name,
                    "office": "district",
                    "room_count": 0,
                    **empty_figures(codes),
                }
            add_figures(district_line, figures)
            continue
        township = townships.setdefault(
            row["township_id"],
            {
                "township_id": row["township_id"],
                "name": row["township"],
                "office": None,
                "room_count": 0,
                **empty_figures(codes),
            },
        )
        if office is None:
            township["room_count"] += 1
        add_figures(township, figures)
    township_lines = [finish(t) for t in townships.values()]
    if district_line is not None:
        township_lines.append(finish(district_line))
    return {
        "townships": township_lines,
        "rooms": rooms,
        "offices": offices,
        "ranking": rank_rooms(rooms),
    }


RANKED_KEYS = (
    "meetings",
    "problems_solved",
    "member_attendances",
    "topics",
    "outcomes",
    "outcomes_implemented",
)


def rank_rooms(rooms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Real rooms ranked by meetings held, then by problems solved (both most first); rooms
    equal on both share a rank (1, 2, 2, 4), listed by township and name."""
    real = [room for room in rooms if room["office"] is None]
    real.sort(key=lambda r: (-r["meetings"], -r["problems_solved"], r["township"] or "", r["name"]))
    ranking: list[dict[str, Any]] = []
    previous: tuple[int, int] | None = None
    rank = 0
    for position, room in enumerate(real, 1):
        key = (room["meetings"], room["problems_solved"])
        if key != previous:
            rank, previous = position, key
        ranking.append(
            {
                "rank": rank,
                "room_id": room["room_id"],
                "name": room["name"],
                "township": room["township"],
                **{key: room[key] for key in RANKED_KEYS},
            }
        )
    return ranking
