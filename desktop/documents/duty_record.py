"""委员履职档案: one member's year — the score by kind under the year's rules, then every
counted act with the record it comes from and its date. Printed by the district from 履职评价
or with `yishi doc duty MEMBER_ID --year Y`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop import clock
from desktop.db import Database
from desktop.documents.fonts import load_fonts
from desktop.documents.layout import Document
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models.enums import DutyKind, NodeRole
from desktop.queries.duty import MemberFile, member_file

# Rows per table: reportlab splits a long table in time quadratic in its length.
ROWS_PER_TABLE = 60
SOURCE_NAMES = {
    "meeting": "协商议事活动",
    "topic": "议题",
    "outcome": "转报",
    "activity": "活动",
    "mediation_case": "案件",
    "duty_act": "区政协认定",
}


def file_title(name: str, year: int) -> str:
    return f"{name}{year}年度履职档案"


def points_text(value: Decimal) -> str:
    """12, 1.5, -3: no trailing zeros."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def short_date(value: date) -> str:
    return f"{value.year}.{value.month}.{value.day}"


def _counted(data: MemberFile) -> str:
    # Attendances count for the score once the meeting's minutes are final (记录定稿).
    final = data.score.breakdown[DutyKind.ATTENDED_CONSULTATION].count
    if final == data.score.attended:
        return ""
    return f"，其中记录已定稿、计入评价的{final}人次"


def build_member_file(document: Document, data: MemberFile, *, issuer: str, today: date) -> None:
    """Add the 履职档案 of `data` to `document`."""
    record = file_title(data.name, data.year)
    rules = data.rules
    document.title("政协委员履职档案", record="档案标题")
    document.subtitle(f"（{data.year}年度）", record=record)
    document.space(0.5)
    document.labelled("姓　　名：", data.name, record=record)
    if data.sector:
        document.labelled("界　　别：", data.sector, record=record)
    if data.workplace:
        document.labelled("工作单位：", data.workplace, record=record)
    score = data.score
    gained = sum((e.capped for e in score.breakdown.values() if e.capped > 0), Decimal(0))
    lost = -sum((e.capped for e in score.breakdown.values() if e.capped < 0), Decimal(0))
    document.heading("一、履职评价")
    document.paragraph(
        f"依据《{rules.name}》，基础分{points_text(rules.base)}分，履职加分"
        f"{points_text(gained)}分，扣分{points_text(lost)}分，年度得分"
        f"{points_text(score.score)}分，评价等次为“{score.grade.label}”。"
        f"全年参加协商议事活动{score.attended}人次{_counted(data)}。",
        record=record,
        indent=True,
    )
    rows = []
    for kind in DutyKind:
        entry = score.breakdown[kind]
        rule = rules.kinds.get(kind)
        if not entry.count:
            continue
        per = points_text(rule.points) if rule is not None else "不计分"
        cap = "" if rule is None or rule.cap is None else f"（上限{points_text(rule.cap)}）"
        rows.append(
            (
                [
                    kind.label,
                    str(entry.count),
                    per,
                    points_text(entry.points),
                    points_text(entry.capped) + cap,
                ],
                f"{record}的“{kind.label}”",
            )
        )
    rows.append((["合计（含基础分）", "", "", "", points_text(score.score)], record))
    document.table(
        ["履职事项", "次数", "每次分值", "累计分值", "计入得分"],
        rows,
        widths_mm=[46, 18, 24, 26, 42],
    )
    document.heading("二、履职记录明细")
    if not data.acts:
        document.paragraph(f"{data.year}年没有记录在案的履职事项。", record=record, indent=True)
    act_rows = []
    for number, act in enumerate(data.acts, 1):
        source = SOURCE_NAMES.get(act.source, act.source)
        where = f"{act.title}\n（{act.room}）" if act.room else act.title
        act_rows.append(
            (
                [str(number), short_date(act.on), act.kind.label, f"{source}：{where}"],
                f"{record}中{format_date(act.on)}的“{act.kind.label}”",
            )
        )
    for start in range(0, len(act_rows), ROWS_PER_TABLE):
        document.table(
            ["序号", "日期", "履职事项", "来源记录"],
            act_rows[start : start + ROWS_PER_TABLE],
            widths_mm=[12, 24, 40, 80],
        )
    document.sign_off(issuer, format_date(today), record=record)


def render_member_file(
    *, db: Database, member_id: str, year: int, path: Path, today: date | None = None
) -> Path:
    """Write the member's 履职档案 of `year` as a PDF at `path`."""
    installation = db.installation()
    if installation is None or installation.role is not NodeRole.DISTRICT:
        raise UserError("履职档案由区政协打印：本机不是区政协安装")
    data = member_file(db, year, member_id)
    with db.session() as session:
        fonts = load_fonts(session)
    document = Document(fonts, title=file_title(data.name, year))
    build_member_file(document, data, issuer=installation.name, today=today or clock.today())
    return document.save(path)
