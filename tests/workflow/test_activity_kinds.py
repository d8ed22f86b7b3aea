"""The district's activity kinds: added, renamed, removed only while no activity uses them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Activity, ActivityKind, Room, Township
from desktop.models.enums import RoomKind
from desktop.rules import RuleError
from desktop.setup import STANDARD_ACTIVITY_KINDS
from desktop.workflow import activity_kinds

DAY = date(2026, 10, 12)


def _kind_id(db: Database, name: str) -> str:
    with db.session() as session:
        kind_id = session.scalar(select(ActivityKind.id).where(ActivityKind.name == name))
        assert kind_id is not None
        return kind_id


def _activity(db: Database, kind_id: str, *, deleted: bool = False) -> None:
    """An activity a room recorded, as the district holds it after the room's bundle."""
    with db.session() as session:
        township = Township(name="和平桥街道")
        session.add(township)
        session.flush()
        room = Room(
            township_id=township.id,
            name="和平桥社区协商议事室",
            village="和平桥社区",
            kind=RoomKind.COMMUNITY,
        )
        session.add(room)
        session.flush()
        session.add(
            Activity(
                room_id=room.id,
                kind_id=kind_id,
                title="视察老旧小区改造",
                held_on=DAY,
                deleted=deleted,
            )
        )


def test_a_district_starts_with_the_standard_kinds(district_db: Database) -> None:
    rows = activity_kinds.list_kinds(district_db)
    assert sorted(row.name for row in rows) == sorted(n for _, n, _, _ in STANDARD_ACTIVITY_KINDS)
    assert all(row.used_by == 0 for row in rows)


def test_add_and_rename_a_kind(district_db: Database) -> None:
    kind_id = activity_kinds.save_new_kind(district_db, "  矛盾纠纷排查 ")
    second = activity_kinds.save_new_kind(district_db, "界别活动", counts_as_inspection=True)
    with district_db.session() as session:
        kind = session.get(ActivityKind, kind_id)
        assert kind is not None and kind.name == "矛盾纠纷排查"
        assert not kind.counts_as_inspection
        other = session.get(ActivityKind, second)
        assert other is not None and other.code != kind.code and other.counts_as_inspection
    activity_kinds.save_kind(district_db, kind_id, "矛盾纠纷排查化解", counts_as_inspection=True)
    with district_db.session() as session:
        kind = session.get(ActivityKind, kind_id)
        assert kind is not None and kind.name == "矛盾纠纷排查化解" and kind.counts_as_inspection
        assert kind.revision == 2


@pytest.mark.parametrize("name", ["", "   ", "委员接待日", "长" * 101])
def test_an_empty_long_or_taken_name_is_refused(district_db: Database, name: str) -> None:
    with pytest.raises(RuleError):
        activity_kinds.save_new_kind(district_db, name)


def test_renaming_to_its_own_name_is_allowed_to_another_kinds_is_not(
    district_db: Database,
) -> None:
    kind_id = _kind_id(district_db, "委员接待日")
    activity_kinds.save_kind(district_db, kind_id, "委员接待日")
    with pytest.raises(RuleError, match="已有名为“民主监督”"):
        activity_kinds.save_kind(district_db, kind_id, "民主监督")


def test_a_used_kind_is_never_removed_and_the_refusal_counts_its_activities(
    district_db: Database,
) -> None:
    kind_id = _kind_id(district_db, "视察调研")
    _activity(district_db, kind_id)
    with pytest.raises(RuleError) as refused:
        activity_kinds.delete_kind(district_db, kind_id)
    assert "“视察调研”已有1项活动使用，不能删除" in str(refused.value)
    assert "停用" in str(refused.value)
    rows = {row.name: row for row in activity_kinds.list_kinds(district_db)}
    assert rows["视察调研"].used_by == 1
    # Still there, and still renameable.
    activity_kinds.save_kind(district_db, kind_id, "视察")
    assert "视察" in {row.name for row in activity_kinds.list_kinds(district_db)}


def test_an_unused_kind_is_removed_as_a_tombstone(district_db: Database) -> None:
    kind_id = _kind_id(district_db, "走访联谊")
    _activity(district_db, kind_id, deleted=True)  # a removed activity does not hold it
    activity_kinds.delete_kind(district_db, kind_id)
    with district_db.session() as session:
        kind = session.get(ActivityKind, kind_id)
        assert kind is not None and kind.deleted
    assert "走访联谊" not in {row.name for row in activity_kinds.list_kinds(district_db)}
    # The name is free again; the new kind gets a code of its own.
    activity_kinds.save_new_kind(district_db, "走访联谊")
    with pytest.raises(RuleError, match="已删除"):
        activity_kinds.save_kind(district_db, kind_id, "走访")


def test_a_room_cannot_edit_the_kinds(room_db: Database) -> None:
    with pytest.raises(RuleError, match="区政协统一设定"):
        activity_kinds.save_new_kind(room_db, "读书会")
