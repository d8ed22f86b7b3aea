"""A room restored from an older backup and edited again (issue 12): its edits reach the
district (applied or quarantined, never dropped), its numbers stay above anything it sent
before, and the district's acknowledgements of what it really sent are accepted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.backups import backup_now
from desktop.db import Database, open_database
from desktop.models import Installation, Member, SyncPeer, Topic
from desktop.sent_marks import highest_sent, sent_through
from desktop.sync import SyncError
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.quarantine import Resolution, list_quarantined, resolve
from tests.sync.conftest import EnrolRoom
from tests.sync.dishonest import snapshot
from tests.sync.helpers import add_topic, rename_topic, send

# Restoring from a backup is SQLite's: a server's backups are its administrator's.
pytestmark = pytest.mark.sqlite_only


def _restore(room: Database, backup: Path) -> Database:
    """The clerk copies a backup over the database while the program is closed."""
    home = room.home
    room.close()
    for suffix in ("-wal", "-shm"):
        Path(str(home.database) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, home.database)
    return open_database(home)


def _topic(db: Database, topic_id: str) -> tuple[str, int]:
    with db.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None
        return topic.title, topic.revision


def _counter(db: Database) -> int:
    installation = db.installation()
    assert isinstance(installation, Installation)
    return installation.change_counter


def test_edits_after_a_restore_reach_the_district_and_nothing_stalls(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    edited = add_topic(room, "一")
    untouched = add_topic(room, "甲")
    send(room, district, tmp_path / "a")
    send(district, room, tmp_path / "b", room="R0001")
    backup = backup_now(room)
    # After the backup the room edits twice and sends: the district holds revision 3.
    rename_topic(room, edited, "二")
    rename_topic(room, edited, "二又改")
    rename_topic(room, untouched, "乙")
    send(room, district, tmp_path / "c")
    assert _topic(district, edited) == ("二又改", 3)
    node = room.installation()
    assert node is not None
    district_node = district.installation()
    assert district_node is not None
    high_water = sent_through(room.home, district_node.node_id)

    restored = _restore(room, backup)
    try:
        # Opening the restored database lifts its counter and revision floor at once.
        assert _counter(restored) == high_water == highest_sent(restored.home)
        # The district's next bundle acknowledges changes sent before the restore: accepted.
        send(district, restored, tmp_path / "d", room="R0001")
        # Edited again from the backup (revision 1 there): numbered above anything sent, so
        # never a revision the district has seen.
        rename_topic(restored, edited, "三")
        title, revision = _topic(restored, edited)
        assert title == "三" and revision == high_water + 1 > 3
        result = send(restored, district, tmp_path / "e")
        add_topic(restored, "丙")
        assert _counter(restored) > high_water
        # The owner's latest edit applies; the row the room merely lost (its older revision,
        # edited earlier) is left as the district holds it.
        assert result.tables["topic"].updated == 1
        assert result.tables["topic"].quarantined == 0
        assert _topic(district, edited) == ("三", high_water + 1)
        assert _topic(district, untouched) == ("乙", 2)
        assert list_quarantined(district) == []
        # From there on the room's edits apply as usual, both ways without a stall.
        rename_topic(restored, edited, "四")
        result = send(restored, district, tmp_path / "f")
        assert result.tables["topic"].quarantined == 0
        assert _topic(district, edited) == ("四", high_water + 2)
        send(district, restored, tmp_path / "g", room="R0001")
        with restored.session() as session:
            peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
            # Believed as far as the sequence goes; the district still holds the edit the
            # room lost ("乙", revision 2), so the digests differ and the room sends in full.
            assert peer.acked_sequence == peer.sequence_out
            assert peer.acked_through == 0
        with district.session() as session:
            titles = set(session.scalars(select(Topic.title)))
        assert {"四", "乙", "丙"} <= titles
    finally:
        restored.close()


def _forget_what_was_sent(room: Database) -> None:
    """An installation restored before this version kept no record of what it sent."""
    (room.home.keys / "sent_changes.json").unlink()
    (room.home.keys / "sequences.json").unlink(missing_ok=True)


def test_an_edit_after_a_restore_with_no_record_of_sending_is_quarantined(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic = add_topic(room, "一")
    send(room, district, tmp_path / "a")
    backup = backup_now(room)
    rename_topic(room, topic, "二")
    send(room, district, tmp_path / "b")
    _forget_what_was_sent(room)
    restored = _restore(room, backup)
    try:
        rename_topic(restored, topic, "三")
        # The same revision with other content: set aside for the clerk, never dropped.
        result = send(restored, district, tmp_path / "c")
        assert result.tables["topic"].quarantined == 1
        [entry] = list_quarantined(district)
        assert (entry.revision, entry.local_revision) == (2, 2)
        assert entry.can_take_incoming
        resolve(district, entry.id, Resolution.TAKE_INCOMING)
        assert _topic(district, topic) == ("三", 2)
    finally:
        restored.close()


def test_an_ack_above_anything_ever_sent_is_still_refused_after_a_restore(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "一")
    send(room, district, tmp_path / "a")
    backup = backup_now(room)
    add_topic(room, "二")
    send(room, district, tmp_path / "b")
    restored = _restore(room, backup)
    try:
        district_node = district.installation()
        assert district_node is not None
        high_water = sent_through(restored.home, district_node.node_id)
        # A district that acknowledges one change more than the room ever sent.
        with district.session() as session:
            peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "room")).one()
            peer.received_through = high_water + 1
        before = snapshot(restored)
        path = export_bundle(district, to_dir=tmp_path, room="R0001").path
        with pytest.raises(SyncError, match="从未发给对方"):
            import_bundle(restored, path)
        assert snapshot(restored) == before
    finally:
        restored.close()


def test_an_older_bundle_arriving_late_is_skipped_not_quarantined(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic = add_topic(room, "一")
    send(room, district, tmp_path / "a")
    rename_topic(room, topic, "二")
    older = export_bundle(room, to_dir=tmp_path).path
    rename_topic(room, topic, "三")
    newer = export_bundle(room, to_dir=tmp_path).path
    import_bundle(district, newer)
    result = import_bundle(district, older)
    assert result.tables["topic"].quarantined == 0
    assert _topic(district, topic) == ("三", 3)
    assert list_quarantined(district) == []


def _rephone(db: Database, phone: str) -> None:
    with db.session() as session:
        session.scalars(select(Member)).one().phone = phone


def test_a_restored_district_is_treated_the_same_by_its_rooms(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "一")
    send(room, district, tmp_path / "a")
    send(district, room, tmp_path / "b", room="R0001")
    backup = backup_now(district)
    _rephone(district, "13800000002")
    _rephone(district, "13800000003")
    send(district, room, tmp_path / "c", room="R0001")
    send(room, district, tmp_path / "d")
    restored = _restore(district, backup)
    try:
        # The room acknowledges the district's bundles from before the restore: accepted.
        send(room, restored, tmp_path / "e")
        _rephone(restored, "13900000000")
        result = send(restored, room, tmp_path / "f", room="R0001")
        # Numbered above the room's revision 3: the district's latest word applies.
        assert result.tables["member"].updated == 1
        assert list_quarantined(room) == []
        with room.session() as session:
            member = session.scalars(select(Member)).one()
            assert member.phone == "13900000000" and member.revision > 3
        send(room, restored, tmp_path / "g")
    finally:
        restored.close()


def test_the_same_version_is_set_aside_once_however_often_it_comes(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic = add_topic(room, "一")
    send(room, district, tmp_path / "a")
    backup = backup_now(room)
    rename_topic(room, topic, "二")
    rename_topic(room, topic, "二又改")
    send(room, district, tmp_path / "b")
    _forget_what_was_sent(room)
    restored = _restore(room, backup)
    try:
        rename_topic(restored, topic, "三")
        assert send(restored, district, tmp_path / "c").tables["topic"].quarantined == 1
        [entry] = list_quarantined(district)
        resolve(district, entry.id, Resolution.KEEP_LOCAL)
        # The room sends in full again (the digests differ): the settled version stays settled.
        again = send(restored, district, tmp_path / "d", full=True)
        assert again.tables["topic"].quarantined == 0
        assert list_quarantined(district) == []
        assert _topic(district, topic) == ("二又改", 3)
    finally:
        restored.close()
