"""The import list's folder scan, off the GUI thread: a stick with many bundles and packs (each
pack's index is read) or a slow drive takes seconds, and the page stays usable meanwhile.

Unlike `run_with_progress` nothing is modal: the page shows a busy bar beside the list, and a
newer scan (another folder chosen, "Look again") makes the older one's result be dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressBar

from desktop.queries import Database
from desktop.sync.pack import folder_packs
from desktop.sync.status import BundleFile, folder_bundles
from desktop.views.common.background import pause_collection, resume_collection


def scan_folder(db: Database, folder: Path) -> list[BundleFile]:
    """The bundles and packs directly in `folder`: ours first, then by sender and number.

    Runs on a worker thread; the services it calls open their own sessions."""
    files = folder_bundles(db, folder) + folder_packs(db, folder)
    files.sort(key=lambda f: (not f.for_us, f.code, f.sequence))
    return files


class _ScanThread(QThread):
    """One scan; `ended` carries the thread itself to the GUI thread (a queued call)."""

    ended = Signal(object)

    def __init__(self, db: Database, folder: Path, generation: int) -> None:
        super().__init__()
        self._db = db
        self.folder = folder
        self.generation = generation
        self.files: list[BundleFile] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            # Looked up at each call, so a test can slow the scan down.
            self.files = scan_folder(self._db, self.folder)
        except Exception as exc:  # shown beside the list; the page goes on
            self.error = exc
        self.ended.emit(self)


class _Keeper(QObject):
    """Holds every running scan until it ends, whoever asked for it (a page may close first:
    a QThread deleted while it runs aborts the process)."""

    def __init__(self) -> None:
        super().__init__()
        self.running: set[_ScanThread] = set()

    def start(self, thread: _ScanThread) -> None:
        # As for run_with_progress: no cyclic collection may start on the worker.
        pause_collection()
        self.running.add(thread)
        thread.ended.connect(self._on_ended)
        thread.start()

    def _on_ended(self, thread: _ScanThread) -> None:
        thread.wait()
        self.running.discard(thread)
        resume_collection()


_keeper: _Keeper | None = None


def _the_keeper() -> _Keeper:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    return _keeper


def scans_running() -> int:
    """How many scans have not ended yet, whoever started them (a test waits for none)."""
    return 0 if _keeper is None else len(_keeper.running)


class FolderScanner(QObject):
    """Scans a folder on a worker thread; only the newest scan's result is reported."""

    scanned = Signal(object)  # list[BundleFile], the newest scan's
    failed = Signal(object)  # the exception the newest scan raised
    busy_changed = Signal(bool)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._generation = 0
        self._pending: int | None = None

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def scan(self, folder: Path) -> None:
        """Start scanning `folder`; whatever an older scan finds is dropped."""
        self._generation += 1
        thread = _ScanThread(self._db, folder, self._generation)
        # Connected before the thread starts, so even a scan that ends at once is heard.
        thread.ended.connect(self._on_ended)
        _the_keeper().start(thread)
        was_busy = self.busy
        self._pending = self._generation
        if not was_busy:
            self.busy_changed.emit(True)

    def forget(self) -> None:
        """No folder any more: a running scan's result is dropped and the page is not busy."""
        self._generation += 1
        if self.busy:
            self._pending = None
            self.busy_changed.emit(False)

    def _on_ended(self, thread: _ScanThread) -> None:
        if thread.generation != self._generation:
            return  # an older scan: a newer one is running, or the folder was forgotten
        self._pending = None
        self.busy_changed.emit(False)
        if thread.error is not None:
            self.failed.emit(thread.error)
        else:
            self.scanned.emit(thread.files)


def busy_bar() -> QProgressBar:
    """A small bar that moves without a figure, hidden until a scan runs."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumWidth(120)
    bar.hide()
    return bar
