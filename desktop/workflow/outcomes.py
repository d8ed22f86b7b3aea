"""Outcome follow-up: 待办 → 办理中 → 已办结 / 未能办理, progress, feedback, escalation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Activity, AgendaItem, MediationCase, Meeting, Outcome, ProgressNote
from desktop.models.enums import EscalationKind, OutcomeStatus, ResultClass, Satisfaction
from desktop.models.stamping import OwnershipError
from desktop.rules import RuleError
from desktop.rules.outcomes import TRANSITIONS, may_feed_back
from desktop.workflow.stale import check_unchanged

OS = OutcomeStatus


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
    if not may_feed_back(outcome):
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


def origin_date(session: Session, outcome: Outcome) -> date | None:
    """The day the outcome arose: its meeting's, activity's or case's (`yishi check` agrees)."""
    return session.scalar(
        select(func.coalesce(Meeting.held_on, Activity.held_on, MediationCase.opened_on))
        .select_from(Outcome)
        .outerjoin(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Activity, Activity.id == Outcome.activity_id)
        .outerjoin(MediationCase, MediationCase.id == Outcome.case_id)
        .where(Outcome.id == outcome.id)
    )


def not_before_origin(session: Session, outcome: Outcome, *, on: date, what: str) -> None:
    origin = origin_date(session, outcome)
    if origin is not None and on < origin:
        raise RuleError(f"{what}（{on.isoformat()}）不能早于协商日期（{origin.isoformat()}）")


class NotOwnedError(RuleError):
    """A change to an outcome another installation owns: only its room may make it."""


@contextmanager
def _changing(
    db: Database, outcome_id: str, expected_revision: int | None
) -> Iterator[tuple[Session, Outcome]]:
    """One unit of work on a live outcome; the stamping hook's refusal becomes a RuleError.

    With `expected_revision` (what the dialog was opened on), an outcome changed since is
    refused with StaleEditError and nothing is written.
    """
    try:
        with db.session() as session:
            outcome = session.get(Outcome, outcome_id)
            if outcome is None or outcome.deleted:
                raise RuleError("此成果已不存在")
            check_unchanged(session, outcome, expected_revision)
            yield session, outcome
    except OwnershipError as error:
        raise NotOwnedError("此成果属于协商议事室，只能在议事室修改") from error


# `expected_revision` (optional, each action below): the outcome's revision as the page showed
# it; an action on an outcome changed since (another window, an import) is refused.


def note_progress(
    db: Database,
    outcome_id: str,
    *,
    on: date,
    text: str,
    expected_revision: int | None = None,
) -> None:
    """办理进展 from the outcomes page; only the owning room's note starts the work."""
    installation = db.installation()
    with _changing(db, outcome_id, expected_revision) as (session, outcome):
        owner = installation is not None and outcome.owner_node == installation.node_id
        add_progress(session, outcome, on=on, text=text, owner=owner)


def complete_outcome(
    db: Database,
    outcome_id: str,
    *,
    on: date,
    result_class: ResultClass,
    expected_revision: int | None = None,
) -> None:
    with _changing(db, outcome_id, expected_revision) as (session, outcome):
        not_before_origin(session, outcome, on=on, what="办结日期")
        complete(outcome, on=on, result_class=result_class)


def report_not_possible(
    db: Database, outcome_id: str, *, reason: str, expected_revision: int | None = None
) -> None:
    with _changing(db, outcome_id, expected_revision) as (_session, outcome):
        mark_not_possible(outcome, reason=reason)


def give_feedback(
    db: Database,
    outcome_id: str,
    *,
    on: date,
    text: str,
    satisfaction: Satisfaction | None,
    expected_revision: int | None = None,
) -> None:
    with _changing(db, outcome_id, expected_revision) as (session, outcome):
        not_before_origin(session, outcome, on=on, what="反馈日期")
        record_feedback(outcome, on=on, text=text, satisfaction=satisfaction)


def escalate_outcome(
    db: Database,
    outcome_id: str,
    *,
    kind: EscalationKind,
    reference: str,
    on: date,
    expected_revision: int | None = None,
) -> None:
    with _changing(db, outcome_id, expected_revision) as (_session, outcome):
        escalate(outcome, kind=kind, reference=reference, on=on)
