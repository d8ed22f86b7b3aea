"""What the district writes under a room's record goes to that room only; rooms never block
each other's bundles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.checks import run_checks
from desktop.db import Database
from desktop.models import Attachment, MediationCase, Outcome, ProgressNote, Synced, SyncPeer
from desktop.models.enums import CaseKind
from desktop.sync.export import HoldReason, RoomRouter, export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.records import synced_models
from desktop.workflow.attachments import attach_file, stored_path
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, count, room_id, send


def _outcome(room: Database) -> str:
    with room.session() as session:
        case = MediationCase(
            room_id=room_id(room),
            kind=CaseKind.MEDIATION,
            subject="邻里纠纷",
            opened_on=date(2026, 11, 2),
        )
        session.add(case)
        session.flush()
        outcome = Outcome(room_id=room_id(room), case_id=case.id, content="协调双方")
        session.add(outcome)
        session.flush()
        return outcome.id


def _note(district: Database, outcome_id: str, text: str) -> str:
    with district.session() as session:
        note = ProgressNote(outcome_id=outcome_id, noted_on=date(2026, 11, 20), text=text)
        session.add(note)
        session.flush()
        return note.id


def _acked(district: Database, code: str) -> int:
    with district.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.code == code)).one()
        return peer.acked_through


def _district_rows(db: Database, district_node: str) -> set[tuple[str, str]]:
    with db.session() as session:
        return {
            (model.__tablename__, row_id)
            for model in synced_models()
            for row_id in session.scalars(select(model.id).where(model.owner_node == district_node))
        }


@pytest.fixture
def two_rooms(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> tuple[Database, Database, str, str]:
    """Rooms A (R0001) and B (R0002), each having sent its first bundle; A has an outcome."""
    a, b = enrol("和平桥社区"), enrol("城东社区")
    topic_a = add_topic(a, "路灯不亮")
    outcome_a = _outcome(a)
    add_topic(b, "垃圾清运")
    send(a, district, tmp_path / "usb")
    send(b, district, tmp_path / "usb")
    return a, b, topic_a, outcome_a


def test_district_records_under_a_room_go_to_that_room_only(
    district: Database,
    two_rooms: tuple[Database, Database, str, str],
    tmp_path: Path,
) -> None:
    a, b, topic_a, outcome_a = two_rooms
    note = _note(district, outcome_a, "区政协督办：请于月底前答复")
    photo = tmp_path / "督办.jpg"
    photo.write_bytes(b"supervision photo")
    with district.session() as session:
        attached = attach_file(
            session, district.home, photo, record_table="topic", record_id=topic_a
        ).id

    to_b = export_bundle(district, to_dir=tmp_path / "usb", room="R0002")
    assert "progress_note" not in to_b.counts and "attachment" not in to_b.counts
    to_a = export_bundle(district, to_dir=tmp_path / "usb", room="R0001")
    assert to_a.counts["progress_note"] == 1 and to_a.counts["attachment"] == 1
    import_bundle(b, to_b.path)
    import_bundle(a, to_a.path)
    assert count(a, ProgressNote, id=note) == 1 and count(a, Attachment, id=attached) == 1
    assert count(b, ProgressNote) == 0 and count(b, Attachment) == 0
    assert run_checks(a) == [] and run_checks(b) == []

    # Every district row B holds is district-wide or B's own: never another room's.
    district_node = district.installation().node_id  # type: ignore[union-attr]
    room_b = room_id(b)
    held_by_b = _district_rows(b, district_node)
    with district.session() as session:
        router = RoomRouter(session)
        for model in synced_models():
            for row in session.scalars(select(model).where(model.owner_node == district_node)):
                wanted = router.for_room(row, room_b)
                assert ((model.__tablename__, row.id) in held_by_b) == wanted, (
                    model.__tablename__,
                    row.id,
                )

    # Both rooms' acknowledgements match what each was sent: incremental from here on.
    send(a, district, tmp_path / "usb")
    send(b, district, tmp_path / "usb")
    assert _acked(district, "R0001") > 0 and _acked(district, "R0002") > 0
    second = _note(district, outcome_a, "已答复，继续跟踪")
    next_b = export_bundle(district, to_dir=tmp_path / "usb", room="R0002")
    next_a = export_bundle(district, to_dir=tmp_path / "usb", room="R0001")
    assert not next_b.full and "progress_note" not in next_b.counts
    assert next_a.counts.get("progress_note") == 1
    import_bundle(b, next_b.path)
    import_bundle(a, next_a.path)
    assert count(a, ProgressNote, id=second) == 1 and count(b, ProgressNote) == 0
    send(a, district, tmp_path / "usb")
    send(b, district, tmp_path / "usb")
    assert _acked(district, "R0001") > 0 and _acked(district, "R0002") > 0


def test_one_rooms_trouble_never_blocks_the_others(
    district: Database,
    two_rooms: tuple[Database, Database, str, str],
    tmp_path: Path,
) -> None:
    a, b, topic_a, outcome_a = two_rooms
    photo = tmp_path / "督办.jpg"
    photo.write_bytes(b"supervision photo")
    with district.session() as session:
        row = attach_file(session, district.home, photo, record_table="topic", record_id=topic_a)
        attached, digest = row.id, row.sha256
    note = _note(district, outcome_a, "区政协督办")
    # A's attachment lost its file at the district: held back, named, A's other records go...
    stored_path(district.home, digest).unlink()
    to_a = export_bundle(district, to_dir=tmp_path / "usb", room="R0001")
    assert [(h.attachment_id, h.reason) for h in to_a.held_back] == [(attached, HoldReason.MISSING)]
    assert "督办.jpg" in to_a.held_back[0].message
    import_bundle(a, to_a.path)
    assert count(a, ProgressNote, id=note) == 1 and count(a, Attachment) == 0
    assert run_checks(a) == []
    # ...and B's bundles are written, imported and acknowledged as ever.
    send(district, b, tmp_path / "usb", room="R0002")
    send(b, district, tmp_path / "usb")
    send(a, district, tmp_path / "usb")
    assert _acked(district, "R0002") > 0 and _acked(district, "R0001") > 0
    assert count(b, Attachment) == 0 and count(b, ProgressNote) == 0 and run_checks(b) == []


def test_a_row_whose_parent_is_missing_goes_to_nobody(
    district: Database, two_rooms: tuple[Database, Database, str, str]
) -> None:
    with district.session() as session:
        router = RoomRouter(session)
        orphan: Synced = Attachment(
            id="00000000-0000-4000-8000-000000000001",
            sha256="0" * 64,
            file_name="x",
            media_type="x",
            size=1,
            record_table="topic",
            record_id="00000000-0000-4000-8000-000000000002",
        )
        assert router.rooms(orphan) is None
        assert not router.for_room(orphan, "any")
