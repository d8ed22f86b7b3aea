"""`make_document`, the one call behind `yishi doc`: kinds, `latest`, suffixes, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.db import Database
from desktop.demo import generate
from desktop.documents.commands import KINDS, make_document, resolve_target
from desktop.errors import UserError
from desktop.models import Meeting
from desktop.models.enums import MeetingStatus
from tests.documents import pdf_probe as probe

TODAY = date(2026, 11, 29)


@pytest.fixture
def demo_db(room_db: Database) -> Database:
    generate(room_db, seed=4, rooms=1, years=1, today=TODAY)
    return room_db


def test_every_kind_prints_its_latest(demo_db: Database, tmp_path: Path) -> None:
    # The 督办单 is named by its unit, not `latest` (tests/documents/test_supervision_sheet.py);
    # the 履职档案 by its member, and only a district prints it (tests/queries/test_duty.py).
    for kind in (k for k in KINDS if k not in ("supervision", "duty")):
        path = make_document(demo_db, kind=kind, path=tmp_path / f"{kind}.pdf", today=TODAY)
        assert probe.page_texts(path), kind
        for font in probe.fonts(path).values():
            assert probe.is_embedded(font), kind
    assert "议事室会议记录" in probe.full_text(tmp_path / "minutes.pdf")
    assert "2026年度协商议事台账" in probe.full_text(tmp_path / "ledger.pdf")


def test_latest_means_the_last_held_meeting_or_the_next_planned_one(demo_db: Database) -> None:
    with demo_db.session() as s:
        minutes_id = resolve_target(demo_db, kind="minutes", target="latest", today=TODAY)
        meeting = s.get_one(Meeting, minutes_id)
        assert meeting.held_on <= TODAY and meeting.status is not MeetingStatus.PLANNED
        signin_id = resolve_target(demo_db, kind="signin", target="latest", today=TODAY)
        planned = s.get_one(Meeting, signin_id)
        assert planned.status is MeetingStatus.PLANNED and planned.held_on >= TODAY


def test_word_only_for_minutes_and_signin(demo_db: Database, tmp_path: Path) -> None:
    path = make_document(
        demo_db, kind="minutes", path=tmp_path / "m.docx", layout="jiyao", today=TODAY
    )
    assert path.stat().st_size > 0
    with pytest.raises(UserError, match=r"\.pdf"):
        make_document(demo_db, kind="notice", path=tmp_path / "n.docx", today=TODAY)


def test_refusals_are_chinese_messages(room_db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="还没有议事活动"):
        make_document(room_db, kind="minutes", path=tmp_path / "m.pdf", today=TODAY)
    with pytest.raises(UserError, match="未知的文书类型"):
        make_document(room_db, kind="agenda", path=tmp_path / "m.pdf", today=TODAY)
    with pytest.raises(UserError, match="找不到该议事活动"):
        make_document(room_db, kind="minutes", target="nope", path=tmp_path / "m.pdf")
    with pytest.raises(UserError, match="--year"):
        make_document(room_db, kind="ledger", target="x", path=tmp_path / "l.pdf")
    assert not list((tmp_path).glob("*.pdf"))
