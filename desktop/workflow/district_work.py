"""The district's own work: the office hosts its meetings, activities and cases hang under.

The district office (区政协) and each of its townships record their own 专题协商会, 协商议事会,
activities and cases with the same editors and documents as a room. Each is attributed to a
host row of the room table (RoomKind.DISTRICT_OFFICE without a township, TOWNSHIP_OFFICE
with its township), made on first use, owned by the district node like the room registry.
So every editor, document and query keeps working unchanged, while the hosts are never
listed or counted as rooms (desktop.rules.rooms.is_room) and nothing under them is sent to a
room (desktop.sync.export.RoomRouter); the statistics count them under the district office
or the township (desktop.stats).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import District, Installation, Room, Township
from desktop.models.enums import NodeRole, RoomKind
from desktop.rules import RuleError
from desktop.workflow.agenda import create_meeting


def office_host(session: Session, township_id: str | None) -> Room:
    """The host of the district office's (None) or a township's own work, made if missing."""
    installation = session.get(Installation, 1)
    if installation is None or installation.role is not NodeRole.DISTRICT:
        raise RuleError("只有区政协可以记录本级（区、镇街道）的协商和活动")
    kind = RoomKind.DISTRICT_OFFICE if township_id is None else RoomKind.TOWNSHIP_OFFICE
    found = session.scalars(
        select(Room)
        .where(
            Room.kind == kind,
            Room.deleted.is_(False),
            Room.township_id.is_not_distinct_from(township_id),
        )
        .order_by(Room.id)
    ).first()
    if found is not None:
        return found
    if township_id is None:
        district = (
            session.get(District, installation.district_id) if installation.district_id else None
        )
        name = district.name if district is not None else installation.name
        village = "区政协"
    else:
        township = session.get(Township, township_id)
        if township is None or township.deleted:
            raise RuleError("所选镇（街道）不存在或已删除")
        name = village = township.name
    host = Room(
        township_id=township_id,
        name=name,
        village=village,
        kind=kind,
        node_id=installation.node_id,
    )
    session.add(host)
    session.flush()
    return host


def host_room_id(db: Database, township_id: str | None) -> str:
    """The id of the office host the district's record goes under (see `office_host`)."""
    with db.session() as session:
        return office_host(session, township_id).id


def plan_office_meeting(
    db: Database,
    *,
    township_id: str | None,
    held_on: date,
    meeting_id: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> str:
    """A planned meeting of the district office or a township, in one unit of work (the
    editor of a new meeting gives its id and the details typed first, as for a room's)."""
    with db.session() as session:
        host = office_host(session, township_id)
        return create_meeting(
            session, room_id=host.id, held_on=held_on, meeting_id=meeting_id, details=details
        ).id
