"""Qt's own buttons and dialogs speak Chinese whatever the computer's language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

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


def test_standard_dialog_buttons_come_from_the_catalogue_qt_ships(qapp: QApplication) -> None:
    # The wheel and the frozen app alike: Qt says where its catalogues are.
    assert load_translations(qapp)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = qapp.findChild(QTranslator, _TRANSLATOR_NAMES[0])
    assert qt_translator is not None
    assert qt_translator.filePath().replace("\\", "/").startswith(folder.replace("\\", "/"))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
