"""Property: rooms and a district exchange bundles that are lost, duplicated and reordered;
after a clean final round the district holds exactly the union of the rooms' records and every
room holds exactly the district's roster. Nothing lost, nothing doubled."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.db import Database, open_database
from desktop.models import Member, SyncBundle, SyncDigest, Synced, Topic
from desktop.models.enums import Gender, MemberLevel
from desktop.paths import Home
from desktop.setup import setup_district
from desktop.sync.digest import scanned_digest
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.identity import district_peer, init_district_keys
from desktop.sync.importer import import_bundle
from desktop.sync.records import synced_models
from desktop.sync.status import bundle_name_match
from tests.sync.helpers import add_topic

ROOMS = 2

# One step: (what, which room, a number used for choices).
steps = st.lists(
    st.tuples(
        st.sampled_from(
            ["topic", "rename", "tombstone", "member", "up", "down", "deliver", "duplicate", "lose"]
        ),
        st.integers(0, ROOMS - 1),
        st.integers(0, 1000),
    ),
    max_size=25,
)


def _owned(db: Database, owner: str) -> set[tuple[str, str, int, bool]]:
    with db.session() as session:
        found: set[tuple[str, str, int, bool]] = set()
        for model in synced_models():
            for row in session.scalars(select(model).where(model.owner_node == owner)):
                assert isinstance(row, Synced)
                found.add((model.__tablename__, row.id, row.revision, row.deleted))
        return found


def _node(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.node_id


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps)
def test_any_loss_duplication_and_order_ends_in_the_union(
    template_database: Path, plan: list[tuple[str, int, int]]
) -> None:
    root = Path(tempfile.mkdtemp(prefix="yishi-prop-"))
    opened: list[Database] = []

    def make(name: str) -> Database:
        home = Home(root / name)
        home.create_dirs()
        shutil.copyfile(template_database, home.database)
        db = open_database(home)
        opened.append(db)
        return db

    try:
        district = make("district")
        setup_district(district, name="崇川区政协")
        init_district_keys(district, escrow_path=root / "escrow.txt")
        rooms = []
        for number in range(ROOMS):
            path = root / f"r{number}.enrol"
            enrolment = enroll_room(
                district,
                room_name=f"第{number}议事室",
                village=f"第{number}村",
                township="镇",
                output=path,
            )
            room = make(f"room{number}")
            setup_room_from_enrolment(room, path, enrolment.passphrase)
            rooms.append(room)
        codes = [f"R{n + 1:04d}" for n in range(ROOMS)]
        stick = root / "usb"
        stick.mkdir()
        # Bundles in flight: (destination db index: -1 = district, else room), path.
        in_flight: list[tuple[int, Path]] = []
        known: set[int] = set()  # rooms the district has heard from (it can then send to them)

        for what, index, choice in plan:
            room = rooms[index]
            if what == "topic":
                add_topic(room, f"议题{choice}")
            elif what in ("rename", "tombstone"):
                with room.session() as session:
                    topics = list(session.scalars(select(Topic).where(Topic.deleted.is_(False))))
                    if topics:
                        topic = topics[choice % len(topics)]
                        if what == "rename":
                            topic.title = f"改{choice}"
                        else:
                            topic.deleted = True
            elif what == "member":
                with district.session() as session:
                    session.add(
                        Member(
                            name=f"委员{choice}",
                            gender=Gender.FEMALE,
                            sector="界别",
                            level=MemberLevel.DISTRICT,
                        )
                    )
            elif what == "up":
                in_flight.append((-1, export_bundle(room, to_dir=stick).path))
            elif what == "down" and index in known:
                result = export_bundle(district, to_dir=stick, room=codes[index])
                in_flight.append((index, result.path))
            elif what in ("deliver", "duplicate", "lose") and in_flight:
                target, path = in_flight[choice % len(in_flight)]
                if what != "duplicate":
                    in_flight.remove((target, path))
                if what != "lose":
                    import_bundle(district if target == -1 else rooms[target], path)
                    if target == -1:
                        known.add(_sender(path, codes))

        # A clean final exchange, twice: acks travel back, mismatches make a room resend all.
        for _ in range(2):
            for number, room in enumerate(rooms):
                import_bundle(district, export_bundle(room, to_dir=stick).path)
                import_bundle(room, export_bundle(district, to_dir=stick, room=codes[number]).path)

        district_node = _node(district)
        union: set[tuple[str, str, int, bool]] = set()
        for room in rooms:
            mine = _owned(room, _node(room))
            assert _owned(district, _node(room)) == mine
            union |= mine
            assert _owned(room, district_node) == _owned(district, district_node)
        with district.session() as session:
            held = {
                (m.__tablename__, r.id)
                for m in synced_models()
                for r in session.scalars(select(m).where(m.owner_node != district_node))
            }
        assert held == {(table, row_id) for table, row_id, _, _ in union}
        for db in (district, *rooms):
            _assert_digests_hold(db)
        for room in rooms:  # the acks matched: the next bundle carries changes only
            with room.session() as session:
                peer = district_peer(session)
                assert peer is not None
                last_out = session.scalars(
                    select(SyncBundle)
                    .where(SyncBundle.direction == "out")
                    .order_by(SyncBundle.sequence.desc())
                ).first()
                assert last_out is not None
                assert peer.acked_through == last_out.change_to > 0
    finally:
        for db in opened:
            db.close()
        shutil.rmtree(root, ignore_errors=True)


def _assert_digests_hold(db: Database) -> None:
    """Every running digest the flush hook kept equals a scan of the rows."""
    with db.session() as session:
        kept = list(session.scalars(select(SyncDigest)))
        assert kept
        for row in kept:
            assert row.value == scanned_digest(session, row.node_id), row.node_id


def _sender(path: Path, codes: list[str]) -> int:
    match = bundle_name_match(path.name)
    assert match is not None, path.name
    return codes.index(match["code"])
