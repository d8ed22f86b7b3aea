"""A room set up on its own enrols later, from 同步, and keeps every record and attendance.

Real keys and real bundles throughout; the dishonest side offers a file for another room and
another district, the same file again, and a tampered file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Attendance, Claim, Meeting, Member, SyncPeer, Topic
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Gender,
    MeetingForm,
    MemberLevel,
)
from desktop.setup import setup_room
from desktop.sync import SyncError
from desktop.sync import enrolment as enrolment_module
from desktop.sync.enrolment import Enrolment, enroll_room, read_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.late_enrolment import check_payload, enrol_standalone_room
from desktop.views.people.member_match_dialog import MemberMatchDialog
from desktop.views.sync.enrol_dialog import EnrolDialog
from desktop.views.sync.page import SyncPage
from desktop.workflow import local_members
from desktop.workflow.local_members import LocalMemberData
from tests.sync.conftest import OpenHome, make_district
from tests.sync.dishonest import snapshot
from tests.sync.helpers import add_participant, add_topic, count, room_id, send

HELD_ON = date(2026, 10, 12)
LEFT = Qt.MouseButton.LeftButton
# The offscreen platform's note about a shown window (tests/views/conftest.py ignores it there).
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _standalone(open_home: OpenHome) -> tuple[Database, dict[str, str]]:
    return _standalone_named(open_home, "early")


def _standalone_named(open_home: OpenHome, home: str) -> tuple[Database, dict[str, str]]:
    """早建社区: set up on its own, two local members, a meeting they attended, a claim."""
    room = open_home(home)
    setup_room(room, name="早建社区协商议事室", village="早建社区", township="早建街道")
    ids = {
        "zhang": local_members.save_local_member(
            room, LocalMemberData(name="张三", phone="138 0000 0002")
        ),
        "li": local_members.save_local_member(room, LocalMemberData(name="李四")),
        "topic": add_topic(room, "路灯不亮"),
        "resident": add_participant(room, "赵六"),
    }
    with room.session() as session:
        meeting = Meeting(room_id=room_id(room), held_on=HELD_ON, form=MeetingForm.ONSITE)
        session.add(meeting)
        session.flush()
        ids["meeting"] = meeting.id
        for key in ("zhang", "li"):
            session.add(
                Attendance(
                    meeting_id=meeting.id,
                    member_id=ids[key],
                    role=AttendanceRole.MEMBER,
                    status=AttendanceStatus.PRESENT,
                )
            )
        session.add(
            Attendance(
                meeting_id=meeting.id,
                participant_id=ids["resident"],
                role=AttendanceRole.RESIDENT_REP,
                status=AttendanceStatus.PRESENT,
            )
        )
        session.add(Claim(topic_id=ids["topic"], member_id=ids["zhang"], claimed_on=HELD_ON))
    return room, ids


def _enrolment(district: Database, tmp_path: Path, name: str = "早建社区") -> Enrolment:
    return enroll_room(
        district,
        room_name=f"{name}协商议事室",
        village=name,
        township="早建街道",
        output=tmp_path / f"{name}.enrol",
    )


def _enrol_through_gui(qtbot: QtBot, room: Database, enrolment: Enrolment) -> EnrolDialog:
    page = SyncPage(room)
    qtbot.addWidget(page)
    assert page.enrol_button.isVisibleTo(page)
    dialog = EnrolDialog(room, page)
    qtbot.addWidget(dialog)
    dialog.choose_enrolment_file = lambda: str(enrolment.path)  # type: ignore[method-assign]
    told: list[str] = []
    dialog.tell_enrolled = lambda enrolled: told.append(enrolled.code)  # type: ignore[method-assign]
    dialog.show()
    qtbot.mouseClick(dialog.choose_file_button, LEFT)
    qtbot.keyClicks(dialog.passphrase, enrolment.passphrase.replace("-", " "))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: dialog.enrolled is not None)
    assert told == [enrolment.code]
    page.refresh()
    assert not page.enrol_button.isVisibleTo(page)
    return dialog


def _member_ids(db: Database, model: type[Attendance] | type[Claim]) -> set[str]:
    with db.session() as session:
        return {
            r.member_id
            for r in session.scalars(select(model).where(model.deleted.is_(False)))
            if r.member_id
        }


@pytest.mark.usefixtures("real_age")
def test_a_standalone_room_enrols_from_sync_and_its_roster_merges_without_loss(
    qtbot: QtBot, open_home: OpenHome, tmp_path: Path
) -> None:
    district = make_district(open_home("district"), escrow=tmp_path / "escrow.txt")
    room, _ids = _standalone(open_home)
    enrolment = _enrolment(district, tmp_path)
    _enrol_through_gui(qtbot, room, enrolment)
    installation = room.installation()
    assert installation is not None and installation.room_id == enrolment.room_id

    # The first bundle: every record, the local members and the rows under them wait.
    result = send(room, district, tmp_path / "usb")
    assert result.new_peer_fingerprint is not None
    assert count(district, Topic) == 1 and count(district, Meeting) == 1
    assert count(district, Attendance) == 1  # the resident's; the members' wait for the roster
    assert count(district, Claim) == 0
    assert count(district, Member) == 1  # the district's roster only: no local member leaked

    # The district puts both on its roster and sends it down.
    with district.session() as session:
        zhang = Member(
            name="张三",
            gender=Gender.MALE,
            sector="农业界",
            level=MemberLevel.DISTRICT,
            phone="13800000002",
        )
        li = Member(
            name="李四",
            gender=Gender.FEMALE,
            sector="教育界",
            level=MemberLevel.DISTRICT,
            phone="13900000003",
        )
        session.add_all([zhang, li])
        session.flush()
        zhang_id, li_id = zhang.id, li.id
    send(district, room, tmp_path / "down", room=enrolment.code)
    # 张三: same name and phone, merged at once. 李四: no phone here, so the room is asked.
    pending = local_members.pending_for(room)
    assert [(p.local_name, p.district_id) for p in pending] == [("李四", li_id)]
    page = SyncPage(room)
    qtbot.addWidget(page)
    assert page.match_button.isVisibleTo(page)
    dialog = MemberMatchDialog(room)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.matches_settled):
        qtbot.mouseClick(dialog.merge_buttons[0], LEFT)
    assert local_members.pending_for(room) == []

    # The next bundle carries what waited; the district holds every attendance and claim.
    send(room, district, tmp_path / "usb2")
    assert _member_ids(district, Attendance) == {zhang_id, li_id}
    assert _member_ids(district, Claim) == {zhang_id}
    assert count(district, Attendance, deleted=False) == 3
    assert _member_ids(room, Attendance) == {zhang_id, li_id}
    # The two ends agree: a further exchange sends nothing new and refuses nothing.
    again = send(room, district, tmp_path / "usb3")
    assert again.totals().added == 0


def test_local_rows_never_leave_and_the_acknowledgement_still_matches(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    room, _ids = _standalone(open_home)
    enrolment = _enrolment(district, tmp_path)
    enrol_standalone_room(room, read_enrolment(enrolment.path, enrolment.passphrase))
    send(room, district, tmp_path / "a")
    send(district, room, tmp_path / "b", room=enrolment.code)
    send(room, district, tmp_path / "c")
    with room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        # The digest of what the district holds matched: no forced full re-send.
        assert peer.acked_through > 0


def test_the_same_file_again_is_refused(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    room, _ids = _standalone(open_home)
    enrolment = _enrolment(district, tmp_path)
    payload = read_enrolment(enrolment.path, enrolment.passphrase)
    enrol_standalone_room(room, payload)
    before = room.home.database.read_bytes()
    with pytest.raises(SyncError, match="已经用过"):
        enrol_standalone_room(room, payload)
    other = _enrolment(district, tmp_path, "别处社区")
    with pytest.raises(SyncError, match="已经登记过"):
        check_payload(room, read_enrolment(other.path, other.passphrase))
    assert room.home.database.read_bytes() == before


def test_a_file_replayed_on_a_second_pc_is_refused_by_the_district(
    district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    first, _ids = _standalone(open_home)
    enrolment = _enrolment(district, tmp_path)
    payload = read_enrolment(enrolment.path, enrolment.passphrase)
    enrol_standalone_room(first, payload)
    send(first, district, tmp_path / "first")
    # A second PC takes the same file (copied stick, passphrase overheard): its own keys.
    second = open_home("second")
    setup_room(second, name="冒名议事室", village="冒名村", township="早建街道")
    enrol_standalone_room(second, payload)
    add_topic(second, "冒名的议题")
    bundle = export_bundle(second, to_dir=tmp_path / "second")
    before = snapshot(district)
    with pytest.raises(SyncError, match="签名密钥与登记的不一致"):
        import_bundle(district, bundle.path)
    assert snapshot(district) == before


def test_a_file_of_another_district_or_room_and_a_tampered_file(
    district: Database, open_home: OpenHome, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room, _ids = _standalone(open_home)
    # A room enrolled with one district refuses another district's file, naming its own.
    other = make_district(open_home("other"), escrow=tmp_path / "other-escrow.txt")
    with other.session() as session:
        session.add(
            Member(name="外区委员", gender=Gender.MALE, sector="经济界", level=MemberLevel.CITY)
        )
    (tmp_path / "other-files").mkdir()
    foreign = _enrolment(other, tmp_path / "other-files")
    mine = _enrolment(district, tmp_path)
    enrol_standalone_room(room, read_enrolment(mine.path, mine.passphrase))
    with pytest.raises(SyncError, match="另一个区政协"):
        check_payload(room, read_enrolment(foreign.path, foreign.passphrase))
    # A file the district wrote for another room: before enrolling, the preview names the
    # room it is for, and the dialog asks before taking the district's name.
    fresh, _ = _standalone_named(open_home, "fresh")
    named = enroll_room(
        district,
        room_name="晚到村协商议事室",
        village="晚到村",
        township="早建街道",
        output=tmp_path / "late.enrol",
    )
    preview = check_payload(fresh, read_enrolment(named.path, named.passphrase))
    assert preview.renames and preview.room_name == "晚到村协商议事室"
    # Tampered: re-encrypted with the passphrase, the signature still catches it.
    cipher = enrolment_module.age_passphrase
    plain = cipher.decrypt(mine.path.read_bytes(), mine.passphrase)
    mine.path.write_bytes(
        cipher.encrypt(plain.replace("早建社区".encode(), "篡改社区".encode()), mine.passphrase)
    )
    before = room.home.database.read_bytes()
    with pytest.raises(SyncError, match="签名无效"):
        read_enrolment(mine.path, mine.passphrase)
    assert room.home.database.read_bytes() == before


def test_a_wrong_passphrase_is_said_in_the_dialog_and_nothing_changes(
    qtbot: QtBot, district: Database, open_home: OpenHome, tmp_path: Path
) -> None:
    room, _ids = _standalone(open_home)
    enrolment = _enrolment(district, tmp_path)
    dialog = EnrolDialog(room)
    qtbot.addWidget(dialog)
    dialog.enrolment_file.setText(str(enrolment.path))
    qtbot.keyClicks(dialog.passphrase, "0000-0000-0000-0000-0000-0000")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: "口令错误" in dialog.message.text())
    assert dialog.enrolled is None
    with room.session() as session:
        assert session.scalars(select(SyncPeer)).first() is None


def test_the_command_line_enrols_a_standalone_room_and_refuses_the_file_again(
    district: Database, open_home: OpenHome, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    room, _ids = _standalone(open_home)
    enrolment = _enrolment(district, tmp_path)
    root = str(room.home.root)
    room.close()
    command = ["--home", root, "setup", "room", "--enrollment", str(enrolment.path)]
    assert main([*command, "--passphrase", enrolment.passphrase]) == 0
    assert "已登记原有议事室" in capsys.readouterr().out
    assert main([*command, "--passphrase", enrolment.passphrase]) != 0
    assert "已经用过" in capsys.readouterr().err
