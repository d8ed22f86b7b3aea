"""Who may edit a room's own details, whether a place is a village or a community, and which
rows of the room table are rooms at all (the district's and townships' office hosts are not)."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from desktop.models import Installation, Room
from desktop.models.enums import NodeRole, RoomKind

# The hosts the district records its own work under (desktop.workflow.district_work): not
# rooms, so never listed, enrolled, counted as rooms, silent, or sent to a room.
OFFICE_KINDS = frozenset({RoomKind.DISTRICT_OFFICE, RoomKind.TOWNSHIP_OFFICE})
ROOM_KINDS = frozenset(RoomKind) - OFFICE_KINDS


def is_room() -> ColumnElement[bool]:
    """A WHERE clause keeping real rooms only (not the office hosts)."""
    return Room.kind.in_(sorted(ROOM_KINDS))


def host_name(kind: RoomKind, name: str) -> str:
    """What a host is called in lists and on paper: a room by its own name; the district
    office by the district's (崇川区政协); a township's office host, named after its township,
    as that township's 政协工委 (和平桥街道政协工委), never as a 协商议事室."""
    if kind is RoomKind.DISTRICT_OFFICE:
        return name if "政协" in name else f"{name}政协"
    if kind is RoomKind.TOWNSHIP_OFFICE:
        return name if name.endswith("政协工委") else f"{name}政协工委"
    return name


def editable_reason(session: Session) -> str:
    """Empty when this installation may edit its room's details, else why not (in Chinese)."""
    installation = session.get(Installation, 1)
    if installation is None:
        return "本机尚未初始化"
    if installation.role is NodeRole.DISTRICT:
        return "区政协模式：各议事室的信息由议事室自己维护"
    room = session.get(Room, installation.room_id) if installation.room_id else None
    if room is None:
        return "本机尚未关联议事室"
    if room.owner_node != installation.node_id:
        return "议事室信息由区政协统一维护，如需修改请联系区政协"
    return ""


def guess_room_kind(village: str) -> RoomKind:
    return RoomKind.COMMUNITY if village.endswith("社区") else RoomKind.VILLAGE
