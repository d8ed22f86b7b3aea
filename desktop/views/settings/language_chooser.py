"""The settings page's language row (界面语言): 中文 or English, from the next start."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from desktop.views.common import language
from desktop.views.common.language import Language

CONTEXT = "LanguageChooser"
# Marked for lupdate here: it is looked up in two languages, the window's and the one chosen.
RESTART_NOTE = cast(
    str, QT_TRANSLATE_NOOP("LanguageChooser", "Takes effect the next time Yishi starts.")
)

# Each language by its own name, whatever the window speaks: someone who cannot read the
# current language still finds theirs.
NAMES = {Language.CHINESE: "中文", Language.ENGLISH: "English"}


class LanguageChooser(QWidget):
    """Two choices, remembered at once; the note says when the choice takes effect."""

    def __init__(self) -> None:
        super().__init__()
        self.buttons = {choice: QRadioButton(name) for choice, name in NAMES.items()}
        self._group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(18)
        for choice, button in self.buttons.items():
            self._group.addButton(button)
            row.addWidget(button)
            button.toggled.connect(lambda on, c=choice: self._on_toggled(c, on))
        row.addStretch(1)
        self.note = QLabel()
        self.note.setObjectName("mutedText")
        self.note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.note)
        self.load()

    def _on_toggled(self, choice: Language, on: bool) -> None:
        if on:
            language.choose_language(choice)
            self._show_note(choice)

    def _show_note(self, chosen: Language) -> None:
        # Said in the window's language and in the one chosen, which the user may read better.
        running = language.running_language()
        self.note.setText(
            f"{self.tr(RESTART_NOTE)}\n{language.translated_in(chosen, CONTEXT, RESTART_NOTE)}"
        )
        self.note.setVisible(chosen is not running)

    def load(self) -> None:
        chosen = language.saved_language()
        button = self.buttons[chosen]
        button.blockSignals(True)
        button.setChecked(True)
        button.blockSignals(False)
        self._show_note(chosen)
