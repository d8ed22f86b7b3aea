"""Rows as tall as their wrapped text, measured only where the user is looking."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView


class VisibleRowFitter(QObject):
    """Wraps a table's text and fits the rows in view to it.

    Qt's ResizeToContents measures every row on each layout, which makes a list of thousands
    slow; here only the rows on screen are measured, once the scrolling or resizing settles.
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        view.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        view.verticalScrollBar().valueChanged.connect(self._later)
        view.horizontalHeader().sectionResized.connect(self._later)
        model = view.model()
        model.modelReset.connect(self._later)
        model.rowsInserted.connect(self._later)
        model.layoutChanged.connect(self._later)
        model.dataChanged.connect(self._later)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._later()
        return False

    def _later(self, *_args: object) -> None:
        self._timer.start()

    def fit(self) -> None:
        """Fit the rows from the top of the view down to its bottom edge."""
        view = self._view
        rows = view.model().rowCount()
        first = view.rowAt(0)
        if first < 0 or rows == 0:
            return
        room = view.viewport().height()
        used = 0
        row = first
        # A fitted row may grow and push the next ones out of view, so go by heights.
        while row < rows and used <= room:
            view.resizeRowToContents(row)
            used += view.rowHeight(row)
            row += 1
