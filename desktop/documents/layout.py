"""GB/T 9704-2012 page geometry, styles and a small builder every printed document uses.

A4 with a 156 × 225 mm text block 37 mm from the top and 28 mm from the left; body 仿宋 16 pt
(3号) on a grid of 22 lines of 28 characters, justified, titles 22 pt (2号) centred, page
numbers "— 1 —" in 14 pt (4号) with their dashes 7 mm below the block, odd pages right and
even pages left. Chinese lines never start with closing punctuation nor split a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.documents.fonts import FontRole, FontSet
from desktop.documents.keeping import KeepWithClosing, lead_ins, take_closing
from desktop.documents.page_geometry import (
    PageGeometry,
    draw_page_number,
)
from desktop.documents.paragraph import CJKParagraph, char_width
from desktop.files import atomic_path

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - BLOCK_HEIGHT
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
NOTICE_SIZE = 20.0  # notices are read standing, from a metre away
TABLE_SIZE = 12.0  # 小4号: tables of many columns do not fit in 3号
LINE_PITCH = BLOCK_HEIGHT / 22  # the standard's 22 lines a page
LINE_CHARS = 28  # and 28 characters a line
# 28 characters of 16 pt take 158 mm: each advance is narrowed by a fifth of a point, as
# Word's document grid does, so that they fill the 156 mm block exactly.
BODY_TRACKING = BLOCK_WIDTH / LINE_CHARS - BODY_SIZE
# Frames take this much more than the block, so a full page of lines is never pushed over.
_SLACK = 0.05  # pt


class RaisedTitle(Flowable):  # type: ignore[misc]
    """A title paragraph raised so that the top of its characters sits on the top margin."""

    def __init__(self, paragraph: CJKParagraph, *, ascent: float) -> None:
        super().__init__()
        self.paragraph = paragraph
        # The first baseline is one font size below the top; raising it by the font's
        # internal leading puts the top of the characters on the 37 mm margin.
        self.raise_by = paragraph.style.fontSize * (1 - ascent)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self.paragraph.wrap(available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, self.raise_by)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of an official document, built on its resolved fonts."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle
    heading_run: str  # font name for a 黑体 run inside a body paragraph
    table: ParagraphStyle
    table_header: ParagraphStyle
    notice_body: ParagraphStyle
    page_number_font: str


def make_styles(fonts: FontSet) -> Styles:
    body_font = fonts.names[FontRole.BODY]
    # No paragraph leaves a single line alone at the foot or the head of a page.
    common: dict[str, Any] = {
        "textColor": colors.black,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    # Body text is set on the 28-character grid and justified on both sides.
    grid: dict[str, Any] = {**common, "charSpace": BODY_TRACKING, "alignment": TA_JUSTIFY}
    return Styles(
        title=ParagraphStyle(
            "title",
            fontName=fonts.names[FontRole.TITLE],
            fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.5,
            alignment=TA_CENTER,
            spaceAfter=LINE_PITCH - TITLE_SIZE * 0.5,
            **common,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            fontName=body_font,
            fontSize=BODY_SIZE,
            leading=LINE_PITCH,
            alignment=TA_CENTER,
            charSpace=BODY_TRACKING,
            **common,
        ),
        body=ParagraphStyle(
            "body", fontName=body_font, fontSize=BODY_SIZE, leading=LINE_PITCH, **grid
        ),
        heading=ParagraphStyle(
            "heading",
            fontName=fonts.names[FontRole.HEADING],
            fontSize=BODY_SIZE,
            leading=LINE_PITCH,
            **grid,
        ),
        heading_run=fonts.names[FontRole.HEADING],
        table=ParagraphStyle(
            "table", fontName=body_font, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.35, **common
        ),
        table_header=ParagraphStyle(
            "table_header",
            fontName=fonts.names[FontRole.HEADING],
            fontSize=TABLE_SIZE,
            leading=TABLE_SIZE * 1.35,
            alignment=TA_CENTER,
            **common,
        ),
        notice_body=ParagraphStyle(
            "notice_body",
            fontName=body_font,
            fontSize=NOTICE_SIZE,
            leading=NOTICE_SIZE * 1.6,
            alignment=TA_JUSTIFY,
            **common,
        ),
        page_number_font=body_font,
    )


def advance(text: str, style: ParagraphStyle, font: str | None = None) -> float:
    """The width `text` takes in `style` (in `font` if given), tracking included."""
    tracking = float(getattr(style, "charSpace", 0.0))
    name = font or style.fontName
    return sum(char_width(char, name, style.fontSize) + tracking for char in text)


UPRIGHT = PageGeometry(A4, LEFT_MARGIN, TOP_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT)


class Writer(Protocol):
    """The builder calls a document module makes; `Document` (PDF) and `WordDocument` (DOCX)."""

    def title(self, text: str, *, record: str = ...) -> None: ...

    def subtitle(self, text: str, *, record: str) -> None: ...

    def paragraph(
        self, text: str, *, record: str, style: Any = ..., indent: bool = ...
    ) -> None: ...

    def heading(self, text: str, *, record: str = ..., level: int = ...) -> None: ...

    def labelled(
        self,
        label: str,
        text: str | Sequence[tuple[str, str]],
        *,
        record: str,
        style: Any = ...,
        indent_chars: int = ...,
    ) -> None: ...

    def space(self, lines: float = ...) -> None: ...

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[tuple[Sequence[str], str]],
        *,
        widths_mm: Sequence[float],
        min_row_height: float = ...,
    ) -> None: ...

    def signatures(self, labels: Sequence[str], *, keep_with_previous: int = ...) -> None: ...

    def sign_off(self, issuer: str, day: str, *, record: str, style: Any = ...) -> None: ...

    def save(self, path: Path) -> Path: ...


class Document:
    """A story of flowables in the official layout; `save` writes the PDF atomically."""

    # Where the text block lies (a landscape page's is wider and less high).
    page = UPRIGHT

    def __init__(self, fonts: FontSet, *, title: str) -> None:
        self.fonts = fonts
        self.styles = make_styles(fonts)
        self.title_text = title
        self.story: list[Any] = []
        self._headings: set[int] = set()  # ids of the flowables that never end a page

    # --- text -----------------------------------------------------------------------------

    def text(self, text: str, *, record: str, role: FontRole = FontRole.BODY) -> str:
        """Paragraph markup of `text`, with characters no font has reported under `record`;
        the line breaks typed in it are kept."""
        lines = text.replace("\r\n", "\n").split("\n")
        return "<br/>".join(self.fonts.markup(line, role, record) for line in lines)

    def title(self, text: str, *, record: str = "标题") -> None:
        # A real 小标宋 or 黑体 is bold already; a Song face gets a hairline stroke instead.
        face = self.fonts.sources[FontRole.TITLE].path.name.lower()
        stroke = 0.0 if face in {"fzxbsjw.ttf", "simhei.ttf"} else 0.45
        paragraph = CJKParagraph(
            self.text(text, record=record, role=FontRole.TITLE), self.styles.title, stroke=stroke
        )
        self.story.append(RaisedTitle(paragraph, ascent=self.fonts.ascent(FontRole.TITLE)))

    def subtitle(self, text: str, *, record: str) -> None:
        self.story.append(CJKParagraph(self.text(text, record=record), self.styles.subtitle))

    def paragraph(
        self, text: str, *, record: str, style: ParagraphStyle | None = None, indent: bool = False
    ) -> None:
        chosen = style or self.styles.body
        if indent:
            chosen = ParagraphStyle(
                f"{chosen.name}-indent", parent=chosen, firstLineIndent=2 * chosen.fontSize
            )
        self.story.append(CJKParagraph(self.text(text, record=record), chosen))

    def heading(self, text: str, *, record: str = "小标题", level: int = 1) -> None:
        """A first-level heading (一、) in 黑体, or a second-level one (（一）) in 楷体."""
        role = FontRole.HEADING if level == 1 else FontRole.KAI
        markup = self.text(text, record=record, role=role)
        style = self.styles.heading
        if role is FontRole.KAI:
            style = ParagraphStyle("heading2", parent=style, fontName=self.fonts.names[role])
        if self.story and isinstance(self.story[-1], Table):
            self.space(0.5)  # a heading right under a table's bottom rule reads as its caption
        # Never leave a heading alone at the foot of a page: it goes with what follows.
        self.story.append(CondPageBreak(LINE_PITCH * 2.5))
        heading = CJKParagraph(markup, style)
        self._headings.add(id(heading))
        self.story.append(heading)

    def labelled(
        self,
        label: str,
        text: str | Sequence[tuple[str, str]],
        *,
        record: str,
        style: ParagraphStyle | None = None,
        indent_chars: int = 0,
    ) -> None:
        """「出席：」 in 黑体 and the rest in 仿宋, wrapped lines aligned after the colon;
        the label starts `indent_chars` characters in from the margin.

        `text` is one string, or pieces (text, record) joined by 、 so that a character no
        font has is reported with the person or item it belongs to ("无" when empty).
        """
        label_markup = self.text(label, record=record, role=FontRole.HEADING)
        parent = style or self.styles.body
        indent = advance(label, parent, self.styles.heading_run)
        hanging = ParagraphStyle(
            f"labelled-{len(label)}",
            parent=parent,
            leftIndent=indent + indent_chars * parent.fontSize,
            firstLineIndent=-indent,
        )
        if isinstance(text, str):
            body = self.text(text, record=record)
        else:
            body = "、".join(self.text(piece, record=where) for piece, where in text) or "无"
        markup = f'<font name="{self.styles.heading_run}">{label_markup}</font>{body}'
        self.story.append(CJKParagraph(markup, hanging))

    def signatures(self, labels: Sequence[str], *, keep_with_previous: int = 0) -> None:
        """Signature lines side by side (label, then a ruled blank), one line below the text.

        The last `keep_with_previous` flowables, and the last lines of the text before them,
        move to the next page with them if need be.
        """
        gap = 12 * mm
        share = (BLOCK_WIDTH - gap * (len(labels) - 1)) / len(labels)
        # Leading close to the size puts the baseline just above the ruled blank.
        tight = ParagraphStyle("signature", parent=self.styles.body, leading=BODY_SIZE * 1.15)
        cells: list[Any] = []
        widths: list[float] = []
        lines: list[tuple[Any, ...]] = []
        for index, label in enumerate(labels):
            if index:
                cells.append("")
                widths.append(gap)
            paragraph = CJKParagraph(self.text(label, record="签字栏"), tight)
            label_width = advance(label, tight)
            cells += [paragraph, ""]
            widths += [label_width + 1, share - label_width - 1]
            lines.append(("LINEBELOW", (len(cells) - 1, 0), (len(cells) - 1, 0), 0.6, colors.black))
        table = Table([cells], colWidths=widths, rowHeights=[LINE_PITCH], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    # Empty cells still set a font; the default Helvetica is not embedded.
                    ("FONTNAME", (0, 0), (-1, -1), self.styles.body.fontName),
                    *lines,
                ]
            )
        )
        self._close(keep_with_previous, [Spacer(1, LINE_PITCH * 0.5), table])

    def sign_off(
        self, issuer: str, day: str, *, record: str, style: ParagraphStyle | None = None
    ) -> None:
        """The issuer and date at the right, the date two characters in from the edge."""
        parent = style or self.styles.body
        right = ParagraphStyle(
            "sign-off", parent=parent, alignment=TA_RIGHT, rightIndent=2 * parent.fontSize
        )
        self._close(
            0,
            [
                Spacer(1, parent.leading),
                CJKParagraph(self.text(issuer, record=record), right),
                CJKParagraph(self.text(day, record=record), right),
            ],
        )

    def _close(self, keep_with_previous: int, block: list[Any]) -> None:
        """Add a closing block (落款, signatures) that never stands alone on a page: the last
        lines of the text before it go over with it."""
        body, kept = take_closing(self.story, keep_with_previous)
        if body is None:
            self.story.append(KeepTogether([*kept, *block]))
            return
        page = self.page.height + _SLACK
        self.story.append(KeepWithClosing(body, [*kept, *block], page_height=page))

    def space(self, lines: float = 0.5) -> None:
        self.story.append(Spacer(1, LINE_PITCH * lines))

    def keep(self, flowables: list[Any]) -> None:
        """Add `flowables` kept together, and with the last lines of the text before them."""
        if self.story and not isinstance(self.story[-1], KeepTogether):
            self._close(0, flowables)
        else:
            self.story.append(KeepTogether(flowables))

    # --- tables ---------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[tuple[Sequence[str], str]],
        *,
        widths_mm: Sequence[float],
        min_row_height: float = 0.0,
    ) -> None:
        """A ruled table whose header row repeats on every page; rows are (cells, record)."""
        styles = self.styles
        data: list[list[Any]] = [
            [
                CJKParagraph(
                    self.text(cell, record="表头", role=FontRole.HEADING), styles.table_header
                )
                for cell in header
            ]
        ]
        # A 序号 column is centred, as in every official table.
        numbered = ParagraphStyle("table-number", parent=styles.table, alignment=TA_CENTER)
        first_style = numbered if header and header[0] == "序号" else styles.table
        for cells, record in rows:
            data.append(
                [
                    CJKParagraph(
                        "<br/>".join(self.text(part, record=record) for part in cell.split("\n")),
                        first_style if column == 0 else styles.table,
                    )
                    for column, cell in enumerate(cells)
                ]
            )
        widths = [w * mm for w in widths_mm]
        scale = BLOCK_WIDTH / sum(widths)
        heights = [None] + [min_row_height or None] * len(rows)
        table = Table(
            data,
            colWidths=[w * scale for w in widths],
            rowHeights=heights,
            repeatRows=1,
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                    ("FONTNAME", (0, 0), (-1, -1), styles.table.fontName),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        self.story.append(table)

    # --- output ---------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        """Write the PDF under a temporary name and rename it, so no half PDF is ever left.

        Raises MissingGlyphError (before writing anything) if some character cannot print.
        """
        self.fonts.check()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as part:
            self._build(part)
        return path

    def _build(self, target: Path) -> None:
        font = self.styles.page_number_font
        ascent = self.fonts.ascent(FontRole.BODY)
        page = self.page
        # 22 lines fill the block exactly; without a hair of slack, rounding pushes the last
        # line of every page to the next one.
        frame = Frame(
            page.left,
            page.bottom - _SLACK,
            page.width,
            page.height + _SLACK,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="block",
        )

        def on_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
            draw_page_number(canvas, font, ascent, page)

        template = BaseDocTemplate(
            str(target),
            pagesize=page.size,
            title=self.title_text,
            author="议事",
            creator="Yishi",
            leftMargin=page.left,
            rightMargin=page.size[0] - page.left - page.width,
            topMargin=page.top,
            bottomMargin=page.bottom,
            pageTemplates=[PageTemplate(id="official", frames=[frame], onPage=on_page)],
            # Otherwise every page names Helvetica, a font that is not embedded.
            initialFontName=self.styles.body.fontName,
            initialFontSize=BODY_SIZE,
        )
        template.build(self._flowables())

    def _flowables(self) -> list[Any]:
        return lead_ins(self.story, self._headings)


def chinese_numeral(value: int) -> str:
    """一 … 九十九, for section numbers (一、二、…)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, ones = divmod(value, 10)
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"
