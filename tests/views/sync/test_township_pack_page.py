"""The sync page and township packs: the district writes one for a township's rooms; a room
lists it beside its bundles and imports its own bundle from it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database, open_database
from desktop.models import Member
from desktop.models.enums import Gender, MemberLevel
from desktop.paths import Home
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.views.sync.page import Folder, SyncPage
from tests.sync_pair import Pair

TOWN = "和平桥街道"


@pytest.fixture
def drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder stands in for the USB stick: the only drive the page lists."""
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", folder)])
    return folder


@pytest.fixture
def other_room(pair: Pair, template_database: Path, tmp_path: Path) -> Iterator[Database]:
    """A room of 城东街道, heard from by the district; the pair's room has been heard from too."""
    enrolment = tmp_path / "other.enrol"
    written = enroll_room(
        pair.district,
        room_name="城东社区协商议事室",
        village="城东社区",
        township="城东街道",
        output=enrolment,
    )
    home = Home(tmp_path / "other")
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    room = open_database(home)
    setup_room_from_enrolment(room, enrolment, written.passphrase)
    for sender in (pair.room, room):
        import_bundle(pair.district, export_bundle(sender, to_dir=tmp_path).path)
    # A room of the township enrolled but never heard from: left out, and named.
    enroll_room(
        pair.district,
        room_name="桥北社区协商议事室",
        village="桥北社区",
        township=TOWN,
        output=tmp_path / "silent.enrol",
    )
    with pair.district.session() as session:
        session.add(
            Member(
                name="李秀英",
                gender=Gender.FEMALE,
                sector="社会福利和社会保障界",
                level=MemberLevel.DISTRICT,
                phone="13800000002",
            )
        )
    yield room
    room.close()


def make_page(qtbot: QtBot, db: Database) -> SyncPage:
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(1140, 700)
    page.show()
    wait_listed(qtbot, page)
    return page


def wait_listed(qtbot: QtBot, page: SyncPage) -> None:
    """Wait for the folder scan (off the GUI thread) to fill the import list."""
    qtbot.waitUntil(lambda: not page.scanning)


def files_cell(page: SyncPage, row: int, column: int) -> str:
    model = page.files_model
    return str(model.data(model.index(row, column)))


def _members(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(session.scalars(select(Member.name)))


def test_the_district_writes_a_township_pack_and_each_room_takes_its_own(
    qtbot: QtBot, pair: Pair, other_room: Database, drive: Path
) -> None:
    district_page = make_page(qtbot, pair.district)
    assert district_page.room_combo.isVisible() and not district_page.township_combo.isVisible()
    qtbot.mouseClick(district_page.township_scope, Qt.MouseButton.LeftButton)
    assert district_page.township_combo.isVisible() and not district_page.room_combo.isVisible()
    combo = district_page.township_combo
    towns = [combo.itemText(i) for i in range(combo.count())]
    assert len(towns) == 2 and any(TOWN in t for t in towns)
    combo.setCurrentIndex(next(i for i, t in enumerate(towns) if TOWN in t))

    qtbot.mouseClick(district_page.export_button, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, district_page)

    assert district_page.export_message.isHidden(), district_page.export_message.text()
    packs = list(drive.glob("*.yishipack"))
    assert len(packs) == 1 and packs[0].name.startswith(f"{TOWN}_下发_")
    shown = district_page.export_result.text()
    assert district_page.export_result.isVisible() and packs[0].name in shown
    assert "R0003 桥北社区协商议事室：还没有发来第一个数据包" in shown
    # The district does not offer its own pack back for import.
    assert district_page.files_model.rowCount() == 0

    # The room of the township lists the pack as for it, and imports its bundle from it.
    room_page = make_page(qtbot, pair.room)
    assert room_page.files_model.rowCount() == 1
    listed = room_page.files_model.file_at(0)
    assert listed.path == packs[0] and listed.for_us and not listed.imported
    assert "崇川区政协" in files_cell(room_page, 0, 1) and TOWN in files_cell(room_page, 0, 1)
    assert "李秀英" not in _members(pair.room)

    qtbot.mouseClick(room_page.import_button, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, room_page)

    assert files_cell(room_page, 0, 2).startswith("新增 "), files_cell(room_page, 0, 2)
    assert room_page.import_message.isHidden()
    assert "李秀英" in _members(pair.room)
    assert room_page.files_model.file_at(0).imported

    # A room of another township: listed as not for it; chosen anyway, it is told plainly.
    other_page = make_page(qtbot, other_room)
    assert other_page.files_model.rowCount() == 1
    assert not other_page.files_model.file_at(0).for_us
    assert TOWN in files_cell(other_page, 0, 1)
    other_page.files_table.selectRow(0)
    qtbot.mouseClick(other_page.import_button, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, other_page)
    assert files_cell(other_page, 0, 2).startswith("此文件中没有发给本议事室的数据包")
    assert other_page.import_message.isHidden()
    assert other_page.tabs.refusals_model.rowCount() == 0
    assert "李秀英" not in _members(other_room)


def test_a_township_without_rooms_to_reach_says_why(qtbot: QtBot, pair: Pair, drive: Path) -> None:
    """The pair's room never sent its first bundle: the pack has nobody to carry to."""
    page = make_page(qtbot, pair.district)
    qtbot.mouseClick(page.township_scope, Qt.MouseButton.LeftButton)
    assert TOWN in page.township_combo.currentText()
    qtbot.mouseClick(page.full_export_button, Qt.MouseButton.LeftButton)
    assert page.export_message.isVisible()
    assert "没有可以下发的议事室" in page.export_message.text()
    assert list(drive.iterdir()) == []
