"""The statistics' hand-built district: tests/builders.py's three rooms, plus meetings in every
form on the year's edges, activities with members, cases, escalations, deadlines, and the
district office's and a township's own work. tests/test_stats.py counts it by hand."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from desktop.db import Database
from desktop.models import (
    Activity,
    ActivityKind,
    ActivityMember,
    AgendaItem,
    Attendance,
    DutyAct,
    MediationCase,
    Meeting,
    Outcome,
    Room,
    Topic,
)
from desktop.models.enums import (
    AttendanceRole,
    CaseKind,
    CaseStatus,
    DutyKind,
    EscalationKind,
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ResultClass,
    RoomKind,
    TopicSource,
    TopicStatus,
)
from tests.builders import (
    ABSENT,
    LEAVE,
    PRESENT,
    Dataset,
    RoomWriter,
    _add,
    build_district_dataset,
    room_session,
)


def _meeting(w: RoomWriter, key: str, title: str, held_on: date, form: MeetingForm) -> str:
    meeting_id = w.meeting(key, title, held_on, MeetingStatus.HELD)
    w.session.get_one(Meeting, meeting_id).form = form
    return meeting_id


def build_stats_dataset(db: Database) -> Dataset:
    """The extended dataset; every record below is named in the counts of tests/test_stats.py."""
    ds = build_district_dataset(db)
    with db.session() as s:
        kinds = {k.code: k.id for k in s.scalars(select(ActivityKind))}
    ds.ids.update({f"kind_{code}": kind_id for code, kind_id in kinds.items()})

    with room_session(ds, "room_a") as s:
        w = RoomWriter(s, ds, "room_a")
        # o2's deadline has passed by the end of 2024 (due); o3's is in 2025 (not yet due).
        s.get_one(Outcome, ds["o2"]).deadline = date(2024, 6, 30)
        o3 = s.get_one(Outcome, ds["o3"])
        o3.deadline = date(2025, 3, 1)
        o3.escalation_kind = EscalationKind.SOCIAL_INFO
        o3.escalation_ref = "崇社〔2024〕第9号"
        o3.escalated_on = date(2024, 12, 31)
        _meeting(w, "m10", "新年第一场视频协商", date(2024, 1, 1), MeetingForm.VIDEO)
        for person, status in (("mem2", PRESENT), ("pa1", PRESENT), ("pa2", LEAVE)):
            w.attend("m10", person, status)
        w.add(
            "act_a1",
            Activity(kind_id=ds["kind_reading"], title="读书分享会", held_on=date(2024, 4, 1)),
        )
        w.add(
            "act_a2",
            Activity(kind_id=ds["kind_reading"], title="上年读书会", held_on=date(2023, 4, 1)),
        )
        for activity, member in (("act_a1", "mem1"), ("act_a1", "mem2"), ("act_a2", "mem1")):
            w.add(
                f"{activity}_{member}",
                ActivityMember(activity_id=ds[activity], member_id=ds[member]),
                with_room=False,
            )
        w.add(
            "ca1",
            MediationCase(
                kind=CaseKind.MEDIATION,
                subject="邻里宅基地纠纷",
                opened_on=date(2024, 2, 1),
                closed_on=date(2024, 3, 1),
                status=CaseStatus.RESOLVED,
                result="调解成功",
            ),
        )
        w.add(
            "ca2",
            MediationCase(
                kind=CaseKind.PETITION,
                subject="征地补偿信访",
                opened_on=date(2024, 12, 31),
                status=CaseStatus.OPEN,
            ),
        )
        w.add(
            "ca3",
            MediationCase(
                kind=CaseKind.MEDIATION,
                subject="赡养纠纷",
                opened_on=date(2023, 12, 31),
                closed_on=date(2024, 1, 5),
                status=CaseStatus.RESOLVED,
            ),
        )

    with room_session(ds, "room_b") as s:
        w = RoomWriter(s, ds, "room_b")
        s.get_one(Meeting, ds["m6"]).form = MeetingForm.BENCH
        _meeting(w, "m11", "下一年的邻里协商", date(2025, 1, 1), MeetingForm.NEIGHBOURHOOD)
        w.attend("m11", "mem2", PRESENT)
        w.add(
            "act_b1",
            Activity(kind_id=ds["kind_visit"], title="走访困难户", held_on=date(2024, 12, 31)),
        )
        w.add(
            "act_b1_mem3",
            ActivityMember(activity_id=ds["act_b1"], member_id=ds["mem3"]),
            with_room=False,
        )
        w.add(
            "act_b1_mem2",
            ActivityMember(activity_id=ds["act_b1"], member_id=ds["mem2"], deleted=True),
            with_room=False,
        )
        w.add(
            "act_b2",
            Activity(
                kind_id=ds["kind_visit"],
                title="误录的走访",
                held_on=date(2024, 6, 1),
                deleted=True,
            ),
        )

    with room_session(ds, "room_c") as s:
        w = RoomWriter(s, ds, "room_c")
        _meeting(w, "m9", "年末板凳协商", date(2024, 12, 31), MeetingForm.BENCH)
        w.attend("m9", "mem1", PRESENT)
        w.attend("m9", "pc1", PRESENT)
        w.attend("m9", "pc2", ABSENT)
        o13 = s.get_one(Outcome, ds["o13"])
        o13.escalation_kind = EscalationKind.SOCIAL_INFO
        o13.escalation_ref = "崇社〔2024〕第3号"
        o13.escalated_on = date(2024, 6, 1)
        w.add(
            "cc1",
            MediationCase(
                kind=CaseKind.MEDIATION,
                subject="误录的案件",
                opened_on=date(2024, 5, 1),
                deleted=True,
            ),
        )

    # The district's own work, recorded at the district under its office hosts.
    with db.session() as s:
        _add(
            s,
            ds,
            "office_district",
            Room(
                township_id=None, name="崇川区政协", village="区政协", kind=RoomKind.DISTRICT_OFFICE
            ),
        )
        _add(
            s,
            ds,
            "office_t1",
            Room(
                township_id=ds["t1"], name="兴仁镇", village="兴仁镇", kind=RoomKind.TOWNSHIP_OFFICE
            ),
        )
        _add(
            s,
            ds,
            "md1",
            Meeting(
                room_id=ds["office_district"],
                title="专题协商：城区停车难",
                held_on=date(2024, 5, 20),
                form=MeetingForm.ONSITE,
                status=MeetingStatus.MINUTES_DRAFTED,
                start_time=time(9, 0),
            ),
        )
        _add(
            s,
            ds,
            "att_md1_mem3",
            Attendance(
                meeting_id=ds["md1"],
                member_id=ds["mem3"],
                role=AttendanceRole.MEMBER,
                status=PRESENT,
                signed_in_at=time(8, 50),
            ),
        )
        _add(
            s,
            ds,
            "mt1",
            Meeting(
                room_id=ds["office_t1"],
                title="镇级协商议事会",
                held_on=date(2024, 8, 8),
                form=MeetingForm.VIDEO,
                status=MeetingStatus.HELD,
            ),
        )
        _add(
            s,
            ds,
            "tt1",
            Topic(
                room_id=ds["office_t1"],
                title="菜场改造",
                source=TopicSource.PARTY_GOVERNMENT,
                raised_on=date(2024, 8, 1),
                status=TopicStatus.DISCUSSED,
            ),
        )
        _add(s, ds, "ait1", AgendaItem(meeting_id=ds["mt1"], topic_id=ds["tt1"], position=1))
        _add(
            s,
            ds,
            "ot1",
            Outcome(
                room_id=ds["office_t1"],
                agenda_item_id=ds["ait1"],
                content="菜场改造列入民生实事",
                status=OutcomeStatus.COMPLETED,
                completed_on=date(2024, 10, 1),
                result_class=ResultClass.A,
            ),
        )
        _add(
            s,
            ds,
            "act_t1",
            Activity(
                room_id=ds["office_t1"],
                kind_id=ds["kind_inspection"],
                title="视察农贸市场",
                held_on=date(2024, 9, 9),
            ),
        )
        _add(s, ds, "act_t1_mem1", ActivityMember(activity_id=ds["act_t1"], member_id=ds["mem1"]))
        # Adoptions the district recorded, matched to escalations by reference number: O11's
        # proposal and O13's information count; O3's adoption was removed, and a proposal act
        # under O3's number is not an adoption of information.
        for key, kind, reference, deleted in (
            ("act_o11", DutyKind.PROPOSAL_ACCEPTED, "2024-017", False),
            ("act_o13", DutyKind.SOCIAL_INFO_ADOPTED, "崇社〔2024〕第3号", False),
            ("act_o3", DutyKind.SOCIAL_INFO_ADOPTED, "崇社〔2024〕第9号", True),
            ("act_o3_wrong", DutyKind.PROPOSAL_ACCEPTED, "崇社〔2024〕第9号", False),
        ):
            _add(
                s,
                ds,
                key,
                DutyAct(
                    member_id=ds["mem3"],
                    kind=kind,
                    occurred_on=date(2024, 11, 1),
                    title="提案立案" if kind is DutyKind.PROPOSAL_ACCEPTED else "信息被采用",
                    evidence="区政协办公室通知",
                    reference=reference,
                    deleted=deleted,
                ),
            )
    return ds
