"""Long work off the GUI thread, behind a progress dialog the user can cancel."""

from __future__ import annotations

import enum
import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

# The work receives a progress(done, total) callback and a cancelled() -> bool question; it
# stops by raising (any exception) once cancelled() turns true.
ProgressCallback = Callable[[int, int], None]
CancelledQuestion = Callable[[], bool]
Work = Callable[[ProgressCallback, CancelledQuestion], Any]


# Qt objects must be freed on the GUI thread. A cyclic collection that Python happens to
# start on a worker frees every unreachable Qt object there too, and crashed the test run
# (test_document_preview). So the GUI thread collects before work starts and automatic
# collection pauses while any work runs (a modal task, the sync page's folder scan, or both).
_pauses = 0
_collecting = False


def pause_collection() -> None:
    """Collect now and pause automatic collection until every pause is resumed (GUI thread)."""
    global _pauses, _collecting
    if _pauses == 0:
        gc.collect()
        _collecting = gc.isenabled()
        gc.disable()
    _pauses += 1


def resume_collection() -> None:
    """End one pause; the last one lets collection run again, on this thread."""
    global _pauses
    _pauses -= 1
    if _pauses == 0 and _collecting:
        gc.enable()


class TaskState(enum.Enum):
    """How a background task ended."""

    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


@dataclass(frozen=True)
class TaskResult:
    """The end of a background task: its state, the work's return value or the error."""

    state: TaskState
    value: Any = None
    error: BaseException | None = None


class _WorkerThread(QThread):
    """Runs the work; its signals reach the GUI thread as queued calls."""

    progressed = Signal(int, int)

    def __init__(self, work: Work, cancel_event: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancel_event = cancel_event
        self.result = TaskResult(TaskState.FAILED)

    def run(self) -> None:
        try:
            value = self._work(self.progressed.emit, self._cancel_event.is_set)
        except BaseException as exc:
            # Whatever the work raised to stop after a cancel request is a cancellation.
            state = TaskState.CANCELLED if self._cancel_event.is_set() else TaskState.FAILED
            self.result = TaskResult(state, error=exc)
        else:
            self.result = TaskResult(TaskState.DONE, value=value)


def run_with_progress(work: Work, *, parent: QWidget | None, title: str, label: str) -> TaskResult:
    """Run `work` on a worker thread while a modal progress dialog keeps the GUI alive.

    Returns when the work has ended, whether done, cancelled or failed. The work must open
    its own database sessions: SQLAlchemy sessions never cross threads.
    """
    cancel_event = threading.Event()
    # The default cancel button is labelled by Qt's own translation (qtbase), like other dialogs.
    dialog = QProgressDialog(parent)
    dialog.setLabelText(label)
    dialog.setRange(0, 0)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumWidth(360)

    thread = _WorkerThread(work, cancel_event)
    loop = QEventLoop()

    def on_progress(done: int, total: int) -> None:
        if cancel_event.is_set():
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)

    def on_cancel() -> None:
        cancel_event.set()
        # The dialog hides itself on cancel; show the wait until the work notices.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    thread.progressed.connect(on_progress)
    thread.finished.connect(loop.quit)
    dialog.canceled.connect(on_cancel)
    dialog.show()
    pause_collection()
    try:
        thread.start()
        loop.exec()
        thread.wait()
    finally:
        resume_collection()
    if cancel_event.is_set():
        QGuiApplication.restoreOverrideCursor()
    dialog.canceled.disconnect(on_cancel)
    dialog.close()
    dialog.deleteLater()
    return thread.result
