"""attendance expected flag: 应到 people vs walk-ins, who count toward 实到 only

Existing rows were all pre-filled or invited people, so they default to expected.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:03:37.123196
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("expected", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_column("expected")
