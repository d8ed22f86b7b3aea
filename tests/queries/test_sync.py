"""Reads behind the sync page (queries.sync and sync.status): history, acks, drive files."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import SyncPeer
from desktop.queries import sync as queries
from desktop.queries.desk import AttentionKind, attention_items
from desktop.sync import status as sync_status
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from tests.sync_pair import TODAY, Pair, add_topic, backdate_exports


def test_a_room_not_enrolled_has_no_reminder(room_db: Database) -> None:
    status = sync_status.read_status(room_db, today=TODAY)
    assert not status.enrolled and status.fingerprint is None
    with room_db.session() as session:
        assert queries.days_since_export(session, today=TODAY) is None


def test_history_and_acks_after_a_round_trip(pair: Pair, tmp_path: Path) -> None:
    add_topic(pair.room, "修缮健身器材")
    drive = tmp_path / "drive"
    drive.mkdir()
    exported = export_bundle(pair.room, to_dir=drive)

    status = sync_status.read_status(pair.room, today=clock.today())
    assert status.enrolled and status.district_name == "崇川区政协"
    assert status.fingerprint and status.district_fingerprint
    assert status.days_since_export == 0

    with pair.district.session() as session:
        files = sync_status.bundle_files(session, drive)
    assert [(f.path, f.for_us, f.imported) for f in files] == [(exported.path, True, False)]
    assert files[0].sender == "和平桥社区协商议事室"

    result = import_bundle(pair.district, exported.path)
    assert result.totals().added >= 1
    with pair.district.session() as session:
        assert sync_status.bundle_files(session, drive)[0].imported
        rows = session.execute(queries.bundle_history()).all()
        # Newest first; the district records the enrolment file as bundle 0 out.
        assert [(r.direction, r.sequence) for r in rows] == [("in", 1), ("out", 0)]
        assert {r.peer_name for r in rows} == {"和平桥社区协商议事室"}
        totals = queries.bundle_totals(rows[0].summary, rows[0].direction)
        assert totals.added == result.totals().added and totals.quarantined == 0
        room_peer = session.execute(queries.peers()).one()
        assert room_peer.last_in is not None and room_peer.received_through > 0

    # The room's own export on the stick is not offered back to it for import.
    with pair.room.session() as session:
        assert sync_status.bundle_files(session, drive) == []
        out = session.execute(queries.bundle_history()).one()
        assert out.direction == "out" and out.peer_name == "崇川区政协"
        assert queries.bundle_totals(out.summary, "out").records == sum(exported.counts.values())

    # The district's answer carries the acknowledgement back to the room.
    answer = export_bundle(pair.district, to_dir=drive)
    with pair.room.session() as session:
        assert [f.path for f in sync_status.bundle_files(session, drive) if f.for_us] == [
            answer.path
        ]
    import_bundle(pair.room, answer.path)
    with pair.room.session() as session:
        district_row = session.execute(queries.peers()).one()
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
    assert district_row.acked_through == peer.acked_through > 0
    assert district_row.acked_sequence == exported.sequence
    assert district_row.acked_at is not None


def test_export_reminder_after_30_days_in_room_mode_only(pair: Pair, tmp_path: Path) -> None:
    export_bundle(pair.room, to_dir=tmp_path)
    today = TODAY
    backdate_exports(pair.room, 30)
    with pair.room.session() as session:
        assert queries.days_since_export(session, today=today) == 30
        assert not [
            i for i in attention_items(session, today=today) if i.kind is AttentionKind.EXPORT_DUE
        ]
    backdate_exports(pair.room, 31)
    with pair.room.session() as session:
        items = [
            i for i in attention_items(session, today=today) if i.kind is AttentionKind.EXPORT_DUE
        ]
    assert [(i.days, i.page_key) for i in items] == [(31, "sync")]
    assert sync_status.read_status(pair.room, today=today).export_due
    with pair.district.session() as session:
        assert queries.days_since_export(session, today=today + timedelta(days=90)) is None


def test_files_not_for_us_and_other_names_are_told_apart(pair: Pair, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    stranger = tmp_path / "R0099_000001_0b0b0b0b-0000-4000-8000-000000000000.yishi"
    stranger.write_bytes(b"age")
    with pair.district.session() as session:
        files = sync_status.bundle_files(session, tmp_path)
    assert [(f.path.name, f.for_us) for f in files] == [(stranger.name, False)]
    assert queries.bundle_totals("not json", "in") == queries.BundleTotals()


def test_a_room_that_never_exported_counts_from_its_enrolment(pair: Pair) -> None:
    with pair.room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        peer.enrolled_at = datetime.combine(TODAY - timedelta(days=40), time(12), UTC)
    with pair.room.session() as session:
        items = [
            i for i in attention_items(session, today=TODAY) if i.kind is AttentionKind.EXPORT_DUE
        ]
    assert [(i.days, i.day) for i in items] == [(40, None)]


def test_an_export_is_due_after_30_days_without_one() -> None:
    assert [queries.export_due(days) for days in (None, 0, 30, 31)] == [False, False, False, True]


def test_bundle_names_say_the_room_and_the_day_and_old_names_still_list(
    pair: Pair, tmp_path: Path
) -> None:
    add_topic(pair.room, "修缮健身器材")
    first = export_bundle(pair.room, to_dir=tmp_path)
    second = export_bundle(pair.room, to_dir=tmp_path)
    day = f"{clock.today():%Y-%m-%d}"
    # Twice the same day: two files, each with the room and the day, no bundle id.
    assert first.path.name != second.path.name
    for exported in (first, second):
        assert exported.path.name.startswith(f"和平桥社区协商议事室_{day}_")
        assert exported.bundle_id not in exported.path.name
    # A bundle for another room on a shared stick, and one named the old way.
    other = tmp_path / f"徐庄村协商议事室_{day}_DABCD_R0002_000001.yishi"
    other.write_bytes(b"age")
    old = tmp_path / "R0001_000009_0b0b0b0b-0000-4000-8000-000000000000.yishi"
    old.write_bytes(b"age")
    with pair.district.session() as session:
        files = sync_status.bundle_files(session, tmp_path)
    listed = {f.path.name: (f.for_us, f.imported) for f in files}
    assert listed[first.path.name] == listed[second.path.name] == (True, False)
    assert listed[old.name] == (True, False)
    import_bundle(pair.district, first.path)
    with pair.district.session() as session:
        files = sync_status.bundle_files(session, tmp_path)
    assert {f.path.name: f.imported for f in files}[first.path.name]
    with pair.room.session() as session:
        # The room's own exports are not offered back; another room's bundle is not for it.
        listed = {f.path.name: f.for_us for f in sync_status.bundle_files(session, tmp_path)}
    assert listed == {other.name: False, old.name: False}


def test_a_bundle_named_the_old_way_is_listed_imported_and_then_done(
    pair: Pair, tmp_path: Path
) -> None:
    """Sticks still carry bundles an earlier version named <code>_<number>_<bundle id>: the
    list reads sender, number and id from the name and knows it done by its id."""
    add_topic(pair.room, "修缮健身器材")
    exported = export_bundle(pair.room, to_dir=tmp_path)
    old = exported.path.rename(
        tmp_path / f"R0001_{exported.sequence:06d}_{exported.bundle_id}.yishi"
    )
    with pair.district.session() as session:
        files = sync_status.bundle_files(session, tmp_path)
    assert [(f.path, f.code, f.bundle_id, f.for_us, f.imported) for f in files] == [
        (old, "R0001", exported.bundle_id, True, False)
    ]
    import_bundle(pair.district, old)
    with pair.district.session() as session:
        assert [f.imported for f in sync_status.bundle_files(session, tmp_path)] == [True]
    with pair.room.session() as session:
        # Its own export, under the old name too, is not offered back to the room.
        assert sync_status.bundle_files(session, tmp_path) == []
