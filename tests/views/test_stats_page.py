"""统计 page: a year's figures on the hand-built district (tests/stats_builders.py, counted by
hand in tests/test_stats.py), scope and period changed through the widgets, charts drawn
offscreen, and both exports written through their buttons."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.views.shell.pages import page_factory
from desktop.views.stats.charts import THIS_COLOUR, StatsChart
from desktop.views.stats.page import StatsPage
from tests.builders import Dataset
from tests.stats_builders import build_stats_dataset


@pytest.fixture
def dataset(district_db: Database) -> Dataset:
    return build_stats_dataset(district_db)


def _page(qtbot: QtBot, db: Database, year: int = 2024) -> StatsPage:
    page = StatsPage(db)
    qtbot.addWidget(page)
    page.resize(1366, 900)
    page.show()
    qtbot.waitExposed(page)
    page.year_spin.setValue(year)
    return page


def _card(page: StatsPage, key: str) -> str:
    return page.cards[key].value.text()


def _column(page: StatsPage, key: str, column: int) -> list[Any]:
    model = page.tables[key].model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _colours(image: QImage) -> set[int]:
    """Distinct colours on a grid of points over the image (a blank chart has one or two)."""
    return {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }


def _has_colour(image: QImage, colour: QColor) -> bool:
    return colour.rgb() in _colours(image)


def test_the_page_is_registered_for_both_modes() -> None:
    assert page_factory("statistics") is StatsPage


def test_a_year_of_the_district(qtbot: QtBot, dataset: Dataset) -> None:
    page = _page(qtbot, dataset.db)
    assert page.scope_combo.isVisible() and page.year_spin.isVisible()
    assert not page.start_edit.isVisible()
    # Counted by hand in tests/test_stats.py (TOTAL and YEAR_2023).
    assert _card(page, "meetings") == "8"
    assert _card(page, "member_attendances") == "8"
    assert _card(page, "topics") == "9"
    assert _card(page, "problems_solved") == "4"
    assert _card(page, "implementation_rate") == "71.4%"
    assert _card(page, "escalations") == "3"
    assert _card(page, "activities") == "4"
    assert _card(page, "cases_received") == "2"
    assert page.cards["meetings"].before.text().endswith("1")
    assert "崇川区政协2024年协商议事统计" in page.summary.text()
    # The year against the year before in the tables.
    months = page.tables["months"].model()
    assert [months.headerData(c, Qt.Orientation.Horizontal) for c in (1, 2)] == ["2024", "2023"]
    assert _column(page, "months", 1) == [
        "1",
        "0",
        "1",
        "0",
        "1",
        "1",
        "1",
        "1",
        "1",
        "0",
        "0",
        "1",
        "8",
    ]
    assert _column(page, "months", 3)[-1] == "+7"
    assert _column(page, "sources", 0)[:4] == ["党政点题", "群众出题", "委员荐题", "网格征题"]
    assert _column(page, "sources", 1) == ["3", "3", "1", "2", "9"]
    # Numbers stay numbers underneath (EditRole), so they sort and sum as such.
    assert months.index(12, 1).data(Qt.ItemDataRole.EditRole) == 8
    # Rooms ranked, and per-township and per-room lists whose total lines are the totals.
    assert _column(page, "ranking", 1) == [
        "徐庄村协商议事室",
        "花园社区协商议事室",
        "兴西村协商议事室",
    ]
    assert _column(page, "townships", 0) == ["先锋街道", "兴仁镇", "崇川区政协（本级）", "合计"]
    assert _column(page, "townships", 2) == ["2", "5", "1", "8"]
    assert _column(page, "rooms", 2)[-1] == "8"
    assert page.tables["rooms"].model().rowCount() == 5 + 1  # 3 rooms, 2 office lines, total


def test_switching_scope_period_and_year_changes_the_figures(
    qtbot: QtBot, dataset: Dataset
) -> None:
    page = _page(qtbot, dataset.db)
    combo = page.scope_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == [
        labels[0],  # the whole district
        "先锋街道",
        "\u3000花园社区协商议事室",
        "兴仁镇",
        "\u3000兴西村协商议事室",
        "\u3000徐庄村协商议事室",
    ]
    combo.setCurrentIndex(labels.index("兴仁镇"))
    assert _card(page, "meetings") == "5"  # XINGREN
    assert _column(page, "townships", 0) == ["兴仁镇", "合计"]
    combo.setCurrentIndex(labels.index("\u3000花园社区协商议事室"))
    assert _card(page, "meetings") == "2"  # ROOM_C
    assert _card(page, "implementation_rate") == "100.0%"
    assert "花园社区协商议事室" in page.summary.text()
    combo.setCurrentIndex(0)
    assert _card(page, "meetings") == "8"

    page.year_spin.setValue(2023)
    assert _card(page, "meetings") == "1"
    assert page.cards["meetings"].before.text().endswith("0")

    page.mode.setCurrentIndex(1)
    assert page.start_edit.isVisible() and not page.year_spin.isVisible()
    page.start_edit.setDate(QDate(2024, 12, 31))
    page.end_edit.setDate(QDate(2024, 12, 31))
    assert _card(page, "meetings") == "1"  # M9, the year's last day
    assert _card(page, "cases_received") == "1"  # ca2
    assert _column(page, "months", 0) == ["2024-12", "合计"]
    # A range that ends before it starts is refused in words; the figures stay.
    page.start_edit.setDate(QDate(2025, 1, 2))
    assert page.message.isVisible() and "不能晚于结束日期" in page.message.text()
    assert _card(page, "meetings") == "1"


def test_charts_render_offscreen(qtbot: QtBot, dataset: Dataset) -> None:
    page = _page(qtbot, dataset.db)
    assert set(page.charts) == {"months", "forms", "sources", "outcome_states", "activities"}
    for key, chart in page.charts.items():
        image = chart.grab().toImage()
        assert image.width() > 300 and image.height() > 200, key
        assert len(_colours(image)) > 10, key  # bars or slices, labels, axes: not blank
        assert _has_colour(image, THIS_COLOUR), key  # this year's bars or first slice
    months = page.charts["months"].chart()
    assert [series.count() for series in months.series()] == [2]  # this year and the year before


def test_an_empty_year_draws_empty_charts_without_failing(qtbot: QtBot, dataset: Dataset) -> None:
    page = _page(qtbot, dataset.db, year=2030)
    assert _card(page, "meetings") == "0"
    assert _card(page, "implementation_rate") == "—"
    for chart in page.charts.values():
        assert isinstance(chart, StatsChart)
        chart.grab()


def test_the_export_buttons_write_excel_and_pdf(
    qtbot: QtBot, dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, dataset.db)
    asked: list[tuple[str, str]] = []

    def ask(suggested: str, kind: str) -> Path:
        asked.append((suggested, kind))
        return tmp_path / f"统计.{kind}"

    monkeypatch.setattr(page, "ask_save_path", ask)
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert asked == [
        ("崇川区政协2024年协商议事统计.xlsx", "xlsx"),
        ("崇川区政协2024年协商议事统计.pdf", "pdf"),
    ]
    book = load_workbook(tmp_path / "统计.xlsx")
    assert "议事室排名" in book.sheetnames
    assert book["主要指标"]["B5"].value == 8
    text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "统计.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "崇川区政协2024年协商议事统计" in text.replace(" ", "")
    assert str(tmp_path / "统计.pdf") in page.summary.text()


def test_a_cancelled_save_writes_nothing(
    qtbot: QtBot, dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, dataset.db)
    before = sorted(tmp_path.rglob("*"))
    monkeypatch.setattr(page, "ask_save_path", lambda suggested, kind: None)
    assert page.export_excel() is None
    assert page.export_pdf() is None
    assert sorted(tmp_path.rglob("*")) == before


def test_a_room_sees_its_own_room_only(qtbot: QtBot, room_db: Database) -> None:
    page = _page(qtbot, room_db, year=date(2024, 1, 1).year)
    assert not page.scope_combo.isVisible()
    assert "rooms" not in page.tables and "townships" not in page.tables
    assert "ranking" not in page.tables
    assert _card(page, "meetings") == "0"
    assert "和平桥社区协商议事室" in page.summary.text()


def test_the_year_report_button_drafts_the_year(
    qtbot: QtBot, dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx import Document as open_docx

    page = _page(qtbot, dataset.db)
    combo = page.scope_combo
    combo.setCurrentIndex([combo.itemText(i) for i in range(combo.count())].index("兴仁镇"))
    asked: list[tuple[str, str]] = []

    def ask(suggested: str, kind: str) -> Path:
        asked.append((suggested, kind))
        return tmp_path / "总结.docx"

    monkeypatch.setattr(page, "ask_save_path", ask)
    assert page.year_report_button.isEnabled()
    qtbot.mouseClick(page.year_report_button, Qt.MouseButton.LeftButton)
    assert asked == [("兴仁镇2024年度“有事好商量”协商议事工作总结（初稿）.docx", "docx")]
    text = "\n".join(p.text for p in open_docx(str(tmp_path / "总结.docx")).paragraphs)
    assert text.startswith("兴仁镇2024年度“有事好商量”协商议事工作总结（初稿）")
    assert "全年共开展协商议事活动5场" in text  # the township's own figures
    assert str(tmp_path / "总结.docx") in page.summary.text()

    # A range of days is not a year: the button waits for one, and says so.
    page.mode.setCurrentIndex(1)
    page.start_edit.setDate(QDate(2024, 3, 1))
    page.end_edit.setDate(QDate(2024, 6, 30))
    assert not page.year_report_button.isEnabled()
    assert page.year_report_button.toolTip()
    assert page.draft_year_report() is None
    page.mode.setCurrentIndex(0)
    assert page.year_report_button.isEnabled()
