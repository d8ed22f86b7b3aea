"""Qt's own buttons and dialogs speak Chinese whatever the computer's language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import _TRANSLATOR_NAMES, load_translations


def test_standard_buttons_are_chinese_on_an_english_system(qapp: QApplication) -> None:
    # As on an English Windows: nothing installed yet and the locale English.
    for name in _TRANSLATOR_NAMES:
        translator = qapp.findChild(QTranslator, name)
        assert translator is not None
        qapp.removeTranslator(translator)
        translator.setParent(None)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"

    assert load_translations(qapp)
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    assert box.button(QMessageBox.StandardButton.Yes).text().startswith("是")


def test_the_wheel_ships_the_chinese_qt_catalogue() -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert QTranslator().load("qtbase_zh_CN", folder)
