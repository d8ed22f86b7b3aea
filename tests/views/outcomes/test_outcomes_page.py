"""The outcomes page: list, overdue in red, filters, and follow-up through the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Outcome, ProgressNote
from desktop.models.enums import (
    EscalationKind,
    OutcomeStatus,
    ResultClass,
    Satisfaction,
)
from desktop.views.common.document_preview import DocumentPreviewDialog
from desktop.views.common.query_table_model import OVERDUE_RED, QueryTableModel
from desktop.views.outcomes.dialogs import (
    CompleteDialog,
    EscalateDialog,
    FeedbackDialog,
    OutcomeActionDialog,
    ProgressDialog,
)
from desktop.views.outcomes.page import OutcomesPage
from tests.desk_builders import TODAY, add_outcome, room_id_of
from tests.documents import pdf_probe as probe
from tests.views.gui_helpers import type_text, when_shown


def _page(qtbot: QtBot, db: Database) -> OutcomesPage:
    page = OutcomesPage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _seed(db: Database) -> dict[str, str]:
    room = room_id_of(db)
    with db.session() as s:
        return {
            "late": add_outcome(s, room, "疏浚排水管网", deadline=date(2026, 11, 1)).id,
            "fine": add_outcome(
                s, room, "增设路灯", deadline=date(2026, 12, 31), topic_title="夜间照明"
            ).id,
            "done": add_outcome(
                s, room, "施划停车泊位", deadline=date(2026, 1, 1), status=OutcomeStatus.COMPLETED
            ).id,
        }


def _select(page: OutcomesPage, outcome_id: str) -> None:
    row = page.row_of(outcome_id)
    assert row >= 0
    page.table.selectRow(row)
    assert page.selected_outcome_id() == outcome_id


def _answer(dialog_type: type[OutcomeActionDialog], fill: Callable[[Any], None]) -> None:
    """Fill the dialog once it shows and save; a failing check closes it so the test ends."""

    def act(dialog: Any) -> None:
        try:
            fill(dialog)
            dialog.save_button.click()
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_shown(dialog_type, act)


def test_list_marks_overdue_rows_red_and_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, room_db: Database
) -> None:
    ids = _seed(room_db)
    page = _page(qtbot, room_db)
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.rowCount() == 3
    assert page.count_label.text() == "共 3 条成果"
    for key, red in (("late", True), ("fine", False), ("done", False)):
        row = page.row_of(ids[key])
        for column in range(page.model.columnCount()):
            brush = page.model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
            if red:
                assert isinstance(brush, QBrush) and brush.color() == OVERDUE_RED
            else:
                assert brush is None
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["成果内容", "议题", "协商日期", "责任单位", "办理期限", "状态", "等级"]
    row = page.row_of(ids["late"])
    assert page.model.index(row, 2).data() == "2026年10月10日"
    assert page.model.index(row, 5).data() == "待办"

    page.overdue_check.setChecked(True)
    assert page.model.rowCount() == 1 and page.row_of(ids["late"]) == 0
    page.overdue_check.setChecked(False)
    page.status_combo.setCurrentIndex(page.status_combo.findData(OutcomeStatus.COMPLETED))
    assert page.model.rowCount() == 1 and page.row_of(ids["done"]) == 0
    page.status_combo.setCurrentIndex(0)
    type_text(page.search_edit, "照明")
    assert page.model.rowCount() == 1 and page.row_of(ids["fine"]) == 0
    qtmodeltester.check(page.detail_panel.timeline_model, force_py=True)


def test_follow_up_an_outcome_to_feedback_and_escalation(qtbot: QtBot, room_db: Database) -> None:
    ids = _seed(room_db)
    page = _page(qtbot, room_db)
    _select(page, ids["late"])
    panel = page.detail_panel
    assert panel.content_label.text() == "疏浚排水管网"
    assert "逾期" in panel.fields["deadline"].text()
    assert not panel.feedback_button.isEnabled()  # nothing to tell residents yet

    # An empty note is refused beside the field; the dialog stays open.
    def refuse_then_fill(dialog: ProgressDialog) -> None:
        dialog.save_button.click()
        assert dialog.isVisible()
        assert dialog.text_message.text() == "进展内容不能为空"
        dialog.date_edit.setDate(date(2026, 11, 20))
        dialog.text_edit.setPlainText("城建办已完成现场勘察")

    _answer(ProgressDialog, refuse_then_fill)
    qtbot.mouseClick(panel.progress_button, Qt.MouseButton.LeftButton)
    assert panel.fields["status"].text() == "办理中"
    assert panel.timeline_model.rowCount() == 1
    assert panel.timeline_model.index(0, 0).data() == "2026年11月20日"
    assert panel.timeline_model.index(0, 1).data() == "城建办已完成现场勘察"

    _answer(ProgressDialog, lambda d: d.text_edit.setPlainText("管网疏浚完成"))
    qtbot.mouseClick(panel.progress_button, Qt.MouseButton.LeftButton)
    assert panel.timeline_model.index(0, 1).data() == "管网疏浚完成"  # newest first

    def complete_a(dialog: CompleteDialog) -> None:
        dialog.class_combo.setCurrentIndex(dialog.class_combo.findData(ResultClass.A))

    _answer(CompleteDialog, complete_a)
    qtbot.mouseClick(panel.complete_button, Qt.MouseButton.LeftButton)
    assert panel.fields["status"].text() == "已办结"
    assert not panel.complete_button.isEnabled()
    row = page.row_of(ids["late"])
    assert page.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # not overdue

    def feedback(dialog: FeedbackDialog) -> None:
        dialog.text_edit.setPlainText("已在公示栏公布办理结果")
        index = dialog.satisfaction_combo.findData(Satisfaction.SATISFIED)
        dialog.satisfaction_combo.setCurrentIndex(index)

    _answer(FeedbackDialog, feedback)
    qtbot.mouseClick(panel.feedback_button, Qt.MouseButton.LeftButton)
    assert "满意" in panel.fields["feedback"].text()

    def escalate(dialog: EscalateDialog) -> None:
        dialog.save_button.click()
        assert dialog.reference_message.text() == "转为政协提案须填写编号"
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(EscalationKind.SOCIAL_INFO))
        type_text(dialog.reference_edit, "崇政信〔2026〕8号")

    _answer(EscalateDialog, escalate)
    qtbot.mouseClick(panel.escalate_button, Qt.MouseButton.LeftButton)
    assert "社情民意信息 崇政信〔2026〕8号" in panel.fields["escalation"].text()
    assert not panel.escalate_button.isEnabled()

    with room_db.session() as s:
        outcome = s.get(Outcome, ids["late"])
        assert outcome is not None
        assert outcome.status is OutcomeStatus.COMPLETED
        assert outcome.result_class is ResultClass.A and outcome.completed_on == TODAY
        assert outcome.feedback == "已在公示栏公布办理结果"
        assert outcome.satisfaction is Satisfaction.SATISFIED
        assert outcome.escalation_kind is EscalationKind.SOCIAL_INFO
        assert outcome.escalation_ref == "崇政信〔2026〕8号"
        notes = s.scalars(select(ProgressNote.text).order_by(ProgressNote.noted_on)).all()
        assert notes == ["城建办已完成现场勘察", "管网疏浚完成"]


def test_cancel_changes_nothing_and_open_record_clears_filters(
    qtbot: QtBot, room_db: Database
) -> None:
    ids = _seed(room_db)
    page = _page(qtbot, room_db)
    _select(page, ids["late"])
    when_shown(ProgressDialog, lambda d: (d.text_edit.setPlainText("草稿"), d.reject()))
    qtbot.mouseClick(page.detail_panel.progress_button, Qt.MouseButton.LeftButton)
    with room_db.session() as s:
        assert s.scalars(select(ProgressNote)).all() == []

    page.overdue_check.setChecked(True)
    page.open_record(ids["fine"])
    assert not page.overdue_check.isChecked()
    assert page.selected_outcome_id() == ids["fine"]
    assert page.table.selectionModel().selectedRows()[0].row() == page.row_of(ids["fine"])


def test_district_sees_rooms_outcomes_without_their_actions(
    qtbot: QtBot, district_db: Database
) -> None:
    from tests.builders import build_district_dataset

    build_district_dataset(district_db)
    page = _page(qtbot, district_db)
    assert page.model.rowCount() > 0
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "议事室"
    page.table.selectRow(0)
    panel = page.detail_panel
    assert panel.detail is not None and not panel.detail.owned
    assert panel.progress_button.isVisible()
    for button in (
        panel.complete_button,
        panel.not_possible_button,
        panel.feedback_button,
        panel.escalate_button,
    ):
        assert not button.isVisible()
    assert panel.ownership_note.isVisible()


def test_district_adds_progress_to_a_rooms_pending_outcome(
    qtbot: QtBot, district_db: Database
) -> None:
    from tests.builders import build_district_dataset

    build_district_dataset(district_db)
    page = _page(qtbot, district_db)
    page.status_combo.setCurrentIndex(page.status_combo.findData(OutcomeStatus.PENDING))
    assert page.model.rowCount() > 0
    page.table.selectRow(0)
    outcome_id = page.selected_outcome_id()
    _answer(ProgressDialog, lambda d: d.text_edit.setPlainText("区政协已督办"))
    qtbot.mouseClick(page.detail_panel.progress_button, Qt.MouseButton.LeftButton)
    with district_db.session() as s:
        note = s.scalars(select(ProgressNote).where(ProgressNote.outcome_id == outcome_id)).one()
        outcome = s.get(Outcome, outcome_id)
        assert outcome is not None and outcome.status is OutcomeStatus.PENDING  # the room's
        assert note.text == "区政协已督办"
        assert note.owner_node == district_db.installation().node_id  # type: ignore[union-attr]


def test_enter_on_an_outcome_adds_progress_and_ctrl_f_finds(
    qtbot: QtBot, room_db: Database
) -> None:
    ids = _seed(room_db)
    page = _page(qtbot, room_db)
    _select(page, ids["fine"])
    page.table.setFocus()
    _answer(ProgressDialog, lambda d: d.text_edit.setPlainText("已联系供电所"))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    with room_db.session() as s:
        assert s.scalars(select(ProgressNote.text)).all() == ["已联系供电所"]
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()


def test_feedback_notice_prints_from_the_outcomes_page(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _seed(room_db)
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        DocumentPreviewDialog,
        "ask",
        lambda _parent, **k: seen.append((k["title"], probe.full_text(k["pdf"]))),
    )
    page = _page(qtbot, room_db)
    button = page.detail_panel.print_feedback_button
    assert not button.isVisible()  # nothing chosen yet
    _select(page, ids["fine"])
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [(title, text)] = seen
    assert title.startswith("成果反馈公示") and "2026年10月10日" in title
    assert "协商成果反馈公示" in text
    # The notice of that outcome's meeting: its outcome and its topic, not the others'.
    assert "增设路灯" in probe.squeeze(text) and "夜间照明" in probe.squeeze(text)
    assert "疏浚排水管网" not in probe.squeeze(text)


def test_outcome_content_wraps_and_only_rows_in_view_are_measured(
    qtbot: QtBot, room_db: Database
) -> None:
    room = room_id_of(room_db)
    long_text = "对城山路沿线排水管网进行全面疏浚，更换破损井盖，并在雨季前完成低洼路段改造" * 3
    with room_db.session() as s:
        long_id = add_outcome(s, room, long_text, deadline=None, held_on=date(2026, 11, 30)).id
        for number in range(260):
            add_outcome(s, room, f"增设路灯{number}号", deadline=None)
    page = _page(qtbot, room_db)
    table = page.table
    assert table.wordWrap()
    row = page.row_of(long_id)
    assert row == 0  # the newest
    short_height = table.rowHeight(1)
    qtbot.waitUntil(lambda: table.rowHeight(row) >= 2 * short_height)
    # The whole text shows: the cell's wrapped height fits in the row.
    assert table.rowHeight(row) >= table.sizeHintForRow(row)
    # Rows far below the view are left alone: measuring all of them makes long lists slow.
    assert page.model.rowCount() >= 200
    assert table.rowHeight(199) == table.verticalHeader().defaultSectionSize()
    # A wider window leaves the text fewer lines: the row is fitted again.
    before = table.rowHeight(row)
    width = table.columnWidth(0)
    page.resize(1900, 760)
    qtbot.waitUntil(lambda: table.columnWidth(0) > width)
    qtbot.waitUntil(lambda: table.rowHeight(row) < before)
    assert table.rowHeight(row) >= table.sizeHintForRow(row)


def test_open_record_finds_an_outcome_past_the_first_batch(qtbot: QtBot, room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        oldest = add_outcome(s, room, "最早的成果", deadline=None, held_on=date(2020, 1, 5)).id
        for number in range(QueryTableModel.BATCH + 5):
            add_outcome(s, room, f"增设路灯{number}号", deadline=None)
    page = _page(qtbot, room_db)
    assert page.row_of(oldest) == -1  # not in the first batch
    page.open_record(oldest)
    assert page.selected_outcome_id() == oldest
    assert page.table.selectionModel().selectedRows()[0].row() == page.row_of(oldest)
