"""What the 回收站 holds: the room's deleted topics, opinion slips and meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import Meeting, OpinionSlip, Topic

# Longer text is cut in the list: the entry only has to be recognised.
PREVIEW_MAX = 60


@dataclass(frozen=True)
class BinEntry:
    """One deleted record; `kind` is its table (what workflow.recycle.restore takes)."""

    kind: str
    id: str
    text: str
    # The record's own date: a topic's raised_on, a slip's collected_on, a meeting's held_on.
    dated: date
    # The last change of a tombstone is its deletion.
    deleted_at: datetime
    # Live slips that went with a deleted topic and come back with it.
    slips: int = 0


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_MAX else text[: PREVIEW_MAX - 1] + "…"


def bin_entries(db: Database, room_id: str, *, node_id: str) -> list[BinEntry]:
    """The room's deleted records this installation may restore (its own), latest first."""
    entries: list[BinEntry] = []
    with db.session() as session:
        slip_count = (
            select(func.count(OpinionSlip.id))
            .where(OpinionSlip.topic_id == Topic.id, OpinionSlip.deleted.is_(False))
            .scalar_subquery()
        )
        for topic, slips in session.execute(
            select(Topic, slip_count).where(
                Topic.room_id == room_id, Topic.deleted.is_(True), Topic.owner_node == node_id
            )
        ):
            entries.append(
                BinEntry(
                    Topic.__tablename__,
                    topic.id,
                    topic.title,
                    topic.raised_on,
                    topic.updated_at,
                    slips,
                )
            )
        for slip in session.scalars(
            select(OpinionSlip).where(
                OpinionSlip.room_id == room_id,
                OpinionSlip.deleted.is_(True),
                OpinionSlip.owner_node == node_id,
            )
        ):
            entries.append(
                BinEntry(
                    OpinionSlip.__tablename__,
                    slip.id,
                    _preview(slip.content),
                    slip.collected_on,
                    slip.updated_at,
                )
            )
        # An untitled meeting is an empty draft thrown away on leaving the form, not a
        # record anybody deleted: nothing there to restore.
        for meeting in session.scalars(
            select(Meeting).where(
                Meeting.room_id == room_id,
                Meeting.deleted.is_(True),
                Meeting.owner_node == node_id,
                Meeting.title != "",
            )
        ):
            entries.append(
                BinEntry(
                    Meeting.__tablename__,
                    meeting.id,
                    meeting.title,
                    meeting.held_on,
                    meeting.updated_at,
                )
            )
    return sorted(entries, key=lambda e: (e.deleted_at, e.id), reverse=True)
