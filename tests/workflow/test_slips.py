"""Entering opinion slips: each refusal names its field; merging and attaching by id."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import OpinionSlip, Participant, Topic
from desktop.models.enums import ParticipantKind, TopicSource
from desktop.workflow import RuleError
from desktop.workflow import slips as rules

TODAY = date(2026, 11, 29)


def room_of(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def add_person(db: Database, kind: ParticipantKind, name: str = "严红") -> str:
    with db.session() as session:
        person = Participant(room_id=room_of(db), name=name, kind=kind)
        session.add(person)
        session.flush()
        return person.id


def enter(db: Database, **fields: object) -> str:
    values: dict[str, object] = {
        "room_id": room_of(db),
        "collected_on": TODAY,
        "content": "楼道灯坏了",
        "reporter_name": "张三",
        "today": TODAY,
    }
    values.update(fields)
    with db.session() as session:
        slip = rules.create_slip(session, **values)  # type: ignore[arg-type]
        session.flush()
        return slip.id


def test_a_slip_is_stored_trimmed(room_db: Database) -> None:
    worker = add_person(room_db, ParticipantKind.GRID_WORKER)
    slip_id = enter(
        room_db,
        grid=" 第一网格 ",
        collector_id=worker,
        content="  楼道灯坏了  ",
        category="社会治理",
    )
    with room_db.session() as session:
        slip = session.get(OpinionSlip, slip_id)
        assert slip is not None
        assert (slip.grid, slip.collector_id, slip.content, slip.reporter_name) == (
            "第一网格",
            worker,
            "楼道灯坏了",
            "张三",
        )
        assert slip.category == "社会治理" and not slip.anonymous and slip.topic_id is None


def test_anonymous_slips_keep_no_name(room_db: Database) -> None:
    slip_id = enter(room_db, reporter_name="张三", anonymous=True, category="")
    with room_db.session() as session:
        slip = session.get(OpinionSlip, slip_id)
        assert slip is not None and slip.anonymous and slip.reporter_name is None
        assert slip.category is None and slip.grid is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"content": "   "}, "content", "请填写反映内容"),
        ({"collected_on": None}, "collected_on", "请填写采集日期"),
        ({"collected_on": date(2026, 11, 30)}, "collected_on", "不能晚于今天"),
        ({"reporter_name": ""}, "reporter", "匿名"),
        ({"grid": "网" * 51}, "grid", "网格名称"),
        ({"category": "类" * 51}, "category", "类别"),
        ({"reporter_name": "名" * 51}, "reporter", "反映人"),
    ],
)
def test_refusals_name_their_field(
    room_db: Database, fields: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(rules.SlipFieldError, match=message) as refused:
        enter(room_db, **fields)
    assert refused.value.field == field
    with room_db.session() as session:
        assert session.scalars(select(OpinionSlip)).all() == []


def test_the_collector_must_be_a_grid_worker_of_the_room(room_db: Database) -> None:
    resident = add_person(room_db, ParticipantKind.RESIDENT, "王五")
    with pytest.raises(rules.SlipFieldError, match="网格员") as refused:
        enter(room_db, collector_id=resident)
    assert refused.value.field == "collector"


def test_merge_and_attach_by_id(room_db: Database) -> None:
    first, second, third = (enter(room_db, content=c) for c in ("灯坏了", "灯不亮", "路灯暗"))
    with room_db.session() as session:
        topic = rules.merge_into_new_topic(
            session, [first, second], title="路灯不亮", raised_on=TODAY
        )
        session.flush()
        topic_id = topic.id
    with room_db.session() as session:
        rules.attach_to_topic(session, [third], topic_id=topic_id)
    with room_db.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None and topic.source is TopicSource.GRID
        assert topic.description == "1. 灯坏了\n2. 灯不亮"
        linked = session.scalars(select(OpinionSlip.id).where(OpinionSlip.topic_id == topic_id))
        assert set(linked) == {first, second, third}


def test_merging_a_slip_twice_is_refused(room_db: Database) -> None:
    slip = enter(room_db)
    with room_db.session() as session:
        rules.merge_into_new_topic(session, [slip], title="灯", raised_on=TODAY)
    with pytest.raises(RuleError, match="已归入其他议题"), room_db.session() as session:
        rules.merge_into_new_topic(session, [slip], title="又一个", raised_on=TODAY)
    with pytest.raises(RuleError, match="至少选择"), room_db.session() as session:
        rules.attach_to_topic(session, [], topic_id="x")
