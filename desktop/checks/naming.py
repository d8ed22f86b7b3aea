"""Naming the offending records in the user's words: one query per table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, Select, func, select
from sqlalchemy.orm import aliased

from desktop.checks.base import Hit, chunks
from desktop.models import (
    Activity,
    ActivityKind,
    AgendaItem,
    Amendment,
    Area,
    Assignment,
    Attachment,
    Attendance,
    Base,
    Claim,
    District,
    MediationCase,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    Participant,
    Room,
    ScoringRule,
    ScoringRuleSet,
    Speech,
    Team,
    TeamMembership,
    Topic,
    Township,
)


def _clip(text: str | None, length: int = 20) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length] + "…"


def _known(value: object) -> str:
    """A name looked up through a reference that may be broken (foreign_key problems)."""
    return "（不存在）" if value is None else str(value)


def _meeting_name(title: str | None, held_on: date | None) -> str:
    when = f"（{held_on.isoformat()}）" if held_on else ""
    return f"协商议事活动「{title}」{when}" if title else f"协商议事活动{when}"


_Describer = tuple[Callable[[], Select[*tuple[Any, ...]]], Callable[[Row[*tuple[Any, ...]]], str]]


def _describers() -> dict[str, _Describer]:
    """For each table: a select of (id, …) and how to turn a row into the record's name."""

    def named(model: type[Any], column: Any, label: str) -> _Describer:
        return (lambda: select(model.id, column), lambda r: f"{label}「{r[1]}」")

    member_of = aliased(Member)
    return {
        "topic": named(Topic, Topic.title, "议题"),
        "participant": named(Participant, Participant.name, "参加人员"),
        "member": named(Member, Member.name, "政协委员"),
        "district": named(District, District.name, "区政协"),
        "township": named(Township, Township.name, "镇（街道）"),
        "area": named(Area, Area.name, "片区"),
        "room": named(Room, Room.name, "协商议事室"),
        "team": named(Team, Team.name, "委员团队"),
        "activity_kind": named(ActivityKind, ActivityKind.name, "活动类型"),
        "mediation_case": named(MediationCase, MediationCase.subject, "案件"),
        "attachment": named(Attachment, Attachment.file_name, "附件"),
        "scoring_rule_set": named(ScoringRuleSet, ScoringRuleSet.name, "评价办法"),
        "meeting": (
            lambda: select(Meeting.id, Meeting.title, Meeting.held_on),
            lambda r: _meeting_name(r[1], r[2]),
        ),
        "activity": (
            lambda: select(Activity.id, Activity.title, Activity.held_on),
            lambda r: f"其他履职活动「{r[1]}」（{r[2].isoformat()}）",
        ),
        "outcome": (
            lambda: select(Outcome.id, Outcome.content),
            lambda r: f"协商成果「{_clip(r[1])}」",
        ),
        "opinion_slip": (
            lambda: select(OpinionSlip.id, OpinionSlip.collected_on, OpinionSlip.content),
            lambda r: f"社情民意采集表（{r[1].isoformat()}）「{_clip(r[2])}」",
        ),
        "agenda_item": (
            lambda: (
                select(
                    AgendaItem.id, Meeting.title, Meeting.held_on, AgendaItem.position, Topic.title
                )
                .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
                .outerjoin(Topic, Topic.id == AgendaItem.topic_id)
            ),
            lambda r: f"{_meeting_name(r[1], r[2])}的第 {r[3]} 项议程「{_known(r[4])}」",
        ),
        "attendance": (
            lambda: (
                select(
                    Attendance.id,
                    Meeting.title,
                    Meeting.held_on,
                    func.coalesce(Member.name, Participant.name),
                )
                .outerjoin(Meeting, Meeting.id == Attendance.meeting_id)
                .outerjoin(Member, Member.id == Attendance.member_id)
                .outerjoin(Participant, Participant.id == Attendance.participant_id)
            ),
            lambda r: f"{_meeting_name(r[1], r[2])}中「{_known(r[3])}」的签到",
        ),
        "speech": (
            lambda: (
                select(Speech.id, Meeting.title, Meeting.held_on, Speech.speaker_name)
                .outerjoin(AgendaItem, AgendaItem.id == Speech.agenda_item_id)
                .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
            ),
            lambda r: f"{_meeting_name(r[1], r[2])}中「{r[3]}」的发言",
        ),
        "amendment": (
            lambda: select(
                Amendment.id, Meeting.title, Meeting.held_on, Amendment.reason
            ).outerjoin(Meeting, Meeting.id == Amendment.meeting_id),
            lambda r: f"{_meeting_name(r[1], r[2])}的记录修改「{_clip(r[3])}」",
        ),
        "claim": (
            lambda: (
                select(Claim.id, Member.name, Topic.title)
                .outerjoin(Member, Member.id == Claim.member_id)
                .outerjoin(Topic, Topic.id == Claim.topic_id)
            ),
            lambda r: f"「{_known(r[1])}」对议题「{_known(r[2])}」的认领",
        ),
        "assignment": (
            lambda: select(Assignment.id, Member.name).outerjoin(
                Member, Member.id == Assignment.member_id
            ),
            lambda r: f"政协委员「{_known(r[1])}」的联系安排",
        ),
        "team_membership": (
            lambda: (
                select(TeamMembership.id, member_of.name, Team.name)
                .outerjoin(member_of, member_of.id == TeamMembership.member_id)
                .outerjoin(Team, Team.id == TeamMembership.team_id)
            ),
            lambda r: f"「{_known(r[1])}」在「{_known(r[2])}」中的团队成员资格",
        ),
        "scoring_rule": (
            lambda: select(ScoringRule.id, ScoringRule.kind),
            lambda r: f"评分规则「{r[1].label}」",
        ),
    }


def name_records(connection: Connection, hits: Iterable[Hit]) -> dict[tuple[str, str], str]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for hit in hits:
        wanted[hit.table].add(hit.record_id)
    describers = _describers()
    names: dict[tuple[str, str], str] = {}
    for table_name, ids in wanted.items():
        describer = describers.get(table_name)
        if describer is None:
            continue
        make_select, describe = describer
        model = Base.metadata.tables[table_name]
        for chunk in chunks(sorted(ids)):
            for row in connection.execute(make_select().where(model.c.id.in_(chunk))):
                names[(table_name, row[0])] = describe(row)
    return names
