"""The statistics as titled tables with Chinese headers, and which ones a chart shows.

The Excel export (desktop.stats.excel) and the PDF report (desktop.documents.stats_report)
both print these, so the two always hold the same tables, numbers and charts. Cells are
numbers where they count something (ints; a rate is a float fraction, None when nothing
was due), so a spreadsheet can sum them.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.formatting import format_date
from desktop.models.enums import CaseKind, MeetingForm, OutcomeStatus, ResultClass, TopicSource
from desktop.stats.figures import UNCLASSIFIED
from desktop.stats.scope import Period

Cell = str | int | float | None


class ChartKind(enum.StrEnum):
    BAR = "bar"
    PIE = "pie"
    LINE = "line"


@dataclass(frozen=True)
class ChartSpec:
    """A chart of one table: categories from its first column, one series per column given
    (by index), over the rows without the total line."""

    kind: ChartKind
    title: str
    series: tuple[int, ...]


@dataclass(frozen=True)
class StatTable:
    """One table of the view. Cells in `rate_columns` or `rate_rows` are fractions shown as
    percentages, those in `signed_columns` changes shown with their sign; the last row is a
    total line when `total_row`; `widths` are relative column widths for print."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[list[Cell]]
    rate_columns: frozenset[int] = frozenset()
    rate_rows: frozenset[int] = frozenset()
    signed_columns: frozenset[int] = frozenset()
    total_row: bool = False
    chart: ChartSpec | None = None
    widths: tuple[float, ...] = field(default=())

    def chart_rows(self) -> list[list[Cell]]:
        return self.rows[:-1] if self.total_row else self.rows

    def is_rate(self, row: int, column: int) -> bool:
        return column in self.rate_columns or (row in self.rate_rows and column > 0)

    def text(self, row: int, column: int) -> str:
        """A cell as printed: a rate as a percentage, a change with its sign, None as a dash."""
        value = self.rows[row][column]
        if value is None:
            return "—"
        if isinstance(value, str):
            return value
        if self.is_rate(row, column):
            return f"{value * 100:.1f}%"
        if column in self.signed_columns:
            return f"{value:+d}" if value else "0"
        return str(value)


def stats_period(stats: dict[str, Any]) -> Period:
    return Period(date.fromisoformat(stats["from"]), date.fromisoformat(stats["to"]))


def stats_title(stats: dict[str, Any]) -> str:
    """The report's title: 崇川区政协2024年协商议事统计 (the name is the scope's)."""
    return f"{stats['name']}{stats_period(stats).label}协商议事统计"


def scope_line(stats: dict[str, Any]) -> str:
    """The days counted and the days compared with, and for a township or a room of a
    district, which one: 与2023年对比, or 2024年3月15日至6月10日，与上年同期对比."""
    period = stats_period(stats)
    parts: list[str] = []
    if stats["scope"] == "district" and stats["level"] == "township":
        parts.append(f"范围：{stats['name']}")
    elif stats["scope"] == "district" and stats["level"] == "room":
        parts.append(f"范围：{stats.get('township') or ''}{stats['name']}")
    if period.year is not None:
        parts.append(f"与{period.year - 1}年对比")
    else:
        previous = stats["previous"]
        parts.append(
            f"统计期间：{format_date(period.start)}至{format_date(period.end)}，"
            f"与上年同期（{format_date(date.fromisoformat(previous['from']))}至"
            f"{format_date(date.fromisoformat(previous['to']))}）对比"
        )
    return "；".join(parts)


def period_heading(stats: dict[str, Any]) -> tuple[str, str]:
    """Column titles of this period and the one a year earlier: 2024年 / 2023年, or 本期 /
    上年同期 for a range of days."""
    if stats["year"] is not None:
        return f"{stats['year']}年", f"{stats['previous']['year']}年"
    return "本期", "上年同期"


def change(now: int, before: int) -> Cell:
    """The change as a signed count."""
    return now - before


SUMMARY_ROWS: tuple[tuple[str, str], ...] = (
    ("meetings", "协商议事活动（场）"),
    ("member_attendances", "政协委员参加（人次）"),
    ("participant_attendances", "其他人员参加（人次）"),
    ("topics", "征集议题（个）"),
    ("problems_solved", "解决实际问题（个）"),
    ("outcomes", "形成协商成果（条）"),
    ("outcomes_implemented", "成果已办结（条）"),
    ("outcomes_due", "成果应办结（条）"),
    ("proposals_sent", "转报政协提案（件）"),
    ("proposals_adopted", "提案立案（件）"),
    ("social_info_sent", "报送社情民意信息（条）"),
    ("social_info_adopted", "社情民意信息采用（条）"),
    ("activities", "其他履职活动（场）"),
    ("activity_member_attendances", "委员参加其他活动（人次）"),
    ("cases_received", "受理调解信访案件（件）"),
    ("cases_resolved", "调解成功（件）"),
)

# Columns of the per-township and per-room tables: (figure key, header).
LIST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("meetings", "活动\n场次"),
    ("member_attendances", "委员\n人次"),
    ("participant_attendances", "其他人员\n人次"),
    ("topics", "议题\n个数"),
    ("outcomes", "成果\n条数"),
    ("outcomes_implemented", "已办结\n条数"),
    ("problems_solved", "解决\n问题数"),
    ("implementation_rate", "落实率"),
    ("proposals_sent", "提案\n件数"),
    ("social_info_sent", "社情民意\n条数"),
    ("activities", "其他活动\n场次"),
    ("cases_received", "案件\n件数"),
)


def _pair_table(
    key: str,
    title: str,
    first: str,
    labels: Sequence[tuple[str, str]],
    now: dict[str, int],
    before: dict[str, int],
    heads: tuple[str, str],
    chart: ChartSpec | None,
) -> StatTable:
    rows: list[list[Cell]] = []
    for code, label in labels:
        this, last = now.get(code, 0), before.get(code, 0)
        rows.append([label, this, last, change(this, last)])
    total_now, total_before = sum(now.values()), sum(before.values())
    rows.append(["合计", total_now, total_before, change(total_now, total_before)])
    return StatTable(
        key,
        title,
        (first, heads[0], heads[1], "增减"),
        rows,
        signed_columns=frozenset({3}),
        total_row=True,
        chart=chart,
        widths=(60, 32, 32, 32),
    )


def _list_row(entry: dict[str, Any]) -> list[Cell]:
    return [entry[key] for key, _ in LIST_COLUMNS]


def _list_rate_columns(offset: int) -> frozenset[int]:
    keys = [key for key, _ in LIST_COLUMNS]
    return frozenset({offset + keys.index("implementation_rate")})


def own_line(name: str | None) -> str:
    return f"{name}（本级）"


def build_tables(stats: dict[str, Any]) -> list[StatTable]:
    """Every table of the statistics view, in the order the page shows them."""
    previous = stats["previous"]
    heads = period_heading(stats)
    summary: list[list[Cell]] = [
        [label, stats[key], previous[key], change(stats[key], previous[key])]
        for key, label in SUMMARY_ROWS
    ]
    summary.append(["落实率", stats["implementation_rate"], previous["implementation_rate"], None])
    tables = [
        StatTable(
            "summary",
            "主要指标",
            ("项目", heads[0], heads[1], "增减"),
            summary,
            rate_rows=frozenset({len(summary) - 1}),
            signed_columns=frozenset({3}),
            widths=(70, 28, 28, 28),
        )
    ]
    this_months = stats["meetings_by_month"]
    before_months = previous["meetings_by_month"]
    month_rows: list[list[Cell]] = []
    for index, month in enumerate(this_months):
        before = before_months[index]["meetings"] if index < len(before_months) else 0
        label = f"{int(month['month'][5:])}月" if stats["year"] is not None else month["month"]
        month_rows.append([label, month["meetings"], before, change(month["meetings"], before)])
    total_now = sum(m["meetings"] for m in this_months)
    total_before = sum(m["meetings"] for m in before_months)
    month_rows.append(["合计", total_now, total_before, change(total_now, total_before)])
    tables.append(
        StatTable(
            "months",
            "逐月协商议事活动",
            ("月份", heads[0], heads[1], "增减"),
            month_rows,
            signed_columns=frozenset({3}),
            total_row=True,
            chart=ChartSpec(ChartKind.BAR, "逐月协商议事活动（场）", (1, 2)),
            widths=(40, 38, 38, 38),
        )
    )
    tables.append(
        _pair_table(
            "forms",
            "协商形式",
            "形式",
            [(f.value, f.label) for f in MeetingForm],
            stats["meetings_by_form"],
            previous["meetings_by_form"],
            heads,
            ChartSpec(ChartKind.PIE, "协商形式", (1,)),
        )
    )
    tables.append(
        _pair_table(
            "sources",
            "议题来源",
            "来源",
            [(s.value, s.label) for s in TopicSource],
            stats["topics_by_source"],
            previous["topics_by_source"],
            heads,
            ChartSpec(ChartKind.PIE, "议题来源", (1,)),
        )
    )
    tables.append(
        _pair_table(
            "outcome_states",
            "协商成果办理情况",
            "办理状态",
            [(s.value, s.label) for s in OutcomeStatus],
            stats["outcomes_by_status"],
            previous["outcomes_by_status"],
            heads,
            ChartSpec(ChartKind.BAR, "协商成果办理情况（条）", (1, 2)),
        )
    )
    tables.append(
        _pair_table(
            "outcome_results",
            "协商成果办理结果",
            "办理结果",
            [(r.value, r.label) for r in ResultClass] + [(UNCLASSIFIED, "未评定")],
            stats["outcomes_by_result"],
            previous["outcomes_by_result"],
            heads,
            None,
        )
    )
    escalations: list[list[Cell]] = [
        [
            "政协提案",
            stats["proposals_sent"],
            stats["proposals_adopted"],
            previous["proposals_sent"],
            previous["proposals_adopted"],
        ],
        [
            "社情民意信息",
            stats["social_info_sent"],
            stats["social_info_adopted"],
            previous["social_info_sent"],
            previous["social_info_adopted"],
        ],
    ]
    tables.append(
        StatTable(
            "escalations",
            "转报提案和社情民意信息",
            (
                "类别",
                f"{heads[0]}\n报送",
                f"{heads[0]}\n立案/采用",
                f"{heads[1]}\n报送",
                f"{heads[1]}\n立案/采用",
            ),
            escalations,
            widths=(40, 29, 29, 29, 29),
        )
    )
    names = {kind["code"]: kind["name"] for kind in stats["activity_kinds"]}
    now_kinds = stats["activities_by_kind"]
    before_kinds = previous["activities_by_kind"]
    activity_rows: list[list[Cell]] = []
    for code in dict.fromkeys([*now_kinds, *before_kinds]):
        now = now_kinds.get(code, {"activities": 0, "member_attendances": 0})
        before = before_kinds.get(code, {"activities": 0, "member_attendances": 0})
        activity_rows.append(
            [
                names.get(code, code),
                now["activities"],
                now["member_attendances"],
                before["activities"],
                before["member_attendances"],
            ]
        )
    activity_rows.append(
        [
            "合计",
            stats["activities"],
            stats["activity_member_attendances"],
            previous["activities"],
            previous["activity_member_attendances"],
        ]
    )
    tables.append(
        StatTable(
            "activities",
            "其他履职活动",
            (
                "活动类型",
                f"{heads[0]}\n场次",
                f"{heads[0]}\n委员人次",
                f"{heads[1]}\n场次",
                f"{heads[1]}\n委员人次",
            ),
            activity_rows,
            total_row=True,
            chart=ChartSpec(ChartKind.BAR, "其他履职活动（场）", (1, 3)),
            widths=(44, 28, 28, 28, 28),
        )
    )
    cases: list[list[Cell]] = [
        [kind.label, stats["cases_by_kind"][kind.value], previous["cases_by_kind"][kind.value]]
        for kind in CaseKind
    ]
    cases.append(["受理合计", stats["cases_received"], previous["cases_received"]])
    cases.append(["其中调解成功", stats["cases_resolved"], previous["cases_resolved"]])
    tables.append(
        StatTable(
            "cases",
            "调解和信访案件",
            ("项目", heads[0], heads[1]),
            cases,
            widths=(60, 48, 48),
        )
    )
    if "townships" in stats:
        tables += _district_tables(stats)
    return tables


def _district_tables(stats: dict[str, Any]) -> list[StatTable]:
    headers = tuple(header for _, header in LIST_COLUMNS)
    totals = _list_row(stats)
    room_count = sum(1 for room in stats["rooms"] if room["office"] is None)
    township_rows: list[list[Cell]] = [
        [
            own_line(t["name"]) if t["office"] == "district" else t["name"] or "（未归属）",
            t["room_count"],
            *_list_row(t),
        ]
        for t in stats["townships"]
    ]
    township_rows.append(["合计", room_count, *totals])
    room_rows: list[list[Cell]] = [
        [
            r["township"] or ("区政协" if r["office"] == "district" else "（未归属）"),
            own_line(r["name"]) if r["office"] is not None else r["name"],
            *_list_row(r),
        ]
        for r in stats["rooms"]
    ]
    room_rows.append(["合计", "", *totals])
    ranking: list[list[Cell]] = [
        [
            r["rank"],
            r["name"],
            r["township"] or "（未归属）",
            r["meetings"],
            r["problems_solved"],
            r["member_attendances"],
            r["topics"],
            r["outcomes"],
            r["outcomes_implemented"],
        ]
        for r in stats["ranking"]
    ]
    narrow = (20.0,) * len(LIST_COLUMNS)
    return [
        StatTable(
            "townships",
            "按镇（街道）统计",
            ("镇（街道）", "议事室\n个数", *headers),
            township_rows,
            rate_columns=_list_rate_columns(2),
            total_row=True,
            widths=(34, 20, *narrow),
        ),
        StatTable(
            "rooms",
            "按协商议事室统计",
            ("镇（街道）", "协商议事室", *headers),
            room_rows,
            rate_columns=_list_rate_columns(2),
            total_row=True,
            widths=(30, 40, *narrow),
        ),
        StatTable(
            "ranking",
            "协商议事室排名（按活动场次，其次按解决问题个数）",
            (
                "名次",
                "协商议事室",
                "镇（街道）",
                "活动\n场次",
                "解决\n问题数",
                "委员\n人次",
                "议题\n个数",
                "成果\n条数",
                "已办结\n条数",
            ),
            ranking,
            widths=(12, 52, 28, 16, 16, 16, 16, 16, 16),
        ),
    ]
