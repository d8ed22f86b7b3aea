"""Entering opinion slips (社情民意采集表) and turning them into topics, by id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import OpinionSlip, Participant, Topic
from desktop.models.enums import ParticipantKind
from desktop.rules import RuleError
from desktop.workflow import topics as topic_rules

# Column widths of the slip table: longer input is refused rather than cut off.
GRID_MAX = 50
NAME_MAX = 50
CATEGORY_MAX = 50


class SlipFieldError(RuleError):
    """A refused slip; `field` names the form field the message belongs beside."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


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
    today = today or clock.today()
    if collected_on is None:
        raise SlipFieldError("请填写采集日期", field="collected_on")
    if collected_on > today:
        raise SlipFieldError("采集日期不能晚于今天", field="collected_on")
    grid = grid.strip()
    if len(grid) > GRID_MAX:
        raise SlipFieldError(f"网格名称不能超过 {GRID_MAX} 个字", field="grid")
    if collector_id is not None:
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
    slip = OpinionSlip(
        room_id=room_id,
        collected_on=collected_on,
        grid=grid or None,
        collector_id=collector_id,
        reporter_name=reporter or None,
        anonymous=anonymous,
        content=content,
        category=category or None,
    )
    session.add(slip)
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
