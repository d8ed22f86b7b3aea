"""Validation messages: none on a new empty form, shown after typing or saving, gone once the
field is changed (fixed)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop import clock
from desktop.db import Database
from desktop.views.meetings.editor import MeetingEditor
from desktop.views.opinions.page import OpinionsPage
from desktop.views.people.dialogs import ParticipantDialog
from desktop.views.people.member_dialog import MemberDialog
from desktop.views.topics.dialogs import NewTopicDialog
from desktop.views.topics.page import TopicsPage
from desktop.workflow import agenda
from tests.desk_builders import room_id_of
from tests.views.gui_helpers import type_text, when_shown


def shown(widget: QWidget) -> list[str]:
    return [
        label.text()
        for label in widget.findChildren(QLabel, "validationMessage")
        if label.isVisible()
    ]


def test_topic_dialog_says_nothing_until_saved_and_forgets_once_fixed(
    qtbot: QtBot, room_db: Database
) -> None:
    page = TopicsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    seen: dict[str, list[str]] = {}

    def fill(dialog: NewTopicDialog) -> None:
        seen["new"] = shown(dialog)
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        button.click()
        seen["refused"] = shown(dialog)
        type_text(dialog.title_edit, "老旧小区加装电梯")
        seen["fixed"] = shown(dialog)
        button.click()

    when_shown(NewTopicDialog, fill)
    assert page.new_topic()
    assert seen == {"new": [], "refused": ["议题标题不能为空"], "fixed": []}


def test_participant_dialog_messages_go_when_the_field_is_changed(
    qtbot: QtBot, room_db: Database
) -> None:
    dialog = ParticipantDialog(room_db, room_id=room_id_of(room_db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert shown(dialog) == []
    type_text(dialog.name_edit, "王秀英")
    type_text(dialog.phone_edit, "电话")
    dialog.save_button.click()
    assert any("电话号码格式不正确" in text for text in shown(dialog))
    dialog.phone_edit.selectAll()
    type_text(dialog.phone_edit, "13812345678")
    assert shown(dialog) == []


def test_member_dialog_new_form_is_quiet(qtbot: QtBot, district_db: Database) -> None:
    dialog = MemberDialog(district_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert shown(dialog) == []
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.messages["name"].isVisible()
    type_text(dialog.name_edit, "陈丽华")
    assert not dialog.messages["name"].isVisible()


def test_slip_entry_message_goes_as_the_content_is_typed(qtbot: QtBot, room_db: Database) -> None:
    page = OpinionsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    assert shown(page) == []
    type_text(page.reporter_edit, "张三")
    page.save_button.click()
    assert shown(page) == ["请填写反映内容"]
    type_text(page.content_edit, "垃圾桶太少")
    assert shown(page) == []


def test_meeting_times_message_after_typing_and_gone_once_fixed(
    qtbot: QtBot, room_db: Database
) -> None:
    with room_db.session() as s:
        meeting_id = agenda.create_meeting(
            s, room_id=room_id_of(room_db), held_on=clock.today() + timedelta(days=30)
        ).id
    editor = MeetingEditor(room_db, meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    assert shown(editor) == []
    basics = editor.basics
    basics.start_edit.setTime(QTime(10, 0))
    basics.end_edit.setTime(QTime(9, 0))
    qtbot.waitUntil(lambda: basics.time_message.isVisible(), timeout=5000)
    basics.end_edit.setTime(QTime(11, 30))
    qtbot.waitUntil(lambda: not basics.time_message.isVisible(), timeout=5000)
    assert shown(editor) == []
    editor.close()
