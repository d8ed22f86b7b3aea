"""Who owns what: the installation record, and each record's node (room, meeting, roster)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, exists, func, select

from desktop.checks.base import Context, Hit, Problem, live, short
from desktop.models import (
    AgendaItem,
    Amendment,
    Attendance,
    District,
    Installation,
    Meeting,
    Room,
    Speech,
    Synced,
    SyncPeer,
)
from desktop.models.enums import NodeRole
from desktop.sync.ownership import RULES, Parent, Sync
from desktop.sync.records import synced_models

# From the sync registry, so a table added there is checked here too. Records a room
# writes that carry room_id and belong to that room's node:
ROOM_OWNED: tuple[type[Any], ...] = tuple(
    model
    for model in synced_models()
    if (rule := RULES[model.__tablename__]).sync is Sync.ROOM_OWNED
    and Parent("room_id", "room") in rule.parents
)
# Records the district keeps for everyone (in a district installation, its own node's).
ROSTER: tuple[type[Synced], ...] = tuple(
    model for model in synced_models() if RULES[model.__tablename__].sync is Sync.DISTRICT_WIDE
)


# --- the installation -------------------------------------------------------------------


def installation(connection: Connection, ctx: Context) -> list[Problem | Hit]:
    count = connection.scalar(select(func.count()).select_from(Installation))
    if count != 1:
        return [
            Problem(
                "installation", "installation", None, f"应有且仅有一条安装记录，实际有 {count} 条"
            )
        ]
    inst = ctx.installation
    assert inst is not None
    found: list[Problem | Hit] = []
    if inst.role is NodeRole.ROOM:
        if inst.room_id is None:
            return [Problem("installation", "installation", None, "议事室安装没有关联协商议事室")]
        room = connection.execute(
            select(Room.node_id, Room.deleted).where(Room.id == inst.room_id)
        ).first()
        if room is None or room.deleted:
            found.append(
                Problem(
                    "installation", "room", inst.room_id, "本安装关联的协商议事室不存在或已删除"
                )
            )
        elif room.node_id != inst.node_id:
            found.append(
                Hit(
                    "installation",
                    "room",
                    inst.room_id,
                    f"的节点（{short(room.node_id)}）不是本安装的节点（{short(inst.node_id)}）",
                )
            )
    elif inst.role is NodeRole.DISTRICT:
        district = None
        if inst.district_id is not None:
            district = connection.execute(
                select(District.deleted).where(District.id == inst.district_id)
            ).first()
        if district is None or district.deleted:
            found.append(
                Problem(
                    "installation", "district", inst.district_id, "本安装关联的区政协不存在或已删除"
                )
            )
    return found


# --- ownership --------------------------------------------------------------------------


def room_owner(connection: Connection, ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    for model in ROOM_OWNED:
        stmt = (
            select(model.id, model.owner_node, Room.node_id, Room.name)
            .join(Room, Room.id == model.room_id)
            .where(live(model), model.owner_node.is_distinct_from(Room.node_id))
            # A re-enrolled room's records from its old PC stay owned by the revoked node.
            .where(
                ~exists().where(
                    SyncPeer.node_id == model.owner_node,
                    SyncPeer.room_id == model.room_id,
                    SyncPeer.revoked_at.is_not(None),
                )
            )
        )
        for record_id, owner, room_node, room_name in connection.execute(stmt):
            hits.append(
                Hit(
                    "room_owner",
                    model.__tablename__,
                    record_id,
                    f"的所属节点（{short(owner)}）不是其协商议事室「{room_name}」的节点"
                    f"（{short(room_node)}）",
                )
            )
    return hits


def meeting_owner(connection: Connection, ctx: Context) -> list[Hit]:
    statements: list[tuple[type[Any], Select[*tuple[Any, ...]]]] = []
    for model in (AgendaItem, Attendance, Amendment):
        statements.append(
            (
                model,
                select(model.id, model.owner_node, Meeting.owner_node)
                .join(Meeting, Meeting.id == model.meeting_id)
                .where(live(model), model.owner_node != Meeting.owner_node),
            )
        )
    statements.append(
        (
            Speech,
            select(Speech.id, Speech.owner_node, Meeting.owner_node)
            .join(AgendaItem, AgendaItem.id == Speech.agenda_item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(live(Speech), Speech.owner_node != Meeting.owner_node),
        )
    )
    hits: list[Hit] = []
    for model, stmt in statements:
        for record_id, owner, meeting_owner in connection.execute(stmt):
            hits.append(
                Hit(
                    "meeting_owner",
                    model.__tablename__,
                    record_id,
                    f"的所属节点（{short(owner)}）与其协商议事活动的节点"
                    f"（{short(meeting_owner)}）不一致",
                )
            )
    return hits


def roster_owner(connection: Connection, ctx: Context) -> list[Hit]:
    inst = ctx.installation
    if inst is None or inst.role is not NodeRole.DISTRICT:
        return []
    hits: list[Hit] = []
    for model in ROSTER:
        stmt = select(model.id, model.owner_node).where(
            live(model), model.owner_node != inst.node_id
        )
        for record_id, owner in connection.execute(stmt):
            hits.append(
                Hit(
                    "roster_owner",
                    model.__tablename__,
                    record_id,
                    f"属于节点 {short(owner)}，名册数据应属于本区政协（{short(inst.node_id)}）",
                )
            )
    return hits
