"""The district's roster (委员名册): members, areas (片区), teams and assignments.

Only a district installation keeps the roster; rooms receive it in district bundles and show
it read-only. History stays true: a member is retired, never deleted, an assignment that
has ended is never rewritten, and an area some assignment names is never deleted, so past
attendance stays where it happened. What is deleted (an unused area, a team, a mistaken
assignment) becomes a tombstone (`deleted`), so the rooms hear of it in the next bundle.
Each `db` function is one unit of work; the session functions beside them let the Excel
import do many changes in one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import (
    Area,
    Assignment,
    Installation,
    Member,
    Room,
    Team,
    TeamMembership,
    Township,
)
from desktop.models.enums import NodeRole, TeamKind
from desktop.rules import RuleError
from desktop.rules.roster import (
    FIELD_LABELS,
    SECTORS,
    FieldProblem,
    MemberData,
    cleaned,
    member_problems,
    phone_key,
)
from desktop.workflow.stale import check_unchanged, still_there

__all__ = [
    "FIELD_LABELS",
    "SECTORS",
    "MemberData",
    "MemberFieldError",
    "assign",
    "cancel_assignment",
    "delete_area",
    "delete_team",
    "end_assignment",
    "reinstate_member",
    "retire_member",
    "save_area",
    "save_member",
    "save_team",
    "set_team_members",
]

ROOM_REFUSAL = "委员名册由区政协维护，议事室不能修改；名册随区政协的数据包下发"


class MemberFieldError(RuleError):
    """A refused member field; `field` names MemberData's attribute so the form marks it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def format_day(day: date | None) -> str:
    """A date as the roster messages write it; an open end is 至今."""
    return "至今" if day is None else f"{day.year}年{day.month}月{day.day}日"


# --- who may edit ---------------------------------------------------------------------------


def require_district(session: Session) -> Installation:
    """This installation, when it is a district; a room is refused (the roster comes down)."""
    installation = session.get(Installation, 1)
    if installation is None or installation.role is not NodeRole.DISTRICT:
        raise RuleError(ROOM_REFUSAL)
    return installation


def _live(session: Session, model: type[Member] | type[Area] | type[Team], record_id: str) -> None:
    record = still_there(session, model, record_id)
    if record.deleted:
        raise RuleError("所选的记录已删除，请刷新后重试")


# --- members --------------------------------------------------------------------------------


def phone_holder(session: Session, phone: str | None, *, other_than: str | None) -> Member | None:
    """The active member (not `other_than`) who already uses this phone number, if any."""
    key = phone_key(phone)
    if not key:
        return None
    statement = select(Member).where(
        Member.deleted.is_(False), Member.active.is_(True), Member.phone.is_not(None)
    )
    if other_than is not None:
        statement = statement.where(Member.id != other_than)
    for member in session.scalars(statement):
        if phone_key(member.phone) == key:
            return member
    return None


def member_field_problems(
    session: Session, data: MemberData, *, member_id: str | None
) -> list[FieldProblem]:
    """Every wrong field of (cleaned) `data` for this member, the phone's uniqueness included."""
    current = session.get(Member, member_id) if member_id is not None else None
    problems = member_problems(data, allowed_sector=current.sector if current else None)
    active = current.active if current is not None else True
    if active and not any(p.field == "phone" for p in problems):
        holder = phone_holder(session, data.phone, other_than=member_id)
        if holder is not None:
            problems.append(
                FieldProblem("phone", f"电话 {data.phone} 已被在任委员「{holder.name}」使用")
            )
    return problems


def apply_member_fields(member: Member, data: MemberData) -> None:
    """Copy validated form fields onto the member (the caller checked them)."""
    member.name = data.name
    member.gender = data.gender
    member.sector = data.sector
    member.level = data.level
    member.party = data.party
    member.workplace = data.workplace
    member.post = data.post
    member.phone = data.phone
    member.expertise = data.expertise
    member.term = data.term
    member.term_start_year = data.term_start_year
    member.term_end_year = data.term_end_year


def write_member(
    session: Session,
    data: MemberData,
    *,
    member_id: str | None = None,
    expected_revision: int | None = None,
) -> Member:
    """Add (no id) or change a member in this session; MemberFieldError names the first bad
    field, StaleEditError a member changed since the form loaded it."""
    require_district(session)
    clean = cleaned(data)
    member: Member | None = None
    if member_id is not None:
        _live(session, Member, member_id)
        member = session.get_one(Member, member_id)
        check_unchanged(session, member, expected_revision)
    if problems := member_field_problems(session, clean, member_id=member_id):
        raise MemberFieldError(problems[0].field, problems[0].message)
    if member is None:
        member = Member(active=True)
        apply_member_fields(member, clean)
        session.add(member)
    else:
        apply_member_fields(member, clean)
    session.flush()
    return member


def save_member(
    db: Database,
    data: MemberData,
    *,
    member_id: str | None = None,
    expected_revision: int | None = None,
) -> str:
    """Add a member (no id) or change one; the member's id."""
    with db.session() as session:
        return write_member(
            session, data, member_id=member_id, expected_revision=expected_revision
        ).id


def retire_member(
    db: Database, member_id: str, *, on: date, expected_revision: int | None = None
) -> None:
    """The member leaves the roster on `on`: inactive, open assignments end that day.

    Nothing is deleted: past assignments, attendance and duty records stay. An assignment
    that would only have started after `on` is withdrawn (it never took effect).
    """
    with db.session() as session:
        require_district(session)
        _live(session, Member, member_id)
        member = session.get_one(Member, member_id)
        check_unchanged(session, member, expected_revision)
        if not member.active:
            raise RuleError(f"「{member.name}」已经退出名册")
        member.active = False
        for assignment in _assignments(session, member_id):
            if assignment.start_date > on:
                assignment.deleted = True
            elif assignment.end_date is None or assignment.end_date > on:
                assignment.end_date = on


def reinstate_member(db: Database, member_id: str, *, expected_revision: int | None = None) -> None:
    """A retired member back on the roster (assignments are made again, from a new date)."""
    with db.session() as session:
        require_district(session)
        _live(session, Member, member_id)
        member = session.get_one(Member, member_id)
        check_unchanged(session, member, expected_revision)
        if member.active:
            raise RuleError(f"「{member.name}」仍在名册中")
        holder = phone_holder(session, member.phone, other_than=member.id)
        if holder is not None:
            raise MemberFieldError(
                "phone", f"电话 {member.phone} 已被在任委员「{holder.name}」使用，请先修改电话"
            )
        member.active = True


# --- areas ------------------------------------------------------------------------------------


def write_area(
    session: Session,
    *,
    township_id: str,
    name: str,
    room_ids: Sequence[str],
    area_id: str | None = None,
    expected_revision: int | None = None,
) -> Area:
    """Add or change an area (片区) of a township and set the rooms it covers.

    Rooms of the township left out lose the area; a room taken from another area moves here.
    Assignments are not touched: members assigned to the area are now linked to its rooms.
    """
    installation = require_district(session)
    name = name.strip()
    if not name:
        raise RuleError("请填写片区名称")
    if len(name) > 100:
        raise RuleError("片区名称不能超过100个字")
    township = session.get(Township, township_id)
    if township is None or township.deleted:
        raise RuleError("所选的镇（街道）不存在，请刷新后重试")
    area: Area | None = None
    if area_id is not None:
        _live(session, Area, area_id)
        area = session.get_one(Area, area_id)
        check_unchanged(session, area, expected_revision)
        if area.township_id != township_id:
            raise RuleError("片区不能改属其他镇（街道）；请在那里新建片区")
    twin = session.scalar(
        select(Area).where(Area.township_id == township_id, Area.name == name, Area.id != area_id)
    )
    if twin is not None and not twin.deleted:
        raise RuleError(f"{township.name}已有名为「{name}」的片区")
    if len(set(room_ids)) != len(room_ids):
        raise RuleError("同一议事室被选了两次")
    rooms = []
    for room_id in room_ids:
        room = session.get(Room, room_id)
        if room is None or room.deleted:
            raise RuleError("所选的议事室已不存在，请刷新后重试")
        if room.township_id != township_id:
            raise RuleError(f"「{room.name}」不属于{township.name}，不能划入本片区")
        rooms.append(room)
    if area is None:
        if twin is not None:  # a removed area of that name comes back (the name is unique)
            area, twin.deleted = twin, False
        else:
            area = Area(township_id=township_id, name=name)
            session.add(area)
            session.flush()
    area.name = name
    chosen = {room.id for room in rooms}
    covered = session.scalars(select(Room).where(Room.area_id == area.id)).all()
    changes: list[tuple[Room, str | None]] = [
        (room, area.id) for room in rooms if room.area_id != area.id
    ]
    changes += [(room, None) for room in covered if room.id not in chosen]
    for room, target in changes:
        _relink(room, target, installation)
    session.flush()
    return area


def _relink(room: Room, area_id: str | None, installation: Installation) -> None:
    if room.owner_node != installation.node_id:
        raise RuleError(f"「{room.name}」的记录由该议事室本机维护，区政协不能改动其片区")
    room.area_id = area_id


def save_area(
    db: Database,
    *,
    township_id: str,
    name: str,
    room_ids: Sequence[str],
    area_id: str | None = None,
    expected_revision: int | None = None,
) -> str:
    """Add or change an area and the rooms it covers; the area's id."""
    with db.session() as session:
        return write_area(
            session,
            township_id=township_id,
            name=name,
            room_ids=room_ids,
            area_id=area_id,
            expected_revision=expected_revision,
        ).id


def area_assignments(session: Session, area_id: str) -> int:
    """How many assignments (current, past or planned; not cancelled ones) name the area."""
    statement = select(func.count(Assignment.id)).where(
        Assignment.area_id == area_id, Assignment.deleted.is_(False)
    )
    return session.scalar(statement) or 0


def drop_area(session: Session, area_id: str, *, expected_revision: int | None = None) -> None:
    """Delete an area no assignment names; the rooms it covers are left in no area.

    An area that some assignment names, even one long ended, stays: the history must keep
    saying where each member was assigned and when.
    """
    installation = require_district(session)
    _live(session, Area, area_id)
    area = session.get_one(Area, area_id)
    check_unchanged(session, area, expected_revision)
    if used := area_assignments(session, area_id):
        raise RuleError(
            f"片区「{area.name}」有 {used} 条派驻记录（含已结束的），不能删除："
            "删除后就查不到委员当时派驻在哪里，历史将失真。"
            "如该片区不再使用，请结束其中仍在进行的派驻，并在“编辑”中取消它覆盖的议事室；"
            "如某条派驻是误录的，可先在“委员”页撤销该派驻，再删除片区"
        )
    for room in session.scalars(select(Room).where(Room.area_id == area_id)):
        _relink(room, None, installation)
    area.deleted = True
    session.flush()


def delete_area(db: Database, area_id: str, *, expected_revision: int | None = None) -> None:
    """Delete an unused area (see `drop_area`); the rooms hear of it in the next bundle."""
    with db.session() as session:
        drop_area(session, area_id, expected_revision=expected_revision)


# --- teams ------------------------------------------------------------------------------------


def write_team(
    session: Session,
    *,
    name: str,
    kind: TeamKind,
    team_id: str | None = None,
    expected_revision: int | None = None,
) -> Team:
    """Add or change a team (专业助力团, 民主监督小组, 协商议事团…)."""
    require_district(session)
    name = name.strip()
    if not name:
        raise RuleError("请填写团队名称")
    if len(name) > 100:
        raise RuleError("团队名称不能超过100个字")
    if not isinstance(kind, TeamKind):
        raise RuleError("请选择团队类型")
    team: Team | None = None
    if team_id is not None:
        _live(session, Team, team_id)
        team = session.get_one(Team, team_id)
        check_unchanged(session, team, expected_revision)
    twin = session.scalar(select(Team).where(Team.name == name, Team.id != team_id))
    if twin is not None and not twin.deleted:
        raise RuleError(f"已有名为「{name}」的团队")
    if team is None:
        if twin is not None:  # a removed team of that name comes back (the name is unique)
            team, twin.deleted = twin, False
        else:
            team = Team(name=name, kind=kind)
            session.add(team)
    elif twin is not None:
        raise RuleError(f"「{name}」是已撤销团队的名称，请换一个名称")
    team.name = name
    team.kind = kind
    session.flush()
    return team


def save_team(
    db: Database,
    *,
    name: str,
    kind: TeamKind,
    team_id: str | None = None,
    expected_revision: int | None = None,
) -> str:
    """Add or change a team; the team's id."""
    with db.session() as session:
        return write_team(
            session, name=name, kind=kind, team_id=team_id, expected_revision=expected_revision
        ).id


def write_team_members(
    session: Session,
    team_id: str,
    members: Sequence[tuple[str, str | None]],
    *,
    only_add: bool = False,
) -> None:
    """The team's members become exactly `members` (member id, group or None).

    Those left out are taken off (their row tombstoned, so a room hears of it); with
    `only_add`, nobody is taken off (the import adds to teams).
    """
    require_district(session)
    _live(session, Team, team_id)
    wanted: dict[str, str | None] = {}
    for member_id, group in members:
        if member_id in wanted:
            raise RuleError("同一委员在团队中出现了两次")
        group = (group or "").strip() or None
        if group is not None and len(group) > 50:
            raise RuleError("组别名称不能超过50个字")
        member = session.get(Member, member_id)
        if member is None or member.deleted:
            raise RuleError("所选的委员已不存在，请刷新后重试")
        wanted[member_id] = group
    rows = {
        row.member_id: row
        for row in session.scalars(select(TeamMembership).where(TeamMembership.team_id == team_id))
    }
    for member_id, group in wanted.items():
        row = rows.get(member_id)
        if row is None:
            session.add(TeamMembership(team_id=team_id, member_id=member_id, group_name=group))
            continue
        if row.deleted:
            row.deleted = False
        if row.group_name != group:
            row.group_name = group
    if not only_add:
        for member_id, row in rows.items():
            if member_id not in wanted and not row.deleted:
                row.deleted = True
    session.flush()


def set_team_members(db: Database, team_id: str, members: Sequence[tuple[str, str | None]]) -> None:
    """The team's members become exactly `members`: (member id, group name or None)."""
    with db.session() as session:
        write_team_members(session, team_id, members)


def drop_team(session: Session, team_id: str, *, expected_revision: int | None = None) -> int:
    """Delete a team and its memberships (the members stay on the roster); how many
    memberships went. A team later made again under the same name starts empty."""
    require_district(session)
    _live(session, Team, team_id)
    team = session.get_one(Team, team_id)
    check_unchanged(session, team, expected_revision)
    dropped = 0
    for row in session.scalars(
        select(TeamMembership).where(
            TeamMembership.team_id == team_id, TeamMembership.deleted.is_(False)
        )
    ):
        row.deleted = True
        dropped += 1
    team.deleted = True
    session.flush()
    return dropped


def delete_team(db: Database, team_id: str, *, expected_revision: int | None = None) -> int:
    """Delete a team with its memberships; how many memberships went."""
    with db.session() as session:
        return drop_team(session, team_id, expected_revision=expected_revision)


# --- assignments ------------------------------------------------------------------------------


def _assignments(session: Session, member_id: str) -> Sequence[Assignment]:
    return session.scalars(
        select(Assignment).where(Assignment.member_id == member_id, Assignment.deleted.is_(False))
    ).all()


def overlapping(
    session: Session,
    *,
    member_id: str,
    area_id: str | None,
    room_id: str | None,
    start: date,
    end: date | None,
    other_than: str | None = None,
) -> Assignment | None:
    """A live assignment of the member to the same area or room whose dates meet these."""
    statement = select(Assignment).where(
        Assignment.member_id == member_id,
        Assignment.deleted.is_(False),
        Assignment.area_id == area_id if area_id is not None else Assignment.area_id.is_(None),
        Assignment.room_id == room_id if room_id is not None else Assignment.room_id.is_(None),
        or_(Assignment.end_date.is_(None), Assignment.end_date >= start),
    )
    if end is not None:
        statement = statement.where(Assignment.start_date <= end)
    if other_than is not None:
        statement = statement.where(Assignment.id != other_than)
    return session.scalars(statement.order_by(Assignment.start_date)).first()


def write_assignment(
    session: Session,
    *,
    member_id: str,
    area_id: str | None = None,
    room_id: str | None = None,
    start: date,
    end: date | None = None,
) -> Assignment:
    """Assign a member to an area (片区) or to one room from `start` (to `end`, or open)."""
    require_district(session)
    if (area_id is None) == (room_id is None):
        raise RuleError("请选择派驻的片区或议事室（二者选一）")
    member = session.get(Member, member_id)
    if member is None or member.deleted:
        raise RuleError("所选的委员已不存在，请刷新后重试")
    if end is not None and end < start:
        raise RuleError(f"派驻止（{format_day(end)}）早于派驻起（{format_day(start)}）")
    if not member.active and end is None:
        raise RuleError(f"「{member.name}」已退出名册，不能派驻（只能补录已结束的派驻）")
    place: str
    if area_id is not None:
        area = session.get(Area, area_id)
        if area is None or area.deleted:
            raise RuleError("所选的片区已不存在，请刷新后重试")
        place = f"片区「{area.name}」"
    else:
        room = session.get(Room, room_id)
        if room is None or room.deleted:
            raise RuleError("所选的议事室已不存在，请刷新后重试")
        place = f"「{room.name}」"
    clash = overlapping(
        session, member_id=member_id, area_id=area_id, room_id=room_id, start=start, end=end
    )
    if clash is not None:
        raise RuleError(
            f"「{member.name}」派驻{place}的时间（{format_day(start)}至{format_day(end)}）"
            f"与已有的派驻（{format_day(clash.start_date)}至{format_day(clash.end_date)}）重叠"
        )
    assignment = Assignment(
        member_id=member_id, area_id=area_id, room_id=room_id, start_date=start, end_date=end
    )
    session.add(assignment)
    session.flush()
    return assignment


def assign(
    db: Database,
    *,
    member_id: str,
    area_id: str | None = None,
    room_id: str | None = None,
    start: date,
    end: date | None = None,
) -> str:
    """Assign a member to an area or a room; the assignment's id."""
    with db.session() as session:
        return write_assignment(
            session, member_id=member_id, area_id=area_id, room_id=room_id, start=start, end=end
        ).id


def close_assignment(session: Session, assignment_id: str, *, on: date) -> Assignment:
    """End an open assignment (or one planned to end after `on`) on `on`; one that has
    already ended stays as it is."""
    require_district(session)
    assignment = still_there(session, Assignment, assignment_id)
    if assignment.deleted:
        raise RuleError("该派驻已撤销，请刷新后重试")
    ended = assignment.end_date
    # Ended already (before today) is history; one planned to end later may end sooner.
    if ended is not None and (ended < clock.today() or ended <= on):
        raise RuleError(f"该派驻已于{format_day(assignment.end_date)}结束，已结束的派驻不再改动")
    if on < assignment.start_date:
        raise RuleError(
            f"结束日期（{format_day(on)}）早于派驻起（{format_day(assignment.start_date)}）"
        )
    assignment.end_date = on
    session.flush()
    return assignment


def end_assignment(db: Database, assignment_id: str, *, on: date) -> None:
    """The assignment ends on `on` (the last day it holds)."""
    with db.session() as session:
        close_assignment(session, assignment_id, on=on)


def cancel_assignment(db: Database, assignment_id: str) -> None:
    """撤销: an assignment made by mistake is deleted, not ended; an ended one too.

    Nothing else points at an assignment: attendance, claims and duty records name the
    member, and an assignment only suggests whom a meeting expects. So recorded attendance
    stays as it is; a meeting planned later no longer suggests the member for that place.
    """
    with db.session() as session:
        require_district(session)
        assignment = still_there(session, Assignment, assignment_id)
        if assignment.deleted:
            raise RuleError("该派驻已撤销，请刷新后重试")
        assignment.deleted = True
