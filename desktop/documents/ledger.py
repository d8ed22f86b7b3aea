"""年度台账: every meeting of a year with its topics and outcomes, and the year's figures.

A room prints its own meetings; a district prints all of its rooms', grouped by room.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from desktop.db import Database
from desktop.documents.fonts import load_fonts
from desktop.documents.landscape import GroupedRow, LandscapeDocument
from desktop.documents.layout import Writer, chinese_numeral
from desktop.documents.output import check_suffix
from desktop.documents.records import LedgerMeeting, load_ledger
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import NodeRole
from desktop.stats import year_stats

# Rows per table: reportlab splits a long table in time quadratic in its length, so a year
# of 500 meetings is printed as many short tables (each repeating its header row).
ROWS_PER_TABLE = 60
# 序号, 日期/形式 and 议事活动 name the meeting; the topics and outcomes follow it.
GROUP_COLUMNS = 3


class Register(Writer, Protocol):
    """A writer that also draws the ledger's grouped table (PDF or Word, landscape)."""

    def grouped_table(
        self,
        header: Sequence[str],
        rows: Sequence[GroupedRow],
        *,
        widths_mm: Sequence[float],
        group_columns: int,
    ) -> None: ...


def ledger_title(name: str, year: int) -> str:
    return f"{name}{year}年度协商议事台账"


def _rows(meetings: list[LedgerMeeting], *, first_number: int = 1) -> list[GroupedRow]:
    """One row per topic; the meeting's cells on its first row, and again (续) on any of its
    rows that opens a page."""
    rows: list[GroupedRow] = []
    for number, meeting in enumerate(meetings, first_number):
        record = f"{format_date(meeting.held_on)}议事活动“{meeting.title}”"
        when = f"{format_date(meeting.held_on)}\n{meeting.form.label}"
        # The place on a line of its own: places often hold brackets already (……（远程视频连线）).
        what = f"{meeting.title}\n地点：{meeting.place}" if meeting.place else meeting.title
        group = [str(number), when, what]
        again = [str(number), when, f"{what}\n（续）"]
        topics = meeting.topics or []
        if not topics:
            rows.append(([*group, "", ""], record, None))
            continue
        for index, topic in enumerate(topics):
            # The state follows each outcome in its cell, so they stay aligned when they wrap.
            outcomes = "\n".join(
                f"{n}. {o.content}"
                + (f"（{o.responsible_unit}）" if o.responsible_unit else "")
                + f"【{o.result_class.label if o.result_class is not None else o.status.label}】"
                for n, o in enumerate(topic.outcomes, 1)
            )
            topic_record = f"{record}的议题“{topic.title}”"
            if index == 0:
                rows.append(([*group, topic.title, outcomes], topic_record, None))
            else:
                rows.append((["", "", "", topic.title, outcomes], topic_record, again))
    return rows


def _chunks(rows: list[GroupedRow]) -> list[list[GroupedRow]]:
    """Tables of about ROWS_PER_TABLE rows, cut where a meeting starts when one can be."""
    chunks: list[list[GroupedRow]] = [[]]
    for row in rows:
        starts_meeting = row[2] is None
        if len(chunks[-1]) >= ROWS_PER_TABLE and (
            starts_meeting or len(chunks[-1]) >= 2 * ROWS_PER_TABLE
        ):
            chunks.append([])
        chunks[-1].append(row)
    return [chunk for chunk in chunks if chunk]


def _figures(document: Register, stats: dict[str, object], record: str) -> None:
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
    document: Register,
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
    header = ["序号", "日期/形式", "议事活动及地点", "议题", "协商成果（责任单位）【办理情况】"]
    widths = [12, 30, 48, 50, 85]
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
            if number > 1:
                document.space(0.5)  # the heading does not sit on the table above it
            document.heading(f"（{chinese_numeral(number)}）{room_name}", record=room_name, level=2)
        for chunk in _chunks(_rows(room_meetings)):
            document.grouped_table(header, chunk, widths_mm=widths, group_columns=GROUP_COLUMNS)


def render_ledger(*, db: Database, year: int, path: Path) -> Path:
    """Write the ledger of `year` for this installation (room, or whole district), on
    landscape pages: a PDF, or a .docx to edit (the suffix picks)."""
    suffix = check_suffix(path)
    installation = db.installation()
    if installation is None:
        raise UserError("此目录尚未初始化，请先运行 yishi setup")
    district = installation.role is NodeRole.DISTRICT
    stats = year_stats(db, year=year)
    with db.session() as session:
        meetings = load_ledger(
            session, year=year, room_id=None if district else installation.room_id
        )
        fonts = load_fonts(session) if suffix == ".pdf" else None
    name = installation.name
    document: Register
    if fonts is None:
        # python-docx (and lxml) load only when someone asks for a Word file.
        from desktop.documents.word_landscape import LandscapeWordDocument

        document = LandscapeWordDocument(title=ledger_title(name, year))
    else:
        document = LandscapeDocument(fonts, title=ledger_title(name, year))
    build_ledger(document, name=name, year=year, meetings=meetings, stats=stats, district=district)
    return document.save(path)
