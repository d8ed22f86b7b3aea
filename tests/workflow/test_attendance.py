"""Sign-in: pre-filled expected people, bulk sign-in, leave, walk-ins and the 应到/实到 counts."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import Attendance, Meeting, Participant
from desktop.models.enums import AttendanceRole, AttendanceStatus, ParticipantKind
from desktop.queries.meetings import attendance_counts
from desktop.workflow import RuleError, agenda, attendance
from tests.meeting_builders import RoomData, build_room


@pytest.fixture
def data(room_db: Database) -> RoomData:
    return build_room(room_db)


def _meeting(db: Database, data: RoomData, on: date = date(2026, 11, 20)) -> str:
    with db.session() as s:
        return agenda.create_meeting(s, room_id=data.room_id, held_on=on).id


def test_expected_people_are_assigned_members_and_usual_participants(
    room_db: Database, data: RoomData
) -> None:
    meeting_id = _meeting(room_db, data)
    with room_db.session() as s:
        expected = attendance.expected_people(s, s.get_one(Meeting, meeting_id))
    assert set(expected.member_ids) == {data["m1"], data["m2"]}
    assert set(expected.participant_ids) == {data["p1"], data["p2"]}


def test_assignment_dates_count_on_the_meeting_date(room_db: Database, data: RoomData) -> None:
    meeting_id = _meeting(room_db, data, on=date(2025, 3, 1))
    with room_db.session() as s:
        expected = attendance.expected_people(s, s.get_one(Meeting, meeting_id))
    assert set(expected.member_ids) == {data["m1"], data["m2"], data["m3"]}
    assert expected.participant_ids == []


def test_prefill_sign_in_leave_walk_in_and_counts(room_db: Database, data: RoomData) -> None:
    meeting_id = _meeting(room_db, data)
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        assert attendance.prefill(s, meeting) == 4
        assert attendance.prefill(s, meeting) == 0
    with room_db.session() as s:
        rows = {
            a.member_id or a.participant_id: a
            for a in s.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
        }
        assert {a.status for a in rows.values()} == {AttendanceStatus.ABSENT}
        assert rows[data["p2"]].role is AttendanceRole.CADRE
        attendance.sign_in(s, [rows[data["m1"]].id, rows[data["p1"]].id], at=time(8, 58, 3))
        attendance.mark_leave(s, [rows[data["m2"]].id], reason="外出开会")
        # The reason is optional; the sheet then says it was not given.
        attendance.mark_leave(s, [rows[data["p2"]].id], reason=" ")
        assert rows[data["p2"]].leave_reason == attendance.NO_LEAVE_REASON
        attendance.mark_absent(s, [rows[data["p2"]].id])
    with room_db.session() as s:
        walk_in = attendance.add_walk_in(
            s, s.get_one(Meeting, meeting_id), "周明 区城管局/科长", at=time(9, 5)
        )
        assert walk_in.expected is False
    with room_db.session() as s:
        counts = attendance_counts(s, meeting_id)
        assert (counts.expected, counts.present, counts.on_leave) == (4, 3, 1)
        person = s.scalar(select(Participant).where(Participant.name == "周明"))
        assert person is not None
        assert (person.unit, person.position, person.kind) == (
            "区城管局",
            "科长",
            ParticipantKind.OTHER,
        )
        signed = s.scalar(select(Attendance).where(Attendance.member_id == data["m1"]))
        assert signed is not None and signed.signed_in_at == time(8, 58, 3)
        with pytest.raises(RuleError, match="已签到"):
            attendance.add_walk_in(s, s.get_one(Meeting, meeting_id), "周明 区城管局", at=time(9))


def test_walk_in_line_parsing() -> None:
    assert attendance.split_walk_in("  李明  ") == ("李明", None, None)
    assert attendance.split_walk_in("李明 城管局") == ("李明", "城管局", None)
    assert attendance.split_walk_in("李明 城管局／科员") == ("李明", "城管局", "科员")
    with pytest.raises(RuleError, match="姓名"):
        attendance.split_walk_in("   ")


def test_removed_person_can_be_invited_again(room_db: Database, data: RoomData) -> None:
    meeting_id = _meeting(room_db, data)
    with room_db.session() as s:
        meeting = s.get_one(Meeting, meeting_id)
        row = attendance.add_expected(s, meeting, member_id=data["m4"])
        assert row is not None
        attendance.remove(s, [row.id])
    with room_db.session() as s:
        assert attendance_counts(s, meeting_id).expected == 0
        again = attendance.add_expected(s, s.get_one(Meeting, meeting_id), member_id=data["m4"])
        assert again is not None and again.id == row.id
    with room_db.session() as s:
        assert attendance_counts(s, meeting_id).expected == 1


def test_nobody_signs_in_before_the_meetings_day(room_db: Database, data: RoomData) -> None:
    tomorrow = _meeting(room_db, data, on=clock.today() + timedelta(days=1))
    with pytest.raises(RuleError, match="当天才能签到"):
        attendance.sign_in_walk_in(room_db, tomorrow, line="李明 城管局/科员")
    attendance.fill_in_expected(room_db, tomorrow)
    with room_db.session() as s:
        ids = list(s.scalars(select(Attendance.id).where(Attendance.meeting_id == tomorrow)))
    with pytest.raises(RuleError, match="当天才能签到"):
        attendance.sign_in_now(room_db, tomorrow, attendance_ids=ids)
    today = _meeting(room_db, data, on=clock.today())
    attendance.sign_in_walk_in(room_db, today, line="李明 城管局/科员")
    with room_db.session() as s:
        statuses = s.scalars(select(Attendance.status).where(Attendance.meeting_id == tomorrow))
        assert set(statuses) == {AttendanceStatus.ABSENT}
