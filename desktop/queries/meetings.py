"""Reads behind the 议事活动 page: the meeting list and what the editor's tabs show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.formatting import unit_and_post
from desktop.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Installation,
    Meeting,
    Member,
    Outcome,
    Participant,
    Room,
    Speech,
    Topic,
)
from desktop.models.enums import AttendanceStatus, Consensus, MeetingForm, MeetingStatus
from desktop.rules.attendance import awaiting_sign_in
from desktop.rules.meetings import TAKE_BACKS, TRANSITIONS
from desktop.rules.topics import AGENDA_READY, IMMEDIATE_READY


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _select(*columns: Any) -> Select[Any]:
    """An untyped select: the table models read rows by column name."""
    return select(*columns)


@dataclass(frozen=True)
class MeetingFilter:
    """What the list is narrowed to; None (or empty search) means no narrowing."""

    room_id: str | None = None
    status: MeetingStatus | None = None
    year: int | None = None
    search: str = ""


_live_attendance = and_(Attendance.meeting_id == Meeting.id, Attendance.deleted.is_(False))
expected_count = (
    select(func.count(Attendance.id))
    .where(_live_attendance, Attendance.expected.is_(True))
    .correlate(Meeting)
    .scalar_subquery()
    .label("expected_count")
)
present_count = (
    select(func.count(Attendance.id))
    .where(_live_attendance, Attendance.status == AttendanceStatus.PRESENT)
    .correlate(Meeting)
    .scalar_subquery()
    .label("present_count")
)
room_name = Room.name.label("room_name")
# Sort keys of the list's columns.
BY_DATE: ColumnElement[Any] = Meeting.held_on.expression
BY_TIME: ColumnElement[Any] = Meeting.start_time.expression
BY_TITLE: ColumnElement[Any] = Meeting.title.expression
BY_FORM: ColumnElement[Any] = Meeting.form.expression
BY_STATUS: ColumnElement[Any] = Meeting.status.expression


def meetings_statement(meeting_filter: MeetingFilter) -> Select[Any]:
    """Live meetings matching the filter, newest first, with 应到/实到."""
    f = meeting_filter
    statement: Select[Any] = (
        _select(
            Meeting.id,
            Meeting.held_on,
            Meeting.start_time,
            Meeting.title,
            Meeting.form,
            Meeting.status,
            Meeting.place,
            expected_count,
            present_count,
            room_name,
        )
        # Outer, though every row has its room: an inner join lets SQLite read the rooms
        # first and sort all rows, where the list's index hands out the first 200.
        .outerjoin(Room, Room.id == Meeting.room_id)
        .where(Meeting.deleted.is_(False))
        .order_by(Meeting.held_on.desc(), Meeting.id)
    )
    if f.room_id is not None:
        statement = statement.where(Meeting.room_id == f.room_id)
    if f.status is not None:
        statement = statement.where(Meeting.status == f.status)
    if f.year is not None:
        statement = statement.where(
            Meeting.held_on >= date(f.year, 1, 1), Meeting.held_on <= date(f.year, 12, 31)
        )
    if text := f.search.strip():
        pattern = _like(text)
        on_agenda = (
            select(AgendaItem.id)
            .join(Topic, Topic.id == AgendaItem.topic_id)
            .where(
                AgendaItem.meeting_id == Meeting.id,
                AgendaItem.deleted.is_(False),
                Topic.title.like(pattern, escape="\\"),
            )
            .exists()
        )
        statement = statement.where(
            or_(
                Meeting.title.like(pattern, escape="\\"),
                Meeting.place.like(pattern, escape="\\"),
                Meeting.host_name.like(pattern, escape="\\"),
                room_name.like(pattern, escape="\\"),
                on_agenda,
            )
        )
    return statement


def meeting_years(db: Database, room_id: str | None = None) -> list[int]:
    """Years that have meetings, newest first (for the year filter)."""
    statement = select(Meeting.held_on).where(Meeting.deleted.is_(False))
    if room_id is not None:
        statement = statement.where(Meeting.room_id == room_id)
    with db.session() as session:
        return sorted({d.year for d in session.scalars(statement)}, reverse=True)


def owns_meeting(db: Database, meeting_id: str) -> bool:
    """Whether this installation recorded the meeting (a district: its own work, not a room's)."""
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        installation = session.get(Installation, 1)
        return (
            meeting is not None
            and installation is not None
            and meeting.owner_node == installation.node_id
        )


@dataclass(frozen=True)
class MeetingDetails:
    """The 基本信息 of one meeting, and the statuses it may move to."""

    title: str
    held_on: date
    start_time: time | None
    end_time: time | None
    place: str
    form: MeetingForm
    host_name: str
    recorder_name: str
    status: MeetingStatus
    moves: frozenset[MeetingStatus]
    # What the editor hands back when it saves, so a change made meanwhile is not overwritten.
    revision: int


def meeting_details(db: Database, meeting_id: str) -> MeetingDetails:
    with db.session() as session:
        m = session.get_one(Meeting, meeting_id)
        return MeetingDetails(
            title=m.title,
            held_on=m.held_on,
            start_time=m.start_time,
            end_time=m.end_time,
            place=m.place,
            form=m.form,
            host_name=m.host_name,
            recorder_name=m.recorder_name,
            status=m.status,
            # A take-back (back to 计划, with a reason) is offered with the forward moves.
            moves=TRANSITIONS[m.status]
            | ({TAKE_BACKS[m.status]} if m.status in TAKE_BACKS else frozenset()),
            revision=m.revision,
        )


def agenda_statement(meeting_id: str) -> Select[Any]:
    """The agenda in order, with each topic's title and status and the consensus."""
    statement: Select[Any] = (
        _select(
            AgendaItem.id,
            AgendaItem.position,
            Topic.title,
            Topic.status.label("topic_status"),
            Topic.immediate,
            AgendaItem.consensus,
            AgendaItem.consensus_text,
        )
        .join(Topic, Topic.id == AgendaItem.topic_id)
        .where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position)
    )
    return statement


@dataclass(frozen=True)
class AgendaChoice:
    """An agenda item as the speech and outcome tabs offer it."""

    id: str
    position: int
    title: str


@dataclass(frozen=True)
class ItemConsensus:
    """The consensus recorded on one agenda item (votes None: no show of hands)."""

    consensus: Consensus | None
    text: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    revision: int


def item_consensus(db: Database, agenda_item_id: str) -> ItemConsensus:
    with db.session() as session:
        item = session.get_one(AgendaItem, agenda_item_id)
        return ItemConsensus(
            item.consensus,
            item.consensus_text,
            item.votes_for,
            item.votes_against,
            item.votes_abstain,
            item.revision,
        )


@dataclass(frozen=True)
class TopicChoice:
    """A topic that may go onto the agenda."""

    id: str
    title: str
    status_label: str
    immediate: bool


def candidate_topics(db: Database, meeting_id: str) -> list[TopicChoice]:
    """The room's topics ready for consultation and not already on this agenda."""
    on_agenda = select(AgendaItem.topic_id).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False)
    )
    with db.session() as session:
        room_id = session.get_one(Meeting, meeting_id).room_id
        rows = session.scalars(
            select(Topic)
            .where(
                Topic.room_id == room_id,
                Topic.deleted.is_(False),
                Topic.id.not_in(on_agenda),
                or_(
                    Topic.status.in_(AGENDA_READY),
                    and_(Topic.immediate.is_(True), Topic.status.in_(IMMEDIATE_READY)),
                ),
            )
            .order_by(Topic.raised_on.desc(), Topic.title)
        )
        return [TopicChoice(t.id, t.title, t.status.label, t.immediate) for t in rows]


person_name = func.coalesce(Member.name, Participant.name).label("person_name")
person_unit = func.coalesce(Member.workplace, Participant.unit, literal("")).label("person_unit")


def attendance_statement(meeting_id: str) -> Select[Any]:
    """Everyone on the sign-in list: expected people first, then walk-ins, by name."""
    statement: Select[Any] = (
        _select(
            Attendance.id,
            person_name,
            person_unit,
            func.coalesce(Member.post, Participant.position).label("person_position"),
            Attendance.member_id,
            Attendance.role,
            Attendance.status,
            Attendance.leave_reason,
            Attendance.signed_in_at,
            Attendance.expected,
        )
        .outerjoin(Member, Member.id == Attendance.member_id)
        .outerjoin(Participant, Participant.id == Attendance.participant_id)
        .where(Attendance.meeting_id == meeting_id, Attendance.deleted.is_(False))
        .order_by(
            Attendance.expected.desc(),
            case((Attendance.member_id.is_(None), 1), else_=0),
            person_name,
        )
    )
    return statement


def speeches_statement(agenda_item_id: str) -> Select[Any]:
    statement: Select[Any] = (
        _select(Speech.id, Speech.position, Speech.speaker_name, Speech.summary)
        .where(Speech.agenda_item_id == agenda_item_id, Speech.deleted.is_(False))
        .order_by(Speech.position)
    )
    return statement


def outcomes_statement(agenda_item_id: str) -> Select[Any]:
    statement: Select[Any] = (
        _select(
            Outcome.id,
            Outcome.content,
            Outcome.responsible_unit,
            Outcome.responsible_person,
            Outcome.deadline,
            Outcome.status,
        )
        .where(Outcome.agenda_item_id == agenda_item_id, Outcome.deleted.is_(False))
        .order_by(Outcome.updated_at, Outcome.id)
    )
    return statement


@dataclass(frozen=True)
class AttachmentRow:
    """An attached file as the 附件 tab shows it."""

    id: str
    sha256: str
    file_name: str
    media_type: str
    caption: str


def meeting_attachments(db: Database, meeting_id: str) -> list[AttachmentRow]:
    with db.session() as session:
        rows = session.scalars(
            select(Attachment)
            .where(
                Attachment.record_table == Meeting.__tablename__,
                Attachment.record_id == meeting_id,
                Attachment.deleted.is_(False),
            )
            .order_by(Attachment.updated_at, Attachment.file_name)
        )
        return [AttachmentRow(a.id, a.sha256, a.file_name, a.media_type, a.caption) for a in rows]


@dataclass(frozen=True)
class Speaker:
    """Someone the speaker picker offers: a member or a participant of the room."""

    name: str
    member_id: str | None
    participant_id: str | None


def speakers(session: Session, meeting_id: str) -> list[Speaker]:
    """Those on this meeting's sign-in list, present first, for the speaker picker; whoever
    is on leave (请假) did not come, so cannot have spoken."""
    rows = session.execute(
        select(person_name, Attendance.member_id, Attendance.participant_id, Attendance.status)
        .outerjoin(Member, Member.id == Attendance.member_id)
        .outerjoin(Participant, Participant.id == Attendance.participant_id)
        .where(
            Attendance.meeting_id == meeting_id,
            Attendance.deleted.is_(False),
            Attendance.status != AttendanceStatus.LEAVE,
        )
        .order_by(case((Attendance.status == AttendanceStatus.PRESENT, 0), else_=1), person_name)
    )
    return [Speaker(r.person_name, r.member_id, r.participant_id) for r in rows]


@dataclass(frozen=True)
class PersonChoice:
    """A member or participant who may be invited."""

    name: str
    detail: str
    member_id: str | None
    participant_id: str | None


def invitable_people(session: Session, meeting: Meeting) -> list[PersonChoice]:
    """Active members and the room's participants not yet on this meeting's list."""
    listed = session.execute(
        select(Attendance.member_id, Attendance.participant_id).where(
            Attendance.meeting_id == meeting.id, Attendance.deleted.is_(False)
        )
    ).all()
    members_listed = {r.member_id for r in listed if r.member_id}
    participants_listed = {r.participant_id for r in listed if r.participant_id}
    choices = [
        PersonChoice(m.name, unit_and_post(m.workplace, m.post) or m.sector, m.id, None)
        for m in session.scalars(
            select(Member)
            .where(Member.deleted.is_(False), Member.active.is_(True))
            .order_by(Member.name)
        )
        if m.id not in members_listed
    ]
    choices += [
        PersonChoice(p.name, unit_and_post(p.unit, p.position) or p.kind.label, None, p.id)
        for p in session.scalars(
            select(Participant)
            .where(
                Participant.room_id == meeting.room_id,
                Participant.deleted.is_(False),
                Participant.active.is_(True),
            )
            .order_by(Participant.name)
        )
        if p.id not in participants_listed
    ]
    return choices


@dataclass(frozen=True)
class RecordChoices:
    """What the speech and outcome tabs offer: the agenda items, the speakers, the date."""

    held_on: date
    items: list[AgendaChoice]
    speakers: list[Speaker]


def record_choices(db: Database, meeting_id: str) -> RecordChoices:
    with db.session() as session:
        return RecordChoices(
            held_on=session.get_one(Meeting, meeting_id).held_on,
            items=[
                AgendaChoice(row.id, row.position, row.title)
                for row in session.execute(agenda_statement(meeting_id))
            ],
            speakers=speakers(session, meeting_id),
        )


@dataclass(frozen=True)
class Counts:
    """应到 (expected people) and 实到 (present, walk-ins included)."""

    expected: int
    present: int
    on_leave: int


def attendance_counts(session: Session, meeting_id: str) -> Counts:
    rows = session.execute(
        select(Attendance.expected, Attendance.status).where(
            Attendance.meeting_id == meeting_id, Attendance.deleted.is_(False)
        )
    ).all()
    return Counts(
        expected=sum(r.expected for r in rows),
        present=sum(r.status is AttendanceStatus.PRESENT for r in rows),
        on_leave=sum(r.status is AttendanceStatus.LEAVE for r in rows),
    )


@dataclass(frozen=True)
class SignInSummary:
    """The 签到 tab's counts, and who may still be invited."""

    counts: Counts
    invitable: list[PersonChoice]
    # The meeting's day has not come: not signed in yet is 待签到, not 缺席.
    awaiting: bool = False


def sign_in_summary(db: Database, meeting_id: str) -> SignInSummary:
    with db.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        return SignInSummary(
            attendance_counts(session, meeting_id),
            invitable_people(session, meeting),
            awaiting_sign_in(meeting, today=clock.today()),
        )
