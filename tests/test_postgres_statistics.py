"""After an import a district's server analyses only the tables the bundle grew by a tenth or
more: the whole of a 10-year district takes seconds to analyse, and a room's usual bundle is a
sliver of it (autovacuum catches the rest up)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.paths import Home
from desktop.setup import setup_district


@pytest.fixture
def server(postgres_url: str, tmp_path: Path) -> Iterator[Database]:
    db = open_database(Home(tmp_path / "server"), url=postgres_url)
    setup_district(db, name="崇川区政协")
    generate(db, seed=1, rooms=2, years=1)
    db.refresh_statistics()  # every table, as after demo data
    yield db
    db.close()


def _analysed(db: Database) -> dict[str, datetime | None]:
    with db.engine.connect() as connection:
        return {
            str(name): at
            for name, at in connection.exec_driver_sql(
                "SELECT relname, last_analyze FROM pg_stat_user_tables"
            )
        }


def _rows(db: Database, table: str) -> int:
    with db.engine.connect() as connection:
        return int(connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar() or 0)


def test_only_the_tables_an_import_grew_by_a_tenth_are_analysed(server: Database) -> None:
    before = _analysed(server)
    topics, attendance = _rows(server, "topic"), _rows(server, "attendance")
    assert topics >= 20 and attendance >= 20 and before["topic"] and before["attendance"]

    server.refresh_statistics({"topic": topics // 20, "attendance": attendance // 5, "claim": 0})

    after = _analysed(server)
    assert after["topic"] == before["topic"]  # a twentieth: left to autovacuum
    assert after["claim"] == before["claim"]  # nothing written
    assert after["attendance"] is not None and after["attendance"] > before["attendance"]


def test_without_the_tables_named_every_table_is_analysed(server: Database) -> None:
    before = _analysed(server)
    server.refresh_statistics()
    after = _analysed(server)
    assert all(after[t] is not None and after[t] > at for t, at in before.items() if at)
