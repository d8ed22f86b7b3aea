"""Peak memory of the GUI browsing the 10-year, 315-room district: the real main window
(Chinese translations loaded, as the app starts it) visits every page from the sidebar,
scrolls each list down a few batches, shows last year's statistics, opens a meeting's editor
and an outcome's detail. The floor is a bare PySide6 `QMainWindow` with a `QTableView` in the
same kind of process. Each runs in a process of its own, since peak RSS is per process and
the test process holds the district and pytest besides.

Run: `python -m pytest tests/bench/bench_memory.py -s -n0 -p no:cacheprovider` (not part of
the default run). Set YISHI_BENCH_DISTRICT to a ready-made district home (see conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, TypeVar

import pytest

ROOT = Path(__file__).resolve().parents[2]
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))

T = TypeVar("T")
GOAL_MB = 400
# Batches scrolled past the first on every list: enough to show what a long browse keeps.
SCROLL_BATCHES = 5


def _peak_mb() -> float:
    """This process's peak resident size. Not getrusage's ru_maxrss: Linux carries it over
    exec from the forking process, so a child of this big test process would report the
    parent's size (281 MB for the bare window, measured)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    raise AssertionError("no VmHWM in /proc/self/status (Linux only)")


def _rss_mb() -> float:
    """The current resident size (the peak alone hides which step grew)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


# The child processes ------------------------------------------------------------------------
def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def _scroll_lists(page: Any) -> int:
    """Every visible list on the page scrolled down SCROLL_BATCHES batches, as a user
    dragging the scroll bar would; the rows it then holds."""
    from PySide6.QtWidgets import QAbstractItemView

    rows = 0
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisible():
            continue
        for _ in range(SCROLL_BATCHES):
            view.scrollToBottom()
            _settle()
            if not model.canFetchMore(view.rootIndex()):
                break
            model.fetchMore(view.rootIndex())
        view.scrollToBottom()
        _settle()
        rows += model.rowCount()
    return rows


def _shown(window: Any, key: str, kind: type[T]) -> T:
    """The page of `key`, shown from the sidebar."""
    window.show_key(key)
    _settle()
    page = window.pages.currentWidget()
    assert isinstance(page, kind), (key, page)
    return page


def _browse(home: Path) -> dict[str, Any]:
    from PySide6.QtCore import QSettings, QSize

    from desktop import clock
    from desktop.app import _application, load_translations
    from desktop.db import open_database
    from desktop.paths import Home
    from desktop.views.shell.main_window import MainWindow

    # Never the user's remembered places: a window size or sort left there changes the run.
    QSettings.setPath(
        QSettings.Format.NativeFormat,
        QSettings.Scope.UserScope,
        tempfile.mkdtemp(prefix="yishi-bench-memory-"),
    )
    app = _application(smoke=False)
    load_translations(app)
    db = open_database(Home(home), verify=True)
    window = MainWindow(db)
    window.resize(QSize(1366, 768))
    window.show()
    _settle()
    steps: list[dict[str, Any]] = [{"step": "start", "rss_mb": _rss_mb(), "peak_mb": _peak_mb()}]
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        _settle()
        rows = _scroll_lists(window.pages.currentWidget())
        key = window.current_page_key()
        steps.append({"step": key, "rows": rows, "rss_mb": _rss_mb(), "peak_mb": _peak_mb()})

    # Visited above: importing them now costs nothing more.
    from desktop.views.meetings.page import MeetingsPage
    from desktop.views.outcomes.page import OutcomesPage
    from desktop.views.stats.page import StatsPage

    stats_page = _shown(window, "statistics", StatsPage)
    stats_page.choose_year(clock.today().year - 1)
    _settle()
    steps.append({"step": "statistics, last year", "rss_mb": _rss_mb(), "peak_mb": _peak_mb()})

    meetings = _shown(window, "meetings", MeetingsPage)
    editor = meetings.open_meeting(str(meetings.model.row_at(0).id))
    _settle()
    steps.append({"step": "meeting editor", "rss_mb": _rss_mb(), "peak_mb": _peak_mb()})
    editor.close()

    outcomes = _shown(window, "outcomes", OutcomesPage)
    outcomes.table.selectRow(0)
    _settle()
    shown = outcomes.selected_outcome_id()
    steps.append({"step": "outcome detail", "rss_mb": _rss_mb(), "peak_mb": _peak_mb()})
    window.close()
    db.close()
    return {"peak_mb": _peak_mb(), "steps": steps, "outcome_shown": shown is not None}


def _bare() -> dict[str, Any]:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([])
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(200, 6))
    window.setCentralWidget(table)
    window.resize(1366, 768)
    window.show()
    for _ in range(3):
        app.processEvents()
    window.close()
    return {"peak_mb": _peak_mb()}


# The test -------------------------------------------------------------------------------
def _measure(*argv: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *argv],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# Two child processes, one reading a cold 1 GB database page after page: past the default 300 s.
@pytest.mark.timeout(900)
def test_peak_memory_browsing_the_district(big_district: Any, tmp_path: Path) -> None:
    from tests.bench.report import Figure, record

    # The child's window writes to its home (drafts, settings in the database): a copy.
    home = tmp_path / "home"
    shutil.copytree(big_district.home.root, home, ignore=shutil.ignore_patterns("yishi.lock"))
    bare = _measure("--bare")["peak_mb"]
    browsed = _measure("--browse", str(home))
    for step in browsed["steps"]:
        print(
            f"\n{step['step']}: {step['rss_mb']:.0f} MB now, {step['peak_mb']:.0f} MB peak"
            + (f", {step['rows']} rows loaded" if "rows" in step else "")
        )
    peak = browsed["peak_mb"]
    record(
        Figure(
            what="Peak memory of the GUI browsing the 10-year, 315-room district: every page, "
            f"lists scrolled {SCROLL_BATCHES} batches, last year's statistics, a meeting's "
            "editor, an outcome's detail",
            value=peak,
            unit="MB",
            goal=f"≤ {GOAL_MB} MB",
            met=peak <= GOAL_MB,
            floor="bare PySide6 QMainWindow with a QTableView",
            floor_value=bare,
        ),
        not_on_server="the GUI's own memory, the same code on either engine",
    )
    assert browsed["outcome_shown"]
    assert len(browsed["steps"]) > 12  # every page of a district and the three opened
    assert peak <= GOAL_MB


if __name__ == "__main__":
    if sys.argv[1:2] == ["--bare"]:
        print(json.dumps(_bare()))
    else:
        print(json.dumps(_browse(Path(sys.argv[2]))))
