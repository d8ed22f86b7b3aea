"""社情民意: delete slips (a merged one asks first), restore them, separate merged ones; the
merge button's hint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import OpinionSlip, Topic
from desktop.queries.opinions import SlipScope
from desktop.views.common.recycle_bin import RecycleBinDialog
from desktop.views.opinions.dialogs import EditSlipDialog
from desktop.views.opinions.page import OpinionsPage
from desktop.workflow import slips as slip_rules
from tests.views.gui_helpers import type_text, when_shown


def room_of(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


@pytest.fixture
def slip_ids(room_db: Database) -> dict[str, str]:
    ids = {
        content: slip_rules.enter_slip(
            room_db,
            room_id=room_of(room_db),
            collected_on=clock.today(),
            content=content,
            reporter_name="张三",
        )
        for content in ("路灯坏了", "晚上太黑", "垃圾桶太少")
    }
    slip_rules.raise_grid_topic(
        room_db, [ids["路灯坏了"], ids["晚上太黑"]], title="路灯不亮", raised_on=clock.today()
    )
    return ids


@pytest.fixture
def page(qtbot: QtBot, room_db: Database, slip_ids: dict[str, str]) -> OpinionsPage:
    widget = OpinionsPage(room_db)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.scope_combo.setCurrentIndex(widget.scope_combo.findData(SlipScope.ALL))
    return widget


def select_rows(page: OpinionsPage, contents: list[str]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.model.rowCount()):
        if page.model.row_at(row).content in contents:
            selection.select(
                page.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def listed(page: OpinionsPage) -> set[str]:
    return {page.model.row_at(row).content for row in range(page.model.rowCount())}


def stored(db: Database, slip_id: str) -> OpinionSlip:
    with db.session() as session:
        slip = session.get_one(OpinionSlip, slip_id)
        session.expunge(slip)
        return slip


def test_the_merge_button_and_its_hint_are_visible(qtbot: QtBot, page: OpinionsPage) -> None:
    assert page.merge_button.isVisible() and page.hint_label.isVisible()
    assert "Ctrl" in page.hint_label.text() and "Shift" in page.hint_label.text()
    # Shift+Down from the first row selects two, as the hint says.
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(page.selected_slip_ids()) == 2
    assert "2" in page.hint_label.text() and "Ctrl" not in page.hint_label.text()
    assert page.merge_button.isEnabled()


def test_a_merged_slip_is_deleted_after_asking_and_restored_into_its_topic(
    qtbot: QtBot, page: OpinionsPage, room_db: Database, slip_ids: dict[str, str]
) -> None:
    select_rows(page, ["路灯坏了"])
    asked: list[str] = []
    page.confirm_delete = lambda text: asked.append(text) is not None  # type: ignore[method-assign]
    page.delete_button.click()
    assert len(asked) == 1 and "路灯不亮" in asked[0]
    assert not stored(room_db, slip_ids["路灯坏了"]).deleted  # answered no

    page.confirm_delete = lambda text: True  # type: ignore[method-assign]
    page.delete_button.click()
    assert stored(room_db, slip_ids["路灯坏了"]).deleted
    assert "路灯坏了" not in listed(page)

    # An open slip goes without a question.
    page.confirm_delete = lambda text: pytest.fail("asked for an open slip")  # type: ignore[method-assign]
    select_rows(page, ["垃圾桶太少"])
    page.delete_button.click()
    assert stored(room_db, slip_ids["垃圾桶太少"]).deleted

    seen: list[int] = []

    def restore(dialog: RecycleBinDialog) -> None:
        try:
            seen.append(dialog.table.rowCount())
            assert dialog.select_text("路灯坏了")
            dialog.table.setFocus()
            qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
            seen.append(dialog.table.rowCount())
        finally:
            dialog.done(0)

    when_shown(RecycleBinDialog, restore)
    page.recycle_button.click()
    assert seen == [2, 1]
    restored = stored(room_db, slip_ids["路灯坏了"])
    assert not restored.deleted and restored.topic_id is not None
    assert listed(page) == {"路灯坏了", "晚上太黑"}


def test_merged_slips_are_separated_and_the_topic_stays(
    page: OpinionsPage, room_db: Database, slip_ids: dict[str, str]
) -> None:
    select_rows(page, ["垃圾桶太少"])
    assert not page.separate_button.isEnabled()
    select_rows(page, ["路灯坏了", "晚上太黑"])
    assert page.separate_button.isEnabled()
    page.separate_button.click()
    assert stored(room_db, slip_ids["路灯坏了"]).topic_id is None
    assert stored(room_db, slip_ids["晚上太黑"]).topic_id is None
    assert "路灯不亮" in page.hint_label.text()
    with room_db.session() as session:
        topic = session.scalars(select(Topic)).one()
        assert topic.title == "路灯不亮" and not topic.deleted
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(SlipScope.UNHANDLED))
    assert listed(page) == {"路灯坏了", "晚上太黑", "垃圾桶太少"}


def test_a_slip_is_corrected_in_its_form(
    qtbot: QtBot, page: OpinionsPage, room_db: Database, slip_ids: dict[str, str]
) -> None:
    select_rows(page, ["垃圾桶太少"])
    assert page.edit_button.isEnabled()
    messages: list[str] = []

    def correct(dialog: EditSlipDialog) -> None:
        try:
            assert dialog.content_edit.text() == "垃圾桶太少"
            dialog.content_edit.selectAll()
            qtbot.keyClick(dialog.content_edit, Qt.Key.Key_Delete)
            ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
            assert ok is not None
            ok.click()
            messages.append(dialog.messages["content"].text())
            # Ctrl+Z brings the deleted text back.
            qtbot.keyClick(dialog.content_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            messages.append(dialog.content_edit.text())
            dialog.content_edit.end(False)
            type_text(dialog.content_edit, "，小区东门")
            dialog.anonymous_box.setChecked(True)
            ok.click()
        finally:
            if dialog.isVisible():
                dialog.edited = False
                dialog.done(0)

    when_shown(EditSlipDialog, correct)
    assert page.edit_selected()
    assert messages == ["请填写反映内容", "垃圾桶太少"]
    edited = stored(room_db, slip_ids["垃圾桶太少"])
    assert (edited.content, edited.anonymous, edited.reporter_name) == (
        "垃圾桶太少，小区东门",
        True,
        None,
    )
    assert "垃圾桶太少，小区东门" in listed(page)
