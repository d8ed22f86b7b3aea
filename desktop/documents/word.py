"""The same documents as editable Word files (.docx, for Word or WPS), in the GB/T 9704 layout.

`WordDocument` offers the builder methods of `layout.Document`, so one `build_*` function
writes either format. Word files name their fonts (仿宋, 黑体, 宋体) instead of embedding
them: the PC that opens the file substitutes what it has, which is what an editable copy
needs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph

from desktop.documents.layout import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    BODY_SIZE,
    BODY_TRACKING,
    LEFT_MARGIN,
    LINE_PITCH,
    TABLE_SIZE,
    TITLE_SIZE,
    TOP_MARGIN,
)
from desktop.documents.page_geometry import PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE
from desktop.documents.paragraph import JOINER
from desktop.files import atomic_path

BODY_FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
KAI_FONT = "楷体"  # second-level headings (（一）)
PAGE_NUMBER_FONT = "宋体"
CELL_PADDING = 4.0  # pt, left and right in a table cell
SIGNATURE_GAP_MM = 12  # between two signatures on a line, as in the PDF
_PT_PER_MM = 72 / 25.4


def _mm(points: float) -> Mm:
    return Mm(points / _PT_PER_MM)


# 3号 characters drawn BODY_TRACKING closer (in twentieths of a point, rounded down so 28
# of them always fit the line): Word and LibreOffice both set 28 to a line from this alone.
# Snapping to a character grid instead spreads them in LibreOffice, which gives a 16 pt
# character two cells of a 15.8 pt grid: 14 to a line.
BODY_TRACK_TWIPS = math.floor(BODY_TRACKING * 20)

# What follows w:spacing in a w:rPr (ECMA-376 order), to insert it at its place.
_AFTER_RUN_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def _set_font(run: Any, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    properties = run._element.get_or_add_rPr()
    # Word picks Chinese characters' font from w:eastAsia, not from the Latin name.
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size == BODY_SIZE:
        spacing = properties.find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            properties.insert_element_before(spacing, *_AFTER_RUN_SPACING)
        spacing.set(qn("w:val"), str(BODY_TRACK_TWIPS))


def _page_number_field(paragraph: Paragraph) -> None:
    """— PAGE — as a field, so Word numbers the pages itself."""
    _set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    run = paragraph.add_run()
    _set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _set_grid(section: Any) -> None:
    """Word's document grid of 22 lines (linePitch in twentieths of a point, rounded down so
    22 fit the block). Lines only: a character grid ("linesAndChars") makes LibreOffice set
    27 characters to a line even in paragraphs that do not snap to it; the body's 28 come
    from its runs' tracking (BODY_TRACK_TWIPS) in both Word and LibreOffice."""
    properties = section._sectPr
    grid = properties.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        properties.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(math.floor(LINE_PITCH * 20)))
    if qn("w:charSpace") in grid.attrib:
        del grid.attrib[qn("w:charSpace")]


# What follows w:snapToGrid in a w:pPr (ECMA-376 order), to insert it at its place.
_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _snap_to_grid(properties: Any, snap: bool) -> None:
    """Whether the paragraph (or style) with these w:pPr sits on the character grid."""
    element = properties.find(qn("w:snapToGrid"))
    if element is None:
        element = OxmlElement("w:snapToGrid")
        properties.insert_element_before(element, *_AFTER_SNAP)
    element.set(qn("w:val"), "1" if snap else "0")


def row_flag(row: Any, tag: str) -> None:
    """Set an on/off row property: w:tblHeader (repeats on every page), w:cantSplit."""
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def fix_columns(table: Any, widths: Sequence[Length]) -> None:
    """Columns exactly `widths` wide, whatever the cells hold. LibreOffice lays a table out
    from its w:tblGrid (python-docx writes equal columns there) and Word from the cells'
    widths unless the layout is fixed: so both are set, and the table's own width."""
    table.autofit = False  # w:tblLayout fixed
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    properties = table._tbl.tblPr
    total = properties.find(qn("w:tblW"))
    if total is None:
        total = OxmlElement("w:tblW")
        properties.insert_element_before(
            total, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
            "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
        )  # fmt: skip
    total.set(qn("w:w"), str(round(sum(widths) / 635)))  # EMU to twentieths of a point
    total.set(qn("w:type"), "dxa")
    # The PDF's 4 pt each side, not Word's 5.4 pt: 序号 fits its 12 mm column on one line.
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), str(round(CELL_PADDING * 20)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def cell_lines(value: str, width: Length) -> list[str]:
    """The paragraphs of a cell: its typed lines, and a line too long for the cell broken
    at its ideographic spaces (a unit, then its contact person), so Word and LibreOffice,
    which break Chinese between any two characters, never split the name."""
    capacity = int((width.pt - 2 * CELL_PADDING) // TABLE_SIZE)
    lines: list[str] = []
    for line in value.split("\n"):
        lines += line.split("　") if len(line) > capacity else [line]
    return lines


class WordDocument:
    """A .docx in the official layout, built with the same calls as `layout.Document`."""

    def __init__(self, *, title: str) -> None:
        self.docx = new_docx()
        self.docx.core_properties.title = title
        self.docx.core_properties.author = "议事"
        section = self.docx.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = _mm(TOP_MARGIN)
        section.left_margin = _mm(LEFT_MARGIN)
        section.right_margin = Mm(210 - (LEFT_MARGIN + BLOCK_WIDTH) / _PT_PER_MM)
        bottom = 297 - (TOP_MARGIN + BLOCK_HEIGHT) / _PT_PER_MM
        section.bottom_margin = Mm(bottom)
        # The footer's one line of exactly 4号 has its dashes half a line above its foot:
        # that puts them 7 mm below the text block.
        section.footer_distance = Mm(bottom - (PAGE_NUMBER_GAP + PAGE_NUMBER_SIZE / 2) / _PT_PER_MM)
        _set_grid(section)
        # 单页码居右, 双页码居左, each one character in from the text block's edge.
        self.docx.settings.odd_and_even_pages_header_footer = True
        for footer, alignment in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            paragraph = footer.paragraphs[0]
            paragraph.alignment = alignment
            paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
            paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)
            paragraph.paragraph_format.space_before = Pt(0)
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            paragraph.paragraph_format.line_spacing = Pt(PAGE_NUMBER_SIZE)
            _page_number_field(paragraph)
        normal = self.docx.styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = Pt(BODY_SIZE)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        # No paragraph snaps to the grid: exact line spacing keeps the body's 22 lines, and
        # a 2号 title or 小4号 table cells keep their own size's spacing.
        _snap_to_grid(normal.element.get_or_add_pPr(), False)
        # No extra space between Chinese and digits (Word's and LibreOffice's default), as in
        # the PDF: "2027年3月17日" fits its table column and 28 characters their line.
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "0")
            normal.element.get_or_add_pPr().insert_element_before(
                element, "w:bidi", "w:adjustRightInd", "w:snapToGrid", *_AFTER_SNAP
            )

    # --- the builder calls shared with layout.Document -------------------------------------

    def text(self, text: str, *, record: str, role: object = None) -> str:
        return text.replace(JOINER, "")

    def _paragraph(
        self,
        *,
        size: float = BODY_SIZE,
        alignment: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_indent: float = 0.0,
        left_indent: float = 0.0,
        pitch: float = LINE_PITCH,
    ) -> Paragraph:
        paragraph = self.docx.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = alignment
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        # Word and LibreOffice keep a twentieth of a point; rounded up, 22 lines of 29.0 pt
        # overrun the 637.8 pt block and a page holds 21.
        fmt.line_spacing = Pt(math.floor(max(pitch, size * 1.2) * 20) / 20)
        fmt.first_line_indent = Pt(first_indent) if first_indent else None
        fmt.left_indent = Pt(left_indent) if left_indent else None
        # Never one line of a paragraph alone at the foot or the head of a page.
        fmt.widow_control = True
        return paragraph

    def title(self, text: str, *, record: str = "标题") -> None:
        paragraph = self._paragraph(
            size=TITLE_SIZE, alignment=WD_ALIGN_PARAGRAPH.CENTER, pitch=TITLE_SIZE * 1.5
        )
        _set_font(paragraph.add_run(text), TITLE_FONT, TITLE_SIZE, bold=True)

    def subtitle(self, text: str, *, record: str) -> None:
        paragraph = self._paragraph(alignment=WD_ALIGN_PARAGRAPH.CENTER)
        _set_font(paragraph.add_run(text), BODY_FONT, BODY_SIZE)

    def paragraph(self, text: str, *, record: str, style: Any = None, indent: bool = False) -> None:
        size = float(getattr(style, "fontSize", BODY_SIZE))
        indent_first = indent or bool(getattr(style, "firstLineIndent", 0))
        paragraph = self._paragraph(
            size=size,
            first_indent=2 * size if indent_first else 0.0,
            pitch=max(LINE_PITCH, size * 1.6),
        )
        _set_font(paragraph.add_run(text.replace(JOINER, "")), BODY_FONT, size)

    def heading(self, text: str, *, record: str = "小标题", level: int = 1) -> None:
        paragraph = self._paragraph()
        paragraph.paragraph_format.keep_with_next = True
        _set_font(paragraph.add_run(text), HEADING_FONT if level == 1 else KAI_FONT, BODY_SIZE)

    def labelled(
        self,
        label: str,
        text: str | Sequence[tuple[str, str]],
        *,
        record: str,
        style: Any = None,
        indent_chars: int = 0,
    ) -> None:
        size = float(getattr(style, "fontSize", BODY_SIZE))
        body = text if isinstance(text, str) else ("、".join(piece for piece, _ in text) or "无")
        # Word keeps names whole by itself; the joiners would only hinder searching the file.
        body = body.replace(JOINER, "")
        indent = size * len(label)  # full-width label characters, one em each
        paragraph = self._paragraph(
            size=size,
            left_indent=indent + indent_chars * size,
            first_indent=-indent,
            pitch=max(LINE_PITCH, size * 1.6),
        )
        _set_font(paragraph.add_run(label), HEADING_FONT, size)
        _set_font(paragraph.add_run(body), BODY_FONT, size)

    def space(self, lines: float = 0.5) -> None:
        self._paragraph(pitch=LINE_PITCH * lines)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[tuple[Sequence[str], str]],
        *,
        widths_mm: Sequence[float],
        min_row_height: float = 0.0,
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
        for cells, _record in rows:
            row = table.add_row()
            # A row is one person or one outcome: never half of it on each page.
            row_flag(row, "w:cantSplit")
            if min_row_height:
                row.height = _mm(min_row_height)
            for column, (cell, value, width) in enumerate(
                zip(row.cells, cells, widths, strict=True)
            ):
                cell.width = width
                for index, part in enumerate(cell_lines(value, width)):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    if column == 0 and header[0] == "序号":
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    _set_font(paragraph.add_run(part), BODY_FONT, TABLE_SIZE)
        fix_columns(table, widths)

    def _keep_last(self, count: int) -> None:
        """The last `count` paragraphs (or table rows) that show text, and the blank ones
        after them, stay on the page of whatever comes next (Word's keep-with-next; widow
        control takes at least two lines of a long paragraph along)."""
        shown = 0
        for block in reversed(list(self.docx.iter_inner_content())):
            if shown >= count:
                break
            if isinstance(block, Paragraph):
                block.paragraph_format.keep_with_next = True
                shown += bool(block.text.strip())
            else:
                for cell in block.rows[-1].cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
                shown += 1

    def _closing(self, paragraphs: Sequence[Paragraph]) -> None:
        """A closing block (落款, signatures) held together, on the page of its last line."""
        for paragraph in paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
        for paragraph in paragraphs:
            paragraph.paragraph_format.keep_together = True

    def signatures(self, labels: Sequence[str], *, keep_with_previous: int = 0) -> None:
        # The closing paragraphs and the last lines of the text before them go over with the
        # signatures: a page of signatures alone proves nothing.
        self._keep_last(keep_with_previous + 1)
        self.space(1)
        # As in the PDF: the line shared out, each label's blank ruled to the end of its
        # share by a tab's underscore leader. Counted underlined spaces overran the line
        # (32 characters in 28) and lose their rule at a line's end in Word.
        paragraph = self._paragraph(alignment=WD_ALIGN_PARAGRAPH.LEFT)
        gap = SIGNATURE_GAP_MM * _PT_PER_MM
        share = (BLOCK_WIDTH - gap * (len(labels) - 1)) / len(labels)
        stops = paragraph.paragraph_format.tab_stops
        for index, label in enumerate(labels):
            start = index * (share + gap)
            if index:
                stops.add_tab_stop(Pt(start), WD_TAB_ALIGNMENT.LEFT)
                _set_font(paragraph.add_run("\t"), BODY_FONT, BODY_SIZE)
            stops.add_tab_stop(Pt(start + share), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
            _set_font(paragraph.add_run(f"{label}\t"), BODY_FONT, BODY_SIZE)
        self._closing(self.docx.paragraphs[-2:])

    def sign_off(self, issuer: str, day: str, *, record: str, style: Any = None) -> None:
        size = float(getattr(style, "fontSize", BODY_SIZE))
        # Never a page of only 落款: the closing paragraph goes over with it.
        self._keep_last(1)
        self.space(1)
        for text in (issuer, day):
            paragraph = self._paragraph(size=size, alignment=WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = Pt(2 * size)
            _set_font(paragraph.add_run(text), BODY_FONT, size)
        self._closing(self.docx.paragraphs[-3:])

    # --- output ---------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        """Write the .docx under a temporary name and rename it, so no half file is left."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as part:
            self.docx.save(str(part))
        return path
