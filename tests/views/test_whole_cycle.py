"""One whole consultation cycle through the real pages with the keyboard alone, then the database.

Three slips → merged into a topic → announced → claimed by a member → a meeting scheduled →
people signed in (one on leave, one walk-in) → speeches and consensus → two outcomes →
minutes finalised → progress and feedback on the outcomes.

Every step is a key press where the focus is: pages by Ctrl+1…9, fields and buttons by Tab,
buttons by Space, rows by the arrow keys, saving by Enter or Ctrl+S, dialogs typed into and
confirmed by Enter. Only the status moves' questions (Confirmation) are answered by the
fixture in conftest.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QTableView
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
from desktop.views.meetings.editor import MeetingEditor
from desktop.views.meetings.page import MeetingsPage
from desktop.views.meetings.reason_dialog import ReasonDialog
from desktop.views.opinions.dialogs import MergeSlipsDialog
from desktop.views.opinions.page import OpinionsPage
from desktop.views.outcomes.dialogs import CompleteDialog, FeedbackDialog, ProgressDialog
from desktop.views.outcomes.page import OutcomesPage
from desktop.views.shell.main_window import MainWindow
from desktop.views.topics.dialogs import AnnounceDialog, ClaimDialog
from desktop.views.topics.page import TopicsPage
from tests.views.keyboard import (
    activate_again,
    choose,
    focused,
    press,
    tab_to,
    type_here,
    wait_active,
    when_active,
)

DISTRICT_NODE = "district-node-of-the-roster"
MEMBERS = ("周建华", "陈丽萍", "吴志强")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


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


def show_page(qtbot: QtBot, window: MainWindow, number: int) -> None:
    """Ctrl+<number>, the sidebar's shortcut."""
    press(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)


def go_to_row(qtbot: QtBot, view: QTableView, row: int, *, keep: bool = False) -> None:
    """Walk the focused list to a row with the arrow keys: Ctrl+arrows move without touching the
    selection (`keep`), a plain arrow selects the row alone."""
    assert focused() is view
    modifier = CTRL if keep else Qt.KeyboardModifier.NoModifier
    current = view.currentIndex().row()
    if current < 0:
        press(qtbot, Qt.Key.Key_Home, modifier)
        current = 0
    steps = row - current
    press(qtbot, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up, modifier, times=abs(steps))
    if not keep and steps == 0:
        press(qtbot, Qt.Key.Key_Space)  # selects the row the cursor is on
    assert view.currentIndex().row() == row


def row_named(view: QTableView, name: str, column: int = 0) -> int:
    model = view.model()
    return next(r for r in range(model.rowCount()) if model.index(r, column).data() == name)


def test_from_slips_to_resident_feedback(
    qtbot: QtBot, room_db: Database, roster: dict[str, str]
) -> None:
    today = clock.today()
    window = MainWindow(room_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_active(qtbot, window)

    enter_and_merge_slips(qtbot, window)
    topic_id = announce_and_claim(qtbot, window, room_db)
    editor = schedule_meeting(qtbot, window, topic_id)
    sign_in(qtbot, editor)
    speeches_and_consensus(qtbot, editor)
    outcomes_and_final(qtbot, editor)
    follow_up(qtbot, window, room_db)
    assert_database(room_db, roster, today)


def enter_and_merge_slips(qtbot: QtBot, window: MainWindow) -> None:
    """社情民意: three paper slips typed in, Enter after each field; merged into one topic."""
    show_page(qtbot, window, 2)
    page = window.pages.currentWidget()
    assert isinstance(page, OpinionsPage)
    tab_to(qtbot, page.collector_combo)
    choose(qtbot, page.collector_combo, page.collector_combo.findText("严红"))
    press(qtbot, Qt.Key.Key_Return)  # on to the content
    for content, reporter, save in (
        ("3号楼没有电梯，老人上下楼困难", "张桂兰", Qt.Key.Key_Return),
        ("希望老旧小区能加装电梯", "刘德明", Qt.Key.Key_Return),
        ("加装电梯费用怎么分摊，低层住户有意见", "孙建国", Qt.Key.Key_S),
    ):
        assert focused() is page.content_edit
        type_here(content)
        press(qtbot, Qt.Key.Key_Return)
        assert focused() is page.reporter_edit
        type_here(reporter)
        if save is Qt.Key.Key_S:
            press(qtbot, Qt.Key.Key_S, CTRL)  # saved from any field
        else:
            press(qtbot, Qt.Key.Key_Return)  # on to the category: Enter there saves
            press(qtbot, Qt.Key.Key_Return)
    assert page.model.rowCount() == 3
    assert page.grid_combo.currentText()  # the grid worker's grid, filled in for her

    # All three chosen in the list (Ctrl+A), then 合并为新议题.
    tab_to(qtbot, page.table)
    press(qtbot, Qt.Key.Key_A, CTRL)
    assert len(page.selected_slip_ids()) == 3
    tab_to(qtbot, page.merge_button, backwards=True)

    def name_topic(dialog: MergeSlipsDialog) -> None:
        assert focused() is dialog.title_edit
        type_here("老旧小区加装电梯")
        press(qtbot, Qt.Key.Key_Return)

    when_active(MergeSlipsDialog, name_topic)
    press(qtbot, Qt.Key.Key_Space)
    assert page.model.rowCount() == 0  # handled: gone from 未处理


def announce_and_claim(qtbot: QtBot, window: MainWindow, db: Database) -> str:
    """议题: shortlist, announce with a claim deadline, a member claims it."""
    show_page(qtbot, window, 3)
    page = window.pages.currentWidget()
    assert isinstance(page, TopicsPage)
    with db.session() as session:
        topic_id = session.scalars(select(Topic.id)).one()
    tab_to(qtbot, page.table)
    go_to_row(qtbot, page.table, 0)
    assert page.current_id == topic_id
    panel = page.detail_panel
    tab_to(qtbot, panel.shortlist_button)
    press(qtbot, Qt.Key.Key_Space)

    assert focused() is panel.announce_button  # the next step, where the last one was
    when_active(AnnounceDialog, lambda _dialog: press(qtbot, Qt.Key.Key_Return))
    press(qtbot, Qt.Key.Key_Space)

    def claim_by_zhou(dialog: ClaimDialog) -> None:
        tab_to(qtbot, dialog.member_combo)
        choose(
            qtbot,
            dialog.member_combo,
            dialog.member_combo.findText("周建华", Qt.MatchFlag.MatchStartsWith),
        )
        press(qtbot, Qt.Key.Key_Return)

    assert focused() is panel.claim_button
    when_active(ClaimDialog, claim_by_zhou)
    press(qtbot, Qt.Key.Key_Space)
    return topic_id


def schedule_meeting(qtbot: QtBot, window: MainWindow, topic_id: str) -> MeetingEditor:
    """议事活动: today's bench meeting (Ctrl+N) with the topic on its agenda."""
    show_page(qtbot, window, 4)
    page = window.pages.currentWidget()
    assert isinstance(page, MeetingsPage)
    press(qtbot, Qt.Key.Key_N, CTRL)
    (editor,) = page.editors.values()
    qtbot.waitExposed(editor)
    wait_active(qtbot, editor)
    basics = editor.basics
    tab_to(qtbot, basics.title_edit)
    type_here("老旧小区加装电梯协商议事会")
    tab_to(qtbot, basics.place_edit)
    type_here("社区协商议事室")
    press(qtbot, Qt.Key.Key_Tab)
    choose(qtbot, basics.form_combo, basics.form_combo.findData(MeetingForm.BENCH))
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is basics.host_edit
    type_here("王书记")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is basics.recorder_edit
    type_here("李敏")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not editor.draft_pending and editor.unsaved_create is None

    press(qtbot, Qt.Key.Key_Tab, CTRL)  # 议程
    assert editor.tabs.currentWidget() is editor.agenda_tab
    agenda_tab = editor.agenda_tab
    tab_to(qtbot, agenda_tab.topic_combo)
    choose(qtbot, agenda_tab.topic_combo, agenda_tab.topic_combo.findData(topic_id))
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is agenda_tab.add_topic_button
    press(qtbot, Qt.Key.Key_Space)
    assert agenda_tab.model.rowCount() == 1
    return editor


def sign_in(qtbot: QtBot, editor: MeetingEditor) -> None:
    """签到: expected people pre-filled; two members and a resident present, one on leave,
    a department representative walks in."""
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    tab = editor.attendance_tab
    assert editor.tabs.currentWidget() is tab
    tab_to(qtbot, tab.prefill_button)
    press(qtbot, Qt.Key.Key_Space)
    view = tab.view
    tab_to(qtbot, view)
    go_to_row(qtbot, view, row_named(view, "周建华"))
    go_to_row(qtbot, view, row_named(view, "陈丽萍"), keep=True)
    press(qtbot, Qt.Key.Key_Space, CTRL)  # 陈丽萍 joins 周建华 in the selection
    assert len(view.selectionModel().selectedRows()) == 2
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is tab.sign_in_button
    press(qtbot, Qt.Key.Key_Space)

    tab_to(qtbot, view, backwards=True)
    go_to_row(qtbot, view, row_named(view, "吴志强"))
    tab_to(qtbot, tab.leave_button)

    def give_reason(dialog: ReasonDialog) -> None:
        assert focused() is dialog.reason_edit
        type_here("外出学习")
        press(qtbot, Qt.Key.Key_Return)

    when_active(ReasonDialog, give_reason)
    press(qtbot, Qt.Key.Key_Space)

    tab_to(qtbot, tab.walk_in_edit, backwards=True)
    type_here("赵刚 区住建局/科长")
    press(qtbot, Qt.Key.Key_Return)


def speeches_and_consensus(qtbot: QtBot, editor: MeetingEditor) -> None:
    """发言与共识: two speeches, Enter after each; consensus, its text and the show of hands."""
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    minutes = editor.minutes_tab
    assert editor.tabs.currentWidget() is minutes
    tab_to(qtbot, minutes.speaker_combo)
    for speaker, points in (("周建华", "建议按楼层分摊费用"), ("赵刚", "区里有加装电梯补贴政策")):
        assert focused() is minutes.speaker_combo
        type_here(speaker)
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is minutes.summary_edit
        type_here(points)
        press(qtbot, Qt.Key.Key_Return)  # adds it; back to the speaker for the next one
    assert minutes.model.rowCount() == 2
    tab_to(qtbot, minutes.consensus_combo)
    choose(qtbot, minutes.consensus_combo, minutes.consensus_combo.findData(Consensus.AGREED))
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is minutes.consensus_edit
    type_here("同意启动3号楼加装电梯，费用按楼层分摊")
    press(qtbot, Qt.Key.Key_Tab)  # leaves the text, no tab character typed
    assert focused() is minutes.votes["votes_for"]
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_1, times=2)  # 11 for
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert not editor.draft_pending


def outcomes_and_final(qtbot: QtBot, editor: MeetingEditor) -> None:
    """成果: two outcomes; then 已召开 and 定稿 on the details tab."""
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    outcomes_tab = editor.outcomes_tab
    assert editor.tabs.currentWidget() is outcomes_tab
    tab_to(qtbot, outcomes_tab.content_edit)
    for content, unit, by_enter in (
        ("申请区加装电梯补贴", "区住建局", False),
        ("组织住户签订分摊协议", "社区居委会", True),
    ):
        type_here(content)
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is outcomes_tab.unit_edit
        press(qtbot, Qt.Key.Key_A, CTRL)  # the last unit is still there: typed over
        type_here(unit)
        if by_enter:
            press(qtbot, Qt.Key.Key_Return)  # adds it from the unit's line
        else:
            tab_to(qtbot, outcomes_tab.add_button)
            press(qtbot, Qt.Key.Key_Space)
        assert focused() is outcomes_tab.content_edit  # ready for the next one
    assert outcomes_tab.model.rowCount() == 2

    press(qtbot, Qt.Key.Key_Tab, CTRL | SHIFT, times=4)  # back to 基本信息
    basics = editor.basics
    assert editor.tabs.currentWidget() is basics
    tab_to(qtbot, basics.status_buttons[MeetingStatus.HELD])
    press(qtbot, Qt.Key.Key_Space)
    assert editor.status is MeetingStatus.HELD
    assert focused() is basics.status_buttons[MeetingStatus.MINUTES_FINAL]  # the next step
    # 定稿 asks in a message box of its own: Enter takes its default, 是.
    when_active(QMessageBox, lambda _box: press(qtbot, Qt.Key.Key_Return))
    press(qtbot, Qt.Key.Key_Space)
    assert editor.is_final
    press(qtbot, Qt.Key.Key_Escape)  # closes the editor
    qtbot.waitUntil(lambda: not editor.isVisible())


def follow_up(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    """成果落实: progress on both outcomes, one completed and fed back to residents."""
    activate_again(qtbot, window)  # the editor closed
    with db.session() as session:
        ids = {o.content: o.id for o in session.scalars(select(Outcome))}
    show_page(qtbot, window, 5)
    page = window.pages.currentWidget()
    assert isinstance(page, OutcomesPage)
    panel = page.detail_panel

    tab_to(qtbot, page.table)
    for content, text in (
        ("申请区加装电梯补贴", "补贴申请材料已报区住建局"),
        ("组织住户签订分摊协议", "已召开住户会议"),
    ):
        tab_to(qtbot, page.table, backwards=True)  # back from the outcome's buttons
        go_to_row(qtbot, page.table, page.row_of(ids[content]))
        tab_to(qtbot, panel.progress_button)

        def note(dialog: ProgressDialog, text: str = text) -> None:
            assert focused() is dialog.text_edit
            type_here(text)
            press(qtbot, Qt.Key.Key_S, CTRL)

        when_active(ProgressDialog, note)
        press(qtbot, Qt.Key.Key_Space)

    tab_to(qtbot, page.table, backwards=True)
    go_to_row(qtbot, page.table, page.row_of(ids["申请区加装电梯补贴"]))
    tab_to(qtbot, panel.complete_button)

    def complete(dialog: CompleteDialog) -> None:
        tab_to(qtbot, dialog.class_combo)
        choose(qtbot, dialog.class_combo, dialog.class_combo.findData("A"))
        press(qtbot, Qt.Key.Key_Return)

    when_active(CompleteDialog, complete)
    press(qtbot, Qt.Key.Key_Space)

    tab_to(qtbot, panel.feedback_button)

    def feedback(dialog: FeedbackDialog) -> None:
        assert focused() is dialog.text_edit
        type_here("补贴已到位，已在公示栏向居民反馈")
        combo: QComboBox = dialog.satisfaction_combo
        tab_to(qtbot, combo)
        choose(qtbot, combo, combo.findData("satisfied"))
        press(qtbot, Qt.Key.Key_S, CTRL)

    when_active(FeedbackDialog, feedback)
    press(qtbot, Qt.Key.Key_Space)


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
