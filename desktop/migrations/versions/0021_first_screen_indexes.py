"""first screen indexes: the outcomes list sorted by topic reads the activities' and cases'
outcomes in their title's index, and 成果督办's outcomes without a deadline come by id from
the deadline index, instead of sorting every one (issue 18, issue 20)

- ix_activity_title, ix_mediation_case_subject: added.
- ix_outcome_deadline: (deadline) widened to (deadline, id); what read it reads this.

Revision ID: 0021_first_screen_indexes
Revises: 0020_server_search_grams
Create Date: 2026-12-07 05:15:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021_first_screen_indexes"
down_revision: str | None = "0020_server_search_grams"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, table, columns before, columns now); mirrored on the models' __table_args__.
WIDENED: tuple[tuple[str, str, list[str], list[str]], ...] = (
    ("ix_outcome_deadline", "outcome", ["deadline"], ["deadline", "id"]),
)
ADDED: tuple[tuple[str, str, list[str]], ...] = (
    ("ix_activity_title", "activity", ["title"]),
    ("ix_mediation_case_subject", "mediation_case", ["subject"]),
)


def upgrade() -> None:
    for name, table, _before, now in WIDENED:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, now)
    for name, table, columns in ADDED:
        op.create_index(name, table, columns)
    # As 0015: a database analysed before gets the new indexes' statistics here.
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL plans from its columns' statistics, which a new index keeps
    analysed = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    )
    if analysed.first() is not None:
        op.execute("PRAGMA analysis_limit = 400")
        for name in [name for name, *_rest in WIDENED] + [name for name, *_rest in ADDED]:
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name, table, _columns in reversed(ADDED):
        op.drop_index(name, table_name=table)
    for name, table, before, _now in reversed(WIDENED):
        op.drop_index(name, table_name=table)
        op.create_index(name, table, before)
