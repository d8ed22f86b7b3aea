"""The statistics read through indexes: SQLite's planner gets table statistics when a
database is opened, imported into or filled with demo data, and without them it read all of
attendance for a year's figures (0.4 s on a 315-room district instead of 20 ms)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from desktop import clock
from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.listing import count_statement, page_statement
from desktop.queries import meetings, opinions, outcomes, people, supervision, topics
from desktop.queries.opinions import SlipScope
from desktop.stats import Period, compute_stats

# SQLite's query plans; the server's: tests/test_postgres_queries.py.
pytestmark = pytest.mark.sqlite_only


def _statements(db: Database) -> list[tuple[str, Any]]:
    """Every SELECT a year's statistics run, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        compute_stats(db, period=Period.of_year(clock.today().year - 1))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_a_years_figures_never_scan_attendance(district_db: Database) -> None:
    generate(district_db, seed=5, rooms=8, years=2)
    district_db.close()
    db = open_database(district_db.home)
    try:
        statements = _statements(db)
    finally:
        db.close()
    raw = sqlite3.connect(db.home.database)
    try:
        assert raw.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
        plans = {
            statement: [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
            for statement, params in statements
            if "attendance" in statement or "speech" in statement
        }
    finally:
        raw.close()
    assert plans, "the figures read attendance"
    for statement, plan in plans.items():
        assert not any(step.startswith(("SCAN attendance", "SCAN speech")) for step in plan), (
            statement,
            plan,
        )


# What a year's figures read row by row: each only through an index holding every column the
# statistics use of it (desktop.stats.counting, migration 0017).
COVERED_BY_STATISTICS = ("meeting", "attendance", "agenda_item", "outcome")


def test_a_years_figures_read_covering_indexes(district_db: Database) -> None:
    """Meetings, attendance, agenda items and outcomes are counted from their indexes alone,
    and no subquery is run again for each row (the escalations' adoption was an EXISTS that
    read all the duty acts again for every escalated outcome)."""
    generate(district_db, seed=5, rooms=8, years=2)
    district_db.close()
    db = open_database(district_db.home)
    try:
        statements = _statements(db)
    finally:
        db.close()
    raw = sqlite3.connect(db.home.database)
    try:
        plans = [
            [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
            for statement, params in statements
        ]
    finally:
        raw.close()
    read = {step.split(" ")[1] for plan in plans for step in plan if step.startswith("SEARCH")}
    assert set(COVERED_BY_STATISTICS) <= read
    for plan in plans:
        assert not any("CORRELATED" in step for step in plan), plan
        for step in plan:
            words = step.split(" ")
            if words[0] in ("SEARCH", "SCAN") and words[1] in COVERED_BY_STATISTICS:
                assert " USING COVERING INDEX " in step, plan


# The tables a list's first screen must never read whole: they grow with every year.
BIG_TABLES = (
    "topic",
    "opinion_slip",
    "meeting",
    "outcome",
    "attendance",
    "speech",
    "agenda_item",
    "participant",
    "activity",
    "mediation_case",
)


def _plan(raw: sqlite3.Connection, db: Database, statement: Any) -> list[str]:
    compiled = statement.compile(db.engine, compile_kwargs={"render_postcompile": True})
    parameters = compiled.construct_params()
    values = [_plain(parameters[name]) for name in compiled.positiontup or ()]
    return [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {compiled}", values)]


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def _list_statements(today: date) -> dict[str, Any]:
    """Each list's statement as its page runs it in the district: default filter, its own
    order and then sorted by a column that has an index for it."""
    slips = opinions.slips_statement(room_id=None, scope=SlipScope.ALL)
    topic_list = topics.topics_statement(topics.TopicFilter())
    meeting_list = meetings.meetings_statement(meetings.MeetingFilter())
    outcome_list = outcomes.outcome_list(outcomes.OutcomeFilter(), today=today)
    participants = people.participant_list(room_id=None)
    by_column = {
        "slips by grid": (slips, opinions.BY_GRID),
        "slips by category": (slips, opinions.BY_CATEGORY),
        "topics by title": (topic_list, topics.BY_TITLE),
        "topics by category": (topic_list, topics.BY_CATEGORY),
        "topics by source": (topic_list, topics.BY_SOURCE),
        "topics by status": (topic_list, topics.BY_STATUS),
        "meetings by title": (meeting_list, meetings.BY_TITLE),
        "meetings by time": (meeting_list, meetings.BY_TIME),
        "meetings by form": (meeting_list, meetings.BY_FORM),
        # Sorted by a looked-up name: the room's, the slip's topic's or collector's (migration
        # 0016), whose table is read first in that name's index.
        "slips by room": (slips, opinions.BY_ROOM),
        "slips by topic": (slips, opinions.BY_TOPIC),
        "slips by collector": (slips, opinions.BY_COLLECTOR),
        "topics by room": (topic_list, topics.BY_ROOM),
        "meetings by room": (meeting_list, meetings.room_name),
        "outcomes by room": (outcome_list, outcomes.SORT_KEYS["room_name"]),
        "participants by name": (participants, people.PARTICIPANT_SORT_KEYS["name"]),
        "outcomes by result": (outcome_list, outcomes.SORT_KEYS["result_class"]),
        "outcomes first agreed": (outcome_list, outcomes.SORT_KEYS["agreed_on"]),
        # By origin: the activities' and cases' outcomes read in their title's index (0021).
        "outcomes by topic": (outcome_list, outcomes.SORT_KEYS["origin"]),
    }
    # Names sort both ways: the looked-up table's index is read backwards, the slips without
    # a topic or collector come first or last.
    named = ("slips by room", "slips by topic", "slips by collector", "topics by room")
    return {
        "slips (not handled)": opinions.slips_statement(room_id=None, scope=SlipScope.UNHANDLED),
        "slips (all)": slips,
        "topics": topic_list,
        "meetings": meeting_list,
        "outcomes": outcome_list,
        # 成果督办, overdue first: each part of that order read through its index.
        "supervision": supervision.supervision_list(supervision.SupervisionFilter(), today=today),
        "participants": participants,
        **{
            name: statement.order_by(None).order_by(key.asc())
            for name, (statement, key) in by_column.items()
        },
        **{
            f"{name}, last first": statement.order_by(None).order_by(key.desc())
            for name, (statement, key) in by_column.items()
            if name in named
        },
    }


def test_each_lists_first_screen_reads_through_indexes(district_db: Database) -> None:
    """The first 200 rows in the list's own order come from an index (or the outcomes' merged
    date indexes), never from reading and sorting a whole table; counting never reads
    attendance or speeches."""
    generate(district_db, seed=5, rooms=8, years=2)
    district_db.close()
    db = open_database(district_db.home)
    raw = sqlite3.connect(db.home.database)
    try:
        for name, statement in _list_statements(clock.today()).items():
            first = _plan(raw, db, page_statement(statement, offset=0, limit=200))
            scans = [s for s in first if s.split(" ")[:2] in (["SCAN", t] for t in BIG_TABLES)]
            assert all(" USING " in step for step in scans), (name, first)
            counted = _plan(raw, db, count_statement(statement))
            assert not any(
                step.startswith(("SCAN attendance", "SCAN speech")) for step in counted
            ), (name, counted)
    finally:
        raw.close()
        db.close()


# sqlite_stat1 as ANALYZE wrote it with its analysis_limit (desktop.db) on the 10-year,
# 315-room district: sampled, the outcomes counted at two and a half times their rows. On
# these the planner judged reading every outcome and sorting them cheaper than the topics'
# title index (0.17 s against 0.02 s for the first screen by topic).
SAMPLED_STATISTICS = (
    ("activity", "ix_activity_change_seq", "13184 37"),
    ("activity", "ix_activity_held", "11658 4"),
    ("activity", "ix_activity_owner_node", "10080 37 37"),
    ("activity", "ix_activity_room_date", "8580 37 1"),
    ("activity", "ix_activity_title", "3996 201"),
    ("activity", "sqlite_autoindex_activity_1", "6300 1"),
    ("agenda_item", "ix_agenda_item_change_seq", "50264 134"),
    ("agenda_item", "ix_agenda_item_meeting", "48598 2 2 1"),
    ("agenda_item", "ix_agenda_item_owner_node", "40964 101 101"),
    ("agenda_item", "ix_agenda_item_topic", "42312 2"),
    ("agenda_item", "sqlite_autoindex_agenda_item_1", "41310 1"),
    ("agenda_item", "sqlite_autoindex_agenda_item_2", "46368 2 1"),
    ("mediation_case", "ix_mediation_case_change_seq", "3582 12"),
    ("mediation_case", "ix_mediation_case_opened", "3312 2"),
    ("mediation_case", "ix_mediation_case_owner_node", "3825 11 11"),
    ("mediation_case", "ix_mediation_case_room_status", "3588 12 5"),
    ("mediation_case", "ix_mediation_case_subject", "3276 201"),
    ("mediation_case", "sqlite_autoindex_mediation_case_1", "3486 1"),
    ("meeting", "ix_meeting_change_seq", "27604 37"),
    ("meeting", "ix_meeting_form", "12231 401 2"),
    ("meeting", "ix_meeting_held", "24570 7"),
    ("meeting", "ix_meeting_owner_node", "25584 67 37"),
    ("meeting", "ix_meeting_room_date", "25200 67 1 1 1 1 1"),
    ("meeting", "ix_meeting_start", "26250 401"),
    ("meeting", "ix_meeting_status_deleted", "30222 201 201"),
    ("meeting", "ix_meeting_title", "30800 1"),
    ("meeting", "sqlite_autoindex_meeting_1", "22932 1"),
    ("outcome", "ix_outcome_activity", "2520 1"),
    ("outcome", "ix_outcome_agenda_item", "141120 3 3 3 3 1"),
    ("outcome", "ix_outcome_change_seq", "67156 201"),
    ("outcome", "ix_outcome_deadline", "56576 6 1"),
    ("outcome", "ix_outcome_escalated", "3040 14 1 1 1 1"),
    ("outcome", "ix_outcome_owner_node", "57760 134 134"),
    ("outcome", "ix_outcome_responsible_unit", "54600 201 201"),
    ("outcome", "ix_outcome_result_class", "66304 401"),
    ("outcome", "ix_outcome_room_status", "62846 134 45"),
    ("outcome", "ix_outcome_status_deadline", "57856 401 2 2"),
    ("outcome", "sqlite_autoindex_outcome_1", "54000 1"),
    ("topic", "ix_topic_category", "16380 401"),
    ("topic", "ix_topic_change_seq", "52736 134"),
    ("topic", "ix_topic_owner_node", "46816 101 101"),
    ("topic", "ix_topic_raised", "21691 37"),
    ("topic", "ix_topic_room_raised", "47190 134 1"),
    ("topic", "ix_topic_room_status", "56848 134 14"),
    ("topic", "ix_topic_source", "44954 401 4"),
    ("topic", "ix_topic_status_deleted", "22896 267 267"),
    ("topic", "ix_topic_status_raised", "32000 267 13"),
    ("topic", "ix_topic_title", "70200 5"),
    ("topic", "sqlite_autoindex_topic_1", "43608 1"),
)


def test_outcomes_by_origin_or_day_read_their_indexes_on_sampled_statistics(
    district_db: Database,
) -> None:
    generate(district_db, seed=5, rooms=8, years=2)
    district_db.close()
    db = open_database(district_db.home)
    with sqlite3.connect(db.home.database) as writer:
        for table, index, stat in SAMPLED_STATISTICS:
            writer.execute("DELETE FROM sqlite_stat1 WHERE tbl = ? AND idx = ?", (table, index))
            writer.execute("INSERT INTO sqlite_stat1 VALUES (?, ?, ?)", (table, index, stat))
    writer.close()
    raw = sqlite3.connect(db.home.database)  # loads the statistics afresh
    statements = _list_statements(clock.today())
    # Each origin read in the sort's order through its own index, merged.
    origins = {
        "outcomes by topic": ("ix_topic_title", "ix_activity_title", "ix_mediation_case_subject"),
        "outcomes first agreed": (
            "ix_meeting_held",
            "ix_activity_held",
            "ix_mediation_case_opened",
        ),
    }
    try:
        for name, indexes in origins.items():
            key = outcomes.SORT_KEYS["origin" if "topic" in name else "agreed_on"]
            for term in (key.asc(), key.desc()):
                ordered = statements[name].order_by(None).order_by(term)
                first = _plan(raw, db, page_statement(ordered, offset=0, limit=200))
                read = {s.split(" ")[-1] for s in first if s.startswith("SCAN ")}
                assert set(indexes) <= read, (name, term, "\n".join(first))
                scans = [s for s in first if s.split(" ")[:2] in (["SCAN", t] for t in BIG_TABLES)]
                assert all(" USING " in step for step in scans), (name, first)
    finally:
        raw.close()
        db.close()
