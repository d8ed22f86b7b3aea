"""Yearly statistics (`yishi stats`): meetings, attendances, topics and outcomes of one year."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, or_, select

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import AgendaItem, Attendance, Meeting, Outcome, Room, Topic, Township
from desktop.models.enums import (
    AttendanceStatus,
    NodeRole,
    OutcomeStatus,
    ResultClass,
    RoomKind,
    TopicSource,
    TopicStatus,
)
from desktop.rules.meetings import HELD_STATUSES
from desktop.rules.rooms import OFFICE_KINDS

# Plain counts, in the order they are printed; topics_by_* are the nested ones.
COUNT_KEYS = (
    "meetings",
    "member_attendances",
    "participant_attendances",
    "topics",
    "outcomes",
    "outcomes_implemented",
    "problems_solved",
)


class StatsError(UserError, ValueError):
    """Statistics cannot be made; the message is for the user."""


def empty_figures() -> dict[str, Any]:
    """All figures at zero, with every topic source and status present."""
    return {
        "meetings": 0,
        "member_attendances": 0,
        "participant_attendances": 0,
        "topics": 0,
        "topics_by_source": {source.value: 0 for source in TopicSource},
        "topics_by_status": {status.value: 0 for status in TopicStatus},
        "outcomes": 0,
        "outcomes_implemented": 0,
        "problems_solved": 0,
    }


def _add_figures(into: dict[str, Any], figures: dict[str, Any]) -> None:
    for key in COUNT_KEYS:
        into[key] += figures[key]
    for nested in ("topics_by_source", "topics_by_status"):
        for code, count in figures[nested].items():
            into[nested][code] += count


def _figures_by_room(
    connection: Connection, *, year: int, room_id: str | None
) -> dict[str, dict[str, Any]]:
    """Every figure grouped by room: one grouped query per kind of record, not per room."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    held: list[ColumnElement[bool]] = [
        Meeting.deleted.is_(False),
        Meeting.status.in_(HELD_STATUSES),
        Meeting.held_on.between(first, last),
    ]
    raised: list[ColumnElement[bool]] = [
        Topic.deleted.is_(False),
        Topic.raised_on.between(first, last),
    ]
    if room_id is not None:
        held.append(Meeting.room_id == room_id)
        raised.append(Topic.room_id == room_id)

    by_room: dict[str, dict[str, Any]] = {}

    def figures(room: str) -> dict[str, Any]:
        return by_room.setdefault(room, empty_figures())

    meetings = select(Meeting.room_id, func.count()).where(*held).group_by(Meeting.room_id)
    for room, count in connection.execute(meetings):
        figures(room)["meetings"] = count

    # count(column) skips NULLs, so one pass counts members and participants apart.
    attendances = (
        select(
            Meeting.room_id,
            func.count(Attendance.member_id),
            func.count(Attendance.participant_id),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(
            *held,
            Attendance.deleted.is_(False),
            Attendance.status == AttendanceStatus.PRESENT,
        )
        .group_by(Meeting.room_id)
    )
    for room, members, participants in connection.execute(attendances):
        figures(room)["member_attendances"] = members
        figures(room)["participant_attendances"] = participants

    topics = (
        select(Topic.room_id, Topic.source, Topic.status, func.count())
        .where(*raised)
        .group_by(Topic.room_id, Topic.source, Topic.status)
    )
    for room, source, status, count in connection.execute(topics):
        entry = figures(room)
        entry["topics"] += count
        entry["topics_by_source"][TopicSource(source).value] += count
        entry["topics_by_status"][TopicStatus(status).value] += count

    outcomes = (
        select(
            Meeting.room_id,
            func.count(Outcome.id),
            func.count(case((Outcome.status == OutcomeStatus.COMPLETED, 1))),
            func.count(case((Outcome.result_class == ResultClass.A, 1))),
        )
        .select_from(Outcome)
        .join(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(*held, Outcome.deleted.is_(False), AgendaItem.deleted.is_(False))
        .group_by(Meeting.room_id)
    )
    for room, total, implemented, solved in connection.execute(outcomes):
        entry = figures(room)
        entry["outcomes"] = total
        entry["outcomes_implemented"] = implemented
        entry["problems_solved"] = solved
    return by_room


def _room_rows(connection: Connection, *, with_figures: Iterable[str]) -> list[dict[str, Any]]:
    """Every live room, plus any (deleted) room that still has counted records."""
    stmt = (
        select(
            Room.id,
            Room.name,
            Room.village,
            Room.code,
            Room.kind,
            Township.id.label("township_id"),
            Township.name.label("township"),
        )
        .outerjoin(Township, Township.id == Room.township_id)
        .where(or_(Room.deleted.is_(False), Room.id.in_(list(with_figures))))
    )
    rows = [row._asdict() for row in connection.execute(stmt)]
    rows.sort(key=lambda r: (r["township"] or "", r["village"], r["name"], r["id"]))
    return rows


def year_stats(db: Database, *, year: int) -> dict[str, Any]:
    """Figures of one calendar year, JSON-ready with snake_case keys.

    Counted: meetings held in the year (status held, minutes drafted or minutes final and
    `held_on` in the year); `member_attendances` / `participant_attendances` are 人次, i.e.
    attendance rows marked present at those meetings; topics are those raised in the year,
    by source and by status; outcomes are those of the agenda items of those meetings,
    `outcomes_implemented` the ones whose status is completed (已办结), and
    `problems_solved` the ones whose result class is A (已解决/基本解决), whatever their
    status. Deleted (tombstoned) rows never count.

    A district's statistics also carry `rooms` (one entry per room, same figures),
    `townships` (same figures per township, its rooms' and its own work) and `offices` (the
    work the district office and each township recorded themselves, desktop.workflow.
    district_work: one entry per office, `office` "district" or "township"). The townships
    and the district office's entry add up to the totals; so do the rooms and the offices.
    """
    installation = db.installation()
    if installation is None:
        raise StatsError("此目录尚未初始化，请先运行 yishi setup")
    district = installation.role is NodeRole.DISTRICT
    if not district and installation.room_id is None:
        raise StatsError("本议事室安装没有关联议事室")
    room_scope = None if district else installation.room_id

    with db.engine.connect() as connection:
        by_room = _figures_by_room(connection, year=year, room_id=room_scope)
        rooms = _room_rows(connection, with_figures=by_room) if district else []

    totals = empty_figures()
    for figures in by_room.values():
        _add_figures(totals, figures)
    stats: dict[str, Any] = {
        "year": year,
        "scope": installation.role.value,
        "name": installation.name,
        **totals,
    }
    if not district:
        return stats

    room_entries: list[dict[str, Any]] = []
    office_entries: list[dict[str, Any]] = []
    townships: dict[str | None, dict[str, Any]] = {}
    for row in rooms:
        figures = by_room.get(row["id"], empty_figures())
        if row["kind"] in OFFICE_KINDS:
            office = "district" if row["kind"] == RoomKind.DISTRICT_OFFICE else "township"
            office_entries.append(
                {
                    "office": office,
                    "room_id": row["id"],
                    "name": row["name"],
                    "township_id": row["township_id"],
                    "township": row["township"],
                    **figures,
                }
            )
            if office == "township":
                _add_figures(_township_entry(townships, row), figures)
            continue
        room_entries.append(
            {
                "room_id": row["id"],
                "name": row["name"],
                "village": row["village"],
                "code": row["code"],
                "township_id": row["township_id"],
                "township": row["township"],
                **figures,
            }
        )
        township = _township_entry(townships, row)
        township["room_count"] += 1
        _add_figures(township, figures)
    stats["townships"] = list(townships.values())
    stats["rooms"] = room_entries
    stats["offices"] = office_entries
    return stats


def _township_entry(
    townships: dict[str | None, dict[str, Any]], row: dict[str, Any]
) -> dict[str, Any]:
    return townships.setdefault(
        row["township_id"],
        {
            "township_id": row["township_id"],
            "name": row["township"],
            "room_count": 0,
            **empty_figures(),
        },
    )


# --- printing ---------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns a terminal gives the text: East Asian wide and full-width characters take 2."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad to a display width (left-aligned, or right-aligned for numbers)."""
    filler = " " * max(0, width - display_width(text))
    return filler + text if right else text + filler


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int
) -> str:
    """A plain-text table; columns from `numeric_from` on are right-aligned."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            pad(cell, width, right=index >= numeric_from)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


_SUMMARY = (
    ("meetings", "协商议事活动", "场"),
    ("member_attendances", "委员参加", "人次"),
    ("participant_attendances", "其他人员参加", "人次"),
    ("topics", "议题", "个"),
    ("outcomes", "协商成果", "条"),
    ("outcomes_implemented", f"其中{OutcomeStatus.COMPLETED.label}", "条"),
    ("problems_solved", "解决问题", "个"),
)

_FIGURE_COLUMNS = (
    ("meetings", "活动（场）"),
    ("member_attendances", "委员（人次）"),
    ("participant_attendances", "其他人员（人次）"),
    ("topics", "议题（个）"),
    ("outcomes", "成果（条）"),
    ("outcomes_implemented", OutcomeStatus.COMPLETED.label),
    ("problems_solved", "解决问题（个）"),
)


def _breakdown(counts: dict[str, int], enum_cls: type[TopicSource] | type[TopicStatus]) -> str:
    return "  ".join(f"{member.label} {counts[member.value]}" for member in enum_cls)


def format_stats(stats: dict[str, Any]) -> str:
    """The statistics as a readable Chinese table for the terminal."""
    lines = [f"{stats['name']} {stats['year']} 年度协商议事统计", ""]
    summary = [(label, str(stats[key]), unit) for key, label, unit in _SUMMARY]
    label_width = max(display_width(label) for label, _, _ in summary)
    number_width = max(display_width(number) for _, number, _ in summary)
    for label, number, unit in summary:
        lines.append(f"{pad(label, label_width)}  {pad(number, number_width, right=True)} {unit}")
    lines.append(f"（解决问题：成果办理结果为「{ResultClass.A.label}」的条数）")
    lines.append("")
    lines.append(f"议题来源：{_breakdown(stats['topics_by_source'], TopicSource)}")
    lines.append(f"议题状态：{_breakdown(stats['topics_by_status'], TopicStatus)}")

    if "townships" in stats:
        figure_headers = [header for _, header in _FIGURE_COLUMNS]
        total_figures = [str(stats[key]) for key, _ in _FIGURE_COLUMNS]

        township_rows = [
            [t["name"] or "（未归属）", str(t["room_count"])]
            + [str(t[key]) for key, _ in _FIGURE_COLUMNS]
            for t in stats["townships"]
        ]
        # The district office's own work belongs to no township: a row of its own.
        township_rows += [
            [f"{o['name']}（本级）", "0"] + [str(o[key]) for key, _ in _FIGURE_COLUMNS]
            for o in stats.get("offices", [])
            if o["office"] == "district"
        ]
        township_rows.append(["合计", str(len(stats["rooms"])), *total_figures])
        lines += [
            "",
            "按镇（街道）统计",
            format_table(["镇（街道）", "议事室", *figure_headers], township_rows, numeric_from=1),
        ]

        room_rows = [
            [r["township"] or "（未归属）", r["name"], r["village"]]
            + [str(r[key]) for key, _ in _FIGURE_COLUMNS]
            for r in stats["rooms"]
        ]
        room_rows.append(["合计", "", "", *total_figures])
        lines += [
            "",
            "按协商议事室统计",
            format_table(
                ["镇（街道）", "协商议事室", "村（社区）", *figure_headers],
                room_rows,
                numeric_from=3,
            ),
        ]
    return "\n".join(lines)
