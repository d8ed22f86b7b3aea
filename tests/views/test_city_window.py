"""A city office's window: the dashboard, sync, statistics and settings, nothing of a room's."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.setup import setup_city
from desktop.sync.identity import init_district_keys
from desktop.views.dashboard.page import DashboardPage
from desktop.views.shell.main_window import MainWindow
from desktop.views.stats.page import StatsPage
from desktop.views.sync.page import SyncPage


def test_a_city_window_shows_its_four_pages(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    setup_city(db, name="南通市政协")
    init_district_keys(db, escrow_path=tmp_path / "escrow.txt")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert [spec.key for spec in window.specs] == ["dashboard", "sync", "statistics", "settings"]
    assert window.sidebar.count() == 4
    assert window.windowTitle() == "议事 — 南通市政协"

    # Each page builds and shows without a traceback.
    for index in range(len(window.specs)):
        window.show_page(index)
        qtbot.waitUntil(lambda i=index: window.pages.currentIndex() == i)
    dashboard = window.page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    window.show_key("dashboard")
    # The rooms' reminders are not the city's to act on: figures only.
    assert dashboard.figures.isVisible()
    assert not dashboard.attention_title.isVisible()
    assert not dashboard.nothing_due.isVisible()
    stats = window.page("statistics")
    assert isinstance(stats, StatsPage) and stats.district
    assert stats.scope_combo.itemText(0) != "全区"
    sync = window.page("sync")
    assert isinstance(sync, SyncPage)
    assert sync.enrol_district_button.isVisibleTo(sync)
