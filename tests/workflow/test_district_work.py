"""The district's own work: meetings, activities and cases of the district office or a
township, under their office hosts: the district's, kept home, counted as the district's."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.checks import run_checks
from desktop.db import Database
from desktop.models import Activity, ActivityKind, Meeting, Member, Room, Township
from desktop.models.enums import Gender, MeetingStatus, MemberLevel, RoomKind
from desktop.overview import dashboard_figures
from desktop.queries.district_work import read_office_choices
from desktop.queries.rooms import read_rooms_overview
from desktop.rules import RuleError
from desktop.stats import format_stats, year_stats
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.workflow.activities import ActivityData
from desktop.workflow.agenda import put_immediate_on_agenda, set_meeting_status
from desktop.workflow.district_work import host_room_id, plan_office_meeting
from desktop.workflow.records import save_record
from tests.sync_pair import Pair


def _stick(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def _township_id(db: Database) -> str:
    with db.session() as session:
        return session.scalars(select(Township.id)).one()


def _held_meeting(db: Database, township_id: str | None, title: str) -> str:
    meeting_id = plan_office_meeting(db, township_id=township_id, held_on=clock.today())
    put_immediate_on_agenda(db, meeting_id, title=title)
    set_meeting_status(db, meeting_id, target=MeetingStatus.HELD)
    return meeting_id


def _activity(db: Database, township_id: str | None) -> str:
    with db.session() as session:
        kind_id = session.scalars(select(ActivityKind.id).order_by(ActivityKind.code)).first()
        member = Member(
            name="陈建华", gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT
        )
        session.add(member)
        session.flush()
        member_id = member.id
    assert kind_id is not None
    return save_record(
        db,
        ActivityData(
            kind_id=kind_id,
            held_on=clock.today(),
            title="民主监督：老旧小区改造",
            member_ids=(member_id,),
        ),
        room_id=host_room_id(db, township_id),
        record_id=None,
        suggestions=(),
        today=clock.today(),
    )


def test_district_records_its_own_work_kept_home_and_counted_as_its_own(
    pair: Pair, tmp_path: Path
) -> None:
    district, room = pair.district, pair.room
    # The room's first bundle, so the district may send to it.
    import_bundle(district, export_bundle(room, to_dir=_stick(tmp_path, "up")).path)
    township = _township_id(district)
    choices = read_office_choices(district)
    assert [c.township_id for c in choices] == [None, township]
    assert choices[0].name == "崇川区政协"

    district_meeting = _held_meeting(district, None, "专题协商：城区停车难")
    township_meeting = _held_meeting(district, township, "协商议事会：菜场改造")
    activity = _activity(district, None)

    node = district.installation()
    assert node is not None
    with district.session() as session:
        hosts = {
            r.kind: r for r in session.scalars(select(Room).where(Room.node_id == node.node_id))
        }
        assert set(hosts) == {RoomKind.DISTRICT_OFFICE, RoomKind.TOWNSHIP_OFFICE}
        assert hosts[RoomKind.DISTRICT_OFFICE].township_id is None
        assert hosts[RoomKind.TOWNSHIP_OFFICE].township_id == township
        for meeting_id in (district_meeting, township_meeting):
            assert session.get_one(Meeting, meeting_id).owner_node == node.node_id
        assert session.get_one(Activity, activity).owner_node == node.node_id
    # The same host again: one per office.
    assert host_room_id(district, None) == hosts[RoomKind.DISTRICT_OFFICE].id

    # Never a room: not listed, not counted, never silent.
    overview = read_rooms_overview(district, today=clock.today())
    assert [r.name for r in overview.rooms] == ["和平桥社区协商议事室"]
    assert dashboard_figures(district).rooms == 1

    # Never sent to a room: neither the hosts nor anything under them.
    sent = export_bundle(district, to_dir=_stick(tmp_path, "down"), full=True)
    for table in ("meeting", "agenda_item", "topic", "activity"):
        assert table not in sent.counts
    assert sent.counts.get("room") == 1
    import_bundle(room, sent.path)
    with room.session() as session:
        assert session.scalars(select(Meeting.id)).all() == []
        kinds = set(session.scalars(select(Room.kind)))
        assert kinds <= {RoomKind.VILLAGE, RoomKind.COMMUNITY}

    # Counted as the district's and the township's, apart from the rooms.
    stats = year_stats(district, year=clock.today().year)
    assert stats["meetings"] == 2
    assert [r["meetings"] for r in stats["rooms"] if r["office"] is None] == [0]
    offices = {o["office"]: o for o in stats["offices"]}
    assert offices["district"]["meetings"] == 1
    assert offices["district"]["name"] == "崇川区政协"
    assert offices["township"]["meetings"] == 1
    assert offices["township"]["township_id"] == township
    # The per-township list: the township (its own work too) and the district's own line.
    town, own = stats["townships"]
    assert (town["meetings"], town["room_count"]) == (1, 1)
    assert (own["office"], own["meetings"]) == ("district", 1)
    assert "崇川区政协（本级）" in format_stats(stats)
    assert run_checks(district, today=clock.today()) == []
    assert run_checks(room, today=clock.today()) == []


def test_a_room_cannot_record_office_work(room_db: Database) -> None:
    with pytest.raises(RuleError):
        host_room_id(room_db, None)
    assert read_office_choices(room_db) == []
