"""Empty states: a large icon, a title and a sentence, centred; and the page built from one."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.views.common import theme
from desktop.views.common.icons import icon

MAX_TEXT_WIDTH = 600


def balanced_width(label: QLabel, max_width: int) -> int:
    """A width that wraps the label's text into lines of even length.

    Chinese wraps between any two characters, so a plain maximum width leaves a lone
    character or two on the last line.
    """
    metrics = label.fontMetrics()
    natural = metrics.horizontalAdvance(label.text())
    lines = max(1, math.ceil(natural / max_width))
    # Slack for the rounding of each line at a character boundary.
    return min(max_width, math.ceil(natural / lines) + 3 * metrics.averageCharWidth())


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    """The widget's font scaled, so headings follow the user's system font size."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class EmptyState(QWidget):
    """A centred icon, title and explanation, with an optional action under them."""

    def __init__(
        self, *, icon_role: str, title: str, text: str, action: QWidget | None = None
    ) -> None:
        super().__init__()
        self.action = action
        symbol = QLabel()
        symbol.setPixmap(icon(icon_role, color=theme.MUTED_ICON).pixmap(72, 72))
        symbol.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(title)
        self.title.setFont(scaled_font(self.title, 1.3, bold=True))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text)
        self.text.setObjectName("mutedText")
        self.text.setStyleSheet(f"color: {theme.MUTED_TEXT};")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(balanced_width(self.text, MAX_TEXT_WIDTH))

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(symbol)
        layout.addSpacing(12)
        layout.addWidget(self.title)
        layout.addSpacing(4)
        # Centred by stretches, not an alignment flag: an aligned item gets no height for
        # its width, and the wrapped text would be clipped to one line.
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(self.text)
        text_row.addStretch(1)
        layout.addLayout(text_row)
        if action is not None:
            layout.addSpacing(12)
            layout.addWidget(action, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)


@dataclass(frozen=True)
class PageSpec:
    """A page of the main window: its key, sidebar icon, title and what it is for."""

    key: str
    icon_role: str
    title: str
    purpose: str


class EmptyStatePage(QWidget):
    """A page whose own views come in later issues: its title and what it is for."""

    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.empty_state = EmptyState(icon_role=spec.icon_role, title=spec.title, text=spec.purpose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(self.empty_state, 1)
