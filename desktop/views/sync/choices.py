"""The sync page's choices of whom to send to: the district's room or township (or its city,
once joined), the city's district; a refresh lists them again and keeps the one chosen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from desktop.listing import fetch_rows
from desktop.queries import Database
from desktop.queries import sync as sync_queries
from desktop.sync.pack import TownshipChoice
from desktop.sync.upward import CityDistrict


def fill_choices(combo: QComboBox, items: list[tuple[str, str]], *, empty: str) -> None:
    """List (label, id) items, or `empty` with no id when there are none; keep the choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for label, item_id in items:
        combo.addItem(label, item_id)
    if not items:
        combo.addItem(empty, "")
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def township_items(choices: list[TownshipChoice]) -> list[tuple[str, str]]:
    """Each township in words (how many of its rooms a pack reaches) with its id."""
    return [
        (
            # The page's translation context, where these words were first written.
            QCoreApplication.translate("SyncPage", "%1 (%2 of %3 rooms can be sent to)")
            .replace("%1", choice.name)
            .replace("%2", str(choice.ready))
            .replace("%3", str(choice.rooms)),
            choice.township_id,
        )
        for choice in choices
    ]


def district_items(districts: list[CityDistrict]) -> list[tuple[str, str]]:
    """City: each district that has sent a bundle (only those can be answered), with its node."""
    return [(district.name, district.node_id) for district in districts if district.reporting]


def joined_city(db: Database) -> str | None:
    """District: the name of the city office it joined, None before it joins one."""
    cities = [row.name for row in fetch_rows(db, sync_queries.peers()) if row.role == "city"]
    return str(cities[0]) if cities else None
