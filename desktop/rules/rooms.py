"""Who may edit a room's own details, and whether a place is a village or a community."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.models import Installation, Room
from desktop.models.enums import NodeRole, RoomKind


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
