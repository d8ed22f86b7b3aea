"""GUI fixtures: the application with the Chinese translation loaded, as users see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import load_translations

HERE = Path(__file__).parent


# The offscreen platform plugin warns about a window-manager hint it cannot pass on; that is
# the plugin, not us, and real platforms do not say it.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def zh_app(qapp: QApplication) -> QApplication:
    """Every GUI test runs in Chinese, like the application does by default."""
    assert load_translations(qapp)
    return qapp
