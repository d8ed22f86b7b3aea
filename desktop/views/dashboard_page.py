"""The dashboard (工作台): who this installation is and how many records it holds."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.models import Installation
from desktop.models.enums import NodeRole
from desktop.overview import Overview, read_overview
from desktop.views import theme
from desktop.views.empty_state import EmptyState, scaled_font
from desktop.views.icons import icon


class FigureCard(QFrame):
    """One figure on the dashboard: an icon, the number and what it counts."""

    def __init__(self, *, icon_role: str, caption: str) -> None:
        super().__init__()
        self.setObjectName("figureCard")
        self.setMinimumSize(200, 112)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        symbol = QLabel()
        symbol.setPixmap(icon(icon_role, color=theme.ACCENT).pixmap(22, 22))
        self.caption = QLabel(caption)
        self.caption.setObjectName("mutedText")
        self.value = QLabel("–")
        self.value.setObjectName("figureValue")
        self.value.setFont(scaled_font(self.value, 2.2, bold=True))

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(symbol)
        top.addWidget(self.caption, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(top)
        layout.addWidget(self.value)

    def set_value(self, value: int) -> None:
        self.value.setText(self.locale().toString(value))


class DashboardPage(QWidget):
    """Figures read through `desktop.overview`; an invitation to set up when there is nothing."""

    setup_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db

        self.title = QLabel(self.tr("Dashboard"))
        self.title.setFont(scaled_font(self.title, 1.8, bold=True))
        self.subtitle = QLabel()
        self.subtitle.setObjectName("mutedText")

        self.cards: dict[str, FigureCard] = {
            "members": FigureCard(icon_role="members", caption=self.tr("Members on the roster")),
            "rooms": FigureCard(icon_role="room", caption=self.tr("Consultation rooms")),
            "topics": FigureCard(icon_role="topics", caption=self.tr("Topics")),
            "meetings_held": FigureCard(
                icon_role="meetings_held", caption=self.tr("Meetings held")
            ),
            "meetings_planned": FigureCard(
                icon_role="meetings_planned", caption=self.tr("Meetings planned")
            ),
            "outcomes_open": FigureCard(
                icon_role="outcomes", caption=self.tr("Outcomes being carried out")
            ),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 3, index % 3)
        self.scope_note = QLabel()
        self.scope_note.setObjectName("mutedText")
        self.scope_note.setWordWrap(True)

        self.figures = QWidget()
        figures_layout = QVBoxLayout(self.figures)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.setSpacing(16)
        figures_layout.addLayout(grid)
        figures_layout.addWidget(self.scope_note)
        figures_layout.addStretch(1)

        setup_button = QPushButton(self.tr("Set up…"))
        setup_button.setObjectName("primaryButton")
        setup_button.clicked.connect(self.setup_requested)
        self.not_set_up = EmptyState(
            icon_role="not_set_up",
            title=self.tr("This computer is not set up yet"),
            text=self.tr(
                "Choose whether a district CPPCC office or a village or community consultation "
                "room uses this computer, and give the names to start keeping records."
            ),
            action=setup_button,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(18)
        layout.addWidget(self.figures, 1)
        layout.addWidget(self.not_set_up, 1)

    def refresh(self, installation: Installation | None) -> None:
        """Show the figures of the database as it is now, or the invitation to set up."""
        self.figures.setVisible(installation is not None)
        self.not_set_up.setVisible(installation is None)
        if installation is None:
            self.subtitle.setText(self.tr("Not set up"))
            return
        self.subtitle.setText(f"{installation.name} · {installation.role.label}")
        with self._db.session() as session:
            overview = read_overview(session)
        self._show(overview)
        if installation.role is NodeRole.DISTRICT:
            self.scope_note.setText(
                self.tr(
                    "Counted over every record on this computer, including those imported "
                    "from the rooms; deleted records are not counted."
                )
            )
        else:
            self.scope_note.setText(
                self.tr(
                    "Counted over the records of this room kept on this computer; deleted "
                    "records are not counted."
                )
            )

    def _show(self, overview: Overview) -> None:
        for key, card in self.cards.items():
            card.set_value(getattr(overview, key))
