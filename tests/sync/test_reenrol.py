"""Re-enrolment after a lost or replaced room PC, and retirement (desktop.sync.rooms).

The old PC plays the dishonest side with its real keys: once the room is re-enrolled, every
bundle it signs is refused, before and after the new PC's first bundle, and nothing is
written; the records it sent before stay, and the new PC's bundles are accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.checks import run_checks
from desktop.db import Database
from desktop.models import Room, SyncPeer, Topic
from desktop.sync import SyncError
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.rooms import reenrol_room, reinstate_room, retire_room
from tests.sync.conftest import TODAY, EnrolRoom, OpenHome
from tests.sync.dishonest import snapshot
from tests.sync.helpers import add_topic, count, room_id, send


def _stick(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def _reenrol(district: Database, open_home: OpenHome, tmp_path: Path, old: Database) -> Database:
    path = tmp_path / "new.enrol"
    result = reenrol_room(district, room_id=room_id(old), output=path)
    new = open_home("new-pc")
    setup_room_from_enrolment(new, path, result.enrolment.passphrase)
    return new


def test_old_key_refused_new_key_accepted_records_kept(
    district: Database, enrol: EnrolRoom, open_home: OpenHome, tmp_path: Path
) -> None:
    old = enrol("和平桥社区")
    kept = add_topic(old, "加装电梯")
    send(old, district, tmp_path / "stick1")
    old_node = old.installation().node_id  # type: ignore[union-attr]

    new = _reenrol(district, open_home, tmp_path, old)
    assert room_id(new) == room_id(old)
    assert new.installation().node_id != old_node  # type: ignore[union-attr]

    # The stolen PC signs a bundle with its real, now revoked, keys.
    add_topic(old, "被盗电脑写的议题")
    stolen = export_bundle(old, to_dir=_stick(tmp_path, "stick2")).path
    before = snapshot(district)
    with pytest.raises(SyncError, match="已作废的旧密钥"):
        import_bundle(district, stolen)
    assert snapshot(district) == before

    # The new PC's first bundle binds its new key; the old one stays refused after that too.
    add_topic(new, "新电脑的议题")
    result = send(new, district, tmp_path / "stick3")
    assert result.new_peer_fingerprint is not None
    add_topic(old, "又一个")
    again = export_bundle(old, to_dir=_stick(tmp_path, "stick4")).path
    before = snapshot(district)
    with pytest.raises(SyncError, match="已作废的旧密钥"):
        import_bundle(district, again)
    assert snapshot(district) == before

    assert count(district, Topic, id=kept) == 1  # the old PC's records are kept
    assert count(district, Topic, title="新电脑的议题") == 1
    assert count(district, Topic, title="被盗电脑写的议题") == 0
    with district.session() as session:
        peer = session.get(SyncPeer, old_node)
        assert peer is not None and peer.revoked_at is not None
        assert peer.enrolment_secret is None
    assert run_checks(district, today=TODAY) == []

    # The district's bundles go to the new PC only.
    sent = send(district, new, tmp_path / "stick5")
    assert not sent.already_imported
    with pytest.raises(SyncError):
        export_bundle(district, to_dir=_stick(tmp_path, "stick6"), room=old_node)


def test_the_old_enrolment_file_cannot_bind_a_key_after_reenrolment(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    """A room enrolled but never heard from: the first file's secret dies with the old node."""
    first = tmp_path / "first.enrol"
    written = enroll_room(
        district,
        room_name="城东社区协商议事室",
        village="城东社区",
        township="城东街道",
        output=first,
    )
    reenrol_room(district, room_id=written.room_id, output=tmp_path / "second.enrol")
    thief = open_home("thief")
    setup_room_from_enrolment(thief, first, written.passphrase)
    add_topic(thief, "用旧登记文件写的")
    bundle = export_bundle(thief, to_dir=_stick(tmp_path, "stick")).path
    before = snapshot(district)
    with pytest.raises(SyncError, match="已作废的旧密钥"):
        import_bundle(district, bundle)
    assert snapshot(district) == before


def test_retired_room_cannot_be_enrolled_until_reinstated(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "加装电梯")
    send(room, district, tmp_path / "stick")
    rid = room_id(room)
    retire_room(district, room_id=rid, today=TODAY)
    with district.session() as session:
        record = session.get(Room, rid)
        assert record is not None and record.retired_on == TODAY
    with pytest.raises(SyncError, match="已停用"):
        reenrol_room(district, room_id=rid, output=tmp_path / "again.enrol")
    with pytest.raises(SyncError, match="已停用"):
        enroll_room(
            district,
            room_name="和平桥社区协商议事室",
            village="和平桥社区",
            township="和平桥街道",
            output=tmp_path / "again.enrol",
        )
    assert count(district, Topic) == 1  # its records stay
    reinstate_room(district, room_id=rid)
    reenrol_room(district, room_id=rid, output=tmp_path / "again.enrol")
    with district.session() as session:
        peers = session.scalars(select(SyncPeer).where(SyncPeer.room_id == rid)).all()
        assert sorted(p.revoked_at is None for p in peers) == [False, True]


def test_an_enrolled_room_is_not_enrolled_twice(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    enrol("和平桥社区")
    with pytest.raises(SyncError, match="重新登记"):
        enroll_room(
            district,
            room_name="和平桥社区协商议事室",
            village="和平桥社区",
            township="和平桥街道",
            output=tmp_path / "twice.enrol",
        )
