"""No English left in the Chinese window: every page of a district's and a room's window with
demo data, and the most used dialogs, show no English word but the few a Chinese interface
writes in Latin letters (key names, file formats, product names).

What is read is the interface's own text: labels, buttons, group boxes, tabs, actions and
their menus, placeholders, combo box items, the header of every table and tree (never its
cells: records are data, whatever letters they are in), window titles and tooltips.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop import demo
from desktop.db import Database
from desktop.setup import setup_city
from desktop.sync.identity import init_district_keys
from desktop.views.shell.main_window import MainWindow
from tests.views.gui_helpers import when_shown
from tests.views.latin_words import english_words


def _header_texts(header: QHeaderView) -> Iterator[str]:
    """Every section's title and tooltip, from the model (hidden sections too)."""
    model = header.model()
    if model is None or (header.orientation() == Qt.Orientation.Vertical and header.isHidden()):
        return
    for section in range(header.count()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, header.orientation(), role)
            if isinstance(value, str):
                yield value


def _action_texts(actions: list[QAction], seen: set[int]) -> Iterator[str]:
    for action in actions:
        if id(action) in seen:
            continue
        seen.add(id(action))
        yield action.text()
        yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield menu.title()
            yield from _action_texts(menu.actions(), seen)


def widget_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything `top` and its children write, shown now or not."""
    seen_actions: set[int] = set()
    for widget in [top, *top.findChildren(QWidget)]:
        where = type(widget).__name__
        texts: list[str] = [widget.toolTip(), widget.whatsThis()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                texts += [widget.tabText(index), widget.tabToolTip(index)]
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(index) for index in range(widget.count())]
            texts.append(widget.placeholderText())
        elif isinstance(widget, QHeaderView):
            # The cells are records (data); the headers are the interface.
            texts += list(_header_texts(widget))
        texts += list(_action_texts(widget.actions(), seen_actions))
        menu = getattr(widget, "menu", None)
        if callable(menu) and isinstance(found := menu(), QMenu):
            texts += list(_action_texts(found.actions(), seen_actions))
        for text in texts:
            if text:
                yield where, text


def untranslated(top: QWidget, label: str) -> list[str]:
    return sorted(
        {f"{label} {where}: {text!r}" for where, text in widget_texts(top) if english_words(text)}
    )


def _open_dialog(qtbot: QtBot, label: str, opener: Callable[[], object]) -> list[str]:
    """The texts of the modal dialog `opener` shows, read while it is open, then closed."""
    found: list[str] = []
    shown: list[QDialog] = []

    def read_and_close(dialog: QDialog) -> None:
        shown.append(dialog)
        found.extend(untranslated(dialog, label))
        dialog.reject()

    when_shown(QDialog, read_and_close)
    opener()
    qtbot.waitUntil(lambda: bool(shown))
    return found


@pytest.fixture
def window(qtbot: QtBot) -> Callable[[Database], MainWindow]:
    def make(db: Database) -> MainWindow:
        main = MainWindow(db)
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        return main

    return make


def _every_page(main: MainWindow, label: str) -> list[str]:
    problems = [
        f"{label} sidebar: {title!r}" for title in main.page_titles() if english_words(title)
    ]
    for spec in main.specs:
        main.show_key(spec.key)
        page = main.page(spec.key)
        assert page is not None
        QApplication.processEvents()
    problems += untranslated(main, label)
    return problems


def test_a_district_window_shows_no_english(
    qtbot: QtBot, district_db: Database, window: Callable[[Database], MainWindow]
) -> None:
    demo.generate(district_db, seed=1, rooms=2, years=1)
    main = window(district_db)
    problems = _every_page(main, "district")
    people = main.page("people")
    problems += _open_dialog(qtbot, "district new member", people.members.new_member)
    main.open_search()
    assert main.search_dialog is not None
    problems += untranslated(main.search_dialog, "search")
    assert problems == [], "\n".join(problems)


def test_a_room_window_shows_no_english(
    qtbot: QtBot, room_db: Database, window: Callable[[Database], MainWindow], tmp_path: Path
) -> None:
    demo.generate(room_db, seed=1, years=1)
    main = window(room_db)
    problems = _every_page(main, "room")
    topics = main.page("topics")
    problems += _open_dialog(qtbot, "room new topic", topics.new_topic)
    meetings = main.page("meetings")
    main.show_key("meetings")
    meetings.new_meeting()
    problems += untranslated(meetings, "room new meeting")
    main.open_search()
    assert main.search_dialog is not None
    problems += untranslated(main.search_dialog, "search")
    assert problems == [], "\n".join(problems)


def test_a_city_window_shows_no_english(
    qtbot: QtBot, db: Database, window: Callable[[Database], MainWindow], tmp_path: Path
) -> None:
    setup_city(db, name="南通市政协")
    init_district_keys(db, escrow_path=tmp_path / "escrow.txt")
    main = window(db)
    problems = _every_page(main, "city")
    sync = main.page("sync")
    problems += _open_dialog(qtbot, "city enrol district", sync.enrol_district)
    assert problems == [], "\n".join(problems)
