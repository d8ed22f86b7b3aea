"""Following an outcome up from the page, by id: who may change it, and what may come next."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Outcome, ProgressNote
from desktop.models.enums import EscalationKind, OutcomeStatus, ResultClass
from desktop.models.stamping import StampContext
from desktop.rules.outcomes import may_feed_back
from desktop.workflow import RuleError
from desktop.workflow import outcomes as rules
from tests.desk_builders import add_outcome, room_id_of

OS = OutcomeStatus
DAY = date(2026, 11, 20)


def stored(db: Database, outcome_id: str) -> Outcome:
    with db.session() as session:
        return session.get_one(Outcome, outcome_id)


def test_feedback_waits_for_the_work_to_start() -> None:
    assert not may_feed_back(Outcome(status=OS.PENDING))
    for status in (OS.IN_PROGRESS, OS.COMPLETED, OS.NOT_POSSIBLE):
        assert may_feed_back(Outcome(status=status))


def test_the_rooms_own_outcome_followed_up_to_escalation(room_db: Database) -> None:
    with room_db.session() as session:
        outcome_id = add_outcome(session, room_id_of(room_db), "疏浚排水管网", deadline=None).id
    rules.note_progress(room_db, outcome_id, on=DAY, text=" 已进场施工 ")
    assert stored(room_db, outcome_id).status is OS.IN_PROGRESS  # the owner's note starts it
    rules.complete_outcome(room_db, outcome_id, on=DAY, result_class=ResultClass.B)
    rules.give_feedback(room_db, outcome_id, on=DAY, text="已在居民会上通报", satisfaction=None)
    rules.escalate_outcome(
        room_db, outcome_id, kind=EscalationKind.SOCIAL_INFO, reference="社情第3号", on=DAY
    )
    with pytest.raises(RuleError, match="已转为"):
        rules.escalate_outcome(
            room_db, outcome_id, kind=EscalationKind.PROPOSAL, reference="提案第1号", on=DAY
        )
    outcome = stored(room_db, outcome_id)
    assert (outcome.status, outcome.result_class, outcome.feedback) == (
        OS.COMPLETED,
        ResultClass.B,
        "已在居民会上通报",
    )
    assert outcome.escalation_ref == "社情第3号"


def test_a_refusal_changes_nothing_and_a_gone_outcome_is_named(room_db: Database) -> None:
    with room_db.session() as session:
        outcome = add_outcome(session, room_id_of(room_db), "增设路灯", deadline=None)
        gone = add_outcome(session, room_id_of(room_db), "已删除", deadline=None)
        gone.deleted = True
    with pytest.raises(RuleError, match="尚未办理"):
        rules.give_feedback(room_db, outcome.id, on=DAY, text="告知居民", satisfaction=None)
    with pytest.raises(RuleError, match="不能为空"):
        rules.note_progress(room_db, outcome.id, on=DAY, text=" ")
    with pytest.raises(RuleError, match="已不存在"):
        rules.report_not_possible(room_db, gone.id, reason="资金不足")
    assert stored(room_db, outcome.id).status is OS.PENDING
    with room_db.session() as session:
        assert session.scalars(select(ProgressNote)).all() == []


def test_another_nodes_outcome_takes_notes_but_no_changes(room_db: Database) -> None:
    # As a room's outcome is in the district: written by another installation, owned by it.
    elsewhere = StampContext(node_id="room-node-9", user="议事室")
    with room_db.session_as(elsewhere) as session:
        outcome = add_outcome(session, room_id_of(room_db), "补贴加装电梯", deadline=None)
    rules.note_progress(room_db, outcome.id, on=DAY, text="区政协已督办")
    assert stored(room_db, outcome.id).status is OS.PENDING  # the status stays the room's
    with pytest.raises(rules.NotOwnedError, match="只能在议事室修改"):
        rules.report_not_possible(room_db, outcome.id, reason="资金不足")
    assert stored(room_db, outcome.id).not_possible_reason is None
    with room_db.session() as session:
        note = session.scalars(select(ProgressNote)).one()
    assert note.text == "区政协已督办" and note.owner_node != "room-node-9"


def test_completion_and_feedback_may_not_come_before_the_meeting(room_db: Database) -> None:
    with room_db.session() as session:
        outcome_id = add_outcome(
            session, room_id_of(room_db), "疏浚排水管网", deadline=None, held_on=DAY
        ).id
    rules.note_progress(room_db, outcome_id, on=DAY, text="已进场施工")
    early = date(2026, 11, 19)
    with pytest.raises(RuleError, match="办结日期（2026-11-19）不能早于协商日期（2026-11-20）"):
        rules.complete_outcome(room_db, outcome_id, on=early, result_class=ResultClass.A)
    with pytest.raises(RuleError, match="反馈日期"):
        rules.give_feedback(room_db, outcome_id, on=early, text="已通报", satisfaction=None)
    outcome = stored(room_db, outcome_id)
    assert (outcome.status, outcome.completed_on, outcome.feedback) == (OS.IN_PROGRESS, None, None)
    rules.complete_outcome(room_db, outcome_id, on=DAY, result_class=ResultClass.A)
    assert stored(room_db, outcome_id).completed_on == DAY
