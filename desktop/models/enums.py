"""Enumerations of the domain, stored as English codes and shown by their Chinese names.

The Chinese names are the programme's own vocabulary (they appear on printed documents and
in the CLI as well as the GUI), so they live here with the codes rather than in Qt's
translation files.
"""

from __future__ import annotations

import enum


class Labelled(enum.StrEnum):
    """A StrEnum whose members know their Chinese name."""

    @property
    def label(self) -> str:
        return _LABELS[type(self), self.value]

    @classmethod
    def from_label(cls, label: str) -> Labelled:
        for member in cls:
            if _LABELS[cls, member.value] == label:
                return member
        raise ValueError(f"未知的{cls.__name__}：{label}")


class NodeRole(Labelled):
    DISTRICT = "district"
    ROOM = "room"
    # A city office collecting the districts' forwarded bundles (desktop.sync.upward): it
    # reads every room's records and writes none.
    CITY = "city"

    @property
    def sees_many_rooms(self) -> bool:
        """Whether the installation holds the records of many rooms (district or city)."""
        return self is not NodeRole.ROOM


class RoomKind(Labelled):
    VILLAGE = "village"
    COMMUNITY = "community"
    # Not a room: the host under which the district office (区政协) or a township records its
    # own meetings, activities and cases (desktop.workflow.district_work); never enrolled,
    # never counted among rooms, never sent to a room.
    DISTRICT_OFFICE = "district_office"
    TOWNSHIP_OFFICE = "township_office"


class Gender(Labelled):
    MALE = "male"
    FEMALE = "female"


class MemberLevel(Labelled):
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"


class TeamKind(Labelled):
    EXPERT_SUPPORT = "expert_support"
    SUPERVISION = "supervision"
    CONSULTATION = "consultation"


class ParticipantKind(Labelled):
    RESIDENT = "resident"
    CADRE = "cadre"
    DEPARTMENT = "department"
    GRID_WORKER = "grid_worker"
    EXPERT = "expert"
    OTHER = "other"


class TopicSource(Labelled):
    PARTY_GOVERNMENT = "party_government"
    RESIDENTS = "residents"
    MEMBER = "member"
    GRID = "grid"


class TopicStatus(Labelled):
    COLLECTED = "collected"
    SHORTLISTED = "shortlisted"
    ANNOUNCED = "announced"
    CLAIMED = "claimed"
    DISCUSSED = "discussed"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not_implemented"
    ESCALATED = "escalated"
    FED_BACK = "fed_back"
    DECLINED = "declined"


class MeetingForm(Labelled):
    ONSITE = "onsite"
    BENCH = "bench"
    NEIGHBOURHOOD = "neighbourhood"
    VIDEO = "video"


class MeetingStatus(Labelled):
    PLANNED = "planned"
    HELD = "held"
    MINUTES_DRAFTED = "minutes_drafted"
    MINUTES_FINAL = "minutes_final"
    CANCELLED = "cancelled"


class AttendanceRole(Labelled):
    HOST = "host"
    RECORDER = "recorder"
    MEMBER = "member"
    RESIDENT_REP = "resident_rep"
    CADRE = "cadre"
    DEPARTMENT_REP = "department_rep"
    GRID_WORKER = "grid_worker"
    EXPERT = "expert"
    OBSERVER = "observer"


class AttendanceStatus(Labelled):
    PRESENT = "present"
    LEAVE = "leave"
    ABSENT = "absent"


class Consensus(Labelled):
    AGREED = "agreed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle"
    DEFERRED = "deferred"


class OutcomeStatus(Labelled):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    NOT_POSSIBLE = "not_possible"


class ResultClass(Labelled):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


class Satisfaction(Labelled):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    UNSATISFIED = "unsatisfied"


class EscalationKind(Labelled):
    PROPOSAL = "proposal"
    SOCIAL_INFO = "social_info"


class SupervisionMethod(Labelled):
    """How the district pressed a responsible unit on an outcome (督办方式)."""

    PHONE = "phone"
    VISIT = "visit"
    LETTER = "letter"
    MEETING = "meeting"


class DutyKind(Labelled):
    """Kinds of a member's countable act (履职评价); values travel in bundles, never change.

    Declared in the order the scores list them; deductions last.
    """

    ATTENDED_CONSULTATION = "attended_consultation"
    SPOKE = "spoke"
    CLAIMED_TOPIC = "claimed_topic"
    SUBMITTED_SOCIAL_INFO = "submitted_social_info"
    SOCIAL_INFO_ADOPTED = "social_info_adopted"
    SUBMITTED_PROPOSAL = "submitted_proposal"
    PROPOSAL_ACCEPTED = "proposal_accepted"
    READING = "reading"
    RECEPTION = "reception"
    VISIT = "visit"
    INSPECTION = "inspection"
    MEDIATION = "mediation"
    SERVED_RESIDENTS = "served_residents"
    OTHER_ACTIVITY = "other_activity"
    LEAVE = "leave"
    UNEXCUSED_ABSENCE = "unexcused_absence"


class CaseKind(Labelled):
    MEDIATION = "mediation"
    PETITION = "petition"


class CaseStatus(Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"


class AuditAction(Labelled):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


# Keyed by (class, value): members of different enums share values ("in_progress",
# "member", "district"), and StrEnum members with equal values are equal dict keys.
_LABELS: dict[tuple[type[enum.StrEnum], str], str] = {
    (NodeRole, NodeRole.DISTRICT.value): "区政协",
    (NodeRole, NodeRole.ROOM.value): "协商议事室",
    (NodeRole, NodeRole.CITY.value): "市政协",
    (RoomKind, RoomKind.VILLAGE.value): "村",
    (RoomKind, RoomKind.COMMUNITY.value): "社区",
    (RoomKind, RoomKind.DISTRICT_OFFICE.value): "区政协",
    (RoomKind, RoomKind.TOWNSHIP_OFFICE.value): "镇（街道）",
    (Gender, Gender.MALE.value): "男",
    (Gender, Gender.FEMALE.value): "女",
    (MemberLevel, MemberLevel.PROVINCE.value): "省政协委员",
    (MemberLevel, MemberLevel.CITY.value): "市政协委员",
    (MemberLevel, MemberLevel.DISTRICT.value): "区政协委员",
    (TeamKind, TeamKind.EXPERT_SUPPORT.value): "专业助力",
    (TeamKind, TeamKind.SUPERVISION.value): "民主监督",
    (TeamKind, TeamKind.CONSULTATION.value): "协商议事",
    (ParticipantKind, ParticipantKind.RESIDENT.value): "群众代表",
    (ParticipantKind, ParticipantKind.CADRE.value): "村（社区）干部",
    (ParticipantKind, ParticipantKind.DEPARTMENT.value): "职能部门",
    (ParticipantKind, ParticipantKind.GRID_WORKER.value): "网格员",
    (ParticipantKind, ParticipantKind.EXPERT.value): "专家",
    (ParticipantKind, ParticipantKind.OTHER.value): "其他",
    (TopicSource, TopicSource.PARTY_GOVERNMENT.value): "党政点题",
    (TopicSource, TopicSource.RESIDENTS.value): "群众出题",
    (TopicSource, TopicSource.MEMBER.value): "委员荐题",
    (TopicSource, TopicSource.GRID.value): "网格征题",
    (TopicStatus, TopicStatus.COLLECTED.value): "征集",
    (TopicStatus, TopicStatus.SHORTLISTED.value): "初选",
    (TopicStatus, TopicStatus.ANNOUNCED.value): "公告",
    (TopicStatus, TopicStatus.CLAIMED.value): "认领",
    (TopicStatus, TopicStatus.DISCUSSED.value): "已协商",
    (TopicStatus, TopicStatus.IN_PROGRESS.value): "办理中",
    (TopicStatus, TopicStatus.IMPLEMENTED.value): "已落实",
    (TopicStatus, TopicStatus.NOT_IMPLEMENTED.value): "未落实",
    (TopicStatus, TopicStatus.ESCALATED.value): "转报",
    (TopicStatus, TopicStatus.FED_BACK.value): "已反馈",
    (TopicStatus, TopicStatus.DECLINED.value): "不予立项",
    (MeetingForm, MeetingForm.ONSITE.value): "现场协商",
    (MeetingForm, MeetingForm.BENCH.value): "板凳协商",
    (MeetingForm, MeetingForm.NEIGHBOURHOOD.value): "邻里协商",
    (MeetingForm, MeetingForm.VIDEO.value): "远程视频协商",
    (MeetingStatus, MeetingStatus.PLANNED.value): "计划",
    (MeetingStatus, MeetingStatus.HELD.value): "已召开",
    (MeetingStatus, MeetingStatus.MINUTES_DRAFTED.value): "记录草稿",
    (MeetingStatus, MeetingStatus.MINUTES_FINAL.value): "记录定稿",
    (MeetingStatus, MeetingStatus.CANCELLED.value): "已取消",
    (AttendanceRole, AttendanceRole.HOST.value): "主持人",
    (AttendanceRole, AttendanceRole.RECORDER.value): "记录人",
    (AttendanceRole, AttendanceRole.MEMBER.value): "政协委员",
    (AttendanceRole, AttendanceRole.RESIDENT_REP.value): "群众代表",
    (AttendanceRole, AttendanceRole.CADRE.value): "村（社区）干部",
    (AttendanceRole, AttendanceRole.DEPARTMENT_REP.value): "职能部门代表",
    (AttendanceRole, AttendanceRole.GRID_WORKER.value): "网格员",
    (AttendanceRole, AttendanceRole.EXPERT.value): "专家",
    (AttendanceRole, AttendanceRole.OBSERVER.value): "列席",
    (AttendanceStatus, AttendanceStatus.PRESENT.value): "出席",
    (AttendanceStatus, AttendanceStatus.LEAVE.value): "请假",
    (AttendanceStatus, AttendanceStatus.ABSENT.value): "缺席",
    (Consensus, Consensus.AGREED.value): "同意",
    (Consensus, Consensus.AGREED_IN_PRINCIPLE.value): "原则同意",
    (Consensus, Consensus.DEFERRED.value): "暂缓",
    (OutcomeStatus, OutcomeStatus.PENDING.value): "待办",
    (OutcomeStatus, OutcomeStatus.IN_PROGRESS.value): "办理中",
    (OutcomeStatus, OutcomeStatus.COMPLETED.value): "已办结",
    (OutcomeStatus, OutcomeStatus.NOT_POSSIBLE.value): "未能办理",
    (ResultClass, ResultClass.A.value): "A 已解决/基本解决",
    (ResultClass, ResultClass.B.value): "B 正在解决",
    (ResultClass, ResultClass.C.value): "C 列入计划",
    (ResultClass, ResultClass.D.value): "D 留作参考",
    (Satisfaction, Satisfaction.SATISFIED.value): "满意",
    (Satisfaction, Satisfaction.BASICALLY_SATISFIED.value): "基本满意",
    (Satisfaction, Satisfaction.UNSATISFIED.value): "不满意",
    (EscalationKind, EscalationKind.PROPOSAL.value): "政协提案",
    (EscalationKind, EscalationKind.SOCIAL_INFO.value): "社情民意信息",
    (SupervisionMethod, SupervisionMethod.PHONE.value): "电话",
    (SupervisionMethod, SupervisionMethod.VISIT.value): "实地",
    (SupervisionMethod, SupervisionMethod.LETTER.value): "发函",
    (SupervisionMethod, SupervisionMethod.MEETING.value): "会议",
    (DutyKind, DutyKind.ATTENDED_CONSULTATION.value): "参加协商议事",
    (DutyKind, DutyKind.SPOKE.value): "协商发言",
    (DutyKind, DutyKind.CLAIMED_TOPIC.value): "认领议题",
    (DutyKind, DutyKind.SUBMITTED_SOCIAL_INFO.value): "报送社情民意信息",
    (DutyKind, DutyKind.SOCIAL_INFO_ADOPTED.value): "社情民意信息被采用",
    (DutyKind, DutyKind.SUBMITTED_PROPOSAL.value): "提交提案",
    (DutyKind, DutyKind.PROPOSAL_ACCEPTED.value): "提案被立案采纳",
    (DutyKind, DutyKind.READING.value): "读书活动",
    (DutyKind, DutyKind.RECEPTION.value): "委员接待日",
    (DutyKind, DutyKind.VISIT.value): "走访联谊",
    (DutyKind, DutyKind.INSPECTION.value): "视察调研、民主监督",
    (DutyKind, DutyKind.MEDIATION.value): "矛盾调解",
    (DutyKind, DutyKind.SERVED_RESIDENTS.value): "服务群众",
    (DutyKind, DutyKind.OTHER_ACTIVITY.value): "其他履职活动",
    (DutyKind, DutyKind.LEAVE.value): "请假",
    (DutyKind, DutyKind.UNEXCUSED_ABSENCE.value): "无故缺席",
    (CaseKind, CaseKind.MEDIATION.value): "调解",
    (CaseKind, CaseKind.PETITION.value): "信访",
    (CaseStatus, CaseStatus.OPEN.value): "受理",
    (CaseStatus, CaseStatus.IN_PROGRESS.value): "化解中",
    (CaseStatus, CaseStatus.RESOLVED.value): "调解成功",
    (CaseStatus, CaseStatus.UNRESOLVED.value): "未能化解",
    (AuditAction, AuditAction.INSERT.value): "新增",
    (AuditAction, AuditAction.UPDATE.value): "修改",
    (AuditAction, AuditAction.DELETE.value): "删除",
}
