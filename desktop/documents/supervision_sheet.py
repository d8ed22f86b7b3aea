"""督办单: a responsible unit's open outcomes, taken along on a supervision visit.

Each outcome with its room, where it was agreed, what it asks, the deadline and how late it
is, the latest progress and the supervision so far; then room for the unit's reply and
signature. Printed by the district from 成果督办 or with `yishi doc supervision UNIT`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop import clock
from desktop.db import Database
from desktop.documents.fonts import load_fonts
from desktop.documents.layout import LINE_PITCH, Document
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import NodeRole
from desktop.queries.supervision import (
    SheetData,
    SheetLine,
    SupervisionFilter,
    load_sheet,
    unit_exists,
)

# Lines of the reply box: enough to write a few sentences by hand.
REPLY_LINES = 6
# Rows per table: reportlab splits a long table in time quadratic in its length (as the
# ledger does, a unit with hundreds of open outcomes is printed as many short tables).
ROWS_PER_TABLE = 40


def sheet_title(unit: str) -> str:
    return f"{unit}协商成果督办单"


def short_date(value: date) -> str:
    """2026.11.29: a table's narrow column keeps a date on one line."""
    return f"{value.year}.{value.month}.{value.day}"


def _deadline(line: SheetLine) -> str:
    if line.deadline is None:
        return "未定"
    text = short_date(line.deadline)
    return f"{text}\n逾期{line.overdue_days}天" if line.overdue_days else text


def _follow_up(line: SheetLine) -> str:
    parts = []
    if line.last_progress is not None:
        noted_on, text = line.last_progress
        parts.append(f"最新进展（{short_date(noted_on)}）：{text}")
    else:
        parts.append("最新进展：暂无")
    for action in line.actions:
        by = f"，{action.supervised_by}" if action.supervised_by else ""
        when = f"{short_date(action.acted_on)}，{action.method.label}{by}"
        parts.append(f"督办（{when}）：{action.result}")
    return "\n".join(parts)


def build_sheet(document: Document, data: SheetData, *, issuer: str, today: date) -> None:
    """Add the 督办单 of `data` to `document`."""
    record = sheet_title(data.unit)
    document.title("协商成果督办单", record="督办单标题")
    document.subtitle(f"承办单位：{data.unit}", record=record)
    document.space(0.5)
    if data.lines:
        late = (
            f"，其中逾期{data.overdue}项，最长逾期{data.longest_overdue}天" if data.overdue else ""
        )
        summary = (
            f"截至{format_date(today)}，贵单位承办的协商议事成果尚有{len(data.lines)}项"
            f"未办结{late}。现将有关情况列明如下，请逐项核实办理进展，"
            "在答复栏中说明办理情况和计划完成时间，签章后交回。"
        )
    else:
        summary = f"截至{format_date(today)}，贵单位承办的协商议事成果均已办结。"
    document.paragraph(summary, record=record, indent=True)
    document.space(0.3)
    if data.lines:
        rows = []
        for number, line in enumerate(data.lines, 1):
            where = f"协商成果“{line.content[:12]}”（{line.room_name}）"
            room = f"{line.township}\n{line.room_name}" if line.township else line.room_name
            rows.append(
                (
                    [
                        str(number),
                        room,
                        f"{line.origin}\n（{line.meeting}）",
                        line.content,
                        _deadline(line),
                        _follow_up(line),
                    ],
                    where,
                )
            )
        for start in range(0, len(rows), ROWS_PER_TABLE):
            document.table(
                ["序号", "议事室", "议题及来源", "协商成果", "办理期限", "最新进展及督办情况"],
                rows[start : start + ROWS_PER_TABLE],
                widths_mm=[12, 22, 29, 33, 25, 35],
            )
    document.space(0.5)
    document.table(
        ["承办单位答复意见"],
        [([""], "答复栏")],
        widths_mm=[156],
        min_row_height=LINE_PITCH * REPLY_LINES,
    )
    document.signatures(["承办单位（盖章）", "负责人"])
    document.signatures(["答复日期"])
    document.sign_off(issuer, format_date(today), record=record)


def render_supervision_sheet(
    *,
    db: Database,
    unit: str,
    path: Path,
    criteria: SupervisionFilter | None = None,
    today: date | None = None,
) -> Path:
    """Write the 督办单 of `unit` (its open outcomes within `criteria`) as a PDF at `path`."""
    installation = db.installation()
    if installation is None or installation.role is not NodeRole.DISTRICT:
        raise UserError("督办单由区政协打印：本机不是区政协安装")
    unit = unit.strip()
    if not unit:
        raise UserError("请给出承办单位名称")
    today = today or clock.today()
    base = criteria or SupervisionFilter()
    chosen = SupervisionFilter(
        township_id=base.township_id,
        room_id=base.room_id,
        unit=unit,
        statuses=base.statuses,
        deadline_from=base.deadline_from,
        deadline_to=base.deadline_to,
        overdue_only=base.overdue_only,
    )
    with db.session() as session:
        if not unit_exists(session, unit):
            raise UserError(f"没有承办单位为“{unit}”的协商成果，请核对单位名称")
        data = load_sheet(session, chosen, today=today)
        fonts = load_fonts(session)
    document = Document(fonts, title=sheet_title(unit))
    build_sheet(document, data, issuer=installation.name, today=today)
    return document.save(path)
