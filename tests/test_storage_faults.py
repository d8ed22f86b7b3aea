"""A full disk, read-only media or a pulled USB stick during a save: a message in Chinese
naming the problem, nothing written, and the typed text still in the form."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select

from desktop import clock
from desktop.db import Database
from desktop.errors import DatabaseWriteError, UserError, os_reason
from desktop.models import Topic
from desktop.models.enums import TopicSource
from desktop.workflow import topics as rules


@contextmanager
def disk_full(db: Database) -> Iterator[None]:
    """SQLite's own "database or disk is full": the file may not grow by a single page."""

    def cap(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()
    event.listen(db.engine, "connect", cap)
    try:
        yield
    finally:
        event.remove(db.engine, "connect", cap)
        db.engine.dispose()


def _fill_a_page(db: Database, room_id: str, title: str) -> None:
    with db.session() as session:
        rules.create_topic(
            session,
            room_id=room_id,
            title=title,
            # Longer than a page, so the insert must grow the file.
            description="居民反映" * 2000,
            source=TopicSource.RESIDENTS,
            raised_on=clock.today(),
        )


def titles(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Topic.title).order_by(Topic.title)))


def _room_id(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def test_a_save_on_a_full_disk_is_refused_in_chinese_and_writes_nothing(
    room_db: Database,
) -> None:
    before = titles(room_db)
    with disk_full(room_db), pytest.raises(DatabaseWriteError) as caught:
        _fill_a_page(room_db, _room_id(room_db), "路灯不亮")
    assert "磁盘已满" in str(caught.value) and "没有丢失" in str(caught.value)
    assert isinstance(caught.value, UserError)
    assert titles(room_db) == before
    # Once there is room again the same save goes through.
    _fill_a_page(room_db, _room_id(room_db), "路灯不亮")
    assert "路灯不亮" in titles(room_db)


def test_a_read_only_database_file_is_named(room_db: Database) -> None:
    room_db.engine.dispose()

    def read_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = 1")

    event.listen(room_db.engine, "connect", read_only)
    try:
        with pytest.raises(UserError) as caught:
            _fill_a_page(room_db, _room_id(room_db), "路灯不亮")
    finally:
        event.remove(room_db.engine, "connect", read_only)
        room_db.engine.dispose()
    assert "只读" in str(caught.value)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "磁盘已满"),
        (errno.EROFS, "只读"),
        (errno.EIO, "U 盘是否已拔出"),
        (errno.ENODEV, "U 盘是否已拔出"),
    ],
)
def test_what_the_system_refused_is_said_precisely(code: int, words: str) -> None:
    assert words in os_reason(OSError(code, "system words"))
