"""status history (状态变更记录): every status move of a topic or a meeting, with the reason
a move was taken back (初选、公告、已召开、取消 undone until the minutes are final)

- status_change: the room, the topic or the meeting (exactly one), from and to status, the
  reason (empty for a forward move) and when. A room's own rows (desktop.sync.ownership:
  room-owned, under the topic or meeting). A new table, so existing databases hold none and
  older bundles lack nothing.

Revision ID: 0013_status_history
Revises: 0012_supervision
Create Date: 2026-12-05 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_status_history"
down_revision: str | None = "0012_supervision"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "status_change",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column("topic_id", sa.String(length=36), nullable=True),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "(topic_id IS NULL) <> (meeting_id IS NULL)",
            name=op.f("ck_status_change_one_record"),
        ),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_status_change_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_status_change_revision_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_status_change_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_status_change_room_id_room")
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_status_change_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change") as batch:
        batch.create_index(batch.f("ix_status_change_change_seq"), ["change_seq"])
        batch.create_index(batch.f("ix_status_change_owner_node"), ["owner_node", "change_seq"])
        batch.create_index("ix_status_change_topic", ["topic_id", "at"])
        batch.create_index("ix_status_change_meeting", ["meeting_id", "at"])


def downgrade() -> None:
    op.drop_table("status_change")
