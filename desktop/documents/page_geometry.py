"""Where a page's text block lies, and the page number drawn 7 mm below it (GB/T 9704 §7.5)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

PAGE_NUMBER_SIZE = 14.0  # 4号
# The page number's dashes (一字线) sit 7 mm below the text block.
PAGE_NUMBER_GAP = 7 * mm


@dataclass(frozen=True)
class PageGeometry:
    """Where the text block lies on the page; the page number goes 7 mm below it."""

    size: tuple[float, float]
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.size[1] - self.top - self.height


def draw_page_number(canvas: Canvas, font: str, ascent: float, page: PageGeometry) -> None:
    number = canvas.getPageNumber()
    text = f"— {number} —"
    # A CJK face centres its dash in the em box, which runs from ascent − 1 to ascent.
    baseline = page.bottom - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * (ascent - 0.5)
    canvas.saveState()
    canvas.setFont(font, PAGE_NUMBER_SIZE)
    # 单页码居右空一字，双页码居左空一字.
    if number % 2:
        canvas.drawRightString(page.left + page.width - PAGE_NUMBER_SIZE, baseline, text)
    else:
        canvas.drawString(page.left + PAGE_NUMBER_SIZE, baseline, text)
    canvas.restoreState()
