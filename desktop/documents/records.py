"""Qt-free reads behind the topic notice, the outcome feedback notice and the yearly ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.models import (
    AgendaItem,
    Claim,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    ProgressNote,
    Room,
    Topic,
)
from desktop.models.enums import (
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ResultClass,
    TopicStatus,
)
from desktop.rules.meetings import unheld_refusal
from desktop.rules.rooms import OFFICE_KINDS, host_name


def _host_name(room: Room | None) -> str:
    """The room's name, or an office host's as an office (desktop.rules.rooms.host_name)."""
    return host_name(room.kind, room.name) if room is not None else ""


def _is_office(room: Room | None) -> bool:
    return room is not None and room.kind in OFFICE_KINDS


@dataclass(frozen=True)
class NoticeData:
    """An announced topic as the notice board shows it (unmasked: desktop.documents.masking)."""

    room_name: str
    title: str
    description: str
    category: str | None
    announced_on: date | None
    claim_deadline: date | None
    reporter_names: list[str]  # residents who raised it (not anonymous)
    claimer_names: list[str]  # members who claimed it
    meeting_day: date | None
    meeting_start: time | None
    meeting_place: str
    meeting_form: MeetingForm | None
    # The topic is the district's or a township's own (an office host), not a room's.
    office: bool = False
    village: str = ""  # the room's village or community (和平桥社区)


def latest_topic_id(session: Session) -> str | None:
    """The most recently announced topic, else the most recently raised one."""
    return session.scalars(
        select(Topic.id)
        .where(Topic.deleted.is_(False))
        .order_by(Topic.announced_on.is_(None), Topic.announced_on.desc(), Topic.raised_on.desc())
        .limit(1)
    ).first()


def load_notice(session: Session, topic_id: str) -> NoticeData:
    topic = session.get(Topic, topic_id)
    if topic is None or topic.deleted:
        raise UserError(f"找不到该议题：{topic_id}")
    if topic.status in (TopicStatus.COLLECTED, TopicStatus.DECLINED):
        raise UserError(f"议题“{topic.title}”尚未初选，不能公告")
    room = session.get(Room, topic.room_id)
    reporters = session.scalars(
        select(OpinionSlip.reporter_name)
        .where(
            OpinionSlip.topic_id == topic_id,
            OpinionSlip.deleted.is_(False),
            OpinionSlip.anonymous.is_(False),
            OpinionSlip.reporter_name.is_not(None),
        )
        .order_by(OpinionSlip.collected_on)
    ).all()
    claimers = session.scalars(
        select(Member.name)
        .join(Claim, Claim.member_id == Member.id)
        .where(Claim.topic_id == topic_id, Claim.deleted.is_(False))
        .order_by(Claim.claimed_on)
    ).all()
    meeting = session.scalars(
        select(Meeting)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(
            AgendaItem.topic_id == topic_id,
            AgendaItem.deleted.is_(False),
            Meeting.deleted.is_(False),
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.held_on.desc())
        .limit(1)
    ).first()
    return NoticeData(
        room_name=_host_name(room),
        title=topic.title,
        description=topic.description,
        category=topic.category,
        announced_on=topic.announced_on,
        claim_deadline=topic.claim_deadline,
        reporter_names=[name for name in dict.fromkeys(reporters) if name],
        claimer_names=list(dict.fromkeys(claimers)),
        meeting_day=meeting.held_on if meeting else None,
        meeting_start=meeting.start_time if meeting else None,
        meeting_place=meeting.place if meeting else "",
        meeting_form=meeting.form if meeting else None,
        office=_is_office(room),
        village=room.village if room is not None and not _is_office(room) else "",
    )


@dataclass(frozen=True)
class FeedbackLine:
    """One outcome as the public feedback notice shows it."""

    topic_title: str
    content: str
    responsible_unit: str
    status: OutcomeStatus
    result_class: ResultClass | None
    done: str  # feedback to residents, else the latest progress note, else the reason


@dataclass(frozen=True)
class FeedbackData:
    room_name: str
    meeting_title: str
    held_on: date
    lines: list[FeedbackLine]
    office: bool = False  # the meeting of the district or a township (an office host)


def _latest_notes(session: Session, outcome_ids: list[str]) -> dict[str, str]:
    notes: dict[str, str] = {}
    for note in session.scalars(
        select(ProgressNote)
        .where(ProgressNote.outcome_id.in_(outcome_ids), ProgressNote.deleted.is_(False))
        .order_by(ProgressNote.noted_on)
    ):
        notes[note.outcome_id] = note.text  # later notes replace earlier ones
    return notes


def _done(outcome: Outcome, notes: dict[str, str]) -> str:
    if outcome.feedback:
        return outcome.feedback
    if outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.not_possible_reason:
        return f"未能办理：{outcome.not_possible_reason}"
    return notes.get(outcome.id, "")


def load_feedback(session: Session, meeting_id: str) -> FeedbackData:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise UserError(f"找不到该议事活动：{meeting_id}")
    if reason := unheld_refusal(meeting.status, "成果反馈公示"):
        raise UserError(reason)
    room = session.get(Room, meeting.room_id)
    rows = session.execute(
        select(Outcome, Topic.title, AgendaItem.position)
        .join(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .join(Topic, Topic.id == AgendaItem.topic_id)
        .where(
            AgendaItem.meeting_id == meeting_id,
            AgendaItem.deleted.is_(False),
            Outcome.deleted.is_(False),
        )
        .order_by(AgendaItem.position, Outcome.deadline, Outcome.content)
    ).all()
    notes = _latest_notes(session, [outcome.id for outcome, _title, _position in rows])
    return FeedbackData(
        room_name=_host_name(room),
        meeting_title=meeting.title,
        held_on=meeting.held_on,
        office=_is_office(room),
        lines=[
            FeedbackLine(
                topic_title=title,
                content=outcome.content,
                responsible_unit=outcome.responsible_unit,
                status=outcome.status,
                result_class=outcome.result_class,
                done=_done(outcome, notes),
            )
            for outcome, title, _position in rows
        ],
    )


@dataclass(frozen=True)
class LedgerOutcome:
    content: str
    responsible_unit: str
    status: OutcomeStatus
    result_class: ResultClass | None


@dataclass(frozen=True)
class LedgerTopic:
    title: str
    outcomes: list[LedgerOutcome]


@dataclass(frozen=True)
class LedgerMeeting:
    """One held meeting of the year, with its topics and their outcomes."""

    room_name: str
    held_on: date
    title: str
    form: MeetingForm
    place: str
    topics: list[LedgerTopic]


LEDGER_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_FINAL)


def load_ledger(session: Session, *, year: int, room_id: str | None) -> list[LedgerMeeting]:
    """Every meeting held in `year` (of one room, or of all rooms when room_id is None),
    by room and date, read in three queries whatever the number of meetings."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    statement = (
        select(Meeting, Room.name, Room.kind)
        .join(Room, Room.id == Meeting.room_id)
        .where(
            Meeting.deleted.is_(False),
            Meeting.held_on.between(first, last),
            Meeting.status.in_(LEDGER_STATUSES),
        )
        .order_by(Room.name, Meeting.held_on, Meeting.start_time)
    )
    if room_id is not None:
        statement = statement.where(Meeting.room_id == room_id)
    meetings = session.execute(statement).all()
    meeting_ids = [meeting.id for meeting, _room, _kind in meetings]
    items = session.execute(
        select(AgendaItem.id, AgendaItem.meeting_id, Topic.title)
        .join(Topic, Topic.id == AgendaItem.topic_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            AgendaItem.deleted.is_(False),
            Meeting.deleted.is_(False),
            Meeting.held_on.between(first, last),
            Meeting.status.in_(LEDGER_STATUSES),
        )
        .order_by(AgendaItem.meeting_id, AgendaItem.position)
    ).all()
    outcomes: dict[str, list[LedgerOutcome]] = {}
    for outcome in session.scalars(
        select(Outcome)
        .join(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            Outcome.deleted.is_(False),
            Meeting.held_on.between(first, last),
            Meeting.status.in_(LEDGER_STATUSES),
        )
        .order_by(Outcome.deadline, Outcome.content)
    ):
        assert outcome.agenda_item_id is not None
        outcomes.setdefault(outcome.agenda_item_id, []).append(
            LedgerOutcome(
                outcome.content, outcome.responsible_unit, outcome.status, outcome.result_class
            )
        )
    topics: dict[str, list[LedgerTopic]] = {meeting_id: [] for meeting_id in meeting_ids}
    for item_id, meeting_id, title in items:
        if meeting_id in topics:
            topics[meeting_id].append(LedgerTopic(title, outcomes.get(item_id, [])))
    return [
        LedgerMeeting(
            room_name=host_name(kind, room_name),
            held_on=meeting.held_on,
            title=meeting.title,
            form=meeting.form,
            place=meeting.place,
            topics=topics[meeting.id],
        )
        for meeting, room_name, kind in meetings
    ]
