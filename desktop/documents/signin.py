"""签到表: the sign-in sheet of a planned meeting, one row per expected person plus blank rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm  # type: ignore[import-untyped]

from desktop.db import Database
from desktop.documents.layout import Writer
from desktop.documents.minutes import time_span
from desktop.documents.output import writer_for
from desktop.formatting import format_date
from desktop.queries.minutes import MinutesData, expected_lines, load_minutes

# Room for people who come without being invited (they count toward 实到 only).
WALK_IN_ROWS = 6
# A sheet for a meeting with few or no invitations still offers a page of lines to sign.
MIN_ROWS = 12
ROW_HEIGHT_MM = 11.0  # tall enough to sign by hand


def signin_title(data: MinutesData) -> str:
    return f"{data.room_name}{'协商会议' if data.office else '议事活动'}签到表"


def build_signin(document: Writer, data: MinutesData, *, walk_in_rows: int) -> None:
    """Add the sign-in sheet of `data` to `document`."""
    record = f"议事活动“{data.title or format_date(data.held_on)}”"
    document.title(signin_title(data), record=f"{record}的议事室名称")
    document.space(0.5)
    for label, value in (
        ("会议：", data.title),
        ("时间：", time_span(data)),
        ("地点：", data.place),
    ):
        document.labelled(label, value or "—", record=f"{record}的{label.rstrip('：')}")
    document.labelled(
        "应到：",
        f"{data.expected_count}人　　实到：______人",
        record=record,
    )
    document.space(0.3)
    expected = [person for person in data.people if person.expected]
    rows: list[tuple[list[str], str]] = [
        (
            [str(index), person.name, person.unit or person.role.label, "", "", ""],
            f"参会人员“{person.name}”",
        )
        for index, person in enumerate(expected, 1)
    ]
    blank = max(walk_in_rows, MIN_ROWS - len(expected))
    rows += [
        ([str(index), "", "", "", "", ""], "空白行")
        for index in range(len(expected) + 1, len(expected) + 1 + blank)
    ]
    document.table(
        ["序号", "姓名", "单位/职务", "签到时间", "签名", "备注"],
        rows,
        widths_mm=[12, 24, 48, 22, 34, 16],
        min_row_height=ROW_HEIGHT_MM * mm,
    )


def render_signin(
    *, db: Database, meeting_id: str, path: Path, walk_in_rows: int = WALK_IN_ROWS
) -> Path:
    """Write the sign-in sheet of one meeting at `path` (.pdf or .docx, atomically)."""
    with db.session() as session:
        data = load_minutes(session, meeting_id)
        if not data.people:
            # A planned meeting nobody was listed for yet: print whom the pre-fill would list.
            data = replace(data, people=expected_lines(session, meeting_id))
        document = writer_for(path, title=signin_title(data), session=session)
    build_signin(document, data, walk_in_rows=walk_in_rows)
    return document.save(path)
