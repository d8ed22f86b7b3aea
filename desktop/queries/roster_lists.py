"""The roster as the district's pages list it: select statements for the table models, and
the few reads the roster dialogs fill their fields and pickers from.

The reads of `desktop.queries.roster` take a session and return lists; a page's table pages
through a select instead, and a view never opens a session. So the lists are statements here
(a search by pinyin initials picks the members in Python first, as the roster reads do), and
the dialogs' reads open their own session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, literal, or_, select

from desktop import clock
from desktop.db import Database
from desktop.models import Area, Assignment, Member, Room, Team, TeamMembership, Township
from desktop.models.enums import TeamKind
from desktop.queries import roster
from desktop.rules.rooms import is_room
from desktop.sql_dialect import position

# Any number of columns of any type (Select is variadic in SQLAlchemy 2.1).
AnySelect = Select[*tuple[Any, ...]]

MEMBER_SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "name": Member.name.expression,
    "sector": Member.sector.expression,
    "level": Member.level.expression,
    "party": Member.party.expression,
    "workplace": Member.workplace.expression,
    "expertise": Member.expertise.expression,
}


def _current(today: date) -> ColumnElement[bool]:
    return and_(
        Assignment.deleted.is_(False),
        Assignment.start_date <= today,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= today),
    )


def member_list(db: Database, *, today: date, search: str = "") -> AnySelect:
    """Every live member (retired ones after), in pinyin order; `search` as the roster reads
    match it (name or its initials, sector, party, workplace, post, expertise, phone)."""
    with db.session() as session:
        ids = roster.member_ids_in_order(session, today=today, search=search)
    places = (
        select(func.aggregate_strings(func.coalesce(Area.name, Room.name), "、"))
        .select_from(Assignment)
        .outerjoin(Area, Area.id == Assignment.area_id)
        .outerjoin(Room, Room.id == Assignment.room_id)
        .where(Assignment.member_id == Member.id, _current(today))
        .scalar_subquery()
    )
    # The order as one string of ids, a row's place in it its rank: one parameter where a
    # CASE (and an IN) of every id took longer to compile than the page to read.
    listed = "," + ",".join(ids) + ","
    order = position(literal(listed), "," + Member.id + ",")
    return (
        select(
            Member.id,
            Member.name,
            Member.gender,
            Member.sector,
            Member.level,
            Member.party,
            Member.workplace,
            Member.post,
            Member.phone,
            Member.expertise,
            Member.term,
            Member.active,
            places.label("places"),
        )
        .where(Member.deleted.is_(False), order > 0 if ids else false())
        .order_by(order if ids else literal(0), Member.id)
    )


def read_member(db: Database, member_id: str, *, today: date | None = None) -> roster.MemberRow:
    """One live member as the edit form loads it; LookupError when gone."""
    with db.session() as session:
        row = roster.member(session, member_id, today=today or clock.today())
    if row is None:
        raise LookupError(member_id)
    return row


def assignment_list(member_id: str) -> AnySelect:
    """A member's live assignments, newest first: area or room, its township, from–to."""
    return (
        select(
            Assignment.id,
            func.coalesce(Area.name, Room.name).label("place"),
            Township.name.label("township"),
            Assignment.start_date,
            Assignment.end_date,
        )
        .outerjoin(Area, Area.id == Assignment.area_id)
        .outerjoin(Room, Room.id == Assignment.room_id)
        .outerjoin(Township, Township.id == func.coalesce(Area.township_id, Room.township_id))
        .where(Assignment.member_id == member_id, Assignment.deleted.is_(False))
        .order_by(Assignment.start_date.desc(), Assignment.id)
    )


def area_choices(db: Database) -> list[tuple[str, str]]:
    """Live areas as (id, "township · area"), for the assignment picker."""
    with db.session() as session:
        rows = session.execute(
            select(Area.id, Area.name, Township.name)
            .join(Township, Township.id == Area.township_id)
            .where(Area.deleted.is_(False))
            .order_by(Township.name, Area.name)
        ).all()
        return [(area_id, f"{township} · {name}") for area_id, name, township in rows]


def room_choices(db: Database) -> list[tuple[str, str]]:
    """Live rooms as (id, "township · room"), for assigning a member to a single room."""
    with db.session() as session:
        rows = session.execute(
            select(Room.id, Room.name, Township.name)
            .join(Township, Township.id == Room.township_id)
            .where(Room.deleted.is_(False), is_room())
            .order_by(Township.name, Room.name)
        ).all()
        return [(room_id, f"{township} · {name}") for room_id, name, township in rows]


def township_choices(db: Database) -> list[roster.Choice]:
    with db.session() as session:
        return roster.townships(session)


def township_rooms(db: Database, township_id: str) -> list[roster.RoomChoice]:
    with db.session() as session:
        return roster.rooms_of_township(session, township_id)


@dataclass(frozen=True)
class AreaRecord:
    """An area as its edit dialog fills in."""

    id: str
    revision: int
    township_id: str
    name: str
    room_ids: tuple[str, ...]


def read_area(db: Database, area_id: str) -> AreaRecord:
    """One live area and the rooms it covers; LookupError when gone."""
    with db.session() as session:
        area = session.get(Area, area_id)
        if area is None or area.deleted:
            raise LookupError(area_id)
        rooms = session.scalars(
            select(Room.id).where(Room.area_id == area_id, Room.deleted.is_(False))
        ).all()
        return AreaRecord(area.id, area.revision, area.township_id, area.name, tuple(rooms))


def area_list(*, today: date) -> AnySelect:
    """Live areas by township and name, with the rooms they cover and today's members."""
    rooms = (
        select(func.aggregate_strings(Room.name, "、"))
        .where(Room.area_id == Area.id, Room.deleted.is_(False))
        .scalar_subquery()
    )
    members = (
        select(func.aggregate_strings(Member.name, "、"))
        .join(Assignment, Assignment.member_id == Member.id)
        .where(Assignment.area_id == Area.id, _current(today), Member.deleted.is_(False))
        .scalar_subquery()
    )
    # Any assignment, ended ones too: an area some assignment names is never deleted.
    assignments = (
        select(func.count(Assignment.id))
        .where(Assignment.area_id == Area.id, Assignment.deleted.is_(False))
        .scalar_subquery()
    )
    return (
        select(
            Area.id,
            Area.revision,
            Township.name.label("township"),
            Area.name,
            rooms.label("rooms"),
            members.label("members"),
            assignments.label("assignments"),
        )
        .join(Township, Township.id == Area.township_id)
        .where(Area.deleted.is_(False))
        .order_by(Township.name, Area.name, Area.id)
    )


def _live_memberships() -> ColumnElement[bool]:
    return and_(TeamMembership.deleted.is_(False), Member.deleted.is_(False))


def team_list(*, kind: TeamKind | None = None) -> AnySelect:
    """Live teams by kind and name, with their member count."""
    count = (
        select(func.count(TeamMembership.id))
        .join(Member, Member.id == TeamMembership.member_id)
        .where(TeamMembership.team_id == Team.id, _live_memberships())
        .scalar_subquery()
    )
    statement: AnySelect = select(
        Team.id, Team.revision, Team.name, Team.kind, count.label("member_count")
    ).where(Team.deleted.is_(False))
    if kind is not None:
        statement = statement.where(Team.kind == kind)
    return statement.order_by(Team.kind, Team.name, Team.id)


def team_member_list(team_id: str) -> AnySelect:
    """A team's live members by group, then name."""
    return (
        select(
            TeamMembership.id,
            Member.name,
            TeamMembership.group_name,
            Member.sector,
            Member.active,
        )
        .join(Member, Member.id == TeamMembership.member_id)
        .where(TeamMembership.team_id == team_id, _live_memberships())
        .order_by(TeamMembership.group_name, Member.name, Member.id)
    )


def read_team(db: Database, team_id: str) -> roster.TeamRow:
    """One live team and its members; LookupError when gone."""
    with db.session() as session:
        for team in roster.teams(session):
            if team.id == team_id:
                return team
    raise LookupError(team_id)


@dataclass(frozen=True)
class MemberChoice:
    """A member the team dialog offers: name and sector."""

    id: str
    name: str
    sector: str


def team_member_choices(db: Database, keep_ids: list[str]) -> list[MemberChoice]:
    """Members on the roster, and those in `keep_ids` (already in the team, even if retired),
    in pinyin order."""
    with db.session() as session:
        rows = roster.members(session, today=clock.today())
    return [
        MemberChoice(row.id, row.name, row.sector)
        for row in rows
        if row.active or row.id in keep_ids
    ]
