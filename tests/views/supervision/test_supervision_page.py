"""成果督办: the list overdue first, filters, by unit, recording an action through its dialog,
the 督办单, and the 工作台's alerts opening their records in the main window."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import clock, settings
from desktop.db import Database
from desktop.errors import UserError
from desktop.models import SupervisionAction
from desktop.models.base import new_id
from desktop.models.enums import OutcomeStatus, SupervisionMethod
from desktop.models.stamping import StampContext
from desktop.queries.desk import AttentionKind
from desktop.queries.settings import setting_value
from desktop.views.common import document_preview
from desktop.views.common.query_table_model import OVERDUE_RED
from desktop.views.outcomes.page import OutcomesPage
from desktop.views.rooms.page import RoomsPage
from desktop.views.settings.page import SettingsPage
from desktop.views.shell.main_window import MainWindow
from desktop.views.supervision.dialogs import SupervisionDialog
from desktop.views.supervision.page import LIST_TAB, UNITS_TAB, SupervisionPage
from desktop.workflow.settings import choose_alert_days
from tests.desk_builders import add_outcome, room_id_of
from tests.supervision_builders import BUILD, CITY, ORDER, District, build_supervision
from tests.views.gui_helpers import type_text, when_shown


@pytest.fixture
def world(district_db: Database) -> District:
    return build_supervision(district_db)


def _page(qtbot: QtBot, world: District) -> SupervisionPage:
    page = SupervisionPage(world.db, today=lambda: world.today)
    qtbot.addWidget(page)
    page.resize(1366, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _keys(page: SupervisionPage, world: District) -> list[str]:
    return [world.key_of(page.model.row_at(row).id) for row in range(page.model.rowCount())]


def test_the_list_overdue_first_with_filters_and_units(
    qtbot: QtBot, qtmodeltester: Any, world: District, tmp_path: Path
) -> None:
    page = _page(qtbot, world)
    qtmodeltester.check(page.model, force_py=True)
    assert _keys(page, world) == ORDER
    late = page.model.index(0, 5)
    assert late.data() == "30"
    brush = late.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE_RED
    office = page.row_of(world["o1"])
    assert page.model.index(office, 1).data() == "先锋街道政协工委"

    page.unit_combo.setCurrentIndex(page.unit_combo.findData(BUILD))
    assert _keys(page, world) == ["a1", "a2", "b2"]
    page.overdue_check.setChecked(True)
    assert _keys(page, world) == ["a1", "a2"]
    page.overdue_check.setChecked(False)
    page.unit_combo.setCurrentIndex(0)
    page.township_combo.setCurrentIndex(page.township_combo.findData(world["t2"]))
    assert _keys(page, world) == ["o1", "c2", "c1"]
    # The room list follows the township: its rooms and its own office only.
    rooms = [page.room_combo.itemText(i) for i in range(1, page.room_combo.count())]
    assert rooms == ["先锋街道政协工委", "花园社区协商议事室"]
    page.township_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData(OutcomeStatus.COMPLETED.value))
    assert _keys(page, world) == ["b2"]
    page.status_combo.setCurrentIndex(0)

    page.tabs.setCurrentIndex(UNITS_TAB)
    assert page.unit_rows()[:3] == [BUILD, "崇川区水利局", CITY]
    figures = [page.units_table.item(0, column).text() for column in range(6)]
    assert figures == [BUILD, "2", "2", "1", "30", "31"]
    # Double-click a unit: its outcomes in the list.
    rect = page.units_table.visualItemRect(page.units_table.item(2, 0))
    viewport = page.units_table.viewport()
    # A view takes a double click after the press of the first click.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.tabs.currentIndex() == LIST_TAB
    assert _keys(page, world) == ["o1", "c2", "c1"]

    page.grab().save(str(tmp_path / "supervision.png"))


def test_record_an_action_through_the_dialog(qtbot: QtBot, world: District) -> None:
    page = _page(qtbot, world)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(BUILD))
    page.table.selectRow(page.row_of(world["a1"]))
    assert page.selected_outcome_id() == world["a1"]
    assert page.record_button.isEnabled()
    assert not page.detail_panel.supervision.isVisible()

    def fill(dialog: SupervisionDialog) -> None:
        try:
            dialog.method_combo.setCurrentIndex(
                dialog.method_combo.findData(SupervisionMethod.VISIT.value)
            )
            dialog.result_edit.setPlainText("现场查看，已开工")
            dialog.by_edit.clear()
            type_text(dialog.by_edit, "社法委王主任")
            dialog.save_button.click()
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_shown(SupervisionDialog, fill)
    page.record_button.click()
    with world.db.session() as s:
        action = s.scalars(select(SupervisionAction)).one()
        assert (action.outcome_id, action.method, action.result, action.supervised_by) == (
            world["a1"],
            SupervisionMethod.VISIT,
            "现场查看，已开工",
            "社法委王主任",
        )
        assert action.acted_on == world.today
    # The detail shows it read-only; the list shows when it was last supervised.
    assert page.detail_panel.supervision.isVisible()
    assert page.detail_panel.supervision_model.rowCount() == 1
    row = page.row_of(world["a1"])
    assert page.model.index(row, 7).data().endswith("（1）")

    # A refusal keeps the dialog open with the message; nothing is written.
    seen: list[str] = []

    def refuse(dialog: SupervisionDialog) -> None:
        try:
            dialog.result_edit.setPlainText("再次督办")
            dialog.by_edit.clear()
            dialog.save_button.click()
            seen.append(dialog.by_message.text())
        finally:
            dialog.reject()

    when_shown(SupervisionDialog, refuse)
    page.record_button.click()
    assert seen == ["请填写督办人"]
    with world.db.session() as s:
        assert len(s.scalars(select(SupervisionAction)).all()) == 1


def test_the_units_sheet_is_previewed(
    qtbot: QtBot, world: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[Path, str]] = []

    def preview(_parent: object, *, pdf: Path, title: str, **_: object) -> None:
        shown.append((pdf, title))
        assert pdf.stat().st_size > 0

    monkeypatch.setattr(document_preview.DocumentPreviewDialog, "ask", preview)
    page = _page(qtbot, world)
    assert not page.print_button.isEnabled()  # no unit chosen, no outcome chosen
    page.table.selectRow(page.row_of(world["o1"]))
    assert page.sheet_unit() == CITY and page.print_button.isEnabled()
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][1] == f"{CITY}协商成果督办单"
    # In the by-unit table, the unit chosen there.
    page.tabs.setCurrentIndex(UNITS_TAB)
    page.units_table.selectRow(page.unit_rows().index(BUILD))
    assert page.sheet_unit() == BUILD


def test_desk_alerts_open_their_records(qtbot: QtBot, world: District) -> None:
    window = MainWindow(world.db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dashboard = window.dashboard
    model = dashboard.attention_model
    items = [model.item_at(row) for row in range(model.rowCount())]
    kinds = {item.kind for item in items}
    assert {AttentionKind.OVERDUE_UNIT, AttentionKind.MINUTES_NOT_FINAL} <= kinds
    # Rooms' overdue outcomes come by unit; one by one only the district's own.
    assert [i.record_id for i in items if i.kind is AttentionKind.OVERDUE_OUTCOME] == [world["o1"]]

    def click(kind: AttentionKind, record_id: str) -> None:
        window.show_key("dashboard")
        row = next(
            r
            for r in range(model.rowCount())
            if model.item_at(r).kind is kind and model.item_at(r).record_id == record_id
        )
        dashboard.attention_list.scrollTo(model.index(row))
        rect = dashboard.attention_list.visualRect(model.index(row))
        qtbot.mouseClick(
            dashboard.attention_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )

    click(AttentionKind.OVERDUE_UNIT, BUILD)
    assert window.current_page_key() == "supervision"
    page = window.pages.currentWidget()
    assert isinstance(page, SupervisionPage)
    assert page.unit_combo.currentData() == BUILD
    assert _keys(page, world) == ["a1", "a2", "b2"]

    # Every room of the district held no meeting this quarter (their meetings are 200 days
    # old): the alert opens the room's row.
    click(AttentionKind.NO_MEETING_THIS_QUARTER, world["room_b"])
    assert window.current_page_key() == "rooms"
    rooms = window.pages.currentWidget()
    assert isinstance(rooms, RoomsPage)
    selected = rooms.selected_room()
    assert selected is not None and selected.room_id == world["room_b"]

    opened: list[str] = []
    meetings = window.page("meetings")
    assert meetings is not None
    meetings.meeting_opened.connect(opened.append)  # type: ignore[attr-defined]
    click(AttentionKind.MINUTES_NOT_FINAL, world["meeting_a1"])
    assert window.current_page_key() == "meetings"
    assert opened == [world["meeting_a1"]]
    for editor in list(meetings.editors.values()):  # type: ignore[attr-defined]
        editor.close()
    assert not isinstance(window.pages.currentWidget(), OutcomesPage)


def test_a_room_sees_the_districts_actions_read_only(qtbot: QtBot, room_db: Database) -> None:
    room = room_id_of(room_db)
    with room_db.session() as s:
        outcome = add_outcome(s, room, "修缮围墙", deadline=clock.today() - timedelta(days=3)).id
    # As a district bundle brings it: the district's own row under the room's outcome.
    district_node = new_id()
    context = StampContext(node_id=district_node, user="import", importing=True)
    with room_db.session_as(context) as s:
        s.add(
            SupervisionAction(
                owner_node=district_node,
                outcome_id=outcome,
                acted_on=clock.today(),
                method=SupervisionMethod.LETTER,
                result="已发函督办",
                supervised_by="区政协社法委",
            )
        )
    page = OutcomesPage(room_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.table.selectRow(page.row_of(outcome))
    panel = page.detail_panel
    assert panel.supervision.isVisible()
    model = panel.supervision_model
    assert [model.index(0, c).data() for c in (1, 2, 3)] == ["发函", "已发函督办", "区政协社法委"]
    # Nothing on the room's page records or changes one.
    assert not page.findChildren(SupervisionDialog)
    assert panel.supervision.selectionMode() == panel.supervision.SelectionMode.NoSelection


def test_the_district_sets_its_alert_thresholds(qtbot: QtBot, district_db: Database) -> None:
    page = SettingsPage(district_db)
    qtbot.addWidget(page)
    page.show()
    silent = page.alert_spins[settings.ROOM_SILENT_DAYS.key]
    late = page.alert_spins[settings.MINUTES_DUE_DAYS.key]
    assert (silent.value(), late.value()) == (45, 7)
    silent.setValue(30)
    late.setValue(10)
    assert setting_value(district_db, settings.ROOM_SILENT_DAYS) == 30
    assert setting_value(district_db, settings.MINUTES_DUE_DAYS) == 10
    with pytest.raises(UserError, match="1 到 366"):
        choose_alert_days(district_db, settings.MINUTES_DUE_DAYS, 0)
    assert setting_value(district_db, settings.MINUTES_DUE_DAYS) == 10


def test_a_room_has_no_alert_thresholds(qtbot: QtBot, room_db: Database) -> None:
    page = SettingsPage(room_db)
    qtbot.addWidget(page)
    assert not hasattr(page, "alert_spins")
