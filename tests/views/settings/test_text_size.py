"""Text size 小/中/大 in 设置: the whole window at once, remembered for the next start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.app import _application
from desktop.db import Database
from desktop.views.common import text_size
from desktop.views.common.text_size import TextSize
from desktop.views.settings.page import SettingsPage


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[float]:
    """The application's size before the test; put back after it, for the tests that follow."""
    font = qapp.font()
    names = (qapp.organizationName(), qapp.applicationName())
    # Yishi's start-up: the names QSettings files the choice under, the saved size (none).
    assert _application(smoke=True) is qapp
    yield font.pointSizeF()
    qapp.setFont(font)
    qapp.setProperty(text_size._BASE_PROPERTY, None)
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])


def _page(qtbot: QtBot, db: Database) -> SettingsPage:
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_large_text_grows_the_whole_window_and_survives_a_restart(
    qtbot: QtBot, room_db: Database, qapp: QApplication, app_font: float
) -> None:
    page = _page(qtbot, room_db)
    title = page.findChildren(QLabel)[0]
    heading = title.font().pointSizeF()
    assert heading > app_font
    assert page.text_size.buttons[TextSize.MEDIUM].isChecked()

    qtbot.mouseClick(page.text_size.buttons[TextSize.LARGE], Qt.MouseButton.LeftButton)

    assert qapp.font().pointSizeF() == pytest.approx(app_font * 1.25)
    # A plain field follows the application; a heading with its own size grows as much.
    qtbot.waitUntil(
        lambda: page.room_name_edit.font().pointSizeF() == pytest.approx(app_font * 1.25)
    )
    assert title.font().pointSizeF() == pytest.approx(heading * 1.25)

    # Another start: the system's size again, then what start-up does.
    font = qapp.font()
    font.setPointSizeF(app_font)
    qapp.setFont(font)
    qapp.setProperty(text_size._BASE_PROPERTY, None)
    assert _application(smoke=True) is qapp
    assert qapp.font().pointSizeF() == pytest.approx(app_font * 1.25)
    again = _page(qtbot, room_db)
    assert again.text_size.buttons[TextSize.LARGE].isChecked()

    qtbot.mouseClick(again.text_size.buttons[TextSize.SMALL], Qt.MouseButton.LeftButton)
    assert qapp.font().pointSizeF() == pytest.approx(app_font * 0.9)
    assert text_size.saved_size() is TextSize.SMALL
