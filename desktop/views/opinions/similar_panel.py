"""共性问题 on the opinions page: the slips like the one being typed, to merge it with them as
it is saved, and suggested groups of open slips, each merged into a topic in one click."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.queries import Database
from desktop.queries.similar_slips import Match, SlipText, similar_slips, suggested_groups
from desktop.views.common.forms import show_message, to_date
from desktop.views.common.icons import icon
from desktop.views.opinions.dialogs import MergeSlipsDialog
from desktop.workflow import slips as slip_rules

if TYPE_CHECKING:
    from desktop.views.opinions.page import OpinionsPage

# Typing pauses this long before the similar slips are looked up again.
DEBOUNCE_MS = 300
MAX_GROUPS = 10
# Rows shown before the list scrolls: the slip list below keeps most of the page.
VISIBLE_MATCHES = 5
VISIBLE_GROUPS = 3


def _line(slip: SlipText) -> str:
    when = format_date(slip.collected_on) if slip.collected_on else ""
    parts = [p for p in (when, slip.grid or "", slip.content) if p]
    return "  ".join(parts)


class SimilarSlipsPanel(QFrame):
    """The slips already received that look like the one typed; tick those it joins."""

    def __init__(self, db: Database, room_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("similarSlipsPanel")
        self._db = db
        self._room_id = room_id
        self._content = ""
        self._grid = ""
        self._matches: dict[str, SlipText] = {}
        self.caption = QLabel(
            self.tr("Similar slips already received: tick those this slip reports too")
        )
        self.caption.setObjectName("mutedText")
        self.list = QListWidget()
        self.list.setObjectName("similarSlipsList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.list)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.look_up)
        self.setVisible(False)

    def typed(self, content: str, grid: str) -> None:
        """The form changed: look again once typing pauses."""
        self._content, self._grid = content, grid
        self.timer.start()

    def look_up(self) -> None:
        chosen = set(self.chosen_ids())
        matches = similar_slips(self._db, self._room_id, self._content, grid=self._grid or None)
        # A slip once ticked stays offered while the words are corrected.
        found = {m.slip.id for m in matches}
        kept = [Match(self._matches[i], 0.0) for i in sorted(chosen - found)]
        self.show_matches(kept + matches, chosen)

    def show_matches(self, matches: list[Match], chosen: set[str] | None = None) -> None:
        self.list.clear()
        self._matches = {m.slip.id: m.slip for m in matches}
        for match in matches:
            text = _line(match.slip)
            if match.slip.topic_title:
                text += "  " + self.tr("(in topic %1)").replace("%1", match.slip.topic_title)
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = chosen is not None and match.slip.id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, match.slip.id)
            item.setToolTip(match.slip.content)
            self.list.addItem(item)
        if matches:
            rows = min(len(matches), VISIBLE_MATCHES)
            frame = 2 * self.list.frameWidth()
            self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + frame + 2)
        self.setVisible(bool(matches))

    def chosen_ids(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item is not None and item.checkState() is Qt.CheckState.Checked
        ]

    def chosen_contents(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            item.toolTip()
            for item in items
            if item is not None and item.checkState() is Qt.CheckState.Checked
        ]

    def chosen_in_topic(self) -> bool:
        """True when a ticked slip is in a topic: the new slip joins that topic."""
        return any(self._matches[i].topic_id for i in self.chosen_ids() if i in self._matches)

    def clear(self) -> None:
        self.timer.stop()
        self.list.clear()
        self._matches = {}
        self.setVisible(False)


def watch(page: OpinionsPage, panel: SimilarSlipsPanel) -> None:
    """Look up similar slips as the content or the grid is typed."""

    def changed(*_args: object) -> None:
        panel.typed(page.content_edit.text(), page.grid_combo.currentText())

    page.content_edit.textChanged.connect(changed)
    page.grid_combo.currentTextChanged.connect(changed)


def save_joining(page: OpinionsPage, panel: SimilarSlipsPanel) -> bool:
    """Save the typed slip with the ticked similar ones: into their topic, or into a new
    topic whose title is asked (the slip is checked first, so a refusal shows by its field)."""
    assert page.room_id is not None
    room_id = page.room_id
    collector = page.collector_combo.currentData()
    fields = {
        "room_id": room_id,
        "collected_on": to_date(page.date_edit),
        "grid": page.grid_combo.currentText(),
        "collector_id": collector if isinstance(collector, str) else None,
        "content": page.content_edit.text(),
        "reporter_name": page.reporter_edit.text(),
        "anonymous": page.anonymous_box.isChecked(),
        "category": page.category_combo.currentText(),
    }
    joining = panel.chosen_ids()
    try:
        slip_rules.check_new_slip(page._db, **fields)  # type: ignore[arg-type]
    except slip_rules.SlipFieldError as error:
        show_message(page.messages[error.field], str(error))
        page._field_widget(error.field).setFocus()
        return False
    done: list[tuple[str, str]] = []

    def apply(title: str) -> None:
        done.append(
            slip_rules.enter_slip_joining(
                page._db,
                joining=joining,
                title=title,
                **fields,  # type: ignore[arg-type]
            )
        )

    try:
        if panel.chosen_in_topic():
            apply("")
        else:
            contents = [*panel.chosen_contents(), page.content_edit.text().strip()]
            if not MergeSlipsDialog.ask(page, contents=contents, apply=apply):
                return False
    except UserError as error:
        show_message(page.messages["content"], str(error))
        return False
    slip_id, topic_id = done[0]
    page.after_saved(slip_id)
    page.refresh()
    page.slips_attached.emit(topic_id)
    return True


class SuggestedGroupsPanel(QFrame):
    """Groups of open slips that seem to report one problem, each merged in one click."""

    group_merged = Signal(str)

    def __init__(self, page: OpinionsPage) -> None:
        super().__init__(page)
        self.setObjectName("suggestedGroupsPanel")
        self._page = page
        self.caption = QLabel(self.tr("Slips that seem to report the same problem:"))
        self.caption.setObjectName("mutedText")
        holder = QWidget()
        self.rows = QVBoxLayout(holder)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        self.scroller = QScrollArea()
        self.scroller.setWidget(holder)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.scroller)
        self.groups: list[list[SlipText]] = []
        self.buttons: list[QPushButton] = []
        self.setVisible(False)

    def refresh(self) -> None:
        page = self._page
        self.groups = suggested_groups(page._db, page.room_id) if page.room_id else []
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = []
        for index, group in enumerate(self.groups[:MAX_GROUPS]):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = QLabel(
                self.tr("%1 slips: %2")
                .replace("%1", str(len(group)))
                .replace("%2", " ｜ ".join(s.content for s in group[:3]))
            )
            text.setToolTip("\n".join(_line(s) for s in group))
            # Clipped at the page's width rather than widening the page.
            text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            button = QPushButton(icon("merge"), self.tr("Merge into a topic…"))
            button.setObjectName("mergeGroupButton")
            button.clicked.connect(lambda _checked=False, i=index: self.merge_group(i))
            line.addWidget(text, 1)
            line.addWidget(button)
            self.rows.addWidget(row)
            self.buttons.append(button)
        if self.buttons:
            row_height = self.buttons[0].sizeHint().height() + self.rows.spacing()
            self.scroller.setFixedHeight(min(len(self.buttons), VISIBLE_GROUPS) * row_height)
        self.setVisible(bool(self.groups))

    def merge_group(self, index: int) -> bool:
        """Ask the title (the dialog lists the slips: the confirmation) and merge the group."""
        group = self.groups[index]
        ids = [s.id for s in group]
        made: list[str] = []

        def apply(title: str) -> None:
            made.append(
                slip_rules.raise_grid_topic(
                    self._page._db, ids, title=title, raised_on=clock.today()
                )
            )

        if not MergeSlipsDialog.ask(self._page, contents=[s.content for s in group], apply=apply):
            return False
        self._page.refresh()
        self._page.topic_created.emit(made[0])
        self.group_merged.emit(made[0])
        return True
