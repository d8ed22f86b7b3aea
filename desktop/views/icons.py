"""The one icon catalogue: every icon the GUI shows, by role, as a qtawesome name."""

from __future__ import annotations

import os
from functools import cache

from PySide6.QtGui import QIcon

from desktop.paths import resources_dir
from desktop.views.theme import SIDEBAR_ICON

# Roles to Font Awesome 6 solid icons; pages and dialogs ask for a role, never a font name.
ICONS: dict[str, str] = {
    "dashboard": "fa6s.gauge-high",
    "opinions": "fa6s.clipboard-list",
    "topics": "fa6s.lightbulb",
    "meetings": "fa6s.people-group",
    "outcomes": "fa6s.list-check",
    "activities": "fa6s.handshake-angle",
    "people": "fa6s.address-book",
    "sync": "fa6s.right-left",
    "statistics": "fa6s.chart-column",
    "settings": "fa6s.gear",
    "district": "fa6s.landmark",
    "room": "fa6s.house-chimney",
    "members": "fa6s.user-tie",
    "meetings_held": "fa6s.calendar-check",
    "meetings_planned": "fa6s.calendar-days",
    "not_set_up": "fa6s.circle-exclamation",
}

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon(role: str, *, color: str = SIDEBAR_ICON, selected_color: str | None = None) -> QIcon:
    """The icon for a role; `selected_color` paints it differently in a selected list row."""
    # qtawesome costs ~150 ms and pulls QtOpenGL through qtpy: load it on the first icon.
    os.environ.setdefault("QT_API", "pyside6")
    import qtawesome

    options: dict[str, str] = {"color": color}
    if selected_color is not None:
        options["color_selected"] = selected_color
        options["color_active"] = color
    result: QIcon = qtawesome.icon(ICONS[role], **options)
    return result


@cache
def _app_icon_files() -> tuple[str, ...]:
    folder = resources_dir() / "icons"
    return tuple(str(folder / f"yishi-{size}.png") for size in APP_ICON_SIZES)


def app_icon() -> QIcon:
    """The application's own icon (window title bar, task bar), from resources/icons."""
    result = QIcon()
    for path in _app_icon_files():
        result.addFile(path)
    return result
