"""The size of the text in the whole window (小/中/大), for older eyes: remembered per user
(QSettings) and applied at start-up and at once when chosen in 设置."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.views.common import remember

KEY = "appearance/textSize"
# QFont::SizeResolved (PySide6 does not expose QFont.ResolveProperties): the widget's own
# font sets its size rather than inheriting it.
SIZE_RESOLVED = 0x0002
# The point size the system gave the application before any choice: the 中 size.
_BASE_PROPERTY = "yishiBaseFontPointSize"


class TextSize(StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


FACTORS = {TextSize.SMALL: 0.9, TextSize.MEDIUM: 1.0, TextSize.LARGE: 1.25}


def saved_size() -> TextSize:
    value = remember.settings().value(KEY)
    try:
        return TextSize(str(value))
    except ValueError:
        return TextSize.MEDIUM


def _base_point_size(app: QApplication) -> float:
    base = app.property(_BASE_PROPERTY)
    if isinstance(base, float) and base > 0:
        return base
    size = app.font().pointSizeF()
    app.setProperty(_BASE_PROPERTY, size)
    return size


def apply_size(size: TextSize) -> None:
    """The application's font at this size, and every larger or bolder label (headings,
    figures: a font of their own, made from the old size) scaled by the same ratio."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    base = _base_point_size(app)
    old = app.font().pointSizeF()
    new = base * FACTORS[size]
    if base <= 0 or old <= 0 or abs(new - old) < 0.01:
        return
    font = app.font()
    font.setPointSizeF(new)
    app.setFont(font)
    ratio = new / old
    for widget in app.allWidgets():
        own = widget.font()
        # Only a size set on the widget itself: a bold-only font follows its parent already.
        if (
            widget.testAttribute(Qt.WidgetAttribute.WA_SetFont)
            and own.resolveMask() & SIZE_RESOLVED
            and own.pointSizeF() > 0
        ):
            own.setPointSizeF(own.pointSizeF() * ratio)
            widget.setFont(own)


def choose_size(size: TextSize) -> None:
    """Remembered for the next start, applied now."""
    remember.settings().setValue(KEY, size.value)
    apply_size(size)


def apply_saved_size() -> None:
    """At start-up, before the main window is built."""
    apply_size(saved_size())
