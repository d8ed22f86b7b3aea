"""Statistics on a hand-made district whose figures are counted by hand below.

The dataset is tests/builders.py's three rooms extended by tests/stats_builders.py. Every
expected number is written out here with the records it counts; none is computed by the
query under test.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from desktop.db import Database
from desktop.models import AgendaItem, Meeting, Outcome, Room
from desktop.models.enums import (
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ResultClass,
    RoomKind,
    TopicSource,
    TopicStatus,
)
from desktop.models.topics import Topic
from desktop.stats import (
    DISTRICT,
    Period,
    Scope,
    StatsError,
    compute_stats,
    display_width,
    empty_figures,
    find_scope,
    format_stats,
    only_figures,
    rank_rooms,
    read_scope_choices,
    year_stats,
)
from tests.builders import YEAR, Dataset
from tests.stats_builders import build_stats_dataset

KINDS = ["inspection", "reading", "reception", "supervision", "visit"]  # setup's, by code


@pytest.fixture
def dataset(district_db: Database) -> Dataset:
    return build_stats_dataset(district_db)


def figures(**values: Any) -> dict[str, Any]:
    """Expected figures: every key at zero unless given; breakdowns as partial dicts."""
    expected = empty_figures(KINDS)
    for key, value in values.items():
        if key == "activities_by_kind":
            for code, (activities, members) in value.items():
                expected[key][code] = {"activities": activities, "member_attendances": members}
        elif isinstance(value, dict):
            expected[key].update(value)
        else:
            expected[key] = value
    return expected


# --- 2024, counted by hand ----------------------------------------------------------------
# Not counted anywhere: M3 planned, M4 deleted, M8 cancelled, M5 (2023), M11 (2025); TB0
# (2023), TC3 deleted; O5 (under M4), O10 deleted, O13 (an activity's, only its escalation
# counts); act_b2 deleted and act_b1's deleted member; cc1 deleted; ca3 opened in 2023.

ROOM_A = figures(  # 徐庄村, 兴仁镇
    meetings=3,  # M1, M2 (onsite), M10 (video, 1 January)
    meetings_by_form={"onsite": 2, "video": 1},
    member_attendances=3,  # M1 王建国; M2 王建国; M10 陈丽华
    participant_attendances=4,  # M1 徐志强 + 李秀英; M2 徐志强; M10 徐志强 (李秀英 on leave)
    topics=3,
    topics_by_source={"residents": 1, "grid": 1, "party_government": 1},
    topics_by_status={"implemented": 1, "discussed": 1, "announced": 1},
    outcomes=3,  # O1, O2, O3
    outcomes_by_status={"completed": 1, "in_progress": 1, "pending": 1},
    outcomes_by_result={"A": 1, "B": 1, "unclassified": 1},
    outcomes_implemented=1,  # O1
    problems_solved=1,  # O1
    outcomes_due=2,  # O1 closed; O2's deadline 2024-06-30 passed (O3's is in 2025)
    implementation_rate=0.5,
    social_info_sent=1,  # O3 on 2024-12-31
    activities=1,  # act_a1 (act_a2 is 2023)
    activity_member_attendances=2,  # 王建国, 陈丽华
    activities_by_kind={"reading": (1, 2)},
    cases_received=2,  # ca1 mediation, ca2 petition (31 December)
    cases_resolved=1,  # ca1
    cases_by_kind={"mediation": 1, "petition": 1},
)
ROOM_B = figures(  # 兴西村, 兴仁镇
    meetings=1,  # M6 (bench)
    meetings_by_form={"bench": 1},
    member_attendances=2,  # 陈丽华, 张卫东
    participant_attendances=1,  # 周海燕 (吴明 on leave)
    topics=3,  # TB1, TB2, TB3
    topics_by_source={"member": 1, "residents": 2},
    topics_by_status={"in_progress": 1, "declined": 1, "claimed": 1},
    outcomes=3,  # O7, O8, O9
    outcomes_by_status={"completed": 2, "not_possible": 1},
    outcomes_by_result={"A": 1, "B": 1, "D": 1},
    outcomes_implemented=2,  # O7, O9
    problems_solved=1,  # O7
    outcomes_due=3,  # all closed
    implementation_rate=0.6667,
    activities=1,  # act_b1 (31 December)
    activity_member_attendances=1,  # 张卫东 (陈丽华's row is deleted)
    activities_by_kind={"visit": (1, 1)},
)
ROOM_C = figures(  # 花园社区, 先锋街道
    meetings=2,  # M7 (onsite), M9 (bench, 31 December)
    meetings_by_form={"onsite": 1, "bench": 1},
    member_attendances=2,  # M7 张卫东; M9 王建国
    participant_attendances=4,  # M7 顾建华, 朱红梅, 沈小燕; M9 顾建华 (朱红梅 absent)
    topics=2,  # TC1, TC2
    topics_by_source={"grid": 1, "party_government": 1},
    topics_by_status={"escalated": 1, "collected": 1},
    outcomes=2,  # O11, O12
    outcomes_by_status={"in_progress": 1, "completed": 1},
    outcomes_by_result={"C": 1, "A": 1},
    outcomes_implemented=1,  # O12
    problems_solved=1,  # O12
    outcomes_due=1,  # O12 (O11 has no deadline)
    implementation_rate=1.0,
    proposals_sent=1,  # O11, 2024-07-20
    proposals_adopted=1,  # O11: act_o11 under its number
    social_info_sent=1,  # O13 (an activity's outcome), 2024-06-01
    social_info_adopted=1,  # O13: act_o13 (O3's act is deleted)
    activities=1,  # act1 委员接待日, no member
    activities_by_kind={"reception": (1, 0)},
)
DISTRICT_OFFICE = figures(  # 崇川区政协's own 专题协商
    meetings=1,  # MD1
    meetings_by_form={"onsite": 1},
    member_attendances=1,  # 张卫东
)
TOWNSHIP_OFFICE = figures(  # 兴仁镇's own work
    meetings=1,  # MT1 (video)
    meetings_by_form={"video": 1},
    topics=1,  # TT1
    topics_by_source={"party_government": 1},
    topics_by_status={"discussed": 1},
    outcomes=1,  # OT1
    outcomes_by_status={"completed": 1},
    outcomes_by_result={"A": 1},
    outcomes_implemented=1,
    problems_solved=1,
    outcomes_due=1,
    implementation_rate=1.0,
    activities=1,  # act_t1 视察
    activity_member_attendances=1,  # 王建国
    activities_by_kind={"inspection": (1, 1)},
)
XINGREN = figures(  # 兴仁镇 = rooms A and B and the township's own work
    meetings=5,
    meetings_by_form={"onsite": 2, "video": 2, "bench": 1},
    member_attendances=5,
    participant_attendances=5,
    topics=7,
    topics_by_source={"residents": 3, "grid": 1, "party_government": 2, "member": 1},
    topics_by_status={
        "implemented": 1,
        "discussed": 2,
        "announced": 1,
        "in_progress": 1,
        "declined": 1,
        "claimed": 1,
    },
    outcomes=7,
    outcomes_by_status={"completed": 4, "in_progress": 1, "pending": 1, "not_possible": 1},
    outcomes_by_result={"A": 3, "B": 2, "D": 1, "unclassified": 1},
    outcomes_implemented=4,
    problems_solved=3,
    outcomes_due=6,
    implementation_rate=0.6667,
    social_info_sent=1,
    activities=3,
    activity_member_attendances=4,
    activities_by_kind={"reading": (1, 2), "visit": (1, 1), "inspection": (1, 1)},
    cases_received=2,
    cases_resolved=1,
    cases_by_kind={"mediation": 1, "petition": 1},
)
TOTAL = figures(
    meetings=8,
    meetings_by_form={"onsite": 4, "bench": 2, "video": 2},
    member_attendances=8,
    participant_attendances=9,
    topics=9,
    topics_by_source={"party_government": 3, "residents": 3, "member": 1, "grid": 2},
    topics_by_status={
        "implemented": 1,
        "discussed": 2,
        "announced": 1,
        "in_progress": 1,
        "declined": 1,
        "claimed": 1,
        "escalated": 1,
        "collected": 1,
    },
    outcomes=9,
    outcomes_by_status={"pending": 1, "in_progress": 2, "completed": 5, "not_possible": 1},
    outcomes_by_result={"A": 4, "B": 2, "C": 1, "D": 1, "unclassified": 1},
    outcomes_implemented=5,
    problems_solved=4,
    outcomes_due=7,
    implementation_rate=0.7143,  # 5 / 7
    proposals_sent=1,
    proposals_adopted=1,
    social_info_sent=2,
    social_info_adopted=1,
    activities=4,
    activity_member_attendances=4,
    activities_by_kind={
        "reading": (1, 2),
        "visit": (1, 1),
        "reception": (1, 0),
        "inspection": (1, 1),
    },
    cases_received=2,
    cases_resolved=1,
    cases_by_kind={"mediation": 1, "petition": 1},
)
# 2023: M5 (room B, onsite): 陈丽华 + 周海燕; TB0 (委员荐题, 已反馈); O6 completed A;
# act_a2 读书会 with 王建国; ca3 (mediation, opened 2023-12-31, resolved).
YEAR_2023 = figures(
    meetings=1,
    meetings_by_form={"onsite": 1},
    member_attendances=1,
    participant_attendances=1,
    topics=1,
    topics_by_source={"member": 1},
    topics_by_status={"fed_back": 1},
    outcomes=1,
    outcomes_by_status={"completed": 1},
    outcomes_by_result={"A": 1},
    outcomes_implemented=1,
    problems_solved=1,
    outcomes_due=1,
    implementation_rate=1.0,
    activities=1,
    activity_member_attendances=1,
    activities_by_kind={"reading": (1, 1)},
    cases_received=1,
    cases_resolved=1,
    cases_by_kind={"mediation": 1},
)
MONTHS_2024 = [1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1]  # M10, M1, MD1, M2, M7, MT1, M6, M9


def test_district_totals_match_hand_count(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    assert (stats["year"], stats["from"], stats["to"]) == (YEAR, "2024-01-01", "2024-12-31")
    assert (stats["scope"], stats["level"], stats["name"]) == ("district", "district", "崇川区政协")
    assert only_figures(stats) == TOTAL
    assert [m["month"] for m in stats["meetings_by_month"]] == [
        f"2024-{month:02d}" for month in range(1, 13)
    ]
    assert [m["meetings"] for m in stats["meetings_by_month"]] == MONTHS_2024
    assert stats["activity_kinds"] == [
        {"code": "inspection", "name": "视察调研"},
        {"code": "reading", "name": "书香政协读书活动"},
        {"code": "reception", "name": "委员接待日"},
        {"code": "supervision", "name": "民主监督"},
        {"code": "visit", "name": "走访联谊"},
    ]


def test_rooms_and_office_lines_match_hand_count(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    rooms = {room["room_id"]: room for room in stats["rooms"]}
    assert set(rooms) == {
        dataset["room_a"],
        dataset["room_b"],
        dataset["room_c"],
        dataset["office_district"],
        dataset["office_t1"],
    }
    assert only_figures(rooms[dataset["room_a"]]) == ROOM_A
    assert only_figures(rooms[dataset["room_b"]]) == ROOM_B
    assert only_figures(rooms[dataset["room_c"]]) == ROOM_C
    assert only_figures(rooms[dataset["office_district"]]) == DISTRICT_OFFICE
    assert only_figures(rooms[dataset["office_t1"]]) == TOWNSHIP_OFFICE
    room_a = rooms[dataset["room_a"]]
    assert (room_a["name"], room_a["village"], room_a["township"], room_a["office"]) == (
        "徐庄村协商议事室",
        "徐庄村",
        "兴仁镇",
        None,
    )
    assert room_a["township_id"] == dataset["t1"]
    assert rooms[dataset["office_district"]]["office"] == "district"
    assert rooms[dataset["office_t1"]]["office"] == "township"
    # The former separate list of office lines keeps its meaning.
    offices = {o["office"]: o for o in stats["offices"]}
    assert only_figures(offices["district"]) == DISTRICT_OFFICE
    assert only_figures(offices["township"]) == TOWNSHIP_OFFICE


def test_townships_hold_their_own_work_and_the_district_has_its_line(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    lines = {(t["name"], t["office"]): t for t in stats["townships"]}
    assert set(lines) == {("兴仁镇", None), ("先锋街道", None), ("崇川区政协", "district")}
    assert lines["兴仁镇", None]["room_count"] == 2
    assert lines["先锋街道", None]["room_count"] == 1
    assert lines["崇川区政协", "district"]["room_count"] == 0
    assert only_figures(lines["兴仁镇", None]) == XINGREN
    assert only_figures(lines["先锋街道", None]) == ROOM_C
    assert only_figures(lines["崇川区政协", "district"]) == DISTRICT_OFFICE


def _sum(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Add up lines key by key, without the service's own adding."""
    total: dict[str, Any] = {}
    for entry in entries:
        for key, value in only_figures(entry).items():
            if key == "implementation_rate":
                continue
            if key == "activities_by_kind":
                into = total.setdefault(key, {})
                for code, pair in value.items():
                    slot = into.setdefault(code, {"activities": 0, "member_attendances": 0})
                    slot["activities"] += pair["activities"]
                    slot["member_attendances"] += pair["member_attendances"]
            elif isinstance(value, dict):
                into = total.setdefault(key, {})
                for code, count in value.items():
                    into[code] = into.get(code, 0) + count
            else:
                total[key] = total.get(key, 0) + value
    return total


def _without_rate(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in only_figures(entry).items() if k != "implementation_rate"}


@pytest.mark.parametrize("year", [2023, YEAR, 2025])
def test_rooms_and_townships_add_up_to_totals(dataset: Dataset, year: int) -> None:
    stats = year_stats(dataset.db, year=year)
    assert _sum(stats["rooms"]) == _without_rate(stats)
    assert _sum(stats["townships"]) == _without_rate(stats)


@pytest.mark.parametrize(
    "scope", ["t1", "t2", "room_a", "room_c"], ids=["兴仁镇", "先锋街道", "徐庄村", "花园社区"]
)
def test_lists_of_a_scope_add_up_to_its_totals(dataset: Dataset, scope: str) -> None:
    chosen = Scope.township(dataset[scope]) if scope.startswith("t") else Scope.room(dataset[scope])
    stats = compute_stats(dataset.db, period=Period.of_year(YEAR), scope=chosen)
    assert _sum(stats["rooms"]) == _without_rate(stats)
    assert _sum(stats["townships"]) == _without_rate(stats)


def test_the_year_before(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=YEAR)
    previous = stats["previous"]
    assert (previous["year"], previous["from"], previous["to"]) == (
        2023,
        "2023-01-01",
        "2023-12-31",
    )
    assert only_figures(previous) == YEAR_2023
    assert [m["meetings"] for m in previous["meetings_by_month"]] == [0] * 11 + [1]
    # Asked for 2023 itself, the same figures are the year's own.
    assert only_figures(year_stats(dataset.db, year=2023)) == YEAR_2023


def test_the_year_after_counts_only_its_meeting(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=2025)
    assert only_figures(stats) == figures(
        meetings=1, meetings_by_form={"neighbourhood": 1}, member_attendances=1
    )
    assert only_figures(stats["previous"]) == TOTAL


def test_a_township_scope(dataset: Dataset) -> None:
    stats = compute_stats(
        dataset.db, period=Period.of_year(YEAR), scope=Scope.township(dataset["t1"])
    )
    assert (stats["level"], stats["name"], stats["township_id"]) == (
        "township",
        "兴仁镇",
        dataset["t1"],
    )
    assert only_figures(stats) == XINGREN
    assert {r["room_id"] for r in stats["rooms"]} == {
        dataset["room_a"],
        dataset["room_b"],
        dataset["office_t1"],
    }
    assert [(t["name"], t["room_count"]) for t in stats["townships"]] == [("兴仁镇", 2)]
    assert [r["name"] for r in stats["ranking"]] == ["徐庄村协商议事室", "兴西村协商议事室"]
    # The year before: only room B's M5 and room A's act_a2 and ca3 are in 兴仁镇.
    assert only_figures(stats["previous"]) == YEAR_2023


def test_a_room_scope(dataset: Dataset) -> None:
    stats = compute_stats(
        dataset.db, period=Period.of_year(YEAR), scope=Scope.room(dataset["room_c"])
    )
    assert (stats["level"], stats["name"], stats["township"]) == (
        "room",
        "花园社区协商议事室",
        "先锋街道",
    )
    assert only_figures(stats) == ROOM_C
    assert [r["room_id"] for r in stats["rooms"]] == [dataset["room_c"]]
    assert only_figures(stats["previous"]) == figures()


def test_ranking_by_meetings_then_problems_solved(dataset: Dataset) -> None:
    with dataset.db.session() as session:
        session.add(
            Room(
                township_id=dataset["t2"],
                name="金沙社区协商议事室",
                village="金沙社区",
                kind=RoomKind.COMMUNITY,
            )
        )
    stats = year_stats(dataset.db, year=YEAR)
    # A: 3 meetings; C: 2; B: 1; 金沙: none. Office hosts are never ranked.
    assert [
        (r["rank"], r["name"], r["meetings"], r["problems_solved"]) for r in stats["ranking"]
    ] == [
        (1, "徐庄村协商议事室", 3, 1),
        (2, "花园社区协商议事室", 2, 1),
        (3, "兴西村协商议事室", 1, 1),
        (4, "金沙社区协商议事室", 0, 0),
    ]


def test_ranking_ties_share_a_rank() -> None:
    def room(name: str, meetings: int, solved: int) -> dict[str, Any]:
        return {
            "room_id": name,
            "name": name,
            "township": "兴仁镇",
            "office": None,
            "meetings": meetings,
            "problems_solved": solved,
            "member_attendances": 0,
            "topics": 0,
            "outcomes": 0,
            "outcomes_implemented": 0,
        }

    rooms = [
        room("丙", 4, 1),
        room("甲", 5, 0),
        room("乙", 4, 3),
        room("丁", 4, 1),
        {**room("镇本级", 9, 9), "office": "township"},
    ]
    assert [(r["rank"], r["name"]) for r in rank_rooms(rooms)] == [
        (1, "甲"),
        (2, "乙"),  # more problems solved breaks the tie on meetings
        (3, "丁"),
        (3, "丙"),
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # The first and the last day are both counted.
        (
            date(2024, 1, 1),
            date(2024, 1, 1),
            figures(
                meetings=1,
                meetings_by_form={"video": 1},
                member_attendances=1,
                participant_attendances=1,
            ),
        ),
        (
            date(2024, 12, 31),
            date(2024, 12, 31),
            figures(
                meetings=1,  # M9
                meetings_by_form={"bench": 1},
                member_attendances=1,
                participant_attendances=1,
                social_info_sent=1,  # O3
                activities=1,  # act_b1
                activity_member_attendances=1,
                activities_by_kind={"visit": (1, 1)},
                cases_received=1,  # ca2
                cases_by_kind={"petition": 1},
            ),
        ),
    ],
    ids=["first-day", "last-day"],
)
def test_a_range_of_one_day(
    dataset: Dataset, start: date, end: date, expected: dict[str, Any]
) -> None:
    stats = compute_stats(dataset.db, period=Period.between(start, end))
    assert stats["year"] is None
    assert only_figures(stats) == expected


def test_a_range_of_days_and_the_same_days_a_year_earlier(dataset: Dataset) -> None:
    stats = compute_stats(dataset.db, period=Period.between(date(2024, 3, 15), date(2024, 6, 10)))
    # M1 (15 March), MD1 (20 May), M2 (10 June) with their outcomes O1, O2, O3.
    assert stats["meetings"] == 3
    assert stats["meetings_by_form"] == {"onsite": 3, "bench": 0, "neighbourhood": 0, "video": 0}
    assert stats["member_attendances"] == 3  # 王建国 twice, 张卫东
    assert stats["outcomes"] == 3
    assert stats["outcomes_due"] == 1  # O1; as of 10 June O2's deadline (30 June) is ahead
    assert stats["implementation_rate"] == 1.0
    assert stats["topics"] == 2  # TA2 (20 May), TC1 (1 June)
    assert stats["activities"] == 2  # act_a1 (1 April), act1 (5 May)
    assert stats["social_info_sent"] == 1  # O13 (1 June)
    assert [m["month"] for m in stats["meetings_by_month"]] == [
        "2024-03",
        "2024-04",
        "2024-05",
        "2024-06",
    ]
    assert [m["meetings"] for m in stats["meetings_by_month"]] == [1, 0, 1, 1]
    previous = stats["previous"]
    assert (previous["from"], previous["to"]) == ("2023-03-15", "2023-06-10")
    assert only_figures(previous) == figures(
        activities=1, activity_member_attendances=1, activities_by_kind={"reading": (1, 1)}
    )


def test_periods() -> None:
    assert Period.of_year(2024).label == "2024年"
    assert Period(date(2024, 3, 1), date(2024, 6, 30)).label == "2024年3月至2024年6月"
    assert Period(date(2024, 2, 1), date(2024, 2, 29)).label == "2024年2月"
    assert Period(date(2024, 3, 2), date(2024, 6, 30)).label == "2024年3月2日至2024年6月30日"
    leap = Period(date(2024, 2, 29), date(2024, 3, 31)).previous()
    assert (leap.start, leap.end) == (date(2023, 2, 28), date(2023, 3, 31))
    assert Period(date(2023, 11, 5), date(2024, 2, 3)).months() == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
    ]
    with pytest.raises(StatsError, match="不能晚于结束日期"):
        Period(date(2024, 2, 1), date(2024, 1, 31))
    with pytest.raises(StatsError, match="1949 到 2100"):
        Period.of_year(1900)
    with pytest.raises(StatsError, match="1949 到 2100"):
        Period.between(date(2024, 1, 1), date(2101, 1, 1))


def test_an_outcome_is_due_by_today_in_a_year_not_yet_over(dataset: Dataset) -> None:
    # Seen on 1 July 2024, O2's deadline (30 June) has passed; seen on 29 June it has not.
    period = Period.of_year(YEAR)
    room = Scope.room(dataset["room_a"])
    on = compute_stats(dataset.db, period=period, scope=room, today=date(2024, 7, 1))
    before = compute_stats(dataset.db, period=period, scope=room, today=date(2024, 6, 29))
    assert (on["outcomes_due"], on["implementation_rate"]) == (2, 0.5)
    assert (before["outcomes_due"], before["implementation_rate"]) == (1, 1.0)


def test_every_breakdown_code_is_present_and_nothing_due_has_no_rate(dataset: Dataset) -> None:
    stats = year_stats(dataset.db, year=2030)
    assert list(stats["topics_by_source"]) == [s.value for s in TopicSource]
    assert list(stats["topics_by_status"]) == [s.value for s in TopicStatus]
    assert list(stats["meetings_by_form"]) == [f.value for f in MeetingForm]
    assert list(stats["outcomes_by_status"]) == [s.value for s in OutcomeStatus]
    assert list(stats["outcomes_by_result"]) == ["A", "B", "C", "D", "unclassified"]
    assert only_figures(stats) == figures()
    assert stats["implementation_rate"] is None
    for room in stats["rooms"]:
        assert list(room["topics_by_source"]) == [s.value for s in TopicSource]
        assert set(room["activities_by_kind"]) == set(KINDS)


def test_room_without_records_is_listed_with_zeros(dataset: Dataset) -> None:
    db = dataset.db
    with db.session() as session:
        room = Room(
            township_id=dataset["t2"],
            name="金沙社区协商议事室",
            village="金沙社区",
            kind=RoomKind.COMMUNITY,
        )
        session.add(room)
        session.flush()
        room_id = room.id
    stats = year_stats(db, year=YEAR)
    entry = next(r for r in stats["rooms"] if r["room_id"] == room_id)
    assert only_figures(entry) == figures()
    assert next(t for t in stats["townships"] if t["name"] == "先锋街道")["room_count"] == 2
    assert _sum(stats["rooms"]) == _without_rate(stats)


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
    assert (stats["scope"], stats["level"]) == ("room", "room")
    assert stats["name"] == "和平桥社区协商议事室"
    assert "rooms" not in stats and "townships" not in stats and "ranking" not in stats
    kinds = [kind["code"] for kind in stats["activity_kinds"]]
    expected = empty_figures(kinds)
    expected.update(
        meetings=1,
        topics=1,
        outcomes=1,
        outcomes_implemented=1,
        problems_solved=1,
        outcomes_due=1,
        implementation_rate=1.0,
    )
    expected["meetings_by_form"]["bench"] = 1
    expected["topics_by_source"]["residents"] = 1
    expected["topics_by_status"]["discussed"] = 1
    expected["outcomes_by_status"]["completed"] = 1
    expected["outcomes_by_result"]["A"] = 1
    assert only_figures(stats) == expected
    assert stats["previous"]["meetings"] == 1  # 上年活动
    with pytest.raises(StatsError, match="只统计本议事室"):
        compute_stats(room_db, period=Period.of_year(YEAR), scope=Scope.township("t"))


def test_stats_without_installation_is_refused(db: Database) -> None:
    with pytest.raises(StatsError, match="尚未初始化"):
        year_stats(db, year=YEAR)


def test_finding_a_scope_by_name(dataset: Dataset) -> None:
    db = dataset.db
    with db.session() as session:
        session.get_one(Room, dataset["room_c"]).code = "R0003"
    assert find_scope(db) == DISTRICT
    assert find_scope(db, township=" 兴仁镇 ") == Scope.township(dataset["t1"])
    assert find_scope(db, room="r0003") == Scope.room(dataset["room_c"])
    assert find_scope(db, room="徐庄村") == Scope.room(dataset["room_a"])
    assert find_scope(db, room="兴西村协商议事室") == Scope.room(dataset["room_b"])
    with pytest.raises(StatsError, match="没有名为「北京镇」的镇（街道）；现有：先锋街道、兴仁镇"):
        find_scope(db, township="北京镇")
    with pytest.raises(StatsError, match="没有编号或名称为「R9」的议事室"):
        find_scope(db, room="R9")
    # An office host is not a room.
    with pytest.raises(StatsError, match="没有编号或名称"):
        find_scope(db, room="区政协")
    with pytest.raises(StatsError, match="所选议事室不存在"):
        compute_stats(db, period=Period.of_year(YEAR), scope=Scope.room(dataset["office_t1"]))
    with pytest.raises(StatsError, match="所选镇（街道）不存在"):
        compute_stats(db, period=Period.of_year(YEAR), scope=Scope.township("nowhere"))


def test_scope_choices_list_real_rooms_by_township(dataset: Dataset) -> None:
    choices = read_scope_choices(dataset.db)
    assert [(t.name, [r.name for r in t.rooms]) for t in choices] == [
        ("先锋街道", ["花园社区协商议事室"]),
        ("兴仁镇", ["兴西村协商议事室", "徐庄村协商议事室"]),
    ]


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

    assert summary("协商议事活动") == ["8", "场", "上年同期", "1"]
    assert summary("委员参加") == ["8", "人次", "上年同期", "1"]
    assert summary("其他人员参加") == ["9", "人次", "上年同期", "1"]
    assert summary("议题") == ["9", "个", "上年同期", "1"]
    assert summary("协商成果") == ["9", "条", "上年同期", "1"]
    assert summary(f"其中{OutcomeStatus.COMPLETED.label}") == ["5", "条", "上年同期", "1"]
    assert summary("解决问题") == ["4", "个", "上年同期", "1"]
    assert summary("落实率") == ["71.4%", "上年同期", "100.0%"]
    assert summary("报送社情民意信息") == ["2", "条", "上年同期", "0"]
    assert summary("受理调解信访案件") == ["2", "件", "上年同期", "1"]
    assert ResultClass.A.label in text
    assert f"{TopicSource.RESIDENTS.label} 3" in text
    assert f"{MeetingForm.BENCH.label} 2" in text
    assert "书香政协读书活动 1场/2人次" in text
    assert "逐月活动：1月 1  2月 0  3月 1" in text
    # Enum values shared between enums ("member", "in_progress") keep their own labels.
    assert "委员荐题 1" in text


def _table(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def test_format_stats_tables_by_township_and_room(dataset: Dataset) -> None:
    text = format_stats(year_stats(dataset.db, year=YEAR))
    townships = _table(text, "按镇（街道）统计")
    rooms = _table(text, "按协商议事室统计")
    # header, rule, 2 townships and the district's own line, total line
    assert len(townships) == 2 + 3 + 1
    # header, rule, 3 rooms and 2 office lines, total line
    assert len(rooms) == 2 + 5 + 1
    row = next(line for line in townships if line.startswith("兴仁镇"))
    # rooms, meetings, member and participant attendances, topics, outcomes, completed, solved
    assert row.split()[1:] == ["2", "5", "5", "5", "7", "7", "4", "3"]
    row = next(line for line in townships if line.startswith("崇川区政协（本级）"))
    assert row.split()[1:] == ["0", "1", "1", "0", "0", "0", "0", "0"]
    row = next(line for line in rooms if "花园社区协商议事室" in line)
    assert row.split() == [
        "先锋街道",
        "花园社区协商议事室",
        "花园社区",
        "2",
        "2",
        "4",
        "2",
        "2",
        "1",
        "1",
    ]
    assert any("兴仁镇（本级）" in line for line in rooms)
    assert townships[-1].split() == ["合计", "3", "8", "8", "9", "9", "9", "5", "4"]
    assert rooms[-1].split() == ["合计", "8", "8", "9", "9", "9", "5", "4"]
    # CJK text aligned by display width: every line of a table is equally wide.
    for table in (townships, rooms):
        assert len({display_width(line) for line in table}) == 1


def test_format_room_stats_has_no_tables(room_db: Database) -> None:
    text = format_stats(year_stats(room_db, year=YEAR))
    assert "协商议事室" in text.splitlines()[0]
    assert "按协商议事室统计" not in text
    line = next(line for line in text.splitlines() if line.startswith("协商议事活动"))
    assert line.split()[1:3] == ["0", "场"]


def test_a_range_is_named_in_the_heading(dataset: Dataset) -> None:
    stats = compute_stats(dataset.db, period=Period.between(date(2024, 3, 15), date(2024, 6, 10)))
    assert format_stats(stats).splitlines()[0] == "崇川区政协 2024-03-15 至 2024-06-10 协商议事统计"


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
