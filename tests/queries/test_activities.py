"""Reads behind the activities page: filters, members in one cell, choices, records."""

from __future__ import annotations

from datetime import date

from desktop.db import Database
from desktop.listing import count_rows, fetch_rows
from desktop.models.enums import CaseKind, CaseStatus
from desktop.queries import activities as q
from desktop.workflow.activities import ActivityData, save_activity
from desktop.workflow.cases import CaseData, save_case
from tests.activity_builders import TODAY, build_roster


def test_activity_list_filters_and_reads_back(room_db: Database) -> None:
    roster = build_roster(room_db)
    installation = room_db.installation()
    assert installation is not None
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
    with room_db.session() as s:
        assert q.activity_years(s) == [2026, 2025]
        choices = q.member_choices(s, room_id=roster.room_id, today=TODAY)
        assert [(c.name, c.assigned) for c in choices] == [
            ("王秀英", True),
            ("陈建华", True),
            ("李志强", False),
        ]
        record = q.read_activity(s, rows[0].id, node_id=installation.node_id)
        assert record is not None and record.owned
        assert set(record.member_ids) == {roster.members["王秀英"], roster.members["陈建华"]}
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
    with room_db.session() as s:
        assert q.case_years(s) == [2026]
