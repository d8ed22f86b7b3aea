"""The district's alerts (desktop.queries.alerts) and how the 工作台 lists them, each kind at
its edges: silent exactly at the threshold, minutes exactly N days on, quarter boundaries."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop import settings
from desktop.db import Database
from desktop.models import Meeting, Room, SyncBundle, SyncPeer, Township
from desktop.models.base import new_id
from desktop.models.enums import MeetingForm, MeetingStatus, RoomKind
from desktop.queries import alerts
from desktop.queries.desk import PAGE_OF_KIND, AttentionKind, Level, attention_items
from desktop.workflow.district_work import office_host
from tests.supervision_builders import BUILD, CITY, WATER, build_supervision

K = AttentionKind


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 9, 30), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 10, 1), date(2026, 12, 31)),
        (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
        (date(2028, 2, 29), date(2028, 1, 1), date(2028, 3, 31)),
    ],
)
def test_quarters(day: date, start: date, end: date) -> None:
    assert (alerts.quarter_start(day), alerts.quarter_end(day)) == (start, end)


def _noon(day: date) -> datetime:
    """Midday local time, as an aware datetime: the same local day in any zone."""
    return datetime.combine(day, time(12)).astimezone()


class Rooms:
    """Rooms of one township, added one call each."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with db.session() as s:
            township = Township(name="兴仁镇")
            s.add(township)
            s.flush()
            self.township = township.id

    def room(self, name: str, *, retired_on: date | None = None) -> str:
        with self.db.session() as s:
            room = Room(
                township_id=self.township,
                name=name,
                village=name,
                kind=RoomKind.VILLAGE,
                node_id=new_id(),
                retired_on=retired_on,
            )
            s.add(room)
            s.flush()
            return room.id

    def enrol(self, room_id: str, *, on: date, last_bundle: date | None = None) -> None:
        with self.db.session() as s:
            node = s.get_one(Room, room_id).node_id
            assert node is not None
            s.add(SyncPeer(node_id=node, role="room", room_id=room_id, enrolled_at=_noon(on)))
            if last_bundle is not None:
                s.add(
                    SyncBundle(
                        bundle_id=new_id(),
                        direction="in",
                        peer_node=node,
                        sequence=1,
                        change_from=0,
                        change_to=1,
                        manifest_sha256="0" * 64,
                        state_digest="0" * 64,
                        file_name="x.yishi",
                        at=_noon(last_bundle),
                    )
                )

    def meeting(self, room_id: str, held_on: date, status: MeetingStatus) -> str:
        with self.db.session() as s:
            meeting = Meeting(
                room_id=room_id,
                held_on=held_on,
                title=f"{held_on}议事会",
                form=MeetingForm.ONSITE,
                status=status,
                finalised_at=_noon(held_on) if status is MeetingStatus.MINUTES_FINAL else None,
            )
            s.add(meeting)
            s.flush()
            return meeting.id


TODAY = date(2026, 12, 10)


def test_a_room_is_silent_from_the_threshold_on(district_db: Database) -> None:
    rooms = Rooms(district_db)
    exactly = rooms.room("正好45天")
    rooms.enrol(exactly, on=TODAY - timedelta(days=45))
    one_less = rooms.room("44天")
    rooms.enrol(one_less, on=TODAY - timedelta(days=45), last_bundle=TODAY - timedelta(days=44))
    long_ago = rooms.room("很久没发")
    rooms.enrol(long_ago, on=TODAY - timedelta(days=300), last_bundle=TODAY - timedelta(days=90))
    retired = rooms.room("已停用", retired_on=TODAY - timedelta(days=100))
    rooms.enrol(retired, on=TODAY - timedelta(days=300))
    rooms.room("未登记")
    with district_db.session() as s:
        silent = alerts.silent_rooms(s, today=TODAY)
        assert [(r.name, r.days_silent) for r in silent] == [("很久没发", 90), ("正好45天", 45)]
        settings.put(s, settings.ROOM_SILENT_DAYS, 44)
        assert [r.name for r in alerts.silent_rooms(s, today=TODAY)] == [
            "很久没发",
            "正好45天",
            "44天",
        ]
        items = [i for i in attention_items(s, today=TODAY) if i.kind is K.SILENT_ROOM]
    by_room = {i.record_id: i for i in items}
    assert (by_room[long_ago].days, by_room[long_ago].level) == (90, Level.URGENT)
    assert by_room[long_ago].day == TODAY - timedelta(days=90)
    assert by_room[exactly].day is None  # never sent one since its enrolment
    assert by_room[one_less].days == 44
    assert PAGE_OF_KIND[K.SILENT_ROOM] == "rooms"


def test_minutes_not_final_from_the_settings_day_on(district_db: Database) -> None:
    rooms = Rooms(district_db)
    room = rooms.room("徐庄村")
    due = rooms.meeting(room, TODAY - timedelta(days=7), MeetingStatus.HELD)
    rooms.meeting(room, TODAY - timedelta(days=6), MeetingStatus.HELD)
    drafted = rooms.meeting(room, TODAY - timedelta(days=20), MeetingStatus.MINUTES_DRAFTED)
    rooms.meeting(room, TODAY - timedelta(days=30), MeetingStatus.MINUTES_FINAL)
    rooms.meeting(room, TODAY - timedelta(days=30), MeetingStatus.CANCELLED)
    rooms.meeting(room, TODAY - timedelta(days=30), MeetingStatus.PLANNED)
    with district_db.session() as s:
        office = office_host(s, None).id
    own = rooms.meeting(office, TODAY - timedelta(days=8), MeetingStatus.HELD)
    with district_db.session() as s:
        late = alerts.minutes_not_final(s, today=TODAY, limit=50)
        assert [(m.meeting_id, m.days) for m in late] == [(drafted, 20), (own, 8), (due, 7)]
        assert late[1].room_name == "崇川区政协"  # the district's own meeting, named so
        settings.put(s, settings.MINUTES_DUE_DAYS, 10)
        assert [m.meeting_id for m in alerts.minutes_not_final(s, today=TODAY, limit=50)] == [
            drafted
        ]
        items = [i for i in attention_items(s, today=TODAY) if i.kind is K.MINUTES_NOT_FINAL]
    assert [(i.record_id, i.days, i.page_key) for i in items] == [(drafted, 20, "meetings")]


@pytest.mark.parametrize(
    ("today", "level"),
    [
        (date(2026, 4, 1), Level.INFO),  # the quarter's first day
        (date(2026, 5, 31), Level.INFO),
        (date(2026, 6, 1), Level.REMINDER),  # its last month
        (date(2026, 6, 30), Level.REMINDER),
    ],
)
def test_rooms_without_a_meeting_this_quarter(
    district_db: Database, today: date, level: Level
) -> None:
    rooms = Rooms(district_db)
    start = alerts.quarter_start(today)
    met = rooms.room("本季度已开会")
    rooms.meeting(met, start, MeetingStatus.MINUTES_FINAL)
    before = rooms.room("上季度末开过")
    rooms.meeting(before, start - timedelta(days=1), MeetingStatus.MINUTES_FINAL)
    never = rooms.room("从未开会")
    planned = rooms.room("只有计划")
    rooms.meeting(planned, today, MeetingStatus.PLANNED)
    rooms.meeting(planned, start - timedelta(days=100), MeetingStatus.HELD)
    cancelled = rooms.room("会议取消")
    rooms.meeting(cancelled, today, MeetingStatus.CANCELLED)
    rooms.room("已停用", retired_on=start - timedelta(days=30))
    with district_db.session() as s:
        office_host(s, rooms.township)  # the township's own office is no room
        quiet = alerts.rooms_without_meeting(s, today=today, limit=50)
        items = [i for i in attention_items(s, today=today) if i.kind is K.NO_MEETING_THIS_QUARTER]
    # Never met first (by name), then the longest quiet.
    assert [(q.room_id, q.last_meeting_on) for q in quiet] == [
        (never, None),
        (cancelled, None),
        (planned, start - timedelta(days=100)),
        (before, start - timedelta(days=1)),
    ]
    assert {q.quarter_start for q in quiet} == {start}
    assert sorted(i.record_id for i in items) == sorted(q.room_id for q in quiet)
    assert {i.level for i in items} == {level}
    assert {i.page_key for i in items} == {"rooms"}
    assert met not in {q.room_id for q in quiet}


def test_overdue_outcomes_by_unit_on_the_district_desk(district_db: Database) -> None:
    world = build_supervision(district_db)
    with district_db.session() as s:
        items = attention_items(s, today=world.today)
    units = [i for i in items if i.kind is K.OVERDUE_UNIT]
    assert [(i.record_id, i.count, i.days, i.page_key) for i in units] == [
        (BUILD, 2, 30, "supervision"),
        (WATER, 1, 10, "supervision"),
        (CITY, 1, 3, "supervision"),
    ]
    assert units[0].day == world.today - timedelta(days=30)
    # Rooms' outcomes by unit; the district's own (a township's office) one by one too.
    own = [(i.record_id, i.room_name) for i in items if i.kind is K.OVERDUE_OUTCOME]
    assert own == [(world["o1"], "先锋街道政协工委")]
    # Urgent first.
    assert [i.level for i in items] == sorted((i.level for i in items), reverse=True)
