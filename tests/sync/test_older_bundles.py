"""Bundles from rooms that have not upgraded yet: later columns filled, nothing else forgiven."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import pyrage
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, select

from desktop.db import Database, alembic_config, head_revision
from desktop.models import Attendance, Meeting, Participant, SyncPeer, Topic
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    MeetingForm,
    MeetingStatus,
    ParticipantKind,
)
from desktop.sync import SyncError, compat, strictjson
from desktop.sync.bundle import seal
from desktop.sync.compat import ADDED_COLUMNS, AddedColumn, added_after, applied_revisions
from desktop.sync.export import build_contents, export_bundle
from desktop.sync.identity import require_installation
from desktop.sync.importer import import_bundle
from desktop.sync.keys import load_keys
from desktop.sync.records import (
    LOCAL_COLUMNS,
    RecordError,
    _parse,
    from_json,
    model_for,
    synced_models,
)
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, count, room_id


def _chain() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


REVISIONS = _chain()
SYNCED_TABLES = [model.__tablename__ for model in synced_models()]
# The revisions whose databases already have attendance.expected.
WITH_EXPECTED = [r for r in REVISIONS if "0002" in applied_revisions(r)]

Columns = dict[str, set[str]]


# --- the guard: the registry matches what the migrations really did ---------------------------


def _migrate(path: Path, revision: str, *, ignore_checks: bool = False) -> Engine:
    """A fresh SQLite database at `path` migrated to `revision`, as desktop.db migrates."""
    engine = create_engine(f"sqlite:///{path}")
    if ignore_checks:
        event.listen(
            engine,
            "connect",
            lambda dbapi, _record: dbapi.execute("PRAGMA ignore_check_constraints = ON"),
        )
    _upgrade(engine, revision)
    return engine


def _upgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _synced_columns(engine: Engine) -> Columns:
    """The travelling columns of every synced table the database has."""
    inspector = inspect(engine)
    present = set(inspector.get_table_names())
    return {
        table: {c["name"] for c in inspector.get_columns(table)} - LOCAL_COLUMNS
        for table in SYNCED_TABLES
        if table in present
    }


@pytest.fixture(scope="module")
def columns_at(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Columns]:
    """Reflected synced columns of a fresh database migrated to a revision, once per revision."""
    seen: dict[str, Columns] = {}
    folder = tmp_path_factory.mktemp("schemas")

    def at(revision: str) -> Columns:
        if revision not in seen:
            engine = _migrate(folder / f"{revision}.sqlite", revision)
            try:
                seen[revision] = _synced_columns(engine)
            finally:
                engine.dispose()
        return seen[revision]

    return at


def test_the_chain_is_read_from_alembic_and_has_a_single_head() -> None:
    assert REVISIONS[0] == "0001" and REVISIONS[-1] == head_revision()
    script = ScriptDirectory.from_config(alembic_config())
    for revision in REVISIONS:
        expected = {s.revision for s in script.iterate_revisions(revision, "base")}
        assert applied_revisions(revision) == expected


@pytest.mark.parametrize("revision", REVISIONS)
def test_registry_lists_exactly_the_columns_added_after_each_revision(
    columns_at: Callable[[str], Columns], revision: str
) -> None:
    """Add a column to a synced table in a migration, and this fails until compat knows it."""
    head, old = columns_at(head_revision()), columns_at(revision)
    added = {(table, column) for table, columns in old.items() for column in head[table] - columns}
    registered = {(e.table, e.column) for e in added_after(revision) if e.table in old}
    assert added == registered, (
        f"a database at {revision} lacks {sorted(added)} but desktop/sync/compat.py "
        f"ADDED_COLUMNS lists {sorted(registered)}; an older room's bundle would be refused "
        "or filled wrongly"
    )


@pytest.mark.parametrize("revision", REVISIONS)
def test_no_migration_drops_or_renames_a_synced_column(
    columns_at: Callable[[str], Columns], revision: str
) -> None:
    """An older bundle would carry the old column, which from_json refuses as unknown."""
    head, old = columns_at(head_revision()), columns_at(revision)
    gone = {(table, column) for table, columns in old.items() for column in columns - head[table]}
    assert gone == set(), f"columns of a database at {revision} missing at head: {sorted(gone)}"


def test_registry_entries_are_well_formed() -> None:
    keys = [(e.table, e.column) for e in ADDED_COLUMNS]
    assert len(keys) == len(set(keys))
    for entry in ADDED_COLUMNS:
        assert entry.revision in REVISIONS[1:], entry
        model = model_for(entry.table)
        assert model is not None, entry
        assert entry.column in model.__table__.columns, entry  # type: ignore[attr-defined]
        assert entry.column not in LOCAL_COLUMNS, entry
        column = model.__table__.columns[entry.column]  # type: ignore[attr-defined]
        _parse(column, entry.default, entry.table)  # a value the column accepts


def _filler(column: dict[str, Any]) -> Any:
    """Some value of the column's type, for a row that only has to exist."""
    kind = column["type"]
    if isinstance(kind, sa.Boolean):
        return 0
    if isinstance(kind, sa.Integer | sa.Numeric):
        return 1
    if isinstance(kind, sa.DateTime):
        return "2026-01-01 00:00:00.000000"
    if isinstance(kind, sa.Date):
        return "2026-01-01"
    if isinstance(kind, sa.Time):
        return "09:00:00.000000"
    return "x"


@pytest.mark.parametrize("entry", ADDED_COLUMNS, ids=lambda e: f"{e.table}.{e.column}")
def test_registry_default_is_what_the_migration_gave_existing_rows(
    entry: AddedColumn, tmp_path: Path
) -> None:
    """An older bundle's row must end as the sender's own row ends when it upgrades."""
    script = ScriptDirectory.from_config(alembic_config())
    parent = script.get_revision(entry.revision)
    assert parent is not None and isinstance(parent.down_revision, str)
    # Foreign keys are off on a plain engine; check constraints are off too: one bare row.
    engine = _migrate(tmp_path / "db.sqlite", parent.down_revision, ignore_checks=True)
    try:
        columns = [
            c
            for c in inspect(engine).get_columns(entry.table)
            if not c["nullable"] and c["default"] is None
        ]
        with engine.begin() as connection:
            connection.exec_driver_sql(
                f"INSERT INTO {entry.table} ({', '.join(c['name'] for c in columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                tuple(_filler(c) for c in columns),
            )
        _upgrade(engine, entry.revision)
        model = model_for(entry.table)
        assert model is not None
        column = model.__table__.columns[entry.column]  # type: ignore[attr-defined]
        with engine.connect() as connection:
            value = connection.execute(
                select(sa.column(entry.column, column.type)).select_from(sa.table(entry.table))
            ).scalar_one()
    finally:
        engine.dispose()
    assert value == _parse(column, entry.default, entry.table)


# --- from_json: what is filled, what is still refused -----------------------------------------


def _attendance_line(**changes: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": "00000000-0000-4000-8000-000000000010",
        "owner_node": "00000000-0000-4000-8000-000000000001",
        "revision": 1,
        "updated_at": "2026-11-29T00:00:00+00:00",
        "deleted": False,
        "meeting_id": "00000000-0000-4000-8000-000000000011",
        "member_id": None,
        "participant_id": "00000000-0000-4000-8000-000000000012",
        "role": "resident_rep",
        "status": "present",
        "leave_reason": None,
        "signed_in_at": "09:00:00",
        "expected": False,
    }
    line.update(changes)
    return line


def _without(line: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in line.items() if k not in names}


def test_a_line_with_every_column_parses_at_any_version() -> None:
    for version in [None, *REVISIONS]:
        assert (
            from_json(Attendance, _attendance_line(), schema_version=version)["expected"] is False
        )


def test_a_column_added_after_the_senders_schema_gets_the_migrations_default() -> None:
    values = from_json(Attendance, _without(_attendance_line(), "expected"), schema_version="0001")
    assert values["expected"] is True
    assert values["status"] is AttendanceStatus.PRESENT and values["signed_in_at"] == time(9)


@pytest.mark.parametrize("version", [None, *WITH_EXPECTED])
def test_a_column_the_senders_schema_has_must_be_there(version: str | None) -> None:
    with pytest.raises(
        RecordError, match=r"attendance 的记录字段不符（多出 \[\]，缺少 \['expected'\]）"
    ):
        from_json(Attendance, _without(_attendance_line(), "expected"), schema_version=version)


def test_other_missing_columns_are_refused_even_from_the_oldest_schema() -> None:
    line = _without(_attendance_line(), "expected", "status")
    with pytest.raises(RecordError, match=r"缺少 \['status'\]"):
        from_json(Attendance, line, schema_version="0001")
    with pytest.raises(RecordError, match=r"缺少 \['title'\]"):
        topic = {c.name: None for c in Topic.__table__.columns if c.name not in LOCAL_COLUMNS}
        from_json(Topic, _without(topic, "title"), schema_version="0001")


def test_unknown_columns_are_refused_at_every_version() -> None:
    line = _without(_attendance_line(walk_in=True), "expected")
    for version in [None, *REVISIONS]:
        with pytest.raises(RecordError, match=r"多出 \['walk_in'\]"):
            from_json(Attendance, line, schema_version=version)


def test_the_filled_default_is_parsed_and_checked_like_a_sent_value() -> None:
    line = _without(_attendance_line(revision=0), "expected")
    with pytest.raises(RecordError, match="版本号不正确"):
        from_json(Attendance, line, schema_version="0001")


def test_an_unknown_schema_version_is_refused() -> None:
    with pytest.raises(RecordError, match="未知的数据库架构版本（9999），请先更新议事"):
        from_json(Attendance, _attendance_line(), schema_version="9999")


def test_revisions_are_ordered_by_the_chain_not_by_their_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chain whose ids sort backwards: "b" comes first, "a" after it."""
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    for revision, down in (("b", None), ("a", "b")):
        (versions / f"{revision}.py").write_text(
            f"revision = {revision!r}\ndown_revision = {down!r}\n"
            "branch_labels = None\ndepends_on = None\n"
            "def upgrade(): pass\ndef downgrade(): pass\n"
        )

    def fake_config() -> Config:
        config = Config()
        config.set_main_option("script_location", str(tmp_path / "migrations"))
        return config

    monkeypatch.setattr(compat, "alembic_config", fake_config)
    monkeypatch.setattr(compat, "ADDED_COLUMNS", (AddedColumn("topic", "x", "a", ""),))
    compat._chain.cache_clear()
    compat.applied_revisions.cache_clear()
    try:
        assert compat.applied_revisions("b") == {"b"}
        assert compat.applied_revisions("a") == {"a", "b"}
        assert compat.defaults_for_older("topic", "b") == {"x": ""}
        assert compat.defaults_for_older("topic", "a") == {}
    finally:
        compat._chain.cache_clear()
        compat.applied_revisions.cache_clear()


# --- end to end: a bundle written by a room still at schema 0001 ------------------------------


@pytest.fixture
def room(enrol: EnrolRoom) -> Database:
    """A room with a held meeting and two people signed in."""
    db = enrol("和平桥社区")
    add_topic(db, "路灯不亮")
    with db.session() as session:
        meeting = Meeting(
            room_id=room_id(db),
            title="路灯维修协商",
            held_on=date(2026, 11, 20),
            form=MeetingForm.ONSITE,
            status=MeetingStatus.HELD,
        )
        session.add(meeting)
        session.flush()
        for name in ("赵大妈", "钱书记"):
            person = Participant(room_id=room_id(db), name=name, kind=ParticipantKind.RESIDENT)
            session.add(person)
            session.flush()
            session.add(
                Attendance(
                    meeting_id=meeting.id,
                    participant_id=person.id,
                    role=AttendanceRole.RESIDENT_REP,
                    status=AttendanceStatus.PRESENT,
                    signed_in_at=time(9, 0),
                )
            )
    return db


def _as_older_room(
    room: Database, district: Database, path: Path, schema_version: str, *, claims: str = ""
) -> Path:
    """A full bundle of the room, signed and encrypted as a room at `schema_version` writes it.

    `claims` puts another schema version in the manifest, the records left as they are.
    """
    with room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        contents = build_contents(
            session,
            room.home,
            installation=require_installation(session),
            peer=peer,
            keys=load_keys(room.home),
            sequence=1,
            full=True,
        )
    contents.manifest["schema_version"] = claims or schema_version
    for entry in added_after(schema_version):
        name = f"records/{entry.table}.ndjson"
        if name in contents.members:
            lines = [strictjson.loads(line) for line in contents.members[name].splitlines()]
            contents.members[name] = b"".join(
                strictjson.dumps(_without(line, entry.column)) + b"\n" for line in lines
            )
    sealed, _ = seal(contents, sign=load_keys(room.home).sign, recipients=[_district_key(district)])
    path.write_bytes(sealed)
    return path


def _district_key(district: Database) -> pyrage.x25519.Recipient:
    return load_keys(district.home).identity.to_public()


def _member(district: Database, path: Path, name: str) -> bytes:
    raw = pyrage.decrypt(path.read_bytes(), [load_keys(district.home).identity])
    return zipfile.ZipFile(io.BytesIO(raw)).read(name)


def test_a_schema_0001_rooms_bundle_imports_with_the_default(
    district: Database, room: Database, tmp_path: Path
) -> None:
    path = _as_older_room(room, district, tmp_path / "old.yishi", "0001")
    assert b'"expected"' not in _member(district, path, "records/attendance.ndjson")
    assert b'"0001"' in _member(district, path, "manifest.json")

    result = import_bundle(district, path)

    assert result.tables["attendance"].added == 2
    with district.session() as session:
        assert list(session.scalars(select(Attendance.expected))) == [True, True]
    # Upgraded, the room's rows hold the same default: its next full bundle changes nothing.
    folder = tmp_path / "later"
    folder.mkdir()
    again = import_bundle(district, export_bundle(room, to_dir=folder, full=True).path)
    assert again.tables["attendance"].unchanged == 2
    assert again.tables["attendance"].quarantined == 0


@pytest.mark.parametrize("version", WITH_EXPECTED)
def test_the_same_bundle_claiming_a_later_schema_is_refused(
    district: Database, room: Database, tmp_path: Path, version: str
) -> None:
    lying = _as_older_room(room, district, tmp_path / "lying.yishi", "0001", claims=version)
    with pytest.raises(
        SyncError,
        match=r"数据包中的记录无效：attendance 的记录字段不符（多出 \[\]，缺少 \['expected'\]）",
    ):
        import_bundle(district, lying)
    assert count(district, Attendance) == 0 and count(district, Topic) == 0
    assert list(district.home.backups.glob("*.sqlite")) == []
    # The honest 0001 bundle still goes in afterwards.
    honest = _as_older_room(room, district, tmp_path / "honest.yishi", "0001")
    assert import_bundle(district, honest).tables["attendance"].added == 2
