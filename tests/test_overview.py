"""The dashboard's figures, counted by hand on a small room dataset with a tombstone."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

from sqlalchemy import select

from desktop.db import Database
from desktop.models import AgendaItem, Meeting, Member, Outcome, Room, Topic
from desktop.models.enums import (
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    OutcomeStatus,
    TopicSource,
    TopicStatus,
)
from desktop.overview import Overview, read_overview


def test_empty_installation_counts_its_own_room(room_db: Database) -> None:
    with room_db.session() as session:
        assert read_overview(session) == Overview(
            members=0, rooms=1, topics=0, meetings_held=0, meetings_planned=0, outcomes_open=0
        )


def test_counts_live_records_by_status(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    with room_db.session() as s:
        for name, active in (("张建华", True), ("李秀英", True), ("王志强", False)):
            s.add(
                Member(
                    name=name,
                    gender=Gender.FEMALE,
                    sector="社会福利和社会保障界",
                    level=MemberLevel.DISTRICT,
                    active=active,
                )
            )
        topics = [
            Topic(
                room_id=room_id,
                title=title,
                source=TopicSource.RESIDENTS,
                raised_on=date(2024, 5, 1),
                status=TopicStatus.DISCUSSED,
            )
            for title in ("加装电梯", "停车难", "水环境整治", "农民建房审批")
        ]
        s.add_all(topics)
        meetings = {
            status: Meeting(
                room_id=room_id,
                held_on=date(2024, 6, 1),
                form=MeetingForm.BENCH,
                status=status,
                finalised_at=datetime(2024, 6, 2, tzinfo=UTC)
                if status is MeetingStatus.MINUTES_FINAL
                else None,
            )
            for status in MeetingStatus
        }
        s.add_all(meetings.values())
        s.flush()
        item = AgendaItem(
            meeting_id=meetings[MeetingStatus.HELD].id, topic_id=topics[0].id, position=1
        )
        s.add(item)
        s.flush()
        for status in OutcomeStatus:
            s.add(
                Outcome(
                    room_id=room_id,
                    agenda_item_id=item.id,
                    content="加装电梯方案",
                    status=status,
                    not_possible_reason="资金暂无来源"
                    if status is OutcomeStatus.NOT_POSSIBLE
                    else None,
                    completed_on=date(2024, 7, 1) if status is OutcomeStatus.COMPLETED else None,
                )
            )
        extra = Room(
            township_id=s.get(Room, room_id).township_id,
            name="另一议事室",
            village="另一村",
            kind=s.get(Room, room_id).kind,
        )
        s.add(extra)
    with room_db.session() as s:
        # Tombstones are not counted: one topic, one pending outcome and the extra room.
        s.get(Topic, topics[3].id).deleted = True
        pending = s.scalars(select(Outcome).where(Outcome.status == OutcomeStatus.PENDING)).one()
        pending.deleted = True
        s.get(Room, extra.id).deleted = True
    with room_db.session() as s:
        assert read_overview(s) == Overview(
            members=2,  # the inactive member is off the roster
            rooms=1,
            topics=3,
            meetings_held=3,  # held, minutes drafted, minutes final
            meetings_planned=1,
            outcomes_open=1,  # in progress; the pending one is deleted
        )


def test_overview_never_imports_qt() -> None:
    code = (
        "import sys, desktop.overview; "
        "sys.exit(any(name.startswith('PySide6') for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
