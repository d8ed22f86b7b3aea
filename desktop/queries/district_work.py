"""Reads for the district's own work: whom a record can be attributed to (区政协 or a township)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import District, Installation, Room, Township
from desktop.models.enums import NodeRole
from desktop.rules.rooms import OFFICE_KINDS


@dataclass(frozen=True)
class OfficeChoice:
    """The district office (township_id None) or one of its townships, by name."""

    township_id: str | None
    name: str


def office_choices(session: Session) -> list[OfficeChoice]:
    """The district office first, then its live townships by name; empty outside a district."""
    installation = session.get(Installation, 1)
    if installation is None or installation.role is not NodeRole.DISTRICT:
        return []
    district = session.get(District, installation.district_id) if installation.district_id else None
    choices = [OfficeChoice(None, district.name if district is not None else installation.name)]
    townships = session.execute(
        select(Township.id, Township.name)
        .where(Township.deleted.is_(False))
        .order_by(Township.name, Township.id)
    )
    choices += [OfficeChoice(township_id, name) for township_id, name in townships]
    return choices


def read_office_choices(db: Database) -> list[OfficeChoice]:
    with db.session() as session:
        return office_choices(session)


def is_office_room(db: Database, room_id: str) -> bool:
    """Whether the row is one of the district's office hosts rather than a room."""
    with db.session() as session:
        room = session.get(Room, room_id)
        return room is not None and room.kind in OFFICE_KINDS
