"""Qt-free ORM of every record Yishi keeps; importing this registers all tables on `Base`."""

from desktop.models.activities import (
    Activity,
    ActivityKind,
    ActivityMember,
    CaseMember,
    MediationCase,
)
from desktop.models.attachments import Attachment
from desktop.models.base import Base, Synced
from desktop.models.duty import DutyAct, DutyRecord, ScoringRule, ScoringRuleSet
from desktop.models.history import StatusChange
from desktop.models.local import AuditEntry, Installation, Setting
from desktop.models.meetings import AgendaItem, Amendment, Attendance, Meeting, Speech
from desktop.models.org import Area, District, Room, Township
from desktop.models.outcomes import Outcome, ProgressNote
from desktop.models.people import Assignment, Member, Participant, Team, TeamMembership
from desktop.models.supervision import SupervisionAction
from desktop.models.sync import (
    ForwardedOrigin,
    QuarantinedRecord,
    SyncBundle,
    SyncDigest,
    SyncPeer,
)
from desktop.models.topics import Claim, OpinionSlip, Topic

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityMember",
    "AgendaItem",
    "Amendment",
    "Area",
    "Assignment",
    "Attachment",
    "Attendance",
    "AuditEntry",
    "Base",
    "CaseMember",
    "Claim",
    "District",
    "DutyAct",
    "DutyRecord",
    "ForwardedOrigin",
    "Installation",
    "MediationCase",
    "Meeting",
    "Member",
    "OpinionSlip",
    "Outcome",
    "Participant",
    "ProgressNote",
    "QuarantinedRecord",
    "Room",
    "ScoringRule",
    "ScoringRuleSet",
    "Setting",
    "Speech",
    "StatusChange",
    "SupervisionAction",
    "SyncBundle",
    "SyncDigest",
    "SyncPeer",
    "Synced",
    "Team",
    "TeamMembership",
    "Topic",
    "Township",
]
