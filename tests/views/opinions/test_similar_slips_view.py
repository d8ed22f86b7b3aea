"""共性问题 on the opinions page: typing a slip shows the similar ones already received; saving
with some ticked merges them; a suggested group of open slips merges in one click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import OpinionSlip, Topic
from desktop.models.enums import TopicSource
from desktop.views.opinions.dialogs import MergeSlipsDialog
from desktop.views.opinions.page import OpinionsPage
from desktop.workflow import slips as slip_rules
from tests.views.gui_helpers import type_text, when_shown
from tests.views.opinions.test_opinions_page import COLLECTED, fill_sticky_fields, page, worker

__all__ = ["page", "worker"]  # fixtures shared with the page's own tests

PARKING = ("紫琅苑晚上停车没位置，车子停到消防通道上。", "紫琅苑停车太难，消防通道都堵了。")
OTHER = "孩子放学早，希望社区办个四点半课堂。"


def _enter(db: Database, content: str) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return slip_rules.enter_slip(
        db,
        room_id=installation.room_id,
        collected_on=COLLECTED,
        content=content,
        grid="第一网格",
        anonymous=True,
    )


def _topic_of(db: Database, slip_id: str) -> str | None:
    with db.session() as session:
        return session.scalar(select(OpinionSlip.topic_id).where(OpinionSlip.id == slip_id))


def test_typing_shows_similar_slips_and_saving_merges_them(
    qtbot: QtBot, page: OpinionsPage, room_db: Database
) -> None:
    first, second = (_enter(room_db, text) for text in PARKING)
    other = _enter(room_db, OTHER)
    page.refresh()
    fill_sticky_fields(page)
    page.content_edit.setFocus()
    type_text(page.content_edit, "紫琅苑消防通道被停车堵住")
    panel = page.similar
    # Debounced: shown once typing pauses, the two parking slips and not the other one.
    qtbot.waitUntil(lambda: panel.isVisible() and panel.list.count() == 2)
    shown = {panel.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(2)}
    assert shown == {first, second}
    for row in range(panel.list.count()):
        panel.list.item(row).setCheckState(Qt.CheckState.Checked)
    page.anonymous_box.setChecked(True)

    def name_topic(dialog: MergeSlipsDialog) -> None:
        type_text(dialog.title_edit, "紫琅苑停车难")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_shown(MergeSlipsDialog, name_topic)
    with qtbot.waitSignal(page.slip_saved) as saved:
        assert page.save_slip()
    new = saved.args[0]
    topic_id = _topic_of(room_db, new)
    assert topic_id is not None
    assert _topic_of(room_db, first) == _topic_of(room_db, second) == topic_id
    assert _topic_of(room_db, other) is None
    with room_db.session() as session:
        topic = session.get(Topic, topic_id)
        assert topic is not None
        assert (topic.title, topic.source) == ("紫琅苑停车难", TopicSource.GRID)
    # The form is ready for the next slip, the panel gone with what was typed.
    assert page.content_edit.text() == "" and not panel.isVisible()

    # The next slip like them joins their topic as it is saved, without asking a title.
    type_text(page.content_edit, "紫琅苑晚上停车没位置")
    qtbot.waitUntil(lambda: panel.list.count() >= 1)
    panel.list.item(0).setCheckState(Qt.CheckState.Checked)
    page.anonymous_box.setChecked(True)
    with qtbot.waitSignal(page.slip_saved) as saved:
        assert page.save_slip()
    assert _topic_of(room_db, saved.args[0]) == topic_id


def test_a_suggested_group_merges_in_one_click(
    qtbot: QtBot, page: OpinionsPage, room_db: Database
) -> None:
    first, second = (_enter(room_db, text) for text in PARKING)
    other = _enter(room_db, OTHER)
    page.refresh()
    suggestions = page.suggestions
    assert suggestions.isVisible()
    assert [{s.id for s in g} for g in suggestions.groups] == [{first, second}]
    assert len(suggestions.buttons) == 1

    def confirm(dialog: MergeSlipsDialog) -> None:
        type_text(dialog.title_edit, "紫琅苑停车难")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_shown(MergeSlipsDialog, confirm)
    with qtbot.waitSignal(page.topic_created):
        suggestions.buttons[0].click()
    topic_id = _topic_of(room_db, first)
    assert topic_id is not None and _topic_of(room_db, second) == topic_id
    assert _topic_of(room_db, other) is None
    # Merged, the group is no longer suggested.
    assert suggestions.groups == [] and not suggestions.isVisible()


def test_a_cancelled_merge_changes_nothing(
    qtbot: QtBot, page: OpinionsPage, room_db: Database
) -> None:
    first, _ = (_enter(room_db, text) for text in PARKING)
    page.refresh()

    def cancel(dialog: MergeSlipsDialog) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    when_shown(MergeSlipsDialog, cancel)
    assert not page.suggestions.merge_group(0)
    assert _topic_of(room_db, first) is None
    assert len(page.suggestions.groups) == 1
