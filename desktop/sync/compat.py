"""Bundles from older Yishi versions: the columns later migrations added to synced tables.

Rooms upgrade when they can, so a district keeps receiving bundles written at an older schema
(the manifest's `schema_version`). A row from such a bundle lacks every column that a later
migration added; it gets the value that migration gave the rows already in a database, which is
what the sender's own rows hold once it upgrades.

Every migration that adds a column to a synced table needs an entry here: the guard test in
tests/sync/test_older_bundles.py migrates a database to each revision and fails otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from alembic.script import ScriptDirectory

from desktop.db import alembic_config


@dataclass(frozen=True)
class AddedColumn:
    """A column a migration after the first added to a synced table."""

    table: str
    column: str
    # The Alembic revision that added it.
    revision: str
    # As a JSON value, parsed like any record's: what the migration gave existing rows.
    default: Any


_DUTY = "0011_duty_scoring"

ADDED_COLUMNS: tuple[AddedColumn, ...] = (
    # 0002: rows recorded before 应到/walk-in were told apart were all invited people.
    AddedColumn(table="attendance", column="expected", revision="0002", default=True),
    # 0008: the roster's party (党派) and post (职务) were not recorded before.
    AddedColumn(table="member", column="party", revision="0008_roster_fields", default=None),
    AddedColumn(table="member", column="post", revision="0008_roster_fields", default=None),
    # 0009: every room was working before a room could be retired.
    AddedColumn(table="room", column="retired_on", revision="0009_room_lifecycle", default=None),
    # 0011: rule sets written before scoring was by year got the usual base and grade bounds,
    # rules no cap, and activity kinds "other activity" (the standard codes were mapped by
    # the migration; a district's row from an older bundle takes the default until it
    # changes, and only the district, which holds its own rows, scores).
    AddedColumn(table="scoring_rule_set", column="base_score", revision=_DUTY, default="60"),
    AddedColumn(table="scoring_rule_set", column="excellent_min", revision=_DUTY, default="90"),
    AddedColumn(table="scoring_rule_set", column="competent_min", revision=_DUTY, default="70"),
    AddedColumn(table="scoring_rule_set", column="basic_min", revision=_DUTY, default="60"),
    AddedColumn(table="scoring_rule", column="cap", revision=_DUTY, default=None),
    AddedColumn(
        table="activity_kind", column="duty_kind", revision=_DUTY, default="other_activity"
    ),
    # 0012_supervision added a whole table (supervision_action), not a column: an older
    # bundle simply has none of its rows, and nothing needs filling.
    # 0013_status_history likewise added a whole table (status_change).
)


class UnknownSchemaVersion(KeyError):
    """A schema version that is not a revision of this Yishi's migration chain."""


@cache
def _chain() -> dict[str, Any]:
    """This Yishi's migrations by revision id (read once: it cannot change while running)."""
    script = ScriptDirectory.from_config(alembic_config())
    return {script_rev.revision: script_rev for script_rev in script.walk_revisions()}


def known_schema_versions() -> set[str]:
    return set(_chain())


@cache
def applied_revisions(schema_version: str) -> frozenset[str]:
    """The revisions a database at `schema_version` has applied: itself and all its ancestors.

    Taken from the Alembic chain, so order never depends on how revision ids compare as text.
    """
    by_id = _chain()
    if schema_version not in by_id:
        raise UnknownSchemaVersion(schema_version)
    applied: set[str] = set()
    pending = [schema_version]
    while pending:
        revision = pending.pop()
        if revision in applied:
            continue
        applied.add(revision)
        down = by_id[revision].down_revision
        if isinstance(down, str):
            pending.append(down)
        elif down is not None:
            pending.extend(down)
    return frozenset(applied)


def added_after(schema_version: str) -> list[AddedColumn]:
    """The registry's columns that a database at `schema_version` does not have yet."""
    applied = applied_revisions(schema_version)
    return [entry for entry in ADDED_COLUMNS if entry.revision not in applied]


def defaults_for_older(table: str, schema_version: str) -> dict[str, Any]:
    """Column name to JSON default for the columns of `table` a bundle at that version lacks."""
    return {e.column: e.default for e in added_after(schema_version) if e.table == table}
