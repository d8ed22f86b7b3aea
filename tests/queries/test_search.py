"""搜索 (desktop.queries.search over desktop.search_index): every kind found, short queries,
tombstones and edits followed by the triggers, pinyin, a room's scope, imported records,
and the check and repair of an index out of step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import cli
from desktop.checks import run_checks
from desktop.checks.search import repair
from desktop.db import Database
from desktop.models import (
    ActivityKind,
    AgendaItem,
    MediationCase,
    Member,
    OpinionSlip,
    ProgressNote,
    Speech,
    Topic,
)
from desktop.models.activities import Activity
from desktop.models.enums import CaseKind, Gender, MemberLevel
from desktop.queries.search import Group, Scope, search
from desktop.workflow import recycle
from tests.desk_builders import add_outcome, add_participant, add_slip, add_topic, room_id_of
from tests.sync.helpers import add_topic as add_room_topic
from tests.sync.helpers import send
from tests.sync_pair import Pair

DAY = date(2026, 10, 1)


def _found(db: Database, query: str, **options: object) -> dict[str, set[str]]:
    """Kind → ids the hits open."""
    groups: list[Group] = search(db, query, **options)  # type: ignore[arg-type]
    return {g.kind: {h.opens_id for h in g.hits} for g in groups}


def _records(db: Database) -> dict[str, str]:
    """One record of every kind, each with its own marker word; kind → id a hit opens."""
    room = room_id_of(db)
    with db.session() as s:
        topic = add_topic(s, room, "议题标记甲乙丙")
        topic.description = "说明里有描述标记"
        slip = add_slip(s, room, "采集表标记丁戊己", collected_on=DAY)
        outcome = add_outcome(s, room, "成果标记庚辛壬", deadline=None)
        item = s.get_one(AgendaItem, outcome.agenda_item_id)
        item.consensus_text = "共识标记癸子丑"
        s.add(
            Speech(
                agenda_item_id=item.id,
                position=1,
                speaker_name="王发言",
                summary="发言标记寅卯辰",
            )
        )
        s.add(ProgressNote(outcome_id=outcome.id, noted_on=DAY, text="进展标记巳午未"))
        kind = s.scalars(select(ActivityKind)).first()
        if kind is None:
            kind = ActivityKind(code="reading", name="委员读书")
            s.add(kind)
            s.flush()
        activity = Activity(room_id=room, kind_id=kind.id, title="活动标记申酉戌", held_on=DAY)
        case = MediationCase(
            room_id=room, kind=CaseKind.MEDIATION, subject="调解标记亥甲子", opened_on=DAY
        )
        member = Member(
            name="张三", gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT
        )
        person = add_participant(s, room, "李四", unit="居民标记乙丑丙")
        s.add_all([activity, case, member])
        s.flush()
        return {
            "topic": topic.id,
            "slip": slip.id,
            "outcome": outcome.id,
            "consensus": item.meeting_id,
            "speech": item.meeting_id,
            "progress": outcome.id,
            "activity": activity.id,
            "case": case.id,
            "member": member.id,
            "participant": person.id,
            "meeting": item.meeting_id,
        }


MARKERS = {
    "topic": "议题标记甲乙丙",
    "slip": "采集表标记丁戊己",
    "outcome": "成果标记庚辛壬",
    "consensus": "共识标记癸子丑",
    "speech": "发言标记寅卯辰",
    "progress": "进展标记巳午未",
    "activity": "活动标记申酉戌",
    "case": "调解标记亥甲子",
    "participant": "居民标记乙丑丙",
}


def test_every_kind_is_found_by_a_substring(room_db: Database) -> None:
    ids = _records(room_db)
    for kind, marker in MARKERS.items():
        assert _found(room_db, marker[2:]) == {kind: {ids[kind]}}, kind
    assert _found(room_db, "描述标记") == {"topic": {ids["topic"]}}
    assert ids["member"] in _found(room_db, "张三")["member"]
    assert ids["meeting"] in _found(room_db, "加装电梯")["topic"] | {ids["meeting"]}


def test_one_and_two_characters_are_found(room_db: Database) -> None:
    ids = _records(room_db)
    assert _found(room_db, "戊") == {"slip": {ids["slip"]}}
    assert _found(room_db, "寅卯") == {"speech": {ids["speech"]}}
    assert _found(room_db, "辛 庚") == {"outcome": {ids["outcome"]}}  # both words, any order
    assert _found(room_db, "庚壬") == {}
    assert search(room_db, "  ") == []


def test_deleted_records_leave_and_restored_ones_come_back(room_db: Database) -> None:
    ids = _records(room_db)
    room = room_id_of(room_db)
    with room_db.session() as s:
        topic = add_topic(s, room, "回收站议题")
        merged = add_slip(s, room, "归入议题的采集表", collected_on=DAY)
        merged.topic_id = topic.id
    assert "slip" in _found(room_db, "归入议题")
    recycle.delete_topic(room_db, topic.id)
    assert _found(room_db, "回收站议题") == {}
    assert _found(room_db, "归入议题") == {}  # its slip leaves with it
    recycle.restore(room_db, "topic", topic.id)
    assert _found(room_db, "归入议题") == {"slip": {merged.id}}
    recycle.delete_slips(room_db, [ids["slip"]])
    assert _found(room_db, "丁戊己") == {}
    with room_db.session() as s:
        s.get_one(Speech, s.scalars(select(Speech.id)).one()).deleted = True
    assert _found(room_db, "寅卯辰") == {}


def test_edits_are_followed(room_db: Database) -> None:
    ids = _records(room_db)
    with room_db.session() as s:
        s.get_one(Topic, ids["topic"]).title = "改过的题目"
        s.get_one(OpinionSlip, ids["slip"]).content = "改过的采集表"
    assert _found(room_db, "甲乙丙") == {}
    assert _found(room_db, "改过的") == {"topic": {ids["topic"]}, "slip": {ids["slip"]}}


def test_names_are_found_by_pinyin(room_db: Database) -> None:
    ids = _records(room_db)
    for query in ("zs", "zhangsan", "zhsan", "ZS"):
        assert ids["member"] in _found(room_db, query).get("member", set()), query
    assert ids["participant"] in _found(room_db, "ls")["participant"]
    assert "member" not in _found(room_db, "zx")
    # A resident added after the last search (the pinyin table fills in as it searches).
    with room_db.session() as s:
        late = add_participant(s, room_id_of(room_db), "曾小华")
    assert late.id in _found(room_db, "zxh")["participant"]
    assert late.id in _found(room_db, "cengxh")["participant"]  # 曾 read either way


def test_a_room_sees_its_own_records_and_the_roster(room_db: Database) -> None:
    ids = _records(room_db)
    elsewhere = Scope(room_id="another-room")
    assert _found(room_db, "丁戊己", scope=elsewhere) == {}
    assert _found(room_db, "张三", scope=elsewhere) == {"member": {ids["member"]}}


def test_an_imported_bundle_is_searchable(pair: Pair, tmp_path: Path) -> None:
    topic_id = add_room_topic(pair.room, "从议事室导入的议题")
    send(pair.room, pair.district, tmp_path / "bundles")
    assert _found(pair.district, "导入的议题") == {"topic": {topic_id}}


def test_records_written_outside_a_session_are_indexed_when_searched(
    room_db: Database,
) -> None:
    ids = _records(room_db)
    with room_db.engine.begin() as connection:  # by hand: no session, so no drain at commit
        connection.exec_driver_sql(
            "UPDATE topic SET title = '手工改过的题目' WHERE id = ?", (ids["topic"],)
        )
        queued = connection.exec_driver_sql("SELECT kind, record_id FROM search_queue").all()
    assert queued == [("topic", ids["topic"])]
    assert _index_problems(room_db) == []  # due, not wrong
    assert _found(room_db, "手工改过") == {"topic": {ids["topic"]}}
    with room_db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM search_queue").scalar() == 0


def test_a_session_leaves_nothing_queued_when_it_commits(room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        topics = [add_topic(s, room, f"批量议题{n}号") for n in range(50)]
    with room_db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM search_queue").scalar() == 0
    hits = search(room_db, "批量议题", per_kind=100)[0].hits
    assert [h.opens_id for h in hits] == [t.id for t in reversed(topics)]  # newest first


def _index_problems(db: Database) -> list[str]:
    return [p.message for p in run_checks(db) if p.check == "search_index"]


def test_check_reports_an_index_out_of_step_and_repair_rebuilds_it(room_db: Database) -> None:
    ids = _records(room_db)
    assert _index_problems(room_db) == []
    with room_db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER search_topic_topic_update")
        connection.exec_driver_sql("DELETE FROM search_text WHERE kind = 'slip'")
    with room_db.session() as s:
        s.get_one(Topic, ids["topic"]).title = "触发器不在时改的题目"
    assert len(_index_problems(room_db)) == 3  # the trigger, the slips, the stale topic
    assert _found(room_db, "丁戊己") == {}
    assert repair(room_db) > 0
    assert _index_problems(room_db) == []
    assert _found(room_db, "丁戊己") == {"slip": {ids["slip"]}}
    assert _found(room_db, "触发器不在时") == {"topic": {ids["topic"]}}


def test_repair_search_from_the_command_line(
    room_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    add_room_topic(room_db, "命令行重建的议题")
    with room_db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM search_text")
    home = room_db.home
    room_db.close()
    assert cli.main(["--home", str(home.root), "check"]) == 1
    assert "--repair-search" in capsys.readouterr().out
    assert cli.main(["--home", str(home.root), "check", "--repair-search"]) == 0
    assert "已重建搜索索引：1 条记录" in capsys.readouterr().out
    assert cli.main(["--home", str(home.root), "check"]) == 0
