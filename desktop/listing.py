"""Paged, sorted reads behind every list page, so a list of 100 000 rows opens at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, select

from desktop.db import Database


def count_rows(db: Database, statement: Select[Any]) -> int:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
            or 0
        )


def fetch_rows(
    db: Database,
    statement: Select[Any],
    *,
    order_by: Sequence[ColumnElement[Any]] = (),
    offset: int = 0,
    limit: int = 200,
) -> list[Row[Any]]:
    """One page of rows; `order_by` replaces the statement's own ordering when given."""
    if order_by:
        statement = statement.order_by(None).order_by(*order_by)
    with db.session() as session:
        return list(session.execute(statement.offset(offset).limit(limit)).all())
