"""The settings page's database card: where an office's records are, and the move from its
SQLite file onto a PostgreSQL server through the dialog (`yishi migrate-db` in the window)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from desktop.db import Database, open_database, remember_database_url
from desktop.demo import generate
from desktop.models.base import Base
from desktop.paths import Home
from desktop.setup import setup_city, setup_district
from desktop.views.settings.database_card import MoveToServerDialog
from desktop.views.settings.page import SettingsPage
from tests.views.gui_helpers import type_text


@pytest.fixture
def district(db: Database) -> Database:
    """A district on its SQLite file, with a room's worth of demo records."""
    setup_district(db, name="崇川区政协")
    generate(db, seed=5, rooms=1, years=1)
    return db


def _page(qtbot: QtBot, db: Database) -> SettingsPage:
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _dialog(qtbot: QtBot, page: SettingsPage) -> MoveToServerDialog:
    qtbot.mouseClick(page.database_section.move_button, Qt.MouseButton.LeftButton)
    dialog = page.database_section.move_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _move(qtbot: QtBot, dialog: MoveToServerDialog, address: str) -> None:
    type_text(dialog.address_edit, address)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)


def _records(engine: Engine) -> int:
    with engine.connect() as connection:
        return sum(
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        )


def test_a_district_on_its_file_is_told_the_file_and_may_move(
    qtbot: QtBot, district: Database
) -> None:
    page = _page(qtbot, district)
    section = page.database_section
    assert section.isVisible()
    assert str(district.home.database) in section.location_label.text()
    assert section.move_button.isVisible()


def test_a_room_has_no_database_card(qtbot: QtBot, room_db: Database) -> None:
    page = _page(qtbot, room_db)
    assert not hasattr(page, "database_section")


def test_a_city_has_the_card_too(qtbot: QtBot, db: Database) -> None:
    setup_city(db, name="南通市政协")
    page = _page(qtbot, db)
    assert page.database_section.move_button.isVisible()


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("mysql://clerk:secret-pw@db.example/yishi", "不是 PostgreSQL 的"),
        ("postgresql+psycopg://clerk:secret-pw@db.example", "没有写数据库名"),
        ("not an address at all", "格式不对"),
    ],
)
def test_a_malformed_address_is_refused_in_the_dialog_and_nothing_is_written(
    qtbot: QtBot, district: Database, address: str, words: str
) -> None:
    page = _page(qtbot, district)
    dialog = _dialog(qtbot, page)
    assert dialog.address_edit.placeholderText().startswith("postgresql+psycopg://")
    _move(qtbot, dialog, address)
    assert words in dialog.address_message.text()
    assert "secret-pw" not in dialog.address_message.text()
    assert dialog.isVisible() and not dialog.result_label.isVisible()
    assert not district.home.database_url_file.exists()
    # Typing again takes the refusal away: it spoke of the address that is gone.
    type_text(dialog.address_edit, "x")
    assert not dialog.address_message.isVisible()


def test_an_unreachable_server_is_said_in_chinese_and_the_district_stays_on_its_file(
    qtbot: QtBot, district: Database
) -> None:
    page = _page(qtbot, district)
    dialog = _dialog(qtbot, page)
    _move(qtbot, dialog, "postgresql+psycopg://clerk:secret-pw@127.0.0.1:1/yishi")
    message = dialog.address_message.text()
    assert "无法连接数据库服务器" in message and "secret-pw" not in message
    assert not district.home.database_url_file.exists()
    assert page.database_section.move_button.isVisible()


@pytest.fixture
def reopened() -> Iterator[list[Database]]:
    """Databases a test opened itself, closed after it."""
    opened: list[Database] = []
    yield opened
    for database in opened:
        database.close()


def test_the_move_through_the_dialog_puts_the_records_on_the_server(
    qtbot: QtBot, district: Database, postgres_url: str, reopened: list[Database]
) -> None:
    records = _records(district.engine)
    page = _page(qtbot, district)
    dialog = _dialog(qtbot, page)
    _move(qtbot, dialog, postgres_url)

    server = make_url(postgres_url)
    result = dialog.result_label.text()
    assert dialog.result_label.isVisible(), dialog.address_message.text()
    assert f"{server.host}:{server.port}/{server.database}" in result
    assert str(records) in result and str(district.home.database) in result
    # The test server's password is a word of its database names too: the URL's form is checked.
    assert f":{server.password}@" not in result
    assert dialog.close_button.isVisible() and not dialog.move_button.isVisible()
    # The window still has the file open: the card says to restart, and offers no second move.
    section = page.database_section
    assert not section.move_button.isVisible()
    assert section.state_label.isVisible() and server.database in section.state_label.text()
    assert str(district.home.database) in section.location_label.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    assert district.home.database_url_file.exists()
    on_server = open_database(Home(district.home.root))
    reopened.append(on_server)
    assert on_server.engine.dialect.name == "postgresql"
    assert _records(on_server.engine) == records
    # A page built on the server names it, never its password, and offers no move.
    page = _page(qtbot, on_server)
    label = page.database_section.location_label.text()
    assert server.database in label and f":{server.password}@" not in label
    assert not page.database_section.move_button.isVisible()


def test_a_district_already_on_a_server_names_it(
    qtbot: QtBot, tmp_path: Path, postgres_copy: str, reopened: list[Database]
) -> None:
    home = Home(tmp_path / "on-server")
    remember_database_url(home, postgres_copy)
    database = open_database(home)
    reopened.append(database)
    setup_district(database, name="崇川区政协")
    page = _page(qtbot, database)
    url = make_url(postgres_copy)
    assert f"{url.host}:{url.port}/{url.database}" in page.database_section.location_label.text()
    assert not page.database_section.move_button.isVisible()


def test_a_city_moves_to_a_server_too(
    qtbot: QtBot, db: Database, postgres_url: str, reopened: list[Database]
) -> None:
    setup_city(db, name="南通市政协")
    page = _page(qtbot, db)
    dialog = _dialog(qtbot, page)
    _move(qtbot, dialog, postgres_url)
    assert dialog.result_label.isVisible(), dialog.address_message.text()
    on_server = open_database(Home(db.home.root))
    reopened.append(on_server)
    installation = on_server.installation()
    assert installation is not None and installation.name == "南通市政协"
