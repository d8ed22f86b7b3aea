"""The landscape register (台账) as an editable Word file: the same calls as `LandscapeDocument`.

Word lays out its pages itself, so the table asks it to: the header row repeats on every
page (w:tblHeader), no row is split across two pages (w:cantSplit), and a meeting's rows
keep with each other (keep-with-next), so its merged meeting cell is never left behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from desktop.documents.landscape import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TOP_MARGIN,
    GroupedRow,
)
from desktop.documents.layout import TABLE_SIZE
from desktop.documents.page_geometry import PAGE_NUMBER_GAP
from desktop.documents.word import (
    BODY_FONT,
    HEADING_FONT,
    WordDocument,
    _set_font,
    cell_lines,
    fix_columns,
    row_flag,
)

_PT_PER_MM = 72 / 25.4


def _mm(points: float) -> Mm:
    return Mm(points / _PT_PER_MM)


class LandscapeWordDocument(WordDocument):
    """A .docx on landscape A4 with the block of `landscape.LandscapeDocument`."""

    def __init__(self, *, title: str) -> None:
        super().__init__(title=title)
        section = self.docx.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = _mm(PAGE_WIDTH), _mm(PAGE_HEIGHT)
        section.top_margin = _mm(TOP_MARGIN)
        section.left_margin = _mm(LEFT_MARGIN)
        section.right_margin = _mm(PAGE_WIDTH - LEFT_MARGIN - BLOCK_WIDTH)
        bottom = PAGE_HEIGHT - TOP_MARGIN - BLOCK_HEIGHT
        section.bottom_margin = _mm(bottom)
        section.footer_distance = _mm(bottom - PAGE_NUMBER_GAP)

    def grouped_table(
        self,
        header: Sequence[str],
        rows: Sequence[GroupedRow],
        *,
        widths_mm: Sequence[float],
        group_columns: int,
    ) -> None:
        table = self.docx.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        scale = (BLOCK_WIDTH / _PT_PER_MM) / sum(widths_mm)
        widths = [Mm(w * scale) for w in widths_mm]
        row_flag(table.rows[0], "w:tblHeader")
        row_flag(table.rows[0], "w:cantSplit")
        for cell, label, width in zip(table.rows[0].cells, header, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(paragraph.add_run(label), HEADING_FONT, TABLE_SIZE)
        group_start = 1
        for number, (cells, _record, group) in enumerate(rows, 1):
            row = table.add_row()
            row_flag(row, "w:cantSplit")
            if group is None:
                group_start = number
            else:
                # Keep-with-next on the row before keeps a meeting's rows on one page.
                for cell in table.rows[number - 1].cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            for column, (cell, value, width) in enumerate(
                zip(row.cells, cells, widths, strict=True)
            ):
                cell.width = width
                for index, part in enumerate(cell_lines(value, width)):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    if column == 0:  # 序号, centred
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    _set_font(paragraph.add_run(part), BODY_FONT, TABLE_SIZE)
            if group is not None:
                for column in range(group_columns):
                    top = table.cell(group_start, column)
                    merged = top.merge(table.cell(number, column))
                    # Merging leaves the lower cell's empty paragraph: a blank line in the cell.
                    while len(merged.paragraphs) > 1 and not merged.paragraphs[-1].text:
                        element = merged.paragraphs[-1]._p
                        element.getparent().remove(element)
        fix_columns(table, widths)
