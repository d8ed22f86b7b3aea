"""The district's rooms page: enrol a room and read the passphrase, retire, silent rows."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.models import Room, SyncPeer
from desktop.sync.enrolment import read_enrolment
from desktop.views.common.document_preview import DocumentPreviewDialog
from desktop.views.rooms import enrol_dialog
from desktop.views.rooms.enrol_dialog import EnrolRoomDialog
from desktop.views.rooms.page import SILENT_BACKGROUND, RoomsPage
from tests.documents import pdf_probe as probe
from tests.sync_pair import Pair
from tests.views.common.test_background import Heartbeat


def test_enrol_a_room_and_read_the_passphrase(
    pair: Pair, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = RoomsPage(pair.district)
    qtbot.addWidget(page)
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(EnrolRoomDialog, "choose_folder", classmethod(lambda cls, p: str(stick)))
    dialog = page.make_enrol_dialog(None)
    qtbot.addWidget(dialog)
    dialog.room_name.setText("城东社区协商议事室")
    dialog.village.setText("城东社区")
    dialog.township.setText("城东街道")
    dialog._on_choose_clicked()
    with qtbot.waitSignal(dialog.enrolled, timeout=20000):
        dialog.enrol_button.click()
    passphrase = dialog.passphrase_label.text()
    assert passphrase.count("-") == 5
    [written] = stick.iterdir()
    payload = read_enrolment(written, passphrase)
    assert payload["room"]["name"] == "城东社区协商议事室"
    assert "城东社区协商议事室" in [r.name for r in page.overview.rooms]
    pdf = dialog.write_sheet(tmp_path / "sheet.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")

    # The print button makes the sheet off the GUI thread, then previews it; the temporary
    # copy (it bears the passphrase) goes with the preview.
    heartbeat = Heartbeat()
    render = enrol_dialog.render_enrolment_sheet

    def slow_render(**kwargs: Any) -> Path:
        heartbeat.slow_step()
        return render(**kwargs)

    previewed: list[tuple[str, Path]] = []
    monkeypatch.setattr(enrol_dialog, "render_enrolment_sheet", slow_render)
    monkeypatch.setattr(
        DocumentPreviewDialog,
        "ask",
        lambda _parent, **k: previewed.append((probe.full_text(k["pdf"]), k["pdf"])),
    )
    with heartbeat:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    heartbeat.assert_kept_turning()
    [(text, sheet)] = previewed
    assert passphrase.replace("-", "") in probe.squeeze(text).replace("-", "")
    assert not sheet.exists()


def test_retire_a_room(pair: Pair, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    page = RoomsPage(pair.district)
    qtbot.addWidget(page)
    monkeypatch.setattr(RoomsPage, "confirm", classmethod(lambda cls, *a: True))
    room = page.overview.rooms[0]
    page.select_room(room.room_id)
    assert page.retire_button.isEnabled()
    page.retire_button.click()
    with pair.district.session() as session:
        record = session.get(Room, room.room_id)
        assert record is not None and record.retired_on == clock.today()
    assert page.overview.rooms[0].retired and page.retire_button.text() != "Retire"


def test_silent_rooms_are_highlighted_and_searched(pair: Pair, qtbot: QtBot) -> None:
    with pair.district.session() as session:
        for peer in session.scalars(select(SyncPeer).where(SyncPeer.role == "room")):
            peer.enrolled_at = datetime.combine(clock.today() - timedelta(days=50), time(12), UTC)
    page = RoomsPage(pair.district)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 1
    item = page.table.item(0, 6)
    assert item is not None and item.background().color() == SILENT_BACKGROUND
    page.search.setText("城东")
    assert page.table.rowCount() == 0
    page.search.setText("和平桥")
    assert page.table.rowCount() == 1


def test_record_counts_follow_the_rooms(pair: Pair, qtbot: QtBot, tmp_path: Path) -> None:
    """The rooms show at once; each room's records are counted off the GUI thread."""
    from desktop.queries.rooms import read_rooms_overview
    from desktop.views.rooms.page import RECORDS_COLUMN
    from desktop.views.rooms.records_count import counts_running
    from tests.sync.helpers import send
    from tests.sync_pair import add_topic

    add_topic(pair.room, "老旧小区加装电梯")
    send(pair.room, pair.district, tmp_path / "usb")
    page = RoomsPage(pair.district)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: counts_running() == 0 and page._records is not None, timeout=10000)
    counted = read_rooms_overview(pair.district, today=clock.today())
    assert page.table.rowCount() == len(counted.rooms) > 0
    for row, room in enumerate(counted.rooms):
        item = page.table.item(row, RECORDS_COLUMN)
        assert item is not None and item.text() == str(room.records)
    assert any(room.records for room in counted.rooms)


def test_refreshes_in_a_row_count_one_at_a_time(pair: Pair, qtbot: QtBot, tmp_path: Path) -> None:
    """Pressing 刷新 again and again runs one count at a time and ends with the newest."""
    from desktop.queries.rooms import read_rooms_overview
    from desktop.views.rooms.page import RECORDS_COLUMN
    from desktop.views.rooms.records_count import counts_running
    from tests.sync.helpers import send
    from tests.sync_pair import add_topic

    page = RoomsPage(pair.district)
    qtbot.addWidget(page)
    add_topic(pair.room, "楼道堆物清理")
    send(pair.room, pair.district, tmp_path / "usb")  # after the first count began
    for _ in range(5):
        page.refresh()
        assert counts_running() <= 1
    qtbot.waitUntil(lambda: counts_running() == 0 and page._records is not None, timeout=10000)
    counted = read_rooms_overview(pair.district, today=clock.today())
    shown = [page.table.item(row, RECORDS_COLUMN) for row in range(page.table.rowCount())]
    assert [item.text() for item in shown if item] == [str(r.records) for r in counted.rooms]
    assert any(room.records for room in counted.rooms)
