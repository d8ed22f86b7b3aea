"""stats indexes: a year's statistics and the dashboard's counts read indexes that hold every
column they filter, group and count by, instead of one table row per attendance, outcome or
meeting of the year (issue 18)

Revision ID: 0017_stats_indexes
Revises: 0016_lists_sort_indexes
Create Date: 2026-12-06 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_stats_indexes"
down_revision: str | None = "0016_lists_sort_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, table, columns before, columns now): the narrower indexes these replace keep their
# leading columns, so whatever read them reads these. Mirrored on the models' __table_args__.
WIDENED: tuple[tuple[str, str, list[str], list[str]], ...] = (
    (
        "ix_meeting_room_date",
        "meeting",
        ["room_id", "held_on"],
        ["room_id", "held_on", "deleted", "status", "form", "id"],
    ),
    (
        "ix_outcome_agenda_item",
        "outcome",
        ["agenda_item_id"],
        ["agenda_item_id", "deleted", "status", "result_class", "deadline"],
    ),
    (
        "ix_outcome_status_deadline",
        "outcome",
        ["status", "deadline"],
        ["status", "deadline", "deleted"],
    ),
)
RENAMED: tuple[tuple[str, str, str, list[str], list[str]], ...] = (
    (
        "ix_meeting_status",
        "ix_meeting_status_deleted",
        "meeting",
        ["status"],
        ["status", "deleted"],
    ),
)
ADDED: tuple[tuple[str, str, list[str]], ...] = (
    (
        "ix_attendance_meeting_status",
        "attendance",
        ["meeting_id", "status", "deleted", "member_id", "participant_id"],
    ),
    ("ix_agenda_item_meeting", "agenda_item", ["meeting_id", "deleted", "id"]),
    ("ix_topic_status_deleted", "topic", ["status", "deleted"]),
)
# Only escalated outcomes: a few in a hundred.
ESCALATED = (
    "ix_outcome_escalated",
    ["room_id", "escalated_on", "deleted", "escalation_kind", "escalation_ref"],
)


def _names() -> list[str]:
    return [
        *(name for name, _table, _before, _now in WIDENED),
        *(name for _old, name, _table, _before, _now in RENAMED),
        *(name for name, _table, _columns in ADDED),
        ESCALATED[0],
    ]


def upgrade() -> None:
    for name, table, _before, now in WIDENED:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, now)
    for old, name, table, _before, now in RENAMED:
        op.drop_index(old, table_name=table)
        op.create_index(name, table, now)
    for name, table, columns in ADDED:
        op.create_index(name, table, columns)
    where = sa.text("escalated_on IS NOT NULL")
    op.create_index(
        ESCALATED[0], "outcome", ESCALATED[1], sqlite_where=where, postgresql_where=where
    )
    # As 0015: a database analysed before gets the new indexes' statistics here.
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's autovacuum analyses new indexes itself
    analysed = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    )
    if analysed.first() is not None:
        op.execute("PRAGMA analysis_limit = 400")
        for name in _names():
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    op.drop_index(ESCALATED[0], table_name="outcome")
    for name, table, _columns in reversed(ADDED):
        op.drop_index(name, table_name=table)
    for old, name, table, before, _now in reversed(RENAMED):
        op.drop_index(name, table_name=table)
        op.create_index(old, table, before)
    for name, table, before, _now in reversed(WIDENED):
        op.drop_index(name, table_name=table)
        op.create_index(name, table, before)
