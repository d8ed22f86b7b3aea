"""议题 on a full disk: the dialog says so and keeps what was typed, then saves it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.views.topics.dialogs import NewTopicDialog
from desktop.views.topics.page import TopicsPage
from tests.test_storage_faults import disk_full, titles
from tests.views.gui_helpers import type_text, when_shown


def test_the_new_topic_dialog_keeps_the_typed_text_when_the_disk_is_full(
    qtbot: QtBot, room_db: Database
) -> None:
    page = TopicsPage(room_db)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    qtbot.waitExposed(page)
    seen: list[str] = []

    def fill(dialog: NewTopicDialog) -> None:
        type_text(dialog.title_edit, "老旧小区加装电梯")
        dialog.description_edit.setPlainText("居民反映" * 2000)
        with disk_full(room_db):
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible()
        seen.append(dialog.title_message.text())
        assert dialog.title_edit.text() == "老旧小区加装电梯"
        # The disk has room again: the same dialog saves what was typed.
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_shown(NewTopicDialog, fill)
    assert page.new_topic()
    assert seen and "磁盘已满" in seen[0]
    assert "老旧小区加装电梯" in titles(room_db)
