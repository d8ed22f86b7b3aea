"""Run by test_high_dpi.py in its own process: Qt reads QT_SCALE_FACTOR only before it starts.

Prints one JSON line about the main window at the scale and text size it was started with.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QPushButton, QToolButton

from desktop.app import _application, load_translations
from desktop.db import open_database
from desktop.paths import Home
from desktop.views.common import text_size
from desktop.views.common.text_size import TextSize
from desktop.views.shell.main_window import MainWindow


def cut_buttons(window: MainWindow) -> list[str]:
    """Buttons whose own text is wider than the room they were given."""
    cut = []
    for button in window.findChildren(QAbstractButton):
        if not isinstance(button, QPushButton | QToolButton) or not button.isVisible():
            continue
        text = button.text().replace("&", "")
        if text and button.fontMetrics().horizontalAdvance(text) > button.contentsRect().width():
            cut.append(text)
    return cut


def main() -> int:
    home, size = Path(sys.argv[1]), TextSize(sys.argv[2])
    app = _application(smoke=False)
    load_translations(app)
    text_size.choose_size(size)
    db = open_database(Home(home))
    window = MainWindow(db)
    window.resize(1092, 660)
    window.show()
    cut: dict[str, list[str]] = {}
    for index, spec in enumerate(window.specs):
        window.show_page(index)
        app.processEvents()
        if found := cut_buttons(window):
            cut[spec.key] = found
    minimum = window.minimumSizeHint()
    grab = window.grab()
    print(
        json.dumps(
            {
                "ratio": window.devicePixelRatio(),
                "logical": [window.width(), window.height()],
                "grab": [grab.width(), grab.height()],
                "minimum": [minimum.width(), minimum.height()],
                "cut": cut,
            },
            ensure_ascii=False,
        )
    )
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
