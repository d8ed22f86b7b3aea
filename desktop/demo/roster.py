"""The district's roster (townships, 片区, rooms, members, teams, rules) and a lone room's.

A district's roster is owned by the district's node; a room that holds no members receives a
small one, owned by the demo district node, as if sent down by a district.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.demo import vocabulary as v
from desktop.demo.common import Batch, DemoError, DemoRandom, chinese_number
from desktop.demo.rooms import PersonRef, RoomTarget
from desktop.models import (
    ActivityKind,
    Area,
    Assignment,
    District,
    Member,
    Room,
    Team,
    TeamMembership,
    Township,
)
from desktop.models.enums import DutyKind, MemberLevel, TeamKind
from desktop.rules.duty import (
    default_rules,
    live_rule_sets,
    next_version,
    rule_set_in_force,
    rule_set_rows,
    year_of,
)
from desktop.rules.rooms import guess_room_kind

# The first term of the district committee that the demo's terms count from (第十七届 = 2021).
FIRST_TERM_YEAR = 2021
FIRST_TERM_NUMBER = 17
TERM_YEARS = 5


@dataclass
class Roster:
    """What a roster unit of work wrote, and the rooms it made ready for records."""

    batch: Batch
    targets: list[RoomTarget]
    kinds: dict[str, str]  # activity kind code → id
    members: int


def term_of(day: date) -> tuple[str, int, int]:
    """The committee term in force on `day`: (第十七届, 2021, 2026)."""
    index = max(0, (day.year - FIRST_TERM_YEAR) // TERM_YEARS)
    first = FIRST_TERM_YEAR + index * TERM_YEARS
    return f"第{chinese_number(FIRST_TERM_NUMBER + index)}届", first, first + TERM_YEARS


def street_stem(street: str) -> str:
    return street.removesuffix("街道").removesuffix("镇")


def _members(batch: Batch, rng: DemoRandom, *, count: int, start: date) -> list[Member]:
    term, first, last = term_of(start)
    members = []
    # Mostly district members; the province and city members living here join in too.
    levels = [MemberLevel.PROVINCE, MemberLevel.CITY] + [
        rng.weighted(((MemberLevel.DISTRICT, 85), (MemberLevel.CITY, 15))) for _ in range(count - 2)
    ]
    rng.shuffle(levels)
    # Every expertise group gets members once the roster is large enough.
    groups = list(v.EXPERTISE_WORKPLACES)
    expertises = [groups[i % len(groups)] for i in range(count)]
    rng.shuffle(expertises)
    for level, expertise in zip(levels[:count], expertises, strict=True):
        gender = rng.gender(0.4)
        members.append(
            batch.add(
                Member(
                    id=rng.uid(),
                    name=rng.person_name(gender),
                    gender=gender,
                    sector=rng.choice(v.SECTORS),
                    level=level,
                    expertise=expertise,
                    workplace=rng.choice(v.EXPERTISE_WORKPLACES[expertise]),
                    phone=rng.phone(),
                    term=term,
                    term_start_year=first,
                    term_end_year=last,
                    active=True,
                )
            )
        )
    return members


def _teams(session: Session, batch: Batch, rng: DemoRandom, members: list[Member]) -> None:
    """The three member teams (made once, reused later) and the new members' places in them."""
    existing = {t.name: t.id for t in session.scalars(select(Team).where(Team.deleted.is_(False)))}
    for name, kind, groups in v.TEAMS:
        team_id = existing.get(name)
        if team_id is None:
            team_id = batch.add(Team(id=rng.uid(), name=name, kind=TeamKind(kind))).id
        if kind == TeamKind.CONSULTATION:
            # Everyone sits in the consultation team, grouped by expertise.
            placed = [(m, v.CONSULTATION_GROUPS[m.expertise or "经济发展"]) for m in members]
        else:
            share = 0.4 if kind == TeamKind.EXPERT_SUPPORT else 0.25
            size = min(len(members), max(len(groups), round(share * len(members))))
            chosen = rng.sample(members, size)
            order = list(groups)
            rng.shuffle(order)
            placed = [(m, order[i % len(order)]) for i, m in enumerate(chosen)]
        for member, group in placed:
            batch.add(
                TeamMembership(id=rng.uid(), team_id=team_id, member_id=member.id, group_name=group)
            )


def _kinds(session: Session, batch: Batch, rng: DemoRandom) -> dict[str, str]:
    """Activity kinds by code, making the standard five where missing."""
    kinds = {
        k.code: k.id
        for k in session.scalars(select(ActivityKind).where(ActivityKind.deleted.is_(False)))
    }
    for code, name, inspection, duty_kind in v.ACTIVITY_KINDS:
        if code not in kinds:
            kinds[code] = batch.add(
                ActivityKind(
                    id=rng.uid(),
                    code=code,
                    name=name,
                    counts_as_inspection=inspection,
                    duty_kind=duty_kind,
                )
            ).id
    return kinds


def _rules(session: Session, batch: Batch, rng: DemoRandom, *, name: str, since: date) -> None:
    """The default 委员履职评价办法 from the demo's first year, unless rules are in force then;
    the district's next year raises the points for a speech, so the years score apart."""
    if rule_set_in_force(session, since.year) is not None:
        return
    version = next_version(session)
    first = replace(default_rules(since.year), name=f"{since.year}年度{name}")
    later_year = since.year + 1
    spoke = first.kinds[DutyKind.SPOKE]
    later = replace(
        first,
        year=later_year,
        name=f"{later_year}年度{name}",
        kinds={**first.kinds, DutyKind.SPOKE: replace(spoke, points=spoke.points * 2)},
    )
    taken = {year_of(s) for s in live_rule_sets(session)}
    for number, rules in enumerate((first, later)):
        if rules.year in taken:
            continue
        rule_set, rows = rule_set_rows(rules, version=version + number, make_id=rng.uid)
        batch.add(rule_set)
        for row in rows:
            batch.add(row)


def _least_assigned(
    rng: DemoRandom, members: list[Member], load: dict[str, int], count: int
) -> list[Member]:
    ranked = sorted(members, key=lambda m: (load[m.id], rng.random()))
    chosen = ranked[: min(count, len(members))]
    for member in chosen:
        load[member.id] += 1
    return chosen


def _villages(
    session: Session, rng: DemoRandom, *, rooms: int, townships: int
) -> list[tuple[str, str]]:
    """(street, village) for new rooms, spread over a few streets, skipping villages in use."""
    used = {
        (street, village)
        for street, village in session.execute(
            select(Township.name, Room.village).join(Township, Township.id == Room.township_id)
        )
    }
    streets = list(v.STREETS)
    rng.shuffle(streets)
    free = {s: [x for x in v.STREETS[s] if (s, x) not in used] for s in streets}
    # Streets with villages left come first; rooms go round-robin, then to random streets.
    streets.sort(key=lambda s: not free[s])
    chosen = streets[: max(1, townships)]
    places: list[tuple[str, str]] = []
    for index in range(rooms):
        street = chosen[index] if index < len(chosen) else rng.choice(chosen)
        if not free[street]:
            street = next((s for s in chosen if free[s]), street)
        if free[street]:
            village = free[street].pop(rng.randrange(len(free[street])))
        else:
            number = 1
            while (street, village := f"{street_stem(street)}第{chinese_number(number)}社区") in (
                used
            ):
                number += 1
        used.add((street, village))
        places.append((street, village))
    if not places:
        places = [(street, "") for street in chosen]
    return places


def district_roster(
    session: Session,
    rng: DemoRandom,
    *,
    district_id: str,
    owner: str,
    rooms: int,
    roster_only: bool,
    start: date,
) -> Roster:
    """The district's roster for `rooms` new rooms (or their scale, when `roster_only`)."""
    district = session.get(District, district_id)
    if district is None:
        raise DemoError("本区政协安装缺少区政协记录，无法生成示例数据")
    batch = Batch(owner)
    township_count = min(len(v.STREETS), max(1, round(rooms / 2.7)))
    places = _villages(session, rng, rooms=rooms, townships=township_count)
    if roster_only:
        places = [(street, "") for street in dict.fromkeys(street for street, _ in places)]

    townships = {
        t.name: t
        for t in session.scalars(select(Township).where(Township.district_id == district.id))
    }
    area_names: dict[str, set[str]] = defaultdict(set)
    for township_id, name in session.execute(select(Area.township_id, Area.name)):
        area_names[township_id].add(name)
    codes = [c for c in session.scalars(select(Room.code)) if c and c.startswith("R")]
    next_code = 1 + max((int(c[1:]) for c in codes if c[1:].isdigit()), default=0)

    members = _members(
        batch, rng, count=max(6, round(max(rooms, 1) * 22 / 16) + rng.randint(-1, 2)), start=start
    )
    load: dict[str, int] = {m.id: 0 for m in members}

    by_street: dict[str, list[str]] = defaultdict(list)
    for street, village in places:
        by_street[street].append(village)
    targets: list[RoomTarget] = []
    for street, villages in by_street.items():
        township = townships.get(street)
        if township is None:
            township = batch.add(Township(id=rng.uid(), district_id=district.id, name=street))
            townships[street] = township
        areas: list[tuple[str, list[Member]]] = []
        number = 1
        for _ in range(max(1, math.ceil(len(villages) / 3))):
            while (name := f"{street_stem(street)}第{chinese_number(number)}片区") in area_names[
                township.id
            ]:
                number += 1
            area_names[township.id].add(name)
            area = batch.add(Area(id=rng.uid(), township_id=township.id, name=name))
            linked = _least_assigned(rng, members, load, rng.randint(4, 5))
            for member in linked:
                batch.add(
                    Assignment(id=rng.uid(), member_id=member.id, area_id=area.id, start_date=start)
                )
            areas.append((area.id, linked))
        for index, village in enumerate(x for x in villages if x):
            area_id, area_members = areas[index % len(areas)]
            room = batch.add(
                Room(
                    id=rng.uid(),
                    township_id=township.id,
                    area_id=area_id,
                    name=f"{village}协商议事室",
                    village=village,
                    kind=guess_room_kind(village),
                    code=f"R{next_code:04d}",
                    node_id=rng.uid(),
                )
            )
            next_code += 1
            linked = list(area_members)
            # Some members live in the village and are assigned to its room as well.
            if rng.chance(0.35):
                for member in _least_assigned(rng, members, load, 1):
                    batch.add(
                        Assignment(
                            id=rng.uid(), member_id=member.id, room_id=room.id, start_date=start
                        )
                    )
                    if member not in linked:
                        linked.append(member)
            targets.append(
                RoomTarget(
                    room_id=room.id,
                    node_id=room.node_id or "",
                    name=room.name,
                    village=village,
                    kind=room.kind,
                    township=street,
                    members=tuple(PersonRef(m.id, m.name) for m in linked),
                )
            )
    _teams(session, batch, rng, members)
    kinds = _kinds(session, batch, rng)
    _rules(
        session,
        batch,
        rng,
        name=f"{district.name}委员履职评价办法",
        since=min(start, date(term_of(start)[1], 1, 1)),
    )
    return Roster(batch=batch, targets=targets, kinds=kinds, members=len(members))


def room_roster(
    session: Session,
    rng: DemoRandom,
    *,
    room: Room,
    owner: str,
    start: date,
) -> tuple[Roster, list[PersonRef]]:
    """A room's members; a room that holds none gets a small roster as if from a district.

    Rows made here belong to `owner` (a district node) and are written as an import.
    """
    batch = Batch(owner)
    live = Member.deleted.is_(False) & Member.active.is_(True)
    places = [Assignment.room_id == room.id]
    if room.area_id is not None:
        places.append(Assignment.area_id == room.area_id)
    linked_ids = select(Assignment.member_id).where(Assignment.deleted.is_(False), or_(*places))
    found = list(
        session.scalars(select(Member).where(live, Member.id.in_(linked_ids)).order_by(Member.id))
    )
    if not found:
        everyone = list(session.scalars(select(Member).where(live).order_by(Member.id)))
        found = rng.sample(everyone, min(len(everyone), 8))
    members = [PersonRef(m.id, m.name) for m in found]
    made = 0
    if not members:
        new = _members(batch, rng, count=rng.randint(6, 8), start=start)
        for member in new:
            batch.add(
                Assignment(id=rng.uid(), member_id=member.id, room_id=room.id, start_date=start)
            )
        _teams(session, batch, rng, new)
        members = [PersonRef(m.id, m.name) for m in new]
        made = len(new)
    kinds = _kinds(session, batch, rng)
    _rules(
        session,
        batch,
        rng,
        name="委员履职评价办法",
        since=min(start, date(term_of(start)[1], 1, 1)),
    )
    return Roster(batch=batch, targets=[], kinds=kinds, members=made), members
