"""The sign-in sheet: expected people, blank rows for walk-ins, header repeated on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.db import Database
from desktop.documents.signin import MIN_ROWS, WALK_IN_ROWS, render_signin
from tests.documents import pdf_probe as probe
from tests.documents.document_builders import build_meeting

HEADER = "序号姓名单位/职务签到时间签名备注"


def test_signin_lists_expected_people_and_blank_rows(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=8, items=1)
    path = render_signin(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "s.pdf")
    text = probe.full_text(path)
    assert "和平桥社区协商议事室议事活动签到表" in text
    assert "会议：和平桥社区2026年第九次协商议事活动" in text
    assert "时间：2026年11月20日09:00—11:30" in text and "地点：和平桥社区协商议事室" in text
    assert "应到：8人" in text and "实到：______人" in text
    assert HEADER in text
    for name in [*built.present, *(n for n, _ in built.on_leave), *(n for n, _ in built.attending)]:
        assert name in text
    assert "崇川区城市管理局" in text
    assert not any(phone in text for phone in built.phones)
    # Row numbers run on through the blank rows left for walk-ins.
    first_column = sorted(
        (r for r in probe.runs(path) if r.x_mm < 28 + 10 and r.text.strip().isdigit()),
        key=lambda r: (r.page, r.baseline_mm),
    )
    numbers = [int(r.text) for r in first_column]
    assert numbers == list(range(1, 8 + WALK_IN_ROWS + 1))


def test_walk_ins_are_not_expected(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=5, items=1, expected=False)
    path = render_signin(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "s.pdf")
    text = probe.full_text(path)
    assert "应到：0人" in text
    assert built.present[0] not in text
    assert f"{MIN_ROWS}" in text and f"{MIN_ROWS + 1}" not in text  # a page of blank lines


def test_long_sheet_repeats_its_header_row_on_every_page(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=60, items=1)
    path = render_signin(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "s.pdf")
    pages = probe.page_texts(path)
    assert len(pages) >= 3
    assert all(HEADER in page for page in pages)
    for width, height in probe.page_sizes_mm(path):
        assert (width, height) == (pytest.approx(210, abs=0.2), pytest.approx(297, abs=0.2))
    for font in probe.fonts(path).values():
        assert probe.is_embedded(font)


def test_planned_meeting_with_nobody_listed_prints_whom_the_prefill_suggests(
    room_db: Database, tmp_path: Path
) -> None:
    from datetime import date

    from sqlalchemy import func, select

    from desktop.models import Assignment, Attendance, Meeting, Member
    from desktop.models.enums import Gender, MeetingForm, MemberLevel
    from desktop.models.stamping import StampContext

    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    district = StampContext(node_id="district-node", user="区政协", importing=True)
    with room_db.session_as(district) as session:
        for name in ("周建华", "陈丽萍"):
            member = Member(
                name=name,
                gender=Gender.FEMALE,
                sector="民盟",
                level=MemberLevel.DISTRICT,
                workplace="南通市中医院",
                owner_node="district-node",
            )
            session.add(member)
            session.flush()
            session.add(
                Assignment(
                    member_id=member.id,
                    room_id=installation.room_id,
                    start_date=date(2026, 1, 1),
                    owner_node="district-node",
                )
            )
    with room_db.session() as session:
        meeting = Meeting(
            room_id=installation.room_id, held_on=date(2026, 12, 22), form=MeetingForm.ONSITE
        )
        session.add(meeting)
    path = render_signin(db=room_db, meeting_id=meeting.id, path=tmp_path / "s.pdf")
    text = probe.full_text(path)
    assert "应到：2人" in text and "周建华" in text and "陈丽萍" in text
    assert "南通市中医院" in text
    with room_db.session() as session:  # printing wrote nothing
        assert session.scalar(select(func.count()).select_from(Attendance)) == 0
