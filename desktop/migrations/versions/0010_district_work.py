"""room.kind gains the office hosts; room.township_id may be empty: the district's own work

The district office (区政协) and each township record their own meetings, activities and cases
under a host row of the room table: kind 'district_office' (no township) or
'township_office' (its township). Existing rows are all rooms and keep their township; the
kind's CHECK constraint is widened and township_id becomes nullable. SQLite rebuilds the
table, so desktop.db.migrate runs migrations with foreign keys off and checks them after.

Revision ID: 0010_district_work
Revises: 0009_room_lifecycle
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_district_work"
down_revision: str | None = "0009_room_lifecycle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = ("village", "community")
_NEW = (*_OLD, "district_office", "township_office")


def _kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="room_kind", native_enum=False, create_constraint=True)


def upgrade() -> None:
    with op.batch_alter_table("room") as batch:
        batch.alter_column("kind", existing_type=_kind(_OLD), type_=_kind(_NEW))
        batch.alter_column("township_id", existing_type=sa.String(36), nullable=True)


def downgrade() -> None:
    # Only while no office host exists: such rows would break the narrower constraint.
    with op.batch_alter_table("room") as batch:
        batch.alter_column("township_id", existing_type=sa.String(36), nullable=False)
        batch.alter_column("kind", existing_type=_kind(_NEW), type_=_kind(_OLD))
