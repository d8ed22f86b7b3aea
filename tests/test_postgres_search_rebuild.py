"""Rebuilding the search index on a district's PostgreSQL database (`yishi migrate-db`, `yishi
check --repair-search`) leaves its queue empty in storage too: a moved district's copy queues
every record, and rows merely deleted stay in the table until a vacuum, where the drain that
every commit runs would read through them all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.checks.search import repair
from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.paths import Home
from desktop.setup import setup_district


@pytest.fixture
def server(postgres_url: str, tmp_path: Path) -> Iterator[Database]:
    db = open_database(Home(tmp_path / "server"), url=postgres_url)
    setup_district(db, name="崇川区政协")
    generate(db, seed=1, rooms=2, years=1)
    yield db
    db.close()


def test_a_rebuild_leaves_no_queued_rows_behind_in_storage(server: Database) -> None:
    with server.engine.begin() as connection:
        # As the copy of a moved district leaves it: every record queued.
        for _ in range(5):
            connection.exec_driver_sql(
                "INSERT INTO search_queue (kind, record_id) SELECT 'topic', id FROM topic"
            )
        assert connection.exec_driver_sql("SELECT pg_relation_size('search_queue')").scalar()

    indexed = repair(server)

    with server.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM search_queue").scalar() == 0
        assert connection.exec_driver_sql("SELECT pg_relation_size('search_queue')").scalar() == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM search_text").scalar() == indexed
    assert indexed > 0
