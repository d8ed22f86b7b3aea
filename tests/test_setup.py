"""Setting up an installation: what a new district or room starts with."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import ActivityKind, District, Room
from desktop.setup import STANDARD_ACTIVITY_KINDS, SetupError, setup_district, setup_room


def test_a_district_starts_with_the_standard_activity_kinds(db: Database) -> None:
    installation = setup_district(db, name="崇川区政协")
    with db.session() as session:
        kinds = session.scalars(select(ActivityKind)).all()
        district = session.scalars(select(District)).one()
    assert {(k.code, k.name) for k in kinds} == {(c, n) for c, n, _, _ in STANDARD_ACTIVITY_KINDS}
    # The district owns them, so enrolment files carry them to every room.
    assert {k.owner_node for k in kinds} == {installation.node_id}
    assert district.id == installation.district_id


def test_a_room_set_up_on_its_own_knows_its_village_and_township(db: Database) -> None:
    installation = setup_room(db, name="新胜村协商议事室", village="新胜村", township="观音山街道")
    with db.session() as session:
        room = session.scalars(select(Room)).one()
    assert (room.village, room.kind.label, room.node_id) == ("新胜村", "村", installation.node_id)
    with pytest.raises(SetupError, match="不能重复初始化"):
        setup_district(db, name="崇川区政协")
