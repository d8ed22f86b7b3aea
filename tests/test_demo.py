"""The demo generator: deterministic, additive, owned right, complete, and clean for `check`."""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Date, func, select

from desktop.checks import run_checks
from desktop.db import Database, backup_sqlite, open_database
from desktop.demo import DEMO_DISTRICT_NODE, DemoCancelled, DemoError, generate
from desktop.demo.vocabulary import STREETS
from desktop.models import (
    Activity,
    ActivityKind,
    AgendaItem,
    Area,
    Assignment,
    Attendance,
    Base,
    Claim,
    DutyAct,
    DutyRecord,
    Installation,
    MediationCase,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    Participant,
    Room,
    ScoringRule,
    ScoringRuleSet,
    Team,
    TeamMembership,
    Topic,
    Township,
)
from desktop.models.enums import (
    AttendanceStatus,
    CaseKind,
    Consensus,
    DutyKind,
    EscalationKind,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    OutcomeStatus,
    ParticipantKind,
    ResultClass,
    Satisfaction,
    TeamKind,
    TopicSource,
    TopicStatus,
)
from desktop.models.stamping import StampContext
from desktop.paths import Home
from desktop.queries.duty import score_year
from desktop.setup import setup_district

TODAY = date(2026, 6, 15)
START = date(TODAY.year - 2, 1, 1)

ROSTER_TABLES = {
    "district",
    "township",
    "area",
    "room",
    "member",
    "assignment",
    "team",
    "team_membership",
    "scoring_rule_set",
    "scoring_rule",
    "activity_kind",
    "duty_act",
}
SYNCED_TABLES = [t for t in Base.metadata.sorted_tables if "owner_node" in t.c]


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row, without the columns that legitimately differ between runs."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as connection:
        for table in SYNCED_TABLES:
            columns = [c for c in table.c if c.name not in ("updated_at", "change_seq")]
            rows = connection.execute(select(*columns).order_by(table.c.id))
            dump[table.name] = [tuple(row) for row in rows]
    return dump


def _copy(db: Database, root: Path) -> Database:
    """A second home starting from exactly the same database."""
    home = Home(root)
    home.create_dirs()
    backup_sqlite(db.home.database, home.database)
    return open_database(home)


def _installation(db: Database) -> Installation:
    installation = db.installation()
    assert installation is not None
    return installation


def _values(db: Database, column: Any) -> set[Any]:
    with db.session() as session:
        return set(session.scalars(select(column).where(column.is_not(None)).distinct()))


def _count(db: Database, model: type[Any]) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture(scope="module")
def district(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A district home with the default demo (16 rooms, 2 years and this year), made once."""
    home = Home(tmp_path_factory.mktemp("demo-district"))
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    db = open_database(home)
    setup_district(db, name="崇川区政协")
    summary = generate(db, today=TODAY)
    yield db, summary
    db.close()


# --- determinism and adding ---------------------------------------------------------------


@pytest.mark.sqlite_only  # copies the database file
def test_same_seed_and_day_give_the_same_records(district_db: Database, tmp_path: Path) -> None:
    other = _copy(district_db, tmp_path / "other")
    third = _copy(district_db, tmp_path / "third")
    try:
        generate(district_db, seed=7, rooms=3, years=1, today=TODAY)
        generate(other, seed=7, rooms=3, years=1, today=TODAY)
        generate(third, seed=8, rooms=3, years=1, today=TODAY)
        first = _dump(district_db)
        assert first["meeting"] and first["attendance"] and first["outcome"]
        assert _dump(other) == first
        assert _dump(third)["meeting"] != first["meeting"]
    finally:
        other.close()
        third.close()


def test_running_again_adds_and_keeps_the_first_run(district_db: Database) -> None:
    first_summary = generate(district_db, seed=3, rooms=2, years=1, today=TODAY)
    first = _dump(district_db)
    second_summary = generate(district_db, seed=3, rooms=2, years=1, today=TODAY)
    second = _dump(district_db)
    for table, rows in first.items():
        assert set(rows) <= set(second[table]), table
    assert first_summary.rooms == second_summary.rooms == 2
    assert _count(district_db, Room) == 4
    assert _count(district_db, Member) == first_summary.members + second_summary.members
    assert len(second["meeting"]) == first_summary.meetings + second_summary.meetings
    codes = sorted(_values(district_db, Room.code))
    assert codes == ["R0001", "R0002", "R0003", "R0004"]
    # The teams, rule set and activity kinds are made once and reused.
    assert _count(district_db, Team) == len(TeamKind)
    # Setup's rules for this year, and the demo's for its first two years.
    assert _count(district_db, ScoringRuleSet) == 3
    assert _count(district_db, ActivityKind) == 5
    assert run_checks(district_db, today=TODAY) == []


# --- the default district demo --------------------------------------------------------------


def test_default_district_demo_has_the_programme_shape(district: Any) -> None:
    db, summary = district
    installation = _installation(db)
    assert summary.rooms == 16 == _count(db, Room)
    assert 20 <= summary.members <= 25
    with db.session() as session:
        rooms = session.scalars(select(Room)).all()
        assert all(re.fullmatch(r"R\d{4}", room.code or "") for room in rooms)
        nodes = {room.node_id for room in rooms}
        assert len(nodes) == 16 and installation.node_id not in nodes
        assert len({room.village for room in rooms}) == 16
        assert all(room.area_id is not None for room in rooms)
        per_area = Counter(
            session.scalars(select(Assignment.area_id).where(Assignment.area_id.is_not(None)))
        )
        assert per_area and all(4 <= count <= 5 for count in per_area.values())
        assert session.scalar(select(func.count()).where(Assignment.room_id.is_not(None))) > 0
        assert len(per_area) == _count(db, Area)
        # 4–10 meetings a room a full year.
        per_room_year: Counter[tuple[str, int]] = Counter(
            (room_id, held_on.year)
            for room_id, held_on in session.execute(select(Meeting.room_id, Meeting.held_on))
        )
        for room in rooms:
            for year in (TODAY.year - 2, TODAY.year - 1):
                assert 4 <= per_room_year[room.id, year] <= 10
    assert summary.describe().splitlines()[0].strip() == f"政协委员：{summary.members} 名"


def test_every_state_and_kind_occurs(district: Any) -> None:
    db, _ = district
    assert _values(db, Topic.status) == set(TopicStatus)
    assert _values(db, Topic.source) == set(TopicSource)
    assert _values(db, Meeting.status) == set(MeetingStatus)
    assert _values(db, Meeting.form) == set(MeetingForm)
    assert _values(db, Outcome.status) == set(OutcomeStatus)
    assert _values(db, Outcome.result_class) == set(ResultClass)
    assert _values(db, Outcome.satisfaction) == set(Satisfaction)
    assert _values(db, Outcome.escalation_kind) == set(EscalationKind)
    assert _values(db, Attendance.status) == set(AttendanceStatus)
    assert _values(db, AgendaItem.consensus) == set(Consensus)
    assert _values(db, Participant.kind) == set(ParticipantKind)
    assert _values(db, MediationCase.kind) == set(CaseKind)
    assert "调解成功" in {status.label for status in _values(db, MediationCase.status)}
    # The records give every kind of act but the ones only the district's own acts carry.
    acts = {
        kind
        for year in (TODAY.year - 2, TODAY.year - 1)
        for member in score_year(db, year).members
        for kind, entry in member.breakdown.items()
        if entry.count
    }
    assert acts == set(DutyKind) - {DutyKind.SERVED_RESIDENTS, DutyKind.OTHER_ACTIVITY}
    assert _count(db, DutyRecord) == 0
    assert _values(db, Member.gender) == set(Gender)
    assert _values(db, Member.level) == set(MemberLevel)
    assert {"经济发展", "城市建管", "教育医疗", "法律"} <= _values(db, Member.expertise)
    assert _values(db, TeamMembership.group_name) >= {"法律咨询组", "心理疏导组", "政策宣传组"}
    with db.session() as session:
        kinds = session.scalars(
            select(ActivityKind.name).join(Activity, Activity.kind_id == ActivityKind.id)
        ).all()
        assert set(kinds) == {"书香政协读书活动", "委员接待日", "走访联谊", "视察调研", "民主监督"}
        assert session.scalar(select(func.count()).where(Topic.immediate.is_(True))) > 0
        assert session.scalar(select(func.count()).where(AgendaItem.votes_for.is_not(None))) > 0
        assert session.scalar(select(func.count()).select_from(Claim)) > 0
        merged = Counter(
            session.scalars(select(OpinionSlip.topic_id).where(OpinionSlip.topic_id.is_not(None)))
        )
        assert max(merged.values()) >= 2
        assert session.scalar(select(func.count()).where(OpinionSlip.topic_id.is_(None))) > 0
        assert all(
            session.scalars(
                select(Participant.unit).where(Participant.kind == ParticipantKind.DEPARTMENT)
            )
        )
        refs = session.execute(
            select(Outcome.escalation_kind, Outcome.escalation_ref).where(
                Outcome.escalation_ref.is_not(None)
            )
        ).all()
        for kind, ref in refs:
            pattern = (
                r"崇政提〔\d{4}〕第\d+号"
                if kind is EscalationKind.PROPOSAL
                else r"崇政信〔\d{4}〕第\d+期"
            )
            assert re.fullmatch(pattern, ref)
        assert len({ref for _, ref in refs}) == len(refs)
        rules = dict(session.execute(select(ScoringRule.kind, ScoringRule.points)).all())
        assert set(rules) == set(DutyKind)
        assert rules[DutyKind.UNEXCUSED_ABSENCE] < 0 < rules[DutyKind.ATTENDED_CONSULTATION]
        assert set(session.scalars(select(Township.name))) <= set(STREETS)


def test_rows_are_owned_by_the_district_or_by_their_room(district: Any) -> None:
    db, _ = district
    district_node = _installation(db).node_id
    with db.session() as session:
        room_nodes = dict(session.execute(select(Room.id, Room.node_id)).all())
        for table in SYNCED_TABLES:
            owners = set(session.scalars(select(table.c.owner_node).distinct()))
            if table.name in ROSTER_TABLES:
                assert owners == {district_node}, table.name
            else:
                assert owners <= set(room_nodes.values()), table.name
            if table.name not in ROSTER_TABLES and "room_id" in table.c:
                rows = session.execute(select(table.c.room_id, table.c.owner_node)).all()
                assert all(
                    room_id is None or room_nodes[room_id] == owner for room_id, owner in rows
                ), table.name


def test_nothing_is_held_in_the_future(district: Any) -> None:
    db, _ = district
    # Dates that may lie ahead: planned meetings, claim deadlines, outcome deadlines.
    ahead = {("meeting", "held_on"), ("topic", "claim_deadline"), ("outcome", "deadline")}
    with db.session() as session:
        for table in SYNCED_TABLES:
            for column in table.c:
                if not isinstance(column.type, Date):
                    continue
                first, last = session.execute(select(func.min(column), func.max(column))).one()
                if first is None:
                    continue
                if table.name == "scoring_rule_set":
                    continue  # the demo's rules start with the term, setup's this year
                assert first >= START, (table.name, column.name)
                if (table.name, column.name) not in ahead:
                    assert last <= TODAY, (table.name, column.name)
        for status, held_on in session.execute(select(Meeting.status, Meeting.held_on)):
            if status is MeetingStatus.PLANNED:
                assert TODAY < held_on <= TODAY + timedelta(days=60)
            else:
                assert held_on <= TODAY
        end_of_today = datetime.combine(TODAY + timedelta(days=1), datetime.min.time())
        for (finalised,) in session.execute(
            select(Meeting.finalised_at).where(Meeting.finalised_at.is_not(None))
        ):
            assert finalised.replace(tzinfo=None) < end_of_today
        planned_present = session.scalar(
            select(func.count())
            .select_from(Attendance)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.status == MeetingStatus.PLANNED)
        )
        assert planned_present == 0


def test_default_district_demo_passes_every_check(district: Any) -> None:
    db, _ = district
    assert run_checks(db, today=TODAY) == []


# --- other modes ----------------------------------------------------------------------------


def test_roster_only_makes_no_room_records(district_db: Database) -> None:
    summary = generate(district_db, roster_only=True, today=TODAY)
    assert summary.rooms == summary.meetings == summary.topics == 0
    assert summary.members >= 20
    for model in (Room, Participant, Topic, OpinionSlip, Meeting, Outcome, Activity, DutyAct):
        assert _count(district_db, model) == 0, model.__tablename__
    for roster_model in (Area, Assignment, Team, TeamMembership, ScoringRule, ActivityKind):
        assert _count(district_db, roster_model) > 0, roster_model.__tablename__
    assert run_checks(district_db, today=TODAY) == []


def test_room_without_roster_gets_one_from_a_demo_district(room_db: Database) -> None:
    installation = _installation(room_db)
    summary = generate(room_db, today=TODAY)
    assert 6 <= summary.members <= 8
    assert summary.meetings > 0 and summary.rooms == 0
    with room_db.session() as session:
        assert set(session.scalars(select(Member.owner_node))) == {DEMO_DISTRICT_NODE}
        assert set(session.scalars(select(Assignment.room_id))) == {installation.room_id}
        for model in (Topic, Meeting, Attendance, Outcome, Participant, Claim):
            owners = set(session.scalars(select(model.owner_node)))
            assert owners == {installation.node_id}, model.__tablename__
    # One room on its own still shows the whole lifecycle.
    assert _values(room_db, Topic.status) == set(TopicStatus)
    assert _values(room_db, Topic.source) == set(TopicSource)
    assert _values(room_db, Meeting.status) == set(MeetingStatus)
    assert _values(room_db, Meeting.form) == set(MeetingForm)
    assert _values(room_db, Outcome.status) == set(OutcomeStatus)
    assert run_checks(room_db, today=TODAY) == []


def test_room_with_a_roster_uses_it_and_keeps_its_people(room_db: Database) -> None:
    installation = _installation(room_db)
    sender = "d1570000-0000-4000-8000-000000000001"
    with room_db.session_as(StampContext(node_id=sender, user="区政协", importing=True)) as s:
        for index, name in enumerate(("顾建华", "陆秀英", "施志明", "季红梅")):
            member = Member(
                id=f"00000000-0000-4000-8000-00000000000{index}",
                owner_node=sender,
                name=name,
                gender=Gender.FEMALE if index % 2 else Gender.MALE,
                sector="教育界",
                level=MemberLevel.DISTRICT,
            )
            s.add(member)
            s.flush()
            s.add(
                Assignment(
                    owner_node=sender,
                    member_id=member.id,
                    room_id=installation.room_id,
                    start_date=START,
                )
            )
    summary = generate(room_db, today=TODAY)
    assert summary.members == 0 and summary.meetings > 0
    members = _values(room_db, Member.id)
    assert len(members) == 4
    assert _values(room_db, Attendance.member_id) <= members
    assert _values(room_db, Claim.member_id) <= members
    people = _count(room_db, Participant)
    generate(room_db, seed=2, today=TODAY)
    with room_db.session() as session:
        cadres = session.scalar(
            select(func.count()).where(Participant.kind == ParticipantKind.CADRE)
        )
        assert cadres == 3  # the second run met the same secretary, director and member
        assert (session.scalar(select(func.count()).select_from(Participant)) or 0) < people * 2
    assert run_checks(room_db, today=TODAY) == []


def test_early_in_january_with_no_past_years(district_db: Database) -> None:
    today = date(2026, 1, 2)
    summary = generate(district_db, rooms=3, years=0, today=today)
    assert summary.rooms == 3 and summary.topics > 0
    with district_db.session() as session:
        first_raised = session.scalar(select(func.min(Topic.raised_on)))
        assert first_raised is not None and first_raised >= date(2026, 1, 1)
        held = session.scalars(
            select(Meeting.held_on).where(Meeting.status != MeetingStatus.PLANNED)
        ).all()
        assert all(day <= today for day in held)
    assert run_checks(district_db, today=today) == []


# --- progress, cancel and refusals --------------------------------------------------------


def test_progress_is_reported_per_unit(district_db: Database) -> None:
    calls: list[tuple[int, int]] = []
    generate(district_db, rooms=2, years=1, today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_cancel_rolls_back_the_whole_run(district_db: Database) -> None:
    calls: list[tuple[int, int]] = []
    asked: defaultdict[int, int] = defaultdict(int)

    def cancelled() -> bool:
        # Once the first room is in, let the second one start, then cancel it midway.
        done = calls[-1][0] if calls else 0
        asked[done] += 1
        return done >= 2 and asked[done] > 1

    with pytest.raises(DemoCancelled):
        generate(
            district_db,
            rooms=3,
            years=1,
            today=TODAY,
            progress=lambda d, t: calls.append((d, t)),
            cancelled=cancelled,
        )
    assert calls[-1] == (2, 4)
    # The roster and the first room were written, and rolled back with the second.
    for model in (Room, Member, Meeting, Topic):
        assert _count(district_db, model) == 0
    assert run_checks(district_db, today=TODAY) == []


def test_a_home_without_installation_is_refused(db: Database) -> None:
    with pytest.raises(DemoError, match="setup"):
        generate(db)


def test_negative_sizes_are_refused(district_db: Database) -> None:
    with pytest.raises(DemoError):
        generate(district_db, rooms=-1)
