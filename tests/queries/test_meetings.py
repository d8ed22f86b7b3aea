"""Reads behind the meetings page: the filtered list with 应到/实到, and the editor's lists."""

from __future__ import annotations

from datetime import date, time

from desktop.db import Database
from desktop.listing import count_rows, fetch_rows
from desktop.models import Meeting, Topic
from desktop.models.enums import Consensus, MeetingStatus
from desktop.queries import meetings as q
from desktop.workflow import agenda, attendance
from tests.meeting_builders import build_room


def test_list_filters_search_and_counts(room_db: Database) -> None:
    data = build_room(room_db)
    with room_db.session() as s:
        meeting = agenda.create_meeting(
            s, room_id=data.room_id, held_on=date(2026, 11, 20), title="加装电梯议事会"
        )
        agenda.add_topic(s, meeting, s.get_one(Topic, data["t2"]))
        attendance.prefill(s, meeting)
        attendance.add_walk_in(s, meeting, "周明", at=time(9))
        meeting_id = meeting.id
    everything = q.meetings_statement(q.MeetingFilter(room_id=data.room_id))
    assert count_rows(room_db, everything) == 5
    newest = fetch_rows(room_db, everything)[0]
    assert (newest.id, newest.expected_count, newest.present_count) == (meeting_id, 4, 1)
    assert newest.room_name == "和平桥社区协商议事室"

    def ids(**narrowing: object) -> list[str]:
        statement = q.meetings_statement(q.MeetingFilter(**narrowing))  # type: ignore[arg-type]
        return [row.id for row in fetch_rows(room_db, statement)]

    assert ids(status=MeetingStatus.PLANNED) == [meeting_id]
    assert len(ids(status=MeetingStatus.HELD)) == 4
    assert ids(year=2025) == []
    assert ids(search="电梯") == [meeting_id]
    assert ids(search="路灯") == [meeting_id]  # a topic on its agenda
    assert ids(search="100%") == []
    assert q.meeting_years(room_db) == [2026]
    choices = q.candidate_topics(room_db, meeting_id)
    assert {c.id for c in choices} == {data["t1"], data["t4"]}
    with room_db.session() as s:
        people = q.invitable_people(s, s.get_one(Meeting, meeting_id))
        names = {p.name for p in people}
        assert "刘芳" in names and "王建国" not in names and "周明" not in names
        assert next(sp.name for sp in q.speakers(s, meeting_id)) == "周明"
    rows = fetch_rows(room_db, q.attendance_statement(meeting_id))
    assert [r.expected for r in rows] == [True] * 4 + [False]
    assert [r.person_name for r in rows[:2]] == sorted(["王建国", "陈丽华"])


def test_what_the_editor_tabs_read(room_db: Database) -> None:
    data = build_room(room_db)
    with room_db.session() as s:
        meeting = agenda.create_meeting(s, room_id=data.room_id, held_on=date(2026, 11, 20))
        item = agenda.add_topic(s, meeting, s.get_one(Topic, data["t2"]))
        agenda.set_consensus(item, consensus=Consensus.AGREED, text="同意", votes_for=7)
        attendance.prefill(s, meeting)
        attendance.add_walk_in(s, meeting, "周明", at=time(9))
        meeting_id, item_id = meeting.id, item.id
    details = q.meeting_details(room_db, meeting_id)
    assert (details.held_on, details.status) == (date(2026, 11, 20), MeetingStatus.PLANNED)
    assert details.moves == {MeetingStatus.HELD, MeetingStatus.CANCELLED}
    consensus = q.item_consensus(room_db, item_id)
    assert (consensus.consensus, consensus.text, consensus.votes_for) == (
        Consensus.AGREED,
        "同意",
        7,
    )
    choices = q.record_choices(room_db, meeting_id)
    assert choices.held_on == date(2026, 11, 20)
    assert [(c.id, c.position) for c in choices.items] == [(item_id, 1)]
    assert choices.speakers[0].name == "周明"  # present first
    summary = q.sign_in_summary(room_db, meeting_id)
    assert (summary.counts.expected, summary.counts.present, summary.counts.on_leave) == (4, 1, 0)
    assert "刘芳" in {p.name for p in summary.invitable}
    assert q.meeting_attachments(room_db, meeting_id) == []
