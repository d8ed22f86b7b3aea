"""Shared fixtures: offscreen Qt, user dirs redirected, one migrated template database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

# Qt aborts with neither a display nor a platform plugin chosen; set it before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import time_machine
from PySide6.QtCore import QSettings

from desktop.db import Database, open_database, remember_database_url
from desktop.paths import CACHE_ENV, HOME_ENV, Home
from desktop.setup import setup_district, setup_room
from desktop.sync import enrolment as enrolment_module
from tests.sync_pair import FastPassphrase, Pair, open_pair

# postgres_url: a fresh PostgreSQL database per test, when a server is given; district_engine:
# the district fixtures' engines.
pytest_plugins = ["tests.postgres"]

# CI runs the suite again with the clock moved (e.g. YISHI_TEST_TODAY=2028-02-29), so a
# test that holds only on the day it was written fails there, not months later on main.
MOVED_TODAY_ENV = "YISHI_TEST_TODAY"


@pytest.fixture(autouse=True, scope="session")
def _moved_clock() -> Iterator[None]:
    moved = os.environ.get(MOVED_TODAY_ENV)
    if not moved:
        yield
        return
    start = datetime.combine(date.fromisoformat(moved), time(9, 30))
    with time_machine.travel(start.astimezone(), tick=True):
        yield


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data dir, nor the user's remembered window places
    and folders (QSettings): each test starts with none, in its own folder."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "default-home"))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture(autouse=True)
def _no_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents print in the shipped fonts unless a test supplies others: which fonts this
    machine's fontconfig finds must not change a test's pages."""
    monkeypatch.setattr("desktop.documents.fonts.FC_MATCH", None)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per run; tests copy it instead of migrating again."""
    home = Home(tmp_path_factory.mktemp("template"))
    open_database(home).close()
    return home.database


def _home_from_template(template: Path, root: Path) -> Home:
    home = Home(root)
    home.create_dirs()
    shutil.copyfile(template, home.database)
    return home


@pytest.fixture
def home(template_database: Path, tmp_path: Path) -> Home:
    """An installation folder holding a migrated, empty database (no setup yet)."""
    return _home_from_template(template_database, tmp_path / "home")


@pytest.fixture
def db(home: Home) -> Iterator[Database]:
    """An open database with no installation row yet."""
    database = open_database(home)
    yield database
    database.close()


@pytest.fixture
def district_db(
    district_engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Database]:
    """崇川区政协, its database a SQLite file (the `db` fixture's) or on the server."""
    if district_engine == "sqlite":
        database: Database = request.getfixturevalue("db")
        setup_district(database, name="崇川区政协")
        yield database
        return
    home = Home(tmp_path / "home")
    remember_database_url(home, request.getfixturevalue("postgres_copy"))
    database = open_database(home)
    try:
        setup_district(database, name="崇川区政协")
        yield database
    finally:
        database.close()


@pytest.fixture
def room_db(db: Database) -> Database:
    setup_room(db, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
    return db


@pytest.fixture
def pair(
    template_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Pair]:
    """A district and one room enrolled from it (the enrolment envelope's scrypt stubbed)."""
    monkeypatch.setattr(enrolment_module, "age_passphrase", FastPassphrase)
    yield from open_pair(template_database, tmp_path / "homes")
