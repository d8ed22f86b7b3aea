"""running state digest, and owner_node indexed with change_seq

An incremental export reads "my rows changed since N"; with owner_node indexed alone SQLite
walks every row the node owns. The digest table starts empty: each owner's value is
scanned once on first use and kept current by the flush hook from then on.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here: the synced tables as of this revision.
SYNCED_TABLES = (
    "activity_kind",
    "attachment",
    "district",
    "member",
    "scoring_rule_set",
    "team",
    "scoring_rule",
    "team_membership",
    "township",
    "area",
    "room",
    "activity",
    "assignment",
    "mediation_case",
    "meeting",
    "participant",
    "topic",
    "activity_member",
    "agenda_item",
    "amendment",
    "attendance",
    "case_member",
    "claim",
    "duty_record",
    "opinion_slip",
    "outcome",
    "speech",
    "progress_note",
)


def upgrade() -> None:
    op.create_table(
        "sync_digest",
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("node_id", name=op.f("pk_sync_digest")),
    )
    for table in SYNCED_TABLES:
        op.drop_index(f"ix_{table}_owner_node", table_name=table)
        op.create_index(f"ix_{table}_owner_node", table, ["owner_node", "change_seq"])


def downgrade() -> None:
    for table in SYNCED_TABLES:
        op.drop_index(f"ix_{table}_owner_node", table_name=table)
        op.create_index(f"ix_{table}_owner_node", table, ["owner_node"])
    op.drop_table("sync_digest")
