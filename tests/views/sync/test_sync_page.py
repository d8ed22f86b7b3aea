"""The sync page: a room exports to a drive, the district imports it, refusals show why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import SyncBundle, Topic
from desktop.views.common.query_table_model import QueryTableModel
from desktop.views.dashboard.page import DashboardPage
from desktop.views.sync.page import Folder, SyncPage
from tests.sync_pair import TODAY, Pair, add_topic, backdate_exports


@pytest.fixture
def drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder stands in for the USB stick: the only drive the page lists."""
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", folder)])
    return folder


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


def cell(model: QueryTableModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


def files_cell(page: SyncPage, row: int, column: int) -> str:
    model = page.files_model
    return str(model.data(model.index(row, column)))


def test_room_exports_and_the_district_imports(qtbot: QtBot, pair: Pair, drive: Path) -> None:
    add_topic(pair.room, "修缮健身器材")
    room_page = make_page(qtbot, pair.room)
    assert room_page.current_folder() == drive
    assert "已登记到崇川区政协" in room_page.status_label.text()
    assert room_page.enrol_note.isHidden()

    qtbot.mouseClick(room_page.export_button, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, room_page)

    written = list(drive.glob("*.yishi"))
    assert len(written) == 1
    assert room_page.export_result.isVisible()
    assert written[0].name in room_page.export_result.text()
    # Words in the message, the whole path in its tooltip.
    assert str(drive) not in room_page.export_result.text()
    assert room_page.export_result.toolTip() == str(written[0])
    assert room_page.tabs.history_model.rowCount() == 1
    assert cell(room_page.tabs.history_model, 0, 1) == "导出"
    assert cell(room_page.tabs.history_model, 0, 2) == "崇川区政协"
    assert "条记录" in cell(room_page.tabs.history_model, 0, 5)
    # Its own bundle is not offered back to the room for import.
    assert room_page.files_model.rowCount() == 0

    district_page = make_page(qtbot, pair.district)
    assert district_page.files_model.rowCount() == 1
    assert files_cell(district_page, 0, 2) == "尚未导入"
    assert "和平桥社区协商议事室" in files_cell(district_page, 0, 1)

    qtbot.mouseClick(district_page.import_button, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, district_page)

    # The outcome stays beside the file when the list is read again after the import.
    assert files_cell(district_page, 0, 2).startswith("新增 ")
    assert district_page.import_message.isHidden()
    with pair.district.session() as session:
        titles = session.scalars(select(Topic.title)).all()
    assert "修缮健身器材" in titles
    # Newest first: the import, then the enrolment file the district wrote for the room.
    history = district_page.tabs.history_model
    assert [cell(history, row, 1) for row in range(history.rowCount())] == ["导入", "登记文件"]
    assert cell(history, 0, 5).startswith("新增 ")
    assert cell(history, 1, 3) == "–"
    assert cell(district_page.tabs.peers_model, 0, 0) == "和平桥社区协商议事室"
    assert cell(district_page.tabs.peers_model, 0, 3) != "尚未收到"

    # Importing the same file again changes nothing and says so.
    district_page.files_table.selectRow(0)
    qtbot.mouseClick(district_page.import_button, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, district_page)
    assert files_cell(district_page, 0, 2) == "已导入过，未作改动"
    with pair.district.session() as session:
        imported = select(func.count()).where(SyncBundle.direction == "in")
        assert session.scalar(imported) == 1

    # The district answers; the room imports it and sees what the district acknowledged.
    district_page.room_combo.setCurrentIndex(0)
    qtbot.mouseClick(district_page.export_button, Qt.MouseButton.LeftButton)
    assert district_page.export_message.isHidden(), district_page.export_message.text()
    room_page.refresh()
    wait_listed(qtbot, room_page)
    assert room_page.files_model.rowCount() == 1
    room_page.files_table.activated.emit(QModelIndex())  # Enter on the list imports
    assert files_cell(room_page, 0, 2).startswith("新增 ")
    assert cell(room_page.tabs.peers_model, 0, 4).startswith("第 1 号包")


def test_a_refused_file_shows_its_reason(qtbot: QtBot, pair: Pair, drive: Path) -> None:
    bogus = drive / "R0001_000001_0b0b0b0b-0000-4000-8000-000000000000.yishi"
    bogus.write_bytes(b"not an age file at all")
    page = make_page(qtbot, pair.district)
    assert page.files_model.rowCount() == 1

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait_listed(qtbot, page)

    result = files_cell(page, 0, 2)
    assert result.startswith("已拒绝：") and len(result) > len("已拒绝：")
    reason = result.removeprefix("已拒绝：")
    assert page.import_message.isVisible()
    assert page.import_message.text() == f"{bogus.name}：{reason}"
    history = page.tabs.history_model
    assert "导入" not in [cell(history, row, 1) for row in range(history.rowCount())]
    # The refusal is kept beside the database, and the history's third tab lists it.
    assert page.tabs.tabText(2) == "被拒绝的数据包（1）"
    refusals = page.tabs.refusals_model
    assert refusals.rowCount() == 1
    assert refusals.item(0, 1).text() == bogus.name and refusals.item(0, 2).text() == reason
    page.refresh()  # read again from the log, as after a restart
    assert page.tabs.refusals_model.rowCount() == 1


def test_an_unenrolled_room_is_told_to_enrol(qtbot: QtBot, room_db: Database, drive: Path) -> None:
    page = make_page(qtbot, room_db)
    assert page.enrol_note.isVisible() and "尚未登记" in page.enrol_note.text()

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)

    assert page.export_message.isVisible() and "登记" in page.export_message.text()
    assert list(drive.iterdir()) == []


def test_choose_folder_adds_it_and_lists_its_bundles(
    qtbot: QtBot, pair: Pair, drive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    page = make_page(qtbot, pair.room)
    monkeypatch.setattr(page, "choose_folder", lambda: other)
    qtbot.mouseClick(page.drive_picker.choose_button, Qt.MouseButton.LeftButton)
    assert page.current_folder() == other
    qtbot.mouseClick(page.full_export_button, Qt.MouseButton.LeftButton)
    assert len(list(other.glob("*.yishi"))) == 1
    assert "（完整）" in cell(page.tabs.history_model, 0, 5)

    # The next start offers the folder used last, and the folder dialog opens in it.
    again = make_page(qtbot, pair.room)
    assert again.current_folder() == other
    opened_in: list[str] = []

    def choose(_parent: object, _caption: str, start: str) -> str:
        opened_in.append(start)
        return ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    assert SyncPage.choose_folder(again) is None
    assert opened_in == [str(other)]


def test_dashboard_reminds_to_export_after_30_days(qtbot: QtBot, pair: Pair, drive: Path) -> None:
    page = make_page(qtbot, pair.room)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dashboard = DashboardPage(pair.room, today=lambda: TODAY)
    qtbot.addWidget(dashboard)

    backdate_exports(pair.room, 30)
    dashboard.refresh(pair.room.installation())
    texts = [
        str(dashboard.attention_model.data(dashboard.attention_model.index(row)))
        for row in range(dashboard.attention_model.rowCount())
    ]
    assert not [t for t in texts if "导出" in t]

    backdate_exports(pair.room, 31)
    dashboard.refresh(pair.room.installation())
    model = dashboard.attention_model
    rows = [row for row in range(model.rowCount()) if "导出" in str(model.data(model.index(row)))]
    assert len(rows) == 1
    day = date(2026, 10, 29)
    assert str(model.data(model.index(rows[0]))) == (
        f"距上次导出数据包（{day.year}年{day.month}月{day.day}日）已 31 天：请导出一个交区政协"
    )
    with qtbot.waitSignal(dashboard.record_requested) as signal:
        dashboard.attention_list.clicked.emit(model.index(rows[0]))
    assert signal.args == ["sync", ""]


def test_the_district_cannot_export_before_a_room_has_written(
    qtbot: QtBot, pair: Pair, drive: Path
) -> None:
    page = make_page(qtbot, pair.district)
    assert page.room_combo.currentText() == "还没有议事室发来第一个数据包"
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.export_message.text() == "还没有议事室发来第一个数据包"
    assert list(drive.iterdir()) == []
