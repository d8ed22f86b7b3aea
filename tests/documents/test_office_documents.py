"""The district's and a township's own meetings print under the office's name (崇川区政协,
和平桥街道政协工委), never as a 协商议事室; a room's documents are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.documents.feedback import render_feedback
from desktop.documents.ledger import render_ledger
from desktop.documents.minutes import render_minutes
from desktop.documents.notice import render_notice
from desktop.documents.signin import render_signin
from desktop.models import AgendaItem, Outcome, Topic, Township
from desktop.models.enums import MeetingStatus, RoomKind
from desktop.rules.rooms import host_name
from desktop.workflow.agenda import put_immediate_on_agenda, set_meeting_status
from desktop.workflow.district_work import plan_office_meeting
from tests.documents import pdf_probe as probe


def _township(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    with db.session() as session:
        township = Township(district_id=installation.district_id, name="和平桥街道")
        session.add(township)
        session.flush()
        return township.id


def _office_meeting(db: Database, township_id: str | None) -> tuple[str, str]:
    """A held meeting of the office with an immediate topic and one outcome: (meeting, topic)."""
    meeting_id = plan_office_meeting(db, township_id=township_id, held_on=clock.today())
    put_immediate_on_agenda(db, meeting_id, title="老旧小区加装电梯")
    set_meeting_status(db, meeting_id, target=MeetingStatus.HELD)
    with db.session() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).one()
        session.add(
            Outcome(
                room_id=session.get_one(Topic, item.topic_id).room_id,
                agenda_item_id=item.id,
                content="由住建局牵头制定加装电梯补贴办法",
                responsible_unit="区住建局",
            )
        )
        return meeting_id, item.topic_id


@pytest.mark.parametrize(
    ("in_township", "office"), [(False, "崇川区政协"), (True, "和平桥街道政协工委")]
)
def test_an_office_meeting_prints_under_the_office_name(
    district_db: Database, tmp_path: Path, in_township: bool, office: str
) -> None:
    township_id = _township(district_db) if in_township else None
    meeting_id, topic_id = _office_meeting(district_db, township_id)
    printed = {
        "minutes": render_minutes(db=district_db, meeting_id=meeting_id, path=tmp_path / "m.pdf"),
        "jiyao": render_minutes(
            db=district_db, meeting_id=meeting_id, path=tmp_path / "j.pdf", layout="jiyao"
        ),
        "signin": render_signin(db=district_db, meeting_id=meeting_id, path=tmp_path / "s.pdf"),
        "notice": render_notice(db=district_db, topic_id=topic_id, path=tmp_path / "n.pdf"),
        "feedback": render_feedback(db=district_db, meeting_id=meeting_id, path=tmp_path / "f.pdf"),
        "ledger": render_ledger(db=district_db, year=clock.today().year, path=tmp_path / "l.pdf"),
    }
    texts = {name: probe.full_text(path) for name, path in printed.items()}
    assert f"{office}协商会议记录" in texts["minutes"]
    assert f"{office}协商会议纪要" in texts["jiyao"]
    assert f"{office}协商会议签到表" in texts["signin"]
    assert f"{office}议题公告" in texts["notice"]
    assert f"{office}协商成果反馈公示" in texts["feedback"]
    assert f"{office}开展" in texts["feedback"] and f"请向{office}" in texts["feedback"]
    assert f"（一）{office}" in texts["ledger"]
    for name, text in texts.items():
        if name != "ledger":  # the ledger's own headings speak of the year's 议事活动
            assert "议事室" not in text, name
        assert office in text, name


def test_host_names() -> None:
    assert host_name(RoomKind.DISTRICT_OFFICE, "崇川区政协") == "崇川区政协"
    assert host_name(RoomKind.DISTRICT_OFFICE, "崇川区") == "崇川区政协"
    assert host_name(RoomKind.TOWNSHIP_OFFICE, "兴仁镇") == "兴仁镇政协工委"
    assert host_name(RoomKind.TOWNSHIP_OFFICE, "兴仁镇政协工委") == "兴仁镇政协工委"
    assert host_name(RoomKind.COMMUNITY, "和平桥社区协商议事室") == "和平桥社区协商议事室"
    assert host_name(RoomKind.VILLAGE, "徐庄村协商议事室") == "徐庄村协商议事室"
