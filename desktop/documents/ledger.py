"""年度台账: every meeting of a year with its topics and outcomes, and the year's figures.

A room prints its own meetings; a district prints all of its rooms', grouped by room.
"""

from __future__ import annotations

from pathlib import Path

from desktop.db import Database
from desktop.documents.fonts import load_fonts
from desktop.documents.layout import Document, chinese_numeral
from desktop.documents.records import LedgerMeeting, load_ledger
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import NodeRole
from desktop.stats import year_stats

# Rows per table: reportlab splits a long table in time quadratic in its length, so a year
# of 500 meetings is printed as many short tables (each repeating its header row).
ROWS_PER_TABLE = 60


def ledger_title(name: str, year: int) -> str:
    return f"{name}{year}年度协商议事台账"


def _rows(meetings: list[LedgerMeeting]) -> list[tuple[list[str], str]]:
    rows: list[tuple[list[str], str]] = []
    for meeting in meetings:
        record = f"{format_date(meeting.held_on)}议事活动“{meeting.title}”"
        when = f"{format_date(meeting.held_on)}\n{meeting.form.label}"
        topics = meeting.topics or []
        if not topics:
            rows.append(([when, meeting.title, "", ""], record))
            continue
        for index, topic in enumerate(topics):
            # The state follows each outcome in its cell, so they stay aligned when they wrap.
            outcomes = "\n".join(
                f"{n}. {o.content}"
                + (f"（{o.responsible_unit}）" if o.responsible_unit else "")
                + f"【{o.result_class.label if o.result_class is not None else o.status.label}】"
                for n, o in enumerate(topic.outcomes, 1)
            )
            first = index == 0
            rows.append(
                (
                    [
                        when if first else "",
                        meeting.title if first else "",
                        topic.title,
                        outcomes,
                    ],
                    f"{record}的议题“{topic.title}”",
                )
            )
    return rows


def _figures(document: Document, stats: dict[str, object], record: str) -> None:
    figures = [
        ("开展协商议事活动", f"{stats['meetings']}场"),
        ("政协委员参加", f"{stats['member_attendances']}人次"),
        ("其他人员参加", f"{stats['participant_attendances']}人次"),
        ("征集议题", f"{stats['topics']}个"),
        ("形成协商成果", f"{stats['outcomes']}项"),
        ("成果已办结", f"{stats['outcomes_implemented']}项"),
        ("解决实际问题", f"{stats['problems_solved']}个"),
    ]
    document.table(
        ["项目", "数量"],
        [([label, value], record) for label, value in figures],
        widths_mm=[100, 56],
    )


def build_ledger(
    document: Document,
    *,
    name: str,
    year: int,
    meetings: list[LedgerMeeting],
    stats: dict[str, object],
    district: bool,
) -> None:
    record = ledger_title(name, year)
    document.title(record, record="台账标题")
    document.space(0.5)
    document.heading("一、年度数据")
    _figures(document, stats, record)
    document.space(0.5)
    document.heading("二、议事活动明细")
    header = ["日期/形式", "议事活动", "议题", "协商成果（责任单位）【办理情况】"]
    widths = [33, 30, 32, 61]
    groups: list[tuple[str, list[LedgerMeeting]]] = []
    for meeting in meetings:
        if district and (not groups or groups[-1][0] != meeting.room_name):
            groups.append((meeting.room_name, []))
        elif not groups:
            groups.append(("", []))
        groups[-1][1].append(meeting)
    if not meetings:
        document.paragraph(f"{year}年没有已召开的议事活动。", record=record, indent=True)
    for number, (room_name, room_meetings) in enumerate(groups, 1):
        if district:
            document.heading(f"（{chinese_numeral(number)}）{room_name}", record=room_name)
        rows = _rows(room_meetings)
        for start in range(0, len(rows), ROWS_PER_TABLE):
            document.table(header, rows[start : start + ROWS_PER_TABLE], widths_mm=widths)


def render_ledger(*, db: Database, year: int, path: Path) -> Path:
    """Write the ledger of `year` for this installation (room, or whole district) as a PDF."""
    installation = db.installation()
    if installation is None:
        raise UserError("此目录尚未初始化，请先运行 yishi setup")
    district = installation.role is NodeRole.DISTRICT
    stats = year_stats(db, year=year)
    with db.session() as session:
        meetings = load_ledger(
            session, year=year, room_id=None if district else installation.room_id
        )
        fonts = load_fonts(session)
    name = installation.name
    document = Document(fonts, title=ledger_title(name, year))
    build_ledger(document, name=name, year=year, meetings=meetings, stats=stats, district=district)
    return document.save(path)
