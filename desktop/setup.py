"""Making a new installation: a district office or a village/community room."""

from __future__ import annotations

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import ActivityKind, District, Installation, Room, Township
from desktop.models.base import new_id
from desktop.models.enums import NodeRole
from desktop.models.stamping import StampContext
from desktop.rules.rooms import guess_room_kind

# The room's other uses (一室多用) every district starts with; kinds are data it may extend.
STANDARD_ACTIVITY_KINDS: tuple[tuple[str, str, bool], ...] = (
    # (code, name, counts as an inspection)
    ("reading", "书香政协读书活动", False),
    ("reception", "委员接待日", False),
    ("visit", "走访联谊", False),
    ("inspection", "视察调研", True),
    ("supervision", "民主监督", True),
)


class SetupError(UserError, ValueError):
    """Setup refused; the message is for the user."""


def _require_fresh(db: Database) -> None:
    if (existing := db.installation()) is not None:
        raise SetupError(
            f"此目录已是一个议事安装（{existing.role.label}：{existing.name}），不能重复初始化"
        )


def _require_text(value: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise SetupError(f"{label}不能为空")
    return value


def setup_district(db: Database, *, name: str) -> Installation:
    """A district office (区政协): it owns the roster, the room registry and the rules."""
    _require_fresh(db)
    name = _require_text(name, "区政协名称")
    node_id = new_id()
    with db.session_as(StampContext(node_id=node_id, user=db.user)) as session:
        installation = Installation(node_id=node_id, role=NodeRole.DISTRICT, name=name)
        session.add(installation)
        session.flush()
        district = District(name=name)
        session.add(district)
        session.add_all(
            ActivityKind(code=code, name=kind_name, counts_as_inspection=inspection)
            for code, kind_name, inspection in STANDARD_ACTIVITY_KINDS
        )
        session.flush()
        installation.district_id = district.id
    return installation


def setup_room(db: Database, *, name: str, village: str, township: str) -> Installation:
    """A room set up on its own; enrolment with a district comes later (sync)."""
    _require_fresh(db)
    name = _require_text(name, "议事室名称")
    village = _require_text(village, "村（社区）名称")
    township = _require_text(township, "镇（街道）名称")
    node_id = new_id()
    with db.session_as(StampContext(node_id=node_id, user=db.user)) as session:
        installation = Installation(node_id=node_id, role=NodeRole.ROOM, name=name)
        session.add(installation)
        session.flush()
        township_row = Township(name=township)
        session.add(township_row)
        session.flush()
        room = Room(
            township_id=township_row.id,
            name=name,
            village=village,
            kind=guess_room_kind(village),
            node_id=node_id,
        )
        session.add(room)
        session.flush()
        installation.room_id = room.id
    return installation
