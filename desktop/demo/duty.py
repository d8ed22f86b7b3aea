"""The acts a demo district records itself (区政协补录): some of the rooms' escalations were
adopted upward (提案立案, 社情民意信息被采用 or 批示), credited to a member behind each."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.demo.common import Batch, DemoRandom
from desktop.models import AgendaItem, Claim, DutyAct, Outcome
from desktop.models.enums import DutyKind, EscalationKind

# Of the escalations with a claimant, the share the district learns were adopted.
ADOPTED_SHARE = 0.4
EVIDENCE = ("区委主要领导批示", "市政协《社情民意》采用", "区政府分管领导批示")


def district_acts(session: Session, rng: DemoRandom, *, owner: str, today: date) -> Batch:
    """An adoption act for some escalated outcomes of the rooms, owned by the district."""
    batch = Batch(owner)
    rows = session.execute(
        select(Outcome.id, Outcome.escalation_kind, Outcome.escalation_ref, Outcome.escalated_on)
        .where(Outcome.deleted.is_(False), Outcome.escalation_kind.is_not(None))
        .order_by(Outcome.id)
    ).all()
    claimants: dict[str, list[str]] = {}
    for outcome_id, member_id in session.execute(
        select(Outcome.id, Claim.member_id)
        .join(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .join(Claim, Claim.topic_id == AgendaItem.topic_id)
        .where(Outcome.escalation_kind.is_not(None), Claim.deleted.is_(False))
        .order_by(Outcome.id, Claim.member_id)
    ):
        claimants.setdefault(outcome_id, []).append(member_id)
    adopted: set[EscalationKind | None] = set()
    for outcome_id, kind, reference, escalated_on in rows:
        members = claimants.get(outcome_id)
        if not members or escalated_on is None:
            continue
        # The first candidate of each kind is adopted: the demo shows every kind of act.
        if kind in adopted and not rng.chance(ADOPTED_SHARE):
            continue
        adopted.add(kind)
        on = min(today, escalated_on + timedelta(days=rng.randint(20, 90)))
        if kind is EscalationKind.PROPOSAL:
            act_kind, title = DutyKind.PROPOSAL_ACCEPTED, f"提案（{reference}）经审查立案"
            evidence = "区政协提案委员会立案通知"
        else:
            act_kind, title = DutyKind.SOCIAL_INFO_ADOPTED, f"社情民意信息（{reference}）获领导批示"
            evidence = rng.choice(
                ("区委主要领导批示", "市政协《社情民意》采用", "区政府分管领导批示")
            )
        batch.add(
            DutyAct(
                id=rng.uid(),
                member_id=rng.choice(members),
                kind=act_kind,
                occurred_on=on,
                title=title,
                evidence=evidence,
                reference=reference,
            )
        )
    return batch
