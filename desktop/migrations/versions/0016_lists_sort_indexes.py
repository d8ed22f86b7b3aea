"""lists sort indexes: a list sorted by a looked-up name (a room's, a slip's collector) reads
that table first in the name's index and stops after a page; a slip's deleted topic is asked
of an index of the deleted topics alone (issue 18)

Revision ID: 0016_lists_sort_indexes
Revises: 0015_list_indexes
Create Date: 2026-12-06 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_lists_sort_indexes"
down_revision: str | None = "0015_list_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, table, columns); mirrored on the models' __table_args__.
INDEXES: tuple[tuple[str, str, list[str]], ...] = (
    ("ix_room_name", "room", ["name"]),
    ("ix_participant_name", "participant", ["name"]),
    ("ix_opinion_slip_collector", "opinion_slip", ["collector_id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    # Partial: the few deleted topics, so the slip list's filter never reads a topic row.
    op.create_index(
        "ix_topic_deleted",
        "topic",
        ["id"],
        sqlite_where=sa.text("deleted IS 1"),
        postgresql_where=sa.text("deleted"),
    )
    # As 0015: a database analysed before gets the new indexes' statistics here.
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's autovacuum analyses new indexes itself
    analysed = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    )
    if analysed.first() is not None:
        op.execute("PRAGMA analysis_limit = 400")
        for name in [name for name, _table, _columns in INDEXES] + ["ix_topic_deleted"]:
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    op.drop_index("ix_topic_deleted", table_name="topic")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
