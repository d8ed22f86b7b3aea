"""年度工作总结（初稿）(.docx): the hand-built district's figures (tests/stats_builders.py,
counted by hand in tests/test_stats.py) in sentences and tables, year against year, the rooms
ranked, the typical cases chosen by their rule, and `yishi stats --docx`; read back with
python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx

from desktop import cli
from desktop.db import Database
from desktop.documents.year_report import (
    build_year_report,
    read_typical_cases,
    report_title,
    write_year_report,
)
from desktop.models import Outcome
from desktop.models.enums import Satisfaction
from desktop.stats import Period, Scope, compute_stats
from tests.builders import Dataset, room_session
from tests.documents.libreoffice import NO_SOFFICE, SOFFICE, convert_to_pdf
from tests.stats_builders import build_stats_dataset

# A day after the year, so the figures that depend on the day (outcomes due, the rate) are
# those of tests/test_stats.py whatever day the tests run.
TODAY = date(2025, 1, 10)


@pytest.fixture
def dataset(district_db: Database) -> Dataset:
    return build_stats_dataset(district_db)


def _read(path: Path) -> tuple[str, list[str], list[list[list[str]]]]:
    """The body's paragraphs joined, each paragraph, and every table as rows of cell texts."""
    document = open_docx(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return "\n".join(paragraphs), paragraphs, tables


def _table(tables: list[list[list[str]]], first_header: str, second: str) -> list[list[str]]:
    found = [t for t in tables if t[0][0] == first_header and t[0][1] == second]
    assert found, (first_header, second)
    return found[0]


def _row(table: list[list[str]], label: str) -> list[str]:
    return next(row for row in table if row[0] == label)


def _write(db: Database, tmp_path: Path, year: int = 2024, **scope: Any) -> Path:
    return write_year_report(db, year=year, path=tmp_path / "总结.docx", today=TODAY, **scope)


def test_the_district_draft_holds_the_statistics_figures(dataset: Dataset, tmp_path: Path) -> None:
    stats = compute_stats(dataset.db, period=Period.of_year(2024), today=TODAY)
    text, paragraphs, tables = _read(_write(dataset.db, tmp_path))
    assert paragraphs[0] == "崇川区政协2024年度“有事好商量”协商议事工作总结（初稿）"
    assert "初稿说明" in text and "供经办人修改完善" in text
    # The figures of compute_stats (counted by hand in tests/test_stats.py) in the sentences.
    assert (stats["meetings"], stats["previous"]["meetings"]) == (8, 1)
    assert (stats["member_attendances"], stats["problems_solved"]) == (8, 4)
    assert "全年共开展协商议事活动8场，政协委员8人次参加，参与解决民生问题4个" in text
    assert "全年共开展协商议事活动8场（比上年增加7场）" in text
    assert "政协委员参加8人次（比上年增加7人次）" in text
    assert "其他人员参加9人次" in text
    assert "全年征集议题9个（" in text and "群众出题3个" in text and "委员荐题1个" in text
    assert "形成协商成果9条（" in text
    assert "应办结成果7条，已办结5条，落实率71.4%，比上年（100.0%）下降28.6个百分点" in text
    assert "转报政协提案1件（比上年增加1件），已立案1件" in text
    assert "报送社情民意信息2条（比上年增加2条），已采用1条" in text
    assert "受理调解和信访案件2件（比上年增加1件），调解成功1件" in text
    # The tables: this year, the year before, the change, as compute_stats has them.
    summary = _table(tables, "项目", "2024年")
    assert _row(summary, "协商议事活动（场）")[1:] == ["8", "1", "+7"]
    assert _row(summary, "解决实际问题（个）")[1:] == [
        str(stats["problems_solved"]),
        str(stats["previous"]["problems_solved"]),
        f"{stats['problems_solved'] - stats['previous']['problems_solved']:+d}",
    ]
    assert _row(summary, "落实率")[1:] == ["71.4%", "100.0%", "—"]
    sources = _table(tables, "来源", "2024年")
    assert [row[1] for row in sources[1:]] == ["3", "3", "1", "2", "9"]
    states = _table(tables, "办理状态", "2024年")
    assert _row(states, "已办结")[1] == str(stats["outcomes_by_status"]["completed"]) == "5"
    results = _table(tables, "办理结果", "2024年")
    assert _row(results, "A 已解决/基本解决")[1] == "4"
    activities = _table(tables, "活动类型", "2024年\n场次")
    assert _row(activities, "合计")[1:3] == [str(stats["activities"]), "4"]
    # The rooms ranked and the township lines.
    ranking = _table(tables, "名次", "协商议事室")
    assert [row[1] for row in ranking[1:]] == [
        "徐庄村协商议事室",
        "花园社区协商议事室",
        "兴西村协商议事室",
    ]
    assert ranking[1][:5] == ["1", "徐庄村协商议事室", "兴仁镇", "3", "1"]
    townships = _table(tables, "镇（街道）", "议事室\n个数")
    assert [row[0] for row in townships[1:]] == ["先锋街道", "兴仁镇", "崇川区政协（本级）", "合计"]
    assert [row[2] for row in townships[1:]] == ["2", "5", "1", "8"]
    assert "纳入统计的协商议事室共3个，其中3个开展了协商议事活动" in text
    assert "兴仁镇开展协商议事活动最多，共5场" in text
    # Every figure is traceable: the appendix names each one's compute_stats key.
    assert "附：数据来源" in text
    appendix = _table(tables, "序号", "指标")
    keys = {row[4]: row for row in appendix[1:]}
    for key in ("meetings", "member_attendances", "problems_solved", "implementation_rate"):
        assert key in keys, key
    assert keys["meetings"][2:4] == ["8", "1"]
    assert keys["implementation_rate"][2:4] == ["71.4%", "100.0%"]
    assert keys["topics_by_source.residents"][2] == "3"
    assert "ranking" in keys and "townships" in keys
    assert "yishi stats --year 2024 --json" in text


def test_the_typical_cases_follow_the_rule(dataset: Dataset, tmp_path: Path) -> None:
    cases = read_typical_cases(dataset.db, period=Period.of_year(2024), scope=Scope(), limit=5)
    # O1 (satisfied) first; then, all with results A and no satisfaction asked, the meeting
    # with most people present: M7 (4), M6 (3), the township's own meeting (none).
    assert [c.topic_title for c in cases] == [
        "村道路灯维修",
        "小区停车位规划",
        "停车难",
        "菜场改造",
    ]
    first = cases[0]
    assert (first.meeting_title, first.held_on, first.room_name) == (
        "路灯维修协商会",
        date(2024, 3, 15),
        "徐庄村协商议事室",
    )
    assert (first.members, first.others) == (1, 2)
    assert [o.content for o in first.outcomes] == ["协商建议 o1"]  # o2 is still in progress
    # M6's item: o7 (A) before o9 (B); o8 (not possible, D) and the deleted o10 are not told.
    assert [o.content for o in cases[2].outcomes] == ["协商建议 o7", "协商建议 o9"]

    text, _paragraphs, _tables = _read(_write(dataset.db, tmp_path))
    assert "六、典型案例" in text or "典型案例" in text
    assert "（一）村道路灯维修" in text
    assert "2024年3月15日，兴仁镇徐庄村协商议事室以现场协商形式召开“路灯维修协商会”" in text
    assert "政协委员1人、其他人员2人参加" in text
    assert "协商共识：同意。与会人员一致同意。" in text
    assert (
        "协商成果：协商建议 o1。由镇建设办负责办理，已于2024年5月1日办结，"
        "办理结果：A 已解决/基本解决。向群众反馈（2024年5月10日）：路灯已全部修复。"
        "群众满意度：满意。"
    ) in text
    assert "（二）小区停车位规划" in text and "（三）停车难" in text
    assert text.index("（二）小区停车位规划") < text.index("（三）停车难")


def test_an_unsatisfied_outcome_is_never_a_typical_case(dataset: Dataset) -> None:
    with room_session(dataset, "room_a") as session:
        session.get_one(Outcome, dataset["o1"]).satisfaction = Satisfaction.UNSATISFIED
    cases = read_typical_cases(dataset.db, period=Period.of_year(2024), scope=Scope(), limit=5)
    assert "村道路灯维修" not in [c.topic_title for c in cases]


def test_a_township_counts_only_its_rooms(dataset: Dataset, tmp_path: Path) -> None:
    scope = Scope.township(dataset["t1"])
    stats = compute_stats(dataset.db, period=Period.of_year(2024), scope=scope, today=TODAY)
    text, paragraphs, tables = _read(_write(dataset.db, tmp_path, scope=scope))
    assert paragraphs[0] == "兴仁镇2024年度“有事好商量”协商议事工作总结（初稿）"
    assert stats["meetings"] == 5
    assert "全年共开展协商议事活动5场（比上年增加4场）" in text
    ranking = _table(tables, "名次", "协商议事室")
    assert [row[1] for row in ranking[1:]] == ["徐庄村协商议事室", "兴西村协商议事室"]
    assert "花园社区" not in text  # 先锋街道's room
    assert "小区停车位规划" not in text
    assert not [t for t in tables if t[0][:2] == ["镇（街道）", "议事室\n个数"]]
    assert "yishi stats --year 2024 --township 兴仁镇 --json" in text


def test_a_room_draft(dataset: Dataset, tmp_path: Path) -> None:
    text, paragraphs, tables = _read(
        _write(dataset.db, tmp_path, scope=Scope.room(dataset["room_c"]))
    )
    assert paragraphs[0] == "花园社区协商议事室2024年度“有事好商量”协商议事工作总结（初稿）"
    assert "全年共开展协商议事活动2场（比上年增加2场）" in text
    assert not [t for t in tables if t[0][0] == "名次"]
    assert "（一）小区停车位规划" in text and "村道路灯维修" not in text


def test_an_empty_year_gives_a_short_draft(dataset: Dataset, tmp_path: Path) -> None:
    text, paragraphs, tables = _read(_write(dataset.db, tmp_path, year=2030))
    assert paragraphs[0] == "崇川区政协2030年度“有事好商量”协商议事工作总结（初稿）"
    assert "没有开展协商议事活动" in text
    assert "典型案例" not in text and "、协商议事活动开展情况" not in text
    assert _row(_table(tables, "项目", "2030年"), "协商议事活动（场）")[1:] == ["0", "0", "0"]
    assert "附：数据来源" in text


def test_a_year_with_a_meeting_but_no_outcomes(dataset: Dataset, tmp_path: Path) -> None:
    # 2025 holds M11 only: one meeting, no outcome, so no rate and no typical case.
    text, paragraphs, _tables = _read(_write(dataset.db, tmp_path, year=2025))
    assert "全年共开展协商议事活动1场（比上年减少7场）" in text
    assert "—" not in "\n".join(paragraphs[:12])  # no rate printed as a dash in a sentence
    assert "落实率" not in paragraphs[paragraphs.index("一、协商议事活动开展情况") - 1]
    assert "本年度暂无成果已办结" in text


def test_an_empty_room_installation(room_db: Database, tmp_path: Path) -> None:
    text, paragraphs, _tables = _read(_write(room_db, tmp_path))
    assert paragraphs[0].startswith("和平桥社区协商议事室2024年度")
    assert "没有开展协商议事活动" in text


def test_a_range_is_not_a_year(dataset: Dataset) -> None:
    stats = compute_stats(
        dataset.db, period=Period(date(2024, 3, 1), date(2024, 6, 30)), today=TODAY
    )
    with pytest.raises(ValueError, match="自然年"):
        build_year_report(stats, [], issuer="崇川区政协", today=TODAY)


def test_the_title_names_the_scope() -> None:
    assert report_title({"name": "兴仁镇", "year": 2026}) == (
        "兴仁镇2026年度“有事好商量”协商议事工作总结（初稿）"
    )


# --- the command line -------------------------------------------------------------------


def _run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--home", str(db.home.root), "stats", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_writes_the_draft(
    dataset: Dataset, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "总结.docx"
    code, out, err = _run(dataset.db, capsys, "--year", "2024", "--docx", str(path))
    assert code == 0, err
    assert out.strip() == f"已写入：{path}"
    text, paragraphs, _tables = _read(path)
    assert paragraphs[0] == "崇川区政协2024年度“有事好商量”协商议事工作总结（初稿）"
    assert "全年共开展协商议事活动8场" in text
    township = tmp_path / "兴仁镇.docx"
    code, _out, err = _run(
        dataset.db, capsys, "--year", "2024", "--township", "兴仁镇", "--docx", str(township)
    )
    assert code == 0, err
    assert _read(township)[1][0].startswith("兴仁镇2024年度")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--from", "2024-01-01", "--to", "2024-06-30", "--docx", "{out}/a.docx"), "--year"),
        (("--year", "2024", "--docx", "{out}/总结.doc"), "须以 .docx 结尾"),
        (("--year", "2024", "--docx", "{out}/没有的文件夹/总结.docx"), "总结.docx"),
        (("--year", "2024", "--json", "--docx", "{out}/a.docx"), "不能与"),
        (("--year", "2024", "--pdf", "{out}/a.pdf", "--docx", "{out}/a.docx"), "不能与"),
        (("--year", "2024", "--township", "北京镇", "--docx", "{out}/a.docx"), "北京镇"),
        (("--docx", "{out}/a.docx"), "缺少参数：--year"),
    ],
    ids=["range", "not-docx", "missing-folder", "json", "pdf", "unknown-township", "no-year"],
)
def test_bad_arguments_exit_2(
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
    assert list(out.iterdir()) == []


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_opens_the_draft(dataset: Dataset, tmp_path: Path) -> None:
    path = _write(dataset.db, tmp_path)
    (pdf,) = convert_to_pdf([path], tmp_path, timeout=120)
    assert pdf.read_bytes().startswith(b"%PDF")
