"""Minutes and sign-in sheets as .docx: same content, GB/T 9704 page, header rows repeat."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from desktop.db import Database
from desktop.documents.minutes import render_minutes
from desktop.documents.signin import render_signin
from desktop.errors import UserError
from tests.documents.document_builders import build_meeting


def _text(path: Path) -> str:
    document = open_docx(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "".join("".join(parts).split())


def test_minutes_docx_has_the_pdf_content(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=10, items=3)
    for layout in ("record", "jiyao"):
        path = render_minutes(
            db=room_db,
            meeting_id=built.meeting_id,
            path=tmp_path / f"{layout}.docx",
            layout=layout,  # type: ignore[arg-type]
        )
        text = _text(path)
        title = "会议纪要" if layout == "jiyao" else "会议记录"
        assert f"和平桥社区协商议事室{title}" in text
        # The 纪要 names the members (built first) and counts the residents.
        for name in built.present if layout == "record" else built.present[:1]:
            assert name in text
        for needle in [*built.outcomes, *built.consensus_texts]:
            assert "".join(needle.split()) in text
        if layout == "record":
            assert "散会" in text and "主持人（签字）" in text
        else:
            assert "会议认为" in text and "会议议定" in text and "散会" not in text
        assert not any(phone in text for phone in built.phones)
    assert "出席：" in _text(tmp_path / "jiyao.docx")


def test_docx_page_geometry_fonts_and_page_numbers(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=6, items=1)
    path = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.docx")
    document = open_docx(str(path))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert section.top_margin is not None and section.left_margin is not None
    assert section.top_margin.mm == pytest.approx(37, abs=0.1)
    assert section.left_margin.mm == pytest.approx(28, abs=0.1)
    assert section.right_margin is not None and section.right_margin.mm == pytest.approx(
        26, abs=0.1
    )
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # right, left
    assert "PAGE" in odd._p.xml and "PAGE" in even._p.xml
    east_asian = {
        run._element.rPr.rFonts.get(qn("w:eastAsia"))
        for paragraph in document.paragraphs
        for run in paragraph.runs
    }
    assert {"仿宋", "黑体", "方正小标宋简体"} <= east_asian


def test_long_tables_repeat_their_header_row_in_word(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=60, items=1)
    path = render_signin(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "s.docx")
    table = open_docx(str(path)).tables[0]
    assert "tblHeader" in table.rows[0]._tr.xml
    assert len(table.rows) == 1 + 60 + 6
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "姓名",
        "单位/职务",
        "签到时间",
        "签名",
        "备注",
    ]


def test_unknown_suffix_is_refused_before_anything_is_written(
    room_db: Database, tmp_path: Path
) -> None:
    built = build_meeting(room_db, attendees=4, items=1)
    with pytest.raises(UserError, match=r"\.pdf 或 \.docx"):
        render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.odt")
    assert not (tmp_path / "m.odt").exists()
