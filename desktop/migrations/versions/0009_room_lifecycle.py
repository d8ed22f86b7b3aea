"""room.retired_on and sync_peer.revoked_at: a district's rooms over time

A room the district retires (停用) keeps its records and is no longer expected to send
bundles; `retired_on` is the day, NULL while it works. A room re-enrolled after its PC was
lost gets a new node and keys; the old peer row stays, with `revoked_at` set, so a bundle
signed with the old key is refused by name. Rows written before are working rooms and live
peers (both NULL).

Revision ID: 0009_room_lifecycle
Revises: 0008_roster_fields
Create Date: 2026-12-05 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_room_lifecycle"
down_revision: str | None = "0008_roster_fields"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("room") as batch:
        batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
    with op.batch_alter_table("sync_peer") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_peer") as batch:
        batch.drop_column("revoked_at")
    with op.batch_alter_table("room") as batch:
        batch.drop_column("retired_on")
