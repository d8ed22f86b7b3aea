"""Does an incremental export cost follow the changes, not the database size?

One changed topic is exported from a small room and from the same room grown ten-fold;
the figures are ratios measured in one run (these machines are noisy). A full export of
the grown room is the baseline for "what scanning everything costs".

Run: `python -m pytest tests/bench/bench_export.py -s -p no:cacheprovider`.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.models import Topic
from desktop.paths import Home
from desktop.setup import setup_district
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.identity import init_district_keys
from desktop.sync.importer import import_bundle


def _exchange(room: Database, district: Database, usb: Path) -> None:
    """A full round, so everything so far is acknowledged both ways."""
    import_bundle(district, export_bundle(room, to_dir=usb).path)
    code = room.installation()
    assert code is not None
    import_bundle(room, export_bundle(district, to_dir=usb, room=code.room_id).path)


def _one_change_export(room: Database, usb: Path) -> float:
    with room.session() as session:
        topic = session.scalars(select(Topic).where(Topic.deleted.is_(False)).limit(1)).one()
        topic.title += "（修订）"
    started = time.perf_counter()
    result = export_bundle(room, to_dir=usb)
    elapsed = time.perf_counter() - started
    assert sum(result.counts.values()) <= 3  # the topic and what its change touched
    return elapsed


def _best(runs: int, room: Database, usb: Path) -> float:
    return min(_one_change_export(room, usb) for _ in range(runs))


def test_incremental_export_follows_the_changes(tmp_path: Path) -> None:
    district = open_database(Home(tmp_path / "district"))
    setup_district(district, name="崇川区政协")
    init_district_keys(district, escrow_path=tmp_path / "escrow.txt")
    generate(district, seed=1, roster_only=True)
    enrolment = enroll_room(
        district,
        room_name="和平桥社区协商议事室",
        village="和平桥社区",
        township="和平桥街道",
        output=tmp_path / "enrol.yishi-enrol",
    )
    room = open_database(Home(tmp_path / "room"))
    setup_room_from_enrolment(room, enrolment.path, enrolment.passphrase)
    usb = tmp_path / "usb"
    usb.mkdir()

    generate(room, seed=1, years=0)
    _exchange(room, district, usb)
    small = _best(9, room, usb)
    _exchange(room, district, usb)

    for seed in range(2, 12):  # ten more runs of demo data: the room grows about ten-fold
        generate(room, seed=seed, years=2)
    _exchange(room, district, usb)
    large = _best(9, room, usb)
    started = time.perf_counter()
    export_bundle(room, to_dir=usb, full=True)
    full = time.perf_counter() - started
    with room.session() as session:
        topics = len(session.scalars(select(Topic.id)).all())
    print(
        f"\none change: small room {small * 1000:.1f} ms, grown room ({topics} topics) "
        f"{large * 1000:.1f} ms, ratio {large / small:.2f}; full export {full * 1000:.0f} ms"
    )
    room.close()
    district.close()
    # Generous for noise; scanning the grown room's digest alone made this about 1.6.
    assert large / small < 1.3
