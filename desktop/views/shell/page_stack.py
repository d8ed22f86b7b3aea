"""The main window's stack of pages, each built the first time it is shown.

Until then a page is a bare placeholder: start-up pays for the one page it shows (and its
queries and modules), not for every page in the sidebar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop.views.common import remember
from desktop.views.common.empty_state import PageSpec

# Builds the widget of a page the first time it is shown.
PageBuilder = Callable[[PageSpec], QWidget]


class PendingPage(QWidget):
    """Stands in the stack for a page not built yet."""

    def __init__(self, spec: PageSpec) -> None:
        super().__init__()
        self.setObjectName("pendingPage")
        self.spec = spec


class PageStack(QStackedWidget):
    """One entry per sidebar page; `page(index)` builds a page when it is first needed."""

    def __init__(self, builder: PageBuilder, *, views_key: str) -> None:
        super().__init__()
        self._builder = builder
        # Where remember.py keeps each page's splitters and columns: `<views_key>/<page key>`.
        self._views_key = views_key
        self._specs: list[PageSpec] = []
        # Never deleted when the stack is filled again: the window owns them (the dashboard).
        self._kept: set[QWidget] = set()

    def keep(self, widget: QWidget) -> None:
        """`widget` outlives a refill of the stack (it is built again only by its owner)."""
        self._kept.add(widget)

    def fill(self, specs: list[PageSpec]) -> None:
        """A placeholder for each page of `specs`, replacing every page there was."""
        while (old := self.widget(0)) is not None:
            self.removeWidget(old)
            if old not in self._kept:
                # Later, not now: the page that asked for this may still be on the stack.
                old.deleteLater()
        self._specs = list(specs)
        for spec in self._specs:
            self.addWidget(PendingPage(spec))

    def page(self, index: int) -> QWidget | None:
        """The page at `index`, built now if it was not yet (its remembered views applied)."""
        widget = self.widget(index)
        if not isinstance(widget, PendingPage):
            return widget
        spec = widget.spec
        page = self._builder(spec)
        shown = self.currentWidget() is widget
        self.insertWidget(index, page)
        # Once in the window: its style sheet gives combo boxes their list views, which
        # count among the views remembered by their place.
        remember.restore_views(page, f"{self._views_key}/{spec.key}")
        if shown:
            self.setCurrentWidget(page)
        self.removeWidget(widget)
        widget.deleteLater()
        return page

    def built(self, index: int) -> QWidget | None:
        """The page at `index` if it was built, else None (nothing is built by asking)."""
        widget = self.widget(index)
        return None if isinstance(widget, PendingPage) else widget

    def unbuild(self, index: int) -> None:
        """Put a placeholder back at `index`: the page is built again on its next showing."""
        widget = self.widget(index)
        if widget is None or isinstance(widget, PendingPage):
            return
        shown = self.currentWidget() is widget
        placeholder = PendingPage(self._specs[index])
        self.insertWidget(index, placeholder)
        if shown:
            self.setCurrentWidget(placeholder)
        self.removeWidget(widget)
        if widget not in self._kept:
            widget.deleteLater()

    def save_views(self) -> None:
        """Splitters and columns of the pages built, for the next start."""
        for index, spec in enumerate(self._specs):
            if (page := self.built(index)) is not None:
                remember.save_views(page, f"{self._views_key}/{spec.key}")

    def restore_views(self) -> None:
        """Splitters and columns as remembered, on the pages built (the others get theirs
        when they are built)."""
        for index, spec in enumerate(self._specs):
            if (page := self.built(index)) is not None:
                remember.restore_views(page, f"{self._views_key}/{spec.key}")
