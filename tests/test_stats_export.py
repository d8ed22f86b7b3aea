"""The statistics out of the programme: `yishi stats` (text, JSON, Excel, PDF; a year, a range
of days, a township, a room) and the Excel workbook, on the hand-built district whose
figures tests/test_stats.py counts by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, PieChart

from desktop import cli
from desktop.db import Database
from desktop.models import Room
from desktop.stats import COUNT_KEYS, year_stats
from desktop.stats.excel import SHEET_NAMES, write_stats_workbook
from desktop.stats.figures import BREAKDOWN_KEYS
from tests.builders import Dataset
from tests.stats_builders import build_stats_dataset


@pytest.fixture
def dataset(district_db: Database) -> Dataset:
    ds = build_stats_dataset(district_db)
    with district_db.session() as session:
        session.get_one(Room, ds["room_c"]).code = "R0003"
    return ds


def _run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--home", str(db.home.root), "stats", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = _run(db, capsys, *args, "--json")
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def _summed(lines: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {key: 0 for key in COUNT_KEYS}
    for line in lines:
        for key in COUNT_KEYS:
            total[key] += line[key]
        for key in BREAKDOWN_KEYS:
            into = total.setdefault(key, {})
            for code, count in line[key].items():
                into[code] = into.get(code, 0) + count
    return total


def _figures(stats: dict[str, Any]) -> dict[str, Any]:
    return {key: stats[key] for key in (*COUNT_KEYS, *BREAKDOWN_KEYS)}


def test_json_of_a_year_has_lists_that_add_up(
    dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = _json(dataset.db, capsys, "--year", "2024")
    # The keys that were there before keep their meaning (counted by hand in test_stats).
    assert (stats["year"], stats["scope"], stats["name"]) == (2024, "district", "崇川区政协")
    assert (stats["meetings"], stats["member_attendances"], stats["participant_attendances"]) == (
        8,
        8,
        9,
    )
    assert (stats["topics"], stats["outcomes"], stats["outcomes_implemented"]) == (9, 9, 5)
    assert stats["problems_solved"] == 4
    assert stats["topics_by_source"] == {
        "party_government": 3,
        "residents": 3,
        "member": 1,
        "grid": 2,
    }
    assert stats["implementation_rate"] == 0.7143
    assert stats["previous"]["meetings"] == 1
    assert len(stats["meetings_by_month"]) == 12
    assert _summed(stats["townships"]) == _figures(stats)
    assert _summed(stats["rooms"]) == _figures(stats)
    assert [r["rank"] for r in stats["ranking"]] == [1, 2, 3]


def test_json_of_a_range_a_township_and_a_room(
    dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    day = _json(dataset.db, capsys, "--from", "2024-12-31", "--to", "2024-12-31")
    assert (day["year"], day["from"], day["to"]) == (None, "2024-12-31", "2024-12-31")
    assert (day["meetings"], day["cases_received"], day["activities"]) == (1, 1, 1)
    assert day["previous"]["from"] == "2023-12-31"

    township = _json(dataset.db, capsys, "--year", "2024", "--township", "兴仁镇")
    assert (township["level"], township["name"], township["meetings"]) == ("township", "兴仁镇", 5)
    assert _summed(township["rooms"]) == _figures(township)
    assert _summed(township["townships"]) == _figures(township)

    for name in ("R0003", "r0003", "花园社区协商议事室", "花园社区"):
        room = _json(dataset.db, capsys, "--year", "2024", "--room", name)
        assert (room["level"], room["name"], room["meetings"]) == ("room", "花园社区协商议事室", 2)


def test_text_of_a_year(dataset: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(dataset.db, capsys, "--year", "2024")
    assert code == 0
    assert out.splitlines()[0] == "崇川区政协 2024 年度协商议事统计"
    assert "按协商议事室统计" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--from", "2024-03-01"), "--from 与 --to 须同时给出"),
        (("--to", "2024-03-01"), "--from 与 --to 须同时给出"),
        (("--year", "2024", "--from", "2024-01-01", "--to", "2024-02-01"), "不能与 --from/--to"),
        (("--from", "2024-03-01", "--to", "2024-02-01"), "不能晚于结束日期"),
        (("--from", "2024-02-30", "--to", "2024-03-01"), "需要 YYYY-MM-DD 格式的日期"),
        (("--from", "1900-01-01", "--to", "2024-03-01"), "1949 到 2100"),
        (("--year", "2024", "--township", "北京镇"), "没有名为「北京镇」的镇（街道）"),
        (("--year", "2024", "--room", "R9"), "没有编号或名称为「R9」的议事室"),
        (("--year", "2024", "--room", "R0003", "--township", "兴仁镇"), "不能与"),
        (("--year", "2024", "--json", "--xlsx", "a.xlsx"), "不能与"),
        (("--year", "2024", "--xlsx", "{out}/统计.csv"), "须以 .xlsx 结尾"),
        (("--year", "2024", "--xlsx", "{out}/没有的文件夹/统计.xlsx"), "统计.xlsx"),
        (("--township", "兴仁镇"), "缺少参数：--year"),
    ],
    ids=[
        "from-without-to",
        "to-without-from",
        "year-and-range",
        "range-backwards",
        "no-such-day",
        "year-too-early",
        "unknown-township",
        "unknown-room",
        "township-and-room",
        "json-and-xlsx",
        "not-xlsx",
        "missing-folder",
        "no-period",
    ],
)
def test_bad_arguments_exit_2_with_a_chinese_line(
    dataset: Dataset,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: tuple[str, ...],
    says: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, stderr = _run(dataset.db, capsys, *(a.replace("{out}", str(out)) for a in args))
    assert code == 2
    assert stdout == ""
    assert len(stderr.splitlines()) == 1 and stderr.startswith("错误：")
    assert says in stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == []


def test_a_room_cannot_ask_for_a_township(
    room_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(room_db, capsys, "--year", "2024", "--township", "和平桥街道")
    assert code == 2
    assert "只统计本议事室" in err


def test_cli_writes_excel_and_pdf(
    dataset: Dataset, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    xlsx, pdf = tmp_path / "统计.xlsx", tmp_path / "统计.pdf"
    code, out, err = _run(dataset.db, capsys, "--year", "2024", "--xlsx", str(xlsx))
    assert code == 0, err
    assert out.strip() == f"已写入：{xlsx}"
    code, out, err = _run(dataset.db, capsys, "--year", "2024", "--pdf", str(pdf))
    assert code == 0, err
    assert out.strip() == f"已写入：{pdf}"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert load_workbook(xlsx)["主要指标"]["B5"].value == 8


# --- the workbook -----------------------------------------------------------------------


def test_the_workbook_has_a_sheet_per_table_numbers_and_charts(
    dataset: Dataset, tmp_path: Path
) -> None:
    path = write_stats_workbook(year_stats(dataset.db, year=2024), tmp_path / "统计.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == list(SHEET_NAMES.values())

    summary = book["主要指标"]
    assert summary["A1"].value == "崇川区政协2024年协商议事统计：主要指标"
    assert summary["A2"].value == "与2023年对比"
    assert [c.value for c in summary[4]] == ["项目", "2024年", "2023年", "增减"]
    assert [c.value for c in summary[5]] == ["协商议事活动（场）", 8, 1, 7]
    rate = next(row for row in summary.iter_rows(min_row=5) if row[0].value == "落实率")
    assert (rate[1].value, rate[2].value) == (0.7143, 1.0)
    assert rate[1].number_format == "0.0%"

    months = book["逐月活动"]
    assert [months.cell(row=r, column=2).value for r in range(5, 17)] == [
        1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1,
    ]  # fmt: skip
    assert months["A17"].value == "合计" and months["B17"].value == 8

    rooms = book["按议事室统计"]
    values = [[c.value for c in row] for row in rooms.iter_rows(min_row=5)]
    assert values[-1][0] == "合计"
    # Every figure cell is a number, and the room lines add up to the total line.
    for column in range(2, len(values[0])):
        cells = [row[column] for row in values]
        assert all(isinstance(cell, int | float) or cell == "—" for cell in cells)
        if isinstance(cells[-1], int):
            assert sum(cells[:-1]) == cells[-1]
    townships = [[c.value for c in row] for row in book["按镇街统计"].iter_rows(min_row=5)]
    assert [row[0] for row in townships] == ["先锋街道", "兴仁镇", "崇川区政协（本级）", "合计"]
    assert [row[2] for row in townships] == [2, 5, 1, 8]

    charts = {name: book[name]._charts for name in book.sheetnames}
    assert isinstance(charts["逐月活动"][0], BarChart)
    assert isinstance(charts["议题来源"][0], PieChart)
    assert isinstance(charts["成果办理情况"][0], BarChart)
    assert sum(len(found) for found in charts.values()) >= 4


def test_a_room_workbook_has_no_district_sheets(room_db: Database, tmp_path: Path) -> None:
    path = write_stats_workbook(year_stats(room_db, year=2024), tmp_path / "室.xlsx")
    names = load_workbook(path).sheetnames
    assert "主要指标" in names and "按议事室统计" not in names and "议事室排名" not in names
