"""协商议事统计报告: the statistics view as a PDF in the documents' official layout.

The same tables as the Excel export (desktop.stats.tables), each chart drawn by reportlab's
own chart library (reportlab.graphics.charts) in the document's Chinese fonts, and a few
sentences of the main figures, year against the year before.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.charts.piecharts import Pie  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    KeepTogether,
    Table,
    TableStyle,
)

from desktop import clock
from desktop.db import Database
from desktop.documents.fonts import FontRole, load_fonts
from desktop.documents.layout import BLOCK_WIDTH, LINE_PITCH, Document, chinese_numeral
from desktop.documents.paragraph import CJKParagraph
from desktop.formatting import format_date
from desktop.stats.tables import (
    LIST_COLUMNS,
    ChartKind,
    StatTable,
    build_tables,
    scope_line,
    stats_title,
)
from desktop.stats.text import format_rate

DENSE_SIZE = 10.5  # 5号: the per-township and per-room tables have many columns
HEADER_SIZE = 10.0  # three characters fit the narrowest column
# Rows per table: reportlab splits a long table in time quadratic in its length.
ROWS_PER_TABLE = 60
CHART_HEIGHT = 62 * mm
# The programme's red for this period, a grey for the period before; the pie's slices.
THIS_COLOUR = colors.HexColor("#b3261e")
BEFORE_COLOUR = colors.HexColor("#9aa0a6")
PIE_COLOURS = [colors.HexColor(c) for c in ("#b3261e", "#d98c3f", "#4a7fb5", "#5b9a68")]

# Sections of the report: (heading, tables shown under it).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("主要指标", ("summary",)),
    ("协商议事活动", ("months", "forms")),
    ("议题征集", ("sources",)),
    ("协商成果办理", ("outcome_states", "outcome_results")),
    ("转报提案和社情民意信息", ("escalations",)),
    ("其他履职活动", ("activities",)),
    ("调解和信访案件", ("cases",)),
    ("按镇（街道）统计", ("townships",)),
    ("按协商议事室统计", ("rooms",)),
    ("协商议事室排名", ("ranking",)),
)
# The per-room and per-township tables in print: the columns that fit a portrait page.
DENSE_KEYS = (
    "meetings",
    "member_attendances",
    "topics",
    "outcomes",
    "outcomes_implemented",
    "problems_solved",
    "implementation_rate",
)


def report_title(stats: dict[str, Any]) -> str:
    return stats_title(stats)


def _summary_sentences(stats: dict[str, Any]) -> str:
    previous = stats["previous"]
    when = f"{stats['year']}年" if stats["year"] is not None else "统计期间"

    def versus(key: str) -> str:
        delta = stats[key] - previous[key]
        if delta == 0:
            return "与上年持平"
        return f"比上年{'增加' if delta > 0 else '减少'}{abs(delta)}"

    return (
        f"{when}，共开展协商议事活动{stats['meetings']}场（{versus('meetings')}），"
        f"政协委员参加{stats['member_attendances']}人次，"
        f"其他人员参加{stats['participant_attendances']}人次；"
        f"征集议题{stats['topics']}个，解决实际问题{stats['problems_solved']}个；"
        f"形成协商成果{stats['outcomes']}条，已办结{stats['outcomes_implemented']}条，"
        f"落实率{format_rate(stats['implementation_rate'])}；"
        f"转报政协提案{stats['proposals_sent']}件，"
        f"报送社情民意信息{stats['social_info_sent']}条；"
        f"开展其他履职活动{stats['activities']}场、委员参加"
        f"{stats['activity_member_attendances']}人次；"
        f"受理调解信访案件{stats['cases_received']}件，调解成功{stats['cases_resolved']}件。"
    )


class _Printer:
    """Adds the tables and charts of the statistics to a Document."""

    def __init__(self, document: Document, stats: dict[str, Any]) -> None:
        self.document = document
        self.stats = stats
        self.font = document.fonts.names[FontRole.BODY]
        self.bold = document.fonts.names[FontRole.HEADING]
        styles = document.styles
        self.cell = ParagraphStyle(
            "stats-cell", parent=styles.table, fontSize=DENSE_SIZE, leading=DENSE_SIZE * 1.3
        )
        self.number = ParagraphStyle("stats-number", parent=self.cell, alignment=TA_RIGHT)
        self.header = ParagraphStyle(
            "stats-header",
            parent=styles.table_header,
            fontSize=HEADER_SIZE,
            leading=HEADER_SIZE * 1.3,
            alignment=TA_CENTER,
        )
        self.caption = ParagraphStyle(
            "stats-caption",
            parent=styles.table_header,
            fontSize=DENSE_SIZE + 1,
            leading=(DENSE_SIZE + 1) * 1.5,
        )

    def label(self, text: str, record: str) -> str:
        """`text` for a chart, its characters checked against the fonts like any paragraph."""
        self.document.text(text, record=record)
        return text

    # --- tables -------------------------------------------------------------------------

    def table(self, table: StatTable, *, columns: list[int] | None = None) -> None:
        picked = columns if columns is not None else list(range(len(table.headers)))
        record = f"统计表“{table.title}”"
        text = self.document.text
        header = [
            CJKParagraph(
                "<br/>".join(
                    text(part, record=record, role=FontRole.HEADING)
                    for part in table.headers[c].split("\n")
                ),
                self.header,
            )
            for c in picked
        ]
        body: list[list[Any]] = []
        for row_index in range(len(table.rows)):
            total = table.total_row and row_index == len(table.rows) - 1
            cells = []
            for column in picked:
                value = table.rows[row_index][column]
                markup = text(
                    table.text(row_index, column),
                    record=record,
                    role=FontRole.HEADING if total else FontRole.BODY,
                )
                style = self.cell if isinstance(value, str) or column == 0 else self.number
                cells.append(CJKParagraph(markup, style))
            body.append(cells)
        weights = [table.widths[c] if table.widths else 1.0 for c in picked]
        if columns is not None and table.key in ("townships", "rooms"):
            # Numbers of up to five digits, a rate as 100.0%, the names wrapped if need be.
            names = [20.0, 44.0] if table.key == "rooms" else [40.0, 14.0]
            weights = names + [18.0 if table.is_rate(0, c) else 14.0 for c in picked[2:]]
        scale = BLOCK_WIDTH / sum(weights)
        widths = [w * scale for w in weights]
        chunks = [
            body[start : start + ROWS_PER_TABLE] for start in range(0, len(body), ROWS_PER_TABLE)
        ]
        for chunk in chunks or [[]]:
            flowable = Table([header, *chunk], colWidths=widths, repeatRows=1, hAlign="LEFT")
            flowable.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                        ("FONTNAME", (0, 0), (-1, -1), self.font),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                        ("LEFTPADDING", (0, 0), (-1, -1), 3),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            self.document.story.append(flowable)

    # --- charts -------------------------------------------------------------------------

    def chart(self, table: StatTable) -> None:
        spec = table.chart
        if spec is None:
            return
        rows = table.chart_rows()
        if not rows or not any(
            isinstance(row[c], int) and row[c] for row in rows for c in spec.series
        ):
            return  # nothing to draw: the table says it all
        record = f"统计图“{spec.title}”"
        if spec.kind is ChartKind.PIE:
            self.document.story.append(self._pie(rows, spec.series[0], record))
        else:
            self.document.story.append(self._bars(table, rows, spec.series, record))
        self.document.space(0.2)

    def _bars(
        self, table: StatTable, rows: list[list[Any]], series: tuple[int, ...], record: str
    ) -> Drawing:
        # Otherwise the drawing starts in Helvetica, a font the PDF does not embed.
        drawing = Drawing(BLOCK_WIDTH, CHART_HEIGHT, initialFontName=self.font)
        chart = VerticalBarChart()
        chart.x, chart.y = 30, 38
        chart.width = BLOCK_WIDTH - 40
        chart.height = CHART_HEIGHT - 56
        chart.data = [[int(row[c] or 0) for row in rows] for c in series]
        chart.categoryAxis.categoryNames = [self.label(str(row[0]), record) for row in rows]
        chart.categoryAxis.labels.fontName = self.font
        chart.categoryAxis.labels.fontSize = 8 if len(rows) > 8 else 9
        chart.valueAxis.labels.fontName = self.font
        chart.valueAxis.labels.fontSize = 8
        chart.valueAxis.valueMin = 0
        top = max((max(values) for values in chart.data), default=0)
        chart.valueAxis.valueMax = max(top, 1) * 1.15
        chart.valueAxis.valueStep = _step(top)
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
        chart.barSpacing = 1
        chart.groupSpacing = 6
        # No label on an empty bar: a row of zeros along the axis says nothing.
        chart.barLabelFormat = lambda value: f"{value:.0f}" if value else ""
        chart.barLabels.fontName = self.font
        chart.barLabels.fontSize = 7
        chart.barLabels.nudge = 6
        palette = [THIS_COLOUR, BEFORE_COLOUR]
        for index in range(len(series)):
            chart.bars[index].fillColor = palette[index % len(palette)]
            chart.bars[index].strokeColor = None
        drawing.add(chart)
        legend = Legend()
        legend.fontName = self.font
        legend.fontSize = 9
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.x = BLOCK_WIDTH / 2 - 60
        legend.y = 10
        legend.dx = legend.dy = 8
        legend.deltax = 90
        legend.colorNamePairs = [
            (palette[i % len(palette)], self.label(table.headers[c].replace("\n", ""), record))
            for i, c in enumerate(series)
        ]
        drawing.add(legend)
        return drawing

    def _pie(self, rows: list[list[Any]], column: int, record: str) -> Drawing:
        # Otherwise the drawing starts in Helvetica, a font the PDF does not embed.
        drawing = Drawing(BLOCK_WIDTH, CHART_HEIGHT, initialFontName=self.font)
        pie = Pie()
        size = CHART_HEIGHT - 30
        pie.x, pie.y = 40, 15
        pie.width = pie.height = size
        kept = [row for row in rows if row[column]]
        pie.data = [int(row[column]) for row in kept]
        total = sum(pie.data)
        pie.labels = [self.label(f"{row[column] / total * 100:.0f}%", record) for row in kept]
        pie.simpleLabels = True
        pie.slices.fontName = self.font
        pie.slices.fontSize = 9
        pie.slices.fontColor = colors.white
        pie.slices.labelRadius = 0.65
        pie.slices.strokeColor = colors.white
        pie.slices.strokeWidth = 1
        for index in range(len(kept)):
            pie.slices[index].fillColor = PIE_COLOURS[index % len(PIE_COLOURS)]
        drawing.add(pie)
        legend = Legend()
        legend.fontName = self.font
        legend.fontSize = 10
        legend.alignment = "right"
        legend.x = 40 + size + 40
        legend.y = 15 + size / 2 + 10 * len(kept)
        legend.dy = legend.dx = 9
        legend.deltay = 18
        legend.columnMaximum = len(kept)
        legend.colorNamePairs = [
            (PIE_COLOURS[i % len(PIE_COLOURS)], self.label(f"{row[0]}  {row[column]}", record))
            for i, row in enumerate(kept)
        ]
        drawing.add(legend)
        return drawing


def _step(top: int) -> int:
    """A round step giving at most about six grid lines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return max(1, top // 5)


def build_stats_report(
    document: Document, stats: dict[str, Any], *, issuer: str, today: date
) -> None:
    """Add the statistics report of `stats` to `document`."""
    title = report_title(stats)
    document.title(title, record="报告标题")
    subtitle = ParagraphStyle(
        "stats-subtitle", parent=document.styles.table, alignment=TA_CENTER, leading=18
    )
    document.paragraph(scope_line(stats), record=title, style=subtitle)
    document.space(0.5)
    tables = {table.key: table for table in build_tables(stats)}
    printer = _Printer(document, stats)
    number = 0
    for heading, keys in SECTIONS:
        present = [tables[key] for key in keys if key in tables]
        if not present:
            continue
        number += 1
        document.heading(f"{chinese_numeral(number)}、{heading}")
        if keys == ("summary",):
            document.paragraph(_summary_sentences(stats), record=title, indent=True)
            document.space(0.3)
        for table in present:
            start = len(document.story)
            if len(present) > 1:
                caption = document.text(table.title, record=title, role=FontRole.HEADING)
                document.story.append(CondPageBreak(LINE_PITCH * 3))
                document.story.append(CJKParagraph(caption, printer.caption))
            printer.chart(table)
            if len(present) > 1 and len(document.story) - start > 2:
                # The caption goes to the page its chart is drawn on.
                document.story[start + 1 :] = [KeepTogether(document.story[start + 1 :])]
            columns = None
            if table.key in ("townships", "rooms"):
                listed = [key for key, _ in LIST_COLUMNS]
                columns = [0, 1] + [2 + listed.index(key) for key in DENSE_KEYS]
            printer.table(table, columns=columns)
            document.space(0.3)
    if "ranking" in tables:
        document.paragraph(
            "注：排名按协商议事活动场次，场次相同的按解决实际问题个数；两者都相同的名次并列。",
            record=title,
            style=printer.cell,
        )
    document.sign_off(issuer, format_date(today), record=title)


def render_stats_report(
    *, db: Database, stats: dict[str, Any], path: Path, today: date | None = None
) -> Path:
    """Write the statistics report of `stats` (desktop.stats.compute_stats) as a PDF."""
    installation = db.installation()
    issuer = installation.name if installation is not None else stats["name"]
    with db.session() as session:
        fonts = load_fonts(session)
    document = Document(fonts, title=report_title(stats))
    build_stats_report(document, stats, issuer=issuer, today=today or clock.today())
    return document.save(path)
