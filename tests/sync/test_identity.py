"""Keys, fingerprints, enrolment (fresh and of a room set up on its own), sequence numbers."""

from __future__ import annotations

import json
import re
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.backups import backup_now
from desktop.db import Database, open_database
from desktop.models import Installation, Member, Room, SyncPeer, Topic, Township
from desktop.setup import setup_room
from desktop.sync import SyncError
from desktop.sync import enrolment as enrolment_module
from desktop.sync.enrolment import (
    enroll_room,
    new_passphrase,
    normalise_passphrase,
    setup_room_from_enrolment,
)
from desktop.sync.export import export_bundle
from desktop.sync.identity import own_fingerprint
from desktop.sync.importer import import_bundle
from desktop.sync.keys import AGE_FILE, SIGNING_FILE
from tests.sync.conftest import EnrolRoom, OpenHome
from tests.sync.dishonest import snapshot
from tests.sync.helpers import add_participant, add_topic, count, rows, send


def test_district_keys_are_private_and_fingerprints_readable(
    district: Database, tmp_path: Path
) -> None:
    for name in (SIGNING_FILE, AGE_FILE):
        mode = stat.S_IMODE((district.home.keys / name).stat().st_mode)
        assert mode == 0o600
    assert stat.S_IMODE((tmp_path / "escrow.txt").stat().st_mode) == 0o600
    assert (tmp_path / "escrow.txt").read_text().startswith("AGE-SECRET-KEY-1")
    fingerprint = own_fingerprint(district)
    assert fingerprint is not None and re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", fingerprint)


def test_escrow_key_opens_every_bundle(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    import pyrage

    room = enrol("和平桥社区")
    add_topic(room, "垃圾分类")
    exported = export_bundle(room, to_dir=tmp_path)
    escrow = pyrage.x25519.Identity.from_str((tmp_path / "escrow.txt").read_text().strip())
    assert pyrage.decrypt(exported.path.read_bytes(), [escrow]).startswith(b"PK")
    # Nothing readable outside the encryption: not the room's name, not a topic title.
    raw = exported.path.read_bytes()
    assert "和平桥".encode() not in raw and "垃圾分类".encode() not in raw
    # The room and the day in the name, no bundle id (the name is on the stick anyway).
    day = f"{clock.today():%Y-%m-%d}"
    assert re.fullmatch(
        rf"和平桥社区协商议事室_{day}_R0001_D[0-9A-F]{{4}}_000001\.yishi", exported.path.name
    )
    assert not list(tmp_path.glob("*.part"))


def test_unenrolled_room_is_told_to_enrol_first(room_db: Database, tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="请先完成登记"):
        export_bundle(room_db, to_dir=tmp_path)


def test_district_cannot_send_to_a_room_before_its_first_bundle(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    enrol("和平桥社区")
    with pytest.raises(SyncError, match="第一个数据包"):
        export_bundle(district, to_dir=tmp_path, room="R0001")


def test_a_room_set_up_on_its_own_keeps_its_records_when_enrolled(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    room = open_home("early")
    setup_room(room, name="早建社区协商议事室", village="早建社区", township="早建街道")
    topic_id = add_topic(room, "早就记下的议题")
    add_participant(room, "赵六")
    path = tmp_path / "early.enrol"
    enrolment = enroll_room(
        district,
        room_name="早建社区协商议事室",
        village="早建社区",
        township="早建街道",
        output=path,
    )
    enrolled = setup_room_from_enrolment(room, path, enrolment.passphrase)
    assert enrolled.adopted
    installation = room.installation()
    assert installation is not None and installation.room_id == enrolment.room_id
    with room.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None and topic.room_id == enrolment.room_id
        assert topic.owner_node == installation.node_id
        # The provisional room and township are gone; the district's are in their place.
        assert session.scalar(select(Room).where(Room.owner_node == installation.node_id)) is None
        assert [t.name for t in session.scalars(select(Township))] == ["早建街道"]
    assert count(room, Member) == 1
    result = send(room, district, tmp_path / "usb")
    assert result.tables["topic"].added == 1 and result.tables["participant"].added == 1
    assert rows(district, Topic) == rows(room, Topic)
    with pytest.raises(SyncError, match="已经登记过"):
        setup_room_from_enrolment(room, path, enrolment.passphrase)


def test_enrolment_file_is_signed(district: Database, open_home: OpenHome, tmp_path: Path) -> None:
    # Whoever knows the passphrase can re-encrypt a changed file: the signature still catches it.
    path = tmp_path / "r.enrol"
    enrolment = enroll_room(
        district, room_name="甲协商议事室", village="甲村", township="乙镇", output=path
    )
    cipher = enrolment_module.age_passphrase
    plain = cipher.decrypt(path.read_bytes(), enrolment.passphrase)
    changed = plain.replace("甲村".encode(), "丙村".encode())
    path.write_bytes(cipher.encrypt(changed, enrolment.passphrase))
    with pytest.raises(SyncError, match="签名无效"):
        setup_room_from_enrolment(open_home("r"), path, enrolment.passphrase)


def test_passphrase_is_six_groups_of_four_digits_and_typing_is_forgiving() -> None:
    passphrase = new_passphrase()
    assert re.fullmatch(r"\d{4}(-\d{4}){5}", passphrase)
    assert new_passphrase() != passphrase
    assert normalise_passphrase(" 4821 0937-5512 0066 7310 2295 ") == (
        "4821-0937-5512-0066-7310-2295"
    )
    assert normalise_passphrase("482109375512006673102295") == "4821-0937-5512-0066-7310-2295"


@pytest.mark.usefixtures("real_age")
def test_enrolment_file_leaks_no_name_phone_or_room_and_opens_only_with_its_passphrase(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    path = tmp_path / "r.enrol"
    enrolment = enroll_room(
        district, room_name="甲协商议事室", village="甲村", township="乙镇", output=path
    )
    data = path.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert enrolment.passphrase.encode() not in data
    for secret in ("王建国", "13800000001", "甲协商议事室", "甲村", "乙镇", "崇川区政协"):
        for encoded in (secret.encode(), json.dumps(secret).encode()):
            assert encoded not in data, secret
    with district.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.code == enrolment.code)).one()
        assert peer.enrolment_secret is not None
        assert peer.enrolment_secret.encode() not in data
    # Nothing about the passphrase is kept at the district either.
    if district.engine.dialect.name == "sqlite":
        assert enrolment.passphrase.encode() not in district.home.database.read_bytes()
    assert not any(enrolment.passphrase in line for line in snapshot(district).dump)

    room = open_home("r")
    before = room.home.database.read_bytes()
    wrong = "0000-0000-0000-0000-0000-0000"
    with pytest.raises(SyncError, match="口令错误或文件已损坏"):
        setup_room_from_enrolment(room, path, wrong)
    path.write_bytes(data[:-40])
    with pytest.raises(SyncError, match="口令错误或文件已损坏"):
        setup_room_from_enrolment(room, path, enrolment.passphrase)
    assert room.home.database.read_bytes() == before
    keys = room.home.keys
    assert room.installation() is None and not (keys.exists() and any(keys.iterdir()))

    path.write_bytes(data)
    typed = enrolment.passphrase.replace("-", " ")
    enrolled = setup_room_from_enrolment(room, path, typed)
    assert enrolled.code == enrolment.code and count(room, Member) == 1


@pytest.mark.usefixtures("real_age")
def test_an_enrolment_file_asking_for_hours_of_scrypt_is_refused_at_once(
    open_home: OpenHome, tmp_path: Path
) -> None:
    from pyrage import passphrase

    data = passphrase.encrypt(b"{}", "1111-2222-3333-4444-5555-6666")
    head, stanza = data.split(b"\n-> scrypt ", 1)
    salt, rest = stanza.split(b" ", 1)
    path = tmp_path / "slow.enrol"
    path.write_bytes(head + b"\n-> scrypt " + salt + b" 40" + rest[rest.index(b"\n") :])
    with pytest.raises(SyncError, match="口令错误或文件已损坏"):
        setup_room_from_enrolment(open_home("r"), path, "1111-2222-3333-4444-5555-6666")


def test_export_after_a_restore_never_reuses_a_sequence_number(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "一")
    first = export_bundle(room, to_dir=tmp_path)
    backup = backup_now(room)
    add_topic(room, "二")
    second = export_bundle(room, to_dir=tmp_path)
    import_bundle(district, second.path)
    home = room.home
    room.close()
    for suffix in ("-wal", "-shm"):
        Path(str(home.database) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, home.database)
    restored = open_database(home)
    try:
        third = export_bundle(restored, to_dir=tmp_path)
        assert third.sequence > second.sequence > first.sequence
        # The district acknowledges what the room sent before the restore: the marks kept
        # beside the keys know it was sent, so the restored room accepts the bundle (issue 12).
        send(district, restored, tmp_path / "back", room="R0001")
        # Even with the sequence file lost too, the bundles the restored database did send
        # and the district's acknowledgement keep the numbers going up.
        (home.keys / "sequences.json").unlink()
        fourth = export_bundle(restored, to_dir=tmp_path)
        assert fourth.sequence > second.sequence
        # And the district still ends with every row the room holds.
        import_bundle(district, fourth.path)
        with district.session() as session:
            titles = set(session.scalars(select(Topic.title)))
        assert {"一", "二"} <= titles
    finally:
        restored.close()


def test_an_ack_that_does_not_match_makes_the_room_send_everything_again(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "一")
    send(room, district, tmp_path)
    send(district, room, tmp_path, room="R0001")
    with room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        assert peer.acked_through > 0
    # The district loses the room's rows (say, restored from an old backup) …
    with district.session(importing=True) as session:
        for topic in session.scalars(select(Topic)):
            session.delete(topic)
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "room")).one()
        assert isinstance(peer, SyncPeer)
    send(district, room, tmp_path, room="R0001")
    with room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        assert peer.acked_through == 0
    add_topic(room, "二")
    result = send(room, district, tmp_path)
    assert result.tables["topic"].added == 2
    installation = room.installation()
    assert isinstance(installation, Installation)


def test_a_room_holding_someone_elses_roster_is_not_enrolled(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    from desktop.models.enums import Gender, MemberLevel
    from desktop.models.stamping import StampContext

    room = open_home("demo")
    setup_room(room, name="示例社区协商议事室", village="示例社区", township="示例街道")
    demo_node = "00000000-0000-4000-8000-0000000000dd"
    with room.session_as(StampContext(node_id=demo_node, user="demo", importing=True)) as s:
        s.add(
            Member(
                name="示例委员",
                gender=Gender.MALE,
                sector="经济界",
                level=MemberLevel.DISTRICT,
                owner_node=demo_node,
            )
        )
    path = tmp_path / "demo.enrol"
    enrolment = enroll_room(
        district,
        room_name="示例社区协商议事室",
        village="示例社区",
        township="示例街道",
        output=path,
    )
    before = room.home.database.read_bytes()
    with pytest.raises(SyncError, match="示例名册"):
        setup_room_from_enrolment(room, path, enrolment.passphrase)
    assert room.home.database.read_bytes() == before
