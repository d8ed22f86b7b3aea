"""The roster (assigned members first) and the participant list."""

from __future__ import annotations

from datetime import date

from desktop.db import Database
from desktop.listing import fetch_rows
from desktop.models import Area, Assignment, Member, Room
from desktop.models.enums import Gender, MemberLevel, ParticipantKind
from desktop.queries import people
from tests.desk_builders import TODAY, add_participant, room_id_of


def _member(name: str, sector: str = "经济界") -> Member:
    return Member(name=name, gender=Gender.FEMALE, sector=sector, level=MemberLevel.DISTRICT)


def test_assigned_members_come_first(room_db: Database) -> None:
    room_id = room_id_of(room_db)
    with room_db.session() as s:
        others = [_member("陈静"), _member("丁力", sector="教育界")]
        mine, ended = _member("赵敏"), _member("钱多")
        s.add_all([*others, mine, ended])
        s.flush()
        s.add(Assignment(member_id=mine.id, room_id=room_id, start_date=date(2025, 1, 1)))
        s.add(
            Assignment(
                member_id=ended.id,
                room_id=room_id,
                start_date=date(2024, 1, 1),
                end_date=date(2025, 1, 1),
            )
        )
    with room_db.session() as s:
        room = s.get(Room, room_id)
        rows = fetch_rows(room_db, people.member_list(room=room, today=TODAY))
        assert rows[0].name == "赵敏" and rows[0].assigned
        assert not any(row.assigned for row in rows[1:])
        assert len(rows) == 4
        found = fetch_rows(room_db, people.member_list(room=room, today=TODAY, search="教育"))
        assert [row.name for row in found] == ["丁力"]


def test_participants_by_kind_and_search(room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        add_participant(s, room, "王大妈")
        add_participant(s, room, "李科长", kind=ParticipantKind.DEPARTMENT, unit="城管局")
        gone = add_participant(s, room, "已删除")
        gone.deleted = True
    rows = fetch_rows(room_db, people.participant_list(room_id=room))
    assert {row.name for row in rows} == {"王大妈", "李科长"}
    dept = people.participant_list(room_id=room, kind=ParticipantKind.DEPARTMENT)
    assert [row.name for row in fetch_rows(room_db, dept)] == ["李科长"]
    found = people.participant_list(room_id=room, search="城管")
    assert [row.name for row in fetch_rows(room_db, found)] == ["李科长"]


def test_room_member_list_puts_the_area_s_members_first(room_db: Database) -> None:
    room_id = room_id_of(room_db)
    with room_db.session() as s:
        room = s.get(Room, room_id)
        assert room is not None
        area = Area(township_id=room.township_id, name="城东片区")
        s.add(area)
        s.flush()
        room.area_id = area.id
        other, of_area = _member("陈静"), _member("赵敏")
        s.add_all([other, of_area])
        s.flush()
        s.add(Assignment(member_id=of_area.id, area_id=area.id, start_date=date(2025, 1, 1)))
    rows = fetch_rows(room_db, people.room_member_list(room_db, room_id, today=TODAY))
    assert [(row.name, row.assigned) for row in rows] == [("赵敏", True), ("陈静", False)]
    everyone = fetch_rows(room_db, people.room_member_list(room_db, None, today=TODAY))
    assert not any(row.assigned for row in everyone)


def test_merge_candidates_offer_the_same_name_first(room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        keep = add_participant(s, room, "王大妈").id
        add_participant(s, room, "李科长", kind=ParticipantKind.DEPARTMENT, unit="城管局")
        twin = add_participant(s, room, "王大妈", phone="13812345678").id
    choice = people.merge_candidates(room_db, keep)
    assert choice.keep == people.read_participant(room_db, keep)
    assert choice.keep.name == "王大妈"
    assert choice.others[0][0] == twin
    assert [text for _id, text in choice.others] == [
        "王大妈 · 群众代表",
        "李科长 · 职能部门 · 城管局",
    ]
