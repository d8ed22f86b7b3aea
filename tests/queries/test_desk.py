"""What needs attention today, computed over a hand-made room with a fixed `today`."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.db import Database
from desktop.models import Room, Township
from desktop.models.enums import MeetingStatus, OutcomeStatus, RoomKind, TopicStatus
from desktop.queries.desk import AttentionKind, Level, attention_items
from desktop.workflow.district_work import host_room_id
from tests.desk_builders import (
    TODAY,
    add_meeting,
    add_outcome,
    add_slip,
    add_topic,
    room_id_of,
)

K = AttentionKind


def test_attention_items_of_a_hand_made_room(room_db: Database) -> None:
    room = room_id_of(room_db)
    ids: dict[str, str] = {}
    with room_db.session() as s:
        ids["soon"] = add_meeting(s, room, TODAY + timedelta(days=2), title="近期会").id
        ids["later"] = add_meeting(s, room, TODAY + timedelta(days=14), title="两周后").id
        add_meeting(s, room, TODAY + timedelta(days=15), title="太远")
        add_meeting(s, room, TODAY + timedelta(days=3), status=MeetingStatus.CANCELLED)
        ids["late"] = add_outcome(s, room, "逾期成果", deadline=TODAY - timedelta(days=5)).id
        add_outcome(s, room, "未到期", deadline=TODAY)
        add_outcome(s, room, "已办结", deadline=date(2026, 1, 1), status=OutcomeStatus.COMPLETED)
        ids["shortlisted"] = add_topic(s, room, "待公告", status=TopicStatus.SHORTLISTED).id
        ids["announced"] = add_topic(
            s,
            room,
            "待认领",
            status=TopicStatus.ANNOUNCED,
            claim_deadline=TODAY + timedelta(days=6),
        ).id
        ids["unclaimed"] = add_topic(
            s,
            room,
            "认领已截止",
            status=TopicStatus.ANNOUNCED,
            claim_deadline=TODAY - timedelta(days=1),
        ).id
        ids["old_slip"] = add_slip(s, room, "路灯坏了", collected_on=date(2026, 11, 1)).id
        add_slip(s, room, "垃圾桶满了", collected_on=date(2026, 11, 20))
        handled = add_slip(s, room, "已处理", collected_on=date(2026, 10, 1))
        handled.topic_id = ids["shortlisted"]
        ids["fresh"] = add_meeting(
            s, room, TODAY - timedelta(days=2), status=MeetingStatus.HELD, title="刚开完"
        ).id
        ids["reminder"] = add_meeting(
            s, room, TODAY - timedelta(days=3), status=MeetingStatus.MINUTES_DRAFTED, title="三天"
        ).id
        ids["urgent"] = add_meeting(
            s, room, TODAY - timedelta(days=7), status=MeetingStatus.HELD, title="一周"
        ).id
        add_meeting(s, room, TODAY - timedelta(days=30), status=MeetingStatus.MINUTES_FINAL)

    with room_db.session() as s:
        items = attention_items(s, today=TODAY)
    by_record = {(item.kind, item.record_id): item for item in items}
    # add_outcome holds a meeting per outcome (HELD, 2026-10-10): minutes not final, urgent.
    minutes = [i for i in items if i.kind is K.MINUTES_NOT_FINAL]
    assert len(minutes) == 3 + 2
    assert ids["fresh"] not in {i.record_id for i in minutes}
    assert by_record[K.MINUTES_NOT_FINAL, ids["reminder"]].level is Level.REMINDER
    assert by_record[K.MINUTES_NOT_FINAL, ids["urgent"]].level is Level.URGENT
    assert by_record[K.MINUTES_NOT_FINAL, ids["urgent"]].days == 7

    upcoming = [i for i in items if i.kind is K.UPCOMING_MEETING]
    assert [i.record_id for i in upcoming] == [ids["soon"], ids["later"]]
    assert upcoming[0].days == 2 and upcoming[0].level is Level.REMINDER
    assert upcoming[0].page_key == "meetings"

    overdue = [i for i in items if i.kind is K.OVERDUE_OUTCOME]
    assert [(i.record_id, i.days, i.page_key) for i in overdue] == [(ids["late"], 5, "outcomes")]
    assert overdue[0].level is Level.URGENT

    assert by_record[K.TOPIC_TO_ANNOUNCE, ids["shortlisted"]].page_key == "topics"
    claim = by_record[K.TOPIC_TO_CLAIM, ids["announced"]]
    assert claim.day == TODAY + timedelta(days=6) and claim.level is Level.INFO
    assert by_record[K.TOPIC_TO_CLAIM, ids["unclaimed"]].level is Level.REMINDER

    slips = [i for i in items if i.kind is K.SLIPS_UNHANDLED]
    assert len(slips) == 1
    assert (slips[0].count, slips[0].record_id, slips[0].day, slips[0].page_key) == (
        2,
        ids["old_slip"],
        date(2026, 11, 1),
        "opinions",
    )
    # Urgent first.
    levels = [i.level for i in items]
    assert levels == sorted(levels, reverse=True)


def test_nothing_needs_attention_in_an_empty_room(room_db: Database) -> None:
    with room_db.session() as s:
        assert attention_items(s, today=TODAY) == []


def test_the_district_desk_names_the_offices_and_lists_slips_of_rooms_only(
    district_db: Database,
) -> None:
    with district_db.session() as s:
        township = Township(name="和平桥街道")
        s.add(township)
        s.flush()
        room = Room(
            township_id=township.id,
            name="和平桥社区协商议事室",
            village="和平桥社区",
            kind=RoomKind.COMMUNITY,
        )
        s.add(room)
        s.flush()
        room_id, township_id = room.id, township.id
    district_office = host_room_id(district_db, None)
    township_office = host_room_id(district_db, township_id)
    with district_db.session() as s:
        add_slip(s, room_id, "路灯不亮", collected_on=TODAY - timedelta(days=3))
        # Not rooms: whatever slips an office host holds are no room's to turn into topics.
        add_slip(s, district_office, "区级意见", collected_on=TODAY - timedelta(days=3))
        add_slip(s, township_office, "街道意见", collected_on=TODAY - timedelta(days=3))
        add_meeting(s, district_office, TODAY + timedelta(days=2), title="专题协商会")
        add_meeting(s, township_office, TODAY + timedelta(days=3), title="协商议事会")
        add_outcome(s, township_office, "逾期成果", deadline=TODAY - timedelta(days=1))
        items = attention_items(s, today=TODAY)
    slips = [i for i in items if i.kind is K.SLIPS_UNHANDLED]
    assert [(i.room_name, i.count) for i in slips] == [("和平桥社区协商议事室", 1)]
    meetings = {i.title: i.room_name for i in items if i.kind is K.UPCOMING_MEETING}
    assert meetings == {"专题协商会": "崇川区政协", "协商议事会": "和平桥街道政协工委"}
    [overdue] = [i for i in items if i.kind is K.OVERDUE_OUTCOME]
    assert overdue.room_name == "和平桥街道政协工委"


def test_topics_waiting_are_the_oldest_of_both_kinds_together(room_db: Database) -> None:
    """More topics wait than the list holds: the oldest of either status come first, as one
    list (each status is read on its own, then the two are merged)."""
    room = room_id_of(room_db)
    first = date(2026, 1, 1)
    with room_db.session() as s:
        for n in range(70):
            add_topic(
                s,
                room,
                f"待公告{n}",
                status=TopicStatus.SHORTLISTED,
                raised_on=first + timedelta(2 * n),
            )
            add_topic(
                s,
                room,
                f"待认领{n}",
                status=TopicStatus.ANNOUNCED,
                raised_on=first + timedelta(2 * n + 1),
                claim_deadline=TODAY + timedelta(days=30),
            )
    with room_db.session() as s:
        items = attention_items(s, today=TODAY)
    titles = {i.title for i in items if i.kind in (K.TOPIC_TO_ANNOUNCE, K.TOPIC_TO_CLAIM)}
    assert titles == {f"待公告{n}" for n in range(50)} | {f"待认领{n}" for n in range(50)}
