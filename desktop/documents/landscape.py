"""Landscape A4 for wide registers (台账): the GB/T 9704 block turned a quarter, and a table whose
groups of rows (one meeting and its topics) name their group again at the top of a page.

The 156 × 225 mm text block lies on its side: 225 mm wide, 156 mm high, 37 mm from the left
and 26 mm from the top, so the page number sits 7 mm below it as on an upright page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Table,
    TableStyle,
)

from desktop.documents.fonts import FontRole, FontSet
from desktop.documents.layout import Document
from desktop.documents.page_geometry import PageGeometry
from desktop.documents.paragraph import CJKParagraph

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
LEFT_MARGIN = 37 * mm
TOP_MARGIN = 26 * mm
BLOCK_WIDTH = 225 * mm
BLOCK_HEIGHT = 156 * mm

# One row of a grouped table: its cells, the record a missing character is reported under,
# and the group's cells to print instead of the blanks when the row opens a page (None for
# a group's first row, which prints them anyway).
GroupedRow = tuple[Sequence[str], str, Sequence[str] | None]


class GroupedTable(Table):  # type: ignore[misc]
    """A table whose first `group_columns` name a group only on its first row; a row that
    opens a page (or a continuation of the table) shows its group's cells again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Per row (header rows included): the cells to show when the row opens a page.
        self.continued: list[list[Any] | None] = []

    def split(self, available_width: float, available_height: float) -> list[Any]:
        parts: list[Any] = super().split(available_width, available_height)
        if len(parts) != 2 or not self.continued:
            return parts
        first, rest = parts
        repeated = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        cut = len(first._cellvalues)
        first.continued = self.continued[:cut]
        rest.continued = self.continued[:repeated] + self.continued[cut:]
        fill_group(rest, repeated)
        return [first, rest]


def fill_group(table: GroupedTable, row: int) -> None:
    """Put the group's cells on `row` if it continues a group; its height is measured again."""
    if row >= len(table.continued) or table.continued[row] is None:
        return
    cells = table.continued[row]
    assert cells is not None
    table._cellvalues[row][: len(cells)] = cells
    # Measured again when drawn: the repeated cells may need more height than the blanks.
    table._argH[row] = None


class LandscapeDocument(Document):
    """A `Document` on landscape pages; `grouped_table` adds the register's table."""

    page = PageGeometry(landscape(A4), LEFT_MARGIN, TOP_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT)

    def __init__(self, fonts: FontSet, *, title: str) -> None:
        super().__init__(fonts, title=title)
        self._numbered = ParagraphStyle(
            "table-number", parent=self.styles.table, alignment=TA_CENTER
        )

    def grouped_table(
        self,
        header: Sequence[str],
        rows: Sequence[GroupedRow],
        *,
        widths_mm: Sequence[float],
        group_columns: int,
    ) -> None:
        """A ruled table across the landscape block, its header repeated on every page; the
        first `group_columns` cells of a group's rows are one cell with no rule inside."""
        styles = self.styles
        data: list[list[Any]] = [
            [
                CJKParagraph(
                    self.text(cell, record="表头", role=FontRole.HEADING), styles.table_header
                )
                for cell in header
            ]
        ]
        continued: list[list[Any] | None] = [None]
        rules: list[tuple[Any, ...]] = []
        for index, (cells, record, group) in enumerate(rows, 1):
            data.append([self._cell(cell, record, column) for column, cell in enumerate(cells)])
            continued.append(
                None
                if group is None
                else [self._cell(cell, record, column) for column, cell in enumerate(group)]
            )
            # A rule above the group's cells only where a group starts.
            start = 0 if group is None else group_columns
            rules.append(("LINEABOVE", (start, index), (-1, index), 0.6, colors.black))
        widths = [w * mm for w in widths_mm]
        scale = BLOCK_WIDTH / sum(widths)
        table = GroupedTable(
            data, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="LEFT"
        )
        table.continued = continued
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                    ("LINEAFTER", (0, 0), (-2, -1), 0.6, colors.black),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                    *rules,
                    ("FONTNAME", (0, 0), (-1, -1), styles.table.fontName),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("VALIGN", (0, 1), (group_columns - 1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        # A table that starts inside a group (a long year cut into several tables) names it.
        fill_group(table, 1)
        self.story.append(table)

    def _cell(self, cell: str, record: str, column: int) -> CJKParagraph:
        markup = "<br/>".join(self.text(part, record=record) for part in cell.split("\n"))
        # The first column is a 序号, centred as in every official table.
        return CJKParagraph(markup, self._numbered if column == 0 else self.styles.table)

    def _flowables(self) -> list[Any]:
        return list(self.story)
