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


# Topics ready for a meeting's agenda; an immediate one (即时性协商) needs no announcement.
AGENDA_READY = frozenset({S.SHORTLISTED, S.ANNOUNCED, S.CLAIMED})
IMMEDIATE_READY = frozenset({S.COLLECTED, S.SHORTLISTED})
