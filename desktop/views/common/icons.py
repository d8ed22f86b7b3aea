"""The one icon catalogue: every icon the GUI shows, by role, as a qtawesome name."""

from __future__ import annotations

import os
from functools import cache

from PySide6.QtGui import QIcon

from desktop.paths import resources_dir
from desktop.views.common.theme import SIDEBAR_ICON

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
    "supervision": "fa6s.clipboard-check",
    "duty": "fa6s.award",
    "silent": "fa6s.satellite-dish",
    "no_meeting": "fa6s.calendar-xmark",
    "members": "fa6s.user-tie",
    "meetings_held": "fa6s.calendar-check",
    "meetings_planned": "fa6s.calendar-days",
    "not_set_up": "fa6s.circle-exclamation",
    "warning": "fa6s.triangle-exclamation",
    "search": "fa6s.magnifying-glass",
    "save": "fa6s.floppy-disk",
    "new": "fa6s.plus",
    "merge": "fa6s.object-group",
    "attach": "fa6s.link",
    "shortlist": "fa6s.filter",
    "announce": "fa6s.bullhorn",
    "claim": "fa6s.hand",
    "decline": "fa6s.ban",
    "discuss": "fa6s.comments",
    # Edit and take back: deleting, the recycle bin, separating merged slips.
    "delete": "fa6s.trash-can",
    "recycle_bin": "fa6s.recycle",
    "restore": "fa6s.trash-can-arrow-up",
    "separate": "fa6s.link-slash",
    # Outcomes, dashboard and people pages.
    "progress": "fa6s.pen-to-square",
    "complete": "fa6s.circle-check",
    "not_possible": "fa6s.circle-xmark",
    "feedback": "fa6s.comment-dots",
    "escalate": "fa6s.arrow-up-from-bracket",
    "attention": "fa6s.bell",
    "overdue": "fa6s.clock",
    "participant": "fa6s.user",
    "edit": "fa6s.pen",
    # Meetings page.
    "attachment_file": "fa6s.file-lines",
    "amend": "fa6s.pen-to-square",
    # Settings page.
    "folder": "fa6s.folder-open",
    "backup": "fa6s.box-archive",
    # Sync page.
    "sync_export": "fa6s.file-export",
    "sync_import": "fa6s.file-import",
    "usb_drive": "fa6s.hard-drive",
    # Printed documents: the preview dialog and the print actions.
    "print": "fa6s.print",
    "signin_sheet": "fa6s.file-signature",
    "save_copy": "fa6s.file-export",
    "page_previous": "fa6s.chevron-left",
    "page_next": "fa6s.chevron-right",
    # The app lock: its screen and the settings section.
    "lock": "fa6s.lock",
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
