"""member.party and member.post: what the district's roster (委员名册) records besides the rest

The roster the district office keeps names each member's party (党派: 中共, 民革, 无党派…)
and post (职务) next to the work unit; both are optional, so rows written before stay valid.

Revision ID: 0008_roster_fields
Revises: 0007
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_roster_fields"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.add_column(sa.Column("party", sa.String(length=50), nullable=True))
        batch.add_column(sa.Column("post", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.drop_column("post")
        batch.drop_column("party")
