"""Yearly statistics on hand-made datasets whose figures are counted by hand below."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from desktop.db import Database
from desktop.models import AgendaItem, Meeting, Outcome, Room, Topic, Township
from desktop.models.enums import (
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ResultClass,
    RoomKind,
    TopicSource,
    TopicStatus,
)
from desktop.stats import (
    COUNT_KEYS,
    StatsError,
    display_width,
    empty_figures,
    format_stats,
    year_stats,
)
from tests.builders import YEAR, Dataset, build_district_dataset


@pytest.fixture
def dataset(district_db: Database) -> Dataset:
    return build_district_dataset(district_db)


def figures(**values: Any) -> dict[str, Any]:
    """Expected figures: every key at zero unless given; topics_by_* as partial dicts."""
    expected = empty_figures()
    for key, value in values.items():
        if isinstance(value, dict):
            expected[key].update(value)
        else:
            expected[key] = value
    return expected


def only_figures(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: entry[key] for key in empty_figures()}


# Counted by hand from tests/builders.py (2024; M4 deleted, M3 planned, M8 cancelled,
# M5 held in 2023, TC3 deleted, TB0 raised in 2023, O10 deleted, O13 from an activity):
ROOM_A = figures(
    meetings=2,  # M1 (minutes final), M2 (held)
    member_attendances=2,  # M1 王建国; M2 王建国 (陈丽华 on leave, 张卫东 absent)
    participant_attendances=3,  # M1 徐志强 + 李秀英; M2 徐志强 (李秀英 absent)
    topics=3,
    topics_by_source={"residents": 1, "grid": 1, "party_government": 1},
    topics_by_status={"implemented": 1, "discussed": 1, "announced": 1},
    outcomes=3,  # O1, O2 (M1), O3 (M2); O5 hangs off the deleted M4
    outcomes_implemented=1,  # O1
    problems_solved=1,  # O1 (A)
)
ROOM_B = figures(
    meetings=1,  # M6 (minutes drafted); M5 was in 2023
    member_attendances=2,  # 陈丽华, 张卫东 at M6
    participant_attendances=1,  # 周海燕 (吴明 on leave)
    topics=3,  # TB1, TB2, TB3 (TB0 raised in 2023)
    topics_by_source={"member": 1, "residents": 2},
    topics_by_status={"in_progress": 1, "declined": 1, "claimed": 1},
    outcomes=3,  # O7, O8, O9 (O10 deleted)
    outcomes_implemented=2,  # O7, O9
    problems_solved=1,  # O7 (O9 is class B, O8 class D)
)
ROOM_C = figures(
    meetings=1,  # M7 (M8 cancelled)
    member_attendances=1,  # 张卫东
    participant_attendances=3,  # 顾建华, 朱红梅, 沈小燕
    topics=2,  # TC1, TC2 (TC3 deleted)
    topics_by_source={"grid": 1, "party_government": 1},
    topics_by_status={"escalated": 1, "collected": 1},
    outcomes=2,  # O11, O12 (O13 comes from an activity, not a meeting)
    outcomes_implemented=1,  # O12
    problems_solved=1,  # O12 (O11 is class C)
)
TOTAL = figures(
    meetings=4,
    member_attendances=5,
    participant_attendances=7,
    topics=8,
    topics_by_source={"party_government": 2, "residents": 3, "member": 1, "grid": 2},
    topics_by_status={
        "implemented": 1,
        "discussed": 1,
        "announced": 1,
        "in_progress": 1,
        "declined": 1,
        "claimed": 1,
        "escalated": 1,
        "collected": 1,
    },
    outcomes=8,
    outcomes_implemented=4,
    problems_solved=3,
)
XINGREN = figures(  # 兴仁镇 = rooms A and B
    meetings=3,
    member_attendances=4,
    participant_attendances=4,
    topics=6,
    topics_by_source={"residents": 3, "grid": 1, "party_government": 1, "member": 1},
    topics_by_status={
        "implemented": 1,
        "discussed": 1,
        "announced": 1,
        "in_progress": 1,
        "declined": 1,
        "claimed": 1,
    },
    outcomes=6,
    outcomes_implemented=3,
    problems_solved=2,
)


def test_district_totals_match_hand_count(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    assert stats["year"] == YEAR
    assert stats["scope"] == "district"
    assert stats["name"] == "崇川区政协"
    assert only_figures(stats) == TOTAL


def test_district_rooms_match_hand_count(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    rooms = {room["room_id"]: room for room in stats["rooms"]}
    assert set(rooms) == {dataset["room_a"], dataset["room_b"], dataset["room_c"]}
    assert only_figures(rooms[dataset["room_a"]]) == ROOM_A
    assert only_figures(rooms[dataset["room_b"]]) == ROOM_B
    assert only_figures(rooms[dataset["room_c"]]) == ROOM_C
    room_a = rooms[dataset["room_a"]]
    assert (room_a["name"], room_a["village"], room_a["township"]) == (
        "徐庄村协商议事室",
        "徐庄村",
        "兴仁镇",
    )
    assert room_a["township_id"] == dataset["t1"]


def test_district_townships_match_hand_count(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    townships = {t["name"]: t for t in stats["townships"]}
    assert set(townships) == {"兴仁镇", "先锋街道"}
    assert townships["兴仁镇"]["room_count"] == 2
    assert townships["先锋街道"]["room_count"] == 1
    assert only_figures(townships["兴仁镇"]) == XINGREN
    assert only_figures(townships["先锋街道"]) == ROOM_C


def _sum(entries: list[dict[str, Any]]) -> dict[str, Any]:
    total = empty_figures()
    for entry in entries:
        for key in COUNT_KEYS:
            total[key] += entry[key]
        for nested in ("topics_by_source", "topics_by_status"):
            for code, count in entry[nested].items():
                total[nested][code] += count
    return total


@pytest.mark.parametrize("year", [2023, YEAR, 2025])
def test_rooms_and_townships_add_up_to_totals(dataset: Dataset, year: int) -> None:
    stats = year_stats(dataset.db, year=year)
    assert _sum(stats["rooms"]) == only_figures(stats)
    assert _sum(stats["townships"]) == only_figures(stats)


def test_other_year_counts_only_that_year(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=2023)
    # M5 (room B, 2023-12-20): 陈丽华 + 周海燕 present, TB0 raised 2023-11-01, O6 completed A.
    assert only_figures(stats) == figures(
        meetings=1,
        member_attendances=1,
        participant_attendances=1,
        topics=1,
        topics_by_source={"member": 1},
        topics_by_status={"fed_back": 1},
        outcomes=1,
        outcomes_implemented=1,
        problems_solved=1,
    )


def test_every_source_and_status_is_present(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=2030)
    assert list(stats["topics_by_source"]) == [s.value for s in TopicSource]
    assert list(stats["topics_by_status"]) == [s.value for s in TopicStatus]
    assert only_figures(stats) == empty_figures()
    for room in stats["rooms"]:
        assert list(room["topics_by_source"]) == [s.value for s in TopicSource]


def test_room_without_records_is_listed_with_zeros(dataset: Dataset) -> None:
    db = dataset.db
    with db.session() as session:
        township = session.get(Township, dataset["t2"])
        assert township is not None
        room = Room(
            township_id=township.id,
            name="金沙社区协商议事室",
            village="金沙社区",
            kind=RoomKind.COMMUNITY,
        )
        session.add(room)
        session.flush()
        room_id = room.id
    stats = year_stats(db, year=YEAR)
    entry = next(r for r in stats["rooms"] if r["room_id"] == room_id)
    assert only_figures(entry) == empty_figures()
    assert next(t for t in stats["townships"] if t["name"] == "先锋街道")["room_count"] == 2
    assert _sum(stats["rooms"]) == TOTAL


def test_stats_are_json_ready(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    assert json.loads(json.dumps(stats, ensure_ascii=False)) == stats


def test_room_installation_counts_its_own_room(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    with room_db.session() as s:
        held = Meeting(
            room_id=room_id,
            title="加装电梯协商会",
            held_on=date(YEAR, 4, 2),
            form=MeetingForm.BENCH,
            status=MeetingStatus.HELD,
        )
        earlier = Meeting(
            room_id=room_id,
            title="上年活动",
            held_on=date(YEAR - 1, 4, 2),
            form=MeetingForm.ONSITE,
            status=MeetingStatus.HELD,
        )
        planned = Meeting(
            room_id=room_id,
            title="计划活动",
            held_on=date(YEAR, 12, 2),
            form=MeetingForm.ONSITE,
            status=MeetingStatus.PLANNED,
        )
        topic = Topic(
            room_id=room_id,
            title="加装电梯",
            source=TopicSource.RESIDENTS,
            raised_on=date(YEAR, 3, 1),
            status=TopicStatus.DISCUSSED,
        )
        s.add_all([held, earlier, planned, topic])
        s.flush()
        item = AgendaItem(meeting_id=held.id, topic_id=topic.id, position=1)
        s.add(item)
        s.flush()
        s.add(
            Outcome(
                room_id=room_id,
                agenda_item_id=item.id,
                content="争取加装电梯补贴",
                status=OutcomeStatus.COMPLETED,
                completed_on=date(YEAR, 6, 1),
                result_class=ResultClass.A,
            )
        )
    stats = year_stats(room_db, year=YEAR)
    assert stats["scope"] == "room"
    assert stats["name"] == "和平桥社区协商议事室"
    assert "rooms" not in stats and "townships" not in stats
    assert only_figures(stats) == figures(
        meetings=1,
        topics=1,
        topics_by_source={"residents": 1},
        topics_by_status={"discussed": 1},
        outcomes=1,
        outcomes_implemented=1,
        problems_solved=1,
    )


def test_stats_without_installation_is_refused(db: Database) -> None:
    with pytest.raises(StatsError, match="尚未初始化"):
        year_stats(db, year=YEAR)


# --- printing ---------------------------------------------------------------------------


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("议事室") == 6
    assert display_width("A 已解决") == 2 + 6
    assert display_width("（）") == 4  # full-width parentheses


def test_format_stats_shows_labels_and_numbers(dataset: Dataset) -> None:
    text = format_stats(year_stats(dataset.db, year=YEAR))
    lines = text.splitlines()
    assert "崇川区政协" in lines[0] and "2024" in lines[0]

    def summary(label: str) -> list[str]:
        line = next(line for line in lines if line.startswith(label))
        return line[len(label) :].split()

    assert summary("协商议事活动") == ["4", "场"]
    assert summary("委员参加") == ["5", "人次"]
    assert summary("其他人员参加") == ["7", "人次"]
    assert summary("议题") == ["8", "个"]
    assert summary("协商成果") == ["8", "条"]
    assert summary(f"其中{OutcomeStatus.COMPLETED.label}") == ["4", "条"]
    assert summary("解决问题") == ["3", "个"]
    assert ResultClass.A.label in text
    assert f"{TopicSource.RESIDENTS.label} 3" in text
    assert f"{TopicSource.GRID.label} 2" in text
    assert f"{TopicStatus.ESCALATED.label} 1" in text
    assert f"{TopicStatus.FED_BACK.label} 0" in text
    # Enum values shared between enums ("member", "in_progress") keep their own labels.
    assert "委员荐题 1" in text
    assert "办理中 1" in text


def _table(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def test_format_stats_tables_by_township_and_room(dataset: Dataset) -> None:
    text = format_stats(year_stats(dataset.db, year=YEAR))
    townships = _table(text, "按镇（街道）统计")
    rooms = _table(text, "按协商议事室统计")
    # header, rule, one line per township / room, total line
    assert len(townships) == 2 + 2 + 1
    assert len(rooms) == 2 + 3 + 1
    row = next(line for line in townships if line.startswith("兴仁镇"))
    # rooms, meetings, member and participant attendances, topics, outcomes, completed, solved
    assert row.split()[1:] == ["2", "3", "4", "4", "6", "6", "3", "2"]
    row = next(line for line in rooms if "花园社区协商议事室" in line)
    assert row.split() == [
        "先锋街道",
        "花园社区协商议事室",
        "花园社区",
        "1",
        "1",
        "3",
        "2",
        "2",
        "1",
        "1",
    ]
    assert rooms[-1].split() == ["合计", "4", "5", "7", "8", "8", "4", "3"]
    # CJK text aligned by display width: every line of a table is equally wide.
    for table in (townships, rooms):
        assert len({display_width(line) for line in table}) == 1


def test_format_room_stats_has_no_tables(room_db: Database) -> None:
    text = format_stats(year_stats(room_db, year=YEAR))
    assert "协商议事室" in text.splitlines()[0]
    assert "按协商议事室统计" not in text
    assert next(line for line in text.splitlines() if line.startswith("协商议事活动")).split()[
        1:
    ] == ["0", "场"]


def test_district_stats_use_grouped_queries(dataset: Dataset) -> None:
    """The number of statements does not grow with the number of rooms."""
    db = dataset.db
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        year_stats(db, year=YEAR)
        before = len(statements)
        with db.session() as session:
            for index in range(20):
                session.add(
                    Room(
                        township_id=dataset["t1"],
                        name=f"新增议事室{index}",
                        village=f"新增村{index}",
                        kind=RoomKind.VILLAGE,
                    )
                )
        statements.clear()
        year_stats(db, year=YEAR)
        assert len(statements) == before
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
