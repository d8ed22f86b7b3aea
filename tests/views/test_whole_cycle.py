"""One whole consultation cycle through the real pages, as a secretary does it, then the database.

Three slips → merged into a topic → announced → claimed by a member → a meeting scheduled →
people signed in (one on leave, one walk-in) → speeches and consensus → two outcomes →
minutes finalised → progress and feedback on the outcomes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import (
    AgendaItem,
    Assignment,
    Attendance,
    Claim,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    Participant,
    ProgressNote,
    Speech,
    Topic,
)
from desktop.models.enums import (
    AttendanceStatus,
    Consensus,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    OutcomeStatus,
    ParticipantKind,
    ResultClass,
    Satisfaction,
    TopicSource,
    TopicStatus,
)
from desktop.models.stamping import StampContext
from desktop.views.meetings.editor import MeetingEditor, ReasonDialog
from desktop.views.opinions.dialogs import MergeSlipsDialog
from desktop.views.outcomes.dialogs import CompleteDialog, FeedbackDialog, ProgressDialog
from desktop.views.shell.main_window import MainWindow
from desktop.views.topics.dialogs import AnnounceDialog, ClaimDialog
from tests.views.gui_helpers import type_text, when_shown

DISTRICT_NODE = "district-node-of-the-roster"
MEMBERS = ("周建华", "陈丽萍", "吴志强")


@pytest.fixture
def roster(room_db: Database) -> dict[str, str]:
    """The district's roster as a room holds it, plus the room's own grid worker and residents."""
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    ids: dict[str, str] = {}
    received = StampContext(node_id=DISTRICT_NODE, user="区政协", importing=True)
    with room_db.session_as(received) as session:
        for name, sector in zip(MEMBERS, ("中共", "民盟", "经济界"), strict=True):
            member = Member(
                name=name,
                gender=Gender.MALE,
                sector=sector,
                level=MemberLevel.DISTRICT,
                owner_node=DISTRICT_NODE,
            )
            session.add(member)
            session.flush()
            session.add(
                Assignment(
                    member_id=member.id,
                    room_id=installation.room_id,
                    start_date=date(2026, 1, 1),
                    owner_node=DISTRICT_NODE,
                )
            )
            ids[name] = member.id
    with room_db.session() as session:
        for name, kind, position in (
            ("严红", ParticipantKind.GRID_WORKER, "第一网格专职网格员"),
            ("王秀英", ParticipantKind.RESIDENT, "居民代表"),
        ):
            person = Participant(
                room_id=installation.room_id, name=name, kind=kind, position=position
            )
            session.add(person)
            session.flush()
            ids[name] = person.id
    return ids


def open_page(window: MainWindow, key: str) -> QWidget:
    window.show_page([spec.key for spec in window.specs].index(key))
    page = window.pages.currentWidget()
    assert page is not None
    return page


def press_ok(dialog: object) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def select_rows(view: QTableView, wanted: set[int]) -> None:
    selection = view.selectionModel()
    selection.clearSelection()
    for row in wanted:
        selection.select(
            view.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def row_named(view: QTableView, name: str) -> int:
    model = view.model()
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def test_from_slips_to_resident_feedback(
    qtbot: QtBot,
    room_db: Database,
    roster: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    today = clock.today()
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    # 社情民意: three paper slips typed in, Enter after each.
    slips_page = open_page(window, "opinions")
    slips_page.collector_combo.setCurrentIndex(slips_page.collector_combo.findText("严红"))
    slips_page.collector_combo.activated.emit(slips_page.collector_combo.currentIndex())
    for content, reporter in (
        ("3号楼没有电梯，老人上下楼困难", "张桂兰"),
        ("希望老旧小区能加装电梯", "刘德明"),
        ("加装电梯费用怎么分摊，低层住户有意见", "孙建国"),
    ):
        type_text(slips_page.content_edit, content)
        type_text(slips_page.reporter_edit, reporter)
        qtbot.mouseClick(slips_page.save_button, Qt.MouseButton.LeftButton)
    assert slips_page.model.rowCount() == 3

    # Merge all three into one grid topic.
    select_rows(slips_page.table, {0, 1, 2})

    def name_topic(dialog: MergeSlipsDialog) -> None:
        type_text(dialog.title_edit, "老旧小区加装电梯")
        press_ok(dialog)

    when_shown(MergeSlipsDialog, name_topic)
    slips_page.merge_selected()

    # 议题: shortlist, announce with a claim deadline, a member claims it.
    topics_page = open_page(window, "topics")
    with room_db.session() as session:
        topic_id = session.scalars(select(Topic.id)).one()
    topics_page.select_topic(topic_id)
    qtbot.mouseClick(topics_page.detail_panel.shortlist_button, Qt.MouseButton.LeftButton)
    when_shown(AnnounceDialog, press_ok)
    topics_page.announce_current()

    def claim_by_zhou(dialog: ClaimDialog) -> None:
        dialog.member_combo.setCurrentIndex(
            dialog.member_combo.findText("周建华", Qt.MatchFlag.MatchStartsWith)
        )
        press_ok(dialog)

    when_shown(ClaimDialog, claim_by_zhou)
    topics_page.claim_current()

    # 议事活动: schedule today's bench meeting with the topic on its agenda.
    meetings_page = open_page(window, "meetings")
    editor = meetings_page.new_meeting()
    assert isinstance(editor, MeetingEditor)
    basics = editor.basics
    type_text(basics.title_edit, "老旧小区加装电梯协商议事会")
    type_text(basics.place_edit, "社区协商议事室")
    type_text(basics.host_edit, "王书记")
    type_text(basics.recorder_edit, "李敏")
    basics.date_edit.setDate(QDate(today.year, today.month, today.day))
    basics.form_combo.setCurrentIndex(basics.form_combo.findData(MeetingForm.BENCH))
    basics.form_combo.activated.emit(basics.form_combo.currentIndex())
    editor.tabs.setCurrentWidget(editor.agenda_tab)
    agenda_tab = editor.agenda_tab
    agenda_tab.topic_combo.setCurrentIndex(agenda_tab.topic_combo.findData(topic_id))
    qtbot.mouseClick(agenda_tab.add_topic_button, Qt.MouseButton.LeftButton)
    assert agenda_tab.model.rowCount() == 1

    # 签到: expected people pre-filled; two members and a resident present, one on leave,
    # a department representative walks in.
    editor.tabs.setCurrentWidget(editor.attendance_tab)
    sign_in = editor.attendance_tab
    qtbot.mouseClick(sign_in.prefill_button, Qt.MouseButton.LeftButton)
    view = sign_in.view
    select_rows(view, {row_named(view, n) for n in ("周建华", "陈丽萍")})
    qtbot.mouseClick(sign_in.sign_in_button, Qt.MouseButton.LeftButton)
    select_rows(view, {row_named(view, "吴志强")})
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "外出学习"))
    qtbot.mouseClick(sign_in.leave_button, Qt.MouseButton.LeftButton)
    type_text(sign_in.walk_in_edit, "赵刚 区住建局/科长")
    qtbot.keyClick(sign_in.walk_in_edit, Qt.Key.Key_Return)

    # 发言与共识.
    editor.tabs.setCurrentWidget(editor.minutes_tab)
    minutes = editor.minutes_tab
    for speaker, points in (("周建华", "建议按楼层分摊费用"), ("赵刚", "区里有加装电梯补贴政策")):
        minutes.speaker_combo.setEditText("")
        type_text(minutes.speaker_combo.lineEdit(), speaker)
        type_text(minutes.summary_edit, points)
        qtbot.keyClick(minutes.summary_edit, Qt.Key.Key_Return)
    minutes.consensus_combo.setCurrentIndex(minutes.consensus_combo.findData(Consensus.AGREED))
    minutes.consensus_combo.activated.emit(minutes.consensus_combo.currentIndex())
    minutes.consensus_edit.setPlainText("同意启动3号楼加装电梯，费用按楼层分摊")
    minutes.votes["votes_for"].setValue(11)

    # 成果: two outcomes.
    editor.tabs.setCurrentWidget(editor.outcomes_tab)
    outcomes_tab = editor.outcomes_tab
    for content, unit in (
        ("申请区加装电梯补贴", "区住建局"),
        ("组织住户签订分摊协议", "社区居委会"),
    ):
        type_text(outcomes_tab.content_edit, content)
        type_text(outcomes_tab.unit_edit, unit)
        qtbot.mouseClick(outcomes_tab.add_button, Qt.MouseButton.LeftButton)
        outcomes_tab.unit_edit.clear()

    # Held, then 定稿.
    editor.tabs.setCurrentWidget(basics)
    qtbot.mouseClick(basics.status_buttons[MeetingStatus.HELD], Qt.MouseButton.LeftButton)
    monkeypatch.setattr(MeetingEditor, "_confirm_finalise", lambda self: True)
    qtbot.mouseClick(basics.status_buttons[MeetingStatus.MINUTES_FINAL], Qt.MouseButton.LeftButton)
    assert editor.is_final
    editor.close()

    follow_up(qtbot, window, room_db)
    assert_database(room_db, roster, today)


def follow_up(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    """成果落实: progress on both outcomes, one completed and fed back to residents."""
    with db.session() as session:
        ids = {o.content: o.id for o in session.scalars(select(Outcome))}
    page = open_page(window, "outcomes")
    panel = page.detail_panel

    def note(text: str) -> Callable[[ProgressDialog], None]:
        def write(dialog: ProgressDialog) -> None:
            dialog.text_edit.setPlainText(text)
            dialog.save_button.click()

        return write

    for content, text in (
        ("申请区加装电梯补贴", "补贴申请材料已报区住建局"),
        ("组织住户签订分摊协议", "已召开住户会议"),
    ):
        page.table.selectRow(page.row_of(ids[content]))
        when_shown(ProgressDialog, note(text))
        qtbot.mouseClick(panel.progress_button, Qt.MouseButton.LeftButton)

    page.table.selectRow(page.row_of(ids["申请区加装电梯补贴"]))

    def complete(dialog: CompleteDialog) -> None:
        dialog.class_combo.setCurrentIndex(dialog.class_combo.findData("A"))
        dialog.save_button.click()

    when_shown(CompleteDialog, complete)
    qtbot.mouseClick(panel.complete_button, Qt.MouseButton.LeftButton)

    def feedback(dialog: FeedbackDialog) -> None:
        dialog.text_edit.setPlainText("补贴已到位，已在公示栏向居民反馈")
        dialog.satisfaction_combo.setCurrentIndex(dialog.satisfaction_combo.findData("satisfied"))
        dialog.save_button.click()

    when_shown(FeedbackDialog, feedback)
    qtbot.mouseClick(panel.feedback_button, Qt.MouseButton.LeftButton)


def assert_database(db: Database, roster: dict[str, str], today: date) -> None:
    with db.session() as s:
        slips = s.scalars(select(OpinionSlip)).all()
        topic = s.scalars(select(Topic)).one()
        assert len(slips) == 3 and {slip.topic_id for slip in slips} == {topic.id}
        assert topic.title == "老旧小区加装电梯" and topic.source is TopicSource.GRID
        assert topic.status is TopicStatus.DISCUSSED
        assert topic.announced_on == today and topic.claim_deadline is not None
        assert s.scalars(select(Claim.member_id)).all() == [roster["周建华"]]

        meeting = s.scalars(select(Meeting)).one()
        assert (meeting.title, meeting.held_on, meeting.form, meeting.status) == (
            "老旧小区加装电梯协商议事会",
            today,
            MeetingForm.BENCH,
            MeetingStatus.MINUTES_FINAL,
        )
        item = s.scalars(select(AgendaItem)).one()
        assert item.topic_id == topic.id and item.consensus is Consensus.AGREED
        assert item.consensus_text == "同意启动3号楼加装电梯，费用按楼层分摊"
        assert item.votes_for == 11
        speeches = s.scalars(select(Speech).order_by(Speech.position)).all()
        assert [(sp.speaker_name, sp.summary) for sp in speeches] == [
            ("周建华", "建议按楼层分摊费用"),
            ("赵刚", "区里有加装电梯补贴政策"),
        ]

        attendance = {
            (a.member_id or a.participant_id): a for a in s.scalars(select(Attendance)).all()
        }
        assert attendance[roster["周建华"]].status is AttendanceStatus.PRESENT
        assert attendance[roster["陈丽萍"]].status is AttendanceStatus.PRESENT
        assert attendance[roster["吴志强"]].status is AttendanceStatus.LEAVE
        assert attendance[roster["吴志强"]].leave_reason == "外出学习"
        walk_in = s.scalars(select(Participant).where(Participant.name == "赵刚")).one()
        assert (
            walk_in.unit == "区住建局" and attendance[walk_in.id].status is AttendanceStatus.PRESENT
        )
        assert not attendance[walk_in.id].expected

        outcomes = {o.content: o for o in s.scalars(select(Outcome)).all()}
        assert set(outcomes) == {"申请区加装电梯补贴", "组织住户签订分摊协议"}
        assert {o.agenda_item_id for o in outcomes.values()} == {item.id}
        done = outcomes["申请区加装电梯补贴"]
        assert done.status is OutcomeStatus.COMPLETED and done.result_class is ResultClass.A
        assert done.feedback and done.satisfaction is Satisfaction.SATISFIED
        assert outcomes["组织住户签订分摊协议"].status is OutcomeStatus.IN_PROGRESS
        notes = s.scalars(select(ProgressNote.text)).all()
        assert sorted(notes) == sorted(["补贴申请材料已报区住建局", "已召开住户会议"])
