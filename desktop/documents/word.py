"""The same documents as editable Word files (.docx, for Word or WPS), in the GB/T 9704 layout.

`WordDocument` offers the builder methods of `layout.Document`, so one `build_*` function
writes either format. Word files name their fonts (仿宋, 黑体, 宋体) instead of embedding
them: the PC that opens the file substitutes what it has, which is what an editable copy
needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from desktop.documents.layout import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    BODY_SIZE,
    LEFT_MARGIN,
    LINE_PITCH,
    PAGE_NUMBER_SIZE,
    TABLE_SIZE,
    TITLE_SIZE,
    TOP_MARGIN,
)
from desktop.documents.paragraph import JOINER
from desktop.files import atomic_path

BODY_FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
_PT_PER_MM = 72 / 25.4


def _mm(points: float) -> Mm:
    return Mm(points / _PT_PER_MM)


def _set_font(run: Any, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    # Word picks Chinese characters' font from w:eastAsia, not from the Latin name.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


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


def _repeat_as_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


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
        section.bottom_margin = Mm(297 - (TOP_MARGIN + BLOCK_HEIGHT) / _PT_PER_MM)
        section.footer_distance = Mm(28)
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
            _page_number_field(paragraph)
        normal = self.docx.styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = Pt(BODY_SIZE)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

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
        fmt.line_spacing = Pt(max(pitch, size * 1.2))
        fmt.first_line_indent = Pt(first_indent) if first_indent else None
        fmt.left_indent = Pt(left_indent) if left_indent else None
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
        _set_font(paragraph.add_run(text), BODY_FONT, size)

    def heading(self, text: str, *, record: str = "小标题") -> None:
        paragraph = self._paragraph()
        paragraph.paragraph_format.keep_with_next = True
        _set_font(paragraph.add_run(text), HEADING_FONT, BODY_SIZE)

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
        _repeat_as_header(table.rows[0])
        for cell, label, width in zip(table.rows[0].cells, header, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(paragraph.add_run(label), HEADING_FONT, TABLE_SIZE)
        for cells, _record in rows:
            row = table.add_row()
            if min_row_height:
                row.height = _mm(min_row_height)
            for column, (cell, value, width) in enumerate(
                zip(row.cells, cells, widths, strict=True)
            ):
                cell.width = width
                for index, part in enumerate(value.split("\n")):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    if column == 0 and header[0] == "序号":
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    _set_font(paragraph.add_run(part), BODY_FONT, TABLE_SIZE)

    def signatures(self, labels: Sequence[str], *, keep_with_previous: int = 0) -> None:
        self.space(1)
        paragraph = self._paragraph()
        for index, label in enumerate(labels):
            if index:
                _set_font(paragraph.add_run("　　　　"), BODY_FONT, BODY_SIZE)
            _set_font(paragraph.add_run(label), BODY_FONT, BODY_SIZE)
            blank = paragraph.add_run("　" * 6)
            _set_font(blank, BODY_FONT, BODY_SIZE)
            blank.font.underline = True

    def sign_off(self, issuer: str, day: str, *, record: str, style: Any = None) -> None:
        size = float(getattr(style, "fontSize", BODY_SIZE))
        self.space(1)
        for text in (issuer, day):
            paragraph = self._paragraph(size=size, alignment=WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = Pt(2 * size)
            _set_font(paragraph.add_run(text), BODY_FONT, size)

    # --- output ---------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        """Write the .docx under a temporary name and rename it, so no half file is left."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as part:
            self.docx.save(str(part))
        return path
