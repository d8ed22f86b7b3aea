"""The statistics view as an Excel workbook: a sheet per table, numbers as numbers, and a
native Excel chart beside the tables a chart helps (desktop.stats.tables says which)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.errors import os_reason
from desktop.files import atomic_path
from desktop.stats.scope import StatsError
from desktop.stats.tables import ChartKind, StatTable, build_tables, scope_line, stats_title

# Sheet names (Excel allows 31 characters and no []:*?/\).
SHEET_NAMES = {
    "summary": "主要指标",
    "months": "逐月活动",
    "forms": "协商形式",
    "sources": "议题来源",
    "outcome_states": "成果办理情况",
    "outcome_results": "成果办理结果",
    "escalations": "转报情况",
    "activities": "其他履职活动",
    "cases": "调解信访案件",
    "townships": "按镇街统计",
    "rooms": "按议事室统计",
    "ranking": "议事室排名",
}
HEADER_ROW = 4  # title, period and scope, a blank line, then the table
_TITLE_FONT = Font(bold=True, size=14)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F4F1EC")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _write_table(sheet: Worksheet, table: StatTable, stats: dict[str, Any]) -> None:
    sheet.cell(row=1, column=1, value=f"{stats_title(stats)}：{table.title}").font = _TITLE_FONT
    sheet.cell(row=2, column=1, value=scope_line(stats))
    widths = [max(_width(line) for line in header.split("\n")) + 2 for header in table.headers]
    if any("\n" in header for header in table.headers):
        sheet.row_dimensions[HEADER_ROW].height = 32
    for column, header in enumerate(table.headers, 1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row_index, row in enumerate(table.rows):
        total = table.total_row and row_index == len(table.rows) - 1
        for column_index, value in enumerate(row):
            cell = sheet.cell(row=HEADER_ROW + 1 + row_index, column=column_index + 1, value=value)
            cell.border = _BORDER
            if total:
                cell.font = _HEADER_FONT
            if table.is_rate(row_index, column_index) and value is not None:
                cell.number_format = "0.0%"
            elif column_index in table.signed_columns:
                cell.number_format = "+0;-0;0"
            elif value is None:
                cell.value = "—"
                cell.alignment = Alignment(horizontal="right")
            if isinstance(value, str):
                widths[column_index] = max(widths[column_index], _width(value) + 2)
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 10), 48)
    sheet.freeze_panes = f"B{HEADER_ROW + 1}"
    if table.chart is not None and table.chart_rows():
        _add_chart(sheet, table)


def _add_chart(sheet: Worksheet, table: StatTable) -> None:
    assert table.chart is not None
    spec = table.chart
    first = HEADER_ROW + 1
    last = HEADER_ROW + len(table.chart_rows())
    categories = Reference(sheet, min_col=1, min_row=first, max_row=last)
    chart: Any
    if spec.kind is ChartKind.PIE:
        chart = PieChart()
        column = spec.series[0] + 1
        chart.add_data(
            Reference(sheet, min_col=column, min_row=HEADER_ROW, max_row=last),
            titles_from_data=True,
        )
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showPercent = True
    else:
        chart = BarChart()
        chart.type = "col"
        chart.y_axis.title = None
        chart.y_axis.majorGridlines = None
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        for index in spec.series:
            chart.add_data(
                Reference(sheet, min_col=index + 1, min_row=HEADER_ROW, max_row=last),
                titles_from_data=True,
            )
    chart.set_categories(categories)
    chart.title = spec.title
    chart.height = 8
    chart.width = 16
    anchor = get_column_letter(len(table.headers) + 2)
    sheet.add_chart(chart, f"{anchor}{HEADER_ROW}")


def build_workbook(stats: dict[str, Any]) -> Workbook:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in build_tables(stats):
        sheet = book.create_sheet(SHEET_NAMES[table.key])
        _write_table(sheet, table, stats)
    return book


def write_stats_workbook(stats: dict[str, Any], path: Path) -> Path:
    """Write the statistics to `path` (.xlsx) atomically; a refusal names the file."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise StatsError(f"Excel 文件须以 .xlsx 结尾：{path.name}")
    book = build_workbook(stats)
    try:
        with atomic_path(path) as part:
            book.save(part)
    except OSError as error:
        raise StatsError(f"无法写入 {path}：{os_reason(error)}") from error
    return path
