"""Reads behind the 社情民意 page: the slip list, grid workers, grids and categories."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Select, literal_column, select, true
from sqlalchemy.orm import Session, aliased

from desktop.db import Database
from desktop.models import OpinionSlip, Participant, Room, Topic
from desktop.models.enums import ParticipantKind
from desktop.sql_dialect import IndexedBy, not_among

# Categories offered before a room has used any of its own (the demo's and seeds' vocabulary).
DEFAULT_CATEGORIES = (
    "城市建管",
    "民生保障",
    "社会治理",
    "生态环境",
    "农业农村",
    "公共服务",
    "教育",
    "市场监管",
)


class SlipScope(enum.Enum):
    """Which slips the list shows: not yet in a topic, already in one, or all."""

    UNHANDLED = "unhandled"
    MERGED = "merged"
    ALL = "all"


@dataclass(frozen=True)
class GridWorker:
    """A grid worker who collects slips, with the grid their position names (第一网格…)."""

    id: str
    name: str
    position: str


def like_pattern(term: str) -> str:
    """A LIKE pattern matching the term anywhere; % and _ typed by the user match themselves."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_collector = aliased(Participant)
# Named by hand: without statistics for an index of no rows (no topic deleted yet) SQLite
# would rather build one of its own, reading every topic, and SQLAlchemy has no INDEXED BY.
_DELETED_TOPICS: Select[Any] = (
    select(literal_column("id"))
    .select_from(IndexedBy("topic", "ix_topic_deleted"))
    .where(literal_column("deleted", Boolean).is_(true()))
)

SLIP_COLUMNS = (
    OpinionSlip.id,
    OpinionSlip.collected_on,
    OpinionSlip.grid,
    _collector.name.label("collector_name"),
    OpinionSlip.reporter_name,
    OpinionSlip.anonymous,
    OpinionSlip.content,
    OpinionSlip.category,
    OpinionSlip.topic_id,
    Topic.title.label("topic_title"),
    Room.name.label("room_name"),
    # For the edit form: the collector as chosen, and the revision the edit expects.
    OpinionSlip.collector_id,
    OpinionSlip.revision,
)
# Sort keys for the list's columns.
BY_COLLECTED_ON: ColumnElement[Any] = OpinionSlip.collected_on.expression
BY_GRID: ColumnElement[Any] = OpinionSlip.grid.expression
BY_COLLECTOR: ColumnElement[Any] = _collector.name.expression
BY_CATEGORY: ColumnElement[Any] = OpinionSlip.category.expression
BY_TOPIC: ColumnElement[Any] = Topic.title.expression
BY_ROOM: ColumnElement[Any] = Room.name.expression


def slips_statement(
    *, room_id: str | None, scope: SlipScope = SlipScope.ALL, search: str = ""
) -> Select[*tuple[Any, ...]]:
    """Live slips, newest first; `room_id` None means every room (district mode)."""
    statement: Select[*tuple[Any, ...]] = (
        select(*SLIP_COLUMNS)
        # Outer, though every row has its room: an inner join lets SQLite read the rooms
        # first and sort all rows, where the list's index hands out the first 200.
        .outerjoin(Room, Room.id == OpinionSlip.room_id)
        .outerjoin(_collector, _collector.id == OpinionSlip.collector_id)
        .outerjoin(Topic, Topic.id == OpinionSlip.topic_id)
        # A deleted topic's slips went to the 回收站 with it (workflow.recycle). Asked of
        # the few deleted topics (an index of them alone), not of each slip's topic: the
        # count then reads no topic at all (30 ms on a 10-year district).
        .where(
            OpinionSlip.deleted.is_(False),
            OpinionSlip.topic_id.is_(None)
            | not_among(OpinionSlip.topic_id.expression, _DELETED_TOPICS),
        )
        .order_by(OpinionSlip.collected_on.desc(), OpinionSlip.id)
    )
    if room_id is not None:
        statement = statement.where(OpinionSlip.room_id == room_id)
    if scope is SlipScope.UNHANDLED:
        statement = statement.where(OpinionSlip.topic_id.is_(None))
    elif scope is SlipScope.MERGED:
        statement = statement.where(OpinionSlip.topic_id.is_not(None))
    if term := search.strip():
        # LIKE, not FTS: the trigram index misses Chinese terms of one or two characters.
        pattern = like_pattern(term)
        statement = statement.where(
            OpinionSlip.content.like(pattern, escape="\\")
            | OpinionSlip.grid.like(pattern, escape="\\")
            | OpinionSlip.reporter_name.like(pattern, escape="\\")
            | OpinionSlip.category.like(pattern, escape="\\")
            | _collector.name.like(pattern, escape="\\")
        )
    return statement


def grid_workers(session: Session, room_id: str) -> list[GridWorker]:
    statement = (
        select(Participant.id, Participant.name, Participant.position)
        .where(
            Participant.room_id == room_id,
            Participant.kind == ParticipantKind.GRID_WORKER,
            Participant.deleted.is_(False),
            Participant.active.is_(True),
        )
        .order_by(Participant.position, Participant.name)
    )
    return [
        GridWorker(id, name, position or "") for id, name, position in session.execute(statement)
    ]


def grid_of(worker: GridWorker) -> str:
    """第一网格 from 第一网格专职网格员; empty when the position names no grid."""
    head, found, _ = worker.position.partition("网格")
    return head + "网格" if found and head else ""


def known_grids(session: Session, room_id: str) -> list[str]:
    """Grids the room's slips already name, so the form offers them."""
    statement = (
        select(OpinionSlip.grid)
        .where(
            OpinionSlip.room_id == room_id,
            OpinionSlip.deleted.is_(False),
            OpinionSlip.grid.is_not(None),
        )
        .distinct()
        .order_by(OpinionSlip.grid)
    )
    return [grid for grid in session.scalars(statement) if grid]


def known_categories(session: Session, room_id: str | None) -> list[str]:
    """Categories used by the room's topics and slips, then the usual ones."""
    found: set[str] = set()
    for model in (Topic, OpinionSlip):
        statement = (
            select(model.category)
            .where(model.deleted.is_(False), model.category.is_not(None))
            .distinct()
        )
        if room_id is not None:
            statement = statement.where(model.room_id == room_id)
        found.update(c for c in session.scalars(statement) if c)
    return sorted(found) + [c for c in DEFAULT_CATEGORIES if c not in found]


@dataclass(frozen=True)
class SlipFormChoices:
    """What the entry form offers: the room's grid workers, grids and categories."""

    workers: list[GridWorker]
    grids: list[str]
    categories: list[str]


def slip_form_choices(db: Database, room_id: str) -> SlipFormChoices:
    with db.session() as session:
        return SlipFormChoices(
            workers=grid_workers(session, room_id),
            grids=known_grids(session, room_id),
            categories=known_categories(session, room_id),
        )
