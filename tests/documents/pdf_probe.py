"""Reading printed PDFs back: text, positioned text runs, fonts and page sizes (via pypdf)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf._text_extraction import mult

MM = 72 / 25.4


@dataclass(frozen=True)
class Run:
    """One piece of text shown on a page, positioned in mm from the page's top-left corner."""

    page: int  # 1-based
    x_mm: float
    baseline_mm: float  # distance of the baseline from the top edge
    size: float
    ascent: float  # the font's ascent as a fraction of its size
    text: str


def squeeze(text: str) -> str:
    """Text without any whitespace, so words broken across lines still match."""
    return re.sub(r"\s+", "", text)


def full_text(path: Path) -> str:
    return squeeze("".join(page.extract_text() for page in PdfReader(path).pages))


def page_texts(path: Path) -> list[str]:
    return [squeeze(page.extract_text()) for page in PdfReader(path).pages]


def runs(path: Path) -> list[Run]:
    reader = PdfReader(path)
    found: list[Run] = []
    for number, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)

        def visit(
            text: str,
            cm: Any,
            tm: Any,
            font: Any,
            size: float,
            number: int = number,
            height: float = height,
        ) -> None:
            if not text.strip():
                return
            matrix = mult(tm, cm)
            ascent = 0.88
            if font is not None and "/FontDescriptor" in font:
                ascent = float(font["/FontDescriptor"].get_object()["/Ascent"]) / 1000
            found.append(
                Run(
                    page=number,
                    x_mm=matrix[4] / MM,
                    baseline_mm=(height - matrix[5]) / MM,
                    size=size * matrix[3],
                    ascent=ascent,
                    text=text.strip("\n"),
                )
            )

        page.extract_text(visitor_text=visit)
    return found


def lines(path: Path) -> list[tuple[int, float, str]]:
    """Text lines as (page, baseline in mm, text): runs on one baseline joined left to right."""
    grouped: dict[tuple[int, float], list[Run]] = {}
    for run in runs(path):
        grouped.setdefault((run.page, round(run.baseline_mm, 1)), []).append(run)
    return [
        (page, baseline, "".join(r.text for r in sorted(group, key=lambda r: r.x_mm)))
        for (page, baseline), group in sorted(grouped.items())
    ]


def fonts(path: Path) -> dict[str, dict[str, Any]]:
    """Every font any page uses, by base name, with its dictionary."""
    found: dict[str, dict[str, Any]] = {}
    for page in PdfReader(path).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def is_embedded(font: dict[str, Any]) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile2", "/FontFile", "/FontFile3"))


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    return [
        (float(page.mediabox.width) / MM, float(page.mediabox.height) / MM)
        for page in PdfReader(path).pages
    ]
