"""A district with keys and rooms enrolled from it, each in its own home folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db import Database, open_database, remember_database_url
from desktop.demo import generate
from desktop.models import Member
from desktop.models.enums import Gender, MemberLevel
from desktop.paths import Home
from desktop.setup import setup_district
from desktop.sync import enrolment as enrolment_module
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.identity import init_district_keys
from desktop.sync.records import synced_models
from tests.sync_pair import FastPassphrase

OpenHome = Callable[[str], Database]


@pytest.fixture(autouse=True, scope="package")
def fast_passphrase() -> Iterator[None]:
    """For this package (hypothesis refuses function-scoped fixtures); `real_age` undoes it."""
    real = enrolment_module.age_passphrase
    enrolment_module.age_passphrase = FastPassphrase  # type: ignore[assignment]
    yield
    enrolment_module.age_passphrase = real


@pytest.fixture
def real_age(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real age scrypt envelope, for the tests about the file's secrecy."""
    from pyrage import passphrase

    monkeypatch.setattr(enrolment_module, "age_passphrase", passphrase)


@pytest.fixture
def open_home(template_database: Path, tmp_path: Path) -> Iterator[OpenHome]:
    """Opens a fresh migrated home under tmp_path/<name>; all are closed at the end."""
    opened: list[Database] = []

    def make(name: str) -> Database:
        home = Home(tmp_path / name)
        home.create_dirs()
        shutil.copyfile(template_database, home.database)
        db = open_database(home)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


def make_district(db: Database, *, escrow: Path) -> Database:
    """崇川区政协 with its keys and one member on the roster."""
    setup_district(db, name="崇川区政协")
    init_district_keys(db, escrow_path=escrow)
    with db.session() as session:
        session.add(
            Member(
                name="王建国",
                gender=Gender.MALE,
                sector="经济界",
                level=MemberLevel.DISTRICT,
                phone="13800000001",
            )
        )
    return db


@pytest.fixture
def district(
    district_engine: str, open_home: OpenHome, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Database]:
    if district_engine == "sqlite":
        yield make_district(open_home("district"), escrow=tmp_path / "escrow.txt")
        return
    home = Home(tmp_path / "district")
    remember_database_url(home, request.getfixturevalue("postgres_copy"))
    db = open_database(home)
    try:
        yield make_district(db, escrow=tmp_path / "escrow.txt")
    finally:
        db.close()


EnrolRoom = Callable[[str], Database]


@pytest.fixture
def enrol(district: Database, open_home: OpenHome, tmp_path: Path) -> EnrolRoom:
    """Enrols a new room with the district and sets it up from the file."""

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.enrol"
        enrolment = enroll_room(
            district,
            room_name=f"{name}协商议事室",
            village=name,
            township="和平桥街道",
            output=path,
        )
        room = open_home(name)
        setup_room_from_enrolment(room, path, enrolment.passphrase)
        return room

    return make


TODAY = date(2026, 11, 29)


def synced_counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in synced_models()
        }


def room_bundle_into(
    district: Database, root: Path, template: Path
) -> tuple[Database, Path, dict[str, int]]:
    """The district (roster from demo data) enrols a room that makes demo data and exports;
    the room, its bundle and the room's own counts."""
    make_district(district, escrow=root / "escrow.txt")
    generate(district, seed=5, roster_only=True)
    enrolment = enroll_room(
        district,
        room_name="和平桥社区协商议事室",
        village="和平桥社区",
        township="和平桥街道",
        output=root / "room.enrol",
    )
    home = Home(root / "room")
    home.create_dirs()
    shutil.copyfile(template, home.database)
    room = open_database(home)
    setup_room_from_enrolment(room, root / "room.enrol", enrolment.passphrase)
    generate(room, seed=3, years=0)
    (root / "usb").mkdir()
    bundle = export_bundle(room, to_dir=root / "usb").path
    return room, bundle, synced_counts(room)
