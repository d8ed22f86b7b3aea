"""Reads behind the activities page: filters, members in one cell, choices, records."""

from __future__ import annotations

from datetime import date

from desktop.db import Database
from desktop.listing import count_rows, fetch_rows
from desktop.models.enums import CaseKind, CaseStatus
from desktop.models.stamping import StampContext
from desktop.queries import activities as q
from desktop.workflow.activities import ActivityData, SuggestionData, save_activity
from desktop.workflow.cases import CaseData, save_case
from desktop.workflow.records import save_record
from tests.activity_builders import TODAY, build_roster


def test_activity_list_filters_and_reads_back(room_db: Database) -> None:
    roster = build_roster(room_db)
    with room_db.session() as s:
        for kind, held_on, title, names in (
            ("reading", date(2025, 4, 23), "世界读书日共读", ("陈建华",)),
            ("reception", date(2026, 3, 5), "委员接待日", ("王秀英", "陈建华")),
        ):
            save_activity(
                s,
                ActivityData(
                    kind_id=roster.kinds[kind],
                    held_on=held_on,
                    title=title,
                    member_ids=tuple(roster.members[n] for n in names),
                ),
                room_id=roster.room_id,
                today=TODAY,
            )
    rows = fetch_rows(room_db, q.activity_list(q.ActivityFilter()))
    assert [r.title for r in rows] == ["委员接待日", "世界读书日共读"]
    assert sorted(rows[0].members.split("、")) == sorted(["王秀英", "陈建华"])
    assert rows[0].kind_name == "委员接待日"
    assert count_rows(room_db, q.activity_list(q.ActivityFilter(year=2025))) == 1
    assert count_rows(room_db, q.activity_list(q.ActivityFilter(kind_id=roster.kinds["reading"])))
    assert count_rows(room_db, q.activity_list(q.ActivityFilter(search="王秀英"))) == 1
    assert q.activity_years(room_db) == [2026, 2025]
    with room_db.session() as s:
        choices = q.member_choices(s, room_id=roster.room_id, today=TODAY)
        assert [(c.name, c.assigned) for c in choices] == [
            ("王秀英", True),
            ("陈建华", True),
            ("李志强", False),
        ]
        assert {c.name for c in q.kind_choices(s)} == {"书香政协读书活动", "委员接待日", "视察调研"}


def test_case_list_filters_by_status_and_kind(room_db: Database) -> None:
    roster = build_roster(room_db)
    with room_db.session() as s:
        save_case(
            s,
            CaseData(
                kind=CaseKind.PETITION,
                subject="小区停车位分配",
                opened_on=date(2026, 6, 1),
                member_ids=(roster.members["李志强"],),
                status=CaseStatus.RESOLVED,
                closed_on=date(2026, 7, 1),
                result="调解成功，重新划线",
            ),
            room_id=roster.room_id,
            today=TODAY,
        )
        save_case(
            s,
            CaseData(
                kind=CaseKind.MEDIATION,
                subject="宅基地边界",
                opened_on=date(2026, 11, 1),
                member_ids=(roster.members["陈建华"],),
            ),
            room_id=roster.room_id,
            today=TODAY,
        )
    rows = fetch_rows(room_db, q.case_list(q.CaseFilter()))
    assert [r.subject for r in rows] == ["宅基地边界", "小区停车位分配"]
    assert rows[1].members == "李志强"
    assert count_rows(room_db, q.case_list(q.CaseFilter(status=CaseStatus.RESOLVED))) == 1
    assert count_rows(room_db, q.case_list(q.CaseFilter(kind=CaseKind.MEDIATION))) == 1
    assert count_rows(room_db, q.case_list(q.CaseFilter(search="停车"))) == 1
    assert q.case_years(room_db) == [2026]


def test_forms_read_the_record_its_members_and_only_its_suggestions(room_db: Database) -> None:
    roster = build_roster(room_db)
    activity = ActivityData(
        kind_id=roster.kinds["reading"],
        held_on=date(2026, 11, 20),
        title="共读《乡土中国》",
        member_ids=(roster.members["陈建华"], roster.members["王秀英"]),
    )
    case = CaseData(
        kind=CaseKind.MEDIATION,
        subject="楼上漏水",
        opened_on=date(2026, 11, 2),
        member_ids=(roster.members["李志强"],),
    )
    activity_id, case_id = (
        save_record(
            room_db,
            data,
            room_id=roster.room_id,
            record_id=None,
            suggestions=[SuggestionData(content=text)],
            today=TODAY,
        )
        for data, text in ((activity, "增设阅览角"), (case, "巡查管线"))
    )

    form = q.activity_form(room_db, activity_id, today=TODAY)
    assert form.record is not None and form.record.owned
    assert form.record.member_ids == (roster.members["王秀英"], roster.members["陈建华"])  # by name
    assert form.room_id == roster.room_id
    assert [s.content for s in form.suggestions] == ["增设阅览角"]
    assert {k.name for k in form.kinds} == {"书香政协读书活动", "委员接待日", "视察调研"}
    assert [m.name for m in form.members][:2] == ["王秀英", "陈建华"]  # this room's first

    form_of_case = q.case_form(room_db, case_id, today=TODAY)
    assert form_of_case.record is not None
    assert form_of_case.record.member_ids == (roster.members["李志强"],)
    assert [s.content for s in form_of_case.suggestions] == ["巡查管线"]
    assert form_of_case.kinds == ()

    new = q.case_form(room_db, None, today=TODAY)
    assert (new.record, new.room_id, new.suggestions) == (None, roster.room_id, ())
    assert len(new.members) == 3


def test_a_record_another_installation_made_is_not_owned(room_db: Database) -> None:
    roster = build_roster(room_db)
    received = StampContext(node_id="another-room", user="t", importing=False)
    with room_db.session_as(received) as s:
        save_activity(
            s,
            ActivityData(
                kind_id=roster.kinds["reading"],
                held_on=date(2026, 11, 20),
                title="别处的活动",
                member_ids=(roster.members["李志强"],),
            ),
            room_id=roster.room_id,
            today=TODAY,
        )
    rows = fetch_rows(room_db, q.activity_list(q.ActivityFilter()))
    form = q.activity_form(room_db, rows[0].id, today=TODAY)
    assert form.record is not None and not form.record.owned


def test_a_new_record_in_the_district_has_no_room(district_db: Database) -> None:
    # Without a room nobody is "this room's"; the roster still lists (and sorts) everyone.
    assert q.activity_form(district_db, None, today=TODAY).room_id is None
