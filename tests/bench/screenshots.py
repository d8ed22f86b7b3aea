"""Screenshots of the main window for resources/screenshots (not a test; run by hand).

    .venv/bin/python -m desktop --home /tmp/demo setup room --name 和平桥社区协商议事室 \
        --village 和平桥社区 --township 和平桥街道
    .venv/bin/python -m desktop --home /tmp/demo demo
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python tests/bench/screenshots.py \
        /tmp/demo resources/screenshots/main_window.png
    QT_SCALE_FACTOR=1.5 xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python \
        tests/bench/screenshots.py /tmp/demo resources/screenshots/main_window_150.png

`--text large` takes it at the text size 大; `--page KEY` shows another page than 工作台;
`--search TEXT` opens 搜索 (Ctrl+F) with TEXT typed and takes the whole screen.
The window is 1366×768 logical pixels, or what fits the screen (1280×720 at 150 %).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.app import _application, load_translations  # noqa: E402
from desktop.db import open_database  # noqa: E402
from desktop.paths import Home  # noqa: E402
from desktop.views.common import text_size  # noqa: E402
from desktop.views.common.text_size import TextSize  # noqa: E402
from desktop.views.shell.main_window import MainWindow  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("home", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--text", choices=[s.value for s in TextSize], default="medium")
    parser.add_argument("--page", default="dashboard")
    parser.add_argument("--search", default="")
    args = parser.parse_args()
    # Never the user's own remembered places: a window size left there would change the shot.
    settings_dir = tempfile.mkdtemp(prefix="yishi-shots-")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir)
    app = _application(smoke=False)
    load_translations(app)
    text_size.choose_size(TextSize(args.text))
    db = open_database(Home(args.home))
    window = MainWindow(db)
    screen = QGuiApplication.primaryScreen()
    size = QSize(1366, 768)
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size())
    window.resize(size)
    window.move(0, 0)
    window.show_key(args.page)
    window.show()
    if args.search:
        QTimer.singleShot(300, lambda: _search(window, args.search))

    def shoot() -> None:
        pixmap = window.grab()
        if args.search and screen is not None:
            pixmap = screen.grabWindow(0, 0, 0, size.width(), size.height())
        pixmap.save(str(args.output))
        print(
            f"{args.output}: {pixmap.width()}×{pixmap.height()} px, "
            f"scale {pixmap.devicePixelRatio()}, text {args.text}"
        )
        window.close()
        QApplication.quit()

    QTimer.singleShot(800, shoot)
    code = app.exec()
    db.close()
    return code


def _search(window: MainWindow, text: str) -> None:
    window.open_search()
    dialog = window.search_dialog
    assert dialog is not None
    dialog.search_box.setText(text)


if __name__ == "__main__":
    raise SystemExit(main())
