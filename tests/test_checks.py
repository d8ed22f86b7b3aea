"""`yishi check`: each invariant broken on purpose gives exactly the expected problem."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from desktop.checks import CHECKS, Problem, run_checks
from desktop.db import Database, DatabaseDamagedError, open_database
from desktop.models import Meeting, Member, Topic
from desktop.models.enums import (
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    TopicSource,
    TopicStatus,
)
from desktop.models.stamping import StampContext
from desktop.paths import Home
from tests.builders import Dataset, build_district_dataset, tamper

# The file's own checks and damage; a server's domain checks: tests/test_postgres_check.py.
pytestmark = pytest.mark.sqlite_only

TODAY = date(2025, 6, 1)


@pytest.fixture
def ds(district_db: Database) -> Dataset:
    return build_district_dataset(district_db)


def found(db: Database, *, today: date = TODAY) -> list[tuple[str, str | None, str | None]]:
    return [(p.check, p.table, p.record_id) for p in run_checks(db, today=today)]


def single(ds: Dataset, check: str, table: str, key: str, *fragments: str) -> Problem:
    """Assert the database has exactly one problem, naming the record and what is wrong."""
    problems = run_checks(ds.db, today=TODAY)
    assert [(p.check, p.table, p.record_id) for p in problems] == [(check, table, ds[key])]
    for fragment in fragments:
        assert fragment in problems[0].message
    return problems[0]


def test_clean_district_dataset_has_no_problems(ds: Dataset) -> None:
    assert run_checks(ds.db, today=TODAY) == []


def test_clean_room_installation_has_no_problems(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    with room_db.session() as session:
        session.add(
            Meeting(
                room_id=installation.room_id,
                title="停车难协商会",
                held_on=date(2024, 5, 6),
                form=MeetingForm.BENCH,
                status=MeetingStatus.HELD,
            )
        )
        session.add(
            Topic(
                room_id=installation.room_id,
                title="停车难",
                source=TopicSource.RESIDENTS,
                raised_on=date(2024, 5, 1),
                status=TopicStatus.SHORTLISTED,
            )
        )
    assert run_checks(room_db) == []


def test_problem_codes_are_documented() -> None:
    assert all(description for description in CHECKS.values())
    assert list(CHECKS)[:2] == ["integrity", "foreign_key"]


# --- SQLite's own checks ----------------------------------------------------------------


def test_broken_reference_is_a_foreign_key_problem(ds: Dataset) -> None:
    tamper(
        ds.db,
        "UPDATE attendance SET member_id = 'nobody' WHERE id = ?",
        ds["att_m1_mem1"],
        foreign_keys=False,
    )
    problem = single(ds, "foreign_key", "attendance", "att_m1_mem1", "政协委员不存在", "member_id")
    assert "路灯维修协商会" in problem.message


def _flip_page(home: Home, page_of: str) -> None:
    """Invert 200 bytes in the first page of a table or index (or of sqlite_master)."""
    connection = sqlite3.connect(home.database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        if page_of == "sqlite_master":
            page, start = 1, 100  # page 1 begins with the 100-byte file header
        else:
            (page,) = connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE name = ?", (page_of,)
            ).fetchone()
            start = 0
    finally:
        connection.close()
    data = bytearray(home.database.read_bytes())
    offset = (page - 1) * page_size + start
    for index in range(offset + 8, offset + 208):
        data[index] ^= 0xFF
    home.database.write_bytes(bytes(data))


@pytest.mark.parametrize("page_of", ["ix_topic_room_status", "topic", "installation"])
def test_flipped_bytes_in_a_page_are_integrity_problems(ds: Dataset, page_of: str) -> None:
    home = ds.db.home
    ds.db.close()
    _flip_page(home, page_of)
    db = open_database(home)  # the schema page is intact, so the file opens
    try:
        problems = run_checks(db, today=TODAY)
    finally:
        db.close()
    assert problems
    assert {p.check for p in problems} == {"integrity"}
    assert all(p.message.startswith("数据库文件已损坏") for p in problems)


def test_flipped_bytes_in_the_schema_page_refuse_to_open(ds: Dataset) -> None:
    home = ds.db.home
    ds.db.close()
    _flip_page(home, "sqlite_master")
    with pytest.raises(DatabaseDamagedError, match="已损坏"):
        open_database(home)


# --- 1. the installation ----------------------------------------------------------------


def test_missing_installation_row(ds: Dataset) -> None:
    tamper(ds.db, "DELETE FROM installation")
    problems = run_checks(ds.db, today=TODAY)
    assert [(p.check, p.table, p.record_id) for p in problems] == [
        ("installation", "installation", None)
    ]
    assert "实际有 0 条" in problems[0].message


def test_district_installation_without_its_district(ds: Dataset) -> None:
    district_id = ds.db.installation().district_id  # type: ignore[union-attr]
    tamper(ds.db, "UPDATE district SET deleted = 1")
    assert found(ds.db) == [("installation", "district", district_id)]


def test_room_installation_whose_room_has_another_node(room_db: Database) -> None:
    room_id = room_db.installation().room_id  # type: ignore[union-attr]
    tamper(room_db, "UPDATE room SET node_id = 'another-node'")
    problems = run_checks(room_db)
    assert [(p.check, p.table, p.record_id) for p in problems] == [
        ("installation", "room", room_id)
    ]
    assert "和平桥社区协商议事室" in problems[0].message
    assert "anothe" in problems[0].message


def test_room_installation_whose_room_is_deleted(room_db: Database) -> None:
    room_id = room_db.installation().room_id  # type: ignore[union-attr]
    tamper(room_db, "UPDATE room SET deleted = 1")
    assert found(room_db) == [("installation", "room", room_id)]


# --- 2. ownership -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "key", "name"),
    [
        ("topic", "ta1", "议题「村道路灯维修」"),
        ("participant", "pa1", "参加人员「徐志强」"),
        ("outcome", "o1", "协商成果「协商建议 o1」"),
        ("opinion_slip", "slip_a", "社情民意采集表（2024-05-10）"),
        ("activity", "act1", "其他履职活动「委员接待日」"),
    ],
)
def test_room_record_owned_by_another_node(ds: Dataset, table: str, key: str, name: str) -> None:
    tamper(ds.db, f"UPDATE {table} SET owner_node = ? WHERE id = ?", ds.nodes["district"], ds[key])
    problem = single(ds, "room_owner", table, key, "不是其协商议事室")
    assert problem.message.startswith(name)


def test_meeting_owned_by_another_node_also_mismatches_its_rows(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE meeting SET owner_node = ? WHERE id = ?", ds.nodes["room_b"], ds["m2"])
    problems = found(ds.db)
    # room_owner is listed before meeting_owner (the order of CHECKS)
    assert problems[0] == ("room_owner", "meeting", ds["m2"])
    assert sorted(problems[1:]) == sorted(
        [
            ("meeting_owner", "agenda_item", ds["ai2"]),
            ("meeting_owner", "attendance", ds["att_m2_mem1"]),
            ("meeting_owner", "attendance", ds["att_m2_pa1"]),
            ("meeting_owner", "attendance", ds["att_m2_pa2"]),
        ]
    )


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("agenda_item", "ai1"),
        ("attendance", "att_m1_pa1"),
        ("speech", "speech1"),
        ("amendment", "amend1"),
    ],
)
def test_meeting_row_owned_by_another_node(ds: Dataset, table: str, key: str) -> None:
    tamper(ds.db, f"UPDATE {table} SET owner_node = ? WHERE id = ?", ds.nodes["room_b"], ds[key])
    problem = single(ds, "meeting_owner", table, key, "与其协商议事活动的节点")
    assert "路灯维修协商会" in problem.message


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("member", "mem1"),
        ("township", "t1"),
        ("room", "room_a"),
        ("activity_kind", "kind_reception"),
    ],
)
def test_roster_row_owned_by_a_room_in_a_district(ds: Dataset, table: str, key: str) -> None:
    tamper(ds.db, f"UPDATE {table} SET owner_node = ? WHERE id = ?", ds.nodes["room_a"], ds[key])
    single(ds, "roster_owner", table, key, "名册数据应属于本区政协")


def test_roster_from_the_district_is_fine_in_a_room(room_db: Database) -> None:
    # After enrolment a room holds the district's roster, owned by the district's node.
    with room_db.session_as(StampContext(node_id="district-node", user="t", importing=True)) as s:
        s.add(
            Member(
                name="王建国",
                gender=Gender.MALE,
                sector="经济界",
                level=MemberLevel.DISTRICT,
                owner_node="district-node",
            )
        )
    assert run_checks(room_db) == []


# --- 3. records of the same room --------------------------------------------------------


def _move(ds: Dataset, table: str, key: str, room: str) -> None:
    """Move a record to another room, consistently owned, so only the link is wrong."""
    tamper(
        ds.db,
        f"UPDATE {table} SET room_id = ?, owner_node = ? WHERE id = ?",
        ds[room],
        ds.nodes[room],
        ds[key],
    )


def test_agenda_item_with_a_topic_of_another_room(ds: Dataset) -> None:
    _move(ds, "topic", "ta3", "room_b")
    single(ds, "agenda_topic_room", "agenda_item", "ai3", "兴西村协商议事室", "徐庄村协商议事室")


def test_opinion_slip_in_a_topic_of_another_room(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE opinion_slip SET topic_id = ? WHERE id = ?", ds["tc1"], ds["slip_a"])
    single(ds, "slip_topic_room", "opinion_slip", "slip_a", "花园社区协商议事室")


def test_participant_of_another_room_at_a_meeting(ds: Dataset) -> None:
    tamper(
        ds.db, "UPDATE attendance SET participant_id = ? WHERE id = ?", ds["pb1"], ds["att_m1_pa1"]
    )
    single(ds, "attendee_room", "attendance", "att_m1_pa1", "周海燕", "兴西村协商议事室")


@pytest.mark.parametrize(("key", "room"), [("o1", "room_b"), ("o13", "room_a")])
def test_outcome_in_another_room_than_its_origin(ds: Dataset, key: str, room: str) -> None:
    _move(ds, "outcome", key, room)
    single(ds, "outcome_room", "outcome", key, "其来源")


# --- 4. topic status --------------------------------------------------------------------


def test_claimed_topic_without_claim(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE claim SET deleted = 1 WHERE id = ?", ds["claim_b"])
    single(ds, "topic_claim", "topic", "tb3", "垃圾分类亭选址", "没有任何委员认领")


def test_announced_topic_marked_claimed_without_claim(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE topic SET status = 'claimed' WHERE id = ?", ds["ta3"])
    single(ds, "topic_claim", "topic", "ta3", "认领")


@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("tc2", "discussed"),  # never on an agenda
        ("ta3", "discussed"),  # only on the agenda of a planned meeting
        ("tb2", "implemented"),
        ("tc2", "fed_back"),
    ],
)
def test_discussed_topic_never_at_a_held_meeting(ds: Dataset, key: str, status: str) -> None:
    tamper(
        ds.db, "UPDATE topic SET status = ?, decline_reason = NULL WHERE id = ?", status, ds[key]
    )
    single(ds, "topic_discussed", "topic", key, "未列入任何已召开协商议事活动的议程")


def test_topic_whose_only_meeting_was_deleted(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE meeting SET deleted = 1 WHERE id = ?", ds["m2"])
    single(ds, "topic_discussed", "topic", "ta2", "河道水环境整治")


def test_escalated_topic_without_escalated_outcome(ds: Dataset) -> None:
    tamper(
        ds.db,
        "UPDATE outcome SET escalation_kind = NULL, escalation_ref = NULL WHERE id = ?",
        ds["o11"],
    )
    single(ds, "topic_escalated", "topic", "tc1", "小区停车位规划", "转报")


@pytest.mark.parametrize(
    ("key", "sql"),
    [
        ("ta3", "UPDATE topic SET claim_deadline = '2024-10-01' WHERE id = ?"),
        ("tb3", "UPDATE topic SET announced_on = NULL WHERE id = ?"),
        ("tb3", "UPDATE topic SET claim_deadline = NULL WHERE id = ?"),
    ],
)
def test_announced_topic_dates(ds: Dataset, key: str, sql: str) -> None:
    tamper(ds.db, sql, ds[key])
    single(ds, "topic_announced", "topic", key, "认领截止日期早于公告日期")


# --- 5. meetings ------------------------------------------------------------------------


def test_held_meeting_in_the_future(ds: Dataset) -> None:
    # M6 was held on 2024-09-05, the latest of the held meetings.
    assert found(ds.db, today=date(2024, 9, 5)) == []
    assert found(ds.db, today=date(2024, 9, 4)) == [("meeting_future", "meeting", ds["m6"])]
    tamper(ds.db, "UPDATE meeting SET held_on = '2025-07-01' WHERE id = ?", ds["m2"])
    single(ds, "meeting_future", "meeting", "m2", "河道整治协商会", "晚于今天（2025-06-01）")


def test_planned_meeting_with_someone_present(ds: Dataset) -> None:
    # Before its day; on the day people sign in before the meeting is marked held.
    tamper(ds.db, "UPDATE meeting SET held_on = ? WHERE id = ?", "2025-06-20", ds["m3"])
    assert run_checks(ds.db, today=TODAY) == []
    tamper(
        ds.db,
        "UPDATE attendance SET status = 'present', leave_reason = NULL WHERE id = ?",
        ds["att_m3_mem2"],
    )
    single(ds, "meeting_planned_present", "meeting", "m3", "建房审批协商会", "1 人签到")


def test_signing_in_on_the_day_before_marking_held_is_no_problem(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE meeting SET held_on = ? WHERE id = ?", TODAY.isoformat(), ds["m3"])
    tamper(ds.db, "UPDATE attendance SET status = 'present' WHERE id = ?", ds["att_m3_mem2"])
    assert run_checks(ds.db, today=TODAY) == []


def test_an_immediate_topic_consulted_without_a_meeting_is_no_problem(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE topic SET status = 'discussed' WHERE id = ?", ds["tc2"])
    assert [p.check for p in run_checks(ds.db, today=TODAY)] == ["topic_discussed"]
    tamper(ds.db, "UPDATE topic SET immediate = 1 WHERE id = ?", ds["tc2"])
    assert run_checks(ds.db, today=TODAY) == []


# --- 6. outcomes ------------------------------------------------------------------------


def test_completed_outcome_without_date(ds: Dataset) -> None:
    tamper(ds.db, "UPDATE outcome SET completed_on = NULL WHERE id = ?", ds["o7"])
    single(ds, "outcome_completed_on", "outcome", "o7", "协商建议 o7", "未填写办结日期")


@pytest.mark.parametrize(
    ("key", "sql", "fragment"),
    [
        (
            "o7",
            "UPDATE outcome SET completed_on = '2024-09-01' WHERE id = ?",
            "办结日期（2024-09-01）",
        ),
        (
            "o1",
            "UPDATE outcome SET fed_back_on = '2024-03-01' WHERE id = ?",
            "反馈日期（2024-03-01）",
        ),
        # an activity's suggestion: compared with the activity's date (2024-05-05)
        ("o13", "UPDATE outcome SET completed_on = '2024-05-04' WHERE id = ?", "2024-05-05"),
    ],
)
def test_outcome_dates_before_the_meeting(ds: Dataset, key: str, sql: str, fragment: str) -> None:
    tamper(ds.db, sql, ds[key])
    single(ds, "outcome_dates", "outcome", key, fragment, "早于协商日期")


@pytest.mark.parametrize("feedback", [None, "", "   "])
def test_fed_back_outcome_without_feedback(ds: Dataset, feedback: str | None) -> None:
    tamper(ds.db, "UPDATE outcome SET feedback = ? WHERE id = ?", feedback, ds["o12"])
    single(ds, "outcome_feedback", "outcome", "o12", "没有反馈内容")


# --- 7. attachment files ----------------------------------------------------------------


def _photo_path(ds: Dataset) -> Any:
    connection = sqlite3.connect(ds.db.home.database)
    try:
        (sha,) = connection.execute(
            "SELECT sha256 FROM attachment WHERE id = ?", (ds["photo"],)
        ).fetchone()
    finally:
        connection.close()
    return ds.db.home.attachments / sha[:2] / sha


def test_attachment_file_missing(ds: Dataset) -> None:
    _photo_path(ds).unlink()
    single(ds, "attachment_missing", "attachment", "photo", "附件「现场照片.jpg」", "不存在")


def test_attachment_file_changed(ds: Dataset) -> None:
    _photo_path(ds).write_bytes(b"something else")
    single(ds, "attachment_hash", "attachment", "photo", "内容已改变或损坏")


def test_deleted_attachment_needs_no_file(ds: Dataset) -> None:
    _photo_path(ds).unlink()
    tamper(ds.db, "UPDATE attachment SET deleted = 1 WHERE id = ?", ds["photo"])
    assert run_checks(ds.db, today=TODAY) == []


# --- scale ------------------------------------------------------------------------------


def test_statements_do_not_grow_with_the_records(ds: Dataset) -> None:
    """Set-based: more meetings and topics mean no more queries."""
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(ds.db.engine, "before_cursor_execute", count)
    try:
        run_checks(ds.db, today=TODAY)
        before = len(statements)
        with ds.db.session() as session:
            for index in range(30):
                session.add(
                    Topic(
                        room_id=ds["room_a"],
                        title=f"议题{index}",
                        source=TopicSource.RESIDENTS,
                        raised_on=date(2024, 1, 1),
                    )
                )
        tamper(
            ds.db,
            "UPDATE topic SET owner_node = ? WHERE room_id = ?",
            ds.nodes["room_a"],
            ds["room_a"],
        )
        statements.clear()
        assert run_checks(ds.db, today=TODAY) == []
        assert len(statements) == before
    finally:
        event.remove(ds.db.engine, "before_cursor_execute", count)
