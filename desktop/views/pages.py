"""Which widget each sidebar entry shows: one factory per page key.

A page not listed here shows its empty state. A page widget may define `refresh()`, called
each time the user opens the page, so it shows what other pages changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.db import Database

PageFactory = Callable[[Database], QWidget]


def page_factories() -> dict[str, PageFactory]:
    """Imported lazily so start-up only pays for the pages' modules once, here."""
    factories: dict[str, PageFactory] = {}
    return factories
