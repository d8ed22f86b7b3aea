"""The Word files' GB/T 9704 grid (28 characters, 22 lines), page-number place and the
closing block kept with the text before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.oxml.text.parfmt import CT_PPr
from docx.shared import Length, Mm

from desktop.documents.word import WordDocument

MM = 72 / 25.4


def mm(length: Length | None) -> float:
    assert length is not None
    return length / Mm(1)


def snap_value(properties: CT_PPr | None) -> str | None:
    """The w:snapToGrid of these paragraph properties, None when not set there."""
    assert properties is not None
    element = properties.find(qn("w:snapToGrid"))
    return None if element is None else str(element.get(qn("w:val")))


def test_body_text_sits_on_a_grid_of_28_characters_and_22_lines(tmp_path: Path) -> None:
    document = WordDocument(title="版式")
    document.title("标题", record="标题")
    document.paragraph("议事协商" * 20, record="正文", indent=True)
    saved = open_docx(str(document.save(tmp_path / "grid.docx")))
    section = saved.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    # A line grid only: LibreOffice sets 27 characters to a line under a character grid.
    assert grid is not None and grid.get(qn("w:type")) == "lines"
    block_width = mm(section.page_width) - mm(section.left_margin) - mm(section.right_margin)
    block_height = mm(section.page_height) - mm(section.top_margin) - mm(section.bottom_margin)
    # The body's runs carry the tracking that sets 28 characters to a line (w:spacing, in
    # twentieths of a point); the title's 2号 keeps its own.
    title, body = (paragraph.runs[0]._element.rPr for paragraph in saved.paragraphs)
    assert title is not None and title.find(qn("w:spacing")) is None
    spacing = body.find(qn("w:spacing")) if body is not None else None
    assert spacing is not None
    pitch = 16 + int(str(spacing.get(qn("w:val")))) / 20  # pt, each character's pitch
    # 28 fit, and no 29th (a glyph of 15 pt at least) after them.
    assert 28 * pitch / MM <= block_width < (28 * pitch + 15) / MM
    assert 28 * pitch / MM == pytest.approx(156, abs=0.5)
    line_pitch = int(str(grid.get(qn("w:linePitch")))) / 20  # pt
    assert 22 * line_pitch / MM <= block_height
    # Rounded down to a twentieth of a point: 22 lines lose at most 1.1 pt.
    assert 22 * line_pitch / MM == pytest.approx(block_height, abs=22 / 20 / MM)
    # No paragraph snaps to the grid: LibreOffice spreads snapped 3号 text to 14 a line.
    normal = snap_value(saved.styles["Normal"].element.pPr)
    snap = [snap_value(paragraph._p.pPr) or normal for paragraph in saved.paragraphs]
    assert snap == ["0", "0"]


def test_page_number_dashes_sit_7_mm_below_the_block(tmp_path: Path) -> None:
    document = WordDocument(title="版式")
    document.paragraph("议事", record="正文")
    section = open_docx(str(document.save(tmp_path / "n.docx"))).sections[0]
    footer = section.footer.paragraphs[0].paragraph_format
    assert isinstance(footer.line_spacing, Length)
    assert footer.line_spacing.pt == 14  # exactly one 4号 line: its dash is half of it up
    dash_from_bottom = mm(section.footer_distance) + 7 / MM
    assert mm(section.bottom_margin) - dash_from_bottom == pytest.approx(7, abs=0.05)


def test_a_落款_keeps_with_the_last_paragraph(tmp_path: Path) -> None:
    document = WordDocument(title="落款")
    document.paragraph("第一段" * 30, record="正文")
    document.paragraph("末段" * 40, record="正文")
    document.sign_off("和平桥社区协商议事室", "2026年11月29日", record="落款")
    paragraphs = open_docx(str(document.save(tmp_path / "s.docx"))).paragraphs
    keeps = [p.paragraph_format.keep_with_next for p in paragraphs]
    # 第一段 may end a page; 末段, the blank line and the issuer go with the date.
    assert keeps == [None, True, True, True, None]
    assert all(p.paragraph_format.widow_control for p in paragraphs)
    assert all(p.paragraph_format.keep_together for p in paragraphs[-3:])
