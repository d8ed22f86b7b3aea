"""supervision actions (督办记录): the district's record of pressing a unit on an outcome

- supervision_action: date, method (电话 phone / 实地 visit / 发函 letter / 会议 meeting),
  result and supervisor, under a room's outcome; written only by the district and sent down
  to the room that owns the outcome (desktop.sync.ownership: district-owned). A new table,
  so existing databases hold none and older bundles lack nothing.
- outcome.responsible_unit is indexed: 成果督办 filters, groups and lists by unit; and
  (status, deadline): overdue outcomes (open, past their deadline) are read for the 工作台's
  alerts, the rooms page and the list without scanning the finished ones.

Revision ID: 0012_supervision
Revises: 0011_duty_scoring
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_supervision"
down_revision: str | None = "0011_duty_scoring"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here, as desktop.models.enums.SupervisionMethod declares them at this revision.
_METHODS = ("phone", "visit", "letter", "meeting")


def upgrade() -> None:
    op.create_table(
        "supervision_action",
        sa.Column("outcome_id", sa.String(length=36), nullable=False),
        sa.Column("acted_on", sa.Date(), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                *_METHODS,
                name="supervision_method",
                native_enum=False,
                create_constraint=True,
                length=max(len(m) for m in _METHODS),
            ),
            nullable=False,
        ),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("supervised_by", sa.String(length=50), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "length(owner_node) > 0", name=op.f("ck_supervision_action_owner_node_set")
        ),
        sa.CheckConstraint("length(result) > 0", name=op.f("ck_supervision_action_result_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_supervision_action_revision_positive")),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["outcome.id"],
            name=op.f("fk_supervision_action_outcome_id_outcome"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_action")),
    )
    with op.batch_alter_table("supervision_action") as batch:
        batch.create_index(batch.f("ix_supervision_action_change_seq"), ["change_seq"])
        batch.create_index(
            batch.f("ix_supervision_action_owner_node"), ["owner_node", "change_seq"]
        )
        batch.create_index("ix_supervision_action_outcome", ["outcome_id", "acted_on"])
    # A plain index: SQLite adds it without rebuilding the table.
    op.create_index("ix_outcome_responsible_unit", "outcome", ["responsible_unit", "deleted"])
    op.create_index("ix_outcome_status_deadline", "outcome", ["status", "deadline"])


def downgrade() -> None:
    op.drop_index("ix_outcome_status_deadline", table_name="outcome")
    op.drop_index("ix_outcome_responsible_unit", table_name="outcome")
    op.drop_table("supervision_action")
