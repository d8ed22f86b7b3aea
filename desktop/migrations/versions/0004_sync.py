"""sync: peers and their keys, the bundle log and quarantined rows; all local, none travel

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 13:02:40.481376
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quarantined_record",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("record_table", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("incoming", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantined_record")),
    )
    op.create_table(
        "sync_bundle",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("peer_node", sa.String(length=36), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("change_from", sa.Integer(), nullable=False),
        sa.Column("change_to", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("state_digest", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "direction IN ('out', 'in')", name=op.f("ck_sync_bundle_direction_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundle")),
    )
    with op.batch_alter_table("sync_bundle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_bundle_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index(
            "ix_sync_bundle_peer", ["peer_node", "direction", "sequence"], unique=False
        )

    op.create_table(
        "sync_peer",
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=True),
        sa.Column("room_id", sa.String(length=36), nullable=True),
        sa.Column("signing_key", sa.String(length=64), nullable=True),
        sa.Column("age_recipient", sa.String(length=100), nullable=True),
        sa.Column("enrolment_secret", sa.String(length=64), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("sequence_out", sa.Integer(), nullable=False),
        sa.Column("acked_through", sa.Integer(), nullable=False),
        sa.Column("acked_sequence", sa.Integer(), nullable=False),
        sa.Column("received_through", sa.Integer(), nullable=False),
        sa.Column("sequence_in", sa.Integer(), nullable=False),
        sa.Column("ack_applied_sequence", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('district', 'room', 'escrow')", name=op.f("ck_sync_peer_role_known")
        ),
        sa.PrimaryKeyConstraint("node_id", name=op.f("pk_sync_peer")),
    )


def downgrade() -> None:
    op.drop_table("sync_peer")
    with op.batch_alter_table("sync_bundle", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_bundle_peer")
        batch_op.drop_index(batch_op.f("ix_sync_bundle_bundle_id"))

    op.drop_table("sync_bundle")
    op.drop_table("quarantined_record")
