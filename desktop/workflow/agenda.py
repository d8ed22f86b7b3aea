"""Recording a meeting: its details, agenda, speeches, consensus, outcomes and status moves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from desktop import clock
from desktop.db import Database
from desktop.models import AgendaItem, Meeting, Outcome, Speech, Topic
from desktop.models.base import new_id
from desktop.models.enums import Consensus, MeetingForm, MeetingStatus, TopicSource, TopicStatus
from desktop.rules import RuleError
from desktop.rules.meetings import HELD_STATUSES
from desktop.rules.topics import AGENDA_READY, DISCUSSED_OR_LATER, IMMEDIATE_READY
from desktop.workflow import meetings as meeting_rules
from desktop.workflow import topics as topic_rules
from desktop.workflow.meetings import Amending
from desktop.workflow.stale import check_unchanged, still_there

# Topics a secretary may put on an agenda; immediate ones (即时性协商) also straight from 征集/初选.
DETAIL_FIELDS = (
    "title",
    "held_on",
    "start_time",
    "end_time",
    "place",
    "form",
    "host_name",
    "recorder_name",
)


def create_meeting(
    session: Session,
    *,
    room_id: str,
    held_on: date,
    form: MeetingForm = MeetingForm.ONSITE,
    title: str = "",
    meeting_id: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> Meeting:
    """A planned meeting; half-filled is fine, the rules only check status moves.

    `meeting_id` and `details`: the editor of a new meeting names the row before it exists
    and creates it with what was typed first, in one insert (nothing typed, no row).
    """
    meeting = Meeting(
        id=meeting_id or new_id(),
        room_id=room_id,
        held_on=held_on,
        form=form,
        title=title.strip(),
        status=MeetingStatus.PLANNED,
    )
    if details:
        update_details(meeting, **details)
    session.add(meeting)
    session.flush()
    return meeting


class TimesOutOfOrder(RuleError):
    """The end time typed is before the start time (shown next to the times)."""


def _check_outcomes_after(meeting: Meeting, held_on: date) -> None:
    """An outcome cannot be completed or fed back before the consultation it came from, so a
    meeting's date cannot move past its outcomes' dates (minutes amended late)."""
    session = object_session(meeting)
    if session is None:
        return
    for field, what in ((Outcome.completed_on, "办结"), (Outcome.fed_back_on, "反馈")):
        row = session.execute(
            select(Outcome.content, field)
            .join(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
            .where(
                AgendaItem.meeting_id == meeting.id,
                Outcome.deleted.is_(False),
                field < held_on,
            )
            .order_by(field)
            .limit(1)
        ).first()
        if row is not None:
            content, day = row
            named = content if len(content) <= 20 else f"{content[:20]}…"
            raise RuleError(
                f"协商成果「{named}」已于 {day:%Y年%m月%d日} {what}，活动日期不能晚于这一天"
            )


def update_details(meeting: Meeting, **values: Any) -> list[str]:
    """Set the meeting's details; returns the names of the fields that really changed."""
    unknown = set(values) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"unknown meeting fields: {sorted(unknown)}")
    start: time | None = values.get("start_time", meeting.start_time)
    end: time | None = values.get("end_time", meeting.end_time)
    if start is not None and end is not None and end < start:
        raise TimesOutOfOrder(f"结束时间 {end:%H:%M} 早于开始时间 {start:%H:%M}，请改正后再保存")
    held_on: date | None = values.get("held_on")
    if (
        held_on is not None
        and meeting.status is not MeetingStatus.PLANNED
        and held_on > clock.today()
    ):
        raise RuleError(f"活动已召开，日期不能晚于今天（{clock.today():%Y年%m月%d日}）")
    if held_on is not None and held_on != meeting.held_on:
        _check_outcomes_after(meeting, held_on)
    changed = []
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
            changed.append(name)
    return changed


def change_status(
    session: Session, meeting: Meeting, target: MeetingStatus, *, today: date | None = None
) -> None:
    """Move a meeting; once held, its agenda topics are 已协商 (discussed)."""
    if target is MeetingStatus.MINUTES_FINAL:
        meeting_rules.finalise(meeting)
        return
    meeting_rules.transition(meeting, target, today=today)
    if target is MeetingStatus.HELD:
        for item in _items(session, meeting.id):
            topic = session.get_one(Topic, item.topic_id)
            if topic.status not in DISCUSSED_OR_LATER:
                topic_rules.transition(topic, TopicStatus.DISCUSSED)


def _items(session: Session, meeting_id: str) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted.is_(False))
            .order_by(AgendaItem.position)
        )
    )


def add_topic(session: Session, meeting: Meeting, topic: Topic) -> AgendaItem:
    """Put a topic of the meeting's room at the end of the agenda."""
    if topic.room_id != meeting.room_id:
        raise RuleError("只能把本议事室的议题列入议程")
    ready = topic.status in AGENDA_READY or (topic.immediate and topic.status in IMMEDIATE_READY)
    if not ready:
        raise RuleError(
            f"议题「{topic.title}」当前为「{topic.status.label}」，"
            "须已初选、公告或认领（即时性协商除外）才能列入议程"
        )
    if meeting.status in HELD_STATUSES and (topic.status not in DISCUSSED_OR_LATER):
        # Recorded after the meeting: the topic was consulted on all the same.
        topic_rules.transition(topic, TopicStatus.DISCUSSED)
    position = len(_items(session, meeting.id)) + 1
    existing = session.scalar(
        select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.topic_id == topic.id
        )
    )
    if existing is not None:
        if not existing.deleted:
            raise RuleError(f"议题「{topic.title}」已在议程中")
        # The unique (meeting, topic) pair outlives a removal: bring the old row back.
        existing.deleted = False
        existing.position = position
        return existing
    # Ids are given here rather than at flush: amending final minutes needs the change and
    # the amendment in one flush, so these functions never flush on their own.
    item = AgendaItem(id=new_id(), meeting_id=meeting.id, topic_id=topic.id, position=position)
    session.add(item)
    return item


def add_immediate_topic(
    session: Session, meeting: Meeting, *, title: str, raised_on: date
) -> AgendaItem:
    """即时性协商: a topic raised on the spot goes straight onto the agenda."""
    topic = topic_rules.create_topic(
        session,
        room_id=meeting.room_id,
        title=title,
        source=TopicSource.RESIDENTS,
        raised_on=raised_on,
        immediate=True,
    )
    topic.id = new_id()
    return add_topic(session, meeting, topic)


def move_item(session: Session, item: AgendaItem, step: int) -> None:
    """Move an agenda item up (-1) or down (+1); at either end nothing moves."""
    items = _items(session, item.meeting_id)
    index = next(i for i, other in enumerate(items) if other.id == item.id)
    target = index + step
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    _renumber(items)


def _renumber(items: list[AgendaItem]) -> None:
    for position, other in enumerate(items, 1):
        if other.position != position:
            other.position = position


def remove_item(session: Session, item: AgendaItem) -> None:
    """Take a topic off the agenda, unless something was already recorded on it."""
    speeches = session.scalar(
        select(func.count(Speech.id)).where(
            Speech.agenda_item_id == item.id, Speech.deleted.is_(False)
        )
    )
    outcomes = session.scalar(
        select(func.count(Outcome.id)).where(
            Outcome.agenda_item_id == item.id, Outcome.deleted.is_(False)
        )
    )
    if speeches or outcomes:
        raise RuleError("该议程已有发言或成果，不能移除")
    item.deleted = True
    _renumber([other for other in _items(session, item.meeting_id) if other.id != item.id])


def add_speech(
    session: Session,
    item: AgendaItem,
    *,
    speaker_name: str,
    summary: str,
    member_id: str | None = None,
    participant_id: str | None = None,
) -> Speech:
    # A NUL is nothing a person typed, and SQLite's length() stops at it (the CHECK fails).
    speaker_name = speaker_name.replace("\x00", "").strip()
    summary = summary.replace("\x00", "").strip()
    if not speaker_name:
        raise RuleError("请填写发言人")
    if not summary:
        raise RuleError("请填写发言要点")
    count = session.scalar(select(func.count(Speech.id)).where(Speech.agenda_item_id == item.id))
    speech = Speech(
        agenda_item_id=item.id,
        position=(count or 0) + 1,
        speaker_name=speaker_name,
        summary=summary,
        member_id=member_id,
        participant_id=participant_id,
    )
    session.add(speech)
    return speech


def remove_speech(speech: Speech) -> None:
    speech.deleted = True


def set_consensus(
    item: AgendaItem,
    *,
    consensus: Consensus | None,
    text: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstain: int | None = None,
) -> bool:
    """The conclusion on one agenda item; returns whether anything changed."""
    values: dict[str, Any] = {
        "consensus": consensus,
        "consensus_text": text.strip(),
        "votes_for": votes_for,
        "votes_against": votes_against,
        "votes_abstain": votes_abstain,
    }
    if any(v is not None and v < 0 for k, v in values.items() if k.startswith("votes")):
        raise RuleError("表决人数不能为负数")
    changed = False
    for name, value in values.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed = True
    return changed


def add_outcome(
    session: Session,
    item: AgendaItem,
    *,
    content: str,
    responsible_unit: str = "",
    responsible_person: str = "",
    deadline: date | None = None,
) -> Outcome:
    """A recommendation from an agenda item, followed up on the outcomes page."""
    content = content.strip()
    if not content:
        raise RuleError("请填写成果内容")
    meeting = session.get_one(Meeting, item.meeting_id)
    if deadline is not None and deadline < meeting.held_on:
        raise RuleError("办理时限不能早于活动日期")
    outcome = Outcome(
        room_id=meeting.room_id,
        agenda_item_id=item.id,
        content=content,
        responsible_unit=responsible_unit.strip(),
        responsible_person=responsible_person.strip(),
        deadline=deadline,
    )
    session.add(outcome)
    return outcome


def remove_outcome(outcome: Outcome) -> None:
    if outcome.status is not outcome.status.PENDING:
        raise RuleError("成果已开始办理，不能删除")
    outcome.deleted = True


# What the meeting editor does, each in one unit of work by ids; `amending` carries the reason
# when the minutes are final (desktop.workflow.meetings.edit).


def plan_meeting(
    db: Database,
    room_id: str,
    *,
    held_on: date,
    meeting_id: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> str:
    """A new planned meeting of the room; its id (see create_meeting)."""
    with db.session() as session:
        return create_meeting(
            session, room_id=room_id, held_on=held_on, meeting_id=meeting_id, details=details
        ).id


def set_meeting_status(db: Database, meeting_id: str, *, target: MeetingStatus) -> None:
    with db.session() as session:
        change_status(session, still_there(session, Meeting, meeting_id), target)


@dataclass(frozen=True)
class ConsensusDraft:
    """The consensus fields of one agenda item as typed."""

    item_id: str
    consensus: Consensus | None
    text: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    # The item's revision when the editor loaded it; a later change by anyone else refuses.
    revision: int | None = None


@dataclass(frozen=True)
class DraftSaved:
    """A saved draft: whether anything changed (its truth) and the revisions now stored,
    which the editor expects at its next save."""

    changed: bool
    revision: int
    item_revision: int | None = None

    def __bool__(self) -> bool:
        return self.changed


def save_draft(
    db: Database,
    meeting_id: str,
    *,
    details: Mapping[str, Any],
    consensus: ConsensusDraft | None = None,
    amending: Amending | None = None,
    expected_revision: int | None = None,
) -> DraftSaved:
    """What was typed in the details and one item's consensus; true when anything changed.

    With `expected_revision` (the meeting's) and the draft's item revision, a record changed
    since the editor loaded it is refused (StaleEditError) and nothing is written.
    """
    saved: list[Meeting | AgendaItem] = []

    def save(session: Session, meeting: Meeting) -> bool:
        saved.append(meeting)
        changed = bool(update_details(meeting, **details))
        if consensus is not None:
            item = still_there(session, AgendaItem, consensus.item_id)
            check_unchanged(session, item, consensus.revision)
            saved.append(item)
            changed |= set_consensus(
                item,
                consensus=consensus.consensus,
                text=consensus.text,
                votes_for=consensus.votes_for,
                votes_against=consensus.votes_against,
                votes_abstain=consensus.votes_abstain,
            )
        return changed

    changed = meeting_rules.edit(
        db, meeting_id, change=save, amending=amending, expected_revision=expected_revision
    )
    # Stamped at the flush; the objects keep their values after the commit.
    return DraftSaved(
        changed=changed,
        revision=saved[0].revision,
        item_revision=saved[1].revision if len(saved) > 1 else None,
    )


def put_on_agenda(
    db: Database, meeting_id: str, *, topic_id: str, amending: Amending | None = None
) -> None:
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, m: add_topic(s, m, still_there(s, Topic, topic_id)),
        amending=amending,
    )


def put_immediate_on_agenda(
    db: Database, meeting_id: str, *, title: str, amending: Amending | None = None
) -> None:
    """即时性协商, raised on the day of the meeting."""
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, m: add_immediate_topic(s, m, title=title, raised_on=m.held_on),
        amending=amending,
    )


def reorder_agenda(
    db: Database, meeting_id: str, *, item_id: str, step: int, amending: Amending | None = None
) -> None:
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, _m: move_item(s, still_there(s, AgendaItem, item_id), step),
        amending=amending,
    )


def take_off_agenda(
    db: Database, meeting_id: str, *, item_id: str, amending: Amending | None = None
) -> None:
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, _m: remove_item(s, still_there(s, AgendaItem, item_id)),
        amending=amending,
    )


def record_speech(
    db: Database,
    meeting_id: str,
    *,
    item_id: str,
    speaker_name: str,
    summary: str,
    member_id: str | None = None,
    participant_id: str | None = None,
    amending: Amending | None = None,
) -> None:
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, _m: add_speech(
            s,
            still_there(s, AgendaItem, item_id),
            speaker_name=speaker_name,
            summary=summary,
            member_id=member_id,
            participant_id=participant_id,
        ),
        amending=amending,
    )


def delete_speech(
    db: Database, meeting_id: str, *, speech_id: str, amending: Amending | None = None
) -> None:
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, _m: remove_speech(still_there(s, Speech, speech_id)),
        amending=amending,
    )


def record_outcome(
    db: Database,
    meeting_id: str,
    *,
    item_id: str,
    content: str,
    responsible_unit: str = "",
    responsible_person: str = "",
    deadline: date | None = None,
    amending: Amending | None = None,
) -> None:
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, _m: add_outcome(
            s,
            still_there(s, AgendaItem, item_id),
            content=content,
            responsible_unit=responsible_unit,
            responsible_person=responsible_person,
            deadline=deadline,
        ),
        amending=amending,
    )


def delete_outcome(
    db: Database, meeting_id: str, *, outcome_id: str, amending: Amending | None = None
) -> None:
    meeting_rules.edit(
        db,
        meeting_id,
        change=lambda s, _m: remove_outcome(still_there(s, Outcome, outcome_id)),
        amending=amending,
    )
