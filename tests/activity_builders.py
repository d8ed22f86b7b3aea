"""Hand-made roster, activity kinds and record forms for the activities, cases and settings
tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select

from desktop.db import Database
from desktop.models import ActivityKind, Assignment, Member
from desktop.models.enums import CaseKind, Gender, MemberLevel
from desktop.workflow.activities import ActivityData
from desktop.workflow.cases import CaseData

TODAY = date(2026, 11, 29)


@dataclass(frozen=True)
class Roster:
    """Ids of what `build_roster` made."""

    room_id: str
    kinds: dict[str, str]  # code → id
    members: dict[str, str]  # name → id


def build_roster(db: Database) -> Roster:
    """Three activity kinds and three members, the first two assigned to this room."""
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    with db.session() as s:
        # A district starts with the standard kinds (desktop.setup); a room may not have them.
        existing = {k.code: k for k in s.scalars(select(ActivityKind))}
        kinds = {
            code: existing.get(code)
            or ActivityKind(code=code, name=name, counts_as_inspection=code == "inspection")
            for code, name in (
                ("reading", "书香政协读书活动"),
                ("reception", "委员接待日"),
                ("inspection", "视察调研"),
            )
        }
        members = {
            name: Member(name=name, gender=gender, sector=sector, level=MemberLevel.DISTRICT)
            for name, gender, sector in (
                ("陈建华", Gender.MALE, "经济界"),
                ("王秀英", Gender.FEMALE, "教育界"),
                ("李志强", Gender.MALE, "农业界"),
            )
        }
        s.add_all([*kinds.values(), *members.values()])
        s.flush()
        for name in ("陈建华", "王秀英"):
            s.add(
                Assignment(member_id=members[name].id, room_id=room_id, start_date=date(2025, 1, 1))
            )
        return Roster(
            room_id=room_id,
            kinds={code: kind.id for code, kind in kinds.items()},
            members={name: member.id for name, member in members.items()},
        )


def activity_data(roster: Roster, **changes: Any) -> ActivityData:
    """A reading session of two members, as its form would hold it, with `changes`."""
    data = ActivityData(
        kind_id=roster.kinds["reading"],
        held_on=date(2026, 11, 20),
        title="  共读《乡土中国》 ",
        place="和平桥社区协商议事室",
        member_ids=(roster.members["陈建华"], roster.members["王秀英"]),
        others_present="居民代表6人",
        summary="交流读书心得。",
    )
    return replace(data, **changes)


def case_data(roster: Roster, **changes: Any) -> CaseData:
    """An open mediation case of one member, as its form would hold it, with `changes`."""
    data = CaseData(
        kind=CaseKind.MEDIATION,
        subject="楼上漏水引发邻里纠纷",
        opened_on=date(2026, 11, 2),
        parties="张某；刘某",
        member_ids=(roster.members["李志强"],),
    )
    return replace(data, **changes)
