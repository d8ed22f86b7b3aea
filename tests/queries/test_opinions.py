"""The slip list: scope, search (one Chinese character is enough), rooms, grid workers."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.db import Database
from desktop.listing import count_rows, fetch_rows
from desktop.models import Participant
from desktop.models.enums import ParticipantKind
from desktop.queries import opinions as queries
from desktop.queries.opinions import SlipScope
from desktop.workflow import slips as rules

TODAY = date(2026, 11, 29)


@pytest.fixture
def room(room_db: Database) -> str:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    with room_db.session() as session:
        worker = Participant(
            room_id=room_id,
            name="严红",
            kind=ParticipantKind.GRID_WORKER,
            position="第一网格专职网格员",
        )
        session.add(worker)
        session.flush()
        ids = [
            rules.create_slip(
                session,
                room_id=room_id,
                collected_on=date(2026, 11, day),
                content=content,
                grid="第一网格",
                collector_id=worker.id,
                reporter_name="张三",
                category="社会治理",
                today=TODAY,
            )
            for day, content in ((1, "楼道灯坏了"), (2, "100%的居民要求修路"), (3, "垃圾桶太少"))
        ]
        session.flush()
        rules.merge_into_new_topic(session, [ids[0].id], title="楼道灯", raised_on=TODAY)
    return room_id


def contents(db: Database, room_id: str | None, scope: SlipScope, search: str = "") -> list[str]:
    statement = queries.slips_statement(room_id=room_id, scope=scope, search=search)
    return [row.content for row in fetch_rows(db, statement)]


def test_scope_filters_handled_slips(room_db: Database, room: str) -> None:
    assert contents(room_db, room, SlipScope.ALL) == [
        "垃圾桶太少",
        "100%的居民要求修路",
        "楼道灯坏了",
    ]
    assert contents(room_db, room, SlipScope.UNHANDLED) == ["垃圾桶太少", "100%的居民要求修路"]
    assert contents(room_db, room, SlipScope.MERGED) == ["楼道灯坏了"]
    rows = fetch_rows(room_db, queries.slips_statement(room_id=room, scope=SlipScope.MERGED))
    assert rows[0].topic_title == "楼道灯" and rows[0].collector_name == "严红"
    assert count_rows(room_db, queries.slips_statement(room_id=None)) == 3


def test_search_finds_one_character_and_literal_percent(room_db: Database, room: str) -> None:
    assert contents(room_db, room, SlipScope.ALL, "灯") == ["楼道灯坏了"]
    assert contents(room_db, room, SlipScope.ALL, "%") == ["100%的居民要求修路"]
    assert contents(room_db, room, SlipScope.ALL, "严红") == [
        "垃圾桶太少",
        "100%的居民要求修路",
        "楼道灯坏了",
    ]
    assert contents(room_db, room, SlipScope.ALL, "没有") == []


def test_grid_workers_grids_and_categories(room_db: Database, room: str) -> None:
    choices = queries.slip_form_choices(room_db, room)
    assert [w.name for w in choices.workers] == ["严红"]
    assert queries.grid_of(choices.workers[0]) == "第一网格"
    assert choices.grids == ["第一网格"]
    categories = choices.categories
    assert categories[0] == "社会治理" and categories.count("社会治理") == 1
    assert "城市建管" in categories
