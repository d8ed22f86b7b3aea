"""The first-run dialog: validation next to the fields, OK only when valid, the choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.models.enums import NodeRole
from desktop.views.first_run_dialog import FirstRunChoice, FirstRunDialog
from tests.views.gui_helpers import type_text, when_shown


@pytest.fixture
def dialog(qtbot: QtBot) -> FirstRunDialog:
    widget = FirstRunDialog()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def visible_messages(dialog: FirstRunDialog) -> list[str]:
    fields = (dialog.township, dialog.village, dialog.room_name, dialog.district_name)
    return [f.message.text() for f in fields if f.message.isVisible()]


def test_empty_room_form_disables_ok_and_says_what_is_missing(dialog: FirstRunDialog) -> None:
    assert dialog.windowTitle() == "欢迎使用议事"
    assert dialog.room_button.isChecked()
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "开始使用"
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "取消"  # Qt's own catalogue is loaded too
    assert visible_messages(dialog) == [
        "请填写镇（街道）名称",
        "请填写村（社区）名称",
        "请填写议事室名称",
    ]


def test_typing_the_names_enables_ok_and_suggests_the_room_name(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    type_text(dialog.township.edit, "和平桥街道")
    assert not dialog.ok_button.isEnabled()
    type_text(dialog.village.edit, "和平桥社区")
    assert dialog.room_name.edit.text() == "和平桥社区协商议事室"
    assert dialog.ok_button.isEnabled()
    assert visible_messages(dialog) == []
    dialog.demo_box.setChecked(True)
    assert dialog.choice() == FirstRunChoice(
        role=NodeRole.ROOM,
        name="和平桥社区协商议事室",
        village="和平桥社区",
        township="和平桥街道",
        with_demo=True,
    )


def test_a_typed_room_name_is_kept_and_blank_names_do_not_count(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    type_text(dialog.room_name.edit, "徐庄村议事室")
    type_text(dialog.village.edit, "徐庄村")
    assert dialog.room_name.edit.text() == "徐庄村议事室"
    type_text(dialog.township.edit, "   ")
    assert not dialog.ok_button.isEnabled()
    assert visible_messages(dialog) == ["请填写镇（街道）名称"]


def test_district_needs_only_its_name(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    # On the indicator: a radio button stretched by the layout ignores clicks past its text.
    button = dialog.district_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert dialog.district_name.isVisible() and not dialog.village.isVisible()
    assert not dialog.ok_button.isEnabled()
    assert visible_messages(dialog) == ["请填写区政协名称"]
    type_text(dialog.district_name.edit, " 崇川区政协 ")
    assert dialog.ok_button.isEnabled()
    assert dialog.choice() == FirstRunChoice(role=NodeRole.DISTRICT, name="崇川区政协")


def _answer_open_dialog(fill: bool) -> None:
    def answer(widget: FirstRunDialog) -> None:
        if fill:
            widget.district_button.setChecked(True)
            type_text(widget.district_name.edit, "海门区政协")
            widget.ok_button.click()
        else:
            widget.reject()

    when_shown(FirstRunDialog, answer)


def test_ask_returns_the_choice_or_none(qtbot: QtBot) -> None:
    _answer_open_dialog(fill=True)
    assert FirstRunDialog.ask(None) == FirstRunChoice(role=NodeRole.DISTRICT, name="海门区政协")
    _answer_open_dialog(fill=False)
    assert FirstRunDialog.ask(QWidget()) is None
