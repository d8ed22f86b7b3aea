"""Reads behind the people page (委员与人员): the member roster and the local participants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, literal, or_, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Assignment, Member, Participant, Room
from desktop.models.enums import ParticipantKind

# Any number of columns of any type (Select is variadic in SQLAlchemy 2.1).
AnySelect = Select[*tuple[Any, ...]]


MEMBER_SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "name": Member.name.expression,
    "sector": Member.sector.expression,
    "expertise": Member.expertise.expression,
    "level": Member.level.expression,
    "workplace": Member.workplace.expression,
}
PARTICIPANT_SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "name": Participant.name.expression,
    "kind": Participant.kind.expression,
    "unit": Participant.unit.expression,
    "position": Participant.position.expression,
    "room_name": Room.name.expression,
}


def assigned_condition(room: Room | None, *, today: date) -> ColumnElement[bool]:
    """The member is assigned to this room, or to the area (片区) the room belongs to, today."""
    if room is None:
        return false()
    place = Assignment.room_id == room.id
    if room.area_id is not None:
        place = or_(place, Assignment.area_id == room.area_id)
    return exists().where(
        Assignment.member_id == Member.id,
        Assignment.deleted.is_(False),
        Assignment.start_date <= today,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= today),
        place,
    )


def member_list(*, room: Room | None, today: date, search: str = "") -> AnySelect:
    """Live members of the roster; in a room, the ones assigned to it come first."""
    assigned = assigned_condition(room, today=today) if room is not None else literal(False)
    statement: AnySelect = select(
        Member.id,
        Member.name,
        Member.gender,
        Member.sector,
        Member.expertise,
        Member.level,
        Member.workplace,
        Member.phone,
        Member.active,
        assigned.label("assigned"),
    ).where(Member.deleted.is_(False))
    if text := search.strip():
        pattern = f"%{text}%"
        statement = statement.where(
            or_(
                Member.name.like(pattern),
                Member.sector.like(pattern),
                Member.expertise.like(pattern),
                Member.workplace.like(pattern),
            )
        )
    return statement.order_by(assigned.desc(), Member.active.desc(), Member.name, Member.id)


def participant_list(
    *, room_id: str | None, kind: ParticipantKind | None = None, search: str = ""
) -> AnySelect:
    """Live participants (of one room, when given), by kind then name."""
    statement: AnySelect = (
        select(
            Participant.id,
            Participant.name,
            Participant.kind,
            Participant.unit,
            Participant.position,
            Participant.phone,
            Participant.active,
            Room.name.label("room_name"),
        )
        # Outer, though every row has its room: an inner join lets SQLite read the rooms
        # first and sort all rows, where the list's index hands out the first 200.
        .outerjoin(Room, Room.id == Participant.room_id)
        .where(Participant.deleted.is_(False))
    )
    if room_id is not None:
        statement = statement.where(Participant.room_id == room_id)
    if kind is not None:
        statement = statement.where(Participant.kind == kind)
    if text := search.strip():
        pattern = f"%{text}%"
        statement = statement.where(
            or_(
                Participant.name.like(pattern),
                Participant.unit.like(pattern),
                Participant.position.like(pattern),
                Participant.phone.like(pattern),
            )
        )
    return statement.order_by(Participant.kind, Participant.name, Participant.id)


def room_member_list(
    db: Database, room_id: str | None, *, today: date, search: str = ""
) -> AnySelect:
    """The roster as a room's installation lists it (its members first); room_id None: all."""
    with db.session() as session:
        room = None if room_id is None else session.get(Room, room_id)
        # Built inside the session: the statement keeps the room's id and area, not the room.
        return member_list(room=room, today=today, search=search)


@dataclass(frozen=True)
class ParticipantRecord:
    """One participant, as the edit dialog fills its fields."""

    id: str
    room_id: str
    name: str
    kind: ParticipantKind
    unit: str
    position: str
    phone: str
    active: bool
    # Handed back on save, so a change made meanwhile (another window, an import) is refused.
    revision: int = 0


def _record(session: Session, participant_id: str) -> ParticipantRecord:
    participant = session.get(Participant, participant_id)
    if participant is None or participant.deleted:
        raise LookupError(participant_id)
    return ParticipantRecord(
        id=participant.id,
        room_id=participant.room_id,
        name=participant.name,
        kind=participant.kind,
        unit=participant.unit or "",
        position=participant.position or "",
        phone=participant.phone or "",
        active=participant.active,
        revision=participant.revision,
    )


def read_participant(db: Database, participant_id: str) -> ParticipantRecord:
    with db.session() as session:
        return _record(session, participant_id)


def same_person_candidates(session: Session, participant_id: str) -> list[tuple[str, str]]:
    """Other live participants of the same room, (id, "name · kind · unit"), for merging."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        return []
    rows = session.execute(
        select(Participant.id, Participant.name, Participant.kind, Participant.unit)
        .where(
            and_(
                Participant.room_id == participant.room_id,
                Participant.id != participant_id,
                Participant.deleted.is_(False),
            )
        )
        .order_by(Participant.name != participant.name, Participant.name, Participant.id)
    ).all()
    return [
        (row.id, " · ".join(part for part in (row.name, row.kind.label, row.unit or "") if part))
        for row in rows
    ]


@dataclass(frozen=True)
class MergeCandidates:
    """The record to keep and the others of its room that may be the same person."""

    keep: ParticipantRecord
    others: list[tuple[str, str]]


def merge_candidates(db: Database, participant_id: str) -> MergeCandidates:
    with db.session() as session:
        return MergeCandidates(
            keep=_record(session, participant_id),
            others=same_person_candidates(session, participant_id),
        )
