"""The room's local members the district's roster may name: merge (合并) or keep (保留).

The list and both decisions are desktop.workflow.local_members; sure matches (same name and
phone) were merged when the roster arrived, so only the unsure ones are asked here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.queries import Database
from desktop.workflow.local_members import PendingMatch, keep_member, merge_member, pending_for


class MemberMatchDialog(QDialog):
    """Each unsure pair on a line with 合并 and 保留; closes itself when none is left."""

    matches_settled = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Match local members with the roster"))
        self.setMinimumWidth(640)
        intro = QLabel(
            self.tr(
                "These members were added in this room before the district's roster arrived. "
                "The roster has a member of the same name whose phone does not match. Merge: "
                "the same person, their attendance and claims move to the roster's member. "
                "Keep: different people."
            )
        )
        intro.setWordWrap(True)
        self._rows = QWidget()
        self._rows_layout = QVBoxLayout(self._rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.merge_buttons: list[QPushButton] = []
        self.keep_buttons: list[QPushButton] = []
        self.refresh()

    @classmethod
    def ask(cls, db: Database, parent: QWidget | None = None) -> None:
        dialog = cls(db, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def refresh(self) -> None:
        while (item := self._rows_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.merge_buttons, self.keep_buttons = [], []
        pending = pending_for(self._db)
        for match in pending:
            self._rows_layout.addWidget(self._row(match))
        self._rows_layout.addStretch(1)
        if not pending:
            self.matches_settled.emit()

    def _row(self, match: PendingMatch) -> QWidget:
        none = self.tr("no phone")
        text = (
            self.tr("Local: %1 (%2)  ·  Roster: %3 (%4) %5")
            .replace("%1", match.local_name)
            .replace("%2", match.local_phone or none)
            .replace("%3", match.district_name)
            .replace("%4", match.district_phone or none)
            .replace(
                "%5", " ".join(filter(None, (match.district_sector, match.district_workplace)))
            )
        )
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text)
        label.setWordWrap(True)
        merge = QPushButton(self.tr("Merge"))
        keep = QPushButton(self.tr("Keep"))
        merge.clicked.connect(lambda: self._decide(match, merge=True))
        keep.clicked.connect(lambda: self._decide(match, merge=False))
        layout.addWidget(label, 1)
        layout.addWidget(merge)
        layout.addWidget(keep)
        self.merge_buttons.append(merge)
        self.keep_buttons.append(keep)
        return row

    def _decide(self, match: PendingMatch, *, merge: bool) -> None:
        action = merge_member if merge else keep_member
        action(self._db, local_id=match.local_id, district_id=match.district_id)
        self.refresh()
