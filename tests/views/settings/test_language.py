"""界面语言 in 设置: 中文 or English, remembered per user and applied at the next start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.app import load_translations
from desktop.db import Database
from desktop.views.common import language, remember
from desktop.views.common.language import Language
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.main_window import MainWindow

ENGLISH_TITLES = ["Dashboard", "Opinions", "Topics", "Meetings", "Outcomes"]
CHINESE_TITLES = ["工作台", "社情民意", "议题", "议事活动", "成果落实"]


@pytest.fixture(autouse=True)
def chinese_afterwards(qapp: QApplication) -> Iterator[None]:
    """QSettings is the test's own (tests/conftest.py); the translators are the process's:
    the tests that follow run in Chinese whatever this one installed."""
    yield
    assert load_translations(qapp, Language.CHINESE.value)
    QLocale.setDefault(QLocale(Language.CHINESE.value))


def _settings_page(qtbot: QtBot, db: Database) -> SettingsPage:
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _titles_after_a_restart(qtbot: QtBot, qapp: QApplication, db: Database) -> list[str]:
    """What start-up does (desktop.app.run_gui): the saved language, then the window."""
    assert load_translations(qapp)
    window = MainWindow(db)
    qtbot.addWidget(window)
    return window.page_titles()


def test_english_chosen_in_settings_speaks_english_after_a_restart_and_back(
    qtbot: QtBot, qapp: QApplication, room_db: Database
) -> None:
    page = _settings_page(qtbot, room_db)
    chooser = page.language
    assert chooser.buttons[Language.CHINESE].isChecked()
    assert chooser.buttons[Language.ENGLISH].text() == "English"
    assert not chooser.note.isVisible()

    qtbot.mouseClick(chooser.buttons[Language.ENGLISH], Qt.MouseButton.LeftButton)

    # Nothing changes in the running window; the note says so in both languages.
    assert language.saved_language() is Language.ENGLISH
    assert chooser.note.isVisible()
    assert chooser.note.text() == ("下次启动议事时生效。\nTakes effect the next time Yishi starts.")
    assert page.findChild(type(chooser)) is chooser
    titles = _titles_after_a_restart(qtbot, qapp, room_db)
    assert titles[:5] == ENGLISH_TITLES
    assert titles[-1] == "Settings"
    # Qt's own buttons in English too.
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"

    # In English now: the settings page shows English and offers 中文 by its own name.
    english_page = _settings_page(qtbot, room_db)
    back = english_page.language
    assert back.buttons[Language.ENGLISH].isChecked()
    assert back.buttons[Language.CHINESE].text() == "中文"
    qtbot.mouseClick(back.buttons[Language.CHINESE], Qt.MouseButton.LeftButton)
    assert back.note.text() == "Takes effect the next time Yishi starts.\n下次启动议事时生效。"
    assert back.note.isVisible()
    qtbot.mouseClick(back.buttons[Language.ENGLISH], Qt.MouseButton.LeftButton)
    # Back to the language it speaks: nothing waits for a restart.
    assert not back.note.isVisible()
    qtbot.mouseClick(back.buttons[Language.CHINESE], Qt.MouseButton.LeftButton)

    assert language.saved_language() is Language.CHINESE
    assert _titles_after_a_restart(qtbot, qapp, room_db)[:5] == CHINESE_TITLES


@pytest.mark.parametrize("saved", ["fr", "", "EN", 42, QByteArray(b"\xff\xfe")])
def test_an_unknown_or_damaged_saved_language_is_chinese(
    qtbot: QtBot, qapp: QApplication, room_db: Database, saved: object
) -> None:
    load_translations(qapp, Language.ENGLISH.value)
    remember.settings().setValue(language.KEY, saved)
    assert language.saved_language() is Language.CHINESE
    assert _titles_after_a_restart(qtbot, qapp, room_db)[:5] == CHINESE_TITLES


def test_loading_the_same_language_again_changes_nothing(qapp: QApplication) -> None:
    assert load_translations(qapp)
    before = qapp.findChildren(QTranslator)
    assert load_translations(qapp)
    assert language.running_language() is Language.CHINESE
    assert qapp.findChildren(QTranslator) == before
    assert len(before) == 2
