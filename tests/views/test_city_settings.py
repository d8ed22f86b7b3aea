"""设置 in a city office (市政协): its own installation card and keys, nothing of a room's."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import Room
from desktop.models.enums import NodeRole
from desktop.setup import setup_city
from desktop.sync.identity import DistrictKeys, init_district_keys
from desktop.views.settings.page import SettingsPage

# Set to a folder to keep a picture of the page for looking at (offscreen, no screen needed).
SHOT_FOLDER = os.environ.get("YISHI_SHOT_FOLDER", "")


def city_keys(db: Database, escrow: Path) -> DistrictKeys:
    setup_city(db, name="南通市政协")
    return init_district_keys(db, escrow_path=escrow)


def make_page(qtbot: QtBot, db: Database) -> SettingsPage:
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.resize(1100, 2000)
    page.show()
    qtbot.waitExposed(page)
    return page


def visible_texts(page: SettingsPage) -> list[str]:
    """What the page shows in words: labels, buttons and field contents."""
    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    texts += [w.text() for w in page.findChildren(QPushButton) if w.isVisibleTo(page)]
    texts += [w.text() for w in page.findChildren(QLineEdit) if w.isVisibleTo(page)]
    return texts


def test_a_city_sees_its_own_card_and_keys_and_no_room(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    keys = city_keys(db, tmp_path / "escrow.txt")
    page = make_page(qtbot, db)

    # The installation card: the city's name, read-only, and its role; no room's fields.
    assert page.room_name_edit.text() == "南通市政协"
    assert page.room_name_edit.isReadOnly()
    assert page.role_label.isVisibleTo(page)
    assert page.role_label.text() == NodeRole.CITY.label == "市政协"
    assert not page.village_edit.isVisibleTo(page)
    assert not page.township_edit.isVisibleTo(page)
    assert not page.save_room_button.isVisibleTo(page)
    assert page.room_reason.isVisibleTo(page) and page.room_reason.text()

    # Keys: its own fingerprint and its escrow key's, no district row and no enrolment.
    section = page.keys_section
    assert page.own_fingerprint_label.text() == keys.fingerprint
    assert section.escrow_fingerprint_label.isVisibleTo(page)
    assert section.escrow_fingerprint_label.text() == keys.escrow_fingerprint
    assert not section.district_fingerprint_label.isVisibleTo(page)
    assert not page.enrol_button.isVisibleTo(page)
    assert not page.keys_note.isVisibleTo(page)
    # The escrow key was written outside the data folder: nothing lies there to warn of.
    assert "escrow.txt" not in section.escrow_note.text()

    # No room wording anywhere, no district-only alerts, and the words the old branch showed
    # (尚未登记, 用区政协的登记文件登记…) are gone.
    shown = "\n".join(visible_texts(page))
    for word in ("议事室", "村（社区）", "镇（街道）", "尚未登记", "登记文件"):
        assert word not in shown, word
    assert not hasattr(page, "alert_spins")
    # Backups as for a district.
    assert page.backup_button.isVisibleTo(page)
    assert page.restore_button.isVisibleTo(page)

    # Ctrl+S saves nothing: the city has no details of its own to save.
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Room)) == 0
    assert not page.unsaved_input()

    if SHOT_FOLDER:
        page.grab().save(str(Path(SHOT_FOLDER) / "city_settings.png"))


def test_an_escrow_key_left_in_the_data_folder_is_named(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    # Where `yishi setup city` writes it unless told otherwise.
    left = db.home.root / "escrow-key-20260601.txt"
    city_keys(db, left)
    page = make_page(qtbot, db)
    note = page.keys_section.escrow_note
    assert note.isVisibleTo(page)
    assert left.name in note.text()


def test_a_city_without_keys_is_told_how_to_make_them(qtbot: QtBot, db: Database) -> None:
    setup_city(db, name="南通市政协")
    page = make_page(qtbot, db)
    section = page.keys_section
    assert page.own_fingerprint_label.text() == "尚未生成"
    assert section.escrow_fingerprint_label.text() == "尚未生成"
    assert not page.enrol_button.isVisibleTo(page)
    assert "yishi setup city" in page.keys_note.text()
