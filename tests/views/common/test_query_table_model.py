"""The lazy table model: a valid Qt model, batches as the view scrolls, sorting in SQL."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select

from desktop.db import Database
from desktop.models import Topic
from desktop.models.enums import TopicSource
from desktop.views.common.query_table_model import ColumnSpec, QueryTableModel


def _bulk_topics(db: Database, count: int) -> None:
    installation = db.installation()
    assert installation is not None
    rows = [
        {
            "id": str(uuid.UUID(int=n + 1)),
            "owner_node": installation.node_id,
            "revision": 1,
            "updated_at": datetime(2026, 1, 1, tzinfo=UTC),
            "change_seq": 1,
            "deleted": False,
            "room_id": installation.room_id,
            "title": f"议题{n:06d}",
            "description": "",
            "source": TopicSource.RESIDENTS.value,
            "status": "collected",
            "immediate": False,
            "raised_on": date(2026, 1, 1 + n % 28),
        }
        for n in range(count)
    ]
    with db.engine.begin() as connection:  # bulk fixture data, below the ORM on purpose
        connection.execute(insert(Topic.__table__), rows)


def _model(db: Database) -> QueryTableModel:
    columns = [
        ColumnSpec("标题", lambda r: r.title, Topic.title),
        ColumnSpec("提出日期", lambda r: str(r.raised_on), Topic.raised_on),
        ColumnSpec("来源", lambda r: TopicSource(r.source).label),
    ]
    model = QueryTableModel(db, columns)
    model.set_query(select(Topic.title, Topic.raised_on, Topic.source).where(~Topic.deleted))
    return model


def test_passes_qt_model_tester(room_db: Database, qtmodeltester: ModelTester) -> None:
    _bulk_topics(room_db, 450)
    qtmodeltester.check(_model(room_db), force_py=True)


def test_loads_in_batches_and_sorts_in_sql(room_db: Database, qtbot: QtBot) -> None:
    _bulk_topics(room_db, 450)
    model = _model(room_db)
    assert (model.total(), model.rowCount()) == (450, 200)
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 200
    assert model.data(model.index(0, 0)) == "议题000449"
    model.sort(2, Qt.SortOrder.AscendingOrder)  # not sortable: nothing changes
    assert model.data(model.index(0, 0)) == "议题000449"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "提出日期"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None  # short
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == "2026-01-02"


def test_a_view_over_100000_rows_opens_and_sorts_quickly(room_db: Database, qtbot: QtBot) -> None:
    _bulk_topics(room_db, 100_000)
    view = QTableView()
    qtbot.addWidget(view)
    started = time.perf_counter()
    model = _model(room_db)
    view.setModel(model)
    view.show()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    elapsed = time.perf_counter() - started
    assert model.total() == 100_000 and model.rowCount() == 200
    assert model.data(model.index(0, 0)) == "议题099999"
    # Generous for a slow CI core; loading every row would take many seconds.
    assert elapsed < 3.0
