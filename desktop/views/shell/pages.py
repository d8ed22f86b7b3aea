"""Which widget each sidebar entry shows: one factory per page key.

A page not listed here shows its empty state. A page widget may define `refresh()`, called
each time the user opens the page, so it shows what other pages changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.queries import Database

PageFactory = Callable[[Database], QWidget]


def page_factories() -> dict[str, PageFactory]:
    """Imported lazily so start-up only pays for the pages' modules once, here."""
    factories: dict[str, PageFactory] = {}
    from desktop.views.opinions.page import OpinionsPage

    factories["opinions"] = OpinionsPage
    from desktop.views.topics.page import TopicsPage

    factories["topics"] = TopicsPage
    from desktop.views.meetings.page import MeetingsPage

    factories["meetings"] = MeetingsPage
    from desktop.views.outcomes.page import OutcomesPage

    factories["outcomes"] = OutcomesPage
    from desktop.views.people.page import PeoplePage

    factories["people"] = PeoplePage
    from desktop.views.activities.page import ActivitiesPage

    factories["activities"] = ActivitiesPage
    from desktop.views.rooms.page import RoomsPage

    factories["rooms"] = RoomsPage
    from desktop.views.supervision.page import SupervisionPage

    factories["supervision"] = SupervisionPage
    from desktop.views.duty.page import DutyPage

    factories["duty"] = DutyPage
    from desktop.views.stats.page import StatsPage

    factories["statistics"] = StatsPage
    from desktop.views.sync.page import SyncPage

    factories["sync"] = SyncPage
    from desktop.views.settings.page import SettingsPage

    factories["settings"] = SettingsPage
    return factories
