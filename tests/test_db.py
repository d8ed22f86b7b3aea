"""Opening databases: migrations to head, backups first, too-new and damaged files refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from desktop import settings
from desktop.checks import run_checks
from desktop.db import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    known_revisions,
    make_engine,
    open_database,
)
from desktop.models import (
    Attendance,
    Base,
    Meeting,
    Member,
    QuarantinedRecord,
    StatusChange,
    SupervisionAction,
    SyncPeer,
    Topic,
)
from desktop.models.enums import MeetingStatus
from desktop.paths import Home
from desktop.search_index import not_index_table
from desktop.setup import setup_room


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_the_revisions_read_from_the_files_are_alembics() -> None:
    # desktop.db reads them itself so that opening a database at head needs no Alembic.
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == frozenset(_revisions())
    assert len(known_revisions()) >= 13


def test_the_stored_revision_is_read_without_alembic(tmp_path: Path) -> None:
    db = open_database(Home(tmp_path))
    try:
        with db.engine.connect() as connection:
            assert current_revision(db.engine) == (
                MigrationContext.configure(connection).get_current_revision()
            )
    finally:
        db.close()
    engine = make_engine(tmp_path / "new.sqlite")
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()


def test_empty_database_upgrades_to_head_and_matches_the_models(tmp_path: Path) -> None:
    db = open_database(Home(tmp_path))
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as connection:
            # The search index's tables are made by hand, not models (desktop.search_index).
            opts = {"include_name": not_index_table}
            context = MigrationContext.configure(connection, opts=opts)
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.close()


def test_database_at_first_revision_upgrades_to_head_keeping_data(tmp_path: Path) -> None:
    home = Home(tmp_path)
    home.create_dirs()
    engine = make_engine(home.database)
    first = _revisions()[0]
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, first)
    engine.dispose()
    # A room set up at the first revision, by the code of that time, is still there at head.
    db = open_database(home)
    try:
        setup_room(db, name="城东社区协商议事室", village="城东社区", township="城东街道")
    finally:
        db.close()
    db = open_database(home)
    try:
        assert current_revision(db.engine) == head_revision()
        installation = db.installation()
        assert installation is not None and installation.name == "城东社区协商议事室"
    finally:
        db.close()


# A room's records written by hand at each earlier revision, as that revision's schema
# stored them (no code of today involved): ids, then the statements for each revision.
NODE = "6f1c2a3e-0000-4000-8000-000000000001"
TOWNSHIP = "6f1c2a3e-0000-4000-8000-000000000002"
ROOM = "6f1c2a3e-0000-4000-8000-000000000003"
TOPIC = "6f1c2a3e-0000-4000-8000-000000000004"
MEETING = "6f1c2a3e-0000-4000-8000-000000000005"
RESIDENT = "6f1c2a3e-0000-4000-8000-000000000006"
WALK_IN = "6f1c2a3e-0000-4000-8000-000000000007"
DISTRICT_NODE = "6f1c2a3e-0000-4000-8000-000000000008"
MEMBER = "6f1c2a3e-0000-4000-8000-000000000009"
AT = "2026-10-10 09:00:00.000000"


def _synced(record_id: str, seq: int) -> str:
    """The columns every synced row has (id, owner_node, revision, updated_at, change_seq)."""
    return f"'{record_id}', '{NODE}', 1, '{AT}', {seq}"


SYNCED_COLUMNS = "id, owner_node, revision, updated_at, change_seq"
ROWS_AT: dict[str, list[str]] = {
    "0001": [
        f"INSERT INTO township (name, {SYNCED_COLUMNS})"
        f" VALUES ('城东街道', {_synced(TOWNSHIP, 1)})",
        "INSERT INTO room (township_id, name, village, kind, node_id, "
        f"{SYNCED_COLUMNS}) VALUES ('{TOWNSHIP}', '城东社区协商议事室', '城东社区', 'community',"
        f" '{NODE}', {_synced(ROOM, 2)})",
        "INSERT INTO installation (id, node_id, role, name, room_id, created_at, change_counter)"
        f" VALUES (1, '{NODE}', 'room', '城东社区协商议事室', '{ROOM}', '{AT}', 6)",
        "INSERT INTO topic (room_id, title, description, source, status, immediate, raised_on,"
        f" {SYNCED_COLUMNS}) VALUES ('{ROOM}', '老旧小区加装电梯', '三号楼居民联名', 'residents',"
        f" 'collected', 0, '2026-10-01', {_synced(TOPIC, 3)})",
        f"INSERT INTO participant (room_id, name, kind, active, {SYNCED_COLUMNS})"
        f" VALUES ('{ROOM}', '赵大妈', 'resident', 1, {_synced(RESIDENT, 4)})",
        "INSERT INTO meeting (room_id, title, held_on, place, form, host_name, recorder_name,"
        f" status, {SYNCED_COLUMNS}) VALUES ('{ROOM}', '十月议事', '2026-10-10', '社区活动室',"
        f" 'onsite', '王书记', '李会计', 'held', {_synced(MEETING, 5)})",
        f"INSERT INTO attendance (meeting_id, participant_id, role, status, signed_in_at,"
        f" {SYNCED_COLUMNS}) VALUES ('{MEETING}', '{RESIDENT}', 'resident_rep', 'present',"
        f" '09:00:00.000000', {_synced('6f1c2a3e-0000-4000-8000-0000000000a1', 6)})",
    ],
    "0002": [  # a walk-in: came without being expected
        f"INSERT INTO participant (room_id, name, kind, active, {SYNCED_COLUMNS})"
        f" VALUES ('{ROOM}', '过路的钱师傅', 'resident', 1, {_synced(WALK_IN, 7)})",
        f"INSERT INTO attendance (meeting_id, participant_id, role, status, signed_in_at,"
        f" expected, {SYNCED_COLUMNS}) VALUES ('{MEETING}', '{WALK_IN}', 'resident_rep',"
        f" 'present', '09:05:00.000000', 0, {_synced('6f1c2a3e-0000-4000-8000-0000000000a2', 8)})",
        "UPDATE installation SET change_counter = 8",
    ],
    "0003": ["INSERT INTO setting (key, value) VALUES ('printer.default', '\"办公室打印机\"')"],
    "0004": [
        "INSERT INTO sync_peer (node_id, role, name, enrolled_at, sequence_out, acked_through,"
        " acked_sequence, received_through, sequence_in, ack_applied_sequence)"
        f" VALUES ('{DISTRICT_NODE}', 'district', '城东区政协', '{AT}', 1, 0, 0, 0, 0, 0)",
        "INSERT INTO sync_bundle (bundle_id, direction, peer_node, sequence, change_from,"
        " change_to, full, manifest_sha256, state_digest, file_name, at, summary) VALUES"
        f" ('6f1c2a3e-0000-4000-8000-0000000000b1', 'out', '{DISTRICT_NODE}', 1, 0, 8, 1,"
        f" '{'a' * 64}', '{'b' * 64}', '城东社区-1.yishi', '{AT}', '{{}}')",
        "INSERT INTO quarantined_record (bundle_id, record_table, record_id, revision,"
        f" incoming, at) VALUES ('6f1c2a3e-0000-4000-8000-0000000000b2', 'topic', '{TOPIC}', 1,"
        f" '{{}}', '{AT}')",
    ],
    "0005": [
        "INSERT INTO quarantined_record (bundle_id, record_table, record_id, revision,"
        " incoming, at, resolution, resolved_at, resolved_by) VALUES"
        f" ('6f1c2a3e-0000-4000-8000-0000000000b3', 'topic', '{TOPIC}', 1, '{{}}', '{AT}',"
        f" 'keep_local', '{AT}', '李会计')",
    ],
    "0006": [],  # sync_digest is a cache, filled on first use
    "0007": ["UPDATE installation SET revision_floor = 3"],
    "0008_roster_fields": [  # a member of the district's roster, as it came down
        "INSERT INTO member (name, gender, sector, level, party, post, active, id, owner_node,"
        " revision, updated_at, change_seq) VALUES ('张建华', 'male', '中共', 'district',"
        f" '中共', '社区书记', 1, '{MEMBER}', '{DISTRICT_NODE}', 1, '{AT}', 0)",
    ],
    "0009_room_lifecycle": [  # the room retired, the district peer's key revoked
        "UPDATE room SET retired_on = '2026-11-30'",
        f"UPDATE sync_peer SET revoked_at = '{AT}' WHERE node_id = '{DISTRICT_NODE}'",
    ],
    "0010_district_work": [  # the district office's own host: no township, its own meeting
        "INSERT INTO room (township_id, name, village, kind, node_id, "
        f"{SYNCED_COLUMNS}) VALUES (NULL, '区政协（本级）', '区政协', 'district_office',"
        f" '{DISTRICT_NODE}', '6f1c2a3e-0000-4000-8000-0000000000c1', '{DISTRICT_NODE}', 1,"
        f" '{AT}', 0)",
        "INSERT INTO meeting (room_id, title, held_on, place, form, host_name, recorder_name,"
        " status, id, owner_node, revision, updated_at, change_seq) VALUES"
        " ('6f1c2a3e-0000-4000-8000-0000000000c1', '专题协商会', '2026-11-20', '区政协会议室',"
        f" 'onsite', '', '', 'planned', '6f1c2a3e-0000-4000-8000-0000000000c2', '{DISTRICT_NODE}',"
        f" 1, '{AT}', 0)",
    ],
    "0011_duty_scoring": [  # the district's rules for 2026 with a cap, and an act it recorded
        "INSERT INTO scoring_rule_set (version, name, effective_from, base_score, excellent_min,"
        " competent_min, basic_min, id, owner_node, revision, updated_at, change_seq) VALUES"
        " (1, '2026年度委员履职评价办法', '2026-01-01', 60, 90, 70, 60,"
        f" '6f1c2a3e-0000-4000-8000-0000000000d1', '{DISTRICT_NODE}', 1, '{AT}', 0)",
        "INSERT INTO scoring_rule (rule_set_id, kind, points, description, cap, id, owner_node,"
        " revision, updated_at, change_seq) VALUES ('6f1c2a3e-0000-4000-8000-0000000000d1',"
        f" 'spoke', 1, '协商发言', 10, '6f1c2a3e-0000-4000-8000-0000000000d2', '{DISTRICT_NODE}',"
        f" 1, '{AT}', 0)",
        "INSERT INTO activity_kind (code, name, counts_as_inspection, duty_kind, id, owner_node,"
        " revision, updated_at, change_seq) VALUES ('reading', '书香政协读书活动', 0, 'reading',"
        f" '6f1c2a3e-0000-4000-8000-0000000000d3', '{DISTRICT_NODE}', 1, '{AT}', 0)",
        "INSERT INTO duty_act (member_id, kind, occurred_on, title, evidence, reference, id,"
        f" owner_node, revision, updated_at, change_seq) VALUES ('{MEMBER}', 'proposal_accepted',"
        " '2026-11-25', '提案《关于加装电梯的建议》立案', '区政协提案委通知', '启政协〔2026〕8号',"
        f" '6f1c2a3e-0000-4000-8000-0000000000d4', '{DISTRICT_NODE}', 1, '{AT}', 0)",
    ],
    "0012_supervision": [  # the room's outcome, and the district's 督办记录 on it (sent down)
        "INSERT INTO agenda_item (meeting_id, topic_id, position, consensus, consensus_text,"
        f" {SYNCED_COLUMNS}) VALUES ('{MEETING}', '{TOPIC}', 1, 'agreed', '同意加装',"
        f" {_synced('6f1c2a3e-0000-4000-8000-0000000000e1', 8)})",
        "INSERT INTO outcome (room_id, agenda_item_id, content, responsible_unit,"
        f" responsible_person, deadline, status, {SYNCED_COLUMNS}) VALUES ('{ROOM}',"
        " '6f1c2a3e-0000-4000-8000-0000000000e1', '协调加装电梯', '城东街道城建办', '',"
        f" '2026-11-30', 'pending', {_synced('6f1c2a3e-0000-4000-8000-0000000000e2', 8)})",
        "INSERT INTO supervision_action (outcome_id, acted_on, method, result, supervised_by,"
        " id, owner_node, revision, updated_at, change_seq) VALUES"
        " ('6f1c2a3e-0000-4000-8000-0000000000e2', '2026-12-01', 'phone',"
        " '已电话催办，答复月底前开工', '区政协社法委', '6f1c2a3e-0000-4000-8000-0000000000e3',"
        f" '{DISTRICT_NODE}', 1, '{AT}', 0)",
    ],
    "0013_status_history": [  # the meeting was marked held, then taken back with a reason
        "INSERT INTO status_change (room_id, topic_id, meeting_id, from_status, to_status,"
        f" reason, at, {SYNCED_COLUMNS}) VALUES ('{ROOM}', NULL, '{MEETING}', 'held',"
        f" 'planned', '误点了已召开', '{AT}',"
        f" {_synced('6f1c2a3e-0000-4000-8000-0000000000f1', 8)})",
    ],
    "0014_search": [],  # filled by the search revision
    "0015_list_indexes": [],  # indexes only: no rows a database could not hold before
    "0016_lists_sort_indexes": [],  # indexes only
    "0017_stats_indexes": [],  # indexes only
    "0018_server_search": [],  # PostgreSQL only: nothing on SQLite
    "0019_city": [
        "INSERT INTO forwarded_origin (node_id, via_node)"
        " VALUES ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1')",
    ],
    "0020_server_search_grams": [],  # PostgreSQL only: nothing on SQLite
    "0021_first_screen_indexes": [],  # indexes only
}


def _database_at(home: Home, revision: str) -> None:
    """A database migrated to `revision` only, holding the rows written at each revision
    up to it by the statements of that time."""
    home.create_dirs()
    engine = make_engine(home.database)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            for step in _revisions()[: _revisions().index(revision) + 1]:
                for statement in ROWS_AT.get(step, []):
                    connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def test_rows_are_written_for_every_revision() -> None:
    # A new revision adds here the rows it lets a database hold (and, when it adds a column,
    # checks below that they come through): the next revision must open them.
    assert list(ROWS_AT) == _revisions(), "ROWS_AT needs the statements of each revision"


@pytest.mark.parametrize("revision", _revisions())
def test_a_database_of_every_revision_upgrades_to_head_keeping_its_data(
    tmp_path: Path, revision: str
) -> None:
    home = Home(tmp_path)
    _database_at(home, revision)
    before = {
        table: _count(home.database, table)
        for table in ("room", "topic", "participant", "meeting", "attendance")
    }
    db = open_database(home, verify=True)
    try:
        assert current_revision(db.engine) == head_revision()
        index = _revisions().index(revision)
        installation = db.installation()
        assert installation is not None
        assert (installation.node_id, installation.room_id) == (NODE, ROOM)
        assert installation.change_counter == (8 if index >= 1 else 6)
        assert installation.revision_floor == (3 if index >= 6 else 0)
        with db.session() as session:
            topic = session.get_one(Topic, TOPIC)
            assert (topic.title, topic.description) == ("老旧小区加装电梯", "三号楼居民联名")
            meeting = session.get_one(Meeting, MEETING)
            assert (meeting.place, meeting.host_name, meeting.status) == (
                "社区活动室",
                "王书记",
                MeetingStatus.HELD,
            )
            # Rows from before 0002 were all expected people; the walk-in stays one.
            expected = {a.participant_id: a.expected for a in session.scalars(select(Attendance))}
            assert expected == (
                {RESIDENT: True, WALK_IN: False} if index >= 1 else {RESIDENT: True}
            )
            printer = settings.get(session, settings.PRINTER)
            assert printer == ("办公室打印机" if index >= 2 else settings.PRINTER.default)
            peers = session.scalars(select(SyncPeer.name)).all()
            assert peers == (["城东区政协"] if index >= 3 else [])
            resolutions = sorted(
                str(q.resolution) for q in session.scalars(select(QuarantinedRecord))
            )
            assert resolutions == (
                ["None", "keep_local"] if index >= 4 else ["None"] if index >= 3 else []
            )
            members = [(m.name, m.party, m.post) for m in session.scalars(select(Member))]
            assert members == ([("张建华", "中共", "社区书记")] if index >= 7 else [])
            # The district's 督办记录 as it reached the room, under the room's own outcome.
            actions = [
                (a.method.label, a.supervised_by)
                for a in session.scalars(select(SupervisionAction))
            ]
            assert actions == ([("电话", "区政协社法委")] if index >= 11 else [])
            changes = [(c.to_status, c.reason) for c in session.scalars(select(StatusChange))]
            assert changes == ([("planned", "误点了已召开")] if index >= 12 else [])
        assert run_checks(db, today=date(2026, 12, 4)) == []
    finally:
        db.close()
    # Nothing lost on the way: every row counted before is there, and the file as it was
    # is kept as a backup (unless it was already at head).
    assert {table: _count(home.database, table) for table in before} == before
    backups = list(home.backups.glob("yishi-*-before-*.sqlite")) + list(
        home.backups.glob("yishi-*-migration.sqlite")
    )
    assert len(backups) == (0 if revision == head_revision() else 1)


def _count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_existing_file_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    home = Home(tmp_path)
    home.create_dirs()
    with sqlite3.connect(home.database) as connection:  # a file with data but no schema yet
        connection.execute("CREATE TABLE canary (x)")
        connection.execute("INSERT INTO canary VALUES ('行')")
    open_database(home).close()
    backups = list(home.backups.glob("yishi-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT x FROM canary").fetchone() == ("行",)
        assert "alembic_version" not in {
            row[0] for row in connection.execute("SELECT name FROM sqlite_master")
        }
    open_database(home).close()  # already at head: no second backup
    assert len(list(home.backups.glob("yishi-*.sqlite"))) == 1


def test_fresh_database_needs_no_backup(tmp_path: Path) -> None:
    home = Home(tmp_path)
    open_database(home).close()
    assert list(home.backups.iterdir()) == []


def test_database_from_a_newer_yishi_is_refused_untouched(tmp_path: Path) -> None:
    home = Home(tmp_path)
    open_database(home).close()
    with sqlite3.connect(home.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = home.database.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="请先更新议事"):
        open_database(home)
    assert home.database.read_bytes() == before


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"\x00" * 4096])
def test_damaged_file_is_refused_with_a_message(tmp_path: Path, content: bytes) -> None:
    home = Home(tmp_path)
    home.create_dirs()
    home.database.write_bytes(content)
    with pytest.raises(DatabaseDamagedError, match="已损坏"):
        open_database(home)
    assert home.database.read_bytes() == content


def test_every_migration_has_a_docstring_saying_what_changed() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    for revision in script.walk_revisions():
        assert revision.doc and revision.doc.strip()
