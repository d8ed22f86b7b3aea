"""The statistics as plain text for the terminal (`yishi stats`), aligned by display width."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from desktop.models.enums import (
    CaseKind,
    MeetingForm,
    OutcomeStatus,
    ResultClass,
    TopicSource,
    TopicStatus,
)


def display_width(text: str) -> int:
    """Columns a terminal gives the text: East Asian wide and full-width characters take 2."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad to a display width (left-aligned, or right-aligned for numbers)."""
    filler = " " * max(0, width - display_width(text))
    return filler + text if right else text + filler


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int
) -> str:
    """A plain-text table; columns from `numeric_from` on are right-aligned."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            pad(cell, width, right=index >= numeric_from)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def format_rate(rate: float | None) -> str:
    """A rate as a percentage with one decimal (87.5%), or a dash when nothing was due."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


_SUMMARY = (
    ("meetings", "协商议事活动", "场"),
    ("member_attendances", "委员参加", "人次"),
    ("participant_attendances", "其他人员参加", "人次"),
    ("topics", "议题", "个"),
    ("outcomes", "协商成果", "条"),
    ("outcomes_implemented", f"其中{OutcomeStatus.COMPLETED.label}", "条"),
    ("problems_solved", "解决问题", "个"),
    ("outcomes_due", "应办结成果", "条"),
    ("proposals_sent", "转报政协提案", "件"),
    ("proposals_adopted", "其中立案", "件"),
    ("social_info_sent", "报送社情民意信息", "条"),
    ("social_info_adopted", "其中采用", "条"),
    ("activities", "其他履职活动", "场"),
    ("activity_member_attendances", "委员参加其他活动", "人次"),
    ("cases_received", "受理调解信访案件", "件"),
    ("cases_resolved", "其中调解成功", "件"),
)

_FIGURE_COLUMNS = (
    ("meetings", "活动（场）"),
    ("member_attendances", "委员（人次）"),
    ("participant_attendances", "其他人员（人次）"),
    ("topics", "议题（个）"),
    ("outcomes", "成果（条）"),
    ("outcomes_implemented", OutcomeStatus.COMPLETED.label),
    ("problems_solved", "解决问题（个）"),
)


def _breakdown(counts: dict[str, int], enum_cls: Any) -> str:
    return "  ".join(f"{member.label} {counts[member.value]}" for member in enum_cls)


def _own_line(name: str | None) -> str:
    return f"{name}（本级）"


def format_stats(stats: dict[str, Any]) -> str:
    """The statistics as a readable Chinese table for the terminal."""
    if stats["year"] is not None:
        heading = f"{stats['name']} {stats['year']} 年度协商议事统计"
    else:
        heading = f"{stats['name']} {stats['from']} 至 {stats['to']} 协商议事统计"
    lines = [heading, ""]
    previous = stats["previous"]
    summary = [(label, str(stats[key]), unit, str(previous[key])) for key, label, unit in _SUMMARY]
    label_width = max(display_width(label) for label, *_ in summary)
    number_width = max(display_width(number) for _, number, _, _ in summary)
    for label, number, unit, before in summary:
        lines.append(
            f"{pad(label, label_width)}  {pad(number, number_width, right=True)} "
            f"{pad(unit, 4)}  上年同期 {before}"
        )
    lines.append(
        f"{pad('落实率', label_width)}  {format_rate(stats['implementation_rate'])}"
        f"  上年同期 {format_rate(previous['implementation_rate'])}"
    )
    lines.append(f"（解决问题：成果办理结果为「{ResultClass.A.label}」的条数；")
    lines.append(" 落实率：已办结成果 ÷ 应办结成果，应办结为已办结、未能办理或已过办理期限的成果）")
    lines.append("")
    lines.append(f"协商形式：{_breakdown(stats['meetings_by_form'], MeetingForm)}")
    lines.append(f"议题来源：{_breakdown(stats['topics_by_source'], TopicSource)}")
    lines.append(f"议题状态：{_breakdown(stats['topics_by_status'], TopicStatus)}")
    lines.append(f"成果状态：{_breakdown(stats['outcomes_by_status'], OutcomeStatus)}")
    results = stats["outcomes_by_result"]
    lines.append(
        "办理结果："
        + "  ".join(f"{r.label} {results[r.value]}" for r in ResultClass)
        + f"  未评定 {results['unclassified']}"
    )
    lines.append(f"案件类别：{_breakdown(stats['cases_by_kind'], CaseKind)}")
    names = {kind["code"]: kind["name"] for kind in stats["activity_kinds"]}
    by_kind = stats["activities_by_kind"]
    lines.append(
        "其他活动："
        + (
            "  ".join(
                f"{names.get(code, code)} {entry['activities']}场/{entry['member_attendances']}人次"
                for code, entry in by_kind.items()
            )
            or "无"
        )
    )
    months = stats["meetings_by_month"]
    lines.append(
        "逐月活动：" + "  ".join(f"{m['month'][5:].lstrip('0')}月 {m['meetings']}" for m in months)
        if len({m["month"][:4] for m in months}) == 1
        else "逐月活动：" + "  ".join(f"{m['month']} {m['meetings']}" for m in months)
    )

    if "townships" in stats:
        figure_headers = [header for _, header in _FIGURE_COLUMNS]
        total_figures = [str(stats[key]) for key, _ in _FIGURE_COLUMNS]
        room_count = sum(1 for r in stats["rooms"] if r["office"] is None)

        township_rows = [
            [
                _own_line(t["name"]) if t["office"] == "district" else t["name"] or "（未归属）",
                str(t["room_count"]),
            ]
            + [str(t[key]) for key, _ in _FIGURE_COLUMNS]
            for t in stats["townships"]
        ]
        township_rows.append(["合计", str(room_count), *total_figures])
        lines += [
            "",
            "按镇（街道）统计",
            format_table(["镇（街道）", "议事室", *figure_headers], township_rows, numeric_from=1),
        ]

        room_rows = [
            [
                r["township"] or ("区政协" if r["office"] == "district" else "（未归属）"),
                _own_line(r["name"]) if r["office"] is not None else r["name"],
                r["village"],
            ]
            + [str(r[key]) for key, _ in _FIGURE_COLUMNS]
            for r in stats["rooms"]
        ]
        room_rows.append(["合计", "", "", *total_figures])
        lines += [
            "",
            "按协商议事室统计",
            format_table(
                ["镇（街道）", "协商议事室", "村（社区）", *figure_headers],
                room_rows,
                numeric_from=3,
            ),
        ]
    return "\n".join(lines)
