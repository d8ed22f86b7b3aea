"""Topic lifecycle: 征集 → 初选 → 公告 → 认领 → 已协商 → 办理中 → 已落实/未落实/转报 → 已反馈."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import AgendaItem, Claim, Meeting, Member, OpinionSlip, Topic
from desktop.models.enums import TopicSource, TopicStatus
from desktop.rules import RuleError
from desktop.rules.topics import TAKE_BACKS, allowed_transitions
from desktop.workflow import history
from desktop.workflow.stale import check_unchanged, still_there

S = TopicStatus


def _labels(statuses: Iterable[TopicStatus]) -> str:
    ordered = [s for s in TopicStatus if s in set(statuses)]
    return "、".join(s.label for s in ordered) or "无（已是最终状态）"


def transition(topic: Topic, target: TopicStatus) -> None:
    """Move a topic, or raise RuleError naming the moves that are allowed from here."""
    allowed = allowed_transitions(topic)
    if target not in allowed:
        raise RuleError(
            f"议题「{topic.title}」当前状态为「{topic.status.label}」，不能转为「{target.label}」；"
            f"允许的转换：{_labels(allowed)}"
        )
    history.note(topic, topic.status, target)
    topic.status = target


def create_topic(
    session: Session,
    *,
    room_id: str,
    title: str,
    source: TopicSource,
    raised_on: date,
    description: str = "",
    category: str | None = None,
    immediate: bool = False,
    proposed_by_member_id: str | None = None,
) -> Topic:
    title = title.strip()
    if not title:
        raise RuleError("议题标题不能为空")
    if source is TopicSource.MEMBER and proposed_by_member_id is None:
        raise RuleError("委员荐题须注明推荐委员")
    if (
        proposed_by_member_id is not None
        and still_there(session, Member, proposed_by_member_id).deleted
    ):
        raise RuleError("推荐委员已不在名册中，请重新选择")
    topic = Topic(
        room_id=room_id,
        title=title,
        description=description.strip(),
        category=category,
        source=source,
        immediate=immediate,
        raised_on=raised_on,
        proposed_by_member_id=proposed_by_member_id,
        status=S.COLLECTED,
    )
    session.add(topic)
    return topic


def shortlist(topic: Topic) -> None:
    transition(topic, S.SHORTLISTED)


def announce(topic: Topic, *, on: date, claim_by: date) -> None:
    if claim_by < on:
        raise RuleError("认领截止日期不能早于公告日期")
    transition(topic, S.ANNOUNCED)
    topic.announced_on = on
    topic.claim_deadline = claim_by


def claim(
    session: Session, topic: Topic, *, member: Member, on: date, note: str | None = None
) -> Claim:
    """A member claims an announced topic; the first claim moves it to 认领."""
    if topic.status not in (S.ANNOUNCED, S.CLAIMED):
        raise RuleError(
            f"只有已公告的议题可以认领；议题「{topic.title}」当前为「{topic.status.label}」"
        )
    if topic.claim_deadline is not None and on > topic.claim_deadline:
        raise RuleError(f"认领已于 {topic.claim_deadline:%Y年%m月%d日} 截止")
    existing = session.scalar(
        select(Claim).where(Claim.topic_id == topic.id, Claim.member_id == member.id)
    )
    if existing is not None and not existing.deleted:
        raise RuleError(f"{member.name} 已认领此议题")
    if existing is not None:
        # Claimed again after a withdrawal: one row per member and topic (unique), revived.
        existing.deleted, existing.claimed_on, existing.note = False, on, note
        new_claim = existing
    else:
        new_claim = Claim(topic_id=topic.id, member_id=member.id, claimed_on=on, note=note)
        session.add(new_claim)
    if topic.status is S.ANNOUNCED:
        transition(topic, S.CLAIMED)
    return new_claim


def withdraw_claim(session: Session, topic: Topic, *, member: Member) -> None:
    """A member gives up a claim before the topic is discussed; the claim no longer counts
    in duty scoring (desktop.queries.duty reads live claims). The last claim withdrawn puts
    the topic back to 公告, open for claims again."""
    if topic.status not in (S.ANNOUNCED, S.CLAIMED):
        raise RuleError(f"议题「{topic.title}」当前为「{topic.status.label}」，已不能撤回认领")
    claim_row = session.scalar(
        select(Claim).where(
            Claim.topic_id == topic.id, Claim.member_id == member.id, Claim.deleted.is_(False)
        )
    )
    if claim_row is None:
        raise RuleError(f"{member.name} 没有认领此议题")
    claim_row.deleted = True
    session.flush()
    others = session.scalar(
        select(Claim.id).where(Claim.topic_id == topic.id, Claim.deleted.is_(False)).limit(1)
    )
    if others is None and topic.status is S.CLAIMED:
        # Not a move of the lifecycle table: the claim that made it 认领 is undone.
        history.note(topic, topic.status, S.ANNOUNCED)
        topic.status = S.ANNOUNCED


def take_back(session: Session, topic: Topic, *, reason: str) -> TopicStatus:
    """撤销初选 (back to 征集) or 撤销公告 (back to 初选), with the reason kept in the history;
    the status it went back to."""
    back = TAKE_BACKS.get(topic.status)
    if back is None:
        if topic.status is S.CLAIMED:
            raise RuleError(f"议题「{topic.title}」已有委员认领，须先撤回认领才能撤销公告")
        raise RuleError(f"议题「{topic.title}」当前为「{topic.status.label}」，没有可撤销的操作")
    reason = history.required_reason(reason, f"撤销「{topic.status.label}」")
    if back is S.COLLECTED and not topic.immediate:
        # Back in 征集 it may not stand on an agenda (desktop.rules.topics.AGENDA_READY).
        on_agenda = session.scalar(
            select(Meeting.title)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .where(
                AgendaItem.topic_id == topic.id,
                AgendaItem.deleted.is_(False),
                Meeting.deleted.is_(False),
            )
            .limit(1)
        )
        if on_agenda is not None:
            raise RuleError(
                f"议题「{topic.title}」已列入议事活动「{on_agenda or '（未命名）'}」的议程，"
                "请先从议程中移出"
            )
    history.note(topic, topic.status, back, reason)
    if topic.status is S.ANNOUNCED:
        topic.announced_on = None
        topic.claim_deadline = None
    topic.status = back
    return back


def decline(topic: Topic, *, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise RuleError("不予立项须填写理由")
    transition(topic, S.DECLINED)
    topic.decline_reason = reason


def merge_slips(
    session: Session,
    slips: list[OpinionSlip],
    *,
    title: str,
    raised_on: date,
    category: str | None = None,
) -> Topic:
    """Several opinion slips about a common issue become one grid topic (网格征题)."""
    if not slips:
        raise RuleError("请至少选择一张社情民意采集表")
    rooms = {slip.room_id for slip in slips}
    if len(rooms) != 1:
        raise RuleError("只能合并同一议事室的采集表")
    if taken := [s for s in slips if s.topic_id is not None]:
        raise RuleError(f"有 {len(taken)} 张采集表已归入其他议题")
    description = "\n".join(f"{i}. {s.content}" for i, s in enumerate(slips, 1))
    topic = create_topic(
        session,
        room_id=rooms.pop(),
        title=title,
        source=TopicSource.GRID,
        raised_on=raised_on,
        description=description,
        category=category or slips[0].category,
    )
    session.flush()
    for slip in slips:
        slip.topic_id = topic.id
    return topic


def attach_slips(topic: Topic, slips: list[OpinionSlip]) -> None:
    """Attach slips to an existing topic of the same room."""
    for slip in slips:
        if slip.room_id != topic.room_id:
            raise RuleError("只能归入同一议事室的议题")
        if slip.topic_id not in (None, topic.id):
            raise RuleError("该采集表已归入其他议题")
        slip.topic_id = topic.id


# The page's actions, each one unit of work on a topic named by id.


def live_topic(session: Session, topic_id: str, expected_revision: int | None = None) -> Topic:
    """The topic to change, or RuleError when it has been deleted meanwhile (StaleEditError
    when it changed since the page showed it at `expected_revision`)."""
    topic = session.get(Topic, topic_id)
    if topic is None or topic.deleted:
        raise RuleError("该议题已被删除")
    check_unchanged(session, topic, expected_revision)
    return topic


def raise_topic(
    db: Database,
    *,
    room_id: str,
    title: str,
    source: TopicSource,
    raised_on: date,
    description: str = "",
    category: str | None = None,
    immediate: bool = False,
    proposed_by_member_id: str | None = None,
) -> str:
    """A new topic (see create_topic); its id."""
    with db.session() as session:
        topic = create_topic(
            session,
            room_id=room_id,
            title=title,
            source=source,
            raised_on=raised_on,
            description=description,
            category=category,
            immediate=immediate,
            proposed_by_member_id=proposed_by_member_id,
        )
        session.flush()
        return topic.id


# `expected_revision` (optional): the topic's revision as the page showed it; an action on a
# topic changed since (another window, an import) is refused with who changed it and when.


def shortlist_topic(db: Database, topic_id: str, *, expected_revision: int | None = None) -> None:
    with db.session() as session:
        shortlist(live_topic(session, topic_id, expected_revision))


def announce_topic(
    db: Database,
    topic_id: str,
    *,
    on: date,
    claim_by: date,
    expected_revision: int | None = None,
) -> None:
    with db.session() as session:
        announce(live_topic(session, topic_id, expected_revision), on=on, claim_by=claim_by)


def claim_topic(
    db: Database,
    topic_id: str,
    *,
    member_id: str,
    on: date,
    expected_revision: int | None = None,
) -> None:
    with db.session() as session:
        topic = live_topic(session, topic_id, expected_revision)
        member = session.get(Member, member_id)
        if member is None or member.deleted:
            raise RuleError("该委员已被删除")
        claim(session, topic, member=member, on=on)


def unclaim_topic(
    db: Database, topic_id: str, *, member_id: str, expected_revision: int | None = None
) -> None:
    """撤回认领 from the topics page."""
    with db.session() as session:
        topic = live_topic(session, topic_id, expected_revision)
        member = session.get(Member, member_id)
        if member is None:
            raise RuleError("该委员已被删除")
        withdraw_claim(session, topic, member=member)


def consult_now(db: Database, topic_id: str, *, expected_revision: int | None = None) -> None:
    """即时性协商: an immediate topic is consulted on without announcement or claim."""
    with db.session() as session:
        topic = live_topic(session, topic_id, expected_revision)
        if not topic.immediate:
            raise RuleError("只有即时性协商议题可以直接协商；其他议题须列入议事活动的议程")
        transition(topic, S.DISCUSSED)


def take_back_topic(
    db: Database, topic_id: str, *, reason: str, expected_revision: int | None = None
) -> TopicStatus:
    """撤销初选 / 撤销公告 from the topics page (see take_back); the status it went back to."""
    with db.session() as session:
        return take_back(session, live_topic(session, topic_id, expected_revision), reason=reason)


def decline_topic(
    db: Database, topic_id: str, *, reason: str, expected_revision: int | None = None
) -> None:
    with db.session() as session:
        decline(live_topic(session, topic_id, expected_revision), reason=reason)


# Statuses in which a topic's own fields may still be corrected: once consulted on, the
# minutes and outcomes name it as it was.
EDITABLE = frozenset({S.COLLECTED, S.SHORTLISTED, S.ANNOUNCED, S.CLAIMED})


def edit_topic(
    db: Database,
    topic_id: str,
    *,
    title: str,
    source: TopicSource,
    raised_on: date,
    description: str = "",
    category: str | None = None,
    immediate: bool = False,
    proposed_by_member_id: str | None = None,
    expected_revision: int | None = None,
) -> None:
    """The topic's fields corrected as in the new-topic form, while it is not consulted on."""
    with db.session() as session:
        topic = live_topic(session, topic_id, expected_revision)
        if topic.status not in EDITABLE:
            raise RuleError(f"议题「{topic.title}」当前为「{topic.status.label}」，已不能修改")
        title = title.strip()
        if not title:
            raise RuleError("议题标题不能为空")
        if source is TopicSource.MEMBER and proposed_by_member_id is None:
            raise RuleError("委员荐题须注明推荐委员")
        if (
            proposed_by_member_id not in (None, topic.proposed_by_member_id)
            and still_there(session, Member, proposed_by_member_id).deleted
        ):
            raise RuleError("推荐委员已不在名册中，请重新选择")
        if immediate != topic.immediate and topic.status not in (S.COLLECTED, S.SHORTLISTED):
            # An announced topic goes the way of announcement and claims; switching would
            # leave its claims behind.
            raise RuleError(f"议题「{topic.title}」已公告，不能再改变是否为即时性协商")
        topic.title = title
        topic.source = source
        topic.raised_on = raised_on
        topic.description = description.strip()
        topic.category = category or None
        topic.immediate = immediate
        topic.proposed_by_member_id = proposed_by_member_id
