"""The search index matches the records (desktop.search_index), and its rebuild."""

from __future__ import annotations

from sqlalchemy import Connection

from desktop import search_index
from desktop.checks.base import Context, Problem
from desktop.db import Database


def index_in_step(connection: Connection, _ctx: Context) -> list[Problem]:
    return [
        Problem("search_index", None, None, message + "；请运行 yishi check --repair-search")
        for message in search_index.out_of_step(connection)
    ]


def repair(db: Database) -> int:
    """Rebuild the index (triggers, text, pinyin) from the records; the rows indexed."""
    with db.engine.begin() as connection:
        return search_index.rebuild(connection)
