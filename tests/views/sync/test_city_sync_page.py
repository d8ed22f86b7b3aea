"""A city office on the sync page: it enrols a district through its dialog, the district joins
with the file, forwards everything through its page, the city imports it and answers, and
the city's statistics page shows the district's rooms."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.models import Meeting, SyncBundle, SyncPeer
from desktop.paths import Home
from desktop.setup import setup_city, setup_district
from desktop.stats import DISTRICT, Scope
from desktop.sync import enrolment as enrolment_module
from desktop.sync.identity import init_district_keys
from desktop.sync.upward import JoinedCity
from desktop.views.stats.page import StatsPage
from desktop.views.sync.city_dialogs import EnrolDistrictDialog, JoinCityDialog
from desktop.views.sync.page import Folder, SyncPage
from tests.sync_pair import FastPassphrase

# The day the demo history ends: a fixed day, so the counted year holds the same records
# whatever day the test runs.
GENERATED_UNTIL = date(2026, 6, 15)
YEAR = 2025

OpenHome = Callable[[str], Database]


@pytest.fixture(autouse=True)
def fast_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enrolment_module, "age_passphrase", FastPassphrase)


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


@pytest.fixture
def drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder stands in for the USB stick: the only drive the page lists."""
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", folder)])
    return folder


@pytest.fixture
def city(open_home: OpenHome, tmp_path: Path) -> Database:
    db = open_home("city")
    setup_city(db, name="南通市政协")
    init_district_keys(db, escrow_path=tmp_path / "city-escrow.txt")
    return db


@pytest.fixture
def district(open_home: OpenHome, tmp_path: Path) -> Database:
    db = open_home("district")
    setup_district(db, name="崇川区政协")
    init_district_keys(db, escrow_path=tmp_path / "district-escrow.txt")
    generate(db, seed=3, rooms=1, years=1, today=GENERATED_UNTIL)
    return db


def make_page(qtbot: QtBot, db: Database) -> SyncPage:
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(1140, 760)
    page.show()
    qtbot.waitUntil(lambda: not page.scanning)
    return page


def refreshed(qtbot: QtBot, page: SyncPage) -> SyncPage:
    page.refresh()
    qtbot.waitUntil(lambda: not page.scanning)
    return page


def enrol_through_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, page: SyncPage, *, name: str, stick: Path
) -> tuple[str, str]:
    """Click "Enrol a district office…", fill the dialog as a clerk does, read what it shows;
    returns the passphrase and the written-file label."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(EnrolDistrictDialog, "choose_folder", lambda self: str(stick))

    def clerk(dialog: EnrolDistrictDialog) -> int:
        dialog.show()
        # Chinese comes through the input method, not key by key.
        dialog.district_name.setText(name)
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text() == ""
        assert dialog.result_box.isVisible() and dialog.enrol_button.isHidden()
        shown.append((dialog.passphrase_label.text(), dialog.written_label.text()))
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EnrolDistrictDialog, "exec", clerk)
    qtbot.mouseClick(page.enrol_district_button, Qt.MouseButton.LeftButton)
    [(passphrase, written)] = shown
    return passphrase, written


def test_a_city_and_a_district_exchange_through_their_sync_pages(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    city: Database,
    district: Database,
    drive: Path,
) -> None:
    # The city's page: no room or township choices, its own buttons, no full export.
    city_page = make_page(qtbot, city)
    assert "南通市政协" not in city_page.status_label.text()  # its own name is not a peer
    assert city_page.enrol_district_button.isVisible()
    assert not city_page.enrol_button.isVisible()
    assert not city_page.join_city_button.isVisible()
    for widget in (city_page.room_scope, city_page.township_scope, city_page.city_scope):
        assert not widget.isVisible()
    assert not city_page.full_export_button.isVisible()
    assert city_page.district_combo.isVisible()
    assert city_page.enrol_note.isHidden()

    passphrase, written = enrol_through_dialog(
        qtbot, monkeypatch, city_page, name="崇川区政协", stick=drive
    )
    enrolment_file = drive / "崇川区政协.enrol"
    assert enrolment_file.is_file()
    assert passphrase.count("-") == 5
    assert str(enrolment_file) in written
    # Listed, not yet answerable: its first bundle has not come.
    assert "崇川区政协" in city_page.districts_label.text()
    assert city_page.district_combo.currentData() == ""

    # The district joins with the file and the passphrase read out by phone.
    district_page = make_page(qtbot, district)
    assert district_page.join_city_button.isVisible()
    assert not district_page.city_scope.isVisible()
    told: list[JoinedCity] = []
    monkeypatch.setattr(JoinCityDialog, "choose_enrolment_file", lambda self: str(enrolment_file))
    monkeypatch.setattr(JoinCityDialog, "tell_joined", lambda self, joined: told.append(joined))

    def district_clerk(dialog: JoinCityDialog) -> int:
        dialog.show()
        assert not dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.choose_file_button, Qt.MouseButton.LeftButton)
        # A wrong passphrase is said in the dialog, which stays open.
        qtbot.keyClicks(dialog.passphrase, "0000-0000-0000-0000-0000-0000")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text() and dialog.joined is None
        dialog.passphrase.clear()
        qtbot.keyClicks(dialog.passphrase, passphrase)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(JoinCityDialog, "exec", district_clerk)
    qtbot.mouseClick(district_page.join_city_button, Qt.MouseButton.LeftButton)
    [joined] = told
    assert joined.name == "南通市政协"
    assert joined.fingerprint in written  # the one the city's dialog showed
    with district.session() as session:
        assert session.scalar(select(SyncPeer.name).where(SyncPeer.role == "city")) == "南通市政协"
    assert not district_page.join_city_button.isVisible()
    assert district_page.city_scope.isVisible()
    assert "南通市政协" in district_page.status_label.text()

    # The district forwards everything it holds to the city.
    qtbot.mouseClick(district_page.city_scope, Qt.MouseButton.LeftButton)
    assert not district_page.room_combo.isVisible()
    qtbot.mouseClick(district_page.export_button, Qt.MouseButton.LeftButton)
    assert district_page.export_message.isHidden(), district_page.export_message.text()
    [bundle] = [p for p in drive.glob("*.yishi")]
    assert bundle.name in district_page.export_result.text()

    # The city imports it through the page's import flow.
    refreshed(qtbot, city_page)
    rows = [city_page.files_model.file_at(r) for r in range(city_page.files_model.rowCount())]
    assert [row.path for row in rows] == [bundle]
    # Before its first bundle the city does not know the district's code, yet the bundle
    # addressed to the city is listed as for it: 导入 with nothing selected takes it.
    assert rows[0].for_us and rows[0].sender == "新登记的区政协"
    qtbot.mouseClick(city_page.import_button, Qt.MouseButton.LeftButton)
    assert city_page.import_message.isHidden(), city_page.import_message.text()
    with city.session() as session, district.session() as there:
        count = select(func.count()).select_from(Meeting)
        assert session.scalar(count) == there.scalar(count) > 0
    qtbot.waitUntil(lambda: not city_page.scanning)
    assert city_page.district_combo.currentText() == "崇川区政协"
    assert "崇川区政协" in city_page.districts_label.text()

    # The city answers with its acknowledgement; the district imports it.
    qtbot.mouseClick(city_page.export_button, Qt.MouseButton.LeftButton)
    assert city_page.export_message.isHidden(), city_page.export_message.text()
    with city.session() as session:
        out = session.scalars(select(SyncBundle).where(SyncBundle.direction == "out")).all()
    assert len(out) == 1
    refreshed(qtbot, district_page)
    answer = out[0].file_name
    rows = [
        district_page.files_model.file_at(r) for r in range(district_page.files_model.rowCount())
    ]
    assert [row.path.name for row in rows if row.for_us] == [answer]
    qtbot.mouseClick(district_page.import_button, Qt.MouseButton.LeftButton)
    assert district_page.import_message.isHidden(), district_page.import_message.text()
    with district.session() as session:
        city_peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "city")).one()
        assert city_peer.acked_sequence == 1

    # The city's statistics: the whole city, its townships and rooms, the district's figures.
    stats_page = StatsPage(city)
    qtbot.addWidget(stats_page)
    stats_page.resize(1366, 900)
    stats_page.show()
    stats_page.year_spin.setValue(YEAR)
    assert stats_page.scope_combo.isVisible()
    assert stats_page.scope_combo.itemData(0) == DISTRICT
    scopes = [stats_page.scope_combo.itemData(i) for i in range(stats_page.scope_combo.count())]
    assert any(isinstance(s, Scope) and s != DISTRICT for s in scopes)
    assert int(stats_page.cards["meetings"].value.text()) > 0
    rooms = stats_page.tables["rooms"].model()
    assert rooms.rowCount() >= 1
