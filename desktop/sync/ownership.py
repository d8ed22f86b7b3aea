"""Who may write each table, and which rows each row hangs under: one registry for the sync.

Every table of the schema has an entry; tests/sync/test_ownership.py enumerates the models
and fails when one is missing, when a synced table is called local or the reverse, or when
a table's foreign keys differ from its parents here. A table without an entry is refused
at import (`rule_for` raises), so a table added later cannot slip through unchecked.

A row from a bundle is accepted (desktop.sync.incoming.check_owned) only when the sender
owns it and owns every row it hangs under, or that row is district-wide and the district's.
Held rows were accepted by the same rule, so checking the direct parents covers the chain.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


class Sync(enum.StrEnum):
    ROOM_OWNED = "room-owned"
    # Written by the district about one room's records; goes to that room only.
    DISTRICT_OWNED = "district-owned"
    # The district's roster and lists, sent to every room; a room never writes them.
    DISTRICT_WIDE = "district-wide"
    LOCAL_ONLY = "local-only"


@dataclass(frozen=True)
class Parent:
    """A column naming the row this one hangs under.

    `table` is the parent's table; None when another column (`table_column`) names it per
    row, as an attachment names the record it is attached to.
    """

    column: str
    table: str | None
    table_column: str | None = None


@dataclass(frozen=True)
class Rule:
    sync: Sync
    parents: tuple[Parent, ...] = ()
    # The district may write rows here under the room's own records (a progress note on
    # a room's outcome, an attachment to it); they travel to that room only.
    district_annotates: bool = False


def _p(column: str, table: str) -> Parent:
    return Parent(column, table)


_ROOM = _p("room_id", "room")
_MEMBER = _p("member_id", "member")
_LOCAL = Rule(Sync.LOCAL_ONLY)

RULES: dict[str, Rule] = {
    # The district's roster, rooms and rules.
    "district": Rule(Sync.DISTRICT_WIDE),
    "township": Rule(Sync.DISTRICT_WIDE, (_p("district_id", "district"),)),
    "area": Rule(Sync.DISTRICT_WIDE, (_p("township_id", "township"),)),
    "room": Rule(Sync.DISTRICT_WIDE, (_p("township_id", "township"), _p("area_id", "area"))),
    "member": Rule(Sync.DISTRICT_WIDE),
    "assignment": Rule(Sync.DISTRICT_WIDE, (_MEMBER, _p("area_id", "area"), _ROOM)),
    "team": Rule(Sync.DISTRICT_WIDE),
    "team_membership": Rule(Sync.DISTRICT_WIDE, (_p("team_id", "team"), _MEMBER)),
    "scoring_rule_set": Rule(Sync.DISTRICT_WIDE),
    "scoring_rule": Rule(Sync.DISTRICT_WIDE, (_p("rule_set_id", "scoring_rule_set"),)),
    # Acts the district records itself (desktop.workflow.duty); rooms receive and never write
    # them, like the rules. They hang under the member only: a district-wide row cannot hang
    # under a room's record.
    "duty_act": Rule(Sync.DISTRICT_WIDE, (_MEMBER,)),
    "activity_kind": Rule(Sync.DISTRICT_WIDE),
    # A room's own records.
    "participant": Rule(Sync.ROOM_OWNED, (_ROOM,)),
    "topic": Rule(Sync.ROOM_OWNED, (_ROOM, _p("proposed_by_member_id", "member"))),
    "opinion_slip": Rule(
        Sync.ROOM_OWNED, (_ROOM, _p("collector_id", "participant"), _p("topic_id", "topic"))
    ),
    "claim": Rule(Sync.ROOM_OWNED, (_p("topic_id", "topic"), _MEMBER)),
    "meeting": Rule(Sync.ROOM_OWNED, (_ROOM,)),
    "agenda_item": Rule(Sync.ROOM_OWNED, (_p("meeting_id", "meeting"), _p("topic_id", "topic"))),
    "speech": Rule(
        Sync.ROOM_OWNED,
        (_p("agenda_item_id", "agenda_item"), _MEMBER, _p("participant_id", "participant")),
    ),
    "attendance": Rule(
        Sync.ROOM_OWNED,
        (_p("meeting_id", "meeting"), _MEMBER, _p("participant_id", "participant")),
    ),
    "amendment": Rule(Sync.ROOM_OWNED, (_p("meeting_id", "meeting"),)),
    # 状态变更记录 of the room's topics and meetings (a take-back's reason travels with it).
    "status_change": Rule(
        Sync.ROOM_OWNED, (_ROOM, _p("topic_id", "topic"), _p("meeting_id", "meeting"))
    ),
    "activity": Rule(Sync.ROOM_OWNED, (_ROOM, _p("kind_id", "activity_kind"))),
    "activity_member": Rule(Sync.ROOM_OWNED, (_p("activity_id", "activity"), _MEMBER)),
    "mediation_case": Rule(Sync.ROOM_OWNED, (_ROOM,)),
    "case_member": Rule(Sync.ROOM_OWNED, (_p("case_id", "mediation_case"), _MEMBER)),
    "outcome": Rule(
        Sync.ROOM_OWNED,
        (
            _ROOM,
            _p("agenda_item_id", "agenda_item"),
            _p("activity_id", "activity"),
            _p("case_id", "mediation_case"),
        ),
    ),
    "progress_note": Rule(Sync.ROOM_OWNED, (_p("outcome_id", "outcome"),), district_annotates=True),
    # 督办记录: only the district writes them, under a room's outcome; they go to that room.
    "supervision_action": Rule(Sync.DISTRICT_OWNED, (_p("outcome_id", "outcome"),)),
    "duty_record": Rule(
        Sync.ROOM_OWNED,
        (
            _MEMBER,
            _ROOM,
            _p("meeting_id", "meeting"),
            _p("topic_id", "topic"),
            _p("activity_id", "activity"),
        ),
    ),
    "attachment": Rule(
        Sync.ROOM_OWNED,
        (Parent("record_id", None, table_column="record_table"),),
        district_annotates=True,
    ),
    # This installation's own bookkeeping; never in a bundle.
    "installation": _LOCAL,
    "setting": _LOCAL,
    "audit_entry": _LOCAL,
    "sync_peer": _LOCAL,
    "sync_bundle": _LOCAL,
    "sync_digest": _LOCAL,
    "quarantined_record": _LOCAL,
    "forwarded_origin": _LOCAL,
}

# Only the district writes these; a room's bundle carrying one is refused outright.
DISTRICT_TABLES = frozenset(
    table for table, rule in RULES.items() if rule.sync in (Sync.DISTRICT_WIDE, Sync.DISTRICT_OWNED)
)


class NoRule(KeyError):
    """A table the registry does not know: refused, never guessed."""


def rule_for(table: str) -> Rule:
    try:
        return RULES[table]
    except KeyError:
        raise NoRule(table) from None


def parent_refs(table: str, values: dict[str, Any]) -> Iterator[tuple[str, str | None, str]]:
    """(column, parent table, parent id) for each parent a row names; None: no such table."""
    for parent in rule_for(table).parents:
        parent_id = values.get(parent.column)
        if parent_id is None:
            continue
        parent_table = parent.table
        if parent_table is None:
            assert parent.table_column is not None
            named = values.get(parent.table_column)
            parent_table = None
            if (
                isinstance(named, str)
                and named in RULES
                and RULES[named].sync is not Sync.LOCAL_ONLY
            ):
                parent_table = named
        yield parent.column, parent_table, parent_id
