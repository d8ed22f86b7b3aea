"""The outcome list's filters and overdue rule, and one outcome's detail."""

from __future__ import annotations

from datetime import date

from desktop.db import Database
from desktop.listing import count_rows, fetch_rows
from desktop.models.enums import OutcomeStatus
from desktop.queries import outcomes as queries
from desktop.queries.outcomes import OutcomeFilter
from tests.desk_builders import TODAY, add_outcome, room_id_of


def _contents(db: Database, criteria: OutcomeFilter) -> set[str]:
    statement = queries.outcome_list(criteria, today=TODAY)
    return {row.content for row in fetch_rows(db, statement)}


def test_filters_overdue_status_year_and_search(room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        add_outcome(s, room, "疏浚排水管网", deadline=date(2026, 11, 1))
        add_outcome(
            s, room, "施划停车泊位", deadline=date(2026, 10, 1), status=OutcomeStatus.COMPLETED
        )
        add_outcome(s, room, "增设路灯", deadline=date(2026, 12, 31), topic_title="夜间照明")
        add_outcome(
            s,
            room,
            "补贴加装电梯",
            deadline=date(2025, 3, 1),
            status=OutcomeStatus.IN_PROGRESS,
            held_on=date(2025, 1, 5),
            unit="崇川区住建局",
        )
        add_outcome(
            s, room, "不能办的事", deadline=date(2025, 1, 1), status=OutcomeStatus.NOT_POSSIBLE
        )
    everything = _contents(room_db, OutcomeFilter())
    assert len(everything) == 5
    assert _contents(room_db, OutcomeFilter(overdue_only=True)) == {"疏浚排水管网", "补贴加装电梯"}
    assert _contents(room_db, OutcomeFilter(status=OutcomeStatus.COMPLETED)) == {"施划停车泊位"}
    assert _contents(room_db, OutcomeFilter(year=2025)) == {"补贴加装电梯"}
    assert _contents(room_db, OutcomeFilter(search="照明")) == {"增设路灯"}  # by topic
    assert _contents(room_db, OutcomeFilter(search="住建局")) == {"补贴加装电梯"}  # by unit
    assert count_rows(room_db, queries.outcome_list(OutcomeFilter(year=2024), today=TODAY)) == 0
    assert queries.outcome_years(room_db) == [2026, 2025]


def test_overdue_rule() -> None:
    late = date(2026, 11, 28)
    assert queries.is_overdue(deadline=late, status=OutcomeStatus.PENDING, today=TODAY)
    assert queries.is_overdue(deadline=late, status=OutcomeStatus.IN_PROGRESS, today=TODAY)
    assert not queries.is_overdue(deadline=late, status=OutcomeStatus.COMPLETED, today=TODAY)
    assert not queries.is_overdue(deadline=late, status=OutcomeStatus.NOT_POSSIBLE, today=TODAY)
    assert not queries.is_overdue(deadline=TODAY, status=OutcomeStatus.PENDING, today=TODAY)
    assert not queries.is_overdue(deadline=None, status=OutcomeStatus.PENDING, today=TODAY)


def test_detail_and_deleted_outcomes(room_db: Database) -> None:
    room = room_id_of(room_db)
    node = room_db.installation().node_id  # type: ignore[union-attr]
    with room_db.session() as s:
        kept = add_outcome(s, room, "疏浚排水管网", deadline=date(2026, 11, 1)).id
        gone = add_outcome(s, room, "已删除", deadline=None)
        gone.deleted = True
    detail = queries.read_outcome(room_db, kept, node_id=node, today=TODAY)
    assert detail is not None
    assert detail.origin == "加装电梯" and detail.agreed_on == date(2026, 10, 10)
    assert detail.overdue and detail.owned
    # Pending: it may start, finish or fail, but there is nothing yet to tell residents.
    assert detail.allowed == {
        OutcomeStatus.IN_PROGRESS,
        OutcomeStatus.COMPLETED,
        OutcomeStatus.NOT_POSSIBLE,
    }
    assert not detail.can_feed_back and detail.can_escalate
    assert queries.read_outcome(room_db, kept, node_id="another", today=TODAY).owned is False  # type: ignore[union-attr]
    assert queries.read_outcome(room_db, gone.id, node_id=node, today=TODAY) is None
    assert _contents(room_db, OutcomeFilter()) == {"疏浚排水管网"}
