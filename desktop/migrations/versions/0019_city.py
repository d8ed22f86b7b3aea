"""city: a city office (市政协) installation collecting the districts' forwarded bundles

- installation.role and sync_peer.role may be 'city'.
- forwarded_origin: at a city, the room nodes each district vouches for (desktop.sync.upward).

Revision ID: 0019_city
Revises: 0018_server_search
Create Date: 2026-12-07 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_city"
down_revision: str | None = "0018_server_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _roles(installation: str, peer: str) -> None:
    with op.batch_alter_table("installation", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_installation_node_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_installation_node_role"), installation)
    with op.batch_alter_table("sync_peer", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sync_peer_role_known"), type_="check")
        batch_op.create_check_constraint(op.f("ck_sync_peer_role_known"), peer)


def upgrade() -> None:
    op.create_table(
        "forwarded_origin",
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("via_node", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("node_id", name=op.f("pk_forwarded_origin")),
    )
    op.create_index(
        op.f("ix_forwarded_origin_via_node"), "forwarded_origin", ["via_node"], unique=False
    )
    _roles(
        "role IN ('district', 'room', 'city')", "role IN ('district', 'room', 'escrow', 'city')"
    )


def downgrade() -> None:
    _roles("role IN ('district', 'room')", "role IN ('district', 'room', 'escrow')")
    op.drop_index(op.f("ix_forwarded_origin_via_node"), table_name="forwarded_origin")
    op.drop_table("forwarded_origin")
