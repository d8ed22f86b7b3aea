"""A year's duty scores (委员履职评价) as an Excel workbook: the ranked members with every
kind's count and capped points (numbers as numbers), then the rules they were scored by."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.documents.output import check_suffix
from desktop.errors import UserError, os_reason
from desktop.files import atomic_path
from desktop.models.enums import DutyKind
from desktop.queries.duty import YearScores

HEADER_ROW = 3  # title, the rules' name, then the table
SCORES_SHEET = "履职评价"
RULES_SHEET = "评价办法"
_TITLE_FONT = Font(bold=True, size=14)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F4F1EC")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_POINTS = "0.##;-0.##;0"


def scores_title(scores: YearScores) -> str:
    return f"{scores.year}年度委员履职评价结果"


def _value(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _header(sheet: Worksheet, headers: list[str], *, row: int) -> None:
    for column, text in enumerate(headers, 1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _scores_sheet(sheet: Worksheet, scores: YearScores) -> None:
    kinds = list(DutyKind)
    sheet.cell(row=1, column=1, value=scores_title(scores)).font = _TITLE_FONT
    sheet.cell(row=2, column=1, value=f"评价依据：{scores.rules.name}")
    headers = ["名次", "姓名", "得分", "等次", "出席协商（人次）"]
    for kind in kinds:
        headers += [f"{kind.label}（次）", f"{kind.label}（分）"]
    _header(sheet, headers, row=HEADER_ROW)
    for index, member in enumerate(scores.members, HEADER_ROW + 1):
        values: list[int | float | str | None] = [
            member.rank,
            member.name,
            _value(member.score),
            member.grade.label,
            member.attended,
        ]
        for kind in kinds:
            entry = member.breakdown[kind]
            values += [entry.count, _value(entry.capped)]
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=index, column=column, value=value)
            cell.border = _BORDER
            if column == 3 or (column > 5 and (column - 5) % 2 == 0):
                cell.number_format = _POINTS
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["D"].width = 10
    for column in range(3, len(headers) + 1):
        if column != 4:
            sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"


def _rules_sheet(sheet: Worksheet, scores: YearScores) -> None:
    rules = scores.rules
    sheet.cell(row=1, column=1, value=rules.name).font = _TITLE_FONT
    sheet.cell(
        row=2,
        column=1,
        value=(
            f"基础分 {rules.base}；优秀 ≥ {rules.excellent_min}，称职 ≥ {rules.competent_min}，"
            f"基本称职 ≥ {rules.basic_min}，其余为不称职"
        ),
    )
    _header(sheet, ["履职事项", "每次分值", "全年上限", "说明"], row=HEADER_ROW)
    row = HEADER_ROW + 1
    for kind in DutyKind:
        rule = rules.kinds.get(kind)
        if rule is None:
            continue
        values: list[int | float | str | None] = [
            kind.label,
            _value(rule.points),
            None if rule.cap is None else _value(rule.cap),
            rule.description,
        ]
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border = _BORDER
            if column in (2, 3) and value is not None:
                cell.number_format = _POINTS
        row += 1
    for letter, width in (("A", 20), ("B", 10), ("C", 10), ("D", 40)):
        sheet.column_dimensions[letter].width = width


def build_scores_workbook(scores: YearScores) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SCORES_SHEET
    _scores_sheet(sheet, scores)
    _rules_sheet(workbook.create_sheet(RULES_SHEET), scores)
    return workbook


def write_scores_workbook(scores: YearScores, path: Path) -> Path:
    """Write the workbook at `path` (.xlsx) under a temporary name, then rename it."""
    path = Path(path)
    check_suffix(path, allowed=(".xlsx",))
    workbook = build_scores_workbook(scores)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as part:
            workbook.save(part)
    except OSError as exc:
        raise UserError(f"无法写入：{path}（{os_reason(exc)}）") from exc
    return path
