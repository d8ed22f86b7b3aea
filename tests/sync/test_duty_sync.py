"""Duty scoring over real bundles: the district's rules and its own acts go down to every room
(read-only there); a room can never write either; the rooms' records, once imported, are
scored at the district exactly once however often a bundle arrives."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from desktop import clock
from desktop.db import Database
from desktop.models import Attendance, DutyAct, Meeting, Member, ScoringRule, ScoringRuleSet
from desktop.models.base import utcnow
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    DutyKind,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
)
from desktop.queries.duty import score_year
from desktop.rules.duty import DutyError
from desktop.sync import SyncError
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.workflow.duty import create_default_rules, delete_act, record_act
from tests.sync.conftest import EnrolRoom
from tests.sync.dishonest import DishonestRoom, forged_row, snapshot
from tests.sync.helpers import count, room_id, send


def _member(district: Database) -> str:
    with district.session() as session:
        member = Member(
            name="王建国", gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT
        )
        session.add(member)
        session.flush()
        return member.id


def _final_meeting(room: Database, member_id: str, held_on: date) -> None:
    with room.session() as session:
        meeting = Meeting(
            room_id=room_id(room),
            title="协商议事活动",
            held_on=held_on,
            form=MeetingForm.ONSITE,
            status=MeetingStatus.HELD,
        )
        session.add(meeting)
        session.flush()
        session.add(
            Attendance(
                meeting_id=meeting.id,
                member_id=member_id,
                role=AttendanceRole.MEMBER,
                status=AttendanceStatus.PRESENT,
                signed_in_at=time(9, 0),
            )
        )
        session.flush()
        meeting.status = MeetingStatus.MINUTES_FINAL
        meeting.finalised_at = utcnow()


def test_rules_and_district_acts_go_down_and_room_acts_count_once(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    year = clock.today().year
    member_id = _member(district)
    act_id = record_act(
        district,
        member_id=member_id,
        kind=DutyKind.PROPOSAL_ACCEPTED,
        on=date(year, 1, 1),
        title="提案立案",
        evidence="立案通知",
    )
    room = enrol("和平桥社区")  # the enrolment carries the roster, the rules and the act
    assert count(room, ScoringRuleSet) == 1 and count(room, ScoringRule) == len(DutyKind)
    assert count(room, DutyAct, id=act_id) == 1
    # Scores are the district's: a room holds its own records only.
    with pytest.raises(DutyError, match="区政协"):
        score_year(room, year)

    _final_meeting(room, member_id, date(year, 1, 1))
    (tmp_path / "usb").mkdir()
    bundle = export_bundle(room, to_dir=tmp_path / "usb")
    import_bundle(district, bundle.path)
    import_bundle(district, bundle.path)  # the same stick twice: nothing doubles
    scored = next(m for m in score_year(district, year).members if m.member_id == member_id)
    assert scored.breakdown[DutyKind.ATTENDED_CONSULTATION].count == 1
    assert scored.breakdown[DutyKind.PROPOSAL_ACCEPTED].count == 1
    assert scored.attended == 1

    # A removed act follows as a tombstone.
    send(room, district, tmp_path / "usb")
    delete_act(district, act_id)
    send(district, room, tmp_path / "usb")
    assert count(room, DutyAct, deleted=True) == 1


def test_a_room_cannot_write_rules_or_acts(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    member_id = _member(district)
    room = enrol("和平桥社区")
    with pytest.raises(DutyError, match="区政协维护"):
        create_default_rules(room, clock.today().year + 1)
    liar = DishonestRoom(room, district, tmp_path / "forged")
    forged = forged_row(
        "duty_act",
        liar.node,
        member_id=member_id,
        kind="proposal_accepted",
        occurred_on=(clock.today() - timedelta(days=1)).isoformat(),
        title="自己给自己加分",
        evidence="无",
        reference=None,
    )
    before = snapshot(district)
    with pytest.raises(SyncError, match="区政协维护"):
        import_bundle(district, liar.write({"duty_act": [forged]}))
    assert snapshot(district) == before
