"""Changing this room's own details (name, village/community, township) on the settings page."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Installation, Room, Township
from desktop.rules import RuleError
from desktop.rules.rooms import editable_reason, guess_room_kind
from desktop.workflow.stale import check_unchanged


def update_room_details(
    session: Session,
    *,
    name: str,
    village: str,
    township: str,
    expected_revision: int | None = None,
    expected_township_revision: int | None = None,
) -> Room:
    """Rename this room, its village/community and its township; all three are required.

    With the revisions the page loaded (the room's, the township's), a room or township
    changed since is refused with StaleEditError: the form holds both, so saving it would
    put back what the other window changed.
    """
    name, village, township = name.strip(), village.strip(), township.strip()
    if reason := editable_reason(session):
        raise RuleError(reason)
    if not name:
        raise RuleError("议事室名称不能为空")
    if not village:
        raise RuleError("村（社区）名称不能为空")
    if not township:
        raise RuleError("镇（街道）名称不能为空")
    installation = session.get(Installation, 1)
    assert installation is not None and installation.room_id is not None
    room = session.get(Room, installation.room_id)
    assert room is not None
    town = session.get(Township, room.township_id)
    assert town is not None
    check_unchanged(session, room, expected_revision)
    check_unchanged(session, town, expected_township_revision)
    if town.name != township:
        if town.owner_node != installation.node_id:
            raise RuleError("所属镇（街道）由区政协维护，本机不能修改")
        town.name = township
    if room.village != village:
        room.village = village
        room.kind = guess_room_kind(village)
    room.name = name
    installation.name = name
    return room


def save_room_details(
    db: Database,
    *,
    name: str,
    village: str,
    township: str,
    expected_revision: int | None = None,
    expected_township_revision: int | None = None,
) -> None:
    """The settings page's Save: the room's details in one unit of work."""
    with db.session() as session:
        update_room_details(
            session,
            name=name,
            village=village,
            township=township,
            expected_revision=expected_revision,
            expected_township_revision=expected_township_revision,
        )
