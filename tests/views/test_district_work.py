"""The district records its own work in the same editors as a room: a 专题协商会 with its agenda
and minutes, and an activity of a township, while the rooms' records stay read-only."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock
from desktop.db import Database
from desktop.models import Activity, AgendaItem, Meeting, Member, Room, Speech, Topic
from desktop.models.enums import (
    Consensus,
    Gender,
    MeetingForm,
    MeetingStatus,
    MemberLevel,
    RoomKind,
)
from desktop.models.stamping import StampContext
from desktop.queries.district_work import OfficeChoice
from desktop.views.activities.activity_dialog import ActivityDialog
from desktop.views.activities.page import ActivitiesPage
from desktop.views.common.office_dialog import OfficeDialog
from desktop.views.meetings.page import MeetingsPage
from tests.views.gui_helpers import type_text, when_shown
from tests.views.keyboard import wait_active

ROOM_NODE = "6f1c2a3e-0000-4000-8000-00000000d001"


def _choose(monkeypatch: pytest.MonkeyPatch, township_id: str | None) -> list[list[str]]:
    """OfficeDialog.ask answers with the district office (None) or the township; the names
    it was offered are kept."""
    offered: list[list[str]] = []

    def ask(_cls: Any, _parent: Any, choices: list[OfficeChoice]) -> OfficeChoice:
        offered.append([c.name for c in choices])
        return next(c for c in choices if c.township_id == township_id)

    monkeypatch.setattr(OfficeDialog, "ask", classmethod(ask))
    return offered


def test_district_holds_a_consultation_meeting_with_agenda_and_minutes(
    qtbot: QtBot, district_db: Database, district_room_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A room's meeting, as it arrived in its bundle: read-only here.
    with district_db.session_as(StampContext(node_id=ROOM_NODE, user="t", importing=True)) as s:
        room_meeting = Meeting(
            room_id=district_room_id,
            held_on=clock.today(),
            form=MeetingForm.ONSITE,
            status=MeetingStatus.PLANNED,
            title="社区议事",
            owner_node=ROOM_NODE,
        )
        s.add(room_meeting)
        s.flush()
        room_meeting_id = room_meeting.id
    offered = _choose(monkeypatch, None)
    page = MeetingsPage(district_db)
    qtbot.addWidget(page)
    page.show()
    assert page.new_button.isVisible()
    editor = page.new_meeting()
    assert editor is not None and not editor.read_only
    wait_active(qtbot, editor)  # its Ctrl+S reaches only an active window
    assert offered == [["崇川区政协", "和平桥街道"]]

    type_text(editor.basics.title_edit, "城区停车难专题协商会")
    type_text(editor.basics.place_edit, "区政协三楼会议室")
    type_text(editor.basics.host_edit, "区政协副主席")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    editor.tabs.setCurrentWidget(editor.agenda_tab)
    tab = editor.agenda_tab
    type_text(tab.immediate_edit, "老城区停车位不足")
    qtbot.mouseClick(tab.add_immediate_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1

    editor.tabs.setCurrentWidget(editor.minutes_tab)
    minutes = editor.minutes_tab
    minutes.item_combo.setCurrentIndex(0)
    minutes.speaker_combo.setEditText("")
    type_text(minutes.speaker_combo.lineEdit(), "区住建局王科长")
    type_text(minutes.summary_edit, "年内新增公共停车泊位三百个")
    qtbot.keyClick(minutes.summary_edit, Qt.Key.Key_Return)
    assert minutes.model.rowCount() == 1
    minutes.consensus_combo.setCurrentIndex(minutes.consensus_combo.findData(Consensus.AGREED))
    minutes.consensus_combo.activated.emit(minutes.consensus_combo.currentIndex())
    minutes.consensus_edit.setPlainText("错时共享机关单位停车位")
    editor.close()

    node = district_db.installation()
    assert node is not None
    with district_db.session() as s:
        meeting = s.scalars(select(Meeting).where(Meeting.title == "城区停车难专题协商会")).one()
        host = s.get_one(Room, meeting.room_id)
        assert (host.kind, host.name, host.township_id) == (
            RoomKind.DISTRICT_OFFICE,
            "崇川区政协",
            None,
        )
        assert meeting.owner_node == node.node_id
        assert (meeting.place, meeting.host_name) == ("区政协三楼会议室", "区政协副主席")
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).one()
        assert s.get_one(Topic, item.topic_id).room_id == host.id
        assert (item.consensus, item.consensus_text) == (Consensus.AGREED, "错时共享机关单位停车位")
        speech = s.scalars(select(Speech).where(Speech.agenda_item_id == item.id)).one()
        assert (speech.speaker_name, speech.summary) == (
            "区住建局王科长",
            "年内新增公共停车泊位三百个",
        )

    # The list names the district office as the meeting's own; the room's stays read-only.
    page.refresh()
    rooms = {page.model.index(r, 7).data() for r in range(page.model.rowCount())}
    assert rooms == {"崇川区政协", "和平桥社区协商议事室"}
    assert page.open_meeting(room_meeting_id).read_only
    assert not page.open_meeting(meeting.id).read_only


def test_township_records_an_activity(
    qtbot: QtBot, district_db: Database, district_room_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with district_db.session() as s:
        township_id = s.get_one(Room, district_room_id).township_id
        member = Member(
            name="陈建华", gender=Gender.MALE, sector="经济界", level=MemberLevel.DISTRICT
        )
        s.add(member)
        s.flush()
        member_id = member.id
    _choose(monkeypatch, township_id)
    page = ActivitiesPage(district_db, today=clock.today)
    qtbot.addWidget(page)
    page.show()
    tab = page.activities_tab
    assert tab.new_button.isVisible()

    def fill(dialog: ActivityDialog) -> None:
        assert not dialog.read_only
        dialog.kind_combo.setCurrentIndex(0)
        type_text(dialog.title_edit, "街道委员接待日")
        dialog.member_picker.check(member_id)
        dialog.save_button.click()

    when_shown(ActivityDialog, fill)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    with district_db.session() as s:
        activity = s.scalars(select(Activity)).one()
        host = s.get_one(Room, activity.room_id)
        assert (host.kind, host.name, host.township_id) == (
            RoomKind.TOWNSHIP_OFFICE,
            "和平桥街道",
            township_id,
        )
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 1).data() == "和平桥街道"
