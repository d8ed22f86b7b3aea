"""Which widget each sidebar entry shows: one page class per page key, imported on first use.

A page not listed here shows its empty state. A page widget may define `refresh()`, called
each time the user opens the page, so it shows what other pages changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from PySide6.QtWidgets import QWidget

from desktop.queries import Database

PageFactory = Callable[[Database], QWidget]

# Module and class of each page: a page's module (and what it imports: charts, printing,
# Excel) is loaded when the page is first shown, not at start.
_PAGES: dict[str, tuple[str, str]] = {
    "opinions": ("desktop.views.opinions.page", "OpinionsPage"),
    "topics": ("desktop.views.topics.page", "TopicsPage"),
    "meetings": ("desktop.views.meetings.page", "MeetingsPage"),
    "outcomes": ("desktop.views.outcomes.page", "OutcomesPage"),
    "people": ("desktop.views.people.page", "PeoplePage"),
    "activities": ("desktop.views.activities.page", "ActivitiesPage"),
    "rooms": ("desktop.views.rooms.page", "RoomsPage"),
    "supervision": ("desktop.views.supervision.page", "SupervisionPage"),
    "duty": ("desktop.views.duty.page", "DutyPage"),
    "statistics": ("desktop.views.stats.page", "StatsPage"),
    "sync": ("desktop.views.sync.page", "SyncPage"),
    "settings": ("desktop.views.settings.page", "SettingsPage"),
}


def has_page(key: str) -> bool:
    """Whether `key` has a page of its own (else its empty state shows)."""
    return key in _PAGES


def page_factory(key: str) -> PageFactory | None:
    """The class of the page of `key`, its module imported now; None when it has none."""
    if key not in _PAGES:
        return None
    module, name = _PAGES[key]
    factory: PageFactory = getattr(import_module(module), name)
    return factory
