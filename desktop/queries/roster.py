"""Reads behind the district's roster page (委员): members with their current areas and
teams, areas with their rooms, teams with their members, a member's assignments.

Search by name or pinyin initials ("zjh" finds 张建华) is done in Python over the roster:
a district holds a few hundred members, and pypinyin knows 多音字 that SQL would not.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.models import Area, Assignment, Member, Room, Team, TeamMembership, Township
from desktop.models.enums import Gender, MemberLevel, TeamKind
from desktop.pinyin import initials, matches
from desktop.rules.rooms import is_room
from desktop.rules.roster import MemberData


@dataclass(frozen=True)
class MemberRow:
    """One member of the roster as the list and the edit form show it."""

    id: str
    revision: int
    name: str
    gender: Gender
    sector: str
    level: MemberLevel
    party: str | None
    workplace: str | None
    post: str | None
    phone: str | None
    expertise: str | None
    term: str | None
    term_start_year: int | None
    term_end_year: int | None
    active: bool
    places: tuple[str, ...]  # where the member is assigned today: 片区 or room names
    teams: tuple[str, ...]  # "team（group）" or "team"
    initials: str

    def data(self) -> MemberData:
        """The member's fields as the form (and save_member) take them."""
        return MemberData(
            name=self.name,
            gender=self.gender,
            sector=self.sector,
            level=self.level,
            party=self.party,
            workplace=self.workplace,
            post=self.post,
            phone=self.phone,
            expertise=self.expertise,
            term=self.term,
            term_start_year=self.term_start_year,
            term_end_year=self.term_end_year,
        )


@dataclass(frozen=True)
class Choice:
    """An id and the name a picker shows."""

    id: str
    name: str


@dataclass(frozen=True)
class RoomChoice:
    """A room of a township, with the area it is in now (if any)."""

    id: str
    name: str
    area_id: str | None
    area_name: str | None


@dataclass(frozen=True)
class AreaRow:
    """An area (片区), its rooms and the members assigned to it today."""

    id: str
    revision: int
    township_id: str
    township_name: str
    name: str
    rooms: tuple[Choice, ...]
    members: tuple[Choice, ...]


@dataclass(frozen=True)
class TeamMemberRow:
    """A member in a team and the group (组别) they sit in."""

    member_id: str
    name: str
    group: str | None
    active: bool


@dataclass(frozen=True)
class TeamRow:
    """A team and its members."""

    id: str
    revision: int
    name: str
    kind: TeamKind
    members: tuple[TeamMemberRow, ...]


@dataclass(frozen=True)
class AssignmentRow:
    """An assignment of a member to an area or a room, past, current or to come."""

    id: str
    revision: int
    member_id: str
    area_id: str | None
    room_id: str | None
    place: str  # the area's or room's name
    township: str
    start: date
    end: date | None
    current: bool


def _current(assignment: Assignment, today: date) -> bool:
    return assignment.start_date <= today and (
        assignment.end_date is None or assignment.end_date >= today
    )


def _place_names(session: Session) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(area id → (name, township), room id → (name, township)) for every area and room."""
    townships = dict(session.execute(select(Township.id, Township.name)).all())
    areas = {
        id: (name, townships.get(township_id, ""))
        for id, name, township_id in session.execute(select(Area.id, Area.name, Area.township_id))
    }
    rooms = {
        # The district office's own host has no township.
        id: (name, townships.get(township_id or "", ""))
        for id, name, township_id in session.execute(select(Room.id, Room.name, Room.township_id))
    }
    return areas, rooms


def members(
    session: Session, *, today: date, search: str = "", include_retired: bool = True
) -> list[MemberRow]:
    """Live members, active first then by name; `search` matches the name (or its pinyin
    initials), sector, party, workplace, post, expertise or phone."""
    statement = select(Member).where(Member.deleted.is_(False))
    if not include_retired:
        statement = statement.where(Member.active.is_(True))
    rows = session.scalars(statement).all()
    areas, rooms = _place_names(session)
    places: dict[str, list[str]] = defaultdict(list)
    for assignment in session.scalars(select(Assignment).where(Assignment.deleted.is_(False))):
        if not _current(assignment, today):
            continue
        if assignment.area_id is not None:
            places[assignment.member_id].append(areas.get(assignment.area_id, ("", ""))[0])
        elif assignment.room_id is not None:
            places[assignment.member_id].append(rooms.get(assignment.room_id, ("", ""))[0])
    teams: dict[str, list[str]] = defaultdict(list)
    for member_id, team, group in session.execute(
        select(TeamMembership.member_id, Team.name, TeamMembership.group_name)
        .join(Team, Team.id == TeamMembership.team_id)
        .where(TeamMembership.deleted.is_(False), Team.deleted.is_(False))
        .order_by(Team.name)
    ):
        teams[member_id].append(f"{team}（{group}）" if group else team)
    text = search.strip()
    out = []
    for m in rows:
        if text and not (
            matches(text, m.name)
            or any(
                text.lower() in (value or "").lower()
                for value in (m.sector, m.party, m.workplace, m.post, m.expertise, m.phone)
            )
        ):
            continue
        out.append(
            MemberRow(
                id=m.id,
                revision=m.revision,
                name=m.name,
                gender=m.gender,
                sector=m.sector,
                level=m.level,
                party=m.party,
                workplace=m.workplace,
                post=m.post,
                phone=m.phone,
                expertise=m.expertise,
                term=m.term,
                term_start_year=m.term_start_year,
                term_end_year=m.term_end_year,
                active=m.active,
                places=tuple(sorted(places.get(m.id, []))),
                teams=tuple(teams.get(m.id, [])),
                initials=initials(m.name),
            )
        )
    out.sort(key=lambda r: (not r.active, r.initials, r.name, r.id))
    return out


def member_ids_in_order(session: Session, *, today: date, search: str = "") -> list[str]:
    """The ids of `members(...)`, in its order. Without a search only names are read: the
    places and teams each row carries cost the members list most of its first screen."""
    if search.strip():
        return [row.id for row in members(session, today=today, search=search)]
    rows = session.execute(
        select(Member.id, Member.name, Member.active).where(Member.deleted.is_(False))
    ).all()
    ordered = sorted(rows, key=lambda r: (not r.active, initials(r.name), r.name, r.id))
    return [row.id for row in ordered]


def member(session: Session, member_id: str, *, today: date) -> MemberRow | None:
    """One live member as the edit form loads it, or None when gone."""
    found = [
        row
        for row in members(session, today=today)
        if row.id == member_id  # a few hundred rows: simpler than a second query path
    ]
    return found[0] if found else None


def townships(session: Session) -> list[Choice]:
    """Live townships/streets (镇/街道) by name."""
    return [
        Choice(id, name)
        for id, name in session.execute(
            select(Township.id, Township.name)
            .where(Township.deleted.is_(False))
            .order_by(Township.name)
        )
    ]


def rooms_of_township(session: Session, township_id: str) -> list[RoomChoice]:
    """Live rooms of a township with the area each is in now, for the area editor."""
    statement = (
        select(Room.id, Room.name, Room.area_id, Area.name)
        .outerjoin(Area, Area.id == Room.area_id)
        .where(Room.township_id == township_id, Room.deleted.is_(False), is_room())
        .order_by(Room.name)
    )
    return [RoomChoice(*row) for row in session.execute(statement)]


def areas(session: Session, *, today: date, township_id: str | None = None) -> list[AreaRow]:
    """Live areas by township and name, with their rooms and today's assigned members."""
    statement = (
        select(Area, Township.name)
        .join(Township, Township.id == Area.township_id)
        .where(Area.deleted.is_(False))
        .order_by(Township.name, Area.name)
    )
    if township_id is not None:
        statement = statement.where(Area.township_id == township_id)
    found = session.execute(statement).all()
    ids = [area.id for area, _ in found]
    rooms: dict[str, list[Choice]] = defaultdict(list)
    for id, name, area_id in session.execute(
        select(Room.id, Room.name, Room.area_id)
        .where(Room.area_id.in_(ids), Room.deleted.is_(False))
        .order_by(Room.name)
    ):
        assert area_id is not None
        rooms[area_id].append(Choice(id, name))
    people: dict[str, list[Choice]] = defaultdict(list)
    for assignment, name in session.execute(
        select(Assignment, Member.name)
        .join(Member, Member.id == Assignment.member_id)
        .where(
            Assignment.area_id.in_(ids),
            Assignment.deleted.is_(False),
            Member.deleted.is_(False),
        )
        .order_by(Member.name)
    ):
        if _current(assignment, today) and assignment.area_id is not None:
            people[assignment.area_id].append(Choice(assignment.member_id, name))
    return [
        AreaRow(
            id=area.id,
            revision=area.revision,
            township_id=area.township_id,
            township_name=township,
            name=area.name,
            rooms=tuple(rooms.get(area.id, [])),
            members=tuple(people.get(area.id, [])),
        )
        for area, township in found
    ]


def teams(session: Session) -> list[TeamRow]:
    """Live teams by name with their live members (by group, then name)."""
    found = session.scalars(select(Team).where(Team.deleted.is_(False)).order_by(Team.name)).all()
    people: dict[str, list[TeamMemberRow]] = defaultdict(list)
    for team_id, member_id, name, group, active in session.execute(
        select(
            TeamMembership.team_id,
            Member.id,
            Member.name,
            TeamMembership.group_name,
            Member.active,
        )
        .join(Member, Member.id == TeamMembership.member_id)
        .where(TeamMembership.deleted.is_(False), Member.deleted.is_(False))
        # People without a group first, on both engines (SQLite sorts NULL first, PostgreSQL
        # last).
        .order_by(TeamMembership.group_name.is_not(None), TeamMembership.group_name, Member.name)
    ):
        people[team_id].append(TeamMemberRow(member_id, name, group, active))
    return [
        TeamRow(team.id, team.revision, team.name, team.kind, tuple(people.get(team.id, [])))
        for team in found
    ]


def assignments_of(session: Session, member_id: str, *, today: date) -> list[AssignmentRow]:
    """A member's live assignments, newest first."""
    return [
        row
        for row in all_assignments(session, today=today, member_ids=[member_id])
        if row.member_id == member_id
    ]


def all_assignments(
    session: Session, *, today: date, member_ids: list[str] | None = None
) -> list[AssignmentRow]:
    """Live assignments (of the given members, or all), newest first per member."""
    statement = select(Assignment).where(Assignment.deleted.is_(False))
    if member_ids is not None:
        statement = statement.where(Assignment.member_id.in_(member_ids))
    areas_by_id, rooms_by_id = _place_names(session)
    out = []
    for a in session.scalars(statement):
        if a.area_id is not None:
            place, township = areas_by_id.get(a.area_id, ("", ""))
        else:
            place, township = rooms_by_id.get(a.room_id or "", ("", ""))
        out.append(
            AssignmentRow(
                id=a.id,
                revision=a.revision,
                member_id=a.member_id,
                area_id=a.area_id,
                room_id=a.room_id,
                place=place,
                township=township,
                start=a.start_date,
                end=a.end_date,
                current=_current(a, today),
            )
        )
    out.sort(key=lambda r: (r.member_id, -r.start.toordinal(), r.place, r.id))
    return out


def assigned_members(
    session: Session, *, area_id: str | None = None, room_id: str | None = None, today: date
) -> list[Choice]:
    """Members assigned today to an area, or to a room (directly or through its area)."""
    conditions = []
    if area_id is not None:
        conditions.append(Assignment.area_id == area_id)
    if room_id is not None:
        conditions.append(Assignment.room_id == room_id)
        room = session.get(Room, room_id)
        if room is not None and room.area_id is not None:
            conditions.append(Assignment.area_id == room.area_id)
    if not conditions:
        return []
    seen: dict[str, Choice] = {}
    for assignment, name in session.execute(
        select(Assignment, Member.name)
        .join(Member, Member.id == Assignment.member_id)
        .where(or_(*conditions), Assignment.deleted.is_(False), Member.deleted.is_(False))
        .order_by(Member.name)
    ):
        if _current(assignment, today):
            seen.setdefault(assignment.member_id, Choice(assignment.member_id, name))
    return list(seen.values())
