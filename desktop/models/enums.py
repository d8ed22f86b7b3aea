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
        return _LABELS[self]

    @classmethod
    def from_label(cls, label: str) -> Labelled:
        for member in cls:
            if _LABELS[member] == label:
                return member
        raise ValueError(f"未知的{cls.__name__}：{label}")


class NodeRole(Labelled):
    DISTRICT = "district"
    ROOM = "room"


class RoomKind(Labelled):
    VILLAGE = "village"
    COMMUNITY = "community"


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


class DutyKind(Labelled):
    ATTENDED_CONSULTATION = "attended_consultation"
    CLAIMED_TOPIC = "claimed_topic"
    SUBMITTED_PROPOSAL = "submitted_proposal"
    SUBMITTED_SOCIAL_INFO = "submitted_social_info"
    INSPECTION = "inspection"
    SERVED_RESIDENTS = "served_residents"
    OTHER_ACTIVITY = "other_activity"
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


_LABELS: dict[enum.StrEnum, str] = {
    NodeRole.DISTRICT: "区政协",
    NodeRole.ROOM: "协商议事室",
    RoomKind.VILLAGE: "村",
    RoomKind.COMMUNITY: "社区",
    Gender.MALE: "男",
    Gender.FEMALE: "女",
    MemberLevel.PROVINCE: "省政协委员",
    MemberLevel.CITY: "市政协委员",
    MemberLevel.DISTRICT: "区政协委员",
    TeamKind.EXPERT_SUPPORT: "专业助力",
    TeamKind.SUPERVISION: "民主监督",
    TeamKind.CONSULTATION: "协商议事",
    ParticipantKind.RESIDENT: "群众代表",
    ParticipantKind.CADRE: "村（社区）干部",
    ParticipantKind.DEPARTMENT: "职能部门",
    ParticipantKind.GRID_WORKER: "网格员",
    ParticipantKind.EXPERT: "专家",
    ParticipantKind.OTHER: "其他",
    TopicSource.PARTY_GOVERNMENT: "党政点题",
    TopicSource.RESIDENTS: "群众出题",
    TopicSource.MEMBER: "委员荐题",
    TopicSource.GRID: "网格征题",
    TopicStatus.COLLECTED: "征集",
    TopicStatus.SHORTLISTED: "初选",
    TopicStatus.ANNOUNCED: "公告",
    TopicStatus.CLAIMED: "认领",
    TopicStatus.DISCUSSED: "已协商",
    TopicStatus.IN_PROGRESS: "办理中",
    TopicStatus.IMPLEMENTED: "已落实",
    TopicStatus.NOT_IMPLEMENTED: "未落实",
    TopicStatus.ESCALATED: "转报",
    TopicStatus.FED_BACK: "已反馈",
    TopicStatus.DECLINED: "不予立项",
    MeetingForm.ONSITE: "现场协商",
    MeetingForm.BENCH: "板凳协商",
    MeetingForm.NEIGHBOURHOOD: "邻里协商",
    MeetingForm.VIDEO: "远程视频协商",
    MeetingStatus.PLANNED: "计划",
    MeetingStatus.HELD: "已召开",
    MeetingStatus.MINUTES_DRAFTED: "记录草稿",
    MeetingStatus.MINUTES_FINAL: "记录定稿",
    MeetingStatus.CANCELLED: "已取消",
    AttendanceRole.HOST: "主持人",
    AttendanceRole.RECORDER: "记录人",
    AttendanceRole.MEMBER: "政协委员",
    AttendanceRole.RESIDENT_REP: "群众代表",
    AttendanceRole.CADRE: "村（社区）干部",
    AttendanceRole.DEPARTMENT_REP: "职能部门代表",
    AttendanceRole.GRID_WORKER: "网格员",
    AttendanceRole.EXPERT: "专家",
    AttendanceRole.OBSERVER: "列席",
    AttendanceStatus.PRESENT: "出席",
    AttendanceStatus.LEAVE: "请假",
    AttendanceStatus.ABSENT: "缺席",
    Consensus.AGREED: "同意",
    Consensus.AGREED_IN_PRINCIPLE: "原则同意",
    Consensus.DEFERRED: "暂缓",
    OutcomeStatus.PENDING: "待办",
    OutcomeStatus.IN_PROGRESS: "办理中",
    OutcomeStatus.COMPLETED: "已办结",
    OutcomeStatus.NOT_POSSIBLE: "未能办理",
    ResultClass.A: "A 已解决/基本解决",
    ResultClass.B: "B 正在解决",
    ResultClass.C: "C 列入计划",
    ResultClass.D: "D 留作参考",
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.UNSATISFIED: "不满意",
    EscalationKind.PROPOSAL: "政协提案",
    EscalationKind.SOCIAL_INFO: "社情民意信息",
    DutyKind.ATTENDED_CONSULTATION: "参加协商议事",
    DutyKind.CLAIMED_TOPIC: "认领议题",
    DutyKind.SUBMITTED_PROPOSAL: "提交提案",
    DutyKind.SUBMITTED_SOCIAL_INFO: "报送社情民意信息",
    DutyKind.INSPECTION: "视察调研",
    DutyKind.SERVED_RESIDENTS: "服务群众",
    DutyKind.OTHER_ACTIVITY: "其他履职活动",
    DutyKind.UNEXCUSED_ABSENCE: "无故缺席",
    CaseKind.MEDIATION: "调解",
    CaseKind.PETITION: "信访",
    CaseStatus.OPEN: "受理",
    CaseStatus.IN_PROGRESS: "化解中",
    CaseStatus.RESOLVED: "调解成功",
    CaseStatus.UNRESOLVED: "未能化解",
    AuditAction.INSERT: "新增",
    AuditAction.UPDATE: "修改",
    AuditAction.DELETE: "删除",
}
