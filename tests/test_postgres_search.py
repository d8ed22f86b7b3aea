"""搜索 and 共性问题 on a district's PostgreSQL database (issue 20): the same demo finds the same
records and suggests the same slip groups on both engines; records written later (through a
session, or by raw statements as the importer writes) are found; two workstations draining
at once keep every row; `yishi check` reports an index out of step and its repair rebuilds it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from sqlalchemy import event, insert, select, text

from desktop import search_index
from desktop.checks.search import repair
from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.models import Member, OpinionSlip, Room, Topic
from desktop.paths import Home
from desktop.queries import search as search_module
from desktop.queries.search import Group, search
from desktop.queries.similar_slips import suggested_groups
from desktop.search_index import KINDS
from desktop.setup import setup_district
from tests.desk_builders import add_topic

TODAY = date(2026, 6, 15)
NODE = "0d1517c7-0000-4000-8000-000000000001"
ALL = 10_000  # per kind: every hit, so the engines' order of equal-batch rows cannot matter


def _district(home: Home, url: str | None) -> Database:
    db = open_database(home, url=url) if url else open_database(home)
    # One node id on both engines: the demo salts its ids with it (desktop.demo.common).
    with mock.patch("desktop.setup.new_id", return_value=NODE):
        setup_district(db, name="崇川区政协")
    generate(db, seed=1, rooms=2, years=1, today=TODAY)
    return db


@pytest.fixture
def server(postgres_url: str, tmp_path: Path) -> Iterator[Database]:
    db = _district(Home(tmp_path / "server"), postgres_url)
    yield db
    db.close()


@pytest.fixture
def local(tmp_path: Path) -> Iterator[Database]:
    db = _district(Home(tmp_path / "local"), None)
    yield db
    db.close()


def _found(db: Database, query: str) -> dict[str, tuple[int, frozenset[str]]]:
    """Kind → (count, ids of the records found)."""
    groups: list[Group] = search(db, query, per_kind=ALL)
    return {g.kind: (g.count, frozenset(h.record_id for h in g.hits)) for g in groups}


def _initials(db: Database) -> tuple[str, str]:
    """A member of the demo roster and the pinyin initials of the name (倪娟兰 → njl)."""
    with db.session() as session:
        name = session.scalars(select(Member.name).order_by(Member.name)).first()
    assert name
    syllables = search_index.readings(name).split(" ")[0].strip("|").split("|")
    return name, "".join(s[0] for s in syllables)


def test_the_same_demo_finds_the_same_records_on_both_engines(
    server: Database, local: Database
) -> None:
    name, initials = _initials(server)
    assert _initials(local) == (name, initials)
    with server.session() as session:
        member = session.scalars(select(Member.id).where(Member.name == name)).one()
    queries = ["加装电梯", "电梯", "梯", "协商 停车", initials, name]
    for query in queries:
        on_server = _found(server, query)
        assert on_server, query
        assert on_server == _found(local, query), query
    assert member in _found(server, initials)["member"][1]
    assert _found(server, "没有这样的话") == {} == _found(local, "没有这样的话")
    # ILIKE's own wildcards are plain characters in a query.
    assert _found(server, "%") == _found(local, "%")
    assert _found(server, "_") == _found(local, "_")
    # The first page (newest first) holds as many hits of each kind on both.
    assert {g.kind: len(g.hits) for g in search(server, "协商")} == {
        g.kind: len(g.hits) for g in search(local, "协商")
    }


def test_records_written_later_are_found_on_the_server(server: Database) -> None:
    with server.session() as session:
        room = session.scalars(select(Room.id).order_by(Room.id)).first()
        assert room is not None
        topic = add_topic(session, room, "后来添加的议题甲乙丙")
    assert _found(server, "甲乙丙") == {"topic": (1, frozenset({topic.id}))}
    assert _found(server, "乙") == {"topic": (1, frozenset({topic.id}))}
    # Written as the importer writes (Core executemany, no session): queued by the triggers,
    # indexed by the next search.
    with server.session() as session:
        row = {
            column.key: getattr(session.get_one(Topic, topic.id), column.key)
            for column in Topic.__table__.columns
        }
    imported = [
        {**row, "id": f"00000000-0000-4000-8000-00000000000{n}", "title": f"导入的议题丁戊{n}"}
        for n in (1, 2)
    ]
    with server.engine.begin() as connection:
        connection.execute(insert(Topic), imported)
        queued = connection.exec_driver_sql("SELECT kind, record_id FROM search_queue").all()
    assert sorted(queued) == [("topic", r["id"]) for r in imported]
    assert _found(server, "丁戊") == {"topic": (2, frozenset(r["id"] for r in imported))}
    with server.engine.begin() as connection:
        connection.execute(
            text("UPDATE topic SET title = '改过的议题' WHERE id = :id"), {"id": imported[0]["id"]}
        )
        connection.execute(
            text("UPDATE topic SET deleted = TRUE WHERE id = :id"), {"id": imported[1]["id"]}
        )
    assert _found(server, "丁戊") == {}
    assert _found(server, "改过的议题") == {"topic": (1, frozenset({imported[0]["id"]}))}
    with server.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM search_queue").scalar() == 0
        assert search_index.out_of_step(connection) == []


def test_a_slip_leaves_the_index_with_its_deleted_topic(server: Database) -> None:
    # The rooms' records change on the district only by import: raw statements here.
    with server.session() as session:
        merged = session.execute(
            select(OpinionSlip.id, OpinionSlip.topic_id)
            .where(OpinionSlip.topic_id.is_not(None))
            .order_by(OpinionSlip.id)
        ).first()
    assert merged is not None
    slip_id, topic_id = merged
    with server.engine.begin() as connection:
        connection.execute(
            text("UPDATE opinion_slip SET content = '归入议题的采集表庚辛壬' WHERE id = :id"),
            {"id": slip_id},
        )
    assert _found(server, "庚辛壬") == {"slip": (1, frozenset({slip_id}))}
    with server.engine.begin() as connection:
        connection.execute(text("UPDATE topic SET deleted = TRUE WHERE id = :id"), {"id": topic_id})
    assert _found(server, "庚辛壬") == {}


def test_two_workstations_draining_at_once_keep_every_row(server: Database) -> None:
    with server.session() as session:
        room = session.scalars(select(Room.id).order_by(Room.id)).first()
    assert room is not None
    second_done = threading.Event()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with server.session() as session:
                add_topic(session, room, "第二台电脑的议题")
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            second_done.set()

    with server.session() as session:
        add_topic(session, room, "第一台电脑的议题")
        session.flush()
        search_index.drain(session.connection())  # holds the drain's lock until it commits
        worker = threading.Thread(target=second)
        worker.start()
        # The second waits for the first's commit instead of numbering rows alike.
        assert not second_done.wait(0.5)
    worker.join(10)
    assert errors == []
    assert {g.kind: g.count for g in search(server, "台电脑的议题")} == {"topic": 2}
    with server.engine.connect() as connection:
        assert search_index.out_of_step(connection) == []


def test_check_reports_an_index_out_of_step_and_repair_rebuilds_it(server: Database) -> None:
    with server.engine.connect() as connection:
        assert search_index.out_of_step(connection) == []
    with server.session() as session:
        member = session.scalars(select(Member).order_by(Member.id)).first()
        assert member is not None
        member_id = member.id
    slips = _found(server, "停车")["slip"]
    with server.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER search_member_member ON member")
        connection.exec_driver_sql("DELETE FROM search_text WHERE kind = 'slip'")
    with server.session() as session:  # the roster is the district's own
        session.get_one(Member, member_id).workplace = "触发器不在时改的单位"
    with server.engine.connect() as connection:
        problems = search_index.out_of_step(connection)
    assert len(problems) == 3, problems  # the trigger, the slips, the stale member
    assert "search_member_member" in problems[0]
    assert "slip" not in {g.kind for g in search(server, "停车")}
    assert repair(server) > 0
    with server.engine.connect() as connection:
        assert search_index.out_of_step(connection) == []
    assert _found(server, "停车")["slip"] == slips
    assert _found(server, "触发器不在时") == {"member": (1, frozenset({member_id}))}


def test_a_missing_grams_index_is_reported(server: Database) -> None:
    with server.engine.begin() as connection:
        connection.exec_driver_sql(f"DROP INDEX {search_index.SERVER_GRAMS_INDEX}")
    with server.engine.connect() as connection:
        assert any("字词索引" in p for p in search_index.out_of_step(connection))
    repair(server)
    with server.engine.connect() as connection:
        assert search_index.out_of_step(connection) == []


def test_the_same_demo_suggests_the_same_slip_groups_on_both_engines(
    server: Database, local: Database
) -> None:
    def groups(db: Database) -> list[list[list[str]]]:
        with db.session() as session:
            rooms = session.scalars(select(Room.id).order_by(Room.id)).all()
        return [[[s.id for s in g] for g in suggested_groups(db, room)] for room in rooms]

    on_server = groups(server)
    assert any(on_server)
    assert on_server == groups(local)


def _statements(db: Database, query: str) -> list[tuple[str, dict[str, object]]]:
    """The server's search statements for `query` (those reading search_text's rows)."""
    seen: list[tuple[str, dict[str, object]]] = []

    def record(*args: object) -> None:
        statement, parameters = str(args[2]), args[3]
        if statement.startswith("(SELECT") and isinstance(parameters, dict):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        search(db, query, per_kind=ALL)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


@pytest.mark.parametrize("query", ["梯", "电梯", "加装电梯", "协商 梯"])
def test_short_words_are_read_through_the_grams_index(
    server: Database, local: Database, query: str
) -> None:
    statements = _statements(server, query)
    assert len(statements) == 2  # the counts, the newest
    with server.engine.connect() as connection:
        search_module._statistics(connection)  # this transaction's planner options
        for statement, parameters in statements:
            plan = "\n".join(
                str(row[0])
                for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
            )
            assert search_index.SERVER_GRAMS_INDEX in plan, plan
            assert "Seq Scan" not in plan, plan
    assert _found(server, query) == _found(local, query)


def test_walking_a_kind_finds_what_the_index_finds(
    server: Database, local: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A common word's kinds are walked newest first (the 10-year district's); the demo's
    # are too small for the statistics to say so: every kind walked here, a few matches
    # being "many", and the same records found, counted and capped as on SQLite.
    queries = ["梯", "电梯", "协商", "议"]
    indexed = {query: _found(server, query) for query in queries}
    monkeypatch.setattr(search_module, "COUNT_CAP", 3)
    monkeypatch.setattr(
        search_module._Statistics, "walked", lambda _self, _grams: {k.key for k in KINDS}
    )
    for query in queries:
        walked = _found(server, query)
        assert walked == _found(local, query), query
        assert {k: ids for k, (_n, ids) in walked.items()} == {
            k: ids for k, (_n, ids) in indexed[query].items()
        }
        assert any(count == 3 for count, _ids in walked.values()), query


def test_the_server_statistics_are_read_again_after_an_analyze(server: Database) -> None:
    with server.engine.connect() as connection:
        first = search_module._statistics(connection)
        assert search_module._statistics(connection) is first
    with server.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE search_text")
        connection.commit()
    with server.engine.connect() as connection:
        again = search_module._statistics(connection)
    assert again is not first
    assert again.rows["topic"] > 0
