"""活动类型 on the activities page: the district adds and renames kinds; a used one stays."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Activity, ActivityKind
from desktop.views.activities.kinds_tab import KindDialog
from desktop.views.activities.page import ActivitiesPage
from tests.views.gui_helpers import type_text, when_shown

TODAY = date(2026, 11, 29)


def _page(qtbot: QtBot, db: Database) -> ActivitiesPage:
    page = ActivitiesPage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.kinds_tab)
    return page


def _kind_filter(page: ActivitiesPage) -> list[str]:
    combo = page.activities_tab.kind_combo
    return [combo.itemText(i) for i in range(1, combo.count())]


def test_the_district_adds_and_renames_a_kind(qtbot: QtBot, district_db: Database) -> None:
    page = _page(qtbot, district_db)
    tab = page.kinds_tab
    assert tab.new_button.isVisible()
    assert "委员接待日" in tab.names()
    seen: list[str] = []

    def fill(dialog: KindDialog) -> None:
        # A name already in the list is refused beside the field; the dialog stays.
        type_text(dialog.name_edit, "委员接待日")
        dialog.buttons.accepted.emit()
        assert dialog.isVisible()
        seen.append(dialog.name_message.text())
        dialog.name_edit.clear()
        type_text(dialog.name_edit, "界别活动")
        dialog.buttons.accepted.emit()

    when_shown(KindDialog, fill)
    tab.new_button.click()
    kind_id = tab.selected_id()
    assert seen == ["已有名为“委员接待日”的活动类型"]
    assert kind_id is not None and tab.selected() is not None
    assert tab.selected().name == "界别活动"  # type: ignore[union-attr]
    assert "界别活动" in _kind_filter(page)

    def rename(dialog: KindDialog) -> None:
        assert dialog.name_edit.text() == "界别活动"
        dialog.name_edit.clear()
        type_text(dialog.name_edit, "界别联组活动")
        dialog.inspection_check.setChecked(True)
        dialog.buttons.accepted.emit()

    when_shown(KindDialog, rename)
    tab.rename_button.click()
    with district_db.session() as session:
        kind = session.get(ActivityKind, kind_id)
        assert kind is not None and kind.name == "界别联组活动" and kind.counts_as_inspection
    assert "界别联组活动" in tab.names() and "界别活动" not in tab.names()
    assert "界别联组活动" in _kind_filter(page)


def test_removing_a_used_kind_is_refused(
    qtbot: QtBot, district_db: Database, district_room_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with district_db.session() as session:
        kind = session.scalars(select(ActivityKind).where(ActivityKind.name == "视察调研")).one()
        kind_id = kind.id
        for title in ("视察老旧小区改造", "视察农贸市场"):
            session.add(
                Activity(room_id=district_room_id, kind_id=kind_id, title=title, held_on=TODAY)
            )
    asked: list[str] = []

    def confirm(_tab: object, name: str) -> bool:
        asked.append(name)
        return True

    monkeypatch.setattr("desktop.views.activities.kinds_tab.KindsTab._confirm_remove", confirm)
    page = _page(qtbot, district_db)
    tab = page.kinds_tab
    tab.table.selectRow(tab.row_of(kind_id))
    used = tab.table.item(tab.row_of(kind_id), 2)
    assert used is not None and used.text() == "2"
    tab.remove_button.click()
    assert asked == []  # a used kind is refused at once, not asked about
    assert tab.message.isVisibleTo(tab)
    assert "“视察调研”已有2项活动使用，不能删除" in tab.message.text()
    assert "视察调研" in tab.names()
    with district_db.session() as session:
        assert not session.get(ActivityKind, kind_id).deleted  # type: ignore[union-attr]

    # An unused kind goes, after the question.
    unused = tab.row_of(next(k.id for k in tab._rows if k.name == "走访联谊"))
    tab.table.selectRow(unused)
    tab.remove_button.click()
    assert asked == ["走访联谊"]
    assert "走访联谊" not in tab.names() and "走访联谊" not in _kind_filter(page)
    assert not tab.message.isVisibleTo(tab)


def test_a_room_sees_the_kinds_read_only(qtbot: QtBot, room_db: Database) -> None:
    with room_db.session() as session:
        session.add(ActivityKind(code="reading", name="书香政协读书活动"))
    page = _page(qtbot, room_db)
    tab = page.kinds_tab
    assert tab.names() == ["书香政协读书活动"]
    assert not tab.new_button.isVisible() and not tab.rename_button.isVisible()
    assert tab.new_kind() is None
