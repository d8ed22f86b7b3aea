"""The settings page's text size row: 小, 中 or 大 for the whole window, at once."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from desktop.views.common import text_size
from desktop.views.common.text_size import TextSize


class TextSizeChooser(QWidget):
    """Three choices; a click applies the size to the whole window and remembers it."""

    def __init__(self) -> None:
        super().__init__()
        self.buttons = {
            TextSize.SMALL: QRadioButton(self.tr("Small")),
            TextSize.MEDIUM: QRadioButton(self.tr("Medium")),
            TextSize.LARGE: QRadioButton(self.tr("Large")),
        }
        self._group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(18)
        for size, button in self.buttons.items():
            self._group.addButton(button)
            row.addWidget(button)
            button.toggled.connect(lambda on, s=size: self._on_toggled(s, on))
        row.addStretch(1)
        self.load()

    def _on_toggled(self, size: TextSize, on: bool) -> None:
        if on:
            text_size.choose_size(size)

    def load(self) -> None:
        button = self.buttons[text_size.saved_size()]
        button.blockSignals(True)
        button.setChecked(True)
        button.blockSignals(False)
