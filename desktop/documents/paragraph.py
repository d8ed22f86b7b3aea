"""Chinese paragraphs for printed documents: line breaking by the rules of 避头尾, names kept
whole, and drawing, on public reportlab API only (layout.py builds documents from them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import unescape

from reportlab.lib.enums import (  # type: ignore[import-untyped]
    TA_CENTER,
    TA_JUSTIFY,
    TA_LEFT,
    TA_RIGHT,
)
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

# Closing punctuation that must not begin a line (避头), and opening marks that must not end
# one (避尾). reportlab's own list misses most full-width Chinese marks.
CANNOT_START = frozenset("。，、；：？！）》」』】〕〉”’…—·%‰℃.,;:?!)]}")
CANNOT_END = frozenset("（《「『【〔〈“‘([{")
# U+2060 WORD JOINER between two characters forbids a break there (names are never split);
# it is consumed by the line breaker and never drawn.
JOINER = "\u2060"
# A number, a Latin word or a year never breaks: "2024年" stays on one line, not "20" and "24年".
_DIGITS = frozenset("0123456789")
_WORD = _DIGITS | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DATE_UNITS = frozenset("年月日时")
_DECIMAL = frozenset(".:")


def unbreakable(text: str) -> str:
    """`text` marked so that no line break falls inside it (for people's names)."""
    return JOINER.join(text)


_FUZZ = 1e-6

# Chinese line breaking and drawing use public reportlab API only: widths from
# pdfmetrics.stringWidth, a platypus Flowable (wrap / split / draw) and the canvas's text
# object. It replaces a Paragraph subclass that overrode breakLinesCJK with reportlab's
# undocumented cjkU, makeCJKParaLine and ParaLines (and its private _splitpara flag): those
# internals are not part of any API promise, and ParagraphStyle(wordWrap="CJK"), the public
# switch, knows neither the full-width 避头尾 marks above nor names that must stay whole.

# The markup CJKParagraph reads is what FontSet.markup and Document write: escaped text,
# <font name="…"> runs and <br/>.
_TAG = re.compile(r"(<[^>]*>)")
_FONT_TAG = re.compile(r'<font name="([^"]*)">')
_BREAK_TAG = re.compile(r"<br\s*/>")
# Runs of whitespace print as one space, as reportlab's Paragraph has always collapsed them
# (a no-break space is kept: it is there on purpose).
_WHITESPACE = re.compile(r"[^\S\xa0]+")


@dataclass(frozen=True)
class _Char:
    """One character as set: its font and advance width; `line_break` for a <br/>."""

    text: str
    font: str
    width: float
    line_break: bool = False


@dataclass(frozen=True)
class Line:
    """One set line of a CJKParagraph."""

    chars: tuple[_Char, ...]
    width: float  # of its characters; more than max_width when marks hang in the margin
    max_width: float
    # The last line of the paragraph, or one ended by <br/>: set ragged, never stretched.
    ends_paragraph: bool = False

    @property
    def printed(self) -> int:
        """How many characters the line shows (a <br/> shows none)."""
        return sum(1 for char in self.chars if char.text)

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    def runs(self) -> list[tuple[str, str]]:
        """(font, text) for each stretch of one font."""
        found: list[tuple[str, str]] = []
        for char in self.chars:
            if found and found[-1][0] == char.font:
                found[-1] = (char.font, found[-1][1] + char.text)
            elif char.text:
                found.append((char.font, char.text))
        return found


def _parse(markup: str, style: ParagraphStyle) -> tuple[list[_Char], list[bool]]:
    """The characters of `markup`, and for each whether a joiner forbids a break before it."""
    chars: list[_Char] = []
    joined: list[bool] = []  # joined[i]: no break between chars[i - 1] and chars[i]
    fonts = [style.fontName]
    # Tracking (GB/T 9704's 28 characters in a 156 mm line) widens or narrows every advance.
    tracking = float(getattr(style, "charSpace", 0.0))
    pending = False
    for piece in _TAG.split(_WHITESPACE.sub(" ", markup).strip(" ")):
        if not piece:
            continue
        if piece.startswith("<"):
            if found := _FONT_TAG.fullmatch(piece):
                fonts.append(found[1])
            elif piece == "</font>" and len(fonts) > 1:
                fonts.pop()
            elif _BREAK_TAG.fullmatch(piece):
                chars.append(_Char("", fonts[-1], 0.0, line_break=True))
                joined.append(False)
            else:
                raise ValueError(f"unsupported paragraph markup: {piece}")
            continue
        for char in unescape(piece):
            if char == JOINER:
                pending = True
                continue
            width = char_width(char, fonts[-1], style.fontSize) + tracking
            chars.append(_Char(char, fonts[-1], width))
            joined.append(pending)
            pending = False
    return chars, joined


def _may_break(chars: Sequence[_Char], joined: Sequence[bool], index: int) -> bool:
    """Whether a line may end before chars[index]."""
    return not (
        chars[index].text in CANNOT_START
        or chars[index - 1].text in CANNOT_END
        or joined[index]
        or _inside_number(chars, index)
    )


def _inside_number(chars: Sequence[_Char], index: int) -> bool:
    """Whether chars[index] continues a number or word: 2024, 2024年, 3.5, 09:30, WiFi."""
    before, char = chars[index - 1].text, chars[index].text
    if before in _WORD and char in _WORD:
        return True
    if before in _DIGITS and char in _DATE_UNITS:
        return True
    return (
        before in _DECIMAL and char in _DIGITS and index >= 2 and chars[index - 2].text in _DIGITS
    )


def _kinsoku_split(
    chars: Sequence[_Char], joined: Sequence[bool], max_widths: Sequence[float]
) -> list[Line]:
    """Greedy CJK line breaking that pushes a character down rather than break a rule."""
    lines: list[Line] = []
    start, count = 0, len(chars)
    while start < count:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        end, width, line_break = start, 0.0, False
        while end < count:
            char = chars[end]
            if char.line_break:
                end += 1
                line_break = True
                break
            if width + char.width > max_width + _FUZZ and end > start:
                break
            width += char.width
            end += 1
        if end < count and not line_break and not _may_break(chars, joined, end):
            candidate = end - 1
            while candidate > start and not _may_break(chars, joined, candidate):
                candidate -= 1
            if candidate > start:
                width -= sum(c.width for c in chars[candidate:end])
                end = candidate
            else:
                # No legal break on the whole line: hang the closing marks in the margin
                # (标点悬挂), however many, rather than start the next line with one.
                while end < count and chars[end].text in CANNOT_START:
                    width += chars[end].width
                    end += 1
        lines.append(Line(tuple(chars[start:end]), width, max_width, line_break or end >= count))
        start = end
    return lines


class CJKParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of Chinese text whose lines never start with closing punctuation.

    Takes the style attributes a reportlab Paragraph would: fontName, fontSize, leading,
    textColor, alignment (left, centre, right or justified), leftIndent, rightIndent,
    firstLineIndent, allowWidows and allowOrphans, and charSpace (tracking added to every
    character's advance). `stroke` outlines the glyphs too (a bold for Song faces).
    """

    def __init__(self, markup: str, style: ParagraphStyle, *, stroke: float = 0.0) -> None:
        super().__init__()
        if style.alignment not in (TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY):
            raise ValueError(f"unsupported paragraph alignment: {style.alignment}")
        self.style = style
        self.stroke = stroke
        self.chars, self.joined = _parse(markup, style)
        self.lines: list[Line] = []
        self._broken_for: float | None = None  # the width `lines` were broken for
        self._fixed = False  # the first part of a split keeps its lines at any width

    def _part(self, chars: list[_Char], joined: list[bool], style: ParagraphStyle) -> CJKParagraph:
        part = CJKParagraph("", style, stroke=self.stroke)
        part.chars, part.joined = chars, joined
        return part

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width < _FUZZ:
            return 0, 0x7FFFFFFF  # what a Paragraph answers when it cannot fit at all
        style = self.style
        if not self._fixed and self._broken_for != available_width:
            later = available_width - style.leftIndent - style.rightIndent
            self.lines = _kinsoku_split(
                self.chars, self.joined, [later - style.firstLineIndent, later]
            )
            self._broken_for = available_width
        self.width = available_width
        self.height = len(self.lines) * style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[CJKParagraph]:
        """Lines that fit, and the rest (re-broken without the first-line indent), keeping
        widows and orphans together as the style asks, the way a Paragraph splits."""
        if not self.chars or available_width < _FUZZ or available_height < _FUZZ:
            return []
        self.wrap(available_width, available_height)
        style = self.style
        fits = int(available_height / style.leading)
        if (not style.allowOrphans and fits <= 1) or fits == 0:
            return []
        count = len(self.lines)
        if count <= fits:
            return [self]
        if not style.allowWidows and count == fits + 1:
            if (style.allowOrphans and count == 3) or count > 3:
                fits -= 1
            else:
                return []
        used = sum(len(line.chars) for line in self.lines[:fits])
        first = self._part(self.chars[:used], self.joined[:used], style)
        first.lines, first._fixed = self.lines[:fits], True
        rest_style = ParagraphStyle(f"{style.name}-rest", parent=style, firstLineIndent=0)
        rest = self._part(self.chars[used:], self.joined[used:], rest_style)
        return [first, rest]

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.saveState()
        text = canvas.beginText()
        if self.stroke:
            # Fill, then stroke: a hairline outline thickens the strokes of a Song face.
            canvas.setLineWidth(self.stroke)
            canvas.setLineJoin(1)
            text.setTextRenderMode(2)
        text.setFillColor(style.textColor)
        # The first baseline one font size below the top, each next one a leading lower,
        # as a reportlab Paragraph sets them.
        baseline = self.height - style.fontSize
        tracking = float(getattr(style, "charSpace", 0.0))
        for index, line in enumerate(self.lines):
            x = style.leftIndent + (style.firstLineIndent if index == 0 else 0)
            spacing = tracking
            if style.alignment == TA_CENTER:
                x += (line.max_width - line.width) / 2
            elif style.alignment == TA_RIGHT:
                x += line.max_width - line.width
            elif style.alignment == TA_JUSTIFY and not line.ends_paragraph and line.printed > 1:
                # Both edges flush: the slack a pushed-down mark or number left is shared
                # out between the characters.
                spacing += max(0.0, line.max_width - line.width) / (line.printed - 1)
            text.setTextOrigin(x, baseline)
            text.setCharSpace(spacing)
            for font, run in line.runs():
                text.setFont(font, style.fontSize)
                text.textOut(run)
            baseline -= style.leading
        canvas.drawText(text)
        canvas.restoreState()


def char_width(char: str, font: str, size: float) -> float:
    width: float = stringWidth(char, font, size)
    return width
