"""Outcome follow-up: 待办 → 办理中 → 已办结 / 未能办理, progress, feedback, escalation."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from desktop.models import Outcome, ProgressNote
from desktop.models.enums import EscalationKind, OutcomeStatus, ResultClass, Satisfaction
from desktop.rules import RuleError

OS = OutcomeStatus

TRANSITIONS: dict[OutcomeStatus, frozenset[OutcomeStatus]] = {
    OS.PENDING: frozenset({OS.IN_PROGRESS, OS.COMPLETED, OS.NOT_POSSIBLE}),
    OS.IN_PROGRESS: frozenset({OS.COMPLETED, OS.NOT_POSSIBLE}),
    OS.COMPLETED: frozenset(),
    # A unit that could not act may be able to later: the outcome reopens.
    OS.NOT_POSSIBLE: frozenset({OS.IN_PROGRESS}),
}


def transition(outcome: Outcome, target: OutcomeStatus) -> None:
    allowed = TRANSITIONS[outcome.status]
    if target not in allowed:
        names = "、".join(s.label for s in OutcomeStatus if s in allowed) or "无（已办结）"
        raise RuleError(
            f"成果当前状态为「{outcome.status.label}」，不能转为「{target.label}」；允许的转换：{names}"
        )
    outcome.status = target


def add_progress(
    session: Session,
    outcome: Outcome,
    *,
    on: date,
    text: str,
    author: str = "",
    owner: bool = True,
) -> ProgressNote:
    """Append a dated note; the first note on a pending outcome means work has started.

    `owner=False` (the district noting progress on a room's outcome) only appends: the
    status belongs to the room, which starts the work when the note reaches it.
    """
    text = text.strip()
    if not text:
        raise RuleError("进展内容不能为空")
    note = ProgressNote(outcome_id=outcome.id, noted_on=on, text=text, author_name=author.strip())
    session.add(note)
    if owner and outcome.status is OS.PENDING:
        transition(outcome, OS.IN_PROGRESS)
    return note


def complete(outcome: Outcome, *, on: date, result_class: ResultClass) -> None:
    transition(outcome, OS.COMPLETED)
    outcome.completed_on = on
    outcome.result_class = result_class


def mark_not_possible(outcome: Outcome, *, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise RuleError("未能办理须说明原因")
    transition(outcome, OS.NOT_POSSIBLE)
    outcome.not_possible_reason = reason


def record_feedback(
    outcome: Outcome, *, on: date, text: str, satisfaction: Satisfaction | None
) -> None:
    """Feedback to residents (反馈) and, once they answered, their satisfaction."""
    text = text.strip()
    if not text:
        raise RuleError("反馈内容不能为空")
    if outcome.status is OS.PENDING:
        raise RuleError("成果尚未办理，不能反馈")
    outcome.feedback = text
    outcome.fed_back_on = on
    outcome.satisfaction = satisfaction


def escalate(outcome: Outcome, *, kind: EscalationKind, reference: str, on: date) -> None:
    """转报: the outcome goes upward as a CPPCC proposal or public-opinion information."""
    reference = reference.strip()
    if not reference:
        raise RuleError(f"转为{kind.label}须填写编号")
    if outcome.escalation_kind is not None:
        raise RuleError(f"此成果已转为{outcome.escalation_kind.label}（{outcome.escalation_ref}）")
    outcome.escalation_kind = kind
    outcome.escalation_ref = reference
    outcome.escalated_on = on
