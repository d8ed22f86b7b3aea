"""督办记录 travel down with real keys: to the room whose outcome they are on and to no other;
a withdrawal follows; a room can never write one, however it forges its bundle."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop import clock
from desktop.checks import run_checks
from desktop.db import Database
from desktop.models import MediationCase, Outcome, SupervisionAction
from desktop.models.enums import CaseKind, SupervisionMethod
from desktop.queries.supervision import read_actions
from desktop.sync import SyncError
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.incoming import Incoming, check_owned, parse_table
from desktop.workflow.supervision import record_action, withdraw_action
from tests.sync.conftest import EnrolRoom
from tests.sync.dishonest import DishonestRoom, forged_row, fresh_id, held_row, snapshot
from tests.sync.helpers import add_topic, count, room_id, send


def _outcome(room: Database, content: str) -> str:
    with room.session() as session:
        case = MediationCase(
            room_id=room_id(room),
            kind=CaseKind.MEDIATION,
            subject="邻里纠纷",
            opened_on=clock.today() - timedelta(days=30),
        )
        session.add(case)
        session.flush()
        outcome = Outcome(
            room_id=room_id(room),
            case_id=case.id,
            content=content,
            responsible_unit="和平桥街道城建办",
            deadline=clock.today() - timedelta(days=5),
        )
        session.add(outcome)
        session.flush()
        return outcome.id


def _node(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.node_id


@pytest.fixture
def rooms(district: Database, enrol: EnrolRoom, tmp_path: Path) -> tuple[Database, Database]:
    """Rooms A (R0001) and B (R0002), each with an outcome the district holds."""
    a, b = enrol("和平桥社区"), enrol("城东社区")
    _outcome(a, "协调双方修缮围墙")
    _outcome(b, "清理楼道堆物")
    send(a, district, tmp_path / "usb")
    send(b, district, tmp_path / "usb")
    return a, b


def _outcome_of(db: Database, owner: str) -> str:
    with db.session() as session:
        outcome = session.query(Outcome).filter(Outcome.owner_node == owner).one()
        return outcome.id


def test_an_action_reaches_the_room_that_owns_the_outcome_and_no_other(
    district: Database, rooms: tuple[Database, Database], tmp_path: Path
) -> None:
    a, b = rooms
    outcome_a = _outcome_of(district, _node(a))
    action = record_action(
        district,
        outcome_a,
        on=clock.today(),
        method=SupervisionMethod.PHONE,
        result="街道答复本周内进场施工",
        supervised_by="区政协社法委",
    )

    to_b = export_bundle(district, to_dir=tmp_path / "usb", room="R0002")
    to_a = export_bundle(district, to_dir=tmp_path / "usb", room="R0001")
    assert "supervision_action" not in to_b.counts
    assert to_a.counts["supervision_action"] == 1
    import_bundle(b, to_b.path)
    import_bundle(a, to_a.path)
    assert count(a, SupervisionAction, id=action) == 1 and count(b, SupervisionAction) == 0
    # Shown read-only under the room's own outcome; the room's database stays consistent.
    assert [(x.result, x.supervised_by) for x in read_actions(a, outcome_a)] == [
        ("街道答复本周内进场施工", "区政协社法委")
    ]
    assert run_checks(a) == [] and run_checks(b) == []

    # The rooms acknowledge; a withdrawal (a tombstone) follows the same way, A only.
    send(a, district, tmp_path / "usb")
    send(b, district, tmp_path / "usb")
    withdraw_action(district, action)
    again_b = export_bundle(district, to_dir=tmp_path / "usb", room="R0002")
    again_a = export_bundle(district, to_dir=tmp_path / "usb", room="R0001")
    assert not again_a.full and again_a.counts == {"supervision_action": 1}
    assert "supervision_action" not in again_b.counts
    import_bundle(a, again_a.path)
    import_bundle(b, again_b.path)
    assert read_actions(a, outcome_a) == []
    assert count(a, SupervisionAction, deleted=True) == 1 and count(b, SupervisionAction) == 0
    # And the rooms' next bundles still go through.
    add_topic(a, "围墙又裂了")
    assert send(a, district, tmp_path / "usb").totals().added >= 1


def test_a_room_cannot_forge_an_action(
    district: Database, rooms: tuple[Database, Database], tmp_path: Path
) -> None:
    a, b = rooms
    liar = DishonestRoom(b, district, tmp_path / "forged")
    own_outcome = _outcome_of(district, liar.node)
    district_node = _node(district)
    for owner in (liar.node, district_node):
        forged = forged_row(
            "supervision_action",
            owner,
            outcome_id=own_outcome,
            method="visit",
            result="伪造的督办记录",
        )
        before = snapshot(district)
        with pytest.raises(SyncError, match="区政协维护"):
            import_bundle(district, liar.write({"supervision_action": [forged]}))
        assert snapshot(district) == before
    # Nor can it rewrite one the district wrote on its outcome.
    real = record_action(
        district,
        own_outcome,
        on=clock.today(),
        method=SupervisionMethod.LETTER,
        result="已发函督办",
        supervised_by="社法委",
    )
    changed = held_row(district, "supervision_action", real)
    changed.update(result="已办结，无需督办", revision=changed["revision"] + 1)
    before = snapshot(district)
    with pytest.raises(SyncError, match="区政协维护"):
        import_bundle(district, liar.write({"supervision_action": [changed]}))
    assert snapshot(district) == before
    # Its honest bundle is still accepted.
    add_topic(b, "楼道灯坏了")
    assert import_bundle(district, liar.write()).totals().quarantined == 0
    assert count(a, SupervisionAction) == 0


def test_a_room_takes_an_action_only_under_its_own_outcome(
    district: Database, rooms: tuple[Database, Database], tmp_path: Path
) -> None:
    """The room's own check of a district bundle: an action under another room's outcome,
    or one claiming to be the room's own, is refused."""
    a, b = rooms
    outcome_a, outcome_b = _outcome_of(district, _node(a)), _outcome_of(district, _node(b))
    action = record_action(
        district,
        outcome_a,
        on=clock.today(),
        method=SupervisionMethod.MEETING,
        result="召开协调会",
        supervised_by="社法委",
    )
    row = held_row(district, "supervision_action", action)

    def check(values: dict[str, object]) -> None:
        with a.session() as session:
            try:
                check_owned(
                    session,
                    Incoming(rows=[parse_table("supervision_action", [values])]),
                    origin=_node(district),
                    origin_role="district",
                    origin_room_id=None,
                )
            finally:
                session.rollback()

    check(row)
    with pytest.raises(SyncError, match="对不上"):
        check({**row, "id": fresh_id(), "outcome_id": outcome_b})
    with pytest.raises(SyncError, match="不属于发送方"):
        check({**row, "id": fresh_id(), "owner_node": _node(a)})
