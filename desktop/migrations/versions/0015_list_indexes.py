"""list indexes: each list's columns sort through an index, so the first screenful of a
10-year district reads 200 rows instead of sorting every record (issue 18)

Revision ID: 0015_list_indexes
Revises: 0014_search
Create Date: 2026-12-06 07:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_list_indexes"
down_revision: str | None = "0014_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, table, columns); mirrored on the models' __table_args__. The outcome's origins are
# partial indexes (below): most outcomes have neither, and an index full of NULLs looked to
# the planner like one worse than reading the table.
INDEXES: tuple[tuple[str, str, list[str]], ...] = (
    ("ix_topic_raised", "topic", ["raised_on"]),
    ("ix_topic_title", "topic", ["title"]),
    ("ix_topic_category", "topic", ["category"]),
    ("ix_topic_source", "topic", ["source", "raised_on"]),
    ("ix_topic_status_raised", "topic", ["status", "raised_on"]),
    ("ix_opinion_slip_collected", "opinion_slip", ["collected_on"]),
    ("ix_opinion_slip_grid", "opinion_slip", ["grid"]),
    ("ix_opinion_slip_category", "opinion_slip", ["category"]),
    ("ix_meeting_held", "meeting", ["held_on"]),
    ("ix_meeting_title", "meeting", ["title"]),
    ("ix_meeting_start", "meeting", ["start_time"]),
    ("ix_meeting_form", "meeting", ["form", "held_on"]),
    ("ix_activity_held", "activity", ["held_on"]),
    ("ix_mediation_case_opened", "mediation_case", ["opened_on"]),
    ("ix_outcome_result_class", "outcome", ["result_class"]),
    ("ix_participant_kind_name", "participant", ["kind", "name"]),
)

PARTIAL: tuple[tuple[str, str], ...] = (
    ("ix_outcome_activity", "activity_id"),
    ("ix_outcome_case", "case_id"),
)


def upgrade() -> None:
    # Plain indexes: SQLite adds them without rebuilding the tables.
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, column in PARTIAL:
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, "outcome", [column], sqlite_where=where, postgresql_where=where)
    # The planner weighs an index by its statistics, and desktop.db analyses a database only
    # once: one analysed before gets the new indexes' here (a few hundred rows each). One
    # never analysed is left to desktop.db, which would skip it once sqlite_stat1 existed.
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's autovacuum analyses new indexes itself
    analysed = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    )
    if analysed.first() is not None:
        op.execute("PRAGMA analysis_limit = 400")
        for name in [name for name, _table, _columns in INDEXES] + [name for name, _ in PARTIAL]:
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name, _column in reversed(PARTIAL):
        op.drop_index(name, table_name="outcome")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
