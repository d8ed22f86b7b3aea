"""Entering opinion slips (社情民意采集表) and turning them into topics, by id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import OpinionSlip, Participant, Topic
from desktop.models.enums import ParticipantKind
from desktop.rules import RuleError
from desktop.rules.topics import DISCUSSED_OR_LATER
from desktop.workflow import topics as topic_rules
from desktop.workflow.stale import check_unchanged, still_there

# Column widths of the slip table: longer input is refused rather than cut off.
GRID_MAX = 50
NAME_MAX = 50
CATEGORY_MAX = 50


class SlipFieldError(RuleError):
    """A refused slip; `field` names the form field the message belongs beside."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def _checked_fields(
    session: Session,
    *,
    room_id: str,
    collected_on: date | None,
    content: str,
    grid: str,
    collector_id: str | None,
    reporter_name: str,
    anonymous: bool,
    category: str,
    today: date,
    kept_collector: str | None = None,
) -> dict[str, Any]:
    """The slip's columns as typed, checked; every refusal names its field. `kept_collector`
    (an edit's stored collector) passes even when the grid worker has left since."""
    if collected_on is None:
        raise SlipFieldError("请填写采集日期", field="collected_on")
    if collected_on > today:
        raise SlipFieldError("采集日期不能晚于今天", field="collected_on")
    grid = grid.strip()
    if len(grid) > GRID_MAX:
        raise SlipFieldError(f"网格名称不能超过 {GRID_MAX} 个字", field="grid")
    if collector_id is not None and collector_id != kept_collector:
        collector = session.get(Participant, collector_id)
        if (
            collector is None
            or collector.deleted
            or collector.room_id != room_id
            or collector.kind is not ParticipantKind.GRID_WORKER
        ):
            raise SlipFieldError("网格员须是本议事室登记的网格员", field="collector")
    content = content.strip()
    if not content:
        raise SlipFieldError("请填写反映内容", field="content")
    reporter = reporter_name.strip()
    if anonymous:
        reporter = ""
    elif not reporter:
        raise SlipFieldError("请填写反映人，或勾选“匿名”", field="reporter")
    elif len(reporter) > NAME_MAX:
        raise SlipFieldError(f"反映人姓名不能超过 {NAME_MAX} 个字", field="reporter")
    category = category.strip()
    if len(category) > CATEGORY_MAX:
        raise SlipFieldError(f"类别不能超过 {CATEGORY_MAX} 个字", field="category")
    return {
        "collected_on": collected_on,
        "grid": grid or None,
        "collector_id": collector_id,
        "reporter_name": reporter or None,
        "anonymous": anonymous,
        "content": content,
        "category": category or None,
    }


def create_slip(
    session: Session,
    *,
    room_id: str,
    collected_on: date | None,
    content: str,
    grid: str = "",
    collector_id: str | None = None,
    reporter_name: str = "",
    anonymous: bool = False,
    category: str = "",
    today: date | None = None,
) -> OpinionSlip:
    """Check one paper slip as typed and add it; every refusal names its field."""
    fields = _checked_fields(
        session,
        room_id=room_id,
        collected_on=collected_on,
        content=content,
        grid=grid,
        collector_id=collector_id,
        reporter_name=reporter_name,
        anonymous=anonymous,
        category=category,
        today=today or clock.today(),
    )
    slip = OpinionSlip(room_id=room_id, **fields)
    session.add(slip)
    return slip


def check_slip_changeable(session: Session, slip: OpinionSlip, *, doing: str) -> None:
    """A slip of a topic consulted on is part of that record: refuse changing it."""
    if slip.topic_id is None:
        return
    topic = session.get(Topic, slip.topic_id)
    if topic is not None and topic.status in DISCUSSED_OR_LATER:
        raise RuleError(
            f"该采集表已归入议题「{topic.title}」，议题已协商（当前为「{topic.status.label}」），"
            f"不能{doing}"
        )


def live_slip(session: Session, slip_id: str, expected_revision: int | None = None) -> OpinionSlip:
    slip = still_there(session, OpinionSlip, slip_id)
    if slip.deleted:
        raise RuleError("该采集表已被删除")
    check_unchanged(session, slip, expected_revision)
    return slip


def _slips(session: Session, slip_ids: Sequence[str]) -> list[OpinionSlip]:
    rows = session.scalars(
        select(OpinionSlip).where(OpinionSlip.id.in_(slip_ids), OpinionSlip.deleted.is_(False))
    )
    by_id = {slip.id: slip for slip in rows}
    if missing := [i for i in slip_ids if i not in by_id]:
        raise RuleError(f"有 {len(missing)} 张采集表已被删除")
    return [by_id[i] for i in slip_ids]


def merge_into_new_topic(
    session: Session, slip_ids: Sequence[str], *, title: str, raised_on: date
) -> Topic:
    """网格征题: the chosen slips become one new topic (see workflow.topics.merge_slips)."""
    return topic_rules.merge_slips(
        session, _slips(session, slip_ids), title=title, raised_on=raised_on
    )


def attach_to_topic(session: Session, slip_ids: Sequence[str], *, topic_id: str) -> Topic:
    """The chosen slips join an existing topic of the same room."""
    if not slip_ids:
        raise RuleError("请至少选择一张社情民意采集表")
    topic = topic_rules.live_topic(session, topic_id)
    topic_rules.attach_slips(topic, _slips(session, slip_ids))
    return topic


# The page's actions, each one unit of work.


def enter_slip(
    db: Database,
    *,
    room_id: str,
    collected_on: date | None,
    content: str,
    grid: str = "",
    collector_id: str | None = None,
    reporter_name: str = "",
    anonymous: bool = False,
    category: str = "",
) -> str:
    """One paper slip as typed (see create_slip); its id."""
    with db.session() as session:
        slip = create_slip(
            session,
            room_id=room_id,
            collected_on=collected_on,
            content=content,
            grid=grid,
            collector_id=collector_id,
            reporter_name=reporter_name,
            anonymous=anonymous,
            category=category,
        )
        session.flush()
        return slip.id


def raise_grid_topic(db: Database, slip_ids: Sequence[str], *, title: str, raised_on: date) -> str:
    """网格征题 from the chosen slips; the new topic's id."""
    with db.session() as session:
        topic = merge_into_new_topic(session, slip_ids, title=title, raised_on=raised_on)
        session.flush()
        return topic.id


def attach_slips_to_topic(db: Database, slip_ids: Sequence[str], *, topic_id: str) -> None:
    with db.session() as session:
        attach_to_topic(session, slip_ids, topic_id=topic_id)


def edit_slip(
    db: Database,
    slip_id: str,
    *,
    collected_on: date | None,
    content: str,
    grid: str = "",
    collector_id: str | None = None,
    reporter_name: str = "",
    anonymous: bool = False,
    category: str = "",
    expected_revision: int | None = None,
) -> None:
    """The slip corrected as typed (the checks of create_slip); a slip of a topic consulted
    on is refused. A merged slip stays in its topic, whose description is not rewritten."""
    with db.session() as session:
        slip = live_slip(session, slip_id, expected_revision)
        check_slip_changeable(session, slip, doing="修改")
        fields = _checked_fields(
            session,
            room_id=slip.room_id,
            collected_on=collected_on,
            content=content,
            grid=grid,
            collector_id=collector_id,
            reporter_name=reporter_name,
            anonymous=anonymous,
            category=category,
            today=clock.today(),
            kept_collector=slip.collector_id,
        )
        for name, value in fields.items():
            setattr(slip, name, value)


def separate_slips(db: Database, slip_ids: Sequence[str]) -> list[str]:
    """取消合并: the chosen merged slips leave their topics and are open again; the titles of
    the topics they left. A topic left without slips is kept as it is (it may have been
    shortlisted or announced, and its description stays): deleting it is a separate choice."""
    if not slip_ids:
        raise RuleError("请至少选择一张社情民意采集表")
    titles: list[str] = []
    with db.session() as session:
        for slip_id in slip_ids:
            slip = live_slip(session, slip_id)
            if slip.topic_id is None:
                raise RuleError("所选的采集表尚未归入议题，无需取消合并")
            check_slip_changeable(session, slip, doing="取消合并")
            topic = session.get(Topic, slip.topic_id)
            if topic is not None and topic.title not in titles:
                titles.append(topic.title)
            slip.topic_id = None
    return titles


def check_new_slip(
    db: Database,
    *,
    room_id: str,
    collected_on: date | None,
    content: str,
    grid: str = "",
    collector_id: str | None = None,
    reporter_name: str = "",
    anonymous: bool = False,
    category: str = "",
) -> None:
    """The checks of create_slip without saving: a slip about to join others is checked
    before the title of their new topic is asked."""
    with db.session() as session:
        _checked_fields(
            session,
            room_id=room_id,
            collected_on=collected_on,
            content=content,
            grid=grid,
            collector_id=collector_id,
            reporter_name=reporter_name,
            anonymous=anonymous,
            category=category,
            today=clock.today(),
        )


def enter_slip_joining(
    db: Database,
    *,
    room_id: str,
    joining: Sequence[str],
    title: str = "",
    collected_on: date | None,
    content: str,
    grid: str = "",
    collector_id: str | None = None,
    reporter_name: str = "",
    anonymous: bool = False,
    category: str = "",
) -> tuple[str, str]:
    """共性问题: one paper slip entered together with the similar slips already received
    (`joining`), in one unit of work: when one of those is in a topic not yet consulted on, the
    new slip and the other open ones join it; otherwise they all become a new topic titled
    `title`. The new slip's id and the topic's."""
    with db.session() as session:
        slip = create_slip(
            session,
            room_id=room_id,
            collected_on=collected_on,
            content=content,
            grid=grid,
            collector_id=collector_id,
            reporter_name=reporter_name,
            anonymous=anonymous,
            category=category,
        )
        session.flush()
        others = _slips(session, joining)
        topics = {s.topic_id for s in others if s.topic_id is not None}
        if len(topics) > 1:
            raise RuleError("所选的相似采集表分属不同议题，请只选同一议题的采集表")
        if topics:
            topic = attach_to_topic(
                session,
                [slip.id, *(s.id for s in others if s.topic_id is None)],
                topic_id=topics.pop(),
            )
        else:
            topic = merge_into_new_topic(
                session, [*joining, slip.id], title=title, raised_on=clock.today()
            )
        session.flush()
        return slip.id, topic.id
