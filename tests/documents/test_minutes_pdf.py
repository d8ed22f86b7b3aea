"""Printed minutes: content, embedded fonts, GB/T 9704 geometry, pagination, line breaking."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desktop.db import Database
from desktop.demo import generate
from desktop.documents.fonts import MissingGlyphError
from desktop.documents.minutes import render_minutes
from desktop.documents.paragraph import CANNOT_START
from desktop.models import Meeting
from desktop.models.enums import MeetingStatus
from desktop.queries.minutes import load_minutes
from tests.documents import pdf_probe as probe
from tests.documents.document_builders import build_meeting

FORBIDDEN_STARTS = "。，、；：？！）》”"


def test_minutes_show_every_attendee_outcome_and_consensus(
    room_db: Database, tmp_path: Path
) -> None:
    built = build_meeting(room_db, attendees=10, items=3)
    path = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.pdf")
    text = probe.full_text(path)
    assert "和平桥社区协商议事室会议记录" in text
    assert "2026年11月20日09:00—11:30" in text
    for name in built.present:
        assert name in text
    for name, reason in built.on_leave:
        assert f"{name}（{reason}）" in text
    for name, unit in built.attending:
        assert f"{name}（{unit}）" in text
    for needle in [*built.topics, *built.outcomes, *built.consensus_texts]:
        assert probe.squeeze(needle) in text
    assert "应到：10人" in text and "实到：9人" in text
    assert "同意。经充分协商" in text and "举手表决：同意11人，反对1人，弃权0人" in text
    assert "散会" in text and "主持人（签字）" in text and "记录人（签字）" in text
    assert not any(phone in text for phone in built.phones)  # names, never phone numbers


def test_jiyao_layout_labels_attendance_per_gbt_9704(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=8, items=1)
    path = render_minutes(
        db=room_db, meeting_id=built.meeting_id, path=tmp_path / "j.pdf", layout="jiyao"
    )
    text = probe.full_text(path)
    assert "和平桥社区协商议事室会议纪要（" in text
    assert "出席：" in text and "请假：" in text and "列席：" in text
    name, unit = built.attending[0]
    assert f"列席：{name}（{unit}）" in text


def test_jiyao_attendance_block_is_indented_and_aligned_after_the_colon(
    room_db: Database, tmp_path: Path
) -> None:
    built = build_meeting(room_db, attendees=30, items=1)
    path = render_minutes(
        db=room_db, meeting_id=built.meeting_id, path=tmp_path / "j.pdf", layout="jiyao"
    )
    lines = probe.lines(path)
    index = next(i for i, line in enumerate(lines) if line[2].startswith("出席："))
    runs = sorted(
        (r for r in probe.runs(path) if r.page == lines[index][0]), key=lambda r: r.baseline_mm
    )
    on_first = [r for r in runs if abs(r.baseline_mm - lines[index][1]) < 0.05]
    on_next = [r for r in runs if abs(r.baseline_mm - lines[index + 1][1]) < 0.05]
    # GB/T 9704 §10.3: "出席：" two characters in, and "请假：" under it.
    char_mm = 16 / probe.MM  # one full-width character at 3号 (16 pt)
    assert min(r.x_mm for r in on_first) == pytest.approx(28 + 2 * char_mm, abs=0.1)
    assert lines[index + 1][2].startswith("请假：")
    assert min(r.x_mm for r in on_next) == pytest.approx(28 + 2 * char_mm, abs=0.1)
    # The block comes after the body: after the closing 会议要求.
    texts = [text for _page, _y, text in lines]
    assert any("会议要求" in text for text in texts[:index])


def test_every_font_is_embedded_and_pages_are_a4(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=12, items=4)
    path = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.pdf")
    fonts = probe.fonts(path)
    assert fonts
    for name, font in fonts.items():
        assert probe.is_embedded(font), name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name  # TrueType subset
        assert name.split("+")[0].lstrip("/").isupper()  # subset tag: ABCDEF+Name
    for width, height in probe.page_sizes_mm(path):
        assert width == pytest.approx(210, abs=0.2) and height == pytest.approx(297, abs=0.2)


def test_first_line_and_column_sit_on_the_standard_margins(
    room_db: Database, tmp_path: Path
) -> None:
    built = build_meeting(room_db, attendees=6, items=1)
    path = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.pdf")
    page_one = [r for r in probe.runs(path) if r.page == 1 and "—" not in r.text]
    first = min(page_one, key=lambda r: r.baseline_mm)
    top_of_characters = first.baseline_mm - first.ascent * first.size / probe.MM
    assert top_of_characters == pytest.approx(37, abs=1)
    assert first.size == pytest.approx(22)  # 2号 title
    body = [r for r in page_one if r.size == pytest.approx(16)]
    assert min(r.x_mm for r in body) == pytest.approx(28, abs=1)
    # Nothing runs past the text block's right edge (28 + 156 mm) by more than a hung mark.
    assert all(r.x_mm >= 28 - 0.01 for r in page_one)


def test_large_meeting_paginates_cleanly_with_header_rows_repeated(
    room_db: Database, tmp_path: Path
) -> None:
    built = build_meeting(room_db, attendees=60, items=12, speech_chars=8000, outcomes_per_item=3)
    assert built.speech_chars >= 8000
    path = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "big.pdf")
    pages = probe.page_texts(path)
    assert len(pages) >= 8
    text = "".join(pages)
    for needle in [*built.present, *built.outcomes, *built.consensus_texts]:
        assert probe.squeeze(needle) in text
    # Page numbers: "— n —" on every page, odd pages right, even pages left.
    for run in probe.runs(path):
        if run.text.startswith("—"):
            number = int(run.text.strip("— "))
            assert (run.x_mm > 105) == (number % 2 == 1), run
            # The dashes, half an em box above the baseline, sit 7 mm below the text block.
            dash_mm = run.baseline_mm - 14 * (run.ascent - 0.5) / probe.MM
            assert dash_mm == pytest.approx(297 - 35 + 7, abs=0.3)
    assert {r.page for r in probe.runs(path) if r.text.startswith("—")} == set(
        range(1, len(pages) + 1)
    )
    # Every text line inside the 156 × 225 mm block (page numbers below it).
    for run in probe.runs(path):
        if run.text.startswith("—"):
            continue
        assert 37 - 0.5 <= run.baseline_mm <= 37 + 225 + 0.5, run
        assert run.x_mm >= 28 - 0.01, run
    # The outcomes table spans pages and repeats its header row on each.
    table_pages = [
        i for i, page in enumerate(pages) if "议题12成果3" in page or "议题1成果1" in page
    ]
    header_pages = [i for i, page in enumerate(pages) if "序号议题协商成果责任单位完成时限" in page]
    assert len(header_pages) >= 2
    assert set(table_pages) <= set(header_pages)
    first_table_page, last_table_page = min(table_pages), max(table_pages)
    assert set(range(first_table_page, last_table_page + 1)) == set(header_pages)


def test_no_line_starts_with_closing_punctuation(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=20, items=6, speech_chars=5000)
    for layout in ("record", "jiyao"):
        path = render_minutes(
            db=room_db,
            meeting_id=built.meeting_id,
            path=tmp_path / f"{layout}.pdf",
            layout=layout,  # type: ignore[arg-type]
        )
        starts = [text.lstrip()[:1] for _page, _y, text in probe.lines(path) if text.strip()]
        assert len(starts) > (100 if layout == "record" else 40)  # the 纪要 has no speeches
        assert not [s for s in starts if s in FORBIDDEN_STARTS]


def test_rare_character_is_reported_not_boxed(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=6, items=1, rare_name="张𠮷")
    target = tmp_path / "out" / "m.pdf"
    with pytest.raises(MissingGlyphError) as caught:
        render_minutes(db=room_db, meeting_id=built.meeting_id, path=target)
    assert ("𠮷", "参会人员“张𠮷”") in caught.value.missing
    assert "𠮷" in str(caught.value) and "张𠮷" in str(caught.value)
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_a_failed_build_leaves_neither_a_half_pdf_nor_a_temporary_file(
    room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_meeting(room_db, attendees=6, items=1)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "m.pdf"
    target.write_bytes(b"the previous good copy")

    def broken_build(self: object, path: Path) -> None:
        path.write_bytes(b"%PDF-1.4 half")
        raise OSError("disk full")

    monkeypatch.setattr("desktop.documents.layout.Document._build", broken_build)
    with pytest.raises(OSError):
        render_minutes(db=room_db, meeting_id=built.meeting_id, path=target)
    assert target.read_bytes() == b"the previous good copy"
    assert [p.name for p in target.parent.iterdir()] == ["m.pdf"]


def test_demo_meetings_print_with_amendments(room_db: Database, tmp_path: Path) -> None:
    generate(room_db, seed=3, rooms=1, years=1)
    with room_db.session() as s:
        meeting_ids = s.scalars(
            select(Meeting.id).where(Meeting.status == MeetingStatus.MINUTES_FINAL).limit(3)
        ).all()
    assert meeting_ids
    for meeting_id in meeting_ids:
        path = render_minutes(db=room_db, meeting_id=meeting_id, path=tmp_path / "d.pdf")
        with room_db.session() as s:
            data = load_minutes(s, meeting_id)
        text = probe.full_text(path)
        for person in data.present + data.attending:
            assert person.name in text
        for item in data.items:
            assert probe.squeeze(item.consensus_text) in text
        for outcome in data.outcomes:
            assert probe.squeeze(outcome.content) in text
        for amendment in data.amendments:
            assert probe.squeeze(amendment.reason) in text


def test_forbidden_starts_are_all_guarded() -> None:
    assert set(FORBIDDEN_STARTS) <= CANNOT_START


def test_names_are_never_split_across_lines(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=60, items=1)
    for layout in ("record", "jiyao"):
        path = render_minutes(
            db=room_db,
            meeting_id=built.meeting_id,
            path=tmp_path / f"{layout}.pdf",
            layout=layout,  # type: ignore[arg-type]
        )
        lines = [probe.squeeze(text) for _page, _y, text in probe.lines(path)]
        # The 纪要 names the members and counts the residents (群众代表N人).
        with room_db.session() as s:
            members = [p.name for p in load_minutes(s, built.meeting_id).present if p.is_member]
        assert members
        for name in built.present if layout == "record" else members:
            assert any(name in line for line in lines), (layout, name)


WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.mark.skipif(not WQY.is_file(), reason="needs fonts-wqy-microhei as a stand-in 黑体")
def test_jiyao_labels_in_heading_font_names_in_body_font(
    room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    (windows / "simhei.ttf").symlink_to(WQY)  # 黑体 differs from the shipped Song face
    monkeypatch.setattr("desktop.documents.fonts.WINDOWS_FONTS_DIR", windows)
    built = build_meeting(room_db, attendees=8, items=1)
    path = render_minutes(
        db=room_db, meeting_id=built.meeting_id, path=tmp_path / "j.pdf", layout="jiyao"
    )
    reader = PdfReader(path)
    used: dict[str, str] = {}

    def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
        if isinstance(font, dict) and text.strip():
            used.setdefault(text.strip(), str(font["/BaseFont"]))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    label_font = next(font for text, font in used.items() if text.startswith("出席"))
    name_font = next(font for text, font in used.items() if built.present[0] in text)
    assert "WenQuanYi" in label_font or "wqy" in label_font.lower()
    assert "UMing" in name_font
    assert all(probe.is_embedded(font) for font in probe.fonts(path).values())
