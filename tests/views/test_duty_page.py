"""履职评价 page: the ranked scores with their breakdown, the rules editor (a point value
changed and saved rescores the year), the district's own acts, Excel export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.documents import duty_scores
from desktop.models.enums import AttendanceStatus, DutyKind
from desktop.queries.duty import score_year
from desktop.rules.duty import live_rule_sets
from desktop.views.duty.acts_dialog import DistrictActsDialog
from desktop.views.duty.page import ATTENDED, FIRST_KIND, NAME, SCORE, DutyPage
from desktop.views.duty.rules_dialog import POINTS_COLUMN, RulesDialog
from desktop.workflow.duty import delete_rules
from tests.duty_builders import World, build_world, claimed_topic, meeting
from tests.views.common.test_background import Heartbeat
from tests.views.gui_helpers import type_text, when_shown

P, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT


@pytest.fixture
def world(district_db: Database) -> World:
    world = build_world(district_db)
    # 王建国: 2 final meetings (4), a claim (2): 66; 陈丽华: one meeting (2), absent once (-3): 59.
    meeting(world, date(2025, 3, 10), {"A": P, "B": P})
    meeting(world, date(2025, 6, 10), {"A": P, "B": A})
    claimed_topic(world, "A", date(2025, 4, 1))
    return world


def _page(qtbot: QtBot, world: World) -> DutyPage:
    page = DutyPage(world.db)
    qtbot.addWidget(page)
    page.year_spin.setValue(2025)
    return page


def _row(page: DutyPage, name: str) -> list[str]:
    for row in range(page.table.rowCount()):
        item = page.table.item(row, NAME)
        if item is not None and item.text() == name:
            return [
                cell.text() if (cell := page.table.item(row, c)) is not None else ""
                for c in range(page.table.columnCount())
            ]
    raise AssertionError(name)


def test_the_page_ranks_the_year_with_the_breakdown(qtbot: QtBot, world: World) -> None:
    page = _page(qtbot, world)
    first = page.table.item(0, NAME)
    assert first is not None and first.text() == "王建国"
    row = _row(page, "王建国")
    assert row[SCORE] == "66" and row[ATTENDED] == "2"
    attended = FIRST_KIND + list(DutyKind).index(DutyKind.ATTENDED_CONSULTATION)
    assert row[attended] == "4（2）"
    assert _row(page, "陈丽华")[SCORE] == "59"
    assert "2025年度测试办法" in page.rules_label.text()
    # No rules before 2025: the page says so, and offers none to print.
    page.year_spin.setValue(2024)
    assert page.table.rowCount() == 0
    assert "2024" in page.message.text() and not page.print_button.isEnabled()


def test_rules_editor_saves_a_point_value_and_the_page_rescores(qtbot: QtBot, world: World) -> None:
    page = _page(qtbot, world)
    seen: list[str] = []

    def edit(dialog: RulesDialog) -> None:
        current = dialog.current()
        assert current is not None and current.year == 2025
        row = dialog.row_of(DutyKind.CLAIMED_TOPIC)
        dialog.cell(row, POINTS_COLUMN).setText("五")
        dialog.save_button.click()
        seen.append(dialog.message.text())
        dialog.cell(row, POINTS_COLUMN).setText("5")
        dialog.save_button.click()
        seen.append(dialog.saved_label.text())
        dialog.reject()

    when_shown(RulesDialog, edit)
    page.rules_button.click()
    assert seen[0] == "“认领议题”的分值应是数字，收到“五”"
    assert seen[1]
    assert _row(page, "王建国")[SCORE] == "69"
    assert score_year(world.db, 2025).members[0].score == 69


def test_rules_editor_copies_a_year(qtbot: QtBot, world: World) -> None:
    dialog = RulesDialog(world.db, year=2026)
    qtbot.addWidget(dialog)
    dialog.ask_year = lambda _title, suggested: suggested  # type: ignore[method-assign]
    assert dialog.copy_to_new_year()
    current = dialog.current()
    assert current is not None and current.year == 2027
    assert dialog.base_edit.text() == "60"


def test_no_rules_offers_the_default_ones(qtbot: QtBot, world: World) -> None:
    with world.db.session() as session:
        ids = [s.id for s in live_rule_sets(session)]
    for rule_set_id in ids:
        delete_rules(world.db, rule_set_id)
    page = _page(qtbot, world)
    assert page.default_button.isVisibleTo(page) and page.table.rowCount() == 0
    page.default_button.click()
    assert page.table.rowCount() == 5
    assert "2025年度委员履职评价办法" in page.rules_label.text()


def test_district_acts_are_recorded_and_removed(qtbot: QtBot, world: World) -> None:
    page = _page(qtbot, world)

    def record(dialog: DistrictActsDialog) -> None:
        dialog.member_combo.setCurrentIndex(dialog.member_combo.findText("陈丽华（经济界）"))
        type_text(dialog.title_edit, "提案《关于路灯维修的建议》立案")
        dialog.add_button.click()
        assert "依据" in dialog.form_message.text()
        dialog.evidence_edit.setPlainText("区政协提案委员会立案通知")
        dialog.add_button.click()
        assert dialog.table.rowCount() == 1
        dialog.reject()

    when_shown(DistrictActsDialog, record)
    page.acts_button.click()
    assert _row(page, "陈丽华")[SCORE] == "64"  # 59 + 5 for the accepted proposal

    def remove(dialog: DistrictActsDialog) -> None:
        dialog.confirm_remove = lambda _act: True  # type: ignore[method-assign]
        dialog.table.selectRow(0)
        dialog.remove_button.click()
        assert dialog.table.rowCount() == 0
        dialog.reject()

    when_shown(DistrictActsDialog, remove)
    page.acts_button.click()
    assert _row(page, "陈丽华")[SCORE] == "59"


def test_export_writes_a_workbook(
    qtbot: QtBot, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, world)
    page.ask_save_path = lambda _suggested: tmp_path / "scores.xlsx"  # type: ignore[method-assign]
    heartbeat = Heartbeat()
    write = duty_scores.write_scores_workbook

    def slow_write(scores: Any, path: Path) -> Path:
        # A whole district's members: written off the GUI thread, which keeps turning.
        heartbeat.slow_step()
        return write(scores, path)

    monkeypatch.setattr(duty_scores, "write_scores_workbook", slow_write)
    with heartbeat:
        written = page.export_excel()
    heartbeat.assert_kept_turning()
    assert written == tmp_path / "scores.xlsx"
    sheet = load_workbook(written)["履职评价"]
    assert [c.value for c in sheet[4]][:3] == [1, "王建国", 66]
