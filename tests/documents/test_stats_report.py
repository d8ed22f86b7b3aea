"""协商议事统计报告 (PDF): the hand-built district's figures (tests/test_stats.py counts them)
in headings, sentences, tables and reportlab charts, read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.db import Database
from desktop.documents.stats_report import render_stats_report
from desktop.stats import Period, Scope, compute_stats, year_stats
from tests.builders import Dataset
from tests.stats_builders import build_stats_dataset


@pytest.fixture
def dataset(district_db: Database) -> Dataset:
    return build_stats_dataset(district_db)


def pdftotext(path: Path) -> str:
    """The text as pdftotext reads it, without the spaces it puts between CJK runs."""
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"[ \u3000]+", "", text)


def test_the_district_report(dataset: Dataset, tmp_path: Path) -> None:
    path = render_stats_report(
        db=dataset.db,
        stats=year_stats(dataset.db, year=2024),
        path=tmp_path / "统计.pdf",
        today=date(2025, 1, 10),
    )
    text = pdftotext(path)
    flat = text.replace("\n", "")
    assert "崇川区政协2024年协商议事统计" in text
    assert "与2023年对比" in text
    for heading in (
        "一、主要指标",
        "二、协商议事活动",
        "三、议题征集",
        "四、协商成果办理",
        "五、转报提案和社情民意信息",
        "六、其他履职活动",
        "七、调解和信访案件",
        "八、按镇（街道）统计",
        "九、按协商议事室统计",
        "十、协商议事室排名",
    ):
        assert heading in text, heading
    # The sentences: every figure counted by hand in tests/test_stats.py.
    assert "共开展协商议事活动8场（比上年增加7）" in flat
    assert "政协委员参加8人次，其他人员参加9人次" in flat
    assert "征集议题9个，解决实际问题4个" in flat
    assert "形成协商成果9条，已办结5条，落实率71.4%" in flat
    assert "转报政协提案1件，报送社情民意信息2条" in flat
    assert "受理调解信访案件2件，调解成功1件" in flat
    # Table lines: label, this year, the year before, the change.
    lines = text.splitlines()
    assert "协商议事活动（场）81+7" in lines
    assert "落实率71.4%100.0%—" in lines
    assert "现场协商41+3" in lines
    assert "书香政协读书活动1211" in lines
    assert "崇川区政协（本级）0110000—" in lines  # rooms, meetings, …, no rate
    assert "区政协崇川区政协（本级）110000—" in lines
    assert any(line.startswith("1徐庄村协商议事室兴仁镇31") for line in lines)
    # The charts' own labels (reportlab.graphics) are text in the PDF too.
    assert "党政点题3" in text  # the pie's legend
    assert "未能办理" in text and "12月" in text  # the bars' categories
    assert "崇川区政协2025年1月10日" in flat


def test_every_page_embeds_its_fonts(dataset: Dataset, tmp_path: Path) -> None:
    path = render_stats_report(
        db=dataset.db, stats=year_stats(dataset.db, year=2024), path=tmp_path / "统计.pdf"
    )
    reader = PdfReader(path)
    assert len(reader.pages) >= 4
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for font in fonts.values():
            font = font.get_object()
            # reportlab embeds a subset of each TrueType font (a Type0 or subset Type1 name).
            assert "Helvetica" not in str(font["/BaseFont"]), font["/BaseFont"]


def test_a_range_of_a_township(dataset: Dataset, tmp_path: Path) -> None:
    stats = compute_stats(
        dataset.db,
        period=Period.between(date(2024, 3, 15), date(2024, 6, 10)),
        scope=Scope.township(dataset["t1"]),
    )
    text = pdftotext(render_stats_report(db=dataset.db, stats=stats, path=tmp_path / "镇.pdf"))
    flat = text.replace("\n", "")
    assert "兴仁镇2024年3月15日至2024年6月10日协商议事统计" in flat
    assert "范围：兴仁镇" in flat
    assert "与上年同期（2023年3月15日至2023年6月10日）对比" in flat
    assert "统计期间，共开展协商议事活动2场" in flat  # M1 and M2 (MD1 is the district's)
    assert "按协商议事室统计" in flat and "十、" in flat


def test_a_room_report_has_no_district_tables(room_db: Database, tmp_path: Path) -> None:
    text = pdftotext(
        render_stats_report(
            db=room_db, stats=year_stats(room_db, year=2024), path=tmp_path / "室.pdf"
        )
    ).replace("\n", "")
    assert "和平桥社区协商议事室2024年协商议事统计" in text
    assert "七、调解和信访案件" in text
    assert "按协商议事室统计" not in text and "排名" not in text
    assert "共开展协商议事活动0场（与上年持平）" in text
