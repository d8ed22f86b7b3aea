"""共性问题: a slip entered together with similar slips joins their topic, or makes one with
them, in one unit of work; slips of two topics are refused and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import OpinionSlip, Topic
from desktop.workflow import RuleError
from desktop.workflow import slips as rules
from tests.workflow.test_slips import room_of

TODAY = date(2026, 11, 29)


def slip(db: Database, content: str) -> str:
    return rules.enter_slip(
        db, room_id=room_of(db), collected_on=TODAY, content=content, reporter_name="张三"
    )


def join(db: Database, joining: list[str], title: str = "") -> tuple[str, str]:
    return rules.enter_slip_joining(
        db,
        room_id=room_of(db),
        joining=joining,
        title=title,
        collected_on=TODAY,
        content="紫琅苑晚上停车没位置",
        anonymous=True,
    )


def test_open_similar_slips_and_the_new_one_become_a_topic(room_db: Database) -> None:
    first, second = slip(room_db, "紫琅苑停车难"), slip(room_db, "紫琅苑车停满消防通道")
    new, topic_id = join(room_db, [first, second], title="紫琅苑停车难")
    with room_db.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None and topic.title == "紫琅苑停车难"
        members = set(
            session.scalars(select(OpinionSlip.id).where(OpinionSlip.topic_id == topic_id))
        )
    assert members == {first, second, new}


def test_a_slip_like_one_in_a_topic_joins_that_topic(room_db: Database) -> None:
    merged, loose = slip(room_db, "紫琅苑停车难"), slip(room_db, "紫琅苑没车位")
    topic_id = rules.raise_grid_topic(room_db, [merged], title="停车", raised_on=TODAY)
    new, joined = join(room_db, [merged, loose])
    assert joined == topic_id
    with room_db.session() as session:
        members = set(
            session.scalars(select(OpinionSlip.id).where(OpinionSlip.topic_id == topic_id))
        )
    assert members == {merged, loose, new}


def test_slips_of_two_topics_are_refused_and_nothing_is_saved(room_db: Database) -> None:
    one, two = slip(room_db, "停车难"), slip(room_db, "没车位")
    rules.raise_grid_topic(room_db, [one], title="甲", raised_on=TODAY)
    rules.raise_grid_topic(room_db, [two], title="乙", raised_on=TODAY)
    with pytest.raises(RuleError, match="不同议题"):
        join(room_db, [one, two])
    with room_db.session() as session:
        assert session.scalar(select(func.count()).select_from(OpinionSlip)) == 2


def test_a_refused_field_names_it_before_anything_is_asked(room_db: Database) -> None:
    with pytest.raises(rules.SlipFieldError) as refused:
        rules.check_new_slip(
            room_db, room_id=room_of(room_db), collected_on=TODAY, content="路灯坏了"
        )
    assert refused.value.field == "reporter"
