"""The style sheet: a disabled primary button must not look pressable."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.views.common.theme import ACCENT, STYLE_SHEET


def _fill(button: QPushButton) -> QColor:
    image = button.grab().toImage()
    return image.pixelColor(4, image.height() // 2)


def test_a_disabled_primary_button_is_faded(qtbot: QtBot) -> None:
    host = QWidget()
    host.setStyleSheet(STYLE_SHEET)
    qtbot.addWidget(host)
    enabled, disabled = QPushButton("签到", host), QPushButton("签到", host)
    for button in (enabled, disabled):
        button.setObjectName("primaryButton")
        button.resize(120, 36)
    disabled.setEnabled(False)
    host.show()
    assert _fill(enabled).name() == ACCENT
    faded = _fill(disabled)
    assert faded.name() != ACCENT and faded.lightness() > QColor(ACCENT).lightness() + 60
