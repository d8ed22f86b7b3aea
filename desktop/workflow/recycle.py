"""回收站: deleting topics and opinion slips as tombstones, and restoring any record exactly.

A delete only sets the `deleted` flag (the stamping hook re-versions the row, so the delete
travels in the room's next bundle like any edit); a restore clears it again and travels the
same way. Nothing else is touched, so a restore puts back exactly what was there.

What a deleted topic means for the records hanging under it:
- its slips stay merged (`topic_id` kept) and leave the slip list with it; restoring the topic
  brings them back merged as they were. A secretary who wants the slips back in the open list
  separates them first (slips.separate_slips); the confirmation says so.
- its claims stay as they are: duty scoring already skips claims on deleted topics, and a
  restore makes them count again.
- a topic on the agenda of a meeting not cancelled is refused: a planned one must drop it from
  its agenda first, a held one has consulted on it (the minutes name it).
A deleted meeting (workflow.meetings.delete_meeting) keeps its agenda; restoring it waits for
any topic of that agenda deleted meanwhile to be restored first.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import AgendaItem, Meeting, OpinionSlip, Topic
from desktop.models.base import Synced
from desktop.models.enums import MeetingStatus
from desktop.rules import RuleError
from desktop.rules.topics import DISCUSSED_OR_LATER
from desktop.workflow import slips as slip_rules
from desktop.workflow.stale import check_unchanged, still_there

# The kinds a bin entry names, by table: what `restore` takes.
TOPIC = Topic.__tablename__
SLIP = OpinionSlip.__tablename__
MEETING = Meeting.__tablename__
_MODELS: dict[str, type[Topic] | type[OpinionSlip] | type[Meeting]] = {
    TOPIC: Topic,
    SLIP: OpinionSlip,
    MEETING: Meeting,
}


def _agenda_meeting(session: Session, topic: Topic) -> Meeting | None:
    """A live, not cancelled meeting whose agenda holds the topic (held ones first)."""
    meetings = session.scalars(
        select(Meeting)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(
            AgendaItem.topic_id == topic.id,
            AgendaItem.deleted.is_(False),
            Meeting.deleted.is_(False),
            Meeting.status != MeetingStatus.CANCELLED,
        )
    ).all()
    held = [m for m in meetings if m.status is not MeetingStatus.PLANNED]
    chosen = held or meetings
    return chosen[0] if chosen else None


def check_topic_deletable(session: Session, topic: Topic) -> None:
    """Refuse deleting a topic consulted on, or on a meeting's agenda (see the module doc)."""
    if topic.status in DISCUSSED_OR_LATER:
        raise RuleError(
            f"议题「{topic.title}」已协商（当前为「{topic.status.label}」），"
            "其协商和落实记录须保留，不能删除"
        )
    meeting = _agenda_meeting(session, topic)
    if meeting is None:
        return
    name = meeting.title or "未命名的议事活动"
    if meeting.status is MeetingStatus.PLANNED:
        raise RuleError(
            f"议题「{topic.title}」已列入议事活动「{name}」的议程，请先从议程中移除再删除"
        )
    raise RuleError(f"议题「{topic.title}」已在议事活动「{name}」中协商，不能删除")


def delete_topic(db: Database, topic_id: str, *, expected_revision: int | None = None) -> None:
    """The topic to the 回收站; its slips and claims stay with it (see the module doc)."""
    with db.session() as session:
        topic = still_there(session, Topic, topic_id)
        if topic.deleted:
            raise RuleError("该议题已在回收站中")
        check_unchanged(session, topic, expected_revision)
        check_topic_deletable(session, topic)
        topic.deleted = True


def delete_slips(db: Database, slip_ids: Sequence[str]) -> None:
    """The chosen slips to the 回收站, all or none. A merged slip keeps its topic, so a
    restore puts it back into that topic."""
    if not slip_ids:
        raise RuleError("请至少选择一张社情民意采集表")
    with db.session() as session:
        for slip_id in slip_ids:
            slip = still_there(session, OpinionSlip, slip_id)
            if slip.deleted:
                raise RuleError("所选的采集表已在回收站中")
            slip_rules.check_slip_changeable(session, slip, doing="删除")
            slip.deleted = True


def restore(db: Database, kind: str, record_id: str) -> None:
    """Take the record out of the 回收站, exactly as it was deleted."""
    model = _MODELS.get(kind)
    if model is None:
        raise RuleError("回收站中没有这类记录")
    with db.session() as session:
        record: Synced = still_there(session, model, record_id)
        if not record.deleted:
            raise RuleError("该记录已不在回收站中（可能已恢复）")
        if isinstance(record, OpinionSlip) and record.topic_id is not None:
            topic = session.get(Topic, record.topic_id)
            if topic is not None and topic.deleted:
                raise RuleError(f"该采集表归入的议题「{topic.title}」也在回收站中，请先恢复该议题")
        if isinstance(record, Meeting):
            # Its agenda stayed as it was; a topic deleted since would hang there unseen.
            gone = session.scalars(
                select(Topic.title)
                .join(AgendaItem, AgendaItem.topic_id == Topic.id)
                .where(
                    AgendaItem.meeting_id == record.id,
                    AgendaItem.deleted.is_(False),
                    Topic.deleted.is_(True),
                )
            ).first()
            if gone is not None:
                raise RuleError(f"该活动议程中的议题「{gone}」在回收站中，请先恢复该议题")
        record.deleted = False
