"""GB/T 9704 measured on printed pages: 28 characters a line, 22 lines a page, justified
lines, page-number dashes 7 mm below the block, numbers kept whole, typed line breaks kept,
and a closing block (落款, signatures) never alone on its page."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.documents.fonts import load_fonts
from desktop.documents.layout import Document
from desktop.documents.minutes import render_minutes
from desktop.models import AgendaItem
from tests.documents.document_builders import build_meeting

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

PAGE_NUMBER = re.compile(r"^— \d+ —$")
# Plain Chinese text with no punctuation: nothing pushes a character to the next line.
PLAIN = "议事协商居民路灯排水社区同意落实"


def layout_pages(path: Path) -> list[list[str]]:
    """The text lines of each page (pdftotext -layout), stripped, blank ones left out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in text.split("\f")[:-1]
    ]


def body_lines(page: list[str]) -> list[str]:
    return [line for line in page if not PAGE_NUMBER.match(line)]


def word_boxes(path: Path) -> list[tuple[float, float, str]]:
    """(xMin, xMax, text) of each line pdftotext -bbox reports (a run of Chinese is one word)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>')
    return [(float(a), float(b), text) for a, b, text in pattern.findall(xml)]


def _document() -> Document:
    return Document(load_fonts(), title="版式")


def test_a_body_line_holds_28_characters_and_a_page_22_lines(tmp_path: Path) -> None:
    document = _document()
    text = (PLAIN * 60)[: 28 * 25]
    document.paragraph(text, record="正文")
    pages = layout_pages(document.save(tmp_path / "grid.pdf"))
    first, second = body_lines(pages[0]), body_lines(pages[1])
    assert [len(line) for line in first] == [28] * 22
    assert [len(line) for line in second] == [28] * 3
    assert "".join(first + second) == text


def test_lines_are_flush_with_both_edges_of_the_block(tmp_path: Path) -> None:
    document = _document()
    # Numbers and closing marks push characters down, so lines hold fewer than 28.
    text = "截至2024年12月31日，共收到意见建议1234条，办结率为98.5%，会议于09:30开始。" * 8
    document.paragraph(text, record="正文", indent=True)
    boxes = [box for box in word_boxes(document.save(tmp_path / "justified.pdf")) if box[2] != "—"]
    boxes = [box for box in boxes if not box[2].isdigit()]  # the page number
    assert "".join(box[2] for box in boxes) == text
    lines = document.story[0].lines
    assert len(lines) == len(boxes)
    # Some lines were short of the block, so there was slack to share out.
    assert any(line.width < line.max_width - 4 for line in lines[:-1])
    left, right = 28 * 72 / 25.4, (28 + 156) * 72 / 25.4
    for index, (x_min, x_max, _text) in enumerate(boxes[:-1]):
        indent = 32 if index == 0 else 0  # two characters in on the first line
        assert x_min == pytest.approx(left + indent, abs=0.05)
        # The last character's box ends where the grid's 28th does (its advance is 16 pt,
        # its grid pitch a fifth of a point less).
        assert x_max == pytest.approx(right + 0.207, abs=0.1)
    assert boxes[-1][1] < right - 16  # the last line stays ragged


def test_numbers_and_years_are_never_split(tmp_path: Path) -> None:
    document = _document()
    for shift in range(28):
        # Each paragraph moves the numbers one character along the line.
        document.paragraph(
            PLAIN[: shift % 16] + "议" * (shift // 16) + "于2024年12月31日的12345户和98.5%" * 3,
            record="正文",
        )
    lines = [line for page in layout_pages(document.save(tmp_path / "n.pdf")) for line in page]
    joins = list(itertools.pairwise(lines))
    assert len(joins) > 50
    for before, after in joins:
        if PAGE_NUMBER.match(after) or PAGE_NUMBER.match(before):
            continue
        assert not (before[-1].isdigit() and (after[0].isdigit() or after[0] in "年月日.")), (
            before,
            after,
        )


def _pgm_rows(pdf: Path, dpi: int) -> list[bytes]:
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", str(pdf), str(prefix)],
        check=True,
        timeout=60,
    )
    data = next(pdf.parent.glob(f"{prefix.name}-*.pgm")).read_bytes()
    _magic, width, height, _depth, pixels = data.split(maxsplit=4)
    w, h = int(width), int(height)
    return [pixels[row * w : (row + 1) * w] for row in range(h)]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_the_page_number_dashes_sit_7_mm_below_the_text_block(tmp_path: Path) -> None:
    document = _document()
    document.paragraph(PLAIN, record="正文")
    rows = _pgm_rows(document.save(tmp_path / "page.pdf"), dpi=254)  # 10 pixels a mm
    # The dashes are the only long horizontal strokes below the block: find their rows.
    dash_rows = [
        index
        for index, row in enumerate(rows)
        if index > 2620 and max(len(run) for run in re.split(rb"[\x80-\xff]+", row)) >= 30
    ]
    assert dash_rows and max(dash_rows) - min(dash_rows) < 10  # one stroke, not a glyph
    middle_mm = (min(dash_rows) + max(dash_rows) + 1) / 2 / 10
    assert middle_mm == pytest.approx(37 + 225 + 7, abs=0.3)


def test_closing_paragraph_gives_its_last_lines_to_a_落款_on_the_next_page(
    tmp_path: Path,
) -> None:
    split_seen: list[int] = []
    for filler in range(15, 23):
        document = _document()
        document.paragraph((PLAIN * 60)[: 28 * filler], record="正文")
        document.paragraph(("末段" * 14) * 4, record="正文")  # four full lines
        document.sign_off("和平桥社区协商议事室", "2026年11月29日", record="落款")
        pages = [body_lines(page) for page in layout_pages(document.save(tmp_path / "s.pdf"))]
        last = pages[-1]
        assert last[-2:] == ["和平桥社区协商议事室", "2026年11月29日"], filler
        assert sum("末段" in line for line in last) >= 2, (filler, last)
        if len(pages) > 1 and "末段" in pages[-2][-1]:
            split_seen.append(filler)
    # The paragraph split, rather than the whole of it moving and leaving a gap.
    assert split_seen


def test_a_table_gives_its_last_row_to_signatures_on_the_next_page(tmp_path: Path) -> None:
    for rows in range(8, 16):
        document = _document()
        document.paragraph(PLAIN * 10, record="正文")
        document.table(
            ["序号", "成果"],
            [([str(n), f"成果{n}"], "表") for n in range(1, rows + 1)],
            widths_mm=[20, 136],
            min_row_height=40,
        )
        document.signatures(["主持人（签字）："])
        pages = [body_lines(page) for page in layout_pages(document.save(tmp_path / "t.pdf"))]
        page = next(page for page in pages if any("签字" in line for line in page))
        assert page[0] != page[-1] and any(f"成果{rows}" in line for line in page), (rows, page)


def test_line_breaks_typed_in_a_consensus_are_kept_in_the_pdf_minutes(
    room_db: Database, tmp_path: Path
) -> None:
    built = build_meeting(room_db, attendees=8, items=1)
    typed = "一、更换路灯。\n二、疏通排水沟。\n三、由社区牵头落实，月底前完成。"
    with room_db.session() as s:
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == built.meeting_id)).one()
        item.consensus_text = typed
    path = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.pdf")
    lines = [line for page in layout_pages(path) for line in page]
    start = next(i for i, line in enumerate(lines) if line.startswith("协商意见："))
    # Each typed line starts a printed line, though all three would fit on two.
    assert lines[start].endswith("一、更换路灯。")
    assert lines[start + 1] == "二、疏通排水沟。"
    assert lines[start + 2] == "三、由社区牵头落实，月底前完成。"


def test_a_heading_never_ends_a_page(tmp_path: Path) -> None:
    for filler in range(15, 23):
        document = _document()
        document.paragraph((PLAIN * 60)[: 28 * filler], record="正文")
        document.heading("二、小标题")
        document.paragraph("末段" * 14 * 3, record="正文")  # three lines: cannot give one
        pages = [body_lines(page) for page in layout_pages(document.save(tmp_path / "h.pdf"))]
        for page in pages:
            assert page[-1] != "二、小标题", (filler, page)
        assert sum(line == "二、小标题" for page in pages for line in page) == 1
