"""会议纪要 over demo meetings: decisions with units and deadlines, never the speeches."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import docx
from sqlalchemy import select

from desktop.db import Database
from desktop.demo import generate
from desktop.documents.jiyao import decision, when
from desktop.documents.minutes import render_minutes
from desktop.formatting import format_date
from desktop.models import Meeting
from desktop.models.enums import MeetingForm, MeetingStatus
from desktop.queries.minutes import MinutesData, OutcomeLine, load_minutes
from tests.documents import pdf_probe as probe


def _demo(db: Database) -> list[str]:
    generate(db, seed=3, rooms=1, years=1, today=date(2026, 11, 29))
    with db.session() as s:
        return list(
            s.scalars(
                select(Meeting.id)
                .where(Meeting.status == MeetingStatus.MINUTES_FINAL)
                .order_by(Meeting.held_on)
                .limit(4)
            )
        )


def _clause(text: str) -> str:
    return probe.squeeze(text).rstrip("。；，")


def test_demo_jiyao_states_decisions_and_leaves_the_speeches_to_the_record(
    room_db: Database, tmp_path: Path
) -> None:
    meeting_ids = _demo(room_db)
    assert meeting_ids
    checked_outcomes = 0
    for meeting_id in meeting_ids:
        with room_db.session() as s:
            data = load_minutes(s, meeting_id)
        jiyao = probe.full_text(
            render_minutes(
                db=room_db, meeting_id=meeting_id, path=tmp_path / "j.pdf", layout="jiyao"
            )
        )
        record = probe.full_text(
            render_minutes(db=room_db, meeting_id=meeting_id, path=tmp_path / "r.pdf")
        )
        assert jiyao.count("会议认为") == len(data.items)
        assert "会议要求" in jiyao and f"会议由{data.host_name}主持" in jiyao
        assert format_date(data.held_on) in jiyao
        speeches = [speech.summary for item in data.items for speech in item.speeches]
        assert speeches
        for summary in speeches:
            assert probe.squeeze(summary) not in jiyao
            assert probe.squeeze(summary) in record
        for item in data.items:
            assert probe.squeeze(item.consensus_text) in jiyao
        if data.outcomes:
            assert "会议议定" in jiyao
        for outcome in data.outcomes:
            line = probe.squeeze(decision(outcome)).replace("\u2060", "")
            assert line in jiyao
            assert _clause(outcome.content) in line and outcome.responsible_unit in line
            if outcome.deadline is not None:
                assert f"于{format_date(outcome.deadline)}前完成" in line
            checked_outcomes += 1
        # Members by name, the other people present counted by kind.
        for person in data.present:
            if person.is_member:
                assert person.name in jiyao
        assert re.search(r"群众代表\d+人", jiyao) or not any(
            p.role.label == "群众代表" for p in data.present
        )
        # No word said twice in a row, no blank for a known name.
        assert not re.search(r"(原则同意|同意|暂缓)。\1", jiyao)
        assert "—" not in re.sub(r"—\d+—", "", jiyao)
    assert checked_outcomes


def test_demo_jiyao_as_word_has_the_same_body(room_db: Database, tmp_path: Path) -> None:
    meeting_id = _demo(room_db)[0]
    with room_db.session() as s:
        data = load_minutes(s, meeting_id)
    path = render_minutes(
        db=room_db, meeting_id=meeting_id, path=tmp_path / "j.docx", layout="jiyao"
    )
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    body = "".join(texts)
    assert any(t.startswith("会议认为，") for t in texts)
    assert any(t.startswith("会议要求，") for t in texts)
    assert any(t.startswith("出席：") for t in texts)
    for outcome in data.outcomes:
        assert decision(outcome).replace("\u2060", "") in body
    for item in data.items:
        for speech in item.speeches:
            assert speech.summary not in body


def test_when_and_decision_read_as_sentences() -> None:
    day = date(2026, 11, 20)
    base = MinutesData(
        meeting_id="m",
        room_name="和平桥社区协商议事室",
        title="",
        held_on=day,
        start_time=time(14, 30),
        end_time=None,
        place="",
        form=MeetingForm.ONSITE,
        host_name="",
        recorder_name="",
        people=[],
        items=[],
        amendments=[],
    )
    assert when(base) == "2026年11月20日下午2时30分"
    outcome = OutcomeLine("更换路灯。", "崇川区城市管理局", "", day, "路灯")
    assert decision(outcome) == "更换路灯，由崇川区城市管理局负责落实，于2026年11月20日前完成。"
    bare = OutcomeLine("更换路灯", "", "", None, "路灯")
    assert decision(bare) == "更换路灯。"
