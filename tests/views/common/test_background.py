"""run_with_progress: the work's progress reaches the dialog; results and errors come back."""

from __future__ import annotations

import gc
import itertools
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from desktop.views.common.background import (
    CancelledQuestion,
    ProgressCallback,
    TaskState,
    pause_collection,
    resume_collection,
    run_with_progress,
)

# The slowed steps in these tests take SLOW_SECONDS each: run on the GUI thread, they would
# stop it for that long. Gaps are measured only while a slowed step waits on the worker: it
# then holds no GIL, so the GUI thread has nothing to wait for but itself. Outside them a
# busy machine (two test workers on two cores) and the worker's own Python stretch gaps past
# a second with no freeze at all.
SLOW_SECONDS = 2.0
FROZEN_SECONDS = SLOW_SECONDS / 2


class Heartbeat:
    """A timer on the GUI thread every 50 ms, and the slowed steps it must keep beating
    through (`slow_step`, called from the work in place of its slow part)."""

    def __init__(self) -> None:
        self.beats: list[float] = []
        self.steps: list[tuple[float, float, threading.Thread]] = []
        self._timer = QTimer()
        self._timer.setInterval(50)
        self._timer.timeout.connect(lambda: self.beats.append(time.monotonic()))

    def __enter__(self) -> Heartbeat:
        self.beats = []
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.stop()

    def slow_step(self) -> None:
        start = time.monotonic()
        threading.Event().wait(SLOW_SECONDS)
        self.steps.append((start, time.monotonic(), threading.current_thread()))

    def assert_kept_turning(self) -> None:
        assert self.steps, "no slowed step ran"
        for start, end, thread in self.steps:
            assert thread is not threading.main_thread(), "a slowed step ran on the GUI thread"
            inside = [start, *(b for b in self.beats if start < b < end), end]
            gap = max(b - a for a, b in itertools.pairwise(inside))
            assert gap < FROZEN_SECONDS, f"the GUI froze for {gap:.2f} s during a slowed step"


def test_progress_reaches_the_dialog_while_the_gui_stays_responsive() -> None:
    seen_by_gui = threading.Event()
    observed: list[tuple[int, int, str]] = []

    def watch() -> None:
        # Runs on the GUI thread while the work waits: the event loop is alive.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible() and widget.value() == 2:
                observed.append((widget.value(), widget.maximum(), widget.labelText()))
                seen_by_gui.set()
                return
        QTimer.singleShot(10, watch)

    def work(progress: ProgressCallback, cancelled: CancelledQuestion) -> int:
        progress(2, 4)
        assert seen_by_gui.wait(10), "the dialog never showed the progress"
        progress(4, 4)
        return 42

    QTimer.singleShot(0, watch)
    result = run_with_progress(work, parent=None, title="示例", label="正在处理")
    assert result.state is TaskState.DONE and result.value == 42 and result.error is None
    assert observed == [(2, 4, "正在处理")]


def test_an_error_in_the_work_comes_back_as_failed() -> None:
    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> None:
        raise ValueError("坏数据")

    result = run_with_progress(work, parent=None, title="示例", label="正在处理")
    assert result.state is TaskState.FAILED
    assert isinstance(result.error, ValueError) and str(result.error) == "坏数据"


def test_no_garbage_collection_starts_on_the_worker_thread() -> None:
    # A collection on the worker would free Qt objects off the GUI thread (a segfault once).
    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> bool:
        return gc.isenabled()

    assert gc.isenabled()
    result = run_with_progress(work, parent=None, title="示例", label="正在处理")
    assert result.state is TaskState.DONE and result.value is False
    assert gc.isenabled()


def test_collection_stays_paused_while_any_background_work_runs() -> None:
    # A modal task may start while the sync page's folder scan runs, and end before it: the
    # scan's worker must not find collection running again.
    assert gc.isenabled()
    pause_collection()  # as the scan does
    try:

        def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> bool:
            return gc.isenabled()

        result = run_with_progress(work, parent=None, title="示例", label="正在处理")
        assert result.value is False
        assert not gc.isenabled()  # the scan still runs
    finally:
        resume_collection()
    assert gc.isenabled()


def test_the_event_loop_keeps_turning_while_the_work_runs() -> None:
    heartbeat = Heartbeat()

    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> str:
        heartbeat.slow_step()  # on the worker: the GUI must not wait with it
        return threading.current_thread().name

    with heartbeat:
        result = run_with_progress(work, parent=None, title="示例", label="正在处理")
    assert result.state is TaskState.DONE
    assert result.value != threading.main_thread().name
    heartbeat.assert_kept_turning()
    assert len(heartbeat.beats) >= 5
