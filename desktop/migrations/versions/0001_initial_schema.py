"""initial schema: the whole domain

Revision ID: 0001
Revises:
Create Date: 2026-11-29 11:40:23.324866
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _one_origin() -> str:
    """Exactly one of the outcome's origins is set. SQLite adds the comparisons as numbers;
    PostgreSQL has no `+` for booleans and counts them with num_nonnulls."""
    if op.get_bind().dialect.name == "sqlite":
        return (
            "(agenda_item_id IS NOT NULL) + (activity_id IS NOT NULL) + (case_id IS NOT NULL) = 1"
        )
    return "num_nonnulls(agenda_item_id, activity_id, case_id) = 1"


def upgrade() -> None:
    op.create_table(
        "activity_kind",
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("counts_as_inspection", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_activity_kind_name_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_activity_kind_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_activity_kind_revision_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_kind")),
        sa.UniqueConstraint("code", name=op.f("uq_activity_kind_code")),
    )
    with op.batch_alter_table("activity_kind", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_kind_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_kind_owner_node"), ["owner_node"], unique=False
        )

    op.create_table(
        "attachment",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("record_table", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_attachment_owner_node_set")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_attachment_sha256_length")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_attachment_revision_positive")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_attachment_size_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
        sa.UniqueConstraint(
            "record_table",
            "record_id",
            "sha256",
            name=op.f("uq_attachment_record_table_record_id_sha256"),
        ),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_attachment_record", ["record_table", "record_id"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "insert",
                "update",
                "delete",
                name="audit_action",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("record_table", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_record", ["record_table", "record_id"], unique=False)

    op.create_table(
        "district",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_district_name_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_district_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_district_revision_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district")),
    )
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_district_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_district_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "member",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column(
            "gender",
            sa.Enum("male", "female", name="gender", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("sector", sa.String(length=50), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "province",
                "city",
                "district",
                name="member_level",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("expertise", sa.String(length=50), nullable=True),
        sa.Column("workplace", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("term", sa.String(length=30), nullable=True),
        sa.Column("term_start_year", sa.Integer(), nullable=True),
        sa.Column("term_end_year", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_member_name_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_member_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_member_revision_positive")),
        sa.CheckConstraint(
            "term_end_year IS NULL OR term_start_year IS NULL OR term_end_year >= term_start_year",
            name=op.f("ck_member_term_ordered"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_member_name", ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "scoring_rule_set",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "length(owner_node) > 0", name=op.f("ck_scoring_rule_set_owner_node_set")
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_scoring_rule_set_revision_positive")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_scoring_rule_set_version_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_rule_set")),
        sa.UniqueConstraint("version", name=op.f("uq_scoring_rule_set_version")),
    )
    with op.batch_alter_table("scoring_rule_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scoring_rule_set_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scoring_rule_set_owner_node"), ["owner_node"], unique=False
        )

    op.create_table(
        "team",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "expert_support",
                "supervision",
                "consultation",
                name="team_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_team_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_team_revision_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_team_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "scoring_rule",
        sa.Column("rule_set_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "attended_consultation",
                "claimed_topic",
                "submitted_proposal",
                "submitted_social_info",
                "inspection",
                "served_residents",
                "other_activity",
                "unexcused_absence",
                name="duty_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("points", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_scoring_rule_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_scoring_rule_revision_positive")),
        sa.ForeignKeyConstraint(
            ["rule_set_id"],
            ["scoring_rule_set.id"],
            name=op.f("fk_scoring_rule_rule_set_id_scoring_rule_set"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_rule")),
        sa.UniqueConstraint("rule_set_id", "kind", name=op.f("uq_scoring_rule_rule_set_id_kind")),
    )
    with op.batch_alter_table("scoring_rule", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scoring_rule_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scoring_rule_owner_node"), ["owner_node"], unique=False
        )

    op.create_table(
        "team_membership",
        sa.Column("team_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("group_name", sa.String(length=50), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "length(owner_node) > 0", name=op.f("ck_team_membership_owner_node_set")
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_team_membership_revision_positive")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_team_membership_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_team_membership_team_id_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_membership")),
        sa.UniqueConstraint(
            "team_id", "member_id", name=op.f("uq_team_membership_team_id_member_id")
        ),
    )
    with op.batch_alter_table("team_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_membership_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_team_membership_owner_node"), ["owner_node"], unique=False
        )

    op.create_table(
        "township",
        sa.Column("district_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_township_name_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_township_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_township_revision_positive")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["district.id"], name=op.f("fk_township_district_id_district")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_township")),
        sa.UniqueConstraint("district_id", "name", name=op.f("uq_township_district_id_name")),
    )
    with op.batch_alter_table("township", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_township_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_township_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "area",
        sa.Column("township_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_area_name_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_area_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_area_revision_positive")),
        sa.ForeignKeyConstraint(
            ["township_id"], ["township.id"], name=op.f("fk_area_township_id_township")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
        sa.UniqueConstraint("township_id", "name", name=op.f("uq_area_township_id_name")),
    )
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_area_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_area_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "room",
        sa.Column("township_id", sa.String(length=36), nullable=False),
        sa.Column("area_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("village", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "village", "community", name="room_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=16), nullable=True),
        sa.Column("node_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_room_name_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_room_owner_node_set")),
        sa.CheckConstraint("length(village) > 0", name=op.f("ck_room_village_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_room_revision_positive")),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_room_area_id_area")),
        sa.ForeignKeyConstraint(
            ["township_id"], ["township.id"], name=op.f("fk_room_township_id_township")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room")),
        sa.UniqueConstraint("code", name=op.f("uq_room_code")),
    )
    with op.batch_alter_table("room", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_room_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_room_node_id"), ["node_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_room_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_room_township", ["township_id"], unique=False)

    op.create_table(
        "activity",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column("kind_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("others_present", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_activity_owner_node_set")),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_activity_title_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_activity_revision_positive")),
        sa.ForeignKeyConstraint(
            ["kind_id"], ["activity_kind.id"], name=op.f("fk_activity_kind_id_activity_kind")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_activity_room_id_room")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_activity_room_date", ["room_id", "held_on"], unique=False)

    op.create_table(
        "assignment",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("area_id", sa.String(length=36), nullable=True),
        sa.Column("room_id", sa.String(length=36), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "(area_id IS NULL) <> (room_id IS NULL)", name=op.f("ck_assignment_area_xor_room")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_assignment_dates_ordered")
        ),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_assignment_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_assignment_revision_positive")),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_assignment_area_id_area")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_assignment_member_id_member")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_assignment_room_id_room")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_assignment_member", ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_assignment_room", ["room_id"], unique=False)

    op.create_table(
        "installation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "district", "room", name="node_role", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("district_id", sa.String(length=36), nullable=True),
        sa.Column("room_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("change_counter", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_installation_single_row")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["district.id"], name=op.f("fk_installation_district_id_district")
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_installation_room_id_room")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
    )
    op.create_table(
        "mediation_case",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "mediation", "petition", name="case_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("parties", sa.Text(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "resolved",
                "unresolved",
                name="case_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= opened_on",
            name=op.f("ck_mediation_case_dates_ordered"),
        ),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_mediation_case_owner_node_set")),
        sa.CheckConstraint("length(subject) > 0", name=op.f("ck_mediation_case_subject_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_mediation_case_revision_positive")),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_mediation_case_room_id_room")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_case")),
    )
    with op.batch_alter_table("mediation_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mediation_case_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mediation_case_owner_node"), ["owner_node"], unique=False
        )
        batch_op.create_index("ix_mediation_case_room_status", ["room_id", "status"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column(
            "form",
            sa.Enum(
                "onsite",
                "bench",
                "neighbourhood",
                "video",
                name="meeting_form",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("host_name", sa.String(length=50), nullable=False),
        sa.Column("recorder_name", sa.String(length=50), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "held",
                "minutes_drafted",
                "minutes_final",
                "cancelled",
                name="meeting_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("finalised_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "(status = 'minutes_final') = (finalised_at IS NOT NULL)",
            name=op.f("ck_meeting_final_iff_finalised"),
        ),
        sa.CheckConstraint(
            "end_time IS NULL OR start_time IS NULL OR end_time >= start_time",
            name=op.f("ck_meeting_times_ordered"),
        ),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_meeting_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_meeting_revision_positive")),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_meeting_room_id_room")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_meeting_room_date", ["room_id", "held_on"], unique=False)
        batch_op.create_index("ix_meeting_status", ["status"], unique=False)

    op.create_table(
        "participant",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "resident",
                "cadre",
                "department",
                "grid_worker",
                "expert",
                "other",
                name="participant_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("unit", sa.String(length=200), nullable=True),
        sa.Column("position", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_participant_name_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_participant_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_participant_revision_positive")),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_participant_room_id_room")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_participant_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_participant_room_name", ["room_id", "name"], unique=False)

    op.create_table(
        "topic",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=True),
        sa.Column(
            "source",
            sa.Enum(
                "party_government",
                "residents",
                "member",
                "grid",
                name="topic_source",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "collected",
                "shortlisted",
                "announced",
                "claimed",
                "discussed",
                "in_progress",
                "implemented",
                "not_implemented",
                "escalated",
                "fed_back",
                "declined",
                name="topic_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("immediate", sa.Boolean(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("proposed_by_member_id", sa.String(length=36), nullable=True),
        sa.Column("announced_on", sa.Date(), nullable=True),
        sa.Column("claim_deadline", sa.Date(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "status <> 'announced' OR claim_deadline IS NOT NULL",
            name=op.f("ck_topic_announced_has_deadline"),
        ),
        sa.CheckConstraint(
            "status <> 'declined' OR coalesce(length(decline_reason), 0) > 0",
            name=op.f("ck_topic_declined_has_reason"),
        ),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_topic_owner_node_set")),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_topic_title_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_topic_revision_positive")),
        sa.ForeignKeyConstraint(
            ["proposed_by_member_id"],
            ["member.id"],
            name=op.f("fk_topic_proposed_by_member_id_member"),
        ),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_topic_room_id_room")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
    )
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topic_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_topic_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_topic_room_raised", ["room_id", "raised_on"], unique=False)
        batch_op.create_index("ix_topic_room_status", ["room_id", "status"], unique=False)

    op.create_table(
        "activity_member",
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "length(owner_node) > 0", name=op.f("ck_activity_member_owner_node_set")
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_activity_member_revision_positive")),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_activity_member_activity_id_activity")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_activity_member_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_member")),
        sa.UniqueConstraint(
            "activity_id", "member_id", name=op.f("uq_activity_member_activity_id_member_id")
        ),
    )
    with op.batch_alter_table("activity_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_member_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_member_owner_node"), ["owner_node"], unique=False
        )

    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("topic_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "consensus",
            sa.Enum(
                "agreed",
                "agreed_in_principle",
                "deferred",
                name="consensus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("consensus_text", sa.Text(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_abstain", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "coalesce(votes_for, 0) >= 0 AND coalesce(votes_against, 0) >= 0 AND coalesce(votes_abstain, 0) >= 0",
            name=op.f("ck_agenda_item_votes_not_negative"),
        ),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_agenda_item_owner_node_set")),
        sa.CheckConstraint("position >= 1", name=op.f("ck_agenda_item_position_positive")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_agenda_item_revision_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_item_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_agenda_item_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sa.UniqueConstraint(
            "meeting_id", "topic_id", name=op.f("uq_agenda_item_meeting_id_topic_id")
        ),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_agenda_item_topic", ["topic_id"], unique=False)

    op.create_table(
        "amendment",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_amendment_owner_node_set")),
        sa.CheckConstraint("length(reason) > 0", name=op.f("ck_amendment_reason_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_amendment_revision_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_amendment_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment")),
    )
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amendment_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_amendment_meeting", ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_amendment_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("participant_id", sa.String(length=36), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "host",
                "recorder",
                "member",
                "resident_rep",
                "cadre",
                "department_rep",
                "grid_worker",
                "expert",
                "observer",
                name="attendance_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "present",
                "leave",
                "absent",
                name="attendance_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("leave_reason", sa.String(length=200), nullable=True),
        sa.Column("signed_in_at", sa.Time(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "status <> 'leave' OR coalesce(length(leave_reason), 0) > 0",
            name=op.f("ck_attendance_leave_has_reason"),
        ),
        sa.CheckConstraint(
            "status = 'present' OR signed_in_at IS NULL",
            name=op.f("ck_attendance_signed_in_if_present"),
        ),
        sa.CheckConstraint(
            "(member_id IS NULL) <> (participant_id IS NULL)", name=op.f("ck_attendance_one_person")
        ),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_attendance_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_attendance_revision_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_attendance_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_attendance_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_attendance_participant_id_participant"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "meeting_id", "member_id", name=op.f("uq_attendance_meeting_id_member_id")
        ),
        sa.UniqueConstraint(
            "meeting_id", "participant_id", name=op.f("uq_attendance_meeting_id_participant_id")
        ),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_attendance_member", ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendance_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "case_member",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_case_member_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_case_member_revision_positive")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_case_member_case_id_mediation_case")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_case_member_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_member")),
        sa.UniqueConstraint("case_id", "member_id", name=op.f("uq_case_member_case_id_member_id")),
    )
    with op.batch_alter_table("case_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_member_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_member_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "claim",
        sa.Column("topic_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("claimed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_claim_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_claim_revision_positive")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_claim_member_id_member")
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], name=op.f("fk_claim_topic_id_topic")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
        sa.UniqueConstraint("topic_id", "member_id", name=op.f("uq_claim_topic_id_member_id")),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "duty_record",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "attended_consultation",
                "claimed_topic",
                "submitted_proposal",
                "submitted_social_info",
                "inspection",
                "served_residents",
                "other_activity",
                "unexcused_absence",
                name="duty_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("room_id", sa.String(length=36), nullable=True),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("topic_id", sa.String(length=36), nullable=True),
        sa.Column("activity_id", sa.String(length=36), nullable=True),
        sa.Column("reference", sa.String(length=50), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_duty_record_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_duty_record_revision_positive")),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_duty_record_activity_id_activity")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_duty_record_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_duty_record_member_id_member")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_duty_record_room_id_room")),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_duty_record_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_record")),
        sa.UniqueConstraint(
            "member_id", "kind", "meeting_id", name=op.f("uq_duty_record_member_id_kind_meeting_id")
        ),
    )
    with op.batch_alter_table("duty_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_record_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(
            "ix_duty_record_member_date", ["member_id", "occurred_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_duty_record_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "opinion_slip",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column("collected_on", sa.Date(), nullable=False),
        sa.Column("grid", sa.String(length=50), nullable=True),
        sa.Column("collector_id", sa.String(length=36), nullable=True),
        sa.Column("reporter_name", sa.String(length=50), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=True),
        sa.Column("topic_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "NOT anonymous OR reporter_name IS NULL",
            name=op.f("ck_opinion_slip_anonymous_has_no_name"),
        ),
        sa.CheckConstraint("length(content) > 0", name=op.f("ck_opinion_slip_content_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_opinion_slip_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_opinion_slip_revision_positive")),
        sa.ForeignKeyConstraint(
            ["collector_id"],
            ["participant.id"],
            name=op.f("fk_opinion_slip_collector_id_participant"),
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_opinion_slip_room_id_room")
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_opinion_slip_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opinion_slip")),
    )
    with op.batch_alter_table("opinion_slip", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opinion_slip_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_opinion_slip_owner_node"), ["owner_node"], unique=False
        )
        batch_op.create_index(
            "ix_opinion_slip_room_collected", ["room_id", "collected_on"], unique=False
        )
        batch_op.create_index("ix_opinion_slip_topic", ["topic_id"], unique=False)

    op.create_table(
        "outcome",
        sa.Column("room_id", sa.String(length=36), nullable=False),
        sa.Column("agenda_item_id", sa.String(length=36), nullable=True),
        sa.Column("activity_id", sa.String(length=36), nullable=True),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("responsible_unit", sa.String(length=200), nullable=False),
        sa.Column("responsible_person", sa.String(length=50), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "in_progress",
                "completed",
                "not_possible",
                name="outcome_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("not_possible_reason", sa.Text(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column(
            "result_class",
            sa.Enum(
                "A", "B", "C", "D", name="result_class", native_enum=False, create_constraint=True
            ),
            nullable=True,
        ),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("fed_back_on", sa.Date(), nullable=True),
        sa.Column(
            "satisfaction",
            sa.Enum(
                "satisfied",
                "basically_satisfied",
                "unsatisfied",
                name="satisfaction",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column(
            "escalation_kind",
            sa.Enum(
                "proposal",
                "social_info",
                name="escalation_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("escalation_ref", sa.String(length=50), nullable=True),
        sa.Column("escalated_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "status <> 'not_possible' OR coalesce(length(not_possible_reason), 0) > 0",
            name=op.f("ck_outcome_not_possible_has_reason"),
        ),
        sa.CheckConstraint(_one_origin(), name=op.f("ck_outcome_one_origin")),
        sa.CheckConstraint(
            "(escalation_kind IS NULL) = (escalation_ref IS NULL)",
            name=op.f("ck_outcome_escalation_has_ref"),
        ),
        sa.CheckConstraint("length(content) > 0", name=op.f("ck_outcome_content_set")),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_outcome_owner_node_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_outcome_revision_positive")),
        sa.CheckConstraint(
            "satisfaction IS NULL OR fed_back_on IS NOT NULL",
            name=op.f("ck_outcome_satisfaction_after_feedback"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_outcome_activity_id_activity")
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_outcome_agenda_item_id_agenda_item"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_outcome_case_id_mediation_case")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_outcome_room_id_room")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome")),
    )
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.create_index("ix_outcome_agenda_item", ["agenda_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outcome_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_outcome_deadline", ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_outcome_owner_node"), ["owner_node"], unique=False)
        batch_op.create_index("ix_outcome_room_status", ["room_id", "status"], unique=False)

    op.create_table(
        "speech",
        sa.Column("agenda_item_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker_name", sa.String(length=50), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("participant_id", sa.String(length=36), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_speech_owner_node_set")),
        sa.CheckConstraint("length(speaker_name) > 0", name=op.f("ck_speech_speaker_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_speech_revision_positive")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_speech_agenda_item_id_agenda_item"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_speech_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_speech_participant_id_participant"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speech")),
    )
    with op.batch_alter_table("speech", schema=None) as batch_op:
        batch_op.create_index("ix_speech_agenda_item", ["agenda_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_speech_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_speech_owner_node"), ["owner_node"], unique=False)

    op.create_table(
        "progress_note",
        sa.Column("outcome_id", sa.String(length=36), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("author_name", sa.String(length=50), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_node", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("length(owner_node) > 0", name=op.f("ck_progress_note_owner_node_set")),
        sa.CheckConstraint("length(text) > 0", name=op.f("ck_progress_note_text_set")),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_progress_note_revision_positive")),
        sa.ForeignKeyConstraint(
            ["outcome_id"], ["outcome.id"], name=op.f("fk_progress_note_outcome_id_outcome")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_note")),
    )
    with op.batch_alter_table("progress_note", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_progress_note_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index("ix_progress_note_outcome", ["outcome_id", "noted_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_progress_note_owner_node"), ["owner_node"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("progress_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_note_owner_node"))
        batch_op.drop_index("ix_progress_note_outcome")
        batch_op.drop_index(batch_op.f("ix_progress_note_change_seq"))

    op.drop_table("progress_note")
    with op.batch_alter_table("speech", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speech_owner_node"))
        batch_op.drop_index(batch_op.f("ix_speech_change_seq"))
        batch_op.drop_index("ix_speech_agenda_item")

    op.drop_table("speech")
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.drop_index("ix_outcome_room_status")
        batch_op.drop_index(batch_op.f("ix_outcome_owner_node"))
        batch_op.drop_index("ix_outcome_deadline")
        batch_op.drop_index(batch_op.f("ix_outcome_change_seq"))
        batch_op.drop_index("ix_outcome_agenda_item")

    op.drop_table("outcome")
    with op.batch_alter_table("opinion_slip", schema=None) as batch_op:
        batch_op.drop_index("ix_opinion_slip_topic")
        batch_op.drop_index("ix_opinion_slip_room_collected")
        batch_op.drop_index(batch_op.f("ix_opinion_slip_owner_node"))
        batch_op.drop_index(batch_op.f("ix_opinion_slip_change_seq"))

    op.drop_table("opinion_slip")
    with op.batch_alter_table("duty_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duty_record_owner_node"))
        batch_op.drop_index("ix_duty_record_member_date")
        batch_op.drop_index(batch_op.f("ix_duty_record_change_seq"))

    op.drop_table("duty_record")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_owner_node"))
        batch_op.drop_index(batch_op.f("ix_claim_change_seq"))

    op.drop_table("claim")
    with op.batch_alter_table("case_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_member_owner_node"))
        batch_op.drop_index(batch_op.f("ix_case_member_change_seq"))

    op.drop_table("case_member")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_owner_node"))
        batch_op.drop_index("ix_attendance_member")
        batch_op.drop_index(batch_op.f("ix_attendance_change_seq"))

    op.drop_table("attendance")
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amendment_owner_node"))
        batch_op.drop_index("ix_amendment_meeting")
        batch_op.drop_index(batch_op.f("ix_amendment_change_seq"))

    op.drop_table("amendment")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index("ix_agenda_item_topic")
        batch_op.drop_index(batch_op.f("ix_agenda_item_owner_node"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_change_seq"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("activity_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_member_owner_node"))
        batch_op.drop_index(batch_op.f("ix_activity_member_change_seq"))

    op.drop_table("activity_member")
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.drop_index("ix_topic_room_status")
        batch_op.drop_index("ix_topic_room_raised")
        batch_op.drop_index(batch_op.f("ix_topic_owner_node"))
        batch_op.drop_index(batch_op.f("ix_topic_change_seq"))

    op.drop_table("topic")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index("ix_participant_room_name")
        batch_op.drop_index(batch_op.f("ix_participant_owner_node"))
        batch_op.drop_index(batch_op.f("ix_participant_change_seq"))

    op.drop_table("participant")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_status")
        batch_op.drop_index("ix_meeting_room_date")
        batch_op.drop_index(batch_op.f("ix_meeting_owner_node"))
        batch_op.drop_index(batch_op.f("ix_meeting_change_seq"))

    op.drop_table("meeting")
    with op.batch_alter_table("mediation_case", schema=None) as batch_op:
        batch_op.drop_index("ix_mediation_case_room_status")
        batch_op.drop_index(batch_op.f("ix_mediation_case_owner_node"))
        batch_op.drop_index(batch_op.f("ix_mediation_case_change_seq"))

    op.drop_table("mediation_case")
    op.drop_table("installation")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_room")
        batch_op.drop_index(batch_op.f("ix_assignment_owner_node"))
        batch_op.drop_index("ix_assignment_member")
        batch_op.drop_index(batch_op.f("ix_assignment_change_seq"))

    op.drop_table("assignment")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_room_date")
        batch_op.drop_index(batch_op.f("ix_activity_owner_node"))
        batch_op.drop_index(batch_op.f("ix_activity_change_seq"))

    op.drop_table("activity")
    with op.batch_alter_table("room", schema=None) as batch_op:
        batch_op.drop_index("ix_room_township")
        batch_op.drop_index(batch_op.f("ix_room_owner_node"))
        batch_op.drop_index(batch_op.f("ix_room_node_id"))
        batch_op.drop_index(batch_op.f("ix_room_change_seq"))

    op.drop_table("room")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_owner_node"))
        batch_op.drop_index(batch_op.f("ix_area_change_seq"))

    op.drop_table("area")
    with op.batch_alter_table("township", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_township_owner_node"))
        batch_op.drop_index(batch_op.f("ix_township_change_seq"))

    op.drop_table("township")
    with op.batch_alter_table("team_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_membership_owner_node"))
        batch_op.drop_index(batch_op.f("ix_team_membership_change_seq"))

    op.drop_table("team_membership")
    with op.batch_alter_table("scoring_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scoring_rule_owner_node"))
        batch_op.drop_index(batch_op.f("ix_scoring_rule_change_seq"))

    op.drop_table("scoring_rule")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_owner_node"))
        batch_op.drop_index(batch_op.f("ix_team_change_seq"))

    op.drop_table("team")
    with op.batch_alter_table("scoring_rule_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scoring_rule_set_owner_node"))
        batch_op.drop_index(batch_op.f("ix_scoring_rule_set_change_seq"))

    op.drop_table("scoring_rule_set")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_owner_node"))
        batch_op.drop_index("ix_member_name")
        batch_op.drop_index(batch_op.f("ix_member_change_seq"))

    op.drop_table("member")
    with op.batch_alter_table("district", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_district_owner_node"))
        batch_op.drop_index(batch_op.f("ix_district_change_seq"))

    op.drop_table("district")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_record")

    op.drop_table("audit_entry")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index("ix_attachment_record")
        batch_op.drop_index(batch_op.f("ix_attachment_owner_node"))
        batch_op.drop_index(batch_op.f("ix_attachment_change_seq"))

    op.drop_table("attachment")
    with op.batch_alter_table("activity_kind", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_kind_owner_node"))
        batch_op.drop_index(batch_op.f("ix_activity_kind_change_seq"))

    op.drop_table("activity_kind")
