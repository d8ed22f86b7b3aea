"""Issue 12: counters and acknowledgements cannot be pushed by input.

A dishonest but enrolled room (real keys) acknowledges changes the district never sent it,
claims huge sequence numbers and change ranges, or ships a local counter column: the ack
above what was sent is refused with a message and changes nothing; nothing it sends moves the
district's own change counter or the revisions of the district's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import Installation, Member, SyncBundle, SyncPeer
from desktop.sync import SyncError
from desktop.sync.bundle import Contents
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from tests.sync.conftest import EnrolRoom
from tests.sync.dishonest import DishonestRoom, forged_row, snapshot
from tests.sync.helpers import add_topic, send

TOP = 2**62 - 1


@pytest.fixture
def liar(district: Database, enrol: EnrolRoom, tmp_path: Path) -> DishonestRoom:
    room = enrol("和平桥社区")
    add_topic(room, "路灯不亮")
    return DishonestRoom(room, district, tmp_path / "forged")


def _sent_to(district: Database, room: DishonestRoom) -> tuple[int, int]:
    """How far the district's bundles to that room reached: (change_to, sequence)."""
    with district.session() as session:
        change_to, sequence = session.execute(
            select(func.max(SyncBundle.change_to), func.max(SyncBundle.sequence)).where(
                SyncBundle.direction == "out", SyncBundle.peer_node == room.node
            )
        ).one()
        return change_to or 0, sequence or 0


def _counter(db: Database) -> int:
    installation = db.installation()
    assert isinstance(installation, Installation)
    return installation.change_counter


def _with_ack(through: int, seen: int) -> Callable[[Contents], None]:
    def change(contents: Contents) -> None:
        contents.manifest["ack"]["through"] = through
        contents.manifest["ack"]["sequence_seen"] = seen

    return change


def _refused(district: Database, path: Path, words: str) -> None:
    before = snapshot(district)
    with pytest.raises(SyncError, match=words):
        import_bundle(district, path)
    assert snapshot(district) == before


def test_an_ack_of_changes_never_sent_is_refused_and_changes_nothing(
    district: Database, liar: DishonestRoom, enrol: EnrolRoom, tmp_path: Path
) -> None:
    # So far the district sent this room only its enrolment: an ack above that is a lie.
    through, sequence = _sent_to(district, liar)
    _refused(district, liar.write(change=_with_ack(through + 1, sequence)), "从未发给对方的变更")
    _refused(district, liar.write(change=_with_ack(through, sequence + 1)), "从未发出的数据包")
    # Once the room's first honest bundle is in and the district has sent one back, the ack
    # may reach exactly that far and no further.
    send(liar.db, district, tmp_path / "honest")
    export_bundle(district, to_dir=tmp_path, room="R0001")
    through, sequence = _sent_to(district, liar)
    assert through > 0
    _refused(district, liar.write(change=_with_ack(through + 1, sequence)), "从未发给对方")
    _refused(district, liar.write(change=_with_ack(TOP, sequence)), "从未发给对方")
    _refused(district, liar.write(change=_with_ack(through, sequence + 1)), "从未发出")
    _refused(district, liar.write(change=_with_ack(through, TOP)), "从未发出")
    # The exact ack is accepted; the district's counter is its own.
    counter = _counter(district)
    import_bundle(district, liar.write(change=_with_ack(through, sequence)))
    assert _counter(district) <= counter + 2
    # Another room's next exchange still works both ways.
    other = enrol("城东社区")
    add_topic(other, "垃圾分类")
    assert send(other, district, tmp_path / "other").tables["topic"].added == 1
    assert send(district, other, tmp_path / "back", room="R0002").bundle_id


@pytest.mark.parametrize("ack", [[], "through", {"through": -1}, {"through": "1"}])
def test_a_malformed_ack_is_refused(district: Database, liar: DishonestRoom, ack: object) -> None:
    def change(contents: Contents) -> None:
        contents.manifest["ack"] = ack

    _refused(district, liar.write(change=change), "ack|through")


def test_huge_ranges_sequences_and_revisions_never_move_the_districts_counter(
    district: Database, liar: DishonestRoom, enrol: EnrolRoom, tmp_path: Path
) -> None:
    with district.session() as session:
        member_revisions = dict(session.execute(select(Member.id, Member.revision)).all())
    counter = _counter(district)

    def huge(contents: Contents) -> None:
        contents.manifest["change_range"] = [0, TOP]
        contents.manifest["sequence"] = TOP

    row = forged_row("topic", liar.node, room_id=liar.room_id, revision=2**62, title="版本号极大")
    result = import_bundle(district, liar.write({"topic": [row]}, change=huge))
    assert result.tables["topic"].added == 2
    # One import is one flush or two: the counter moves by that, not by anything sent.
    assert counter < _counter(district) <= counter + 2
    with district.session() as session:
        assert dict(session.execute(select(Member.id, Member.revision)).all()) == (member_revisions)
        peer = session.scalars(select(SyncPeer).where(SyncPeer.node_id == liar.node)).one()
        acked = peer.acked_through, peer.acked_sequence
    sent = _sent_to(district, liar)
    assert acked[0] <= sent[0] and acked[1] <= sent[1]
    # The district's bundles for the other rooms are unaffected and import there.
    other = enrol("城东社区")
    add_topic(other, "垃圾分类")
    send(other, district, tmp_path / "other")
    assert not send(district, other, tmp_path / "back", room="R0002").already_imported


def test_a_local_counter_column_in_a_row_is_refused(
    district: Database, liar: DishonestRoom
) -> None:
    row = forged_row("topic", liar.node, room_id=liar.room_id, change_seq=TOP)
    _refused(district, liar.write({"topic": [row]}), "记录字段不符")


# Hypothesis: every (through, sequence_seen) above what the district sent this room, as
# offsets over what it did send (the enrolment counts as one bundle).
SPAN = TOP - 10**6
acks_above = st.one_of(
    st.tuples(st.integers(1, SPAN), st.integers(-(10**6), SPAN)),
    st.tuples(st.integers(-(10**6), SPAN), st.integers(1, SPAN)),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(offsets=acks_above)
def test_property_every_ack_above_what_was_sent_is_refused(
    district: Database, liar: DishonestRoom, offsets: tuple[int, int]
) -> None:
    sent_through, sent_sequence = _sent_to(district, liar)
    through = max(sent_through + offsets[0], 0)
    seen = max(sent_sequence + offsets[1], 0)
    counter = _counter(district)
    _refused(district, liar.write(change=_with_ack(through, seen)), "从未发")
    assert _counter(district) == counter
