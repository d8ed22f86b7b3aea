"""Which widget each sidebar entry shows: one page class per page key, imported on first use.

A page not listed here shows its empty state. A page widget may define `refresh()`, called
each time the user opens the page, so it shows what other pages changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.models.enums import NodeRole
from desktop.queries import Database
from desktop.views.common.empty_state import PageSpec

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


def page_specs(*, role: NodeRole | None) -> list[PageSpec]:
    """The sidebar's entries, top to bottom, for the installation's role (None: not set up);
    a district office has three pages more than a room, a city office only four."""
    if role is NodeRole.CITY:
        return _city_specs()
    return [
        _dashboard_spec(),
        PageSpec(
            "opinions",
            "opinions",
            QCoreApplication.translate("MainWindow", "Opinions"),
            QCoreApplication.translate(
                "MainWindow",
                "Opinion slips collected by grid workers; slips about a common problem "
                "are merged into one topic.",
            ),
        ),
        PageSpec(
            "topics",
            "topics",
            QCoreApplication.translate("MainWindow", "Topics"),
            QCoreApplication.translate(
                "MainWindow",
                "Topics from the party and government, residents, members and the grids, "
                "followed from collection, announcement and claiming to feedback.",
            ),
        ),
        PageSpec(
            "meetings",
            "meetings",
            QCoreApplication.translate("MainWindow", "Meetings"),
            QCoreApplication.translate(
                "MainWindow",
                "Consultation meetings: agenda, sign-in sheet, speeches, consensus and "
                "minutes, ready to print.",
            ),
        ),
        PageSpec(
            "outcomes",
            "outcomes",
            QCoreApplication.translate("MainWindow", "Outcomes"),
            QCoreApplication.translate(
                "MainWindow",
                "Outcomes followed until they are carried out: responsible unit, deadline, "
                "progress, feedback to residents and escalation.",
            ),
        ),
        PageSpec(
            "activities",
            "activities",
            QCoreApplication.translate("MainWindow", "Activities and cases"),
            QCoreApplication.translate(
                "MainWindow",
                "The room's other uses — reading sessions, reception days, visits, "
                "inspections, supervision — and mediation and petition cases.",
            ),
        ),
        PageSpec(
            "people",
            "people",
            QCoreApplication.translate("MainWindow", "Members and people"),
            QCoreApplication.translate(
                "MainWindow",
                "The roster of CPPCC members with their areas and teams, and the residents, "
                "cadres and department representatives who take part.",
            ),
        ),
        *(_district_specs() if role is NodeRole.DISTRICT else []),
        PageSpec(
            "sync",
            "sync",
            QCoreApplication.translate("MainWindow", "Sync"),
            QCoreApplication.translate(
                "MainWindow",
                "Exchange records between the rooms and the district office on a USB stick, "
                "signed and encrypted.",
            ),
        ),
        _statistics_spec(),
        _settings_spec(),
    ]


def _city_specs() -> list[PageSpec]:
    """A city office keeps no records of its own: it gathers its districts' bundles and
    reads the figures of all their rooms."""
    return [
        _dashboard_spec(),
        PageSpec(
            "sync",
            "sync",
            QCoreApplication.translate("MainWindow", "Sync"),
            QCoreApplication.translate(
                "MainWindow",
                "Enrol the district offices, import the bundles they forward on a USB stick "
                "and answer each with its acknowledgement.",
            ),
        ),
        _statistics_spec(),
        _settings_spec(),
    ]


def _dashboard_spec() -> PageSpec:
    return PageSpec(
        "dashboard", "dashboard", QCoreApplication.translate("MainWindow", "Dashboard"), ""
    )


def _statistics_spec() -> PageSpec:
    return PageSpec(
        "statistics",
        "statistics",
        QCoreApplication.translate("MainWindow", "Statistics"),
        QCoreApplication.translate(
            "MainWindow",
            "Yearly figures by township and room — meetings held, attendances, topics "
            "and outcomes — and members' duty scores.",
        ),
    )


def _settings_spec() -> PageSpec:
    return PageSpec(
        "settings",
        "settings",
        QCoreApplication.translate("MainWindow", "Settings"),
        QCoreApplication.translate(
            "MainWindow",
            "This installation's details, scoring rules, activity kinds and backups "
            "of the database.",
        ),
    )


def _district_specs() -> list[PageSpec]:
    """Pages a district office has and a room does not."""
    return [
        PageSpec(
            "rooms",
            "room",
            QCoreApplication.translate("MainWindow", "Rooms"),
            QCoreApplication.translate(
                "MainWindow",
                "Every room by township: enrolled or not, its last bundle, the days it has "
                "been silent; enrol, re-enrol and retire rooms.",
            ),
        ),
        PageSpec(
            "supervision",
            "supervision",
            QCoreApplication.translate("MainWindow", "Supervision"),
            QCoreApplication.translate(
                "MainWindow",
                "Every room's outcomes, overdue first and by responsible unit: record "
                "supervision and print a unit's supervision sheet.",
            ),
        ),
        PageSpec(
            "duty",
            "duty",
            QCoreApplication.translate("MainWindow", "Duty scores"),
            QCoreApplication.translate(
                "MainWindow",
                "Members' duty performance (履职评价) by year: scores ranked with the "
                "breakdown by kind of act, the rules of each year, acts the district "
                "records, Excel export and each member's duty file.",
            ),
        ),
    ]
