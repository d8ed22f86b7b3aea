"""Room → district → room: records go up, roster and acknowledgements come back."""

from __future__ import annotations

from pathlib import Path

from desktop.db import Database
from desktop.models import Member, Participant, Room, SyncBundle, SyncPeer, Topic
from desktop.sync.export import export_bundle
from desktop.sync.identity import own_fingerprint
from desktop.sync.importer import import_bundle
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_participant, add_topic, count, rename_topic, rows, send


def _peer(db: Database, role: str) -> SyncPeer:
    with db.session() as session:
        from sqlalchemy import select

        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == role)).first()
        assert peer is not None
        return peer


def test_enrolled_room_holds_the_roster_owned_by_the_district(
    district: Database, enrol: EnrolRoom
) -> None:
    room = enrol("和平桥社区")
    installation = room.installation()
    district_node = district.installation().node_id  # type: ignore[union-attr]
    assert installation is not None and installation.room_id is not None
    assert count(room, Member, owner_node=district_node) == 1
    with room.session() as session:
        own_room = session.get(Room, installation.room_id)
        assert own_room is not None and own_room.code == "R0001"
        assert own_room.owner_node == district_node and own_room.node_id == installation.node_id


def test_round_trip_room_to_district_and_back(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic_id = add_topic(room, "楼道堆物清理")
    add_participant(room, "李梅")
    result = send(room, district, tmp_path / "usb")
    assert result.tables["topic"].added == 1 and result.tables["participant"].added == 1
    assert rows(district, Topic) == rows(room, Topic)
    # First contact: the district shows the room's fingerprint for checking by phone.
    assert result.new_peer_fingerprint == own_fingerprint(room)

    # The district answers: its acknowledgement comes back, and a roster change with it.
    with district.session() as session:
        session.add(
            Member(name="陈晓红", gender="female", sector="教育界", level="district")  # type: ignore[arg-type]
        )
    # The enrolment file counts as delivered: only the new member travels, not the roster again.
    answer = export_bundle(district, to_dir=tmp_path, room="R0001")
    assert answer.counts == {"member": 1}
    back = import_bundle(room, answer.path)
    assert back.tables["member"].added == 1
    assert count(room, Member) == 2
    district_peer = _peer(room, "district")
    assert district_peer.acked_through > 0

    # Acknowledged: the next bundle carries only what changed since, compacted per row.
    rename_topic(room, topic_id, "楼道堆物清理（一）")
    rename_topic(room, topic_id, "楼道堆物清理（二）")
    exported = export_bundle(room, to_dir=tmp_path / "usb")
    assert exported.counts == {"topic": 1}
    imported = import_bundle(district, exported.path)
    assert imported.tables["topic"].updated == 1
    assert rows(district, Topic) == rows(room, Topic)
    with district.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None and topic.title == "楼道堆物清理（二）" and topic.revision == 3


def test_reimport_is_a_no_op_and_export_marks_nothing_delivered(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "停车难")
    first = export_bundle(room, to_dir=tmp_path)
    second = export_bundle(room, to_dir=tmp_path)
    # Nothing was acknowledged between the two: both carry the topic.
    assert first.counts == second.counts == {"topic": 1}
    assert second.sequence == first.sequence + 1
    import_bundle(district, first.path)
    again = import_bundle(district, first.path)
    assert again.already_imported
    assert count(district, SyncBundle, direction="in") == 1
    later = import_bundle(district, second.path)
    assert later.tables["topic"].unchanged == 1


def test_out_of_order_bundles_end_in_the_same_state(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic_id = add_topic(room, "一")
    old = export_bundle(room, to_dir=tmp_path)
    rename_topic(room, topic_id, "二")
    add_participant(room, "张三")
    new = export_bundle(room, to_dir=tmp_path)
    import_bundle(district, new.path)
    stale = import_bundle(district, old.path)
    assert stale.tables["topic"].unchanged == 1
    with district.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None and topic.title == "二"
    assert count(district, Participant) == 1


def test_attachments_travel_as_blobs_named_by_their_hash(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    from desktop.workflow.attachments import attach_file, stored_path

    room = enrol("和平桥社区")
    topic_id = add_topic(room, "路面破损")
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
    with room.session() as session:
        attachment = attach_file(
            session, room.home, photo, record_table="topic", record_id=topic_id
        )
        digest = attachment.sha256
    result = send(room, district, tmp_path / "usb")
    assert result.tables["attachment"].added == 1
    assert stored_path(district.home, digest).read_bytes() == photo.read_bytes()
