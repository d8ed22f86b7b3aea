"""Every list of a district's window sorts by each of its columns on PostgreSQL as the user
clicks the headers (the pages' own sort keys, labels of joined names included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.paths import Home
from desktop.setup import setup_district
from desktop.views.common.query_table_model import QueryTableModel
from desktop.views.shell.pages import page_factory

PAGES = ["opinions", "topics", "meetings", "outcomes", "activities", "people", "supervision"]


@pytest.fixture
def server_district(tmp_path: Path, postgres_url: str) -> Iterator[Database]:
    db = open_database(Home(tmp_path / "区政协"), url=postgres_url)
    setup_district(db, name="启东市政协")
    generate(db, seed=4, rooms=2, years=1)
    yield db
    db.close()


def test_every_sortable_column_sorts_on_the_server(qtbot: QtBot, server_district: Database) -> None:
    sorted_columns = 0
    for key in PAGES:
        factory = page_factory(key)
        assert factory is not None
        page = factory(server_district)
        qtbot.addWidget(page)
        for model in page.findChildren(QueryTableModel):
            model.refresh()
            total = model.total()
            for column in range(model.columnCount()):
                if not model.sortable(column):
                    continue
                for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                    model.sort(column, order)
                    assert model.total() == total, (key, column, order)
                    assert model.rowCount() == min(total, model.BATCH), (key, column, order)
                    sorted_columns += 1
    assert sorted_columns >= 30
