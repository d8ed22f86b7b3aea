"""成果督办's reads over a hand-built district (tests/supervision_builders.py): the order,
every filter, the per-unit figures, the choices and a unit's 督办单 lines."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.db import Database
from desktop.listing import count_rows, fetch_rows
from desktop.models.enums import OutcomeStatus, SupervisionMethod
from desktop.queries import supervision as q
from desktop.workflow.outcomes import note_progress
from desktop.workflow.supervision import record_action
from tests.supervision_builders import BUILD, CITY, ORDER, WATER, District, build_supervision


@pytest.fixture
def world(district_db: Database) -> District:
    return build_supervision(district_db)


def _keys(world: District, criteria: q.SupervisionFilter) -> list[str]:
    statement = q.supervision_list(criteria, today=world.today)
    rows = fetch_rows(world.db, statement, limit=200)
    assert count_rows(world.db, statement) == len(rows)
    return [world.key_of(row.id) for row in rows]


def test_overdue_first_longest_first_then_by_deadline_none_last(world: District) -> None:
    assert _keys(world, q.SupervisionFilter()) == ORDER
    rows = fetch_rows(world.db, q.supervision_list(q.SupervisionFilter(), today=world.today))
    late = [q.overdue_days(deadline=r.deadline, status=r.status, today=world.today) for r in rows]
    assert late == [30, 10, 3, 1, 0, 0, 0, 0, 0]
    # Rooms are named from the choices, read once; the township's own office as its 工委.
    places = q.read_supervision_choices(world.db).places
    assert places[rows[0].room_id] == q.Place("徐庄村协商议事室", "兴仁镇")
    assert places[rows[ORDER.index("o1")].room_id] == q.Place("先锋街道政协工委", "先锋街道")


@pytest.mark.parametrize(
    ("filter_of", "expected"),
    [
        (lambda w: q.SupervisionFilter(township_id=w["t1"]), ["a1", "b1", "a2", "b2", "a3", "b3"]),
        # A township's filter keeps its own office's outcomes too.
        (lambda w: q.SupervisionFilter(township_id=w["t2"]), ["o1", "c2", "c1"]),
        (lambda w: q.SupervisionFilter(room_id=w["room_b"]), ["b1", "b2", "b3"]),
        (lambda w: q.SupervisionFilter(room_id=w["office"]), ["o1"]),
        (lambda w: q.SupervisionFilter(unit=CITY), ["o1", "c2", "c1"]),
        (lambda w: q.SupervisionFilter(unit=q.NO_UNIT), ["b3"]),
        (lambda w: q.SupervisionFilter(statuses=(OutcomeStatus.COMPLETED,)), ["b2"]),
        (
            lambda w: q.SupervisionFilter(
                statuses=(OutcomeStatus.PENDING, OutcomeStatus.IN_PROGRESS)
            ),
            ["a1", "b1", "o1", "a2", "a3", "c1", "b3"],
        ),
        (lambda w: q.SupervisionFilter(overdue_only=True), ["a1", "b1", "o1", "a2"]),
        (
            lambda w: q.SupervisionFilter(
                deadline_from=w.today - timedelta(days=10), deadline_to=w.today
            ),
            ["b1", "o1", "a2", "c2", "a3"],
        ),
        (
            lambda w: q.SupervisionFilter(township_id=w["t1"], unit=BUILD, overdue_only=True),
            ["a1", "a2"],
        ),
    ],
)
def test_each_filter(world: District, filter_of: object, expected: list[str]) -> None:
    assert callable(filter_of)
    assert _keys(world, filter_of(world)) == expected


def _figures(summaries: list[q.UnitSummary]) -> list[tuple[str, int, int, int, int, int, int]]:
    return [
        (s.unit, s.total, s.open, s.overdue, s.completed, s.max_overdue_days, s.total_overdue_days)
        for s in summaries
    ]


def test_units_with_their_counts_and_overdue_days(world: District) -> None:
    figures = _figures(q.read_unit_summaries(world.db, q.SupervisionFilter(), today=world.today))
    assert figures == [
        (BUILD, 3, 2, 2, 1, 30, 31),
        (WATER, 2, 2, 1, 0, 10, 10),
        (CITY, 3, 2, 1, 0, 3, 3),
        (q.NO_UNIT, 1, 1, 0, 0, 0, 0),
    ]
    in_t2 = q.read_unit_summaries(
        world.db, q.SupervisionFilter(township_id=world["t2"]), today=world.today
    )
    assert [(s.unit, s.total, s.overdue) for s in in_t2] == [(CITY, 3, 1)]


def test_overdue_only_units_agree_with_the_whole_counts(world: District) -> None:
    # The 工作台's alert: overdue outcomes only, read in one pass (no blank unit is overdue).
    figures = _figures(
        q.read_unit_summaries(world.db, q.SupervisionFilter(overdue_only=True), today=world.today)
    )
    assert figures == [
        (BUILD, 2, 2, 2, 0, 30, 31),
        (WATER, 1, 1, 1, 0, 10, 10),
        (CITY, 1, 1, 1, 0, 3, 3),
    ]


def test_choices_name_the_office_as_the_townships_own(world: District) -> None:
    choices = q.read_supervision_choices(world.db)
    assert [c.name for c in choices.townships] == ["先锋街道", "兴仁镇"]
    rooms = {c.name: township for c, township in choices.rooms}
    assert rooms["先锋街道政协工委"] == world["t2"]
    assert rooms["徐庄村协商议事室"] == world["t1"]
    assert choices.units == [*sorted([BUILD, WATER, CITY]), q.NO_UNIT]


def test_the_list_shows_the_latest_supervision(world: District) -> None:
    record_action(
        world.db,
        world["b1"],
        on=world.today - timedelta(days=2),
        method=SupervisionMethod.PHONE,
        result="答复本月内完成",
        supervised_by="社法委",
    )
    record_action(
        world.db,
        world["b1"],
        on=world.today,
        method=SupervisionMethod.VISIT,
        result="现场查看，已开工",
        supervised_by="社法委",
    )
    rows = fetch_rows(world.db, q.supervision_list(q.SupervisionFilter(), today=world.today))
    b1 = next(r for r in rows if r.id == world["b1"])
    assert (b1.last_action_on, b1.actions) == (world.today, 2)
    assert [a.method for a in q.read_actions(world.db, world["b1"])] == [
        SupervisionMethod.VISIT,
        SupervisionMethod.PHONE,
    ]


def test_a_units_sheet_lists_its_open_outcomes_overdue_first(world: District) -> None:
    note_progress(world.db, world["a1"], on=world.today - timedelta(days=3), text="已完成设计")
    record_action(
        world.db,
        world["a1"],
        on=world.today,
        method=SupervisionMethod.LETTER,
        result="已发督办函",
        supervised_by="社法委",
    )
    with world.db.session() as s:
        sheet = q.load_sheet(s, q.SupervisionFilter(unit=BUILD), today=world.today)
    # The completed b2 is not on it.
    assert [line.content for line in sheet.lines] == ["协商成果a1", "协商成果a2"]
    first = sheet.lines[0]
    assert (first.room_name, first.township, first.origin, first.overdue_days) == (
        "徐庄村协商议事室",
        "兴仁镇",
        "议题a1",
        30,
    )
    assert first.last_progress == (world.today - timedelta(days=3), "已完成设计")
    assert [a.result for a in first.actions] == ["已发督办函"]
    assert (sheet.overdue, sheet.longest_overdue) == (2, 30)
    with world.db.session() as s:
        assert q.unit_exists(s, BUILD) and q.unit_exists(s, q.NO_UNIT)
        assert not q.unit_exists(s, "不存在的单位")
