"""The outcome, activity and room forms keep what was typed when the record changed elsewhere
or the database is busy: the message says who and when (or to wait), the dialog stays open,
nothing is written."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import db as db_module
from desktop.db import Database, make_engine
from desktop.errors import BUSY_MESSAGE
from desktop.models import Activity, Outcome, ProgressNote
from desktop.models.enums import OutcomeStatus
from desktop.views.activities.activity_dialog import ActivityDialog
from desktop.views.activities.page import ActivitiesPage
from desktop.views.outcomes.dialogs import FeedbackDialog, ProgressDialog
from desktop.views.outcomes.page import OutcomesPage
from desktop.views.settings.page import SettingsPage
from desktop.workflow import outcomes as outcome_rules
from desktop.workflow.records import save_record
from desktop.workflow.rooms import save_room_details
from tests.activity_builders import TODAY, Roster, activity_data, build_roster
from tests.desk_builders import add_outcome, room_id_of
from tests.views.gui_helpers import DiscardQuestion, type_text, when_shown

DAY = date(2026, 11, 20)


@pytest.fixture
def other(room_db: Database) -> Iterator[Database]:
    """Another window (or a command-line import) on the same database, used by 张三."""
    second = Database(room_db.home, make_engine(room_db.home.database))
    second.user = "张三"
    yield second
    second.close()


@pytest.fixture
def write_lock(room_db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite3.Connection]:
    """A long import: `execute("BEGIN IMMEDIATE")` starts it, holding the write lock, and
    `rollback()` ends it. The GUI thread gives up after 50 ms (2 s in the application)."""
    monkeypatch.setattr(db_module, "BRIEF_BUSY_TIMEOUT_MS", 50)
    room_db.wait_briefly_on_this_thread()
    lock = sqlite3.connect(room_db.home.database, isolation_level=None)
    yield lock
    if lock.in_transaction:
        lock.rollback()
    lock.close()


def _act(dialog_type: type, steps: Callable[[Any], None]) -> None:
    """Run `steps` in the dialog once it shows; it is closed afterwards if still open, so a
    failing step ends the test instead of blocking it."""

    def act(dialog: Any) -> None:
        try:
            steps(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_shown(dialog_type, act)


# Outcomes --------------------------------------------------------------------------------


def _outcomes_page(qtbot: QtBot, db: Database) -> OutcomesPage:
    page = OutcomesPage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _started_outcome(db: Database) -> str:
    with db.session() as s:
        return add_outcome(
            s, room_id_of(db), "疏浚排水管网", deadline=None, status=OutcomeStatus.IN_PROGRESS
        ).id


def _feedback(db: Database, outcome_id: str) -> str | None:
    with db.session() as s:
        return s.get_one(Outcome, outcome_id).feedback


def test_feedback_on_an_outcome_changed_meanwhile_is_refused_and_kept(
    qtbot: QtBot, room_db: Database, other: Database, discard_question: DiscardQuestion
) -> None:
    outcome_id = _started_outcome(room_db)
    page = _outcomes_page(qtbot, room_db)
    page.table.selectRow(page.row_of(outcome_id))
    seen: dict[str, Any] = {}

    def type_and_save(dialog: FeedbackDialog) -> None:
        # While the user types, 张三 records feedback in another window.
        outcome_rules.give_feedback(other, outcome_id, on=DAY, text="张三的反馈", satisfaction=None)
        dialog.text_edit.setPlainText("已在居民会上通报，居民表示满意")
        dialog.save_button.click()
        seen["open"] = dialog.isVisible()
        seen["message"] = dialog.general_message.text()
        seen["shown"] = dialog.general_message.isVisibleTo(dialog)
        seen["field"] = dialog.text_message.isVisibleTo(dialog)
        seen["typed"] = dialog.text_edit.toPlainText()

    _act(FeedbackDialog, type_and_save)
    qtbot.mouseClick(page.detail_panel.feedback_button, Qt.MouseButton.LeftButton)

    assert seen["open"] and seen["shown"] and not seen["field"]
    assert "张三" in seen["message"] and "修改" in seen["message"]
    assert seen["typed"] == "已在居民会上通报，居民表示满意"
    assert discard_question.asked == 1  # closing it asked before the typed text went
    assert _feedback(room_db, outcome_id) == "张三的反馈"
    # The panel now shows 张三's feedback; opened again, the dialog starts from it and saves.
    assert "张三的反馈" in page.detail_panel.fields["feedback"].text()

    def save_again(dialog: FeedbackDialog) -> None:
        seen["prefilled"] = dialog.text_edit.toPlainText()
        dialog.text_edit.setPlainText("张三的反馈；另已张贴公示")
        dialog.save_button.click()

    _act(FeedbackDialog, save_again)
    qtbot.mouseClick(page.detail_panel.feedback_button, Qt.MouseButton.LeftButton)
    assert seen["prefilled"] == "张三的反馈"
    assert _feedback(room_db, outcome_id) == "张三的反馈；另已张贴公示"


def test_an_outcome_changed_before_the_dialog_opened_is_no_refusal(
    qtbot: QtBot, room_db: Database, other: Database
) -> None:
    outcome_id = _started_outcome(room_db)
    page = _outcomes_page(qtbot, room_db)
    page.table.selectRow(page.row_of(outcome_id))
    # The panel still shows the outcome as it was; the dialog reads it again when it opens.
    outcome_rules.give_feedback(other, outcome_id, on=DAY, text="张三的反馈", satisfaction=None)
    seen: dict[str, Any] = {}

    def add_note(dialog: ProgressDialog) -> None:
        dialog.text_edit.setPlainText("管网疏浚完成")
        dialog.save_button.click()
        seen["open"] = dialog.isVisible()

    _act(ProgressDialog, add_note)
    qtbot.mouseClick(page.detail_panel.progress_button, Qt.MouseButton.LeftButton)
    assert seen["open"] is False
    assert page.detail_panel.timeline_model.index(0, 1).data() == "管网疏浚完成"


def test_a_progress_note_behind_an_import_waits_with_the_text_kept(
    qtbot: QtBot, room_db: Database, write_lock: sqlite3.Connection
) -> None:
    outcome_id = _started_outcome(room_db)
    page = _outcomes_page(qtbot, room_db)
    page.table.selectRow(page.row_of(outcome_id))
    write_lock.execute("BEGIN IMMEDIATE")  # an import starts
    seen: dict[str, Any] = {}

    def save_during_import(dialog: ProgressDialog) -> None:
        dialog.text_edit.setPlainText("城建办已完成现场勘察")
        dialog.save_button.click()
        seen["busy"] = (dialog.isVisible(), dialog.general_message.text())
        seen["typed"] = dialog.text_edit.toPlainText()
        write_lock.rollback()  # the import ends; the same Save goes through
        dialog.save_button.click()
        seen["after"] = dialog.isVisible()

    _act(ProgressDialog, save_during_import)
    qtbot.mouseClick(page.detail_panel.progress_button, Qt.MouseButton.LeftButton)

    assert seen["busy"] == (True, BUSY_MESSAGE)
    assert seen["typed"] == "城建办已完成现场勘察"
    assert seen["after"] is False
    with room_db.session() as s:
        notes = s.query(ProgressNote.text).filter(ProgressNote.outcome_id == outcome_id).all()
    assert [n.text for n in notes] == ["城建办已完成现场勘察"]


# Activities ------------------------------------------------------------------------------


def _activity(db: Database, roster: Roster) -> str:
    return save_record(
        db,
        activity_data(roster),
        room_id=roster.room_id,
        record_id=None,
        suggestions=(),
        today=TODAY,
    )


def _activities_page(qtbot: QtBot, db: Database) -> ActivitiesPage:
    page = ActivitiesPage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _title(db: Database, activity_id: str) -> str:
    with db.session() as s:
        return s.get_one(Activity, activity_id).title


def test_an_activity_changed_meanwhile_is_refused_and_kept(
    qtbot: QtBot, room_db: Database, other: Database
) -> None:
    roster = build_roster(room_db)
    activity_id = _activity(room_db, roster)
    page = _activities_page(qtbot, room_db)
    tab = page.activities_tab
    tab.table.selectRow(0)
    seen: dict[str, Any] = {}

    def retitle(dialog: ActivityDialog) -> None:
        save_record(
            other,
            activity_data(roster, title="张三改的主题"),
            room_id=roster.room_id,
            record_id=activity_id,
            suggestions=(),
            today=TODAY,
        )
        dialog.title_edit.clear()
        type_text(dialog.title_edit, "我改的主题")
        type_text(dialog.suggestions.content_edit, "增设社区阅览角")
        dialog.suggestions.add_button.click()
        dialog.save_button.click()
        seen["open"] = dialog.isVisible()
        seen["message"] = dialog.general_message.text()
        seen["typed"] = (dialog.title_edit.text(), len(dialog.suggestions.pending))

    _act(ActivityDialog, retitle)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)

    assert seen["open"] and "张三" in seen["message"] and "修改" in seen["message"]
    assert seen["typed"] == ("我改的主题", 1)
    assert _title(room_db, activity_id) == "张三改的主题"
    with room_db.session() as s:
        assert s.query(Outcome).filter(Outcome.activity_id == activity_id).count() == 0


def test_an_activity_saved_behind_an_import_is_refused_and_kept(
    qtbot: QtBot, room_db: Database, write_lock: sqlite3.Connection
) -> None:
    roster = build_roster(room_db)
    activity_id = _activity(room_db, roster)
    page = _activities_page(qtbot, room_db)
    tab = page.activities_tab
    tab.table.selectRow(0)
    write_lock.execute("BEGIN IMMEDIATE")  # an import starts
    seen: dict[str, Any] = {}

    def retitle(dialog: ActivityDialog) -> None:
        dialog.title_edit.clear()
        type_text(dialog.title_edit, "导入时改的主题")
        dialog.save_button.click()
        seen["busy"] = (dialog.isVisible(), dialog.general_message.text())
        seen["typed"] = dialog.title_edit.text()

    _act(ActivityDialog, retitle)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)

    assert seen["busy"] == (True, BUSY_MESSAGE)
    assert seen["typed"] == "导入时改的主题"
    write_lock.rollback()
    assert _title(room_db, activity_id) == "共读《乡土中国》"


# The room's details ----------------------------------------------------------------------


def test_room_details_changed_meanwhile_are_refused_and_kept(
    qtbot: QtBot, room_db: Database, other: Database
) -> None:
    page = SettingsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    save_room_details(other, name="张三改的议事室", village="和平桥社区", township="和平桥街道")

    page.room_name_edit.clear()
    type_text(page.room_name_edit, "我改的议事室")
    qtbot.mouseClick(page.save_room_button, Qt.MouseButton.LeftButton)

    assert "张三" in page.room_message.text() and page.room_message.isVisibleTo(page)
    assert page.room_name_edit.text() == "我改的议事室"
    assert page.unsaved_input()
    installation = room_db.installation()
    assert installation is not None and installation.name == "张三改的议事室"
