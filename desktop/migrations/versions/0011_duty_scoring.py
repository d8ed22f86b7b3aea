"""duty scoring (履职评价): rules by year with caps and grades, more kinds of act, acts the
district records itself, and what taking part in each activity kind counts as

- duty_kind gains spoke, social_info_adopted, proposal_accepted, reading, reception, visit,
  mediation and leave; the CHECK constraints of scoring_rule.kind and duty_record.kind are
  widened (SQLite rebuilds both tables).
- scoring_rule_set gains base_score and the grades' lower bounds (优秀 excellent_min, 称职
  competent_min, 基本称职 basic_min; below is 不称职); rule sets written before get 60 and
  90 / 70 / 60, the district's usual 委员履职评价办法.
- scoring_rule gains cap, the most points one member gets from the kind in a year; rules
  written before have none (NULL).
- activity_kind gains duty_kind, what taking part counts as: the standard kinds by their
  code (reading, reception, visit; inspection and supervision as inspection), any other kind
  that counts as an inspection as inspection, the rest as other_activity.
- duty_act: acts the district office records itself (a proposal adopted, a leader's 批示),
  with their evidence. Acts of the rooms' records are read from those records when scoring,
  so nothing is written for them; duty_record stays as it was (unused).

Revision ID: 0011_duty_scoring
Revises: 0010_district_work
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_duty_scoring"
down_revision: str | None = "0010_district_work"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = (
    "attended_consultation",
    "claimed_topic",
    "submitted_proposal",
    "submitted_social_info",
    "inspection",
    "served_residents",
    "other_activity",
    "unexcused_absence",
)
# Frozen here, in the order desktop.models.enums.DutyKind declares them at this revision.
_NEW = (
    "attended_consultation",
    "spoke",
    "claimed_topic",
    "submitted_social_info",
    "social_info_adopted",
    "submitted_proposal",
    "proposal_accepted",
    "reading",
    "reception",
    "visit",
    "inspection",
    "mediation",
    "served_residents",
    "other_activity",
    "leave",
    "unexcused_absence",
)


def _kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values,
        name="duty_kind",
        native_enum=False,
        create_constraint=True,
        length=max(len(v) for v in values),
    )


def upgrade() -> None:
    with op.batch_alter_table("scoring_rule_set") as batch:
        for column, default in (
            ("base_score", "60"),
            ("excellent_min", "90"),
            ("competent_min", "70"),
            ("basic_min", "60"),
        ):
            batch.add_column(
                sa.Column(
                    column,
                    sa.Numeric(precision=6, scale=2),
                    server_default=sa.text(default),
                    nullable=False,
                )
            )
        batch.create_check_constraint(
            "grades_ordered", "excellent_min > competent_min AND competent_min > basic_min"
        )
    with op.batch_alter_table("scoring_rule") as batch:
        batch.alter_column("kind", existing_type=_kind(_OLD), type_=_kind(_NEW))
        batch.add_column(sa.Column("cap", sa.Numeric(precision=6, scale=2), nullable=True))
        batch.create_check_constraint("cap_not_negative", "cap IS NULL OR cap >= 0")
    with op.batch_alter_table("duty_record") as batch:
        batch.alter_column("kind", existing_type=_kind(_OLD), type_=_kind(_NEW))
    with op.batch_alter_table("activity_kind") as batch:
        batch.add_column(
            sa.Column(
                "duty_kind",
                _kind(_NEW),
                server_default=sa.text("'other_activity'"),
                nullable=False,
            )
        )
    op.execute(
        "UPDATE activity_kind SET duty_kind = CASE"
        " WHEN code IN ('reading', 'reception', 'visit', 'inspection') THEN code"
        " WHEN code = 'supervision' OR counts_as_inspection THEN 'inspection'"
        " ELSE 'other_activity' END"
    )
    op.create_table(
        "duty_act",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("kind", _kind(_NEW), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(evidence) > 0", name=op.f("ck_duty_act_evidence_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_duty_act_owner_node_set")),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_duty_act_title_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_duty_act_revision_positive")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_duty_act_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_act")),
    )
    with op.batch_alter_table("duty_act") as batch:
        batch.create_index(batch.f("ix_duty_act_change_seq"), ["change_seq"], unique=False)
        batch.create_index(
            batch.f("ix_duty_act_owner_node"), ["owner_node", "change_seq"], unique=False
        )
        batch.create_index("ix_duty_act_member_date", ["member_id", "occurred_on"], unique=False)


def downgrade() -> None:
    # Only while no row uses a kind added here: such rows would break the narrower checks.
    op.drop_table("duty_act")
    with op.batch_alter_table("activity_kind") as batch:
        batch.drop_column("duty_kind")
    with op.batch_alter_table("duty_record") as batch:
        batch.alter_column("kind", existing_type=_kind(_NEW), type_=_kind(_OLD))
    with op.batch_alter_table("scoring_rule") as batch:
        batch.drop_constraint("cap_not_negative", type_="check")
        batch.drop_column("cap")
        batch.alter_column("kind", existing_type=_kind(_NEW), type_=_kind(_OLD))
    with op.batch_alter_table("scoring_rule_set") as batch:
        batch.drop_constraint("grades_ordered", type_="check")
        for column in ("basic_min", "competent_min", "excellent_min", "base_score"):
            batch.drop_column(column)
