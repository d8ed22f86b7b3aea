"""The GUI starts without the heavy libraries it needs only later: printing (reportlab, Word),
Excel, the sync crypto, charts, PDF preview and migrations load on first use, so start-up
stays short on an old office PC."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.db import Database

# Each is only needed behind a button or a page the user has not opened at start.
LOADED_ON_FIRST_USE = (
    "reportlab",
    "openpyxl",
    "docx",
    "cryptography",
    "pyrage",
    "alembic",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    # Search's pinyin tables (half a second), and qtawesome's dozen fonts (icons.py paints
    # the one it needs).
    "pypinyin",
    "qtawesome",
    # Behind Ctrl+F, and the table model of the list pages (with its SQL paging).
    "desktop.views.shell.search_dialog",
    "desktop.queries.search",
    "desktop.views.common.query_table_model",
)

# Builds the main window on a home in a fresh interpreter, as `yishi` would, shows it, lets
# the event loop go idle, then prints which of the watched modules got loaded.
_PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.app import load_translations
from desktop.db import open_database
from desktop.paths import Home
from desktop.views.shell.main_window import MainWindow

app = QApplication(sys.argv[:1])
load_translations(app)
db = open_database(Home(Path(sys.argv[1])), verify=True)
window = MainWindow(db)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
watched = sys.argv[2].split(",")
print("loaded:", ",".join(sorted(name for name in watched if name in sys.modules)))
print("pages built:", ",".join(window.built_page_keys()))
window.close()
db.close()
"""


def _start(db: Database) -> tuple[set[str], list[str]]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(db.home.root), ",".join(LOADED_ON_FIRST_USE)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    loaded, built = lines[-2], lines[-1]
    assert loaded.startswith("loaded:") and built.startswith("pages built:"), result.stdout
    modules = {name for name in loaded.removeprefix("loaded:").strip().split(",") if name}
    pages = [key for key in built.removeprefix("pages built:").strip().split(",") if key]
    return modules, pages


def test_a_room_starts_on_its_dashboard_without_the_heavy_libraries(room_db: Database) -> None:
    modules, pages = _start(room_db)
    assert modules == set()
    # Only the page shown is built; the others wait for their first visit.
    assert pages == ["dashboard"]


def test_a_district_starts_without_the_heavy_libraries(district_db: Database) -> None:
    modules, pages = _start(district_db)
    assert modules == set()
    assert pages == ["dashboard"]


def test_the_gui_imports_sqlalchemy_and_the_models_before_qt() -> None:
    # PySide6 reads the source of every module imported after it (its __feature__ hook):
    # SQLAlchemy and the models imported first cost the start 80 ms less.
    probe = "import sys, desktop.app; print(' '.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    order = result.stdout.split()
    assert order.index("sqlalchemy.orm") < order.index("PySide6")
    assert order.index("desktop.models") < order.index("PySide6")
