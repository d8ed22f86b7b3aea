"""Forwarding upward (issue 20): districts send what they hold to a city office in the same
bundle format, origins kept; the city's statistics are the sum of the districts'; enrolment
works one level up; a dishonest district, with its real keys, cannot write another
district's records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.db import Database, open_database, remember_database_url
from desktop.demo import generate
from desktop.models import ForwardedOrigin, Room, SyncPeer, Topic
from desktop.models.enums import NodeRole
from desktop.paths import Home
from desktop.setup import setup_city, setup_district
from desktop.stats import Period, compute_stats
from desktop.sync import SyncError, strictjson
from desktop.sync.bundle import Contents, seal
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import build_contents, export_bundle
from desktop.sync.identity import init_district_keys, require_installation
from desktop.sync.importer import import_bundle
from desktop.sync.keycheck import diagnose_keys
from desktop.sync.keys import load_keys
from desktop.sync.records import synced_models
from desktop.sync.status import folder_bundles
from desktop.sync.upward import districts_of_city, enroll_district, join_city
from tests.sync.conftest import OpenHome
from tests.sync.dishonest import Snapshot, forged_row, snapshot

TODAY = date(2026, 6, 15)
YEAR = 2025


def _office(db: Database, name: str, tmp_path: Path, *, city: bool = False) -> Database:
    (setup_city if city else setup_district)(db, name=name)
    init_district_keys(db, escrow_path=tmp_path / f"{name}-escrow.txt")
    return db


def _join(city: Database, district: Database, tmp_path: Path) -> None:
    name = require_installation_name(district)
    written = enroll_district(city, name=name, output=tmp_path / f"{name}.enrol")
    joined = join_city(district, written.path, written.passphrase)
    assert joined.fingerprint == written.fingerprint


def require_installation_name(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.name


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in synced_models()
        }


def _owners(db: Database) -> set[tuple[str, str, str]]:
    """(table, id, owner) of every row."""
    found: set[tuple[str, str, str]] = set()
    with db.session() as session:
        for model in synced_models():
            for row_id, owner in session.execute(select(model.id, model.owner_node)):
                found.add((model.__tablename__, row_id, owner))
    return found


class City:
    """A city with two districts that joined it, each with generated rooms and records."""

    def __init__(self, open_home: OpenHome, tmp_path: Path, city: Database) -> None:
        self.tmp = tmp_path
        self.open_home = open_home
        self.city = _office(city, "南通市政协", tmp_path, city=True)
        self.districts = [
            _office(open_home("chongchuan"), "崇川区政协", tmp_path),
            _office(open_home("qidong"), "启东市政协", tmp_path),
        ]
        for seed, district in enumerate(self.districts, start=3):
            generate(district, seed=seed, rooms=3, years=1, today=TODAY)
            _join(self.city, district, tmp_path)
        self.usb = tmp_path / "usb"
        self.usb.mkdir()

    def forward(self, district: Database, *, full: bool = False) -> Path:
        return export_bundle(district, to_dir=self.usb, city=True, full=full).path


@pytest.fixture
def city(
    open_home: OpenHome, tmp_path: Path, district_engine: str, request: pytest.FixtureRequest
) -> Iterator[City]:
    """The city's database on SQLite, and on the PostgreSQL server when one is given."""
    if district_engine == "sqlite":
        yield City(open_home, tmp_path, open_home("city"))
        return
    home = Home(tmp_path / "city")
    remember_database_url(home, request.getfixturevalue("postgres_copy"))
    db = open_database(home)
    try:
        yield City(open_home, tmp_path, db)
    finally:
        db.close()


def _totals(stats: dict[str, Any]) -> dict[str, int]:
    return {k: v for k, v in stats.items() if isinstance(v, int) and not isinstance(v, bool)}


def test_the_city_holds_every_district_record_with_its_origin_and_sums_their_statistics(
    city: City,
) -> None:
    for district in city.districts:
        result = import_bundle(city.city, city.forward(district))
        assert result.totals().added == sum(_counts(district).values())

    # Each record kept as its district held it, naming the node that owns it (a room's).
    held = _owners(city.city)
    for district in city.districts:
        assert _owners(district) <= held
    assert len(held) == sum(len(_owners(d)) for d in city.districts)
    with city.city.session() as session:
        rooms = session.scalar(select(func.count()).select_from(Room))
        origins = session.scalar(select(func.count()).select_from(ForwardedOrigin))
    assert rooms == sum(_counts(d)["room"] for d in city.districts)
    assert origins == 6  # the generated rooms' nodes, three per district

    listed = {d.name: d for d in districts_of_city(city.city)}
    assert set(listed) == {"崇川区政协", "启东市政协"}
    assert all(d.reporting and d.rooms == 3 and d.last_bundle_at for d in listed.values())

    period = Period.of_year(YEAR)
    city_stats = compute_stats(city.city, period=period, today=TODAY)
    parts = [compute_stats(d, period=period, today=TODAY) for d in city.districts]
    totals = _totals(city_stats)
    assert totals["meetings"] > 0 and totals["topics"] > 0
    for key, value in totals.items():
        if key == "year":
            continue
        assert value == sum(_totals(p)[key] for p in parts), key
    assert city_stats["scope"] == "city"
    assert len(city_stats["rooms"]) == sum(len(p["rooms"]) for p in parts)
    for key in ("member_attendances", "activities"):
        assert city_stats["previous"][key] == sum(p["previous"][key] for p in parts), key


def test_forwarding_is_incremental_once_the_city_acknowledges(city: City) -> None:
    district = city.districts[0]
    first = export_bundle(district, to_dir=city.usb, city=True)
    assert first.full is False and sum(first.counts.values()) == sum(_counts(district).values())
    # The city does not know the district's node before its first bundle, yet lists it as its.
    [listed] = folder_bundles(city.city, city.usb)
    assert listed.for_us and listed.sender == "新登记的区政协" and not listed.imported
    import_bundle(city.city, first.path)
    [listed] = folder_bundles(city.city, city.usb)
    assert listed.for_us and listed.sender == "崇川区政协" and listed.imported
    # Imported twice: nothing doubled.
    assert import_bundle(city.city, first.path).already_imported

    # The city's answer carries no records, only its acknowledgement.
    answer = export_bundle(city.city, to_dir=city.usb, district="崇川区政协")
    assert answer.counts == {}
    import_bundle(district, answer.path)

    # A room enrols with the district, records and sends its bundle: only what the district
    # took in since the city's acknowledgement travels next, each row still the room's.
    room = enrol_room(district, city, "和平桥社区")
    generate(room, seed=3, years=0, today=TODAY)
    import_bundle(district, export_bundle(room, to_dir=city.usb).path)
    room_node = _node(room)
    second = export_bundle(district, to_dir=city.usb, city=True)
    assert second.counts["topic"] == _counts(room)["topic"] > 0
    assert sum(second.counts.values()) < sum(first.counts.values()) / 2
    import_bundle(city.city, second.path)
    with city.city.session() as session:
        topics = session.scalars(select(Topic).where(Topic.owner_node == room_node)).all()
        assert len(topics) == second.counts["topic"]
        via = session.get(ForwardedOrigin, room_node)
        assert via is not None and via.via_node == _node(district)
    assert _owners(district) <= _owners(city.city)


def enrol_room(district: Database, city: City, village: str) -> Database:
    """A real room enrolled with `district` and set up from its file."""
    written = enroll_room(
        district,
        room_name=f"{village}协商议事室",
        village=village,
        township="和平桥街道",
        output=city.tmp / f"{village}.enrol",
    )
    room = city.open_home(village)
    setup_room_from_enrolment(room, written.path, written.passphrase)
    return room


def test_a_city_that_lost_its_keys_reads_a_districts_bundle_with_its_escrow_key(
    city: City,
) -> None:
    district = city.districts[0]
    path = city.forward(district)
    # The district keeps its own escrow key for its rooms' bundles; the city's is the city's.
    with district.session() as session:
        [own] = session.scalars(select(SyncPeer).where(SyncPeer.role == "escrow")).all()
        joined = session.scalars(select(SyncPeer).where(SyncPeer.role == "city")).one()
    assert own.age_recipient != joined.escrow_recipient is not None
    escrow = city.tmp / "南通市政协-escrow.txt"
    result = import_bundle(city.city, path, escrow_key=escrow)
    assert result.totals().added == sum(_counts(district).values())


def test_a_city_whose_keys_are_lost_is_told_so_before_it_enrolled_anyone(
    open_home: OpenHome, tmp_path: Path
) -> None:
    lonely = _office(open_home("city"), "南通市政协", tmp_path, city=True)
    assert diagnose_keys(lonely) is None
    (lonely.home.keys / "identity.age").unlink()
    problem = diagnose_keys(lonely)
    assert problem is not None
    assert "设置市政协时写出" in problem.remedy
    assert "不能导出数据包，也不能登记区政协" in problem.remedy


def test_a_city_answers_only_districts_and_a_district_forwards_only_once_joined(
    city: City, open_home: OpenHome
) -> None:
    assert [d.reporting for d in districts_of_city(city.city)] == [False, False]
    lone = _office(open_home("haimen"), "海门区政协", city.tmp)
    with pytest.raises(SyncError, match="尚未登记到市政协"):
        export_bundle(lone, to_dir=city.usb, city=True)
    with pytest.raises(SyncError, match="还没有区政协发来数据包"):
        export_bundle(city.city, to_dir=city.usb)
    import_bundle(city.city, city.forward(city.districts[0]))
    import_bundle(city.city, city.forward(city.districts[1]))
    with pytest.raises(SyncError, match="--district"):
        export_bundle(city.city, to_dir=city.usb)
    with pytest.raises(SyncError, match="找不到"):
        export_bundle(city.city, to_dir=city.usb, district="海门区政协")
    with pytest.raises(SyncError, match="只有市政协"):
        enroll_district(city.districts[0], name="海门区政协", output=city.tmp / "x.enrol")


def test_joining_twice_or_a_room_enrolment_file_is_refused(city: City) -> None:
    again = enroll_district(city.city, name="崇川区政协", output=city.tmp / "again.enrol")
    with pytest.raises(SyncError, match="已经登记到南通市政协"):
        join_city(city.districts[0], again.path, again.passphrase)
    with pytest.raises(SyncError, match="口令错误"):
        join_city(city.districts[0], again.path, "0000-0000-0000-0000-0000-0000")


# --- a dishonest district, with its real keys ---------------------------------------------------


def _forged(city: City, district: Database, change: Callable[[Contents], None], name: str) -> Path:
    """The district's honest bundle for the city, changed, then signed with the district's
    own keys and encrypted to the city, as a tampered district PC could."""
    with district.session() as session:
        installation = require_installation(session)
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "city")).one()
        contents = build_contents(
            session,
            district.home,
            installation=installation,
            peer=peer,
            keys=load_keys(district.home),
            sequence=1,
            full=True,
        )
    change(contents)
    recipient = load_keys(city.city.home).identity.to_public()
    sealed, _ = seal(contents, sign=load_keys(district.home).sign, recipients=[recipient])
    path = city.usb / name
    path.write_bytes(sealed)
    return path


def _node(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.node_id


def _first_room_node(db: Database) -> str:
    with db.session() as session:
        node = session.scalars(
            select(Room.node_id).where(Room.node_id.is_not(None)).order_by(Room.code)
        ).first()
    assert node is not None
    return node


def _refused(city: City, path: Path, message: str) -> None:
    before: Snapshot = snapshot(city.city)
    with pytest.raises(SyncError, match=message):
        import_bundle(city.city, path)
    assert snapshot(city.city) == before


@pytest.fixture
def after_first(city: City) -> City:
    """崇川 has forwarded its records; 启东 is enrolled and has sent nothing yet."""
    import_bundle(city.city, city.forward(city.districts[0]))
    return city


def test_a_district_cannot_claim_another_districts_room(after_first: City) -> None:
    city, honest, liar = after_first, *after_first.districts
    stolen = _first_room_node(honest)

    def claim(contents: Contents) -> None:
        contents.manifest["origins"] = sorted([*contents.manifest["origins"], stolen])

    _refused(city, _forged(city, liar, claim, "claim.yishi"), "其他区的议事室")


def test_a_district_cannot_change_another_districts_record(after_first: City) -> None:
    city, honest, liar = after_first, *after_first.districts
    with honest.session() as session:
        topic = session.scalars(select(Topic).order_by(Topic.id)).first()
        assert topic is not None
        from desktop.sync.records import to_json

        row = to_json(topic)
    # The same record, as if one of the liar's rooms owned it, a revision ahead.
    liar_room = _first_room_node(liar)
    row.update(owner_node=liar_room, revision=row["revision"] + 1, title="篡改的议题")

    def overwrite(contents: Contents) -> None:
        member = "records/topic.ndjson"
        contents.members[member] += strictjson.dumps(row) + b"\n"
        contents.manifest["counts"]["topic"] += 1

    _refused(city, _forged(city, liar, overwrite, "overwrite.yishi"), "其他区的记录")


def test_a_district_cannot_send_records_of_an_unvouched_owner(after_first: City) -> None:
    city, _honest, liar = after_first, *after_first.districts
    stranger = "5a1e0000-0000-4000-8000-000000000001"

    def foreign(contents: Contents) -> None:
        member = "records/topic.ndjson"
        lines = contents.members[member].splitlines()
        first = strictjson.loads(lines[0])
        first["owner_node"] = stranger
        contents.members[member] = b"".join(
            line + b"\n" for line in [strictjson.dumps(first), *lines[1:]]
        )

    _refused(city, _forged(city, liar, foreign, "foreign.yishi"), "不属于本区的记录")


def test_a_district_the_city_never_enrolled_is_refused(city: City, open_home: OpenHome) -> None:
    stranger = _office(open_home("haimen"), "海门区政协", city.tmp)
    generate(stranger, seed=9, rooms=1, years=0, today=TODAY)
    # It joins with a file of another city, then sends to this one.
    other = _office(open_home("other-city"), "盐城市政协", city.tmp, city=True)
    written = enroll_district(other, name="海门区政协", output=city.tmp / "haimen.enrol")
    join_city(stranger, written.path, written.passphrase)
    path = _forged(city, stranger, lambda contents: None, "stranger.yishi")
    _refused(city, path, "未登记")


def test_a_city_bundle_with_records_is_refused_by_the_district(after_first: City) -> None:
    """The city owns nothing: a bundle from it carrying a row, signed with its real keys, is
    refused whole by the district."""
    city, district = after_first, after_first.districts[0]
    with city.city.session() as session:
        installation = require_installation(session)
        peer = session.get(SyncPeer, _node(district))
        assert peer is not None and installation.role is NodeRole.CITY
        contents = build_contents(
            session,
            city.city.home,
            installation=installation,
            peer=peer,
            keys=load_keys(city.city.home),
            sequence=1,
            full=True,
        )
    assert contents.manifest["counts"] == {}
    row = forged_row("member", _node(city.city), name="冒名委员", phone="13900000000")
    contents.members["records/member.ndjson"] = strictjson.dumps(row) + b"\n"
    contents.manifest["counts"]["member"] = 1
    recipient = load_keys(district.home).identity.to_public()
    sealed, _ = seal(contents, sign=load_keys(city.city.home).sign, recipients=[recipient])
    path = city.usb / "city-forged.yishi"
    path.write_bytes(sealed)
    before = snapshot(district)
    with pytest.raises(SyncError, match="市政协的数据包不能包含记录"):
        import_bundle(district, path)
    assert snapshot(district) == before
