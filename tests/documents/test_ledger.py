"""年度台账: landscape pages, a meeting cut by a page break names itself again under the header."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from desktop.db import Database
from desktop.demo import generate
from desktop.documents.commands import make_document
from desktop.documents.fonts import load_fonts
from desktop.documents.landscape import LandscapeDocument
from desktop.documents.ledger import build_ledger, render_ledger
from desktop.documents.records import LedgerMeeting, LedgerOutcome, LedgerTopic
from desktop.documents.word_landscape import LandscapeWordDocument
from desktop.models.enums import MeetingForm, OutcomeStatus
from tests.documents import pdf_probe as probe

HEADER = "序号日期/形式议事活动及地点议题协商成果（责任单位）【办理情况】"
STATS: dict[str, object] = {
    key: 0
    for key in (
        "meetings",
        "member_attendances",
        "participant_attendances",
        "topics",
        "outcomes",
        "outcomes_implemented",
        "problems_solved",
    )
}


def _meetings(count: int, topics: int) -> list[LedgerMeeting]:
    return [
        LedgerMeeting(
            room_name="和平桥社区协商议事室",
            held_on=date(2026, 3, number),
            title=f"第{number}次协商议事活动",
            form=MeetingForm.ONSITE,
            place="社区议事厅",
            topics=[
                LedgerTopic(
                    f"会{number}题{topic}：老旧小区路灯与排水整治",
                    [
                        LedgerOutcome(
                            f"会{number}题{topic}成果{n}：更换路灯并疏通排水沟，汛前完成",
                            "崇川区城市管理局",
                            OutcomeStatus.IN_PROGRESS,
                            None,
                        )
                        for n in range(1, 4)
                    ],
                )
                for topic in range(1, topics + 1)
            ],
        )
        for number in range(1, count + 1)
    ]


def test_a_meeting_cut_by_a_page_break_repeats_header_and_meeting_cell(
    room_db: Database, tmp_path: Path
) -> None:
    with room_db.session() as session:
        fonts = load_fonts(session)
    document = LandscapeDocument(fonts, title="台账")
    meetings = _meetings(3, topics=5)
    build_ledger(
        document,
        name="和平桥社区协商议事室",
        year=2026,
        meetings=meetings,
        stats=STATS,
        district=False,
    )
    path = document.save(tmp_path / "l.pdf")
    for width, height in probe.page_sizes_mm(path):
        assert abs(width - 297) < 0.5 and abs(height - 210) < 0.5
    # Without the page numbers (drawn first on even pages, last on odd ones).
    pages = [re.sub(r"^—\d+—|—\d+—$", "", page) for page in probe.page_texts(path)]
    assert len(pages) >= 3
    # Every page of the table starts with its header; a page that begins inside a meeting
    # names that meeting (date, title, 续) before its next topic.
    cut = 0
    for number, page in enumerate(pages[1:], 2):
        assert page.startswith(HEADER), number
        body = page[len(HEADER) :]
        first_topic = next(
            ((m, t) for m in meetings for t in m.topics if probe.squeeze(t.title) in body[:200]),
            None,
        )
        assert first_topic is not None, number
        meeting, topic = first_topic
        if topic is not meeting.topics[0]:
            cut += 1
            day = f"2026年3月{meeting.held_on.day}日"
            assert body.index(day) < body.index(probe.squeeze(topic.title)), number
            assert f"{meeting.title}地点：{meeting.place}（续）" in body, number
    assert cut >= 1  # the layout did cut a meeting, or this test proves nothing
    # The cut meeting's cell is printed once per page it is on, not on every row.
    everything = "".join(pages)
    for meeting in meetings:
        assert everything.count(meeting.title) <= len(pages)


def test_demo_ledger_prints_landscape_in_pdf_and_word(room_db: Database, tmp_path: Path) -> None:
    generate(room_db, seed=2, rooms=1, years=1, today=date(2026, 11, 29))
    pdf = render_ledger(db=room_db, year=2026, path=tmp_path / "l.pdf")
    assert all(width > height for width, height in probe.page_sizes_mm(pdf))
    assert HEADER in probe.full_text(pdf)
    word = render_ledger(db=room_db, year=2026, path=tmp_path / "l.docx")
    document = docx.Document(str(word))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None and abs(section.page_width - Mm(297)) < Mm(0.1)
    table = document.tables[-1]
    assert "tblHeader" in table.rows[0]._tr.xml
    assert all("cantSplit" in row._tr.xml for row in table.rows)
    text = "".join(cell.text for row in table.rows for cell in row.cells)
    assert "协商成果（责任单位）" in text and "【" in text
    # `yishi doc ledger -o 台账.docx` is accepted too.
    made = make_document(room_db, kind="ledger", path=tmp_path / "c.docx", year=2026)
    assert made.read_bytes()[:2] == b"PK"


def test_word_keeps_a_meetings_rows_together() -> None:
    document = LandscapeWordDocument(title="台账")
    build_ledger(
        document,
        name="和平桥社区协商议事室",
        year=2026,
        meetings=_meetings(2, topics=3),
        stats=STATS,
        district=False,
    )
    table = document.docx.tables[-1]
    rows = table.rows[1:]
    keeps = [
        all(p.paragraph_format.keep_with_next for c in row.cells[3:] for p in c.paragraphs)
        for row in rows
    ]
    # Within a meeting every row keeps with the next; a meeting's last row does not.
    assert keeps == [True, True, False, True, True, False]
    # The meeting's cells are merged down its rows, with no blank line left inside.
    assert rows[0].cells[2]._tc is rows[2].cells[2]._tc
    assert rows[0].cells[2].text == "第1次协商议事活动\n地点：社区议事厅"
