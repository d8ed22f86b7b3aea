"""搜索 (Ctrl+F on every page): results as one types, grouped by kind, Enter opens one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.queries import Database
from desktop.queries import search as queries

# Typing pauses this long before the search runs (one search per pause, not per key).
DEBOUNCE_MS = 150
_TARGET = Qt.ItemDataRole.UserRole


class SearchDialog(QDialog):
    """One box over every record's text and people's names (pinyin too); not modal, so the
    window stays usable and Ctrl+F brings the same dialog back with its query."""

    record_chosen = Signal(str, str)  # page key, record id

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._scope = queries.scope_of(db)
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Search"))
        self.resize(760, 520)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(
            self.tr("Words from any record, or a name in pinyin initials (zs finds 张三)")
        )
        self.search_box.installEventFilter(self)
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setColumnCount(2)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setColumnWidth(0, 260)
        self.results.itemActivated.connect(self._on_item_activated)
        self.results.currentItemChanged.connect(self._on_current_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _labels(self) -> dict[str, str]:
        return {
            "slip": self.tr("Opinion slips"),
            "topic": self.tr("Topics"),
            "meeting": self.tr("Meetings"),
            "speech": self.tr("Speeches"),
            "consensus": self.tr("Consensus"),
            "outcome": self.tr("Outcomes"),
            "progress": self.tr("Progress notes"),
            "activity": self.tr("Activities"),
            "case": self.tr("Mediation cases"),
            "member": self.tr("Members"),
            "participant": self.tr("Participants and residents"),
        }

    def show_search(self) -> None:
        """Show (or raise) the dialog with the box focused and its text selected."""
        self.show()
        self.activateWindow()
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self) -> None:
        """Search for the box's text now (typing runs it after a pause)."""
        self._timer.stop()
        groups = queries.search(self._db, self.search_box.text(), scope=self._scope)
        labels = self._labels()
        self.results.clear()
        for group in groups:
            count = f"{group.count}+" if group.more else str(group.count)
            header = QTreeWidgetItem([f"{labels[group.kind]}（{count}）", ""])
            # Not selectable; arrow keys step over it (_on_current_changed).
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            self.results.addTopLevelItem(header)
            for hit in group.hits:
                item = QTreeWidgetItem([hit.title, hit.snippet])
                item.setData(0, _TARGET, (hit.page, hit.opens_id))
                item.setToolTip(1, hit.snippet)
                header.addChild(item)
            header.setExpanded(True)
        if not self.search_box.text().strip():
            self.summary.clear()
        elif not groups:
            self.summary.setText(self.tr("Nothing found"))
        else:
            self.summary.setText(self.tr("Up/Down to choose, Enter to open"))
        first = self._first_hit()
        if first is not None:
            self.results.setCurrentItem(first)

    def _first_hit(self) -> QTreeWidgetItem | None:
        top = self.results.topLevelItem(0)
        return top.child(0) if top is not None and top.childCount() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                if self._timer.isActive():
                    self.run_search()
                self.results.setFocus()
                first = self._first_hit()
                if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and first is not None:
                    self.results.setCurrentItem(first)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.run_search()
                current = self.results.currentItem()
                if current is not None:
                    self._on_item_activated(current)
                return True
        return super().eventFilter(watched, event)

    def _on_current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        """A group's header made current by the arrows: go on to the next or previous hit."""
        if current is None or current.parent() is not None:
            return
        tree = self.results
        going_up = previous is not None and tree.indexOfTopLevelItem(current) <= (
            tree.indexOfTopLevelItem(previous.parent() or previous)
        )
        target = tree.itemAbove(current) if going_up else current.child(0)
        if target is None:
            target = previous
        if target is not None:
            tree.setCurrentItem(target)

    def _on_item_activated(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, _TARGET)
        if not target:
            return
        page, record_id = target
        self.hide()
        self.record_chosen.emit(page, record_id)
