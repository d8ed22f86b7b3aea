"""Rules between records: the same room, topic status, meetings and outcomes."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ColumnElement, Connection, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from desktop.checks.base import Context, Hit, live
from desktop.models import (
    Activity,
    AgendaItem,
    Attendance,
    Claim,
    MediationCase,
    Meeting,
    OpinionSlip,
    Outcome,
    Participant,
    Room,
    Topic,
)
from desktop.models.enums import AttendanceStatus, MeetingStatus, OutcomeStatus, TopicStatus
from desktop.rules.meetings import HELD_STATUSES
from desktop.rules.topics import DISCUSSED_OR_LATER

# --- records of the same room -----------------------------------------------------------


def same_room(connection: Connection, ctx: Context) -> list[Hit]:
    room_a, room_b = aliased(Room), aliased(Room)
    hits: list[Hit] = []

    agenda = (
        select(AgendaItem.id, room_a.name, room_b.name)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Topic, Topic.id == AgendaItem.topic_id)
        .join(room_a, room_a.id == Topic.room_id)
        .join(room_b, room_b.id == Meeting.room_id)
        .where(live(AgendaItem), Topic.room_id != Meeting.room_id)
    )
    for record_id, topic_room, meeting_room in connection.execute(agenda):
        hits.append(
            Hit(
                "agenda_topic_room",
                "agenda_item",
                record_id,
                f"的议题属于「{topic_room}」，不属于活动所在的「{meeting_room}」",
            )
        )

    slips = (
        select(OpinionSlip.id, room_a.name, room_b.name)
        .join(Topic, Topic.id == OpinionSlip.topic_id)
        .join(room_a, room_a.id == Topic.room_id)
        .join(room_b, room_b.id == OpinionSlip.room_id)
        .where(live(OpinionSlip), Topic.room_id != OpinionSlip.room_id)
    )
    for record_id, topic_room, slip_room in connection.execute(slips):
        hits.append(
            Hit(
                "slip_topic_room",
                "opinion_slip",
                record_id,
                f"归入的议题属于「{topic_room}」，不属于采集表所在的「{slip_room}」",
            )
        )

    attendees = (
        select(Attendance.id, room_a.name, room_b.name)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Participant, Participant.id == Attendance.participant_id)
        .join(room_a, room_a.id == Participant.room_id)
        .join(room_b, room_b.id == Meeting.room_id)
        .where(live(Attendance), Participant.room_id != Meeting.room_id)
    )
    for record_id, person_room, meeting_room in connection.execute(attendees):
        hits.append(
            Hit(
                "attendee_room",
                "attendance",
                record_id,
                f"：该参加人员属于「{person_room}」，不属于活动所在的「{meeting_room}」",
            )
        )

    origin_room = func.coalesce(Meeting.room_id, Activity.room_id, MediationCase.room_id)
    outcomes = (
        select(Outcome.id, room_a.name, room_b.name)
        .outerjoin(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Activity, Activity.id == Outcome.activity_id)
        .outerjoin(MediationCase, MediationCase.id == Outcome.case_id)
        .join(room_a, room_a.id == Outcome.room_id)
        .join(room_b, room_b.id == origin_room)
        .where(live(Outcome), Outcome.room_id != origin_room)
    )
    for record_id, outcome_room, origin_name in connection.execute(outcomes):
        hits.append(
            Hit(
                "outcome_room",
                "outcome",
                record_id,
                f"记在「{outcome_room}」名下，但其来源（议程、活动或案件）属于「{origin_name}」",
            )
        )
    return hits


# --- topic status -----------------------------------------------------------------------


def topic_status(connection: Connection, ctx: Context) -> list[Hit]:
    live_claim = exists().where(Claim.topic_id == Topic.id, live(Claim))
    held_agenda = exists().where(
        AgendaItem.topic_id == Topic.id,
        live(AgendaItem),
        Meeting.id == AgendaItem.meeting_id,
        live(Meeting),
        Meeting.status.in_(HELD_STATUSES),
    )
    escalated_outcome = exists().where(
        AgendaItem.topic_id == Topic.id,
        live(AgendaItem),
        Outcome.agenda_item_id == AgendaItem.id,
        live(Outcome),
        Outcome.escalation_kind.is_not(None),
    )
    rules: list[tuple[str, ColumnElement[bool], Callable[[TopicStatus], str]]] = [
        (
            "topic_claim",
            and_(Topic.status == TopicStatus.CLAIMED, ~live_claim),
            lambda s: f"状态为「{s.label}」，但没有任何委员认领",
        ),
        (
            "topic_discussed",
            # 即时性协商 (consult_now) is consulted on the spot, without a meeting's agenda.
            and_(Topic.status.in_(DISCUSSED_OR_LATER), ~Topic.immediate, ~held_agenda),
            lambda s: f"状态为「{s.label}」，但未列入任何已召开协商议事活动的议程",
        ),
        (
            "topic_escalated",
            and_(Topic.status == TopicStatus.ESCALATED, ~escalated_outcome),
            lambda s: f"状态为「{s.label}」，但没有一条协商成果转报为提案或社情民意信息",
        ),
        (
            "topic_announced",
            and_(
                Topic.status.in_((TopicStatus.ANNOUNCED, TopicStatus.CLAIMED)),
                or_(
                    Topic.announced_on.is_(None),
                    Topic.claim_deadline.is_(None),
                    Topic.claim_deadline < Topic.announced_on,
                ),
            ),
            lambda s: f"状态为「{s.label}」，但公告日期未填或认领截止日期早于公告日期",
        ),
    ]
    hits: list[Hit] = []
    for check, condition, detail in rules:
        stmt = select(Topic.id, Topic.status).where(live(Topic), condition)
        for record_id, status in connection.execute(stmt):
            hits.append(Hit(check, "topic", record_id, detail(TopicStatus(status))))
    return hits


# --- meetings ---------------------------------------------------------------------------


def meetings(connection: Connection, ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    future = select(Meeting.id, Meeting.status).where(
        live(Meeting), Meeting.status.in_(HELD_STATUSES), Meeting.held_on > ctx.today
    )
    for record_id, status in connection.execute(future):
        hits.append(
            Hit(
                "meeting_future",
                "meeting",
                record_id,
                f"状态为「{MeetingStatus(status).label}」，但日期晚于今天（{ctx.today.isoformat()}）",
            )
        )
    planned_present = (
        select(Meeting.id, func.count(Attendance.id))
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(
            live(Meeting),
            Meeting.status == MeetingStatus.PLANNED,
            # On the day people sign in before the meeting is marked held.
            Meeting.held_on > ctx.today,
            live(Attendance),
            Attendance.status == AttendanceStatus.PRESENT,
        )
        .group_by(Meeting.id)
    )
    for record_id, count in connection.execute(planned_present):
        hits.append(
            Hit(
                "meeting_planned_present",
                "meeting",
                record_id,
                f"日期未到（{MeetingStatus.PLANNED.label}），却有 {count} 人签到为"
                f"「{AttendanceStatus.PRESENT.label}」",
            )
        )
    return hits


# --- outcomes ---------------------------------------------------------------------------


def outcomes(connection: Connection, ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    no_date = select(Outcome.id).where(
        live(Outcome), Outcome.status == OutcomeStatus.COMPLETED, Outcome.completed_on.is_(None)
    )
    for (record_id,) in connection.execute(no_date):
        hits.append(
            Hit(
                "outcome_completed_on",
                "outcome",
                record_id,
                f"状态为「{OutcomeStatus.COMPLETED.label}」，但未填写办结日期",
            )
        )

    # The date the outcome arose: its meeting's (or activity's, or case's opening) date.
    origin_date = func.coalesce(Meeting.held_on, Activity.held_on, MediationCase.opened_on)
    dates = (
        select(Outcome.id, Outcome.completed_on, Outcome.fed_back_on, origin_date)
        .outerjoin(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Activity, Activity.id == Outcome.activity_id)
        .outerjoin(MediationCase, MediationCase.id == Outcome.case_id)
        .where(
            live(Outcome),
            or_(Outcome.completed_on < origin_date, Outcome.fed_back_on < origin_date),
        )
    )
    for record_id, completed_on, fed_back_on, origin in connection.execute(dates):
        origin_text = str(origin)
        if completed_on is not None and completed_on.isoformat() < origin_text:
            hits.append(
                Hit(
                    "outcome_dates",
                    "outcome",
                    record_id,
                    f"的办结日期（{completed_on.isoformat()}）早于协商日期（{origin_text}）",
                )
            )
        if fed_back_on is not None and fed_back_on.isoformat() < origin_text:
            hits.append(
                Hit(
                    "outcome_dates",
                    "outcome",
                    record_id,
                    f"的反馈日期（{fed_back_on.isoformat()}）早于协商日期（{origin_text}）",
                )
            )

    no_feedback = select(Outcome.id).where(
        live(Outcome),
        Outcome.fed_back_on.is_not(None),
        func.length(func.trim(func.coalesce(Outcome.feedback, ""))) == 0,
    )
    for (record_id,) in connection.execute(no_feedback):
        hits.append(Hit("outcome_feedback", "outcome", record_id, "已填写反馈日期，但没有反馈内容"))
    return hits
