"""city: a city office (市政协) installation collecting the districts' forwarded bundles

- installation.role and sync_peer.role may be 'city'.
- sync_peer.escrow_recipient: a city peer's escrow key, held at its districts.
- forwarded_origin: at a city, the room nodes each district vouches for (desktop.sync.upward).
- The district's codes and names are unique per owner: a city holds several districts, each
  with its R0001, its 书香政协读书活动 kind, its rule set version 1 (one owner per district,
  so nothing changes inside one).
- On PostgreSQL, revisions, change counters and bundle sequences become 64-bit (BIGINT), as
  SQLite's INTEGER always was: a bundle may name any number below 2**62.

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


# (table, column) unique alone before, with the owner now.
PER_OWNER: tuple[tuple[str, str], ...] = (
    ("activity_kind", "code"),
    ("scoring_rule_set", "version"),
    ("team", "name"),
    ("room", "code"),
)


def _per_owner(upgrade: bool) -> None:
    for table, column in PER_OWNER:
        with op.batch_alter_table(table, schema=None) as batch_op:
            alone, owned = f"uq_{table}_{column}", f"uq_{table}_owner_node_{column}"
            batch_op.drop_constraint(op.f(alone if upgrade else owned), type_="unique")
            if upgrade:
                batch_op.create_unique_constraint(op.f(owned), ["owner_node", column])
            else:
                batch_op.create_unique_constraint(op.f(alone), [column])


# The synced tables at this revision: each has a revision and a change_seq.
SYNCED = (
    "activity_kind", "attachment", "district", "member", "scoring_rule_set", "team",
    "duty_act", "scoring_rule", "team_membership", "township", "area", "room", "activity",
    "assignment", "mediation_case", "meeting", "participant", "topic", "activity_member",
    "agenda_item", "amendment", "attendance", "case_member", "claim", "duty_record",
    "opinion_slip", "status_change", "outcome", "speech", "progress_note",
    "supervision_action",
)  # fmt: skip
# (table, columns) holding the other revisions, change counters and sequences.
COUNTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("installation", ("change_counter", "revision_floor")),
    (
        "sync_peer",
        (
            "sequence_out",
            "acked_through",
            "acked_sequence",
            "received_through",
            "sequence_in",
            "ack_applied_sequence",
        ),
    ),
    ("sync_bundle", ("sequence", "change_from", "change_to")),
    ("quarantined_record", ("revision",)),
)


def _counters(kind: type[sa.Integer]) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    tables = [*COUNTERS, *((table, ("revision", "change_seq")) for table in SYNCED)]
    for table, columns in tables:
        for column in columns:
            op.alter_column(table, column, type_=kind())


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
    _roles("role IN ('district', 'room', 'city')", "role IN ('district', 'room', 'escrow', 'city')")
    with op.batch_alter_table("sync_peer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escrow_recipient", sa.String(length=100), nullable=True))
    _per_owner(upgrade=True)
    _counters(sa.BigInteger)


def downgrade() -> None:
    _counters(sa.Integer)
    _per_owner(upgrade=False)
    with op.batch_alter_table("sync_peer", schema=None) as batch_op:
        batch_op.drop_column("escrow_recipient")
    _roles("role IN ('district', 'room')", "role IN ('district', 'room', 'escrow')")
    op.drop_index(op.f("ix_forwarded_origin_via_node"), table_name="forwarded_origin")
    op.drop_table("forwarded_origin")
