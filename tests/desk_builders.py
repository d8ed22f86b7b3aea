"""Hand-made records for the outcomes, dashboard and people tests: one call per record."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import AgendaItem, Meeting, OpinionSlip, Outcome, Participant, Topic
from desktop.models.enums import (
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ParticipantKind,
    TopicSource,
    TopicStatus,
)

TODAY = date(2026, 11, 29)


def room_id_of(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def add_topic(
    session: Session,
    room_id: str,
    title: str,
    *,
    status: TopicStatus = TopicStatus.CLAIMED,
    raised_on: date = date(2026, 9, 1),
    claim_deadline: date | None = None,
) -> Topic:
    topic = Topic(
        room_id=room_id,
        title=title,
        source=TopicSource.RESIDENTS,
        status=status,
        raised_on=raised_on,
        claim_deadline=claim_deadline,
        announced_on=raised_on if claim_deadline else None,
    )
    session.add(topic)
    session.flush()
    return topic


def add_meeting(
    session: Session,
    room_id: str,
    held_on: date,
    *,
    status: MeetingStatus = MeetingStatus.PLANNED,
    title: str = "",
) -> Meeting:
    meeting = Meeting(
        room_id=room_id,
        held_on=held_on,
        title=title,
        form=MeetingForm.ONSITE,
        status=status,
        finalised_at=(
            datetime(held_on.year, held_on.month, held_on.day, 12, tzinfo=UTC)
            if status is MeetingStatus.MINUTES_FINAL
            else None
        ),
    )
    session.add(meeting)
    session.flush()
    return meeting


def add_outcome(
    session: Session,
    room_id: str,
    content: str,
    *,
    deadline: date | None,
    status: OutcomeStatus = OutcomeStatus.PENDING,
    topic_title: str = "加装电梯",
    held_on: date = date(2026, 10, 10),
    unit: str = "和平桥街道城建办",
) -> Outcome:
    """An outcome of a held meeting's agenda item about a new topic."""
    topic = add_topic(session, room_id, topic_title, status=TopicStatus.DISCUSSED)
    meeting = add_meeting(session, room_id, held_on, status=MeetingStatus.HELD)
    item = AgendaItem(meeting_id=meeting.id, topic_id=topic.id, position=1)
    session.add(item)
    session.flush()
    outcome = Outcome(
        room_id=room_id,
        agenda_item_id=item.id,
        content=content,
        responsible_unit=unit,
        deadline=deadline,
        status=status,
        not_possible_reason="资金不足" if status is OutcomeStatus.NOT_POSSIBLE else None,
    )
    session.add(outcome)
    session.flush()
    return outcome


def add_participant(
    session: Session,
    room_id: str,
    name: str,
    *,
    kind: ParticipantKind = ParticipantKind.RESIDENT,
    unit: str | None = None,
    phone: str | None = None,
) -> Participant:
    participant = Participant(room_id=room_id, name=name, kind=kind, unit=unit, phone=phone)
    session.add(participant)
    session.flush()
    return participant


def add_slip(session: Session, room_id: str, content: str, *, collected_on: date) -> OpinionSlip:
    slip = OpinionSlip(room_id=room_id, collected_on=collected_on, content=content)
    session.add(slip)
    session.flush()
    return slip
