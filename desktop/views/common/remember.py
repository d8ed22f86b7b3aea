"""What the window remembers between starts (QSettings, per user, not in the database): its
place on the screen, the splitters, the column widths and the folders last used.

The organisation and application names QSettings files these under are set once, at start-up
(desktop.app); tests point QSettings at a temporary folder (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QSplitter,
    QWidget,
)

# The kinds of folder remembered apart: a USB stick for bundles, a folder for documents.
BUNDLES = "bundles"
DOCUMENTS = "documents"
# A window this much inside a screen can be grabbed and moved; less and it is brought back.
VISIBLE_MARGIN = 120


def settings() -> QSettings:
    return QSettings()


# Window place -----------------------------------------------------------------------------
def restore_window(window: QWidget, key: str) -> bool:
    """Put the window where it was (brought back onto a screen); False when nothing stored."""
    state = settings().value(f"{key}/geometry")
    if not isinstance(state, QByteArray) or state.isEmpty() or not window.restoreGeometry(state):
        return False
    keep_on_screen(window)
    return True


def save_window(window: QWidget, key: str) -> None:
    settings().setValue(f"{key}/geometry", window.saveGeometry())


def keep_on_screen(window: QWidget) -> None:
    """A window left on a screen since unplugged, or mostly off every screen, comes back
    onto the primary one, no larger than it."""
    frame = window.frameGeometry()
    for screen in QGuiApplication.screens():
        seen = frame.intersected(screen.availableGeometry())
        if seen.width() >= min(VISIBLE_MARGIN, frame.width()) and seen.height() >= min(
            VISIBLE_MARGIN, frame.height()
        ):
            return
    primary = QGuiApplication.primaryScreen()
    if primary is None:
        return
    area: QRect = primary.availableGeometry()
    if window.isMaximized() or window.isFullScreen():
        window.showNormal()
    window.resize(window.size().boundedTo(area.size()))
    window.move(area.center() - window.rect().center())


# Splitters and columns ----------------------------------------------------------------------
def _views(root: QWidget) -> list[tuple[str, QWidget]]:
    """The splitters and item views under `root`, each with a key that stays the same from
    one start to the next: its object name, else its kind and place among its kind."""
    found: list[tuple[str, QWidget]] = []
    for kind, widgets in (
        ("splitter", root.findChildren(QSplitter)),
        ("table", root.findChildren(QAbstractItemView)),
    ):
        unnamed = 0
        for widget in widgets:
            if isinstance(widget, QHeaderView):
                continue
            if name := widget.objectName():
                found.append((f"{kind}-{name}", widget))
            else:
                found.append((f"{kind}{unnamed}", widget))
                unnamed += 1
    return found


def _header(view: QWidget) -> QHeaderView | None:
    header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
    result = header() if callable(header) else None
    return result if isinstance(result, QHeaderView) and result.count() else None


def restore_views(root: QWidget, key: str) -> None:
    """Splitter positions and the widths of the columns the user can resize, as left."""
    store = settings()
    for name, widget in _views(root):
        if isinstance(widget, QSplitter):
            state = store.value(f"{key}/{name}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                widget.restoreState(state)
        elif (header := _header(widget)) is not None:
            widths = store.value(f"{key}/{name}-columns{header.count()}")
            if isinstance(widths, list):
                _restore_widths(header, widths)


def _restore_widths(header: QHeaderView, widths: list[object]) -> None:
    # Only the columns the user resizes: a stretched or fitted column is the code's to size,
    # and a width saved by an earlier layout of the table is no harm.
    last = header.count() - 1
    for section, width in enumerate(widths[: header.count()]):
        interactive = header.sectionResizeMode(section) is QHeaderView.ResizeMode.Interactive
        if section == last and header.stretchLastSection():
            continue
        if interactive and str(width).isdigit() and int(str(width)) > 0:
            header.resizeSection(section, int(str(width)))


def save_views(root: QWidget, key: str) -> None:
    store = settings()
    for name, widget in _views(root):
        if isinstance(widget, QSplitter):
            store.setValue(f"{key}/{name}", widget.saveState())
        elif (header := _header(widget)) is not None:
            widths = [str(header.sectionSize(i)) for i in range(header.count())]
            store.setValue(f"{key}/{name}-columns{header.count()}", widths)


# Folders ------------------------------------------------------------------------------------
def last_folder(kind: str) -> Path | None:
    """The folder last used for `kind`, while it is still there (a stick may be out)."""
    value = settings().value(f"folders/{kind}")
    if not isinstance(value, str) or not value:
        return None
    folder = Path(value)
    return folder if folder.is_dir() else None


def remember_folder(kind: str, folder: Path) -> None:
    settings().setValue(f"folders/{kind}", str(folder))


def start_folder(kind: str) -> Path:
    """Where a file dialog opens: the last folder used, else the user's documents."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return last_folder(kind) or Path(documents)


def save_file_name(
    parent: QWidget | None,
    caption: str,
    suggested: str,
    filters: str,
    *,
    kind: str = DOCUMENTS,
) -> tuple[str, str]:
    """QFileDialog.getSaveFileName opened in the folder last saved to, remembering the new
    one; the chosen name ('' when cancelled) and filter."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, caption, str(start_folder(kind) / suggested), filters
    )
    if name:
        remember_folder(kind, Path(name).parent)
    return name, chosen


def open_file_name(
    parent: QWidget | None, caption: str, filters: str, *, kind: str = BUNDLES
) -> str:
    """QFileDialog.getOpenFileName opened in the folder last used; the name or ''."""
    name, _chosen = QFileDialog.getOpenFileName(parent, caption, str(start_folder(kind)), filters)
    if name:
        remember_folder(kind, Path(name).parent)
    return name


def existing_directory(parent: QWidget | None, caption: str, *, kind: str = BUNDLES) -> str:
    """QFileDialog.getExistingDirectory opened in the folder last used; the folder or ''."""
    name = QFileDialog.getExistingDirectory(parent, caption, str(start_folder(kind)))
    if name:
        remember_folder(kind, Path(name))
    return name
