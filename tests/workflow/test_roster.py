"""The district's roster: members, areas, teams and assignments, and what a room may not do."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import Area, Assignment, Member, Room, Team, TeamMembership, Township
from desktop.models.enums import Gender, MemberLevel, RoomKind, TeamKind
from desktop.pinyin import initials, matches
from desktop.queries import roster as queries
from desktop.rules import RuleError
from desktop.workflow import roster
from desktop.workflow.roster import MemberData, MemberFieldError
from desktop.workflow.stale import StaleEditError
from tests.sync.helpers import send
from tests.sync_pair import Pair

# Dates relative to today, so the tests hold on any day the suite runs.
TODAY = clock.today()
YEAR_AGO = TODAY - timedelta(days=365)
MONTH_AGO = TODAY - timedelta(days=30)

ZHANG = MemberData(
    name="张建华",
    gender=Gender.MALE,
    sector="经济界",
    level=MemberLevel.DISTRICT,
    party="中共党员",
    workplace="南通瑞恒纺织有限公司",
    post="总经理",
    phone="13812345678",
    expertise="经济发展",
    term="第十七届",
    term_start_year=2021,
    term_end_year=2026,
)
CHEN = MemberData(name="陈丽华", gender=Gender.FEMALE, sector="教育界", level=MemberLevel.CITY)


@dataclass
class Places:
    township: str
    other_township: str
    rooms: list[str]
    far_room: str


@pytest.fixture
def places(district_db: Database) -> Places:
    installation = district_db.installation()
    assert installation is not None
    with district_db.session() as s:
        town = Township(district_id=installation.district_id, name="和平桥街道")
        far = Township(district_id=installation.district_id, name="城东街道")
        s.add_all([town, far])
        s.flush()
        rooms = [
            Room(township_id=town.id, name=f"{v}协商议事室", village=v, kind=RoomKind.COMMUNITY)
            for v in ("八仙城社区", "桃坞路社区", "濠南社区")
        ]
        far_room = Room(
            township_id=far.id,
            name="城东社区协商议事室",
            village="城东社区",
            kind=RoomKind.COMMUNITY,
        )
        s.add_all([*rooms, far_room])
        s.flush()
        return Places(town.id, far.id, [r.id for r in rooms], far_room.id)


def _member(db: Database, member_id: str) -> Member:
    with db.session() as s:
        member = s.get_one(Member, member_id)
        s.expunge(member)
        return member


def test_add_and_edit_a_member_with_every_field(district_db: Database) -> None:
    member_id = roster.save_member(district_db, ZHANG)
    stored = _member(district_db, member_id)
    assert (stored.name, stored.party, stored.post, stored.phone, stored.active) == (
        "张建华",
        "中共党员",
        "总经理",
        "13812345678",
        True,
    )
    edited = replace(ZHANG, post="董事长", workplace="  ", phone=None)
    roster.save_member(district_db, edited, member_id=member_id, expected_revision=stored.revision)
    again = _member(district_db, member_id)
    assert (again.post, again.workplace, again.phone) == ("董事长", None, None)
    # The form loaded the first revision: saving it again would undo the edit.
    with pytest.raises(StaleEditError):
        roster.save_member(
            district_db, ZHANG, member_id=member_id, expected_revision=stored.revision
        )


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"name": "  "}, "name", "姓名"),
        ({"sector": "火星界"}, "sector", "火星界"),
        ({"sector": ""}, "sector", "界别"),
        ({"phone": "138-abc"}, "phone", "电话"),
        ({"term_start_year": 2026, "term_end_year": 2021}, "term_end_year", "早于任期起"),
        ({"term_start_year": 1800}, "term_start_year", "任期起"),
        ({"post": "长" * 101}, "post", "职务"),
    ],
)
def test_a_bad_field_is_refused_naming_it(
    district_db: Database, change: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(MemberFieldError) as refused:
        roster.save_member(district_db, replace(ZHANG, **change))  # type: ignore[arg-type]
    assert refused.value.field == field
    assert words in str(refused.value)
    with district_db.session() as s:
        assert s.scalars(select(Member)).all() == []


def test_a_phone_used_by_another_active_member_is_refused(district_db: Database) -> None:
    roster.save_member(district_db, ZHANG)
    with pytest.raises(MemberFieldError, match="张建华") as refused:
        roster.save_member(district_db, replace(CHEN, phone="138 1234 5678"))
    assert refused.value.field == "phone"


def test_sector_list_is_the_one_the_demo_uses() -> None:
    from desktop.demo import vocabulary

    assert vocabulary.SECTORS is roster.SECTORS


def test_retire_ends_open_assignments_and_keeps_the_member(
    district_db: Database, places: Places
) -> None:
    member_id = roster.save_member(district_db, ZHANG)
    area_id = roster.save_area(
        district_db, township_id=places.township, name="第一片区", room_ids=places.rooms[:2]
    )
    past = roster.assign(
        district_db, member_id=member_id, area_id=area_id, start=YEAR_AGO, end=MONTH_AGO
    )
    current = roster.assign(
        district_db, member_id=member_id, room_id=places.rooms[2], start=MONTH_AGO
    )
    planned = roster.assign(
        district_db, member_id=member_id, area_id=area_id, start=TODAY + timedelta(days=10)
    )
    roster.retire_member(district_db, member_id, on=TODAY)
    with district_db.session() as s:
        member = s.get_one(Member, member_id)
        assert (member.active, member.deleted) == (False, False)
        rows = {a.id: a for a in s.scalars(select(Assignment))}
        assert rows[past].end_date == MONTH_AGO  # history untouched
        assert rows[current].end_date == TODAY
        assert rows[planned].deleted  # never took effect
    with pytest.raises(RuleError, match="已经退出"):
        roster.retire_member(district_db, member_id, on=TODAY)
    # A retired member's phone is free; reinstating while someone else holds it is refused.
    other = roster.save_member(district_db, replace(CHEN, phone="13812345678"))
    with pytest.raises(MemberFieldError, match="陈丽华"):
        roster.reinstate_member(district_db, member_id)
    roster.save_member(district_db, CHEN, member_id=other)
    roster.reinstate_member(district_db, member_id)
    assert _member(district_db, member_id).active


def test_areas_cover_rooms_of_their_township(district_db: Database, places: Places) -> None:
    first = roster.save_area(
        district_db, township_id=places.township, name="第一片区", room_ids=places.rooms[:2]
    )
    second = roster.save_area(
        district_db, township_id=places.township, name="第二片区", room_ids=[places.rooms[1]]
    )
    with district_db.session() as s:
        area_of = {r.id: r.area_id for r in s.scalars(select(Room))}
    assert area_of[places.rooms[0]] == first
    assert area_of[places.rooms[1]] == second  # moved
    assert area_of[places.rooms[2]] is None
    with pytest.raises(RuleError, match="已有名为「第一片区」"):
        roster.save_area(district_db, township_id=places.township, name="第一片区", room_ids=[])
    with pytest.raises(RuleError, match="不属于和平桥街道"):
        roster.save_area(
            district_db, township_id=places.township, name="第三片区", room_ids=[places.far_room]
        )
    with pytest.raises(RuleError, match="片区名称"):
        roster.save_area(district_db, township_id=places.township, name=" ", room_ids=[])
    roster.save_area(
        district_db, township_id=places.township, name="一片区", room_ids=[], area_id=first
    )
    with district_db.session() as s:
        rows = queries.areas(s, today=TODAY)
        assert [(a.name, [r.name for r in a.rooms]) for a in rows] == [
            ("一片区", []),
            ("第二片区", ["桃坞路社区协商议事室"]),
        ]
        assert [r.area_name for r in queries.rooms_of_township(s, places.township)] == [
            None,
            "第二片区",
            None,
        ]


def test_overlapping_assignments_to_one_place_are_refused_naming_the_dates(
    district_db: Database, places: Places
) -> None:
    member_id = roster.save_member(district_db, ZHANG)
    area_id = roster.save_area(
        district_db, township_id=places.township, name="第一片区", room_ids=places.rooms
    )
    first = roster.assign(
        district_db, member_id=member_id, area_id=area_id, start=YEAR_AGO, end=MONTH_AGO
    )
    with pytest.raises(RuleError, match="重叠") as refused:
        roster.assign(district_db, member_id=member_id, area_id=area_id, start=MONTH_AGO)
    assert f"{MONTH_AGO.year}年{MONTH_AGO.month}月{MONTH_AGO.day}日" in str(refused.value)
    # The day after is fine, and so is another place at the same time.
    roster.assign(
        district_db, member_id=member_id, area_id=area_id, start=MONTH_AGO + timedelta(days=1)
    )
    roster.assign(district_db, member_id=member_id, room_id=places.far_room, start=YEAR_AGO)
    with pytest.raises(RuleError, match="二者选一"):
        roster.assign(
            district_db,
            member_id=member_id,
            area_id=area_id,
            room_id=places.far_room,
            start=TODAY,
        )
    with pytest.raises(RuleError, match="早于派驻起"):
        roster.assign(district_db, member_id=member_id, area_id=area_id, start=TODAY, end=YEAR_AGO)
    # An ended assignment is never rewritten.
    with pytest.raises(RuleError, match="已结束"):
        roster.end_assignment(district_db, first, on=MONTH_AGO - timedelta(days=1))
    with district_db.session() as s:
        rows = queries.assignments_of(s, member_id, today=TODAY)
    assert [(r.place, r.start, r.end, r.current) for r in rows] == [
        ("第一片区", MONTH_AGO + timedelta(days=1), None, True),
        ("城东社区协商议事室", YEAR_AGO, None, True),
        ("第一片区", YEAR_AGO, MONTH_AGO, False),
    ]


def test_ending_an_assignment_keeps_it_in_the_history(
    district_db: Database, places: Places
) -> None:
    member_id = roster.save_member(district_db, ZHANG)
    assignment = roster.assign(
        district_db, member_id=member_id, room_id=places.rooms[0], start=YEAR_AGO
    )
    with pytest.raises(RuleError, match="早于派驻起"):
        roster.end_assignment(district_db, assignment, on=YEAR_AGO - timedelta(days=1))
    roster.end_assignment(district_db, assignment, on=MONTH_AGO)
    with district_db.session() as s:
        row = s.get_one(Assignment, assignment)
        assert (row.end_date, row.deleted) == (MONTH_AGO, False)
        assert queries.assigned_members(s, room_id=places.rooms[0], today=TODAY) == []
        assert [
            c.name for c in queries.assigned_members(s, room_id=places.rooms[0], today=MONTH_AGO)
        ] == ["张建华"]


def test_teams_and_their_members(district_db: Database) -> None:
    zhang = roster.save_member(district_db, ZHANG)
    chen = roster.save_member(district_db, CHEN)
    team = roster.save_team(district_db, name="专业助力委员团队", kind=TeamKind.EXPERT_SUPPORT)
    with pytest.raises(RuleError, match="已有名为"):
        roster.save_team(district_db, name="专业助力委员团队", kind=TeamKind.SUPERVISION)
    roster.set_team_members(district_db, team, [(zhang, "法律咨询组"), (chen, None)])
    roster.set_team_members(district_db, team, [(chen, "心理疏导组")])
    with district_db.session() as s:
        rows = queries.teams(s)
        assert [(m.name, m.group) for m in rows[0].members] == [("陈丽华", "心理疏导组")]
        # Taken off is a tombstone (a room hears of it), and coming back revives the row.
        assert len(s.scalars(select(TeamMembership)).all()) == 2
    roster.set_team_members(district_db, team, [(chen, "心理疏导组"), (zhang, None)])
    with district_db.session() as s:
        assert len(s.scalars(select(TeamMembership)).all()) == 2
        listed = {m.name: m.teams for m in queries.members(s, today=TODAY)}
    assert listed == {
        "张建华": ("专业助力委员团队",),
        "陈丽华": ("专业助力委员团队（心理疏导组）",),
    }
    with pytest.raises(RuleError, match="两次"):
        roster.set_team_members(district_db, team, [(chen, None), (chen, "x")])


def test_search_by_name_pinyin_initials_and_other_fields(
    district_db: Database, places: Places
) -> None:
    zhang = roster.save_member(district_db, ZHANG)
    roster.save_member(district_db, CHEN)
    roster.assign(district_db, member_id=zhang, room_id=places.rooms[0], start=MONTH_AGO)
    with district_db.session() as s:

        def names(text: str) -> list[str]:
            return [m.name for m in queries.members(s, today=TODAY, search=text)]

        assert names("zjh") == ["张建华"]
        assert names("ZJ") == ["张建华"]
        assert names("lh") == ["陈丽华"]
        assert names("华") == ["陈丽华", "张建华"]  # by initials: clh before zjh
        assert names("教育") == ["陈丽华"]
        assert names("xyz") == []
        row = queries.member(s, zhang, today=TODAY)
    assert row is not None and row.places == ("八仙城社区协商议事室",)
    assert row.data() == ZHANG


def test_pinyin_helper() -> None:
    assert initials("张建华") == "zjh"
    assert initials("王2号") == "w2h"
    assert matches("zh", "曾华")  # 曾 is also read zeng
    assert matches("", "任何人")
    assert not matches("q", "张建华")


def test_a_room_cannot_edit_the_roster(room_db: Database) -> None:
    with pytest.raises(RuleError, match="委员名册由区政协维护"):
        roster.save_member(room_db, ZHANG)
    with pytest.raises(RuleError, match="委员名册由区政协维护"):
        roster.save_team(room_db, name="x", kind=TeamKind.CONSULTATION)
    with room_db.session() as s:
        assert s.scalars(select(Member)).all() == []


def test_an_unused_area_is_deleted_and_its_rooms_left_in_no_area(
    district_db: Database, places: Places
) -> None:
    area = roster.save_area(
        district_db, township_id=places.township, name="第一片区", room_ids=places.rooms[:2]
    )
    with district_db.session() as s:
        revision = s.get_one(Area, area).revision
    with pytest.raises(StaleEditError):
        roster.delete_area(district_db, area, expected_revision=revision - 1)
    roster.delete_area(district_db, area, expected_revision=revision)
    with district_db.session() as s:
        assert s.get_one(Area, area).deleted  # a tombstone, so the rooms hear of it
        assert {r.area_id for r in s.scalars(select(Room))} == {None}
        assert queries.areas(s, today=TODAY) == []
    with pytest.raises(RuleError, match="已删除"):
        roster.delete_area(district_db, area)
    # The name is free again: the same area comes back, covering what is chosen now.
    again = roster.save_area(
        district_db, township_id=places.township, name="第一片区", room_ids=[places.rooms[2]]
    )
    with district_db.session() as s:
        assert [r.id for r in s.scalars(select(Room).where(Room.area_id == again))] == [
            places.rooms[2]
        ]


def test_an_area_any_assignment_names_is_never_deleted(
    district_db: Database, places: Places
) -> None:
    member_id = roster.save_member(district_db, ZHANG)
    area = roster.save_area(
        district_db, township_id=places.township, name="第一片区", room_ids=places.rooms[:1]
    )
    ended = roster.assign(
        district_db, member_id=member_id, area_id=area, start=YEAR_AGO, end=MONTH_AGO
    )
    with pytest.raises(RuleError) as refused:
        roster.delete_area(district_db, area)
    message = str(refused.value)
    # Why (history), and what to do instead.
    assert "第一片区" in message and "1 条派驻记录" in message and "历史" in message
    assert "结束" in message and "撤销" in message
    with district_db.session() as s:
        assert not s.get_one(Area, area).deleted
        assert s.get_one(Room, places.rooms[0]).area_id == area
    # A cancelled (mistaken) assignment does not count: it never happened.
    roster.cancel_assignment(district_db, ended)
    roster.delete_area(district_db, area)


def test_a_team_is_deleted_with_its_memberships(district_db: Database) -> None:
    zhang = roster.save_member(district_db, ZHANG)
    chen = roster.save_member(district_db, CHEN)
    team = roster.save_team(district_db, name="民主监督小组", kind=TeamKind.SUPERVISION)
    roster.set_team_members(district_db, team, [(zhang, "第一组"), (chen, None)])
    assert roster.delete_team(district_db, team) == 2
    with district_db.session() as s:
        assert s.get_one(Team, team).deleted
        assert [row.deleted for row in s.scalars(select(TeamMembership))] == [True, True]
        assert queries.teams(s) == []
        assert {m.name: m.teams for m in queries.members(s, today=TODAY)} == {
            "张建华": (),
            "陈丽华": (),
        }
        assert len(s.scalars(select(Member).where(Member.active.is_(True))).all()) == 2
    # Made again under the same name, the team starts empty.
    assert roster.save_team(district_db, name="民主监督小组", kind=TeamKind.SUPERVISION) == team
    with district_db.session() as s:
        assert [t.members for t in queries.teams(s)] == [()]


def test_a_mistaken_assignment_is_cancelled_ended_or_not(
    district_db: Database, places: Places
) -> None:
    member_id = roster.save_member(district_db, ZHANG)
    ongoing = roster.assign(district_db, member_id=member_id, room_id=places.rooms[0], start=TODAY)
    ended = roster.assign(
        district_db, member_id=member_id, room_id=places.rooms[1], start=YEAR_AGO, end=MONTH_AGO
    )
    roster.cancel_assignment(district_db, ongoing)
    roster.cancel_assignment(district_db, ended)
    with district_db.session() as s:
        assert [a.deleted for a in s.scalars(select(Assignment))] == [True, True]
        assert queries.assignments_of(s, member_id, today=TODAY) == []
        assert queries.assigned_members(s, room_id=places.rooms[0], today=TODAY) == []
    with pytest.raises(RuleError, match="已撤销"):
        roster.cancel_assignment(district_db, ongoing)
    # The same assignment can be made again, the right way this time.
    roster.assign(district_db, member_id=member_id, room_id=places.rooms[0], start=TODAY)


def test_deletions_travel_to_the_room_as_tombstones(pair: Pair, tmp_path: Path) -> None:
    district, room = pair.district, pair.room
    room_id = room.installation().room_id  # type: ignore[union-attr]
    with district.session() as s:
        township_id = s.get_one(Room, room_id).township_id
    assert township_id is not None
    member_id = roster.save_member(district, ZHANG)
    area = roster.save_area(district, township_id=township_id, name="第一片区", room_ids=[room_id])
    team = roster.save_team(district, name="协商议事团", kind=TeamKind.CONSULTATION)
    roster.set_team_members(district, team, [(member_id, None)])
    mistaken = roster.assign(district, member_id=member_id, room_id=room_id, start=MONTH_AGO)
    send(room, district, tmp_path / "hello")  # the room's first bundle binds its key
    send(district, room, tmp_path / "first")
    with room.session() as s:
        assert s.get_one(Room, room_id).area_id == area
        assert not s.get_one(Assignment, mistaken).deleted
    roster.cancel_assignment(district, mistaken)
    roster.delete_area(district, area)
    roster.delete_team(district, team)
    send(district, room, tmp_path / "second")
    with room.session() as s:
        assert s.get_one(Room, room_id).area_id is None
        assert s.get_one(Area, area).deleted and s.get_one(Team, team).deleted
        assert s.get_one(Assignment, mistaken).deleted
        assert all(row.deleted for row in s.scalars(select(TeamMembership)))
        assert queries.assigned_members(s, room_id=room_id, today=TODAY) == []
