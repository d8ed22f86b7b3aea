"""Rendered pages (pdftoppm): ink only inside the 156 × 225 mm block and the page-number band."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop.db import Database
from desktop.demo import generate
from desktop.documents.commands import make_document
from desktop.documents.minutes import render_minutes
from desktop.documents.signin import render_signin
from tests.documents.document_builders import build_meeting

DPI = 40
MM_PER_PX = 25.4 / DPI
pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")


def _pages(pdf: Path) -> list[list[bytes]]:
    """Each page as rows of 8-bit grey pixels."""
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)], check=True, timeout=60
    )
    pages = []
    for image in sorted(pdf.parent.glob(f"{prefix.name}-*.pgm")):
        data = image.read_bytes()
        magic, width, height, _depth, pixels = data.split(maxsplit=4)
        assert magic == b"P5"
        w, h = int(width), int(height)
        pages.append([pixels[row * w : (row + 1) * w] for row in range(h)])
    return pages


def _ink_outside_allowed_areas(page: list[bytes]) -> list[tuple[float, float]]:
    """(x, y) in mm of dark pixels outside the text block and the page-number band."""
    slack = 1.5  # mm: anti-aliasing and glyph side bearings
    # Upright pages: block 28 mm from the left, 37 mm from the top; landscape pages (the
    # 台账) turn it: 225 × 156 mm, 37 mm from the left and 26 mm from the top.
    wide = len(page[0]) > len(page)
    left, top, width, height = (37, 26, 225, 156) if wide else (28, 37, 156, 225)
    stray = []
    for row_index, row in enumerate(page):
        y = row_index * MM_PER_PX
        in_block_rows = top - slack <= y <= top + height + slack
        in_number_band = top + height + 5 <= y <= top + height + 7 + 14 * 25.4 / 72 + slack
        for column_index, value in enumerate(row):
            if value >= 128:
                continue
            x = column_index * MM_PER_PX
            in_block_columns = left - slack <= x <= left + width + slack
            if not (in_block_columns and (in_block_rows or in_number_band)):
                stray.append((round(x, 1), round(y, 1)))
    return stray


def _ink_inside(page: list[bytes]) -> int:
    return sum(1 for row in page for value in row if value < 128)


@pytest.fixture
def documents(room_db: Database, tmp_path: Path) -> list[Path]:
    built = build_meeting(room_db, attendees=60, items=12, speech_chars=8000, outcomes_per_item=2)
    paths = [
        render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "record.pdf"),
        render_minutes(
            db=room_db, meeting_id=built.meeting_id, path=tmp_path / "jiyao.pdf", layout="jiyao"
        ),
        render_signin(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "signin.pdf"),
    ]
    today = date(2026, 11, 29)
    generate(room_db, seed=6, rooms=1, years=1, today=today)
    for kind in ("notice", "feedback", "ledger"):
        paths.append(make_document(room_db, kind=kind, path=tmp_path / f"{kind}.pdf", today=today))
    return paths


def test_every_page_has_ink_only_where_the_layout_allows(documents: list[Path]) -> None:
    for pdf in documents:
        pages = _pages(pdf)
        assert pages, pdf.name
        for number, page in enumerate(pages, 1):
            tall = 210 if pdf.name == "ledger.pdf" else 297  # the 台账 is landscape
            assert len(page) * MM_PER_PX == pytest.approx(tall, abs=1)
            assert _ink_inside(page) > 200, f"{pdf.name} page {number} is blank"
            stray = _ink_outside_allowed_areas(page)
            assert stray == [], f"{pdf.name} page {number}: ink at {stray[:5]}"
