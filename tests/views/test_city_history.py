"""A district's 同步 history, tab 各议事室及确认情况: the city office it joined is named as the
市政协 on a line of its own, never listed as one of its rooms."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database, open_database
from desktop.models import SyncBundle
from desktop.models.enums import NodeRole
from desktop.setup import setup_city, setup_district
from desktop.sync import enrolment as enrolment_module
from desktop.sync.enrolment import enroll_room
from desktop.sync.export import export_bundle
from desktop.sync.identity import init_district_keys
from desktop.sync.upward import enroll_district, join_city
from desktop.views.sync.history import moment
from desktop.views.sync.page import Folder, SyncPage
from tests.conftest import _home_from_template
from tests.sync_pair import FastPassphrase

# Set to a folder to keep a picture of the page for looking at (offscreen, no screen needed).
SHOT_FOLDER = os.environ.get("YISHI_SHOT_FOLDER", "")


@pytest.fixture(autouse=True)
def fast_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enrolment_module, "age_passphrase", FastPassphrase)


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder stands in for the USB stick: the only drive the page lists."""
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", folder)])
    return folder


@pytest.fixture
def district(db: Database, tmp_path: Path, stick: Path) -> Database:
    """崇川区政协 with one room enrolled."""
    setup_district(db, name="崇川区政协")
    init_district_keys(db, escrow_path=tmp_path / "district-escrow.txt")
    enroll_room(
        db,
        room_name="徐庄村协商议事室",
        village="徐庄村",
        township="兴仁镇",
        output=stick / "R0001.enrol",
    )
    return db


def join_a_city(district: Database, template_database: Path, tmp_path: Path) -> None:
    city = open_database(_home_from_template(template_database, tmp_path / "city"))
    try:
        setup_city(city, name="南通市政协")
        init_district_keys(city, escrow_path=tmp_path / "city-escrow.txt")
        written = enroll_district(city, name="崇川区政协", output=tmp_path / "崇川区政协.enrol")
    finally:
        city.close()
    join_city(district, written.path, written.passphrase)


def make_page(qtbot: QtBot, db: Database) -> SyncPage:
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(1140, 760)
    page.show()
    qtbot.waitUntil(lambda: not page.scanning)
    page.tabs.setCurrentIndex(1)
    return page


def rooms_column(page: SyncPage) -> list[str]:
    model = page.tabs.peers_model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_the_city_a_district_joined_is_named_apart_from_its_rooms(
    qtbot: QtBot, district: Database, template_database: Path, tmp_path: Path, stick: Path
) -> None:
    page = make_page(qtbot, district)
    tabs = page.tabs
    assert tabs.tabText(1) == "各议事室及确认情况"
    assert rooms_column(page) == ["徐庄村协商议事室"]
    # Not joined: no city line.
    assert not tabs.city_label.isVisibleTo(page)

    join_a_city(district, template_database, tmp_path)
    page.refresh()
    qtbot.waitUntil(lambda: not page.scanning)
    # The city is on its own line, called what it is; the rooms' table holds rooms only.
    assert tabs.city_label.isVisible()
    line = tabs.city_label.text()
    assert line.startswith(NodeRole.CITY.label)
    assert "南通市政协" in line
    assert rooms_column(page) == ["徐庄村协商议事室"]
    assert tabs.peers_model.headerData(0, tabs.peers_table.horizontalHeader().orientation()) == (
        "议事室"
    )

    # Once the district forwards a bundle, the line says when.
    sent = export_bundle(district, to_dir=stick, city=True)
    page.refresh()
    qtbot.waitUntil(lambda: not page.scanning)
    with district.session() as session:
        at = session.scalars(
            select(SyncBundle.at).where(
                SyncBundle.bundle_id == sent.bundle_id, SyncBundle.direction == "out"
            )
        ).one()
    assert moment(at) in tabs.city_label.text()
    assert rooms_column(page) == ["徐庄村协商议事室"]
    if SHOT_FOLDER:
        page.grab().save(str(Path(SHOT_FOLDER) / "district_history.png"))


def test_a_room_shows_no_city_line(qtbot: QtBot, room_db: Database) -> None:
    page = make_page(qtbot, room_db)
    assert not page.tabs.city_label.isVisibleTo(page)
