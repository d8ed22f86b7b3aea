"""Meeting status, the lock on final minutes, and outcome follow-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import product

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import AgendaItem, Amendment, Meeting, Outcome, ProgressNote, Speech, Topic
from desktop.models.enums import (
    Consensus,
    EscalationKind,
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ResultClass,
    Satisfaction,
    TopicSource,
)
from desktop.rules.meetings import TAKE_BACKS
from desktop.workflow import RuleError
from desktop.workflow import meetings as meeting_rules
from desktop.workflow import outcomes as outcome_rules
from desktop.workflow.meetings import Amending

M, OS = MeetingStatus, OutcomeStatus
MEETING_MOVES = {
    ("planned", "held"),
    ("planned", "cancelled"),
    ("held", "minutes_drafted"),
    ("held", "minutes_final"),
    ("minutes_drafted", "minutes_final"),
}
OUTCOME_MOVES = {
    ("pending", "in_progress"),
    ("pending", "completed"),
    ("pending", "not_possible"),
    ("in_progress", "completed"),
    ("in_progress", "not_possible"),
    ("not_possible", "in_progress"),
}


@pytest.mark.parametrize(("source", "target"), list(product(M, M)))
def test_meeting_transitions(source: M, target: M) -> None:
    meeting = Meeting(status=source, held_on=date(2026, 1, 5))
    if (source.value, target.value) in MEETING_MOVES:
        meeting_rules.transition(meeting, target, today=date(2026, 2, 1))
        assert meeting.status is target
    else:
        # Back to 计划 is a take-back with a reason (desktop.workflow.meetings.take_back).
        taken_back = TAKE_BACKS.get(source) is target
        with pytest.raises(RuleError, match="须填写理由" if taken_back else "允许的转换"):
            meeting_rules.transition(meeting, target, today=date(2026, 2, 1))
        assert meeting.status is source


def test_future_meeting_cannot_be_held() -> None:
    meeting = Meeting(status=M.PLANNED, held_on=date(2026, 12, 24))
    with pytest.raises(RuleError, match="尚未到"):
        meeting_rules.transition(meeting, M.HELD, today=date(2026, 12, 1))


@pytest.mark.parametrize(("source", "target"), list(product(OS, OS)))
def test_outcome_transitions(source: OS, target: OS) -> None:
    outcome = Outcome(status=source)
    if (source.value, target.value) in OUTCOME_MOVES:
        outcome_rules.transition(outcome, target)
        assert outcome.status is target
    else:
        with pytest.raises(RuleError, match="允许的转换"):
            outcome_rules.transition(outcome, target)


def _held_meeting_with_item(db: Database) -> tuple[Meeting, AgendaItem]:
    installation = db.installation()
    assert installation is not None and installation.room_id
    with db.session() as s:
        topic = Topic(
            room_id=installation.room_id,
            title="农民建房审批",
            source=TopicSource.PARTY_GOVERNMENT,
            raised_on=date(2026, 3, 1),
        )
        meeting = Meeting(
            room_id=installation.room_id,
            held_on=date(2026, 4, 8),
            form=MeetingForm.BENCH,
            status=M.HELD,
        )
        s.add_all([topic, meeting])
        s.flush()
        item = AgendaItem(meeting_id=meeting.id, topic_id=topic.id, position=1)
        s.add(item)
    return meeting, item


def test_final_minutes_are_locked_until_amended(room_db: Database) -> None:
    meeting, item = _held_meeting_with_item(room_db)
    with room_db.session() as s:
        row = s.get(Meeting, meeting.id)
        assert row is not None
        meeting_rules.finalise(row)
    # Editing the consensus, the meeting itself, or adding a speech: all refused.
    with pytest.raises(RuleError, match="已定稿"), room_db.session() as s:
        stored = s.get(AgendaItem, item.id)
        assert stored is not None
        stored.consensus = Consensus.AGREED
    with pytest.raises(RuleError, match="已定稿"), room_db.session() as s:
        stored_meeting = s.get(Meeting, meeting.id)
        assert stored_meeting is not None
        stored_meeting.place = "村委会议室"
    with pytest.raises(RuleError, match="已定稿"), room_db.session() as s:
        s.add(Speech(agenda_item_id=item.id, position=1, speaker_name="李强", summary="同意"))
    with room_db.session() as s:
        assert s.get(AgendaItem, item.id).consensus is None  # type: ignore[union-attr]
        assert s.scalars(select(Speech)).all() == []
    # With an amendment and its reason, the same change goes through.
    with room_db.session() as s:
        stored_meeting = s.get(Meeting, meeting.id)
        stored = s.get(AgendaItem, item.id)
        assert stored_meeting is not None and stored is not None
        with pytest.raises(RuleError, match="理由"):
            meeting_rules.amend(s, stored_meeting, reason=" ", description="")
        meeting_rules.amend(
            s, stored_meeting, reason="记录人漏记表决结果", description="补记协商共识为同意"
        )
        stored.consensus = Consensus.AGREED
    with room_db.session() as s:
        assert s.get(AgendaItem, item.id).consensus is Consensus.AGREED  # type: ignore[union-attr]
        amendments = s.scalars(select(Amendment)).all()
        assert [a.reason for a in amendments] == ["记录人漏记表决结果"]


def test_amend_only_final_minutes(room_db: Database) -> None:
    meeting, _ = _held_meeting_with_item(room_db)
    with pytest.raises(RuleError, match="尚未定稿"), room_db.session() as s:
        row = s.get(Meeting, meeting.id)
        assert row is not None
        meeting_rules.amend(s, row, reason="x", description="y")


def _agree(item_id: str) -> Callable[[Session, Meeting], bool]:
    def change(session: Session, _meeting: Meeting) -> bool:
        session.get_one(AgendaItem, item_id).consensus = Consensus.AGREED
        return True

    return change


def test_a_change_to_final_minutes_goes_with_its_amendment(room_db: Database) -> None:
    meeting, item = _held_meeting_with_item(room_db)
    with room_db.session() as s:
        meeting_rules.finalise(s.get_one(Meeting, meeting.id))
    with pytest.raises(RuleError, match="已定稿"):
        meeting_rules.edit(room_db, meeting.id, change=_agree(item.id))
    amending = Amending(reason="记录人漏记表决结果", description="补记协商共识")
    assert meeting_rules.edit(room_db, meeting.id, change=_agree(item.id), amending=amending)
    # A change that changed nothing leaves no amendment behind.
    unchanged = meeting_rules.edit(
        room_db, meeting.id, change=lambda _s, _m: False, amending=amending
    )
    assert unchanged is False
    with room_db.session() as s:
        assert s.get_one(AgendaItem, item.id).consensus is Consensus.AGREED
        amendments = s.scalars(select(Amendment)).all()
        assert [(a.reason, a.description) for a in amendments] == [
            ("记录人漏记表决结果", "补记协商共识")
        ]


def test_minutes_not_yet_final_change_without_amendment(room_db: Database) -> None:
    meeting, item = _held_meeting_with_item(room_db)
    amending = Amending(reason="x", description="y")
    meeting_rules.edit(room_db, meeting.id, change=_agree(item.id), amending=amending)
    with room_db.session() as s:
        assert s.get_one(AgendaItem, item.id).consensus is Consensus.AGREED
        assert s.scalars(select(Amendment)).all() == []


def test_outcome_follow_up_to_feedback(room_db: Database) -> None:
    meeting, item = _held_meeting_with_item(room_db)
    with room_db.session() as s:
        outcome = Outcome(
            room_id=meeting.room_id,
            agenda_item_id=item.id,
            content="简化农房审批流程，设立代办点",
            responsible_unit="镇自然资源所",
            deadline=date(2026, 6, 30),
        )
        s.add(outcome)
        s.flush()
        with pytest.raises(RuleError, match="尚未办理"):
            outcome_rules.record_feedback(outcome, on=date(2026, 4, 9), text="x", satisfaction=None)
        outcome_rules.add_progress(s, outcome, on=date(2026, 4, 20), text="代办点已选址")
        assert outcome.status is OS.IN_PROGRESS
        outcome_rules.add_progress(s, outcome, on=date(2026, 5, 20), text="代办点开始运行")
        outcome_rules.complete(outcome, on=date(2026, 5, 28), result_class=ResultClass.A)
        outcome_rules.record_feedback(
            outcome,
            on=date(2026, 6, 2),
            text="已在村民大会上通报",
            satisfaction=Satisfaction.SATISFIED,
        )
        outcome_rules.escalate(
            outcome,
            kind=EscalationKind.PROPOSAL,
            reference="崇政提〔2026〕第12号",
            on=date(2026, 6, 3),
        )
        with pytest.raises(RuleError, match="已转为政协提案"):
            outcome_rules.escalate(
                outcome, kind=EscalationKind.SOCIAL_INFO, reference="x", on=date(2026, 6, 3)
            )
    with room_db.session() as s:
        stored = s.get(Outcome, outcome.id)
        assert stored is not None
        assert stored.status is OS.COMPLETED and stored.result_class is ResultClass.A
        assert stored.satisfaction is Satisfaction.SATISFIED
        assert stored.escalation_ref == "崇政提〔2026〕第12号"
        notes = s.scalars(select(ProgressNote.text).order_by(ProgressNote.noted_on)).all()
        assert notes == ["代办点已选址", "代办点开始运行"]


def test_not_possible_needs_reason_and_escalation_needs_number() -> None:
    outcome = Outcome(status=OS.IN_PROGRESS)
    with pytest.raises(RuleError, match="原因"):
        outcome_rules.mark_not_possible(outcome, reason="")
    outcome_rules.mark_not_possible(outcome, reason="涉及规划调整，需区级统筹")
    assert outcome.status is OS.NOT_POSSIBLE
    with pytest.raises(RuleError, match="编号"):
        outcome_rules.escalate(
            outcome, kind=EscalationKind.SOCIAL_INFO, reference=" ", on=date(2026, 1, 1)
        )
