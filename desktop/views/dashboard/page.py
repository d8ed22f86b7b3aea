"""The dashboard (工作台): the installation's figures and what needs attention today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.formatting import format_date
from desktop.models import Installation
from desktop.models.enums import NodeRole
from desktop.overview import Overview, dashboard_figures
from desktop.queries import Database
from desktop.queries.desk import AttentionItem, AttentionKind, Level, needs_attention
from desktop.views.common import theme
from desktop.views.common.empty_state import EmptyState, scaled_font
from desktop.views.common.icons import icon

AnyIndex = QModelIndex | QPersistentModelIndex
# Reminders in a warm amber: noticeable, but not the red of what is already late.
REMINDER_COLOUR = "#9a5b00"


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


class AttentionListModel(QAbstractListModel):
    """What needs attention today, one line per item; UserRole holds (page key, record id)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[AttentionItem] = []
        self._show_room = False

    def set_items(self, items: list[AttentionItem], *, show_room: bool) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._show_room = show_room
        self.endResetModel()

    def item_at(self, row: int) -> AttentionItem:
        return self._items[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(item)
            # A unit's overdue outcomes span rooms: no room to name.
            return f"{item.room_name}：{text}" if self._show_room and item.room_name else text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(_ICON_OF_KIND[item.kind], color=self._colour(item))
        if role == Qt.ItemDataRole.ForegroundRole and item.level is not Level.INFO:
            return QBrush(self._colour(item))
        if role == Qt.ItemDataRole.UserRole:
            return (item.page_key, item.record_id)
        return None

    @staticmethod
    def _colour(item: AttentionItem) -> Any:
        if item.level is Level.URGENT:
            return theme.OVERDUE
        return REMINDER_COLOUR if item.level is Level.REMINDER else theme.SIDEBAR_ICON

    def _text(self, item: AttentionItem) -> str:
        day = format_date(item.day)
        kind = item.kind
        if kind is AttentionKind.UPCOMING_MEETING:
            title = item.title or self.tr("consultation meeting")
            if item.days == 0:
                return self.tr("Meeting today: %1").replace("%1", title)
            return (
                self.tr("Meeting on %1 (in %2 days): %3")
                .replace("%1", day)
                .replace("%2", str(item.days))
                .replace("%3", title)
            )
        if kind is AttentionKind.OVERDUE_OUTCOME:
            return (
                self.tr("Outcome %1 days past its deadline of %2: %3")
                .replace("%1", str(item.days))
                .replace("%2", day)
                .replace("%3", item.title)
            )
        if kind is AttentionKind.TOPIC_TO_ANNOUNCE:
            return self.tr("Topic shortlisted, waiting to be announced: %1").replace(
                "%1", item.title
            )
        if kind is AttentionKind.TOPIC_TO_CLAIM:
            template = (
                self.tr("Claim deadline %1 passed and nobody claimed the topic: %2")
                if item.days < 0
                else self.tr("Topic announced, waiting to be claimed by %1: %2")
            )
            return template.replace("%1", day).replace("%2", item.title)
        if kind is AttentionKind.SLIPS_UNHANDLED:
            return (
                self.tr("%1 opinion slips not yet made into a topic; the oldest is from %2")
                .replace("%1", str(item.count))
                .replace("%2", day)
            )
        if kind is AttentionKind.SILENT_ROOM:
            if item.day is None:
                return self.tr("No bundle received since enrolment, %1 days ago").replace(
                    "%1", str(item.days)
                )
            return (
                self.tr("No bundle for %1 days; the last came on %2")
                .replace("%1", str(item.days))
                .replace("%2", day)
            )
        if kind is AttentionKind.OVERDUE_UNIT:
            return (
                self.tr("%1: %2 outcomes overdue, the longest by %3 days")
                .replace("%1", item.title)
                .replace("%2", str(item.count))
                .replace("%3", str(item.days))
            )
        if kind is AttentionKind.NO_MEETING_THIS_QUARTER:
            if item.day is None:
                return self.tr("No meeting held this quarter, nor any before")
            return self.tr("No meeting held this quarter; the last was on %1").replace("%1", day)
        if kind is AttentionKind.EXPORT_DUE:
            if item.day is None:
                return self.tr(
                    "%1 days since enrolment and no bundle exported yet: export one for the "
                    "district office"
                ).replace("%1", str(item.days))
            return (
                self.tr("%1 days since the last bundle export (%2): export one for the district")
                .replace("%1", str(item.days))
                .replace("%2", day)
            )
        title = item.title or self.tr("consultation meeting")
        return (
            self.tr("Minutes not final %1 days after the meeting of %2: %3")
            .replace("%1", str(item.days))
            .replace("%2", day)
            .replace("%3", title)
        )


_ICON_OF_KIND = {
    AttentionKind.UPCOMING_MEETING: "meetings_planned",
    AttentionKind.OVERDUE_OUTCOME: "overdue",
    AttentionKind.TOPIC_TO_ANNOUNCE: "topics",
    AttentionKind.TOPIC_TO_CLAIM: "topics",
    AttentionKind.SLIPS_UNHANDLED: "opinions",
    AttentionKind.MINUTES_NOT_FINAL: "meetings",
    AttentionKind.EXPORT_DUE: "sync",
    AttentionKind.SILENT_ROOM: "silent",
    AttentionKind.OVERDUE_UNIT: "supervision",
    AttentionKind.NO_MEETING_THIS_QUARTER: "no_meeting",
}


class DashboardPage(QWidget):
    """Figures and today's list; an invitation to set up when there is nothing."""

    setup_requested = Signal()
    # A page key and a record id: the main window opens the page at that record.
    record_requested = Signal(str, str)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today

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

        self.attention_title = QLabel(self.tr("Needs attention today"))
        self.attention_title.setFont(scaled_font(self.attention_title, 1.25, bold=True))
        self.attention_model = AttentionListModel(self)
        self.attention_list = QListView()
        self.attention_list.setObjectName("attentionList")
        self.attention_list.setModel(self.attention_model)
        self.attention_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attention_list.setUniformItemSizes(True)
        self.attention_list.setSpacing(2)
        self.attention_list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.attention_list.clicked.connect(self._on_attention_activated)
        self.attention_list.activated.connect(self._on_attention_activated)
        self.nothing_due = QLabel(self.tr("Nothing needs attention today."))
        self.nothing_due.setObjectName("mutedText")

        self.figures = QWidget()
        figures_layout = QVBoxLayout(self.figures)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.setSpacing(12)
        figures_layout.addLayout(grid)
        figures_layout.addWidget(self.scope_note)
        figures_layout.addSpacing(6)
        figures_layout.addWidget(self.attention_title)
        figures_layout.addWidget(self.nothing_due)
        figures_layout.addWidget(self.attention_list, 1)

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
        self._show(dashboard_figures(self._db))
        city = installation.role is NodeRole.CITY
        # A city acts on none of its rooms' records (it has no page to open them in): the
        # rooms' reminders are theirs and their districts', so it sees the figures only.
        items = [] if city else needs_attention(self._db, today=self._today())
        self.attention_model.set_items(items, show_room=installation.role.sees_many_rooms)
        self.attention_title.setVisible(not city)
        self.nothing_due.setVisible(not city and not items)
        self.attention_list.setVisible(bool(items))
        if city:
            self.scope_note.setText(
                self.tr(
                    "Counted over every record the district offices forwarded to this "
                    "computer; deleted records are not counted."
                )
            )
        elif installation.role is NodeRole.DISTRICT:
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

    def _on_attention_activated(self, index: QModelIndex) -> None:
        item = self.attention_model.item_at(index.row())
        self.record_requested.emit(item.page_key, item.record_id)

    def _show(self, overview: Overview) -> None:
        for key, card in self.cards.items():
            card.set_value(getattr(overview, key))
