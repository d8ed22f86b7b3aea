"""Reads behind the settings page (设置): this installation's room and who may edit it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from desktop import settings
from desktop.db import Database
from desktop.models import Installation, Room, Township
from desktop.rules.rooms import editable_reason

T = TypeVar("T")


@dataclass(frozen=True)
class RoomDetails:
    """The room as the settings page shows it; `reason` says why it is read-only, if it is."""

    name: str
    village: str
    township: str
    reason: str
    # As loaded (room, township): saving refuses once either has moved on.
    revision: int = 0
    township_revision: int = 0

    @property
    def editable(self) -> bool:
        return not self.reason


def read_room_details(session: Session) -> RoomDetails | None:
    """This installation's room, or None in district mode or before setup."""
    installation = session.get(Installation, 1)
    if installation is None or installation.room_id is None:
        return None
    room = session.get(Room, installation.room_id)
    if room is None:
        return None
    township = session.get(Township, room.township_id)
    return RoomDetails(
        name=room.name,
        village=room.village,
        township=township.name if township else "",
        reason=editable_reason(session),
        revision=room.revision,
        township_revision=township.revision if township else 0,
    )


def room_details(db: Database) -> RoomDetails | None:
    """The room's details as the settings page loads them."""
    with db.session() as session:
        return read_room_details(session)


def setting_value(db: Database, option: settings.Option[T]) -> T:
    """One preference (printer, fonts) as stored, or its default."""
    with db.session() as session:
        return settings.get(session, option)
