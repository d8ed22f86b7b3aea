"""The settings page: room details, printer and fonts saved to the database, backups, refusals."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import settings
from desktop.db import Database
from desktop.models import Room, Setting
from desktop.views.settings import printer_section
from desktop.views.settings.page import SettingsPage
from tests.builders import tamper
from tests.views.gui_helpers import type_text

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _page(qtbot: QtBot, db: Database) -> SettingsPage:
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _stored(db: Database, key: str) -> str | None:
    with db.session() as s:
        row = s.get(Setting, key)
        return None if row is None else row.value


def test_room_details_are_saved_from_the_form(qtbot: QtBot, room_db: Database) -> None:
    page = _page(qtbot, room_db)
    assert page.room_name_edit.text() == "和平桥社区协商议事室"
    assert page.save_room_button.isVisible()
    page.village_edit.clear()
    qtbot.mouseClick(page.save_room_button, Qt.MouseButton.LeftButton)
    assert page.room_message.text() == "村（社区）名称不能为空"
    type_text(page.village_edit, "和平村")
    page.room_name_edit.clear()
    type_text(page.room_name_edit, "和平村协商议事室")
    qtbot.keyClick(page.room_name_edit, Qt.Key.Key_Return)  # Enter saves
    with room_db.session() as s:
        room = s.scalars(select(Room)).one()
        assert (room.name, room.village) == ("和平村协商议事室", "和平村")
    assert not page.room_message.isVisible()


def test_room_owned_by_the_district_is_read_only_with_the_reason(
    qtbot: QtBot, room_db: Database
) -> None:
    tamper(room_db, "UPDATE room SET owner_node = 'district-node'")
    page = _page(qtbot, room_db)
    assert page.room_name_edit.isReadOnly()
    assert not page.save_room_button.isVisible()
    assert page.room_reason.text() == "议事室信息由区政协统一维护，如需修改请联系区政协"


def test_printer_choice_is_stored(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        printer_section.QPrinterInfo,
        "availablePrinterNames",
        staticmethod(lambda: ["办公室激光打印机", "HP LaserJet"]),
    )
    page = _page(qtbot, room_db)
    assert page.printer_combo.count() == 3
    page.printer_combo.setCurrentIndex(page.printer_combo.findData("办公室激光打印机"))
    assert _stored(room_db, "printer.default") == '"办公室激光打印机"'
    with room_db.session() as s:
        assert settings.get(s, settings.PRINTER) == "办公室激光打印机"
    # Read back by a new page, as after a restart.
    again = _page(qtbot, room_db)
    assert again.printer_combo.currentData() == "办公室激光打印机"


def test_cff_font_is_refused_with_the_message(
    qtbot: QtBot, room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cff = tmp_path / "NotoSansCJK-Regular.otf"
    cff.write_bytes(b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0) + b"CFF " + bytes(76))
    page = _page(qtbot, room_db)
    monkeypatch.setattr(page.body_font, "choose_file", lambda: cff)
    qtbot.mouseClick(page.body_font.choose_button, Qt.MouseButton.LeftButton)
    assert page.body_font.message.isVisible()
    assert page.body_font.message.text() == (
        "该字体为 PostScript (CFF) 轮廓，无法嵌入 PDF，请选择 TrueType 字体"
    )
    assert _stored(room_db, "fonts.body") is None


@pytest.mark.skipif(not WQY.exists(), reason="needs fonts-wqy-microhei")
def test_truetype_font_is_stored_and_can_be_reset(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, room_db)
    monkeypatch.setattr(page.title_font, "choose_file", lambda: WQY)
    qtbot.mouseClick(page.title_font.choose_button, Qt.MouseButton.LeftButton)
    assert not page.title_font.message.isVisible()
    assert "WenQuanYi" in page.title_font.path_label.text()
    with room_db.session() as s:
        assert settings.get(s, settings.TITLE_FONT) == str(WQY)
    qtbot.mouseClick(page.title_font.reset_button, Qt.MouseButton.LeftButton)
    assert _stored(room_db, "fonts.title") is None


def test_back_up_now_creates_a_file_and_lists_it(qtbot: QtBot, room_db: Database) -> None:
    page = _page(qtbot, room_db)
    before = page.backup_model.rowCount()
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backup_model.rowCount() == before + 1)
    files = list(room_db.home.backups.glob("yishi-*.sqlite"))
    assert len(files) == before + 1
    newest = page.backup_model.file_at(0)
    assert newest.path in files and newest.size > 0
    assert str(newest.path) in page.backup_status.text()


def test_district_shows_no_room_to_edit(qtbot: QtBot, district_db: Database) -> None:
    page = _page(qtbot, district_db)
    assert page.room_name_edit.isReadOnly()
    assert page.room_name_edit.text() == "崇川区政协"
    assert not page.save_room_button.isVisible()
    assert page.room_reason.isVisible()
    # No village or township rows for the district itself.
    assert not page.village_edit.isVisible() and not page.township_edit.isVisible()
    labels = {label.text() for label in page.findChildren(QLabel) if label.isVisible()}
    assert "区政协信息" in labels and "名称" in labels and "议事室名称" not in labels
