"""Small hand-made datasets for the stats and check tests, and raw-SQL tampering helpers."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import (
    Activity,
    ActivityKind,
    AgendaItem,
    Amendment,
    Attachment,
    Attendance,
    Claim,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    Participant,
    Room,
    Speech,
    Topic,
    Township,
)
from desktop.models.base import Base, new_id
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    Consensus,
    EscalationKind,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    OutcomeStatus,
    ParticipantKind,
    ResultClass,
    RoomKind,
    Satisfaction,
    TopicSource,
    TopicStatus,
)
from desktop.models.stamping import StampContext

YEAR = 2024
PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT


@dataclass
class Dataset:
    """Ids of the records a builder made, by the short names used in the tests (m1, ta1…)."""

    db: Database
    ids: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def _add(session: Session, ds: Dataset, key: str, obj: Base) -> str:
    obj.id = new_id()  # type: ignore[attr-defined]
    session.add(obj)
    session.flush()
    ds.ids[key] = obj.id  # type: ignore[attr-defined]
    return obj.id  # type: ignore[attr-defined]


@contextmanager
def room_session(ds: Dataset, room: str) -> Iterator[Session]:
    """Write as the room's node, the way an imported bundle does in a district."""
    context = StampContext(node_id=ds.nodes[room], user="t", importing=True)
    with ds.db.session_as(context) as session:
        yield session


class RoomWriter:
    """Adds one room's records owned by its node (owner_node set by hand, as on import)."""

    def __init__(self, session: Session, ds: Dataset, room: str) -> None:
        self.session, self.ds, self.room = session, ds, room
        self.node = ds.nodes[room]
        self.room_id = ds[room]

    def add(self, key: str, obj: Base, *, with_room: bool = True) -> str:
        obj.owner_node = self.node  # type: ignore[attr-defined]
        if with_room:
            obj.room_id = self.room_id  # type: ignore[attr-defined]
        return _add(self.session, self.ds, key, obj)

    def participant(self, key: str, name: str, kind: ParticipantKind, **extra: Any) -> str:
        return self.add(key, Participant(name=name, kind=kind, **extra))

    def topic(
        self,
        key: str,
        title: str,
        source: TopicSource,
        raised_on: date,
        status: TopicStatus,
        **extra: Any,
    ) -> str:
        return self.add(
            key,
            Topic(title=title, source=source, raised_on=raised_on, status=status, **extra),
        )

    def meeting(
        self, key: str, title: str, held_on: date, status: MeetingStatus, **extra: Any
    ) -> str:
        if status is MeetingStatus.MINUTES_FINAL:
            extra.setdefault("finalised_at", datetime(2024, 12, 31, 8, 0, tzinfo=UTC))
        return self.add(
            key,
            Meeting(
                title=title,
                held_on=held_on,
                status=status,
                form=MeetingForm.ONSITE,
                place="村委会议室",
                start_time=time(9, 0),
                **extra,
            ),
        )

    def attend(self, meeting: str, person: str, status: AttendanceStatus) -> str:
        is_member = person.startswith("mem")
        role = AttendanceRole.MEMBER if is_member else AttendanceRole.RESIDENT_REP
        return self.add(
            f"att_{meeting}_{person}",
            Attendance(
                meeting_id=self.ds[meeting],
                member_id=self.ds[person] if is_member else None,
                participant_id=None if is_member else self.ds[person],
                role=role,
                status=status,
                leave_reason="外出开会" if status is LEAVE else None,
                signed_in_at=time(8, 55) if status is PRESENT else None,
            ),
            with_room=False,
        )

    def agenda(self, key: str, meeting: str, topic: str, position: int = 1) -> str:
        return self.add(
            key,
            AgendaItem(
                meeting_id=self.ds[meeting],
                topic_id=self.ds[topic],
                position=position,
                consensus=Consensus.AGREED,
                consensus_text="与会人员一致同意",
            ),
            with_room=False,
        )

    def outcome(self, key: str, agenda: str | None, status: OutcomeStatus, **extra: Any) -> str:
        if status is OutcomeStatus.NOT_POSSIBLE:
            extra.setdefault("not_possible_reason", "资金暂无来源")
        if agenda is not None:
            extra["agenda_item_id"] = self.ds[agenda]
        return self.add(
            key,
            Outcome(content=f"协商建议 {key}", responsible_unit="镇建设办", status=status, **extra),
        )


def build_district_dataset(db: Database) -> Dataset:
    """2 townships, 3 rooms, meetings of 2023 and 2024 in every status, outcomes of all kinds.

    Satisfies every invariant of `yishi check`; `tests/test_stats.py` counts it by hand.
    """
    installation = db.installation()
    assert installation is not None
    ds = Dataset(db)
    ds.nodes["district"] = installation.node_id
    with db.session() as s:
        _add(s, ds, "t1", Township(district_id=installation.district_id, name="兴仁镇"))
        _add(s, ds, "t2", Township(district_id=installation.district_id, name="先锋街道"))
        for key, township, name, village, kind in (
            ("room_a", "t1", "徐庄村协商议事室", "徐庄村", RoomKind.VILLAGE),
            ("room_b", "t1", "兴西村协商议事室", "兴西村", RoomKind.VILLAGE),
            ("room_c", "t2", "花园社区协商议事室", "花园社区", RoomKind.COMMUNITY),
        ):
            ds.nodes[key] = new_id()
            _add(
                s,
                ds,
                key,
                Room(
                    township_id=ds[township],
                    name=name,
                    village=village,
                    kind=kind,
                    node_id=ds.nodes[key],
                ),
            )
        for key, name, gender in (
            ("mem1", "王建国", Gender.MALE),
            ("mem2", "陈丽华", Gender.FEMALE),
            ("mem3", "张卫东", Gender.MALE),
        ):
            _add(
                s,
                ds,
                key,
                Member(name=name, gender=gender, sector="经济界", level=MemberLevel.DISTRICT),
            )
        # A district starts with the standard kinds (desktop.setup); a room may not have them.
        reception = s.scalar(select(ActivityKind).where(ActivityKind.code == "reception"))
        if reception is None:
            _add(s, ds, "kind_reception", ActivityKind(code="reception", name="委员接待日"))
        else:
            ds.ids["kind_reception"] = reception.id

    with room_session(ds, "room_a") as s:
        w = RoomWriter(s, ds, "room_a")
        w.participant("pa1", "徐志强", ParticipantKind.RESIDENT)
        w.participant("pa2", "李秀英", ParticipantKind.CADRE, position="村委委员")
        w.topic(
            "ta1", "村道路灯维修", TopicSource.RESIDENTS, date(2024, 2, 1), TopicStatus.IMPLEMENTED
        )
        w.topic("ta2", "河道水环境整治", TopicSource.GRID, date(2024, 5, 20), TopicStatus.DISCUSSED)
        w.topic(
            "ta3",
            "农民建房审批",
            TopicSource.PARTY_GOVERNMENT,
            date(2024, 10, 1),
            TopicStatus.ANNOUNCED,
            announced_on=date(2024, 10, 5),
            claim_deadline=date(2024, 10, 25),
        )
        w.add(
            "slip_a",
            OpinionSlip(
                collected_on=date(2024, 5, 10),
                grid="第三网格",
                content="河道有异味，垃圾漂浮",
                topic_id=ds["ta2"],
            ),
        )
        w.meeting("m1", "路灯维修协商会", date(2024, 3, 15), MeetingStatus.MINUTES_FINAL)
        for person, status in (
            ("mem1", PRESENT),
            ("mem2", LEAVE),
            ("mem3", ABSENT),
            ("pa1", PRESENT),
            ("pa2", PRESENT),
        ):
            w.attend("m1", person, status)
        w.agenda("ai1", "m1", "ta1")
        w.add(
            "speech1",
            Speech(
                agenda_item_id=ds["ai1"],
                position=1,
                speaker_name="王建国",
                member_id=ds["mem1"],
                summary="建议由村委会牵头，镇供电所配合",
            ),
            with_room=False,
        )
        w.add(
            "amend1",
            Amendment(
                meeting_id=ds["m1"],
                made_at=datetime(2024, 3, 25, 9, 0, tzinfo=UTC),
                reason="补记发言人",
                description="补记李秀英发言",
            ),
            with_room=False,
        )
        w.outcome(
            "o1",
            "ai1",
            OutcomeStatus.COMPLETED,
            result_class=ResultClass.A,
            completed_on=date(2024, 5, 1),
            feedback="路灯已全部修复",
            fed_back_on=date(2024, 5, 10),
            satisfaction=Satisfaction.SATISFIED,
        )
        w.outcome("o2", "ai1", OutcomeStatus.IN_PROGRESS, result_class=ResultClass.B)
        w.meeting("m2", "河道整治协商会", date(2024, 6, 10), MeetingStatus.HELD)
        for person, status in (("mem1", PRESENT), ("pa1", PRESENT), ("pa2", ABSENT)):
            w.attend("m2", person, status)
        w.agenda("ai2", "m2", "ta2")
        w.outcome("o3", "ai2", OutcomeStatus.PENDING)
        w.meeting("m3", "建房审批协商会", date(2024, 11, 20), MeetingStatus.PLANNED)
        w.attend("m3", "mem2", LEAVE)
        w.agenda("ai3", "m3", "ta3")
        w.meeting("m4", "误录的活动", date(2024, 4, 1), MeetingStatus.HELD, deleted=True)
        w.attend("m4", "mem3", PRESENT)
        w.attend("m4", "pa1", PRESENT)
        w.agenda("ai4", "m4", "ta1")
        w.outcome(
            "o5",
            "ai4",
            OutcomeStatus.COMPLETED,
            result_class=ResultClass.A,
            completed_on=date(2024, 4, 20),
        )

    with room_session(ds, "room_b") as s:
        w = RoomWriter(s, ds, "room_b")
        w.participant("pb1", "周海燕", ParticipantKind.RESIDENT)
        w.participant("pb2", "吴明", ParticipantKind.DEPARTMENT, unit="区住建局")
        w.topic(
            "tb0",
            "老旧小区加装电梯",
            TopicSource.MEMBER,
            date(2023, 11, 1),
            TopicStatus.FED_BACK,
            proposed_by_member_id=ds["mem2"],
        )
        w.topic(
            "tb1",
            "停车难",
            TopicSource.MEMBER,
            date(2024, 8, 1),
            TopicStatus.IN_PROGRESS,
            proposed_by_member_id=ds["mem3"],
        )
        w.topic(
            "tb2",
            "广场舞噪音",
            TopicSource.RESIDENTS,
            date(2024, 8, 15),
            TopicStatus.DECLINED,
            decline_reason="已由城管部门处理",
        )
        w.topic(
            "tb3",
            "垃圾分类亭选址",
            TopicSource.RESIDENTS,
            date(2024, 7, 1),
            TopicStatus.CLAIMED,
            announced_on=date(2024, 7, 5),
            claim_deadline=date(2024, 7, 20),
        )
        w.add(
            "claim_b",
            Claim(topic_id=ds["tb3"], member_id=ds["mem2"], claimed_on=date(2024, 7, 10)),
            with_room=False,
        )
        w.meeting("m5", "加装电梯协商会", date(2023, 12, 20), MeetingStatus.MINUTES_FINAL)
        w.attend("m5", "mem2", PRESENT)
        w.attend("m5", "pb1", PRESENT)
        w.agenda("ai5", "m5", "tb0")
        w.outcome(
            "o6",
            "ai5",
            OutcomeStatus.COMPLETED,
            result_class=ResultClass.A,
            completed_on=date(2024, 1, 10),
            feedback="电梯已开工",
            fed_back_on=date(2024, 1, 15),
        )
        w.meeting("m6", "停车难协商会", date(2024, 9, 5), MeetingStatus.MINUTES_DRAFTED)
        for person, status in (
            ("mem2", PRESENT),
            ("mem3", PRESENT),
            ("pb1", PRESENT),
            ("pb2", LEAVE),
        ):
            w.attend("m6", person, status)
        w.agenda("ai6", "m6", "tb1")
        w.outcome(
            "o7",
            "ai6",
            OutcomeStatus.COMPLETED,
            result_class=ResultClass.A,
            completed_on=date(2024, 10, 1),
        )
        w.outcome("o8", "ai6", OutcomeStatus.NOT_POSSIBLE, result_class=ResultClass.D)
        w.outcome(
            "o9",
            "ai6",
            OutcomeStatus.COMPLETED,
            result_class=ResultClass.B,
            completed_on=date(2024, 10, 15),
        )
        w.outcome(
            "o10",
            "ai6",
            OutcomeStatus.COMPLETED,
            result_class=ResultClass.A,
            completed_on=date(2024, 10, 2),
            deleted=True,
        )

    with room_session(ds, "room_c") as s:
        w = RoomWriter(s, ds, "room_c")
        w.participant("pc1", "顾建华", ParticipantKind.RESIDENT)
        w.participant("pc2", "朱红梅", ParticipantKind.RESIDENT)
        w.participant("pc3", "沈小燕", ParticipantKind.GRID_WORKER)
        w.topic("tc1", "小区停车位规划", TopicSource.GRID, date(2024, 6, 1), TopicStatus.ESCALATED)
        w.topic(
            "tc2",
            "社区食堂",
            TopicSource.PARTY_GOVERNMENT,
            date(2024, 12, 1),
            TopicStatus.COLLECTED,
        )
        w.topic(
            "tc3",
            "重复录入的议题",
            TopicSource.RESIDENTS,
            date(2024, 3, 1),
            TopicStatus.COLLECTED,
            deleted=True,
        )
        w.meeting("m7", "停车位规划协商会", date(2024, 7, 7), MeetingStatus.HELD)
        for person in ("mem3", "pc1", "pc2", "pc3"):
            w.attend("m7", person, PRESENT)
        w.agenda("ai7", "m7", "tc1")
        w.outcome(
            "o11",
            "ai7",
            OutcomeStatus.IN_PROGRESS,
            result_class=ResultClass.C,
            escalation_kind=EscalationKind.PROPOSAL,
            escalation_ref="2024-017",
            escalated_on=date(2024, 7, 20),
        )
        w.outcome(
            "o12",
            "ai7",
            OutcomeStatus.COMPLETED,
            result_class=ResultClass.A,
            completed_on=date(2024, 8, 1),
            feedback="新增停车位 40 个",
            fed_back_on=date(2024, 8, 5),
        )
        w.meeting("m8", "取消的活动", date(2024, 10, 10), MeetingStatus.CANCELLED)
        w.add(
            "act1",
            Activity(
                kind_id=ds["kind_reception"],
                title="委员接待日",
                held_on=date(2024, 5, 5),
            ),
        )
        w.outcome("o13", None, OutcomeStatus.PENDING, activity_id=ds["act1"])
        content = b"\x89PNG fake photo of the meeting"
        sha = hashlib.sha256(content).hexdigest()
        folder = db.home.attachments / sha[:2]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / sha).write_bytes(content)
        w.add(
            "photo",
            Attachment(
                sha256=sha,
                file_name="现场照片.jpg",
                media_type="image/jpeg",
                size=len(content),
                record_table="meeting",
                record_id=ds["m7"],
            ),
            with_room=False,
        )
    return ds


def tamper(db: Database, sql: str, *params: Any, foreign_keys: bool = True) -> None:
    """Change the file behind the ORM's back, the way damage or a buggy import would."""
    connection = sqlite3.connect(db.home.database)
    try:
        connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        with connection:
            connection.execute(sql, params)
    finally:
        connection.close()
