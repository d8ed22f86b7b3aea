"""The statistics' queries rewritten for speed (issue 18) count what the plain queries they
replaced counted, on generated data with some records tombstoned: attendance added up by day
before by room, adoption found by `(reference, kind) IN (…)` instead of a correlated EXISTS,
the period before counted without its rooms.

The reference figures come from the replaced queries' plain SQL, one row per room and period,
never from desktop.stats.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date

import pytest

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.stats import Period, compute_stats

# The reference figures are read from the SQLite file directly.
pytestmark = pytest.mark.sqlite_only

# The generated history depends on its last day; a fixed one keeps the few adoption acts
# in the counted year whatever day the suite runs on (CI found none on 2026-12-06).
TODAY = date(2026, 6, 15)

HELD = "m.deleted = 0 AND m.status NOT IN ('planned', 'cancelled')"

ATTENDANCE = f"""
    SELECT m.room_id, count(a.member_id), count(a.participant_id)
    FROM meeting m JOIN attendance a ON a.meeting_id = m.id
    WHERE m.held_on BETWEEN :start AND :end AND {HELD} AND a.deleted = 0
      AND a.status = 'present'
    GROUP BY m.room_id
"""
ESCALATIONS = """
    SELECT o.room_id, o.escalation_kind, count(*), sum(EXISTS (
        SELECT 1 FROM duty_act d WHERE d.deleted = 0 AND d.reference = o.escalation_ref
          AND d.kind = CASE o.escalation_kind WHEN 'proposal' THEN 'proposal_accepted'
                                              ELSE 'social_info_adopted' END))
    FROM outcome o
    WHERE o.escalated_on BETWEEN :start AND :end AND o.deleted = 0
      AND o.escalation_kind IS NOT NULL
    GROUP BY o.room_id, o.escalation_kind
"""
ACTIVITIES = """
    SELECT a.room_id, k.code, count(DISTINCT a.id), count(am.id)
    FROM activity a JOIN activity_kind k ON k.id = a.kind_id
    LEFT JOIN activity_member am ON am.activity_id = a.id AND am.deleted = 0
    WHERE a.held_on BETWEEN :start AND :end AND a.deleted = 0
    GROUP BY a.room_id, k.code
"""
CASES = """
    SELECT room_id, kind, count(*), sum(status = 'resolved')
    FROM mediation_case WHERE opened_on BETWEEN :start AND :end AND deleted = 0
    GROUP BY room_id, kind
"""


def _reference(raw: sqlite3.Connection, period: Period) -> dict[str, Counter[str]]:
    """Each figure by room (and the total under "") as the replaced queries counted it."""
    span = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    figures: dict[str, Counter[str]] = {}

    def add(key: str, room: str, count: int) -> None:
        figures.setdefault(key, Counter())
        figures[key][room] += count
        figures[key][""] += count

    for room, members, participants in raw.execute(ATTENDANCE, span):
        add("member_attendances", room, members)
        add("participant_attendances", room, participants)
    for room, kind, sent, adopted in raw.execute(ESCALATIONS, span):
        prefix = "proposals" if kind == "proposal" else "social_info"
        add(f"{prefix}_sent", room, sent)
        add(f"{prefix}_adopted", room, adopted)
    for room, code, activities, members in raw.execute(ACTIVITIES, span):
        add("activities", room, activities)
        add("activity_member_attendances", room, members)
        add(f"activities:{code}", room, activities)
        add(f"activity_members:{code}", room, members)
    for room, kind, received, resolved in raw.execute(CASES, span):
        add("cases_received", room, received)
        add("cases_resolved", room, resolved)
        add(f"cases:{kind}", room, received)
    return figures


def _tombstone_some(raw: sqlite3.Connection, period: Period) -> None:
    """Some of the rows the rewritten queries skip when deleted: one of the few adoption acts
    of the counted year (the others must stay, or the adoption figure proves nothing), every
    second of the other acts, one escalation without an adoption, every seventh of the other
    rows."""
    span = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    raw.execute(
        """UPDATE duty_act SET deleted = 1 WHERE rowid = (
               SELECT min(d.rowid) FROM duty_act d JOIN outcome o ON o.escalation_ref = d.reference
               WHERE o.escalated_on BETWEEN :start AND :end)""",
        span,
    )
    raw.execute(
        "UPDATE duty_act SET deleted = 1 WHERE rowid % 2 = 0"
        " AND kind NOT IN ('proposal_accepted', 'social_info_adopted')"
    )
    for table in ("attendance", "activity_member", "mediation_case"):
        raw.execute(f"UPDATE {table} SET deleted = 1 WHERE rowid % 7 = 0")
    raw.execute("UPDATE outcome SET deleted = 1 WHERE rowid % 7 = 0 AND escalation_kind IS NULL")
    raw.execute(
        """UPDATE outcome SET deleted = 1 WHERE rowid = (
               SELECT min(rowid) FROM outcome WHERE escalated_on BETWEEN :start AND :end
               AND escalation_ref NOT IN (SELECT reference FROM duty_act
                                          WHERE reference IS NOT NULL))""",
        span,
    )
    raw.commit()


def _figure(line: dict[str, object], key: str) -> int:
    if key.startswith("activities:"):
        return line["activities_by_kind"][key.split(":")[1]]["activities"]  # type: ignore[index]
    if key.startswith("activity_members:"):
        kind = key.split(":")[1]
        return line["activities_by_kind"][kind]["member_attendances"]  # type: ignore[index]
    if key.startswith("cases:"):
        return line["cases_by_kind"][key.split(":")[1]]  # type: ignore[index]
    return line[key]  # type: ignore[return-value]


def test_the_rewritten_queries_count_what_the_plain_ones_did(district_db: Database) -> None:
    generate(district_db, seed=11, rooms=6, years=3, today=TODAY)
    district_db.close()
    raw = sqlite3.connect(district_db.home.database)
    db = open_database(district_db.home)
    try:
        period = Period.of_year(TODAY.year - 1)
        _tombstone_some(raw, period)
        stats = compute_stats(db, period=period)
        now = _reference(raw, period)
        before = _reference(raw, period.previous())
    finally:
        db.close()
        raw.close()

    # Not vacuous: the generated years hold what each rewritten query counts.
    for key in ("member_attendances", "participant_attendances", "activities", "cases_received"):
        assert now[key][""] > 0, key
    adopted = now["proposals_adopted"][""] + now["social_info_adopted"][""]
    sent = now["proposals_sent"][""] + now["social_info_sent"][""]
    assert 0 < adopted < sent

    for key, by_room in now.items():
        assert _figure(stats, key) == by_room[""], key
        for line in stats["rooms"]:
            assert _figure(line, key) == by_room[line["room_id"]], (key, line["name"])
    for key, by_room in before.items():
        assert _figure(stats["previous"], key) == by_room[""], ("previous", key)
