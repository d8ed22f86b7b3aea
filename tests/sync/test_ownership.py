"""Ownership follows the parent chain (desktop.sync.ownership): the registry covers every model,
and a dishonest enrolled room (tests/sync/dishonest.py) cannot write a row that is, or hangs
under, another room's or the district's. Each refused bundle leaves the district's database
and attachment folder unchanged, and the honest room's next exchange still works."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.checks import ROOM_OWNED, ROSTER
from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.models import Base, Outcome, ProgressNote, Synced, Topic
from desktop.paths import Home
from desktop.sync import SyncError, ownership
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.importer import import_bundle
from desktop.sync.incoming import Incoming, check_owned, parse_table
from desktop.sync.ownership import DISTRICT_TABLES, RULES, Sync
from desktop.sync.records import model_for
from desktop.workflow.attachments import attach_file
from desktop.workflow.outcomes import note_progress
from tests.sync.conftest import EnrolRoom, make_district
from tests.sync.dishonest import DishonestRoom, forged_row, fresh_id, held_row, snapshot
from tests.sync.helpers import add_topic, send

ROOM_TABLES = sorted(t for t, r in RULES.items() if r.sync is Sync.ROOM_OWNED)


# --- the registry -----------------------------------------------------------------------


def _foreign_keys(model: type[Any]) -> set[tuple[str, str]]:
    return {
        (column.name, next(iter(column.foreign_keys)).column.table.name)
        for column in model.__table__.columns
        if column.foreign_keys
    }


def test_every_model_has_a_sync_classification_and_a_parent_rule() -> None:
    models = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    assert sorted(set(models) - set(RULES)) == [], "tables without a sync rule"
    assert sorted(set(RULES) - set(models)) == [], "rules for tables that do not exist"
    for table, model in models.items():
        rule = RULES[table]
        synced = issubclass(model, Synced)
        assert synced == (rule.sync is not Sync.LOCAL_ONLY), table
        declared = {(p.column, p.table) for p in rule.parents if p.table is not None}
        # Local tables' keys never travel; a synced table's keys are all its parents.
        assert declared == (_foreign_keys(model) if synced else set()), table
        columns = {c.name for c in model.__table__.columns}
        for parent in rule.parents:
            assert parent.column in columns, (table, parent.column)
            if parent.table is None:
                assert parent.table_column in columns, (table, parent)
        if rule.district_annotates:
            assert rule.sync is Sync.ROOM_OWNED, table


def test_activity_kind_and_the_roster_are_district_tables() -> None:
    assert "activity_kind" in DISTRICT_TABLES
    assert {"member", "room", "scoring_rule", "assignment"} <= DISTRICT_TABLES
    assert not DISTRICT_TABLES & set(ROOM_TABLES)


def test_the_checks_follow_the_registry() -> None:
    """`yishi check` takes its lists from the registry; these are the tables it must see."""
    assert {m.__tablename__ for m in ROSTER} == {
        t for t, r in RULES.items() if r.sync is Sync.DISTRICT_WIDE
    }
    assert {m.__tablename__ for m in ROOM_OWNED} == {
        "topic",
        "opinion_slip",
        "meeting",
        "participant",
        "outcome",
        "activity",
        "mediation_case",
        "duty_record",
        "status_change",
    }
    for model in ROOM_OWNED:
        rule = RULES[model.__tablename__]
        assert rule.sync is Sync.ROOM_OWNED and ("room_id", "room") in {
            (p.column, p.table) for p in rule.parents
        }


def test_a_table_without_a_rule_is_refused(
    district: Database, enrol: EnrolRoom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "路灯不亮")
    monkeypatch.delitem(ownership.RULES, "topic")
    before = snapshot(district)
    with pytest.raises(SyncError, match="没有同步规则"):
        send(room, district, tmp_path / "usb")
    assert snapshot(district) == before


# --- a world: the district, an honest room and a dishonest one, both with demo records ---


@dataclass
class World:
    district: Database
    honest: Database
    liar: DishonestRoom
    district_node: str
    honest_node: str
    honest_room: str
    usb: Path


def _open(template: Path, root: Path, name: str, opened: list[Database]) -> Database:
    home = Home(root / name)
    home.create_dirs()
    shutil.copyfile(template, home.database)
    db = open_database(home)
    opened.append(db)
    return db


def _node(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.node_id


@pytest.fixture(scope="module")
def world(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("ownership")
    opened: list[Database] = []
    district = make_district(
        _open(template_database, root, "district", opened), escrow=root / "escrow.txt"
    )
    rooms = []
    for seed, name in ((3, "和平桥社区"), (4, "新胜村")):
        path = root / f"{name}.enrol"
        enrolment = enroll_room(
            district,
            room_name=f"{name}协商议事室",
            village=name,
            township="和平桥街道",
            output=path,
        )
        room = _open(template_database, root, name, opened)
        setup_room_from_enrolment(room, path, enrolment.passphrase)
        # A whole year of demo records, whatever day the test runs on (CI moves the clock to
        # 29 February, when "this year so far" holds no activity yet).
        generate(room, seed=seed, years=1)
        # The demo attaches nothing; one photo each, so attachments are parents and victims.
        photo = root / f"{name}.jpg"
        photo.write_bytes(f"照片 {name}".encode())
        with room.session() as session:
            topic = session.scalars(select(Topic).order_by(Topic.id)).first()
            assert topic is not None
            attach_file(session, room.home, photo, record_table="topic", record_id=topic.id)
        send(room, district, root / "usb")
        rooms.append(room)
    honest, liar = rooms
    # A progress note the district wrote on the honest room's outcome: the district's, but
    # not district-wide, so no room may hang anything under it.
    with district.session() as session:
        outcome = session.scalars(
            select(Outcome).where(Outcome.owner_node == _node(honest)).order_by(Outcome.id)
        ).first()
        assert outcome is not None
        outcome_id = outcome.id
    note_progress(district, outcome_id, on=date(2026, 11, 28), text="区政协已督办")
    honest_room = honest.installation().room_id  # type: ignore[union-attr]
    assert honest_room is not None
    yield World(
        district=district,
        honest=honest,
        liar=DishonestRoom(liar, district, root / "forged"),
        district_node=_node(district),
        honest_node=_node(honest),
        honest_room=honest_room,
        usb=root / "usb",
    )
    for db in opened:
        db.close()


def _ids(db: Database, table: str, owner: str) -> list[str]:
    model = model_for(table)
    assert model is not None
    with db.session() as session:
        return list(
            session.scalars(select(model.id).where(model.owner_node == owner).order_by(model.id))
        )


def _legitimate(world: World, table: str) -> dict[str, Any]:
    """A new row of `table` by the dishonest room under its own (or district-wide) rows only."""
    liar = world.liar
    held = _ids(world.district, table, liar.node)
    if held:
        row = held_row(world.district, table, held[0])
        row["id"] = fresh_id()
    else:
        row = forged_row(table, liar.node)
    for parent in RULES[table].parents:
        if row.get(parent.column) is None and parent.table is not None:
            continue
        target = parent.table or row[parent.table_column or ""]
        if target == "room":
            row[parent.column] = liar.room_id
            continue
        owner = world.district_node if RULES[target].sync is Sync.DISTRICT_WIDE else liar.node
        ids = _ids(world.district, target, owner)
        assert ids, f"the dishonest room has no {target} to hang {table} under"
        row[parent.column] = ids[0]
    return row


def _accepted_by_check(world: World, table: str, row: dict[str, Any]) -> None:
    """The ownership check alone, inside a session that is rolled back."""
    liar = world.liar
    with world.district.session() as session:
        incoming = Incoming(rows=[parse_table(table, [row])])
        check_owned(
            session,
            incoming,
            origin=liar.node,
            origin_role="room",
            origin_room_id=liar.room_id,
        )
        session.rollback()


@dataclass(frozen=True)
class Case:
    """One dishonest row: what it is, and the refusal's words."""

    name: str
    table: str
    words: str
    column: str | None = None
    target: str | None = None  # the parent table (or "owner", "overwrite", "roster")


def _cases() -> list[Case]:
    cases: list[Case] = []
    for table in ROOM_TABLES:
        for parent in RULES[table].parents:
            targets = [parent.table] if parent.table is not None else ROOM_TABLES
            for target in targets:
                assert target is not None
                if target == "room":
                    cases.append(Case("other room", table, "其他议事室", parent.column, target))
                elif RULES[target].sync is Sync.ROOM_OWNED:
                    cases.append(
                        Case("under other", table, "其他节点的记录之下", parent.column, target)
                    )
        cases.append(Case("owner", table, "不属于发送方", target="owner"))
        cases.append(Case("district owner", table, "不属于发送方", target="district owner"))
        cases.append(Case("overwrite", table, "试图修改其他节点", target="overwrite"))
    for table in sorted(DISTRICT_TABLES):
        cases.append(Case("roster", table, "区政协维护", target="roster"))
    return cases


CASES = _cases()


def _victim(world: World, case: Case, row: dict[str, Any]) -> str | None:
    """Another's row of `case.target` to hang the forged row under; None if there is none."""
    assert case.target is not None
    if case.target == "room":
        return world.honest_room
    if case.target == "progress_note":
        # The district's own note on the honest room's outcome.
        return _ids(world.district, "progress_note", world.district_node)[0]
    ids = _ids(world.district, case.target, world.honest_node)
    return ids[0] if ids else None


def _forge(world: World, case: Case, *, moved: bool) -> dict[str, Any] | None:
    """The dishonest row for `case`; `moved` re-parents a row the liar already holds."""
    liar = world.liar
    if case.target == "roster":
        held = _ids(world.district, case.table, world.district_node)
        row = (
            held_row(world.district, case.table, held[0])
            if held
            else forged_row(case.table, liar.node)
        )
        row.update(id=fresh_id(), owner_node=liar.node)
        return row
    row = _legitimate(world, case.table)
    if moved:
        held = _ids(world.district, case.table, liar.node)
        if not held:
            return None
        row = held_row(world.district, case.table, held[0])
        row["revision"] += 1
    if case.target == "owner":
        row["owner_node"] = world.honest_node
    elif case.target == "district owner":
        row["owner_node"] = world.district_node
    elif case.target == "overwrite":
        others = _ids(world.district, case.table, world.honest_node)
        if not others:
            return None
        row["id"] = others[0]
        row["revision"] = held_row(world.district, case.table, others[0])["revision"] + 1
    else:
        victim = _victim(world, case, row)
        if victim is None:
            return None
        assert case.column is not None
        row[case.column] = victim
        parent = RULES[case.table].parents
        polymorphic = [p for p in parent if p.column == case.column and p.table is None]
        if polymorphic:
            row[polymorphic[0].table_column or ""] = case.target
    return row


def _refused(world: World, case: Case, row: dict[str, Any]) -> None:
    before = snapshot(world.district)
    path = world.liar.write({case.table: [row]})
    with pytest.raises(SyncError, match=case.words):
        import_bundle(world.district, path)
    assert snapshot(world.district) == before, f"{case} changed the district"


def _honest_exchange(world: World, title: str) -> None:
    """The honest room's next exchange, both ways, still works."""
    add_topic(world.honest, title)
    result = send(world.honest, world.district, world.usb / "honest")
    assert result.totals().added >= 1
    send(world.district, world.honest, world.usb / "back", room=world.honest_room)


@pytest.mark.slow
def test_every_table_and_parent_combination_owned_by_another_is_refused(
    world: World,
) -> None:
    """Exhaustive: each case as a new row and as a re-parented row the liar already held."""
    checked, skipped = 0, []
    for table in ROOM_TABLES:
        _accepted_by_check(world, table, _legitimate(world, table))
    for case in CASES:
        for moved in (False, True):
            row = _forge(world, case, moved=moved)
            if row is None:
                skipped.append(
                    f"{case.table}.{case.column or ''}→{case.target}{'*' if moved else ''}"
                )
                continue
            _refused(world, case, row)
            checked += 1
    assert checked >= len(CASES)
    _honest_exchange(world, "路灯又不亮了")
    print(
        f"ownership: {checked} combinations refused, {len(skipped)} without a victim row: {skipped}"
    )


draws = st.tuples(
    st.sampled_from(CASES),
    st.booleans(),  # re-parent a held row instead of a new one
    st.booleans(),  # the row is a tombstone
    st.booleans(),  # the bundle also carries the victim parent, claimed by the liar
    st.integers(0, 3),  # honest rows of other tables around it
)

GENERATED: list[int] = []


@pytest.mark.slow
def test_property_rows_over_every_table_and_parent_owned_by_another_are_refused(
    world: World,
) -> None:
    @settings(
        max_examples=300,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
    )
    @given(draw=draws)
    def check(draw: tuple[Case, bool, bool, bool, int]) -> None:
        case, moved, tombstone, claim_parent, padding = draw
        row = _forge(world, case, moved=moved)
        if row is None:
            return
        row["deleted"] = tombstone
        rows: dict[str, list[dict[str, Any]]] = {case.table: [row]}
        words = case.words
        if claim_parent and case.column is not None and case.target not in ("room", None):
            target = case.target
            victim = row[case.column]
            owner = _ids(world.district, target, world.district_node) + _ids(
                world.district, target, world.honest_node
            )
            if victim in owner:
                claimed = held_row(world.district, target, victim)
                claimed.update(owner_node=world.liar.node, revision=claimed["revision"] + 1)
                rows = (
                    {target: [claimed], **rows}
                    if target != case.table
                    else {target: [claimed, row]}
                )
                words = "试图修改其他节点|其他节点的记录之下"
        for extra in ROOM_TABLES[:padding]:
            if extra not in rows:
                rows[extra] = [_legitimate(world, extra)]
        before = snapshot(world.district)
        path = world.liar.write(rows)
        with pytest.raises(SyncError, match=words):
            import_bundle(world.district, path)
        assert snapshot(world.district) == before
        GENERATED.append(1)

    check()
    assert len(GENERATED) >= 250
    _honest_exchange(world, "井盖缺失")
    print(f"ownership property: {len(GENERATED)} generated bundles refused, nothing changed")


def test_the_dishonest_rooms_honest_bundle_is_still_accepted(world: World) -> None:
    """The refusals are about the rows, not the room: its own honest rows go through."""
    liar = world.liar
    add_topic(liar.db, "垃圾清运不及时")
    before = _ids(world.district, "topic", liar.node)
    result = import_bundle(world.district, liar.write())
    assert result.totals().quarantined == 0
    assert len(_ids(world.district, "topic", liar.node)) == len(before) + 1


def test_the_district_may_note_progress_under_the_receiving_rooms_records(
    world: World,
) -> None:
    """The district's note hangs under the honest room's outcome: that room accepts it."""
    note = _ids(world.district, "progress_note", world.district_node)[0]
    send(world.district, world.honest, world.usb / "notes", room=world.honest_room)
    with world.honest.session() as session:
        assert session.get(ProgressNote, note) is not None


def _district_check(world: World, table: str, row: dict[str, Any]) -> None:
    """The honest room's ownership check of a district bundle carrying `row`, rolled back."""
    with world.honest.session() as session:
        try:
            check_owned(
                session,
                Incoming(rows=[parse_table(table, [row])]),
                origin=world.district_node,
                origin_role="district",
                origin_room_id=None,
            )
        finally:
            session.rollback()


def test_a_room_takes_from_the_district_only_its_lists_and_notes_on_its_own_records(
    world: World,
) -> None:
    district = world.district
    member = held_row(district, "member", _ids(district, "member", world.district_node)[0])
    _district_check(world, "member", member)
    note = held_row(
        district, "progress_note", _ids(district, "progress_note", world.district_node)[0]
    )
    _district_check(world, "progress_note", {**note, "id": fresh_id()})
    # A room's own table, written by the district: refused.
    topic = held_row(district, "topic", _ids(district, "topic", world.honest_node)[0])
    with pytest.raises(SyncError, match="区政协的数据包不能包含议事室的数据"):
        _district_check(world, "topic", {**topic, "owner_node": world.district_node})
    # A note under the other room's outcome, which this room does not hold: refused.
    elsewhere = _ids(district, "outcome", world.liar.node)[0]
    with pytest.raises(SyncError, match="对不上"):
        _district_check(world, "progress_note", {**note, "id": fresh_id(), "outcome_id": elsewhere})
    # A district row claiming to be the room's: refused.
    with pytest.raises(SyncError, match="不属于发送方"):
        _district_check(world, "member", {**member, "owner_node": world.honest_node})
