"""Hand-made meetings for the document tests: any size, every kind of attendance."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, time

from desktop.db import Database
from desktop.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Member,
    Outcome,
    Participant,
    Speech,
    Topic,
)
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Consensus,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    ParticipantKind,
    TopicSource,
    TopicStatus,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = ["建国", "秀英", "桂兰", "志强", "海燕", "红梅", "文华", "德明", "春生", "玉珍", "国平"]
# Punctuation-heavy sentences: every mark that must never begin a line appears often.
SENTENCES = [
    "小区南门的路灯坏了三个月，晚上老人出门很不方便；能不能先修好？",
    "我同意！但是经费从哪里出：街道、社区，还是物业？",
    "大家的意见我记下了（包括上次会议没说完的），会后逐条落实。",
    "根据《南通市城市照明管理办法》，路灯维护由城管部门负责。",
    "他说：“这件事拖不得。”我们也是这么想的，请尽快安排。",
    "排水沟堵了，一下雨就积水、返味，孩子上学要绕路！",
]


@dataclass
class BuiltMeeting:
    """What a test expects to find in the printed minutes."""

    meeting_id: str
    present: list[str] = field(default_factory=list)
    on_leave: list[tuple[str, str]] = field(default_factory=list)
    attending: list[tuple[str, str]] = field(default_factory=list)  # (name, unit)
    phones: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    consensus_texts: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    speech_chars: int = 0


def _names() -> itertools.cycle[str]:
    return itertools.cycle(f"{s}{g}" for g in GIVEN for s in SURNAMES)


def build_meeting(
    db: Database,
    *,
    attendees: int = 8,
    items: int = 2,
    speech_chars: int = 600,
    outcomes_per_item: int = 1,
    expected: bool = True,
    status: MeetingStatus = MeetingStatus.HELD,
    rare_name: str | None = None,
) -> BuiltMeeting:
    """A meeting with `attendees` people (two members, one on leave, one 列席 department
    representative, the rest residents), `items` agenda items sharing `speech_chars`
    characters of speeches, and outcomes; `rare_name` replaces the first resident's name."""
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    room_id = installation.room_id
    names = _names()
    with db.session() as s:
        meeting = Meeting(
            room_id=room_id,
            title="和平桥社区2026年第九次协商议事活动",
            held_on=date(2026, 11, 20),
            start_time=time(9, 0),
            end_time=time(11, 30),
            place="和平桥社区协商议事室",
            form=MeetingForm.ONSITE,
            host_name="王建国",
            recorder_name="李秀英",
            status=status,
        )
        s.add(meeting)
        s.flush()
        built = BuiltMeeting(meeting.id)
        for index in range(attendees):
            name = next(names)
            phone = f"139{index:08d}"
            if index < 2:
                member = Member(
                    name=name,
                    gender=Gender.MALE,
                    sector="经济界",
                    level=MemberLevel.DISTRICT,
                    workplace="区工商联",
                    phone=phone,
                )
                s.add(member)
                s.flush()
                person: dict[str, str | None] = {"member_id": member.id, "participant_id": None}
                role = AttendanceRole.MEMBER
            else:
                if index == 2 and rare_name:
                    name = rare_name
                unit = "崇川区城市管理局" if index == 3 else None
                participant = Participant(
                    room_id=room_id,
                    name=name,
                    kind=ParticipantKind.DEPARTMENT if unit else ParticipantKind.RESIDENT,
                    unit=unit,
                    phone=phone,
                )
                s.add(participant)
                s.flush()
                person = {"member_id": None, "participant_id": participant.id}
                role = AttendanceRole.DEPARTMENT_REP if unit else AttendanceRole.RESIDENT_REP
            on_leave = index == 1
            s.add(
                Attendance(
                    meeting_id=meeting.id,
                    role=role,
                    status=AttendanceStatus.LEAVE if on_leave else AttendanceStatus.PRESENT,
                    leave_reason="外出务工" if on_leave else None,
                    signed_in_at=None if on_leave else time(8, 50),
                    expected=expected,
                    **person,
                )
            )
            built.phones.append(phone)
            if on_leave:
                built.on_leave.append((name, "外出务工"))
            elif role is AttendanceRole.DEPARTMENT_REP:
                built.attending.append((name, "崇川区城市管理局"))
            else:
                built.present.append(name)
        speakers = built.present or ["王建国"]
        per_item = -(-speech_chars // max(items, 1))  # rounded up: at least speech_chars
        sentences = itertools.cycle(SENTENCES)
        for position in range(1, items + 1):
            topic = Topic(
                room_id=room_id,
                title=f"第{position}号议题：老旧小区路灯与排水整治",
                description="",
                source=TopicSource.RESIDENTS,
                status=TopicStatus.DISCUSSED,
                raised_on=date(2026, 10, 1),
            )
            s.add(topic)
            s.flush()
            consensus_text = f"经充分协商，同意第{position}号议题的整治方案，由社区牵头落实。"
            item = AgendaItem(
                meeting_id=meeting.id,
                topic_id=topic.id,
                position=position,
                consensus=Consensus.AGREED,
                consensus_text=consensus_text,
                votes_for=11,
                votes_against=1,
                votes_abstain=0,
            )
            s.add(item)
            s.flush()
            written, speech_no = 0, 0
            while written < per_item:
                speech_no += 1
                summary = "".join(next(sentences) for _ in range(3))[: per_item - written]
                s.add(
                    Speech(
                        agenda_item_id=item.id,
                        position=speech_no,
                        speaker_name=speakers[speech_no % len(speakers)],
                        summary=summary,
                    )
                )
                written += len(summary)
            built.speech_chars += written
            for outcome_no in range(1, outcomes_per_item + 1):
                content = f"议题{position}成果{outcome_no}：更换路灯并疏通排水沟"
                s.add(
                    Outcome(
                        room_id=room_id,
                        agenda_item_id=item.id,
                        content=content,
                        responsible_unit="崇川区城市管理局",
                        responsible_person="赵德明",
                        deadline=date(2026, 12, 31),
                    )
                )
                built.outcomes.append(content)
            built.topics.append(topic.title)
            built.consensus_texts.append(consensus_text)
    return built
