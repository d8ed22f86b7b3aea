"""quarantine resolution: who settled a quarantined record, when, and which side was kept

Rows quarantined before this revision stay open (all three columns NULL).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 14:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quarantined_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolution", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("resolved_by", sa.String(length=100), nullable=True))
        batch_op.create_check_constraint(
            "resolution_known",
            "resolution IS NULL OR resolution IN ('keep_local', 'take_incoming')",
        )


def downgrade() -> None:
    with op.batch_alter_table("quarantined_record", schema=None) as batch_op:
        batch_op.drop_constraint("resolution_known", type_="check")
        batch_op.drop_column("resolved_by")
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("resolution")
