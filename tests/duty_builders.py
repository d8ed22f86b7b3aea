"""A district with one room, four members and hand-written rules for 2025 and 2026, for the
duty-scoring tests: each helper writes one source of acts the way its record is kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from sqlalchemy import select

from desktop.db import Database
from desktop.models import (
    Activity,
    ActivityKind,
    ActivityMember,
    AgendaItem,
    Assignment,
    Attendance,
    CaseMember,
    Claim,
    MediationCase,
    Meeting,
    Member,
    Outcome,
    Room,
    Speech,
    Topic,
    Township,
)
from desktop.models.base import utcnow
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    CaseKind,
    DutyKind,
    EscalationKind,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    RoomKind,
    TopicSource,
    TopicStatus,
)
from desktop.rules.duty import KindRule, Rules, live_rule_sets
from desktop.workflow.duty import add_rule_set, remove_rule_set

K = DutyKind
D = Decimal

# 2025: small numbers, so every score is worked out by hand in the tests.
RULES_2025 = Rules(
    year=2025,
    name="2025年度测试办法",
    base=D(60),
    excellent_min=D(90),
    competent_min=D(70),
    basic_min=D(60),
    kinds={
        K.ATTENDED_CONSULTATION: KindRule(D(2), D(6)),
        K.SPOKE: KindRule(D(1)),
        K.CLAIMED_TOPIC: KindRule(D(2)),
        K.SUBMITTED_SOCIAL_INFO: KindRule(D(2)),
        K.SUBMITTED_PROPOSAL: KindRule(D(3)),
        K.PROPOSAL_ACCEPTED: KindRule(D(5)),
        K.READING: KindRule(D(1)),
        K.INSPECTION: KindRule(D(2)),
        K.MEDIATION: KindRule(D(2)),
        K.LEAVE: KindRule(D(-1)),
        K.UNEXCUSED_ABSENCE: KindRule(D(-3), D(5)),
    },
)
# 2026: attending is worth more, and capped higher.
RULES_2026 = Rules(
    year=2026,
    name="2026年度测试办法",
    base=RULES_2025.base,
    excellent_min=RULES_2025.excellent_min,
    competent_min=RULES_2025.competent_min,
    basic_min=RULES_2025.basic_min,
    kinds={**RULES_2025.kinds, K.ATTENDED_CONSULTATION: KindRule(D(3), D(9))},
)


@dataclass
class World:
    """Ids by short name: the room, the township, members A–E."""

    db: Database
    room_id: str
    township_id: str
    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


MEMBERS = (("A", "王建国"), ("B", "陈丽华"), ("C", "张卫东"), ("D", "刘芳"), ("E", "周明"))


def build_world(db: Database) -> World:
    """Members A–E assigned to one room of 和平桥街道 for 2025–2026; the setup's default rules
    replaced by RULES_2025 and RULES_2026."""
    with db.session() as s:
        for rule_set in live_rule_sets(s):
            remove_rule_set(s, rule_set.id)
        add_rule_set(s, RULES_2025)
        add_rule_set(s, RULES_2026)
        township = Township(name="和平桥街道")
        s.add(township)
        s.flush()
        room = Room(
            township_id=township.id,
            name="和平桥社区协商议事室",
            village="和平桥社区",
            kind=RoomKind.COMMUNITY,
        )
        s.add(room)
        s.flush()
        world = World(db, room.id, township.id)
        for key, name in MEMBERS:
            member = Member(
                name=name, gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT
            )
            s.add(member)
            s.flush()
            world.ids[key] = member.id
            s.add(Assignment(member_id=member.id, room_id=room.id, start_date=date(2025, 1, 1)))
    return world


def meeting(
    world: World,
    held_on: date,
    people: dict[str, AttendanceStatus],
    *,
    final: bool = True,
    speakers: tuple[str, ...] = (),
    title: str = "",
) -> str:
    """A meeting with one agenda item, the members' attendance and speeches; final or held."""
    with world.db.session() as s:
        row = Meeting(
            room_id=world.room_id,
            title=title or f"{held_on:%Y年%m月}协商议事活动",
            held_on=held_on,
            form=MeetingForm.ONSITE,
            status=MeetingStatus.HELD,
        )
        s.add(row)
        s.flush()
        topic = Topic(
            room_id=world.room_id,
            title=f"{held_on:%m月%d日}议题",
            source=TopicSource.RESIDENTS,
            status=TopicStatus.DISCUSSED,
            raised_on=held_on,
        )
        s.add(topic)
        s.flush()
        item = AgendaItem(meeting_id=row.id, topic_id=topic.id, position=1)
        s.add(item)
        s.flush()
        for key, status in people.items():
            s.add(
                Attendance(
                    meeting_id=row.id,
                    member_id=world[key],
                    role=AttendanceRole.MEMBER,
                    status=status,
                    leave_reason="出差" if status is AttendanceStatus.LEAVE else None,
                    signed_in_at=time(9, 0) if status is AttendanceStatus.PRESENT else None,
                )
            )
        for position, key in enumerate(speakers, 1):
            s.add(
                Speech(
                    agenda_item_id=item.id,
                    position=position,
                    speaker_name=key,
                    member_id=world[key],
                    summary="建议尽快解决",
                )
            )
        if final:
            s.flush()
            row.status = MeetingStatus.MINUTES_FINAL
            row.finalised_at = utcnow()
        return row.id


def announced_topic(world: World, on: date, title: str = "背街小巷路灯维修") -> str:
    with world.db.session() as s:
        topic = Topic(
            room_id=world.room_id,
            title=title,
            source=TopicSource.RESIDENTS,
            status=TopicStatus.ANNOUNCED,
            raised_on=on,
            announced_on=on,
            claim_deadline=date(on.year, 12, 31),
        )
        s.add(topic)
        s.flush()
        return topic.id


def claimed_topic(world: World, key: str, on: date, title: str = "菜市场周边停车") -> str:
    with world.db.session() as s:
        topic = Topic(
            room_id=world.room_id,
            title=title,
            source=TopicSource.MEMBER,
            status=TopicStatus.CLAIMED,
            raised_on=on,
            announced_on=on,
            claim_deadline=on,
        )
        s.add(topic)
        s.flush()
        s.add(Claim(topic_id=topic.id, member_id=world[key], claimed_on=on))
        return topic.id


def activity(world: World, code: str, on: date, keys: tuple[str, ...], title: str) -> str:
    with world.db.session() as s:
        kind_id = s.scalars(select(ActivityKind.id).where(ActivityKind.code == code)).one()
        row = Activity(room_id=world.room_id, kind_id=kind_id, title=title, held_on=on)
        s.add(row)
        s.flush()
        for key in keys:
            s.add(ActivityMember(activity_id=row.id, member_id=world[key]))
        return row.id


def case(
    world: World,
    on: date,
    keys: tuple[str, ...],
    subject: str,
    *,
    escalated: EscalationKind | None = None,
) -> str:
    """A mediation case; `escalated`: its outcome went upward on the same day."""
    with world.db.session() as s:
        row = MediationCase(
            room_id=world.room_id, kind=CaseKind.MEDIATION, subject=subject, opened_on=on
        )
        s.add(row)
        s.flush()
        for key in keys:
            s.add(CaseMember(case_id=row.id, member_id=world[key]))
        if escalated is not None:
            s.add(
                Outcome(
                    room_id=world.room_id,
                    case_id=row.id,
                    content="建议区里统一规范",
                    escalation_kind=escalated,
                    escalation_ref="和平〔2025〕1号",
                    escalated_on=on,
                )
            )
        return row.id
