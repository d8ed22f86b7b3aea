"""The banner that names damaged sync keys and the way out (keycheck.diagnose_keys says which).

Shown above every page by the main window (which the user may hide until the next start) and
on the sync page itself, where bundles are exported and imported.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.sync.keycheck import KeyProblem
from desktop.views.common import theme
from desktop.views.common.icons import icon


class KeyProblemBanner(QWidget):
    """What is wrong with the keys and what to do; hidden while there is nothing wrong.

    `margins` surround the framed notice and go with it when it hides.
    """

    open_sync_requested = Signal()

    def __init__(
        self,
        *,
        in_main_window: bool,
        margins: QMargins | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.frame = QFrame()
        self.frame.setObjectName("warningBanner")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(margins or QMargins())
        outer.addWidget(self.frame)
        self.problem: KeyProblem | None = None
        self._hidden_message = ""

        symbol = QLabel()
        symbol.setPixmap(icon("warning", color=theme.ACCENT).pixmap(22, 22))
        self.title = QLabel(
            self.tr(
                "The sync keys of this computer are damaged: bundles cannot be exported or "
                "imported. Everything else works as usual."
            )
        )
        self.title.setObjectName("warningTitle")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        # Paths and commands to copy.
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setTextFormat(Qt.TextFormat.PlainText)

        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.title)
        words.addWidget(self.text)

        layout = QHBoxLayout(self.frame)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(10)
        layout.addWidget(symbol, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)

        self.open_sync_button: QPushButton | None = None
        self.hide_button: QPushButton | None = None
        if in_main_window:
            self.open_sync_button = QPushButton(self.tr("Open Sync"))
            self.open_sync_button.clicked.connect(self.open_sync_requested)
            self.hide_button = QPushButton(self.tr("Hide"))
            self.hide_button.setToolTip(self.tr("Hide this notice until Yishi starts again"))
            self.hide_button.clicked.connect(self.hide_for_now)
            buttons = QVBoxLayout()
            buttons.setSpacing(6)
            buttons.addWidget(self.open_sync_button)
            buttons.addWidget(self.hide_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        self.hide()

    def show_problem(self, problem: KeyProblem | None, *, allowed: bool = True) -> None:
        """Show the problem (or hide when there is none, it was hidden, or not `allowed`)."""
        self.problem = problem
        self.text.setText(problem.message if problem is not None else "")
        self.setVisible(problem is not None and allowed and problem.message != self._hidden_message)

    def hide_for_now(self) -> None:
        """Hidden until Yishi starts again or the problem changes."""
        if self.problem is not None:
            self._hidden_message = self.problem.message
        self.hide()
