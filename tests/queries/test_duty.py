"""Duty scoring (履职评价) on hand-computed cases: caps, deductions, grade edges, a rule change
between years, acts following the records (final minutes, amendments, withdrawn claims), the
district's own acts, determinism, and `attended` agreeing with the statistics."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.db import Database
from desktop.demo import generate
from desktop.models import Attendance, Topic
from desktop.models.enums import (
    AttendanceStatus,
    DutyKind,
    EscalationKind,
    MeetingStatus,
    TopicStatus,
)
from desktop.queries.duty import MemberScore, YearScores, acts_of_member, score_year
from desktop.rules.duty import DutyError, Grade, KindRule, kind_score, live_rule_sets
from desktop.stats import year_stats
from desktop.workflow.agenda import set_meeting_status
from desktop.workflow.attendance import record_absent, take_off_list
from desktop.workflow.duty import (
    add_default_rules,
    copy_rules_to_year,
    delete_act,
    delete_rules,
    record_act,
    save_rules,
)
from desktop.workflow.meetings import Amending
from desktop.workflow.topics import claim_topic, unclaim_topic
from tests.duty_builders import (
    RULES_2025,
    World,
    activity,
    announced_topic,
    build_world,
    case,
    claimed_topic,
    meeting,
)

K = DutyKind
P, L, A = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT


@pytest.fixture
def world(district_db: Database) -> World:
    return build_world(district_db)


def _by_name(scores: YearScores) -> dict[str, MemberScore]:
    return {m.name: m for m in scores.members}


def _hand_computed_2025(world: World) -> None:
    """A: 4 final meetings (8 points, capped at 6), spoke at 2 of them (twice at one: still one
    act), claimed a topic (2), on leave once (-1), and at a meeting whose minutes are not
    final (not scored): 60 + 6 + 2 + 2 - 1 = 69, 基本称职.
    B: 3 final meetings (6, exactly the cap), absent twice (-6, capped at -5), a mediation
    case (2) escalated as 社情民意 (2), a proposal adopted recorded by the district (5):
    60 + 6 - 5 + 2 + 2 + 5 = 70, exactly 称职.
    C: nothing: the base 60, exactly 基本称职.
    D: absent three times (-9, capped at -5), on leave once (-1): 54, 不称职."""
    meeting(world, date(2025, 1, 10), {"A": P, "B": P, "D": A}, speakers=("A", "A"))
    meeting(world, date(2025, 3, 10), {"A": P, "B": P, "D": A}, speakers=("A",))
    meeting(world, date(2025, 5, 10), {"A": P, "B": P, "D": A})
    meeting(world, date(2025, 7, 10), {"A": P, "B": A, "D": L})
    meeting(world, date(2025, 9, 10), {"A": L, "B": A})
    meeting(world, date(2025, 11, 10), {"A": P}, final=False)
    claimed_topic(world, "A", date(2025, 2, 1))
    case(world, date(2025, 4, 1), ("B",), "宅基地边界纠纷", escalated=EscalationKind.SOCIAL_INFO)
    record_act(
        world.db,
        member_id=world["B"],
        kind=K.PROPOSAL_ACCEPTED,
        on=date(2025, 6, 1),
        title="提案《关于背街小巷路灯维修的建议》立案",
        evidence="区政协提案委员会立案通知",
        reference="崇政协〔2025〕12号",
    )


def test_hand_computed_scores_caps_deductions_and_grade_edges(world: World) -> None:
    _hand_computed_2025(world)
    scores = score_year(world.db, 2025)
    by_name = _by_name(scores)
    a, b, c, d = by_name["王建国"], by_name["陈丽华"], by_name["张卫东"], by_name["刘芳"]
    assert (a.score, a.grade) == (Decimal(69), Grade.BASIC)
    assert a.breakdown[K.ATTENDED_CONSULTATION].count == 4
    assert a.breakdown[K.ATTENDED_CONSULTATION].points == 8
    assert a.breakdown[K.ATTENDED_CONSULTATION].capped == 6
    assert a.breakdown[K.SPOKE].count == 2
    assert a.breakdown[K.LEAVE].capped == -1
    # `attended` is every held meeting's, as the statistics count; the score only final ones.
    assert a.attended == 5
    assert (b.score, b.grade) == (Decimal(70), Grade.COMPETENT)
    assert b.breakdown[K.UNEXCUSED_ABSENCE].points == -6
    assert b.breakdown[K.UNEXCUSED_ABSENCE].capped == -5
    assert b.breakdown[K.SUBMITTED_SOCIAL_INFO].count == 1
    assert b.breakdown[K.PROPOSAL_ACCEPTED].capped == 5
    assert (c.score, c.grade) == (Decimal(60), Grade.BASIC)
    assert (d.score, d.grade) == (Decimal(54), Grade.INCOMPETENT)
    assert [m.name for m in scores.members][:4] == ["陈丽华", "王建国", "张卫东", "周明"]
    assert scores.members[-1].name == "刘芳"
    # C and E tie at 60: one rank, ordered by the name's pinyin (zhang before zhou).
    assert by_name["张卫东"].rank == by_name["周明"].rank == 3
    assert by_name["刘芳"].rank == 5


def test_scoring_twice_gives_the_same_result(world: World) -> None:
    _hand_computed_2025(world)
    first = score_year(world.db, 2025).to_json()
    assert score_year(world.db, 2025).to_json() == first
    assert json.dumps(first, ensure_ascii=False) == json.dumps(
        score_year(world.db, 2025).to_json(), ensure_ascii=False
    )


def test_a_rule_change_between_years_scores_the_same_acts_apart(world: World) -> None:
    # E attends three final meetings and speaks at one, in 2025 and again in 2026.
    for year in (2025, 2026):
        meeting(world, date(year, 2, 1), {"E": P}, speakers=("E",))
        meeting(world, date(year, 4, 1), {"E": P})
        meeting(world, date(year, 6, 1), {"E": P})
    e_2025 = _by_name(score_year(world.db, 2025))["周明"]
    e_2026 = _by_name(score_year(world.db, 2026))["周明"]
    assert e_2025.score == 60 + 6 + 1  # 3 × 2
    assert e_2026.score == 60 + 9 + 1  # 3 × 3
    assert e_2026.grade is Grade.COMPETENT and e_2025.grade is Grade.BASIC
    # 2027 has no rules of its own: 2026's are in force.
    meeting(world, date(2027, 2, 1), {"E": P})
    assert _by_name(score_year(world.db, 2027))["周明"].score == 63


def test_no_rules_in_force_is_a_clear_refusal(world: World) -> None:
    with pytest.raises(DutyError, match="还没有适用于 2024 年的履职评价办法"):
        score_year(world.db, 2024)


def test_changed_rules_rescore_the_year(world: World) -> None:
    _hand_computed_2025(world)
    with world.db.session() as session:
        rule_set = next(s for s in live_rule_sets(session) if s.effective_from.year == 2025)
        rule_set_id = rule_set.id
    kinds = {**RULES_2025.kinds, K.CLAIMED_TOPIC: KindRule(Decimal(4))}
    save_rules(world.db, rule_set_id, replace(RULES_2025, kinds=kinds))
    assert _by_name(score_year(world.db, 2025))["王建国"].score == 71


def test_final_minutes_count_and_an_amendment_removes_the_act(world: World) -> None:
    meeting_id = meeting(world, date(2025, 3, 10), {"A": P, "B": P}, final=False)
    assert (
        _by_name(score_year(world.db, 2025))["王建国"].breakdown[K.ATTENDED_CONSULTATION].count == 0
    )
    set_meeting_status(world.db, meeting_id, target=MeetingStatus.MINUTES_FINAL)
    scores = _by_name(score_year(world.db, 2025))
    assert scores["王建国"].breakdown[K.ATTENDED_CONSULTATION].count == 1
    assert scores["王建国"].score == 62
    with world.db.session() as session:
        attendance = {
            a.member_id: a.id
            for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
        }
    amending = Amending(reason="签到表核对有误", description="王建国当天未到会")
    record_absent(world.db, meeting_id, attendance_ids=[attendance[world["A"]]], amending=amending)
    a = _by_name(score_year(world.db, 2025))["王建国"]
    assert a.breakdown[K.ATTENDED_CONSULTATION].count == 0
    assert a.breakdown[K.UNEXCUSED_ABSENCE].count == 1
    assert a.score == 57
    # Taken off the list altogether: no act at all.
    take_off_list(world.db, meeting_id, attendance_ids=[attendance[world["A"]]], amending=amending)
    assert _by_name(score_year(world.db, 2025))["王建国"].score == 60
    assert _by_name(score_year(world.db, 2025))["陈丽华"].score == 62


def test_a_withdrawn_claim_no_longer_counts(world: World) -> None:
    topic_id = announced_topic(world, date(2025, 5, 1))
    claim_topic(world.db, topic_id, member_id=world["A"], on=date(2025, 5, 3))
    assert _by_name(score_year(world.db, 2025))["王建国"].breakdown[K.CLAIMED_TOPIC].count == 1
    unclaim_topic(world.db, topic_id, member_id=world["A"])
    assert _by_name(score_year(world.db, 2025))["王建国"].breakdown[K.CLAIMED_TOPIC].count == 0
    with world.db.session() as session:
        assert session.get_one(Topic, topic_id).status is TopicStatus.ANNOUNCED
    # Claimed again: the withdrawn claim comes back, counted once.
    claim_topic(world.db, topic_id, member_id=world["A"], on=date(2025, 5, 9))
    acts = acts_of_member(world.db, 2025, world["A"])
    assert [(a.kind, a.on) for a in acts] == [(K.CLAIMED_TOPIC, date(2025, 5, 9))]


def test_district_acts_count_and_removal(world: World) -> None:
    act_id = record_act(
        world.db,
        member_id=world["C"],
        kind=K.PROPOSAL_ACCEPTED,
        on=date(2025, 8, 1),
        title="提案立案",
        evidence="立案通知",
    )
    assert _by_name(score_year(world.db, 2025))["张卫东"].score == 65
    delete_act(world.db, act_id)
    assert _by_name(score_year(world.db, 2025))["张卫东"].score == 60
    with pytest.raises(DutyError, match="依据"):
        record_act(
            world.db,
            member_id=world["C"],
            kind=K.PROPOSAL_ACCEPTED,
            on=date(2025, 8, 1),
            title="提案立案",
            evidence="  ",
        )


def test_activities_count_by_their_kind_and_cases_as_mediation(world: World) -> None:
    activity(world, "reading", date(2025, 4, 23), ("A", "C"), "读书活动：乡土中国")
    activity(world, "supervision", date(2025, 6, 1), ("C",), "民主监督：加装电梯")
    case(world, date(2025, 7, 1), ("C",), "邻里噪音纠纷")
    c = _by_name(score_year(world.db, 2025))["张卫东"]
    assert c.breakdown[K.READING].count == 1
    assert c.breakdown[K.INSPECTION].count == 1
    assert c.breakdown[K.MEDIATION].count == 1
    assert c.score == 60 + 1 + 2 + 2
    titles = [act.title for act in acts_of_member(world.db, 2025, world["C"])]
    assert titles == ["读书活动：乡土中国", "民主监督：加装电梯", "邻里噪音纠纷"]


def test_township_keeps_the_members_assigned_there(world: World) -> None:
    _hand_computed_2025(world)
    assert len(score_year(world.db, 2025, township=world.township_id).members) == 5


def test_rules_are_the_districts(room_db: Database) -> None:
    with pytest.raises(DutyError, match="区政协"), room_db.session() as session:
        add_default_rules(session, 2025)
    with pytest.raises(DutyError, match="区政协"):
        score_year(room_db, 2025)


def test_rule_sets_copy_and_remove(world: World) -> None:
    with world.db.session() as session:
        rule_set_id = next(s.id for s in live_rule_sets(session) if s.effective_from.year == 2026)
    new_id = copy_rules_to_year(world.db, rule_set_id, year=2027)
    with pytest.raises(DutyError, match="2027 年已有"):
        copy_rules_to_year(world.db, rule_set_id, year=2027)
    delete_rules(world.db, new_id)
    with world.db.session() as session:
        assert sorted(s.effective_from.year for s in live_rule_sets(session)) == [2025, 2026]


def test_a_cap_bounds_gains_and_deductions() -> None:
    assert kind_score(KindRule(Decimal(2), Decimal(5)), 3).capped == 5
    assert kind_score(KindRule(Decimal(-3), Decimal(5)), 1).capped == -3
    assert kind_score(KindRule(Decimal(-3), Decimal(5)), 4).capped == -5
    assert kind_score(None, 4).capped == 0


def test_scores_json_shape_and_order(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    _hand_computed_2025(world)
    home = world.db.home.root
    world.db.close()
    assert main(["--home", str(home), "scores", "--year", "2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2025
    assert [m["name"] for m in data["members"]][:2] == ["陈丽华", "王建国"]
    first = data["members"][0]
    assert set(first) == {"member_id", "name", "score", "grade", "attended", "breakdown"}
    assert first["score"] == 70 and first["grade"] == "competent"
    assert set(first["breakdown"]) == {kind.value for kind in DutyKind}
    assert first["breakdown"]["unexcused_absence"] == {"count": 2, "points": -6, "capped": -5}
    scores = [m["score"] for m in data["members"]]
    assert scores == sorted(scores, reverse=True)
    assert main(["--home", str(home), "scores", "--year", "2024"]) == 2
    assert "履职评价办法" in capsys.readouterr().err


def test_attended_sums_to_the_statistics_member_attendances(district_db: Database) -> None:
    generate(district_db, seed=5, rooms=3, years=1, today=date(2026, 11, 29))
    for year in (2025, 2026):
        scores = score_year(district_db, year)
        assert (
            sum(m.attended for m in scores.members)
            == year_stats(district_db, year=year)["member_attendances"]
        )
        assert scores.members  # the demo's members took part


def test_member_file_pdf_lists_the_acts(world: World, tmp_path: Path) -> None:
    from desktop.documents.duty_record import render_member_file

    _hand_computed_2025(world)
    path = render_member_file(
        db=world.db, member_id=world["B"], year=2025, path=tmp_path / "file.pdf"
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "政协委员履职档案",
        "陈丽华",
        "2025.1.10",
        "宅基地边界纠纷",
        "立案",
        "评价等次为“称职”",
        "无故缺席",
    ):
        assert expected in text, expected


def test_scores_workbook_has_numbers(world: World, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from desktop.documents.duty_scores import write_scores_workbook

    _hand_computed_2025(world)
    path = write_scores_workbook(score_year(world.db, 2025), tmp_path / "scores.xlsx")
    book = load_workbook(path)
    sheet = book["履职评价"]
    header = [c.value for c in sheet[3]]
    assert header[:5] == ["名次", "姓名", "得分", "等次", "出席协商（人次）"]
    first = [c.value for c in sheet[4]]
    assert first[:5] == [1, "陈丽华", 70, "称职", 3]
    assert all(isinstance(v, int | float) for v in first[5:])
    assert "评价办法" in book.sheetnames


def test_doc_command_prints_a_members_file(world: World, tmp_path: Path) -> None:
    from desktop.documents.commands import make_document
    from desktop.errors import UserError

    _hand_computed_2025(world)
    path = make_document(
        world.db, kind="duty", target=world["A"], year=2025, path=tmp_path / "a.pdf"
    )
    assert path.stat().st_size > 0
    with pytest.raises(UserError, match="委员编号"):
        make_document(world.db, kind="duty", year=2025, path=tmp_path / "b.pdf")
