"""Public notices (topic notice, outcome feedback) mask personal data; the ledger adds up."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.demo import generate
from desktop.documents.feedback import render_feedback
from desktop.documents.ledger import render_ledger
from desktop.documents.notice import render_notice
from desktop.documents.records import latest_topic_id
from desktop.errors import UserError
from desktop.models import AgendaItem, Meeting, Member, OpinionSlip, Outcome
from desktop.models.enums import (
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    OutcomeStatus,
    ResultClass,
    TopicSource,
)
from desktop.stats import year_stats
from desktop.workflow import topics as topic_rules
from tests.documents import pdf_probe as probe
from tests.documents.document_builders import build_meeting

TODAY = date(2026, 11, 29)


def _announced_topic(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    with db.session() as s:
        topic = topic_rules.create_topic(
            s,
            room_id=room_id,
            title="背街小巷路灯维修",
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 11, 1),
            description="居民王秀英（电话13812345678）反映，南门小巷路灯长期不亮。",
        )
        s.flush()
        s.add(
            OpinionSlip(
                room_id=room_id,
                collected_on=date(2026, 11, 1),
                reporter_name="王秀英",
                content="路灯不亮",
                topic_id=topic.id,
            )
        )
        s.add(
            OpinionSlip(
                room_id=room_id,
                collected_on=date(2026, 11, 2),
                anonymous=True,
                content="路灯不亮，晚上害怕",
                topic_id=topic.id,
            )
        )
        topic_rules.shortlist(topic)
        topic_rules.announce(topic, on=date(2026, 11, 10), claim_by=date(2026, 11, 25))
        member = Member(
            name="陈建国", gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT
        )
        s.add(member)
        s.flush()
        topic_rules.claim(s, topic, member=member, on=date(2026, 11, 12))
        meeting = Meeting(
            room_id=room_id,
            title="路灯专题协商",
            held_on=date(2026, 12, 5),
            start_time=time(19, 30),
            place="南门小区活动室",
            form=MeetingForm.BENCH,
            status=MeetingStatus.PLANNED,
        )
        s.add(meeting)
        s.flush()
        s.add(AgendaItem(meeting_id=meeting.id, topic_id=topic.id, position=1))
        return topic.id


def test_topic_notice_masks_names_and_phones(room_db: Database, tmp_path: Path) -> None:
    topic_id = _announced_topic(room_db)
    with room_db.session() as s:
        assert latest_topic_id(s) == topic_id
    path = render_notice(db=room_db, topic_id=topic_id, path=tmp_path / "n.pdf", today=TODAY)
    text = probe.full_text(path)
    assert "和平桥社区协商议事室议题公告" in text
    assert "议题：背街小巷路灯维修" in text
    assert "王某" in text and "王秀英" not in text
    assert "138****5678" in text and "13812345678" not in text
    assert "认领委员：陈某" in text and "陈建国" not in text
    assert "协商时间：2026年12月5日19:30" in text and "协商地点：南门小区活动室" in text
    assert "请于2026年11月25日前" in text  # the claim deadline
    assert "反映人：王某" in text
    assert text.endswith("和平桥社区协商议事室2026年11月10日")  # issued when announced
    sizes = {round(r.size) for r in probe.runs(path)}
    assert 20 in sizes  # large type for the notice board
    for font in probe.fonts(path).values():
        assert probe.is_embedded(font)


def test_topic_notice_unmasked_on_request(room_db: Database, tmp_path: Path) -> None:
    topic_id = _announced_topic(room_db)
    path = render_notice(
        db=room_db, topic_id=topic_id, path=tmp_path / "n.pdf", mask=False, today=TODAY
    )
    text = probe.full_text(path)
    assert "王秀英" in text and "13812345678" in text and "陈建国" in text


def test_collected_topics_cannot_be_announced(room_db: Database, tmp_path: Path) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    with room_db.session() as s:
        topic = topic_rules.create_topic(
            s,
            room_id=installation.room_id,
            title="刚收集的议题",
            source=TopicSource.GRID,
            raised_on=TODAY,
        )
        s.flush()
        topic_id = topic.id
    with pytest.raises(UserError, match="尚未初选"):
        render_notice(db=room_db, topic_id=topic_id, path=tmp_path / "n.pdf")


def test_feedback_notice_shows_results_and_masks_phones(room_db: Database, tmp_path: Path) -> None:
    built = build_meeting(room_db, attendees=6, items=2)
    with room_db.session() as s:
        outcomes = s.scalars(select(Outcome).order_by(Outcome.content)).all()
        first = outcomes[0]
        first.status = OutcomeStatus.COMPLETED
        first.completed_on = date(2026, 11, 25)
        first.result_class = ResultClass.A
        first.feedback = "路灯已全部更换，联系人赵师傅13900001111。"
        first.fed_back_on = date(2026, 11, 26)
    path = render_feedback(
        db=room_db, meeting_id=built.meeting_id, path=tmp_path / "f.pdf", today=TODAY
    )
    text = probe.full_text(path)
    assert "和平桥社区协商议事室协商成果反馈公示" in text
    assert "形成协商成果2项" in text
    for outcome in built.outcomes:
        assert probe.squeeze(outcome) in text
    assert "A已解决/基本解决" in text and "待办" in text
    assert "139****1111" in text and "13900001111" not in text
    assert "赵德明" not in text  # the responsible person stays off the notice board
    assert "公示期自即日起至2026年12月6日" in text


def test_ledger_lists_every_meeting_of_the_year_and_its_figures(
    room_db: Database, tmp_path: Path
) -> None:
    generate(room_db, seed=2, rooms=1, years=1, today=TODAY)
    stats = year_stats(room_db, year=2026)
    path = render_ledger(db=room_db, year=2026, path=tmp_path / "l.pdf")
    text = probe.full_text(path)
    assert "和平桥社区协商议事室2026年度协商议事台账" in text
    assert f"开展协商议事活动{stats['meetings']}场" in text
    assert f"形成协商成果{stats['outcomes']}项" in text
    with room_db.session() as s:
        held = s.scalars(
            select(Meeting).where(
                Meeting.held_on.between(date(2026, 1, 1), date(2026, 12, 31)),
                Meeting.status.in_(
                    [MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_FINAL]
                ),
                Meeting.deleted.is_(False),
            )
        ).all()
        assert len(held) == stats["meetings"] > 0
        for meeting in held:
            assert probe.squeeze(meeting.title) in text
        planned = s.scalars(select(Meeting).where(Meeting.status == MeetingStatus.PLANNED)).all()
    for meeting in planned:
        if meeting.title:
            assert probe.squeeze(meeting.title) not in text
    assert "序号日期/形式议事活动及地点议题" in text
