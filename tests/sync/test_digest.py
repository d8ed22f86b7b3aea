"""The running state digest: kept by the flush hook, equal to a scan, healed where it drifts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from desktop.checks import run_checks
from desktop.db import Database
from desktop.models import Member, SyncDigest, SyncPeer, Topic
from desktop.setup import setup_room
from desktop.sync.digest import scanned_digest, state_digest
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.records import synced_models
from tests.sync.conftest import EnrolRoom, OpenHome
from tests.sync.helpers import add_participant, add_topic, rename_topic, send


def _node(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.node_id


def _kept(db: Database, owner: str) -> str | None:
    with db.session() as session:
        row = session.get(SyncDigest, owner)
        return None if row is None else row.value


def _scanned(db: Database, owner: str) -> str:
    with db.session() as session:
        return scanned_digest(session, owner)


def test_local_inserts_edits_and_tombstones_move_the_kept_value(
    district: Database, enrol: EnrolRoom
) -> None:
    room = enrol("和平桥社区")
    me = _node(room)
    with room.session() as session:
        first = state_digest(session, me)
    topic_id = add_topic(room, "加装电梯")
    after_insert = _kept(room, me)
    assert after_insert not in (None, first)
    rename_topic(room, topic_id, "老旧小区加装电梯")
    after_edit = _kept(room, me)
    assert after_edit != after_insert
    with room.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None
        topic.deleted = True
    add_participant(room, "赵六")
    assert _kept(room, me) == _scanned(room, me)


def test_the_value_does_not_depend_on_the_order_rows_were_written(
    district: Database, enrol: EnrolRoom
) -> None:
    room = enrol("和平桥社区")
    me = _node(room)
    with room.session() as session:
        state_digest(session, me)
    ids = [add_topic(room, f"议题{n}") for n in range(3)]
    for topic_id in reversed(ids):
        rename_topic(room, topic_id, "改")
    assert _kept(room, me) == _scanned(room, me)


def test_imports_move_the_value_kept_for_the_sender(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    room_node = _node(room)
    topic_id = add_topic(room, "一")
    send(room, district, tmp_path)
    assert _kept(district, room_node) == _scanned(district, room_node)
    rename_topic(room, topic_id, "二")  # the import updates an existing row: revision 1 → 2
    add_topic(room, "三")
    send(room, district, tmp_path)
    assert _kept(district, room_node) == _scanned(district, room_node)
    assert _scanned(district, room_node) == _scanned(room, room_node)
    # And the roster the district sends down is kept the same way at the room.
    with district.session() as session:
        member = session.scalars(select(Member)).first()
        assert member is not None
        member.phone = "13900000009"
    send(district, room, tmp_path, room="R0001")
    district_node = _node(district)
    assert _kept(room, district_node) == _scanned(room, district_node)


def test_a_failed_flush_leaves_the_kept_value_as_it_was(
    district: Database, enrol: EnrolRoom
) -> None:
    room = enrol("和平桥社区")
    me = _node(room)
    add_topic(room, "一")
    with room.session() as session:
        state_digest(session, me)
    before = _kept(room, me)
    assert before is not None
    with pytest.raises(IntegrityError), room.session() as session:
        add = Topic(room_id="no-such-room", title="坏", source="residents")
        session.add(add)
        session.flush()
    assert _kept(room, me) == before == _scanned(room, me)


def test_enrolling_a_room_set_up_on_its_own_keeps_the_digest_true(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    room = open_home("early")
    setup_room(room, name="早建社区协商议事室", village="早建社区", township="早建街道")
    early_node = _node(room)
    add_topic(room, "早就记下的议题")
    with room.session() as session:
        state_digest(session, early_node)  # a value kept under the provisional node id
    path = tmp_path / "early.enrol"
    enrolment = enroll_room(
        district,
        room_name="早建社区协商议事室",
        village="早建社区",
        township="早建街道",
        output=path,
    )
    setup_room_from_enrolment(room, path, enrolment.passphrase)
    me = _node(room)
    assert me != early_node
    with room.session() as session:
        assert state_digest(session, me) == scanned_digest(session, me)
        assert session.get(SyncDigest, early_node) is None


def test_a_wrong_kept_value_makes_the_acks_mismatch_and_a_full_resend_heals_it(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    me = _node(room)
    add_topic(room, "一")
    send(room, district, tmp_path)
    send(district, room, tmp_path, room="R0001")
    with room.engine.begin() as connection:
        connection.execute(update(SyncDigest).where(SyncDigest.node_id == me).values(value="0"))
    add_topic(room, "二")
    send(room, district, tmp_path)  # records the wrong value as what it sent
    send(district, room, tmp_path, room="R0001")  # the district's ack holds the true one
    assert _acked_through(room) == 0
    result = send(room, district, tmp_path)
    assert result.tables["topic"].unchanged == 2  # everything again, nothing new
    assert _kept(room, me) == _scanned(room, me) == _kept(district, me)
    send(district, room, tmp_path, room="R0001")
    assert _acked_through(room) > 0


def test_check_names_rows_changed_behind_the_hook_and_a_full_export_mends_both_sides(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    me = _node(room)
    add_topic(room, "一")
    send(room, district, tmp_path)
    send(district, room, tmp_path, room="R0001")
    with room.engine.begin() as connection:  # a hand repair with an SQLite tool
        connection.execute(update(Topic).values(revision=Topic.revision + 5))
    problems = [p for p in run_checks(room) if p.check == "sync_digest"]
    assert [p.record_id for p in problems] == [me]
    assert "完整导出" in problems[0].message
    result = send(room, district, tmp_path, full=True)
    assert result.tables["topic"].updated == 1
    assert not [p for p in run_checks(room) if p.check == "sync_digest"]
    assert not [p for p in run_checks(district) if p.check == "sync_digest"]
    assert _kept(district, me) == _scanned(room, me)
    send(district, room, tmp_path, room="R0001")
    assert _acked_through(room) > 0


def _acked_through(room: Database) -> int:
    with room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        return peer.acked_through


@pytest.mark.parametrize("model", synced_models(), ids=lambda m: m.__tablename__)
@pytest.mark.sqlite_only  # SQLite's query plan; tests/test_postgres_queries.py reads the server's
def test_changes_since_an_ack_are_read_through_the_owner_and_change_index(
    district: Database, model: type
) -> None:
    """The incremental export's query must not walk every row the node owns."""
    table = model.__tablename__
    with district.engine.connect() as connection:
        plan = " ".join(
            str(row[-1])
            for row in connection.execute(
                text(
                    f"EXPLAIN QUERY PLAN SELECT * FROM {table} "
                    "WHERE owner_node = :me AND change_seq > :since"
                ),
                {"me": "x", "since": 5},
            )
        )
    assert f"ix_{table}_owner_node (owner_node=? AND change_seq>?)" in plan


def test_an_export_reads_the_kept_value_instead_of_scanning(
    district: Database, enrol: EnrolRoom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "一")
    send(room, district, tmp_path)
    send(district, room, tmp_path, room="R0001")
    add_topic(room, "二")

    def no_scan(*_args: object) -> str:
        raise AssertionError("an incremental export scanned the whole database")

    monkeypatch.setattr("desktop.sync.digest.scanned_digest", no_scan)
    result = export_bundle(room, to_dir=tmp_path)
    assert result.counts == {"topic": 1}
