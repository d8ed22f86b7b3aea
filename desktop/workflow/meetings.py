"""Meeting status changes, 定稿 and amendments to final minutes (the lock is in desktop.rules)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.models import AgendaItem, Amendment, Claim, Meeting, Topic
from desktop.models.base import utcnow
from desktop.models.enums import MeetingStatus, TopicStatus
from desktop.rules import RuleError
from desktop.rules.meetings import HELD_STATUSES, TAKE_BACKS, TRANSITIONS
from desktop.rules.topics import AGENDA_READY, IMMEDIATE_READY
from desktop.workflow import history
from desktop.workflow.stale import check_unchanged, still_there

M = MeetingStatus
T = TypeVar("T")


def transition(meeting: Meeting, target: MeetingStatus, *, today: date | None = None) -> None:
    allowed = TRANSITIONS[meeting.status]
    if target not in allowed and TAKE_BACKS.get(meeting.status) is target:
        raise RuleError(f"撤销「{meeting.status.label}」须填写理由，请使用“撤销”")
    if target not in allowed:
        final = meeting.status is M.MINUTES_FINAL
        names = "、".join(s.label for s in MeetingStatus if s in allowed) or (
            "无（记录已定稿）" if final else "无"
        )
        raise RuleError(
            f"议事活动当前状态为「{meeting.status.label}」，不能转为「{target.label}」；允许的转换：{names}"
        )
    if target is M.HELD and meeting.held_on > (today or clock.today()):
        raise RuleError(f"活动日期 {meeting.held_on:%Y年%m月%d日} 尚未到，不能标记为已召开")
    history.note(meeting, meeting.status, target)
    meeting.status = target


def finalise(meeting: Meeting, *, at: datetime | None = None) -> None:
    """定稿: lock the minutes; from now on every change needs an amendment with a reason."""
    transition(meeting, M.MINUTES_FINAL)
    meeting.finalised_at = at or utcnow()


def amend(session: Session, meeting: Meeting, *, reason: str, description: str) -> Amendment:
    """Record why final minutes change; the changes may go in the same unit of work."""
    if meeting.status is not M.MINUTES_FINAL:
        raise RuleError("记录尚未定稿，可直接修改，无需修订")
    reason = reason.strip()
    if not reason:
        raise RuleError("修改已定稿的记录须填写修改理由")
    amendment = Amendment(
        meeting_id=meeting.id, made_at=utcnow(), reason=reason, description=description.strip()
    )
    session.add(amendment)
    return amendment


@dataclass(frozen=True)
class Amending:
    """A change to final minutes: why they change (asked of the user once) and what changes."""

    reason: str
    description: str


def edit(
    db: Database,
    meeting_id: str,
    *,
    change: Callable[[Session, Meeting], T],
    amending: Amending | None = None,
    expected_revision: int | None = None,
) -> T:
    """One change to a meeting's record in one unit of work; the change's result.

    With `expected_revision` (what the editor loaded), a meeting changed since is refused
    with StaleEditError and nothing is written.

    Once the minutes are final, the same unit of work records the amendment with its reason,
    unless the change returns False (it changed nothing, so there is nothing to record).
    Without `amending` the lock refuses any change to final minutes.
    """
    with db.session() as session:
        meeting = still_there(session, Meeting, meeting_id)
        check_unchanged(session, meeting, expected_revision)
        if amending is None or meeting.status is not M.MINUTES_FINAL:
            return change(session, meeting)
        # Added first: the lock refuses any flush of changes without it.
        amendment = amend(
            session, meeting, reason=amending.reason, description=amending.description
        )
        # The lock wants the change and its amendment in one flush.
        with session.no_autoflush:
            result = change(session, meeting)
        if result is False and amendment in session.new:
            session.expunge(amendment)
        return result


# Taking a status back, and deleting a meeting not held -----------------------------------


def take_back(session: Session, meeting: Meeting, *, reason: str) -> MeetingStatus:
    """撤销已召开 / 撤销取消: back to 计划 with the reason in the history, until the minutes are
    final. Undoing 已召开 also puts its agenda's topics back where they stood before it."""
    back = TAKE_BACKS.get(meeting.status)
    if back is None:
        if meeting.status is M.MINUTES_FINAL:
            raise RuleError("记录已定稿，不能再撤销「已召开」；如需更正，请修改记录并说明理由")
        raise RuleError(f"议事活动当前为「{meeting.status.label}」，没有可撤销的操作")
    held = meeting.status in HELD_STATUSES
    reason = history.required_reason(reason, "撤销「已召开」" if held else "撤销「取消」")
    if held:
        _undiscuss_agenda(session, meeting, reason)
    history.note(meeting, meeting.status, back, reason)
    meeting.status = back
    return back


def _undiscuss_agenda(session: Session, meeting: Meeting, reason: str) -> None:
    """Holding made the agenda's topics 已协商; the hold undone, each goes back to the status
    noted before it (or, for records older than the history, what its claims and announcement
    say). A topic consulted at another held meeting stays 已协商; one already further on
    (办理中, 已落实, …) refuses the take-back: its later steps rest on the consultation."""
    S = TopicStatus
    topic_ids = session.scalars(
        select(AgendaItem.topic_id).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.deleted.is_(False)
        )
    ).all()
    for topic_id in topic_ids:
        topic = session.get_one(Topic, topic_id)
        if topic.status is not S.DISCUSSED:
            if topic.status in (S.COLLECTED, S.SHORTLISTED, S.ANNOUNCED, S.CLAIMED):
                continue
            raise RuleError(
                f"议题「{topic.title}」已进入「{topic.status.label}」，不能撤销本次活动的「已召开」"
            )
        elsewhere = session.scalar(
            select(Meeting.id)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .where(
                AgendaItem.topic_id == topic.id,
                AgendaItem.deleted.is_(False),
                Meeting.id != meeting.id,
                Meeting.deleted.is_(False),
                Meeting.status.in_(HELD_STATUSES),
            )
            .limit(1)
        )
        if elsewhere is not None:
            continue
        previous = _before_discussion(session, topic)
        history.note(topic, topic.status, previous, reason)
        topic.status = previous


def _before_discussion(session: Session, topic: Topic) -> TopicStatus:
    S = TopicStatus
    noted = history.last_move_to(session, topic.id, S.DISCUSSED)
    if noted is not None and (
        (previous := S(noted.from_status)) in AGENDA_READY
        or (topic.immediate and previous in IMMEDIATE_READY)
    ):
        return previous
    claimed = session.scalar(
        select(Claim.id).where(Claim.topic_id == topic.id, Claim.deleted.is_(False)).limit(1)
    )
    if claimed is not None:
        return S.CLAIMED
    if topic.announced_on is not None and topic.claim_deadline is not None:
        return S.ANNOUNCED
    return S.COLLECTED if topic.immediate else S.SHORTLISTED


def take_back_status(
    db: Database, meeting_id: str, *, reason: str, expected_revision: int | None = None
) -> MeetingStatus:
    """The editor's 撤销 (see take_back) in one unit of work; the status now."""
    with db.session() as session:
        meeting = still_there(session, Meeting, meeting_id)
        check_unchanged(session, meeting, expected_revision)
        return take_back(session, meeting, reason=reason)


def delete_meeting(db: Database, meeting_id: str, *, expected_revision: int | None = None) -> None:
    """删除活动: a meeting not held (计划 or 取消) goes to the 回收站 (the deleted flag; restoring
    clears it).

    Its agenda, sign-in list and attachments stay as they are, so a restore brings the whole
    meeting back. Nothing else needs undoing: putting a topic on a planned agenda does not
    change the topic (only holding the meeting does), and every list of a topic's meetings
    and of agenda candidates skips deleted meetings, so its topics are free for another
    agenda at once.
    """
    with db.session() as session:
        meeting = still_there(session, Meeting, meeting_id)
        check_unchanged(session, meeting, expected_revision)
        if meeting.deleted:
            raise RuleError("该议事活动已删除")
        if meeting.status not in (M.PLANNED, M.CANCELLED):
            raise RuleError(
                f"议事活动已{meeting.status.label}，不能删除；只有计划中或已取消的活动可以删除"
            )
        meeting.deleted = True
