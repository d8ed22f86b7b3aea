"""The topic lifecycle's table of allowed moves, and which topics an agenda may take."""

from __future__ import annotations

from desktop.models import Topic
from desktop.models.enums import TopicStatus

S = TopicStatus

# The single table of allowed moves. Immediate consultation (即时性协商) goes from
# 征集/初选 straight to 已协商 without announcement or claim.
TRANSITIONS: dict[TopicStatus, frozenset[TopicStatus]] = {
    S.COLLECTED: frozenset({S.SHORTLISTED, S.DECLINED}),
    S.SHORTLISTED: frozenset({S.ANNOUNCED, S.DECLINED}),
    S.ANNOUNCED: frozenset({S.CLAIMED, S.DISCUSSED, S.DECLINED}),
    S.CLAIMED: frozenset({S.DISCUSSED}),
    S.DISCUSSED: frozenset({S.IN_PROGRESS, S.IMPLEMENTED, S.NOT_IMPLEMENTED, S.ESCALATED}),
    S.IN_PROGRESS: frozenset({S.IMPLEMENTED, S.NOT_IMPLEMENTED, S.ESCALATED}),
    S.IMPLEMENTED: frozenset({S.FED_BACK}),
    S.NOT_IMPLEMENTED: frozenset({S.FED_BACK}),
    S.ESCALATED: frozenset({S.FED_BACK}),
    S.FED_BACK: frozenset(),
    S.DECLINED: frozenset(),
}
IMMEDIATE_EXTRA: dict[TopicStatus, frozenset[TopicStatus]] = {
    S.COLLECTED: frozenset({S.DISCUSSED}),
    S.SHORTLISTED: frozenset({S.DISCUSSED}),
}
# Statuses in which the topic has been consulted on at a meeting.
DISCUSSED_OR_LATER = frozenset(
    {S.DISCUSSED, S.IN_PROGRESS, S.IMPLEMENTED, S.NOT_IMPLEMENTED, S.ESCALATED, S.FED_BACK}
)


def allowed_transitions(topic: Topic) -> frozenset[TopicStatus]:
    allowed = TRANSITIONS[topic.status]
    if topic.immediate:
        allowed |= IMMEDIATE_EXTRA.get(topic.status, frozenset())
    return allowed


# Moves that can be taken back, with a reason kept in the history (desktop.workflow.topics):
# 初选 back to 征集, 公告 back to 初选 (refused once a member claimed: the claim is the
# member's own act, withdrawn by the member, never swept away by the secretary).
TAKE_BACKS: dict[TopicStatus, TopicStatus] = {
    S.SHORTLISTED: S.COLLECTED,
    S.ANNOUNCED: S.SHORTLISTED,
}

# Topics ready for a meeting's agenda; an immediate one (即时性协商) needs no announcement.
AGENDA_READY = frozenset({S.SHORTLISTED, S.ANNOUNCED, S.CLAIMED})
IMMEDIATE_READY = frozenset({S.COLLECTED, S.SHORTLISTED})
