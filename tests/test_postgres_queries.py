"""The district's pages on PostgreSQL (issue 20): the same demo district, made with the same
seed on the same day in SQLite and on the server, gives the same statistics, dashboard,
attention list, duty scores, supervision list and rooms overview, and each list page's first
screenful sorted by each of its sortable columns holds the same rows in the same order.

Both databases are made once for the module (three rooms, the year before and this one), so
the comparisons read without writing. Skipped unless YISHI_TEST_POSTGRES_URL names a server.
"""

from __future__ import annotations

import dataclasses
import secrets
import shutil
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import time_machine
from sqlalchemy import ColumnElement, Select, create_engine, make_url, select
from sqlalchemy.pool import NullPool

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.listing import count_rows, fetch_rows, ordered, page_statement
from desktop.models import Meeting, Outcome, Room, Topic
from desktop.overview import dashboard_figures
from desktop.paths import Home
from desktop.queries import (
    activities,
    meetings,
    opinions,
    outcomes,
    people,
    roster_lists,
    supervision,
    topics,
)
from desktop.queries.desk import needs_attention
from desktop.queries.duty import district_acts, member_file, rule_sets, score_year
from desktop.queries.rooms import read_rooms_overview
from desktop.setup import setup_district
from desktop.stats import DISTRICT, Period, Scope, compute_stats, read_scope_choices, year_stats
from tests.postgres import DATABASE_PREFIX, SKIP_REASON, admin_url, drop_database

TODAY = date(2026, 6, 15)
SEED = 1
ROOMS = 3
NODE = "0d1517c7-0000-4000-8000-000000000001"
YEARS = 1
SCREENFUL = 200  # QueryTableModel.BATCH: the rows a list page shows first

pytestmark = pytest.mark.skipif(admin_url() is None, reason=SKIP_REASON)


def _demo(db: Database) -> Database:
    # The clock is fixed while the district is set up: setup writes this year's rules.
    with time_machine.travel(datetime.combine(TODAY, time(9, 30)).astimezone(), tick=False):
        # One node id on both engines: the demo salts its ids with it (desktop.demo.common).
        with mock.patch("desktop.setup.new_id", return_value=NODE):
            setup_district(db, name="崇川区政协")
        generate(db, seed=SEED, rooms=ROOMS, years=YEARS, today=TODAY)
    return db


@pytest.fixture(scope="module")
def server_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    url = admin_url()
    assert url is not None
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = DATABASE_PREFIX + secrets.token_hex(6)
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            server = make_url(url).set(database=name).render_as_string(hide_password=False)
            home = Home(tmp_path_factory.mktemp("server-district"))
            db = open_database(home, url=server)
            try:
                yield _demo(db)
            finally:
                db.close()
        finally:
            drop_database(admin, name)
    finally:
        admin.dispose()


@pytest.fixture(scope="module")
def file_db(
    template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    home = Home(tmp_path_factory.mktemp("file-district"))
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    db = open_database(home)
    try:
        yield _demo(db)
    finally:
        db.close()


@pytest.fixture(scope="module")
def both(file_db: Database, server_db: Database) -> tuple[Database, Database]:
    assert file_db.engine.dialect.name == "sqlite"
    assert server_db.engine.dialect.name == "postgresql"
    return file_db, server_db


def _same(both: tuple[Database, Database], read: Callable[[Database], Any]) -> Any:
    """What `read` finds, asserted equal on both engines."""
    on_file, on_server = (read(db) for db in both)
    assert on_server == on_file
    return on_file


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, recursively, so a difference shows where it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


# --- figures ----------------------------------------------------------------------------------


def test_the_demo_is_the_same_on_both(both: tuple[Database, Database]) -> None:
    def read(db: Database) -> dict[str, list[str]]:
        with db.session() as session:
            return {
                model.__tablename__: sorted(session.scalars(select(model.id)))
                for model in (Room, Meeting, Topic, Outcome)
            }

    found = _same(both, read)
    assert len(found["room"]) >= ROOMS and found["meeting"] and found["outcome"]


@pytest.mark.parametrize("year", [TODAY.year - 1, TODAY.year])
def test_yearly_statistics(both: tuple[Database, Database], year: int) -> None:
    stats = _same(both, lambda db: year_stats(db, year=year))
    assert stats["meetings"] > 0


def test_statistics_of_a_township_a_room_and_a_span(both: tuple[Database, Database]) -> None:
    choices = _same(both, lambda db: _plain(read_scope_choices(db)))
    township = choices[0]
    room = township["rooms"][0]["room_id"]
    span = Period.between(date(TODAY.year - 1, 3, 1), TODAY)
    for scope in (DISTRICT, Scope.township(township["township_id"]), Scope.room(room)):

        def read(db: Database, scope: Scope = scope) -> dict[str, Any]:
            return compute_stats(db, period=span, scope=scope, today=TODAY)

        _same(both, read)


def test_dashboard_and_attention(both: tuple[Database, Database]) -> None:
    _same(both, lambda db: _plain(dashboard_figures(db)))
    _same(both, lambda db: _plain(needs_attention(db, today=TODAY)))


def test_rooms_overview(both: tuple[Database, Database]) -> None:
    overview = _same(both, lambda db: _plain(read_rooms_overview(db, today=TODAY)))
    assert overview


@pytest.mark.parametrize("year", [TODAY.year - 1, TODAY.year])
def test_duty_scores(both: tuple[Database, Database], year: int) -> None:
    scores = _same(both, lambda db: _plain(score_year(db, year)))
    assert scores["members"]
    member_id = scores["members"][0]["member_id"]
    _same(both, lambda db: _plain(member_file(db, year, member_id)))
    _same(both, lambda db: _plain(district_acts(db, year=year)))
    _same(both, lambda db: [(r.year, r.version, r.rules) for r in rule_sets(db)])


def test_supervision_by_unit(both: tuple[Database, Database]) -> None:
    criteria = supervision.SupervisionFilter()
    units = _same(
        both, lambda db: _plain(supervision.read_unit_summaries(db, criteria, today=TODAY))
    )
    assert units
    overdue = supervision.SupervisionFilter(overdue_only=True)
    _same(both, lambda db: _plain(supervision.read_unit_summaries(db, overdue, today=TODAY)))
    _same(both, lambda db: _plain(supervision.read_supervision_choices(db)))


# --- list pages ------------------------------------------------------------------------------


def _lists(db: Database) -> dict[str, tuple[Select[Any], dict[str, ColumnElement[Any]]]]:
    """Each list page's statement (district mode, no filter) and the keys it sorts by."""
    member_keys = roster_lists.MEMBER_SORT_KEYS
    return {
        "outcomes": (
            outcomes.outcome_list(outcomes.OutcomeFilter(), today=TODAY),
            outcomes.SORT_KEYS,
        ),
        "supervision": (
            supervision.supervision_list(supervision.SupervisionFilter(), today=TODAY),
            supervision.SORT_KEYS,
        ),
        "topics": (
            topics.topics_statement(topics.TopicFilter()),
            {
                "title": topics.BY_TITLE,
                "source": topics.BY_SOURCE,
                "status": topics.BY_STATUS,
                "category": topics.BY_CATEGORY,
                "raised_on": topics.BY_RAISED_ON,
            },
        ),
        "meetings": (
            meetings.meetings_statement(meetings.MeetingFilter()),
            {
                "date": meetings.BY_DATE,
                "time": meetings.BY_TIME,
                "title": meetings.BY_TITLE,
                "form": meetings.BY_FORM,
                "status": meetings.BY_STATUS,
            },
        ),
        "slips": (
            opinions.slips_statement(room_id=None),
            {
                "collected_on": opinions.BY_COLLECTED_ON,
                "grid": opinions.BY_GRID,
                "collector": opinions.BY_COLLECTOR,
                "category": opinions.BY_CATEGORY,
                "topic": opinions.BY_TOPIC,
                "room": opinions.BY_ROOM,
            },
        ),
        "activities": (
            activities.activity_list(activities.ActivityFilter()),
            activities.ACTIVITY_SORT_KEYS,
        ),
        "cases": (activities.case_list(activities.CaseFilter()), activities.CASE_SORT_KEYS),
        "roster": (roster_lists.member_list(db, today=TODAY), member_keys),
        "areas": (roster_lists.area_list(today=TODAY), {}),
        "teams": (roster_lists.team_list(), {}),
        "participants": (people.participant_list(room_id=None), people.PARTICIPANT_SORT_KEYS),
    }


# Names gathered into one cell ("、"-separated): neither engine promises their order.
GATHERED = {"members", "places", "rooms"}
SORT_VALUE = "sort_value"


def _row(row: Any) -> tuple[Any, ...]:
    values = row._asdict()
    return tuple(
        "、".join(sorted(value.split("、"))) if name in GATHERED and value else value
        for name, value in values.items()
    )


def _screenful(db: Database, statement: Select[Any], order: list[Any]) -> list[Any]:
    """The first screenful as the page reads it, each run of rows the sort key ties in put
    in id order: neither engine promises how it orders ties, and the pages sort by one key."""
    rows = [_row(r) for r in fetch_rows(db, statement, order_by=order, limit=SCREENFUL)]
    if not order:
        return rows
    runs: list[list[tuple[Any, ...]]] = []
    for row in rows:
        if runs and runs[-1][-1][-1] == row[-1]:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [sorted(run, key=lambda r: r[0]) for run in runs]


def _pages(db: Database) -> dict[tuple[str, str, bool], Any]:
    found: dict[tuple[str, str, bool], Any] = {}
    for name, (statement, keys) in _lists(db).items():
        found[(name, "", False)] = _screenful(db, statement, [])
        found[(name, "count", False)] = count_rows(db, statement)
        for key_name, key in keys.items():
            # The sort key read beside the row (last), to find the rows it ties.
            keyed = statement.add_columns(key.label(SORT_VALUE))
            for descending in (False, True):
                order = [key.desc() if descending else key.asc()]
                found[(name, key_name, descending)] = _screenful(db, keyed, order)
    return found


def test_list_pages(both: tuple[Database, Database]) -> None:
    on_file, on_server = (_pages(db) for db in both)
    assert on_server.keys() == on_file.keys()
    different = [key for key in on_file if on_file[key] != on_server[key]]
    assert not different
    # Every list has rows, all on its first screenful, so the comparison saw each row.
    assert all(0 < on_file[(name, "count", False)] <= SCREENFUL for name in _lists(both[0]))


# --- plans ---------------------------------------------------------------------------------


def _server_plan(db: Database, statement: Select[Any], order: list[Any]) -> str:
    """The server's plan of a list's first screenful as fetch_rows asks for it, with the
    planner kept off whole-table reads and sorts where it has another way: the demo is too
    small for it to prefer an index on its own."""
    page = page_statement(ordered(db, statement, order), offset=0, limit=SCREENFUL)
    sql = page.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection, connection.begin():
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            connection.exec_driver_sql(f"SET LOCAL {setting} = off")
        rows = connection.exec_driver_sql(f"EXPLAIN {sql}").all()
    return "\n".join(row[0] for row in rows)


def test_sorted_first_screens_read_indexes_in_order_on_the_server(server_db: Database) -> None:
    """No index hands out SQLite's blanks-first order on the server, nor the overdue-first
    order, and a hashed NOT IN kept the slips off their topic's index: each of these pages
    sorted every row (0.1 to 0.2 s on a 10-year district). Their pages are picked now by
    walking the indexes in order."""
    slips = opinions.slips_statement(room_id=None)
    by_topic = _server_plan(server_db, slips, [opinions.BY_TOPIC.desc()])
    assert "Index Scan Backward using ix_topic_title" in by_topic, by_topic
    outcome_list = outcomes.outcome_list(outcomes.OutcomeFilter(), today=TODAY)
    by_origin = _server_plan(server_db, outcome_list, [outcomes.SORT_KEYS["origin"].desc()])
    for index in ("ix_topic_title", "ix_activity_title", "ix_mediation_case_subject"):
        assert f"Index Scan Backward using {index}" in by_origin, by_origin
    # A column of the listed table without blanks keeps the order its index hands out.
    by_state = _server_plan(server_db, outcome_list, [outcomes.SORT_KEYS["status"].desc()])
    assert "Index Scan Backward using ix_outcome_status_deadline" in by_state, by_state
    overdue_first = _server_plan(
        server_db, supervision.supervision_list(supervision.SupervisionFilter(), today=TODAY), []
    )
    for status in ("pending", "in_progress"):
        assert f"(status)::text = '{status}'::text" in overdue_first, overdue_first
    assert "ix_outcome_status_deadline" in overdue_first, overdue_first
