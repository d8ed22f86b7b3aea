"""The one icon catalogue: every icon the GUI shows, by role, as a qtawesome name.

The glyphs come from the Font Awesome 6 font qtawesome ships, painted here: importing
qtawesome (through qtpy, QtOpenGL) and loading its dozen fonts would cost a start a quarter
of a second for the one font these icons use.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

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
# qtawesome's Font Awesome 6 solid font (the "fa6s." names) and its glyph map.
FONT_FILE = "fontawesome6-solid-webfont-6.7.2.ttf"
CHARMAP_FILE = "fontawesome6-solid-webfont-charmap-6.7.2.json"
# As qtawesome sizes a glyph: 14 px in a 16 px icon, room for the font's bearing.
GLYPH_SCALE = 0.875


def icon(role: str, *, color: str = SIDEBAR_ICON, selected_color: str | None = None) -> QIcon:
    """The icon for a role; `selected_color` paints it differently in a selected list row."""
    name = ICONS[role].removeprefix("fa6s.")
    return QIcon(_GlyphEngine(chr(_charmap()[name]), color, selected_color))


class _GlyphEngine(QIconEngine):
    """One glyph of the icon font in a colour (another when selected, grey when disabled)."""

    def __init__(self, glyph: str, color: str, selected_color: str | None) -> None:
        super().__init__()
        self._glyph = glyph
        self._color = color
        self._selected_color = selected_color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setPen(self._colour(mode))
        font = QFont(_font_family())
        font.setPixelSize(max(1, round(GLYPH_SCALE * rect.height())))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        # Drawn at the screen's own pixels: sharp at 125 % and 150 %.
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._glyph, self._color, self._selected_color)

    def _colour(self, mode: QIcon.Mode) -> QColor:
        if mode is QIcon.Mode.Disabled:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if mode is QIcon.Mode.Selected and self._selected_color is not None:
            return QColor(self._selected_color)
        return QColor(self._color)


def _font_folder() -> Path:
    # Found without importing qtawesome (see the module's docstring).
    spec = find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("qtawesome's fonts are missing")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _font_family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(_font_folder() / FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise RuntimeError(f"the icon font {FONT_FILE} could not be loaded")
    return families[0]


@cache
def _charmap() -> dict[str, int]:
    raw = json.loads((_font_folder() / CHARMAP_FILE).read_text(encoding="utf-8"))
    return {name: int(code, 16) for name, code in raw.items()}


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
