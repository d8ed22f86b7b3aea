"""The roster (assigned members first) and the participant list."""

from __future__ import annotations

from datetime import date

from desktop.db import Database
from desktop.listing import fetch_rows
from desktop.models import Assignment, Member, Room
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
