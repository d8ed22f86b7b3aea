"""Everything printed about one meeting (minutes, sign-in sheet), read in a few queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.models import (
    AgendaItem,
    Amendment,
    Attendance,
    Meeting,
    Member,
    Outcome,
    Participant,
    Room,
    Speech,
    Topic,
)
from desktop.models.enums import AttendanceRole, AttendanceStatus, Consensus, MeetingForm
from desktop.rules import rooms as room_rules
from desktop.rules.attendance import ROLE_OF_KIND, expected_people

# Present people in these roles are 列席 (they attend for their unit, not as parties).
ATTENDING_ROLES = frozenset({AttendanceRole.DEPARTMENT_REP, AttendanceRole.OBSERVER})


@dataclass(frozen=True)
class PersonLine:
    """One person on the attendance list: no phone number, ever."""

    name: str
    role: AttendanceRole
    unit: str  # 单位/职务, may be empty
    status: AttendanceStatus
    expected: bool
    leave_reason: str
    signed_in_at: time | None
    is_member: bool


@dataclass(frozen=True)
class SpeechLine:
    speaker: str
    summary: str


@dataclass(frozen=True)
class OutcomeLine:
    content: str
    responsible_unit: str
    responsible_person: str
    deadline: date | None
    topic_title: str


@dataclass(frozen=True)
class ItemLines:
    """One agenda item: topic, speeches and consensus."""

    position: int
    topic_title: str
    topic_description: str
    speeches: list[SpeechLine]
    consensus: Consensus | None
    consensus_text: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    outcomes: list[OutcomeLine]


@dataclass(frozen=True)
class AmendmentLine:
    made_at: datetime
    reason: str
    description: str


@dataclass(frozen=True)
class MinutesData:
    """A meeting as its minutes print it."""

    meeting_id: str
    room_name: str
    title: str
    held_on: date
    start_time: time | None
    end_time: time | None
    place: str
    form: MeetingForm
    host_name: str
    recorder_name: str
    people: list[PersonLine]
    items: list[ItemLines]
    amendments: list[AmendmentLine]
    # The district's or a township's own meeting (an office host, named as the office).
    office: bool = False
    village: str = ""  # the room's village or community; empty for an office host

    @property
    def expected_count(self) -> int:
        """应到: the people expected (walk-ins count toward 实到 only)."""
        return sum(1 for p in self.people if p.expected)

    @property
    def present_count(self) -> int:
        return sum(1 for p in self.people if p.status is AttendanceStatus.PRESENT)

    @property
    def present(self) -> list[PersonLine]:
        return [
            p
            for p in self.people
            if p.status is AttendanceStatus.PRESENT and p.role not in ATTENDING_ROLES
        ]

    @property
    def on_leave(self) -> list[PersonLine]:
        return [p for p in self.people if p.status is AttendanceStatus.LEAVE]

    @property
    def absent(self) -> list[PersonLine]:
        return [p for p in self.people if p.status is AttendanceStatus.ABSENT]

    @property
    def attending(self) -> list[PersonLine]:
        """列席: present department representatives and observers, shown with their units."""
        return [
            p
            for p in self.people
            if p.status is AttendanceStatus.PRESENT and p.role in ATTENDING_ROLES
        ]

    @property
    def outcomes(self) -> list[OutcomeLine]:
        return [outcome for item in self.items for outcome in item.outcomes]


_ROLE_ORDER = {role: index for index, role in enumerate(AttendanceRole)}


def latest_meeting_id(session: Session) -> str | None:
    """The most recent live meeting (by date, then start time), or None."""
    return session.scalars(
        select(Meeting.id)
        .where(Meeting.deleted.is_(False))
        .order_by(Meeting.held_on.desc(), Meeting.start_time.desc(), Meeting.id)
        .limit(1)
    ).first()


def load_minutes(session: Session, meeting_id: str) -> MinutesData:
    """The meeting's printable content; UserError if it does not exist."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted:
        raise UserError(f"找不到该议事活动：{meeting_id}")
    room = session.get(Room, meeting.room_id)
    people = _people(session, meeting_id)
    items = _items(session, meeting_id)
    amendments = [
        AmendmentLine(made_at=a.made_at, reason=a.reason, description=a.description)
        for a in session.scalars(
            select(Amendment)
            .where(Amendment.meeting_id == meeting_id, Amendment.deleted.is_(False))
            .order_by(Amendment.made_at)
        )
    ]
    return MinutesData(
        meeting_id=meeting.id,
        room_name=room_rules.host_name(room.kind, room.name) if room is not None else "",
        title=meeting.title,
        held_on=meeting.held_on,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        place=meeting.place,
        form=meeting.form,
        host_name=meeting.host_name,
        recorder_name=meeting.recorder_name,
        people=people,
        items=items,
        amendments=amendments,
        office=room is not None and room.kind in room_rules.OFFICE_KINDS,
        village=room.village if room is not None and room.kind in room_rules.ROOM_KINDS else "",
    )


def _people(session: Session, meeting_id: str) -> list[PersonLine]:
    rows = session.execute(
        select(Attendance, Member, Participant)
        .outerjoin(Member, Member.id == Attendance.member_id)
        .outerjoin(Participant, Participant.id == Attendance.participant_id)
        .where(Attendance.meeting_id == meeting_id, Attendance.deleted.is_(False))
    ).all()
    people: list[PersonLine] = []
    for attendance, member, participant in rows:
        if member is not None:
            name, unit = member.name, _member_unit(member)
        elif participant is not None:
            name, unit = participant.name, _participant_unit(participant)
        else:  # pragma: no cover - the one_person constraint forbids it
            continue
        people.append(
            PersonLine(
                name=name,
                role=attendance.role,
                unit=unit,
                status=attendance.status,
                expected=attendance.expected,
                leave_reason=attendance.leave_reason or "",
                signed_in_at=attendance.signed_in_at,
                is_member=member is not None,
            )
        )
    people.sort(key=lambda p: (_ROLE_ORDER[p.role], not p.expected, p.name))
    return people


def _member_unit(member: Member) -> str:
    return member.workplace or f"{member.level.label}（{member.sector}）"


def _participant_unit(participant: Participant) -> str:
    return "".join(part for part in (participant.unit, participant.position) if part)


def expected_lines(session: Session, meeting_id: str) -> list[PersonLine]:
    """Who a sign-in sheet lists before anyone was put on the meeting's list: the pre-fill's
    suggestion (assigned members, usual participants), read only, nothing written."""
    meeting = session.get_one(Meeting, meeting_id)
    expected = expected_people(session, meeting)
    lines = [
        _expected_line(member.name, AttendanceRole.MEMBER, _member_unit(member), is_member=True)
        for member in session.scalars(select(Member).where(Member.id.in_(expected.member_ids)))
    ]
    lines += [
        _expected_line(
            person.name,
            ROLE_OF_KIND[person.kind],
            _participant_unit(person),
            is_member=False,
        )
        for person in session.scalars(
            select(Participant).where(Participant.id.in_(expected.participant_ids))
        )
    ]
    lines.sort(key=lambda p: (_ROLE_ORDER[p.role], p.name))
    return lines


def _expected_line(name: str, role: AttendanceRole, unit: str, *, is_member: bool) -> PersonLine:
    return PersonLine(
        name=name,
        role=role,
        unit=unit,
        status=AttendanceStatus.ABSENT,
        expected=True,
        leave_reason="",
        signed_in_at=None,
        is_member=is_member,
    )


def _items(session: Session, meeting_id: str) -> list[ItemLines]:
    agenda = session.execute(
        select(AgendaItem, Topic)
        .join(Topic, Topic.id == AgendaItem.topic_id)
        .where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.position)
    ).all()
    item_ids = [item.id for item, _topic in agenda]
    speeches: dict[str, list[SpeechLine]] = {item_id: [] for item_id in item_ids}
    for speech in session.scalars(
        select(Speech)
        .where(Speech.agenda_item_id.in_(item_ids), Speech.deleted.is_(False))
        .order_by(Speech.agenda_item_id, Speech.position)
    ):
        speeches[speech.agenda_item_id].append(SpeechLine(speech.speaker_name, speech.summary))
    titles = {item.id: topic.title for item, topic in agenda}
    outcomes: dict[str, list[OutcomeLine]] = {item_id: [] for item_id in item_ids}
    for outcome in session.scalars(
        select(Outcome)
        .where(Outcome.agenda_item_id.in_(item_ids), Outcome.deleted.is_(False))
        .order_by(Outcome.deadline.is_(None), Outcome.deadline, Outcome.content)
    ):
        assert outcome.agenda_item_id is not None
        outcomes[outcome.agenda_item_id].append(
            OutcomeLine(
                content=outcome.content,
                responsible_unit=outcome.responsible_unit,
                responsible_person=outcome.responsible_person,
                deadline=outcome.deadline,
                topic_title=titles[outcome.agenda_item_id],
            )
        )
    return [
        ItemLines(
            position=item.position,
            topic_title=topic.title,
            topic_description=topic.description,
            speeches=speeches[item.id],
            consensus=item.consensus,
            consensus_text=item.consensus_text,
            votes_for=item.votes_for,
            votes_against=item.votes_against,
            votes_abstain=item.votes_abstain,
            outcomes=outcomes[item.id],
        )
        for item, topic in agenda
    ]
