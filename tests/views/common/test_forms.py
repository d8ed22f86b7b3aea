"""Ask before discarding: untouched forms close quietly, typed ones ask, the window asks too."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import OpinionSlip, Topic
from desktop.views.common.forms import FormDialog, date_edit, message_label, show_message, to_date
from desktop.views.opinions.page import OpinionsPage
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.main_window import MainWindow
from desktop.views.topics.dialogs import NewTopic, NewTopicDialog
from tests.views.gui_helpers import DiscardQuestion, type_text, when_shown

# Taken before any test patches the seam: the real question box.
REAL_CONFIRM = FormDialog.confirm_discard


class NoteDialog(FormDialog):
    """A small form: a note typed in, a choice, and a note filled in before it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_edit = QLineEdit()
        self.kind_combo = QComboBox()
        self.kind_combo.addItems(["一", "二"])
        self.filled_edit = QLineEdit()
        layout = QVBoxLayout(self)
        for widget in (self.note_edit, self.kind_combo, self.filled_edit):
            layout.addWidget(widget)
        # Values set while building the dialog are not edits.
        self.filled_edit.setText("已有内容")
        self.kind_combo.setCurrentIndex(1)


def shown_dialog(qtbot: QtBot) -> NoteDialog:
    dialog = NoteDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_untouched_dialog_closes_without_asking(
    qtbot: QtBot, discard_question: DiscardQuestion
) -> None:
    dialog = shown_dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert discard_question.asked == 0


def test_typed_dialog_asks_and_keep_editing_keeps_the_text(
    qtbot: QtBot, discard_question: DiscardQuestion
) -> None:
    dialog = shown_dialog(qtbot)
    type_text(dialog.note_edit, "明天再议")
    discard_question.answer = False  # 继续编辑
    dialog.reject()
    assert dialog.isVisible() and dialog.note_edit.text() == "明天再议"
    assert dialog.close() is False  # the window's close button asks the same
    assert dialog.isVisible() and discard_question.asked == 2

    discard_question.answer = True  # 放弃
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert discard_question.asked == 3


def test_a_changed_choice_counts_as_an_edit(
    qtbot: QtBot, discard_question: DiscardQuestion
) -> None:
    dialog = shown_dialog(qtbot)
    dialog.kind_combo.setCurrentIndex(0)
    discard_question.answer = False
    dialog.reject()
    assert dialog.isVisible() and discard_question.asked == 1


def test_the_real_question_says_discard_or_keep_editing(qtbot: QtBot) -> None:
    def click(label: str) -> None:
        def then(box: QMessageBox) -> None:
            assert box.text() == "放弃已填写的内容吗？"
            (button,) = [b for b in box.buttons() if b.text() == label]
            button.click()

        when_shown(QMessageBox, then)

    click("继续编辑")
    assert REAL_CONFIRM(None) is False
    click("放弃")
    assert REAL_CONFIRM(None) is True


def test_new_topic_dialog_asks_on_escape_once_typed(
    qtbot: QtBot, discard_question: DiscardQuestion
) -> None:
    applied: list[NewTopic] = []
    seen: list[str] = []

    def on_shown(dialog: NewTopicDialog) -> None:
        type_text(dialog.title_edit, "小区停车难")
        discard_question.answer = False
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        seen.append(dialog.title_edit.text() if dialog.isVisible() else "closed")
        discard_question.answer = True
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_shown(NewTopicDialog, on_shown)
    accepted = NewTopicDialog.ask(
        None, categories=["环境卫生"], members=[], today=date(2026, 11, 29), apply=applied.append
    )
    assert accepted is False and applied == []
    assert seen == ["小区停车难"]
    assert discard_question.asked == 2


def test_untouched_new_topic_dialog_escapes_quietly(
    qtbot: QtBot, discard_question: DiscardQuestion, room_db: Database
) -> None:
    when_shown(NewTopicDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    accepted = NewTopicDialog.ask(
        None, categories=[], members=[], today=date(2026, 11, 29), apply=lambda _topic: None
    )
    assert accepted is False and discard_question.asked == 0
    with room_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Topic)) == 0


def test_closing_the_window_with_a_typed_slip_asks(
    qtbot: QtBot, discard_question: DiscardQuestion, room_db: Database
) -> None:
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(1)
    page = window.pages.currentWidget()
    assert isinstance(page, OpinionsPage)
    assert window.unsaved_pages() == []
    type_text(page.content_edit, "楼道灯坏了")
    assert window.unsaved_pages() == ["opinions"]

    discard_question.answer = False  # 继续编辑: the window stays, with the slip typed
    assert window.close() is False
    assert window.isVisible() and page.content_edit.text() == "楼道灯坏了"
    assert discard_question.asked == 1

    discard_question.answer = True
    assert window.close() is True
    assert not window.isVisible()
    with room_db.session() as session:
        assert session.scalar(select(func.count()).select_from(OpinionSlip)) == 0


def test_closing_the_window_with_nothing_typed_does_not_ask(
    qtbot: QtBot, discard_question: DiscardQuestion, room_db: Database
) -> None:
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.close() is True
    assert discard_question.asked == 0


def test_settings_page_knows_when_the_room_details_are_typed_not_saved(
    qtbot: QtBot, room_db: Database
) -> None:
    page = SettingsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.unsaved_input() is False
    type_text(page.village_edit, "新")
    assert page.unsaved_input() is True
    page.save_room_button.click()
    assert page.unsaved_input() is False


def test_form_helpers(qtbot: QtBot) -> None:
    edit = date_edit(date(2026, 11, 29))
    qtbot.addWidget(edit)
    assert to_date(edit) == date(2026, 11, 29)
    assert edit.text() == "2026年11月29日"
    label = message_label()
    qtbot.addWidget(label)
    show_message(label, "请填写标题")
    assert not label.isHidden() and label.text() == "请填写标题"
    show_message(label, "")
    assert label.isHidden()
