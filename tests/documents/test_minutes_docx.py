"""Minutes as .docx: the PDF's content, GB/T 9704 page geometry, fonts Word and WPS map."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from desktop.db import Database
from desktop.documents.minutes import render_minutes
from desktop.errors import UserError
from tests.documents.document_builders import build_meeting


def _all_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_docx_minutes_show_every_attendee_consensus_and_outcome(
    room_db: Database, tmp_path: Path
) -> None:
    built = build_meeting(room_db, attendees=10, items=3)
    path = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.docx")
    assert path == tmp_path / "m.docx"
    text = _all_text(path)
    assert "和平桥社区协商议事室会议记录" in text
    assert "2026年11月20日 09:00—11:30" in text
    for name in built.present:
        assert name in text
    for name, reason in built.on_leave:
        assert f"{name}（{reason}）" in text
    for name, unit in built.attending:
        assert f"{name}（{unit}）" in text
    for needle in [*built.topics, *built.outcomes, *built.consensus_texts]:
        assert needle in text
    assert "举手表决：同意11人，反对1人，弃权0人" in text
    assert "散会" in text and "主持人（签字）" in text and "记录人（签字）" in text
    assert not any(phone in text for phone in built.phones)


def test_docx_jiyao_layout_and_page_geometry(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=8, items=1)
    path = render_minutes(
        db=room_db, meeting_id=built.meeting_id, path=tmp_path / "j.docx", layout="jiyao"
    )
    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    name, unit = built.attending[0]
    assert any(t.startswith("列席：") and f"{name}（{unit}）" in t for t in texts)
    assert any(t.startswith("出席：") for t in texts) and any(t.startswith("请假：") for t in texts)

    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert section.top_margin is not None and abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert section.left_margin is not None and abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert section.right_margin is not None
    assert abs(Mm(210) - section.left_margin - section.right_margin - Mm(156)) < Mm(0.1)

    # Labels in 黑体, names in 仿宋, the title in 宋体, named for East Asian text too.
    attendance = next(p for p in document.paragraphs if p.text.startswith("出席："))
    label, names = attendance.runs[0], attendance.runs[1]
    assert label.font.name == "黑体" and names.font.name == "仿宋"
    east_asian = names._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asian == "仿宋"
    title = document.paragraphs[0]
    # 小标宋 where installed (government PCs), else Word's and WPS's substitute Song face.
    assert title.text.endswith("协商议事室会议纪要")
    assert title.runs[0].font.name in {"宋体", "方正小标宋简体"}
    # The 纪要 states the outcomes as 会议议定 paragraphs; the record's table repeats its header.
    assert not document.tables
    record = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "r.docx")
    assert "tblHeader" in docx.Document(str(record)).tables[-1].rows[0]._tr.xml


def test_docx_is_written_atomically_and_unknown_meeting_refused(
    room_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "m.docx"
    target.parent.mkdir()
    with pytest.raises(UserError):
        render_minutes(db=room_db, meeting_id="nope", path=target)
    assert list(target.parent.iterdir()) == []
    built = build_meeting(room_db, attendees=4, items=1)
    target.write_bytes(b"old")
    render_minutes(db=room_db, meeting_id=built.meeting_id, path=target)
    assert [p.name for p in target.parent.iterdir()] == ["m.docx"]
    assert target.read_bytes()[:2] == b"PK"
