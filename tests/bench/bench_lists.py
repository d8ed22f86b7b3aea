"""List pages over 100 000 rows: open and re-sort a page, as ratios to a bare SQLite read.

Run: `python -m pytest tests/bench/bench_lists.py -s -p no:cacheprovider` (not part of the
default run). The baseline is measured in the same run because these machines are noisy.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import insert, select

from desktop.db import Database
from desktop.listing import count_rows, fetch_rows
from desktop.models import Topic
from desktop.models.enums import TopicSource
from tests.bench.timing import best_of

ROWS = 100_000


def test_list_page_cost_against_bare_sqlite(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "id": str(uuid.UUID(int=n + 1)),
            "owner_node": installation.node_id,
            "revision": 1,
            "updated_at": stamp,
            "change_seq": 1,
            "deleted": False,
            "room_id": installation.room_id,
            "title": f"议题{(n * 7919) % ROWS:06d}",
            "description": "",
            "source": TopicSource.RESIDENTS.value,
            "status": "collected",
            "immediate": False,
            "raised_on": date(2020 + n % 7, 1 + n % 12, 1 + n % 28),
        }
        for n in range(ROWS)
    ]
    with room_db.engine.begin() as connection:
        connection.execute(insert(Topic.__table__), rows)

    statement = select(Topic.id, Topic.title, Topic.raised_on, Topic.status).where(~Topic.deleted)

    def ours() -> None:
        count_rows(room_db, statement)
        fetch_rows(room_db, statement, order_by=[Topic.title.desc()], limit=200)

    raw = sqlite3.connect(room_db.home.database)

    def baseline() -> None:
        raw.execute("SELECT count(*) FROM topic WHERE NOT deleted").fetchone()
        raw.execute(
            "SELECT id, title, raised_on, status FROM topic WHERE NOT deleted "
            "ORDER BY title DESC LIMIT 200"
        ).fetchall()

    base = best_of(5, baseline)
    mine = best_of(5, ours)
    print(
        f"\nbare SQLite {base * 1000:.1f} ms, Yishi list page {mine * 1000:.1f} ms, "
        f"ratio {mine / base:.2f}"
    )
    raw.close()
    assert mine / base < 5
