"""The district's choices on the sync page: the room, or the township, to send to; a refresh
lists them again and keeps the one chosen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from desktop.sync.pack import TownshipChoice


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
