"""Recording a 督办记录: what is kept, and every refusal leaves nothing written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop import clock
from desktop.db import Database
from desktop.models import SupervisionAction
from desktop.models.enums import SupervisionMethod
from desktop.rules import RuleError
from desktop.workflow.supervision import record_action, withdraw_action
from tests.desk_builders import add_outcome, room_id_of
from tests.supervision_builders import District, build_supervision


@pytest.fixture
def world(district_db: Database) -> District:
    return build_supervision(district_db)


def _count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(SupervisionAction)) or 0)


def test_the_district_records_an_action_under_a_rooms_outcome(world: District) -> None:
    action_id = record_action(
        world.db,
        world["a1"],
        on=world.today,
        method=SupervisionMethod.VISIT,
        result="  到现场查看，施工队已进场  ",
        supervised_by=" 社法委 王主任 ",
    )
    installation = world.db.installation()
    assert installation is not None
    with world.db.session() as s:
        action = s.get_one(SupervisionAction, action_id)
        assert (action.outcome_id, action.acted_on, action.method) == (
            world["a1"],
            world.today,
            SupervisionMethod.VISIT,
        )
        assert (action.result, action.supervised_by) == (
            "到现场查看，施工队已进场",
            "社法委 王主任",
        )
        # The district's own row, under the room's outcome.
        assert action.owner_node == installation.node_id != world.nodes["room_a"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"result": "  "}, "督办情况"),
        ({"supervised_by": ""}, "督办人"),
        ({"supervised_by": "长" * 51}, "50"),
        ({"days": 1}, "不能晚于今天"),
        ({"days": -201}, "不能早于协商日期"),
        ({"outcome": "no-such-outcome"}, "不存在"),
    ],
)
def test_refusals_write_nothing(world: District, change: dict[str, object], words: str) -> None:
    with pytest.raises(RuleError, match=words):
        record_action(
            world.db,
            str(change.get("outcome", world["a1"])),
            on=world.today + timedelta(days=int(str(change.get("days", 0)))),
            method=SupervisionMethod.PHONE,
            result=str(change.get("result", "已电话督办")),
            supervised_by=str(change.get("supervised_by", "社法委")),
        )
    assert _count(world.db) == 0


def test_a_room_cannot_record_supervision(room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        outcome = add_outcome(s, room, "修路灯", deadline=None).id
    with pytest.raises(RuleError, match="只有区政协"):
        record_action(
            room_db,
            outcome,
            on=clock.today(),
            method=SupervisionMethod.PHONE,
            result="催办",
            supervised_by="我",
        )
    assert _count(room_db) == 0


def test_an_action_recorded_by_mistake_is_withdrawn_as_a_tombstone(world: District) -> None:
    action_id = record_action(
        world.db,
        world["b1"],
        on=world.today,
        method=SupervisionMethod.MEETING,
        result="召开推进会",
        supervised_by="社法委",
    )
    withdraw_action(world.db, action_id)
    with world.db.session() as s:
        assert s.get_one(SupervisionAction, action_id).deleted
    with pytest.raises(RuleError, match="不存在"):
        withdraw_action(world.db, action_id)
