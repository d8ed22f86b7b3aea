"""installation.revision_floor: edits after a restore are numbered above what peers saw

A database restored from an older backup would number its next edit of a row as the backup
knew it, reusing a revision the peers already hold. When the database is opened below what
keys/sent_changes.json says was sent, the floor is raised to that value and every edit from
then on gets a revision above it (desktop.models.stamping).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("installation") as batch:
        batch.add_column(
            sa.Column("revision_floor", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("installation") as batch:
        batch.drop_column("revision_floor")
