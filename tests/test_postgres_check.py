"""`yishi check` on a district kept on PostgreSQL: the server keeps its pages and foreign keys
itself, and every domain check runs as on SQLite."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from desktop.checks import run_checks
from desktop.checks.search import repair
from desktop.db import open_database
from desktop.demo import generate
from desktop.paths import Home
from desktop.setup import setup_district


def test_the_domain_checks_run_on_the_server_and_find_what_is_wrong(
    tmp_path: Path, postgres_url: str
) -> None:
    db = open_database(Home(tmp_path / "区政协"), url=postgres_url)
    try:
        setup_district(db, name="启东市政协")
        generate(db, seed=2, rooms=1, years=1)
        assert run_checks(db) == []
        with db.engine.begin() as connection:
            # A record's search text lost: the search check, a domain check, must say so.
            connection.execute(text("DELETE FROM search_text WHERE kind = 'topic'"))
        problems = run_checks(db)
        assert [p.check for p in problems] == ["search_index"]
        assert "--repair-search" in problems[0].message
        repair(db)
        assert run_checks(db) == []
    finally:
        db.close()
