"""The sync page reads a folder off the GUI thread: a slow drive never freezes the window, and
an older scan's result never replaces a newer one."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from desktop import clock
from desktop.queries import Database
from desktop.sync.export import export_bundle
from desktop.sync.status import BundleFile
from desktop.views.sync import folder_scan
from desktop.views.sync.page import Folder, SyncPage
from tests.sync_pair import Pair, add_topic

OLD_NAME = "R0001_000009_0b0b0b0b-0000-4000-8000-000000000000.yishi"
# Long enough for any loaded machine; a scan on the GUI thread would freeze the page this long.
HELD = 20.0


def _page(qtbot: QtBot, db: Database) -> SyncPage:
    page = SyncPage(db)
    qtbot.addWidget(page)
    page.resize(1140, 700)
    page.show()
    return page


class SlowDrive:
    """Scans of `folder` wait until `release()` (a drive that takes its time); others do not."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = folder
        self.done: list[Path] = []
        self._gate = threading.Event()
        real = folder_scan.scan_folder

        def scan(db: Database, scanned: Path) -> list[BundleFile]:
            if scanned == folder:
                self._gate.wait(HELD)
            files = real(db, scanned)
            self.done.append(scanned)
            return files

        monkeypatch.setattr(folder_scan, "scan_folder", scan)

    def release(self) -> None:
        self._gate.set()

    @property
    def held(self) -> bool:
        return not self._gate.is_set()


def test_a_slow_scan_leaves_the_window_alive_and_fills_the_list(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    add_topic(pair.room, "修缮健身器材")
    new = export_bundle(pair.room, to_dir=usb).path  # named by room and day
    (usb / OLD_NAME).write_bytes(b"age")  # named the way earlier versions did
    (usb / "notes.txt").write_text("not a bundle")
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", usb)])
    drive = SlowDrive(monkeypatch, usb)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))

    page = _page(qtbot, pair.district)
    timer.start()

    # The page is up while the drive is still being read, and says so.
    assert drive.held and page.scanning and page.scan_bar.isVisible()
    assert page.files_note.text() == QCoreApplication.translate("SyncPage", "Reading the drive…")
    assert page.export_button.isEnabled() and page.import_button.isEnabled()
    # The event loop runs all along: the timer fires while the scan has not ended.
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=10_000)
    assert drive.held and page.scanning and usb not in drive.done
    with qtbot.waitSignal(page.files_listed, timeout=10_000):
        drive.release()
    timer.stop()

    assert not page.scanning and page.scan_bar.isHidden()
    names = {page.files_model.file_at(row).path.name for row in range(page.files_model.rowCount())}
    assert names == {new.name, OLD_NAME}
    assert "2" in page.files_note.text()


def test_an_older_scan_never_overwrites_a_newer_one(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow, fast = tmp_path / "slow", tmp_path / "fast"
    slow.mkdir()
    fast.mkdir()
    (slow / OLD_NAME).write_bytes(b"age")
    day = f"{clock.today():%Y-%m-%d}"
    dated = f"和平桥社区协商议事室_{day}_R0001_DABCD_000002.yishi"
    (fast / dated).write_bytes(b"age")
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", slow)])
    drive = SlowDrive(monkeypatch, slow)
    page = _page(qtbot, pair.district)
    assert page.scanning

    # Another folder chosen while the slow drive is still being read.
    page.use_folder(fast)
    qtbot.waitUntil(lambda: fast in drive.done and not page.scanning, timeout=10_000)
    assert drive.held
    assert [page.files_model.file_at(0).path] == [fast / dated]
    # The slow scan ends later and is dropped: the list still shows the folder chosen last.
    drive.release()
    qtbot.waitUntil(lambda: slow in drive.done and folder_scan.scans_running() == 0)
    assert page.files_model.rowCount() == 1
    assert page.files_model.file_at(0).path == fast / dated
    assert not page.scanning and page.scan_bar.isHidden()


def test_a_failed_scan_says_why_and_the_page_goes_on(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", usb)])
    failing = threading.Event()

    def scan(_db: Database, _folder: Path) -> list[BundleFile]:
        failing.set()
        raise OSError("设备未就绪")

    monkeypatch.setattr(folder_scan, "scan_folder", scan)
    page = _page(qtbot, pair.district)
    qtbot.waitUntil(lambda: failing.is_set() and not page.scanning, timeout=10_000)
    assert "设备未就绪" in page.files_note.text()
    assert page.files_model.rowCount() == 0 and page.scan_bar.isHidden()
