"""年度工作总结（初稿）: a draft of the year's work summary as an editable Word file.

The seed's reports are exactly this kind of text: "全年共开展…场，委员…人次参加，参与解决民生
问题…个". The draft puts the figures of `desktop.stats.compute_stats` for the year (and the year
before, which compute_stats counts alongside) into such sentences and into tables, ranks the
rooms, and tells a few typical cases (典型案例) from the records. It is a starting point the
clerk edits, so every figure it prints is listed at the end ("数据来源") with the compute_stats
key it came from and how that key is counted; the tables are the statistics' own tables
(desktop.stats.tables), so they hold what the 统计 page, the Excel and the PDF hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from sqlalchemy import func, select

from desktop import clock
from desktop.db import Database
from desktop.documents.layout import TABLE_SIZE, chinese_numeral
from desktop.documents.masking import Masker, load_masker
from desktop.documents.word import BODY_FONT, HEADING_FONT, WordDocument, _set_font
from desktop.documents.wording import local_label
from desktop.errors import os_reason
from desktop.files import atomic_path
from desktop.formatting import format_date
from desktop.models import AgendaItem, Attendance, Meeting, Outcome, Room, Topic, Township
from desktop.models.enums import (
    AttendanceStatus,
    Consensus,
    MeetingForm,
    OutcomeStatus,
    ResultClass,
    Satisfaction,
    TopicSource,
)
from desktop.rules.meetings import HELD_STATUSES
from desktop.stats.figures import compute_stats
from desktop.stats.scope import DISTRICT, Level, Period, Scope, StatsError
from desktop.stats.tables import LIST_COLUMNS, StatTable, build_tables
from desktop.stats.text import format_rate

# Typical cases told: a room holds few consultations a year, a township or district many.
ROOM_CASES, WIDER_CASES = 3, 5
RANKED_ROOMS = 10
# Outcomes a typical case may tell: carried out, and solved or being solved.
CASE_RESULTS = (ResultClass.A, ResultClass.B)
# Best first; residents who were not asked come after those who were, unsatisfied ones never.
SATISFACTION_ORDER = {Satisfaction.SATISFIED: 0, Satisfaction.BASICALLY_SATISFIED: 1, None: 2}
RESULT_ORDER = {ResultClass.A: 0, ResultClass.B: 1}
# The per-township table in print: the columns that fit a portrait page.
TOWNSHIP_KEYS = (
    "meetings",
    "member_attendances",
    "topics",
    "outcomes",
    "outcomes_implemented",
    "problems_solved",
    "implementation_rate",
)

# How each compute_stats key is counted (desktop.stats.figures), for the 数据来源 table.
DEFINITIONS: dict[str, str] = {
    "meetings": "年内举行的协商议事活动（状态为已举行、纪要草稿或纪要定稿，按举行日期）",
    "meetings_by_form": "上述活动按协商形式分列",
    "meetings_by_month": "上述活动按举行月份分列",
    "member_attendances": "上述活动签到为出席的政协委员人次",
    "participant_attendances": "上述活动签到为出席的其他人员人次",
    "topics": "年内征集的议题（按提出日期）",
    "topics_by_source": "上述议题按来源分列",
    "outcomes": "年内协商议事活动形成的协商成果（按现状）",
    "outcomes_by_status": "上述成果按办理状态分列",
    "outcomes_by_result": "上述成果按办理结果分列（A–D，未评定）",
    "outcomes_implemented": "上述成果中办理状态为已办结的条数",
    "problems_solved": "上述成果中办理结果为“A 已解决/基本解决”的条数",
    "outcomes_due": "上述成果中截至统计日应办结的条数（已办结、未能办理或已过办理期限）",
    "implementation_rate": "已办结成果 ÷ 应办结成果（outcomes_implemented ÷ outcomes_due）",
    "proposals_sent": "年内转报的政协提案（按转报日期，含活动、案件的成果）",
    "proposals_adopted": "上述提案中区政协已登记立案的件数",
    "social_info_sent": "年内报送的社情民意信息（按报送日期）",
    "social_info_adopted": "上述信息中区政协已登记采用的条数",
    "activities": "年内举行的其他履职活动（一室多用）",
    "activity_member_attendances": "上述活动参加的政协委员人次",
    "activities_by_kind": "上述活动按活动类型分列",
    "cases_received": "年内受理的调解和信访案件（按受理日期）",
    "cases_resolved": "上述案件中已调解成功的件数",
    "townships": "按镇（街道）分列的同一组数字，各行相加等于合计",
    "ranking": "协商议事室按活动场次排名，场次相同的按解决问题个数，两者都相同的名次并列",
}


# --- typical cases ----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseOutcome:
    content: str
    responsible_unit: str
    responsible_person: str
    completed_on: date | None
    result_class: ResultClass
    feedback: str | None
    fed_back_on: date | None
    satisfaction: Satisfaction | None


@dataclass(frozen=True)
class TypicalCase:
    """One consultation (an agenda item of a held meeting) whose outcomes were carried out."""

    agenda_item_id: str
    topic_title: str
    topic_source: TopicSource
    meeting_title: str
    held_on: date
    form: MeetingForm
    room_name: str
    township: str | None
    consensus: Consensus | None
    consensus_text: str
    members: int
    others: int
    outcomes: tuple[CaseOutcome, ...] = field(default=())

    @property
    def attendees(self) -> int:
        return self.members + self.others

    def sort_key(self) -> tuple[int, int, int, date, str]:
        """Satisfaction, then result class (each the best of its outcomes), then the most
        people present, then the earlier meeting, then the id: the same cases every time."""
        return (
            min(SATISFACTION_ORDER[o.satisfaction] for o in self.outcomes),
            min(RESULT_ORDER[o.result_class] for o in self.outcomes),
            -self.attendees,
            self.held_on,
            self.agenda_item_id,
        )


def _scope_rooms(scope: Scope) -> Any:
    rooms = select(Room.id)
    if scope.level is Level.ROOM:
        return rooms.where(Room.id == scope.id)
    if scope.level is Level.TOWNSHIP:
        # The township's rooms and its own office host, as compute_stats counts them.
        return rooms.where(Room.township_id == scope.id)
    return rooms


def read_typical_cases(
    db: Database, *, period: Period, scope: Scope, limit: int
) -> list[TypicalCase]:
    """Up to `limit` consultations held in `period` in `scope` whose outcomes are 已办结 with
    result A or B and residents not unsatisfied, best first (`TypicalCase.sort_key`)."""
    statement = (
        select(
            AgendaItem.id,
            Topic.title,
            Topic.source,
            Meeting.id,
            Meeting.title,
            Meeting.held_on,
            Meeting.form,
            Room.name,
            Township.name,
            AgendaItem.consensus,
            AgendaItem.consensus_text,
            Outcome,
        )
        .select_from(Outcome)
        .join(AgendaItem, AgendaItem.id == Outcome.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Topic, Topic.id == AgendaItem.topic_id)
        .join(Room, Room.id == Meeting.room_id)
        .outerjoin(Township, Township.id == Room.township_id)
        .where(
            Meeting.room_id.in_(_scope_rooms(scope)),
            Meeting.held_on.between(period.start, period.end),
            Meeting.status.in_(sorted(HELD_STATUSES)),
            Meeting.deleted.is_(False),
            AgendaItem.deleted.is_(False),
            Outcome.deleted.is_(False),
            Outcome.status == OutcomeStatus.COMPLETED,
            Outcome.result_class.in_(CASE_RESULTS),
            (Outcome.satisfaction.is_(None)) | (Outcome.satisfaction != Satisfaction.UNSATISFIED),
        )
    )
    items: dict[str, dict[str, Any]] = {}
    with db.session() as session:
        for row in session.execute(statement):
            (item_id, topic, source, meeting_id, title, held_on, form, room, township) = row[:9]
            consensus, consensus_text, outcome = row[9:]
            entry = items.setdefault(
                item_id,
                {
                    "meeting_id": meeting_id,
                    "fields": (topic, source, title, held_on, form, room, township),
                    "consensus": (consensus, consensus_text or ""),
                    "outcomes": [],
                },
            )
            entry["outcomes"].append(
                CaseOutcome(
                    content=outcome.content,
                    responsible_unit=outcome.responsible_unit,
                    responsible_person=outcome.responsible_person,
                    completed_on=outcome.completed_on,
                    result_class=outcome.result_class,
                    feedback=outcome.feedback,
                    fed_back_on=outcome.fed_back_on,
                    satisfaction=outcome.satisfaction,
                )
            )
        meetings = sorted({entry["meeting_id"] for entry in items.values()})
        present: dict[str, tuple[int, int]] = {}
        if meetings:
            counted = session.execute(
                select(
                    Attendance.meeting_id,
                    func.count(Attendance.member_id),
                    func.count(Attendance.participant_id),
                )
                .where(
                    Attendance.meeting_id.in_(meetings),
                    Attendance.deleted.is_(False),
                    Attendance.status == AttendanceStatus.PRESENT,
                )
                .group_by(Attendance.meeting_id)
            )
            present = {meeting: (members, others) for meeting, members, others in counted}
    cases: list[TypicalCase] = []
    for item_id, entry in items.items():
        topic, source, title, held_on, form, room, township = entry["fields"]
        members, others = present.get(entry["meeting_id"], (0, 0))
        outcomes = sorted(
            entry["outcomes"],
            key=lambda o: (
                SATISFACTION_ORDER[o.satisfaction],
                RESULT_ORDER[o.result_class],
                o.completed_on or date.max,
                o.content,
            ),
        )
        cases.append(
            TypicalCase(
                agenda_item_id=item_id,
                topic_title=topic,
                topic_source=source,
                meeting_title=title,
                held_on=held_on,
                form=form,
                room_name=room,
                township=township,
                consensus=entry["consensus"][0],
                consensus_text=entry["consensus"][1],
                members=members,
                others=others,
                outcomes=tuple(outcomes),
            )
        )
    cases.sort(key=TypicalCase.sort_key)
    return cases[:limit]


# --- the figures and where they came from -----------------------------------------------


def _lookup(figures: dict[str, Any], key: str) -> Any:
    value: Any = figures
    for part in key.split("."):
        value = value[part]
    return value


@dataclass
class _Sources:
    """The figures the sentences use, each noted with its key for the 数据来源 table."""

    stats: dict[str, Any]
    used: dict[str, str] = field(default_factory=dict)

    def now(self, key: str, label: str) -> Any:
        self.used.setdefault(key, label)
        return _lookup(self.stats, key)

    def before(self, key: str) -> Any:
        return _lookup(self.stats["previous"], key)

    def versus(self, key: str, unit: str, label: str) -> str:
        """比上年增加3场 / 比上年减少2场 / 与上年持平."""
        delta = self.now(key, label) - self.before(key)
        if delta == 0:
            return "与上年持平"
        return f"比上年{'增加' if delta > 0 else '减少'}{abs(delta)}{unit}"

    def count(self, key: str, unit: str, label: str) -> str:
        """ "8场（比上年增加7场）"."""
        return f"{self.now(key, label)}{unit}（{self.versus(key, unit, label)}）"


def _rate_versus(sources: _Sources) -> str:
    """ "，落实率71.4%，比上年（100.0%）下降28.6个百分点"; nothing when no outcome was due."""
    now = sources.now("implementation_rate", "落实率")
    before = sources.before("implementation_rate")
    if now is None:
        return ""
    text = f"，落实率{format_rate(now)}"
    if before is None:
        return text
    points = round((now - before) * 100, 1)
    if points == 0:
        return f"{text}，与上年持平"
    change = "提高" if points > 0 else "下降"
    return f"{text}，比上年（{format_rate(before)}）{change}{abs(points):.1f}个百分点"


def _listing(pairs: Sequence[tuple[str, int, str]], unit: str) -> str:
    """ "现场协商4场、板凳协商2场" for the non-zero parts."""
    return "、".join(f"{label}{count}{unit}" for label, count, _ in pairs if count)


# --- the document -----------------------------------------------------------------------


class _Draft(WordDocument):
    """A WordDocument with the draft's table captions, notes and numbered tables."""

    def __init__(self, *, title: str) -> None:
        super().__init__(title=title)
        self.table_count = 0

    def caption(self, text: str) -> None:
        self.table_count += 1
        paragraph = self._paragraph(alignment=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.keep_with_next = True
        _set_font(paragraph.add_run(f"表{self.table_count}　{text}"), HEADING_FONT, TABLE_SIZE + 2)

    def note(self, text: str) -> None:
        paragraph = self._paragraph(size=TABLE_SIZE, pitch=TABLE_SIZE * 1.6)
        _set_font(paragraph.add_run(text), BODY_FONT, TABLE_SIZE)

    def stat_table(
        self, table: StatTable, *, rows: int | None = None, columns: list[int] | None = None
    ) -> None:
        """A table of desktop.stats.tables as printed there (rates as %, changes signed)."""
        picked = columns if columns is not None else list(range(len(table.headers)))
        shown = range(len(table.rows)) if rows is None else range(min(rows, len(table.rows)))
        body = [([table.text(r, c) for c in picked], table.title) for r in shown]
        widths = [table.widths[c] if table.widths else 1.0 for c in picked]
        self.table([table.headers[c] for c in picked], body, widths_mm=widths)
        # Numbers to the right, as in the statistics' other outputs.
        grid = self.docx.tables[-1]
        for r, row in enumerate(shown, 1):
            for c, column in enumerate(picked):
                if not isinstance(table.rows[row][column], str) and c > 0:
                    for paragraph in grid.rows[r].cells[c].paragraphs:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.space(0.3)


def report_title(stats: dict[str, Any]) -> str:
    return f"{stats['name']}{stats['year']}年度“有事好商量”协商议事工作总结（初稿）"


def _cli_command(stats: dict[str, Any]) -> str:
    words = ["yishi", "stats", "--year", str(stats["year"])]
    if stats["scope"] == "district" and stats["level"] == "township":
        words += ["--township", stats["name"]]
    elif stats["scope"] == "district" and stats["level"] == "room":
        words += ["--room", stats["name"]]
    return " ".join([*words, "--json"])


def _case_count(stats: dict[str, Any]) -> int:
    return ROOM_CASES if stats["level"] == "room" else WIDER_CASES


def build_year_report(
    stats: dict[str, Any], cases: Sequence[TypicalCase], *, issuer: str, today: date
) -> WordDocument:
    """The draft of `stats` (compute_stats of a calendar year) with its typical cases."""
    if stats["year"] is None:
        raise StatsError("年度工作总结须按自然年起草，请选择年份")
    year, name = stats["year"], stats["name"]
    document = _Draft(title=report_title(stats))
    sources = _Sources(stats)
    tables = {table.key: table for table in build_tables(stats)}
    as_of = min(date(year, 12, 31), today)

    document.title(report_title(stats))
    document.space(0.5)
    document.note(
        f"【初稿说明】本稿由“议事”系统于{format_date(today)}根据统计数据自动起草，"
        "供经办人修改完善；文中数字均可在文末“数据来源”表中查到所依据的统计项。"
        "定稿前请删除本说明。"
    )
    document.space(0.5)

    if sources.now("meetings", "协商议事活动（场）") == 0:
        _empty_year(document, sources, tables, year=year, name=name)
    else:
        _full_year(document, sources, tables, cases, year=year, name=name, as_of=as_of)
    document.sign_off(issuer, format_date(today), record="落款")
    _appendix(document, sources, stats, with_cases=bool(cases) and stats["meetings"] > 0)
    return document


def _empty_year(
    document: _Draft, sources: _Sources, tables: dict[str, StatTable], *, year: int, name: str
) -> None:
    before = sources.before("meetings")
    text = f"{year}年，{name}没有开展协商议事活动（系统中没有{year}年已举行的协商议事活动记录）"
    text += f"，上年开展{before}场。" if before else "。"
    others = _listing(
        [
            ("征集议题", sources.now("topics", "征集议题（个）"), "个"),
            ("开展其他履职活动", sources.now("activities", "其他履职活动（场）"), "场"),
            ("受理调解信访案件", sources.now("cases_received", "受理调解信访案件（件）"), "件"),
        ],
        "",
    )
    if others:
        text += f"全年{others}。"
    document.paragraph(text, record="正文", indent=True)
    document.caption(f"主要指标（{year}年与{year - 1}年对比）")
    document.stat_table(tables["summary"])


def _full_year(
    document: _Draft,
    sources: _Sources,
    tables: dict[str, StatTable],
    cases: Sequence[TypicalCase],
    *,
    year: int,
    name: str,
    as_of: date,
) -> None:
    s = sources
    stats = s.stats
    document.paragraph(
        f"{year}年，{name}坚持以人民为中心，依托“有事好商量”协商议事平台，聚焦群众急难愁盼问题，"
        "推动政协协商与基层协商有机融合。"
        f"全年共开展协商议事活动{s.now('meetings', '协商议事活动（场）')}场，"
        f"政协委员{s.now('member_attendances', '政协委员参加（人次）')}人次参加，"
        f"参与解决民生问题{s.now('problems_solved', '解决民生问题（个）')}个，"
        f"形成协商成果{s.now('outcomes', '形成协商成果（条）')}条"
        f"{_rate_versus(s)}。现将全年工作总结如下。",
        record="正文",
        indent=True,
    )
    section = 0

    def heading(text: str) -> None:
        nonlocal section
        section += 1
        document.heading(f"{chinese_numeral(section)}、{text}")

    heading("协商议事活动开展情况")
    forms = [
        (form.label, s.now(f"meetings_by_form.{form.value}", f"{form.label}（场）"), form.value)
        for form in MeetingForm
    ]
    counts = [m["meetings"] for m in stats["meetings_by_month"]]
    month_text = ""
    # Only a month that stands out is worth a sentence; a tie of many months is not.
    if counts and counts.count(max(counts)) == 1 and max(counts) > 1:
        s.used.setdefault("meetings_by_month", "逐月协商议事活动（场）")
        peak = stats["meetings_by_month"][counts.index(max(counts))]
        month_text = f"开展活动最多的是{int(peak['month'][5:])}月，共{peak['meetings']}场。"
    cadres = local_label("村（社区）干部", stats.get("village", ""))
    document.paragraph(
        f"全年共开展协商议事活动{s.count('meetings', '场', '协商议事活动（场）')}，"
        f"其中{_listing(forms, '场')}。{month_text}"
        f"政协委员参加{s.count('member_attendances', '人次', '政协委员参加（人次）')}，"
        f"群众代表、{cadres}和部门人员等其他人员参加"
        f"{s.count('participant_attendances', '人次', '其他人员参加（人次）')}。",
        record="协商议事活动",
        indent=True,
    )
    document.caption(f"主要指标（{year}年与{year - 1}年对比）")
    document.stat_table(tables["summary"])
    document.caption("协商形式")
    document.stat_table(tables["forms"])

    heading("议题征集情况")
    by_source = [
        (source.label, s.now(f"topics_by_source.{source.value}", f"{source.label}（个）"), "")
        for source in TopicSource
    ]
    listed = _listing(by_source, "个")
    document.paragraph(
        f"坚持党政点题、群众出题、委员荐题、网格征题相结合，全年征集议题"
        f"{s.count('topics', '个', '征集议题（个）')}" + (f"，其中{listed}。" if listed else "。"),
        record="议题征集",
        indent=True,
    )
    document.caption("议题来源")
    document.stat_table(tables["sources"])

    heading("协商成果办理落实情况")
    states = [
        (state.label, s.now(f"outcomes_by_status.{state.value}", f"{state.label}（条）"), "")
        for state in OutcomeStatus
    ]
    progress = _listing(states, "条")
    document.paragraph(
        f"协商议事形成协商成果{s.count('outcomes', '条', '形成协商成果（条）')}，"
        + (f"目前{progress}；" if progress else "")
        + f"参与解决民生问题{s.count('problems_solved', '个', '解决民生问题（个）')}。"
        f"截至{format_date(as_of)}，应办结成果{s.now('outcomes_due', '应办结成果（条）')}条，"
        f"已办结{s.now('outcomes_implemented', '已办结成果（条）')}条{_rate_versus(s)}。",
        record="成果办理",
        indent=True,
    )
    document.caption("协商成果办理情况")
    document.stat_table(tables["outcome_states"])
    document.caption("协商成果办理结果")
    document.stat_table(tables["outcome_results"])

    heading("转报政协提案和社情民意信息情况")
    proposals = s.now("proposals_sent", "转报政协提案（件）")
    social = s.now("social_info_sent", "报送社情民意信息（条）")
    if proposals or social:
        text = (
            "对协商中群众反映的共性问题，通过政协提案、社情民意信息等渠道及时反映。"
            f"全年转报政协提案{s.count('proposals_sent', '件', '转报政协提案（件）')}，"
            f"已立案{s.now('proposals_adopted', '提案立案（件）')}件；"
            f"报送社情民意信息{s.count('social_info_sent', '条', '报送社情民意信息（条）')}，"
            f"已采用{s.now('social_info_adopted', '社情民意信息采用（条）')}条。"
        )
    else:
        text = "全年没有转报政协提案和社情民意信息。"
    document.paragraph(text, record="转报", indent=True)

    heading("一室多用和调解工作情况")
    names = {kind["code"]: kind["name"] for kind in stats["activity_kinds"]}
    kinds = [
        (
            names.get(code, code),
            s.now(f"activities_by_kind.{code}.activities", f"{names.get(code, code)}（场）"),
            code,
        )
        for code in stats["activities_by_kind"]
    ]
    by_kind = _listing(kinds, "场")
    text = (
        f"发挥协商议事室一室多用作用，全年开展其他履职活动"
        f"{s.count('activities', '场', '其他履职活动（场）')}"
        + (f"，其中{by_kind}" if by_kind else "")
        + f"，委员参加{s.now('activity_member_attendances', '委员参加其他活动（人次）')}人次。"
        f"受理调解和信访案件{s.count('cases_received', '件', '受理调解信访案件（件）')}，"
        f"调解成功{s.now('cases_resolved', '调解成功（件）')}件。"
    )
    document.paragraph(text, record="一室多用", indent=True)
    if stats["activities"] or stats["previous"]["activities"]:
        document.caption("其他履职活动")
        document.stat_table(tables["activities"])

    if "ranking" in stats and stats["level"] != "room":
        heading("各镇（街道）和协商议事室开展情况")
        _rooms(document, sources, tables)

    heading("典型案例")
    if cases:
        document.paragraph(
            f"以下{chinese_numeral(len(cases))}个案例选自本年度成果已办结、办理结果为“已解决/基本解决”"
            "或“正在解决”的协商议事活动，按群众满意度、办理结果、参加人数依次选取，请经办人核实后"
            "修改或替换。",
            record="典型案例",
            indent=True,
        )
        for index, case in enumerate(cases, 1):
            _case(document, index, case)
    else:
        document.paragraph(
            "本年度暂无成果已办结且办理结果为“已解决/基本解决”或“正在解决”的协商议事活动，"
            "请经办人根据实际情况补充典型案例。",
            record="典型案例",
            indent=True,
        )

    heading("存在的问题和下一步打算")
    document.paragraph(
        "（此部分请经办人结合本年度工作实际撰写。）", record="下一步打算", indent=True
    )


def _rooms(document: _Draft, sources: _Sources, tables: dict[str, StatTable]) -> None:
    stats = sources.stats
    ranking = stats["ranking"]
    sources.used.setdefault("ranking", "协商议事室排名")
    active = [room for room in ranking if room["meetings"]]
    text = f"纳入统计的协商议事室共{len(ranking)}个，其中{len(active)}个开展了协商议事活动。"
    if active:
        first = active[0]
        leaders = [r for r in active if r["rank"] == first["rank"]]
        names = "、".join(f"{r['township'] or ''}{r['name']}" for r in leaders)
        text += f"开展活动最多的是{names}（{first['meetings']}场"
        text += f"，解决民生问题{first['problems_solved']}个）。"
    townships = [t for t in stats["townships"] if t["office"] is None]
    if stats["level"] == "district" and townships:
        sources.used.setdefault("townships", "按镇（街道）统计")
        busiest = max(townships, key=lambda t: (t["meetings"], t["problems_solved"]))
        if busiest["meetings"]:
            text += (
                f"各镇（街道）中，{busiest['name'] or '（未归属）'}开展协商议事活动最多，"
                f"共{busiest['meetings']}场。"
            )
    document.paragraph(text, record="各议事室", indent=True)
    if stats["level"] == "district":
        listed = [key for key, _ in LIST_COLUMNS]
        columns = [0, 1] + [2 + listed.index(key) for key in TOWNSHIP_KEYS]
        document.caption("各镇（街道）协商议事情况")
        document.stat_table(tables["townships"], columns=columns)
    shown = min(RANKED_ROOMS, len(ranking))
    document.caption(
        f"协商议事室排名（前{shown}名）" if len(ranking) > RANKED_ROOMS else "协商议事室排名"
    )
    document.stat_table(tables["ranking"], rows=RANKED_ROOMS)
    document.note(
        "注：排名按协商议事活动场次，场次相同的按解决民生问题个数；两者都相同的名次并列。"
    )
    document.space(0.3)


def _consensus(case: TypicalCase) -> str:
    label = case.consensus.label if case.consensus is not None else "未形成共识"
    text = case.consensus_text.strip()
    if text and text[-1] not in "。！？；…":
        text += "。"
    # "原则同意。原则同意……" says the label twice: a text that opens with it stands alone.
    return text if text.startswith(label) else f"{label}。{text}"


def _case(document: _Draft, index: int, case: TypicalCase) -> None:
    where = (
        f"{case.township or ''}{case.room_name}"
        if case.township != case.room_name
        else case.room_name
    )
    document.heading(f"（{chinese_numeral(index)}）{case.topic_title}", level=2)
    people = _listing([("政协委员", case.members, ""), ("其他人员", case.others, "")], "人")
    title = f"“{case.meeting_title}”" if case.meeting_title else "协商议事活动"
    document.paragraph(
        f"{format_date(case.held_on)}，{where}以{case.form.label}形式召开{title}，"
        f"就“{case.topic_title}”（{case.topic_source.label}）开展协商"
        + (f"，{people}参加。" if people else "。"),
        record=f"典型案例“{case.topic_title}”",
        indent=True,
    )
    document.labelled("协商共识：", _consensus(case), record="协商共识")
    for number, outcome in enumerate(case.outcomes, 1):
        label = "协商成果：" if len(case.outcomes) == 1 else f"协商成果{number}："
        unit = "　".join(p for p in (outcome.responsible_unit, outcome.responsible_person) if p)
        done = f"于{format_date(outcome.completed_on)}" if outcome.completed_on else ""
        text = f"{outcome.content.rstrip('。')}。"
        text += f"由{unit}负责办理，" if unit else ""
        text += f"已{done}办结，办理结果：{outcome.result_class.label}。"
        if outcome.feedback:
            when = f"（{format_date(outcome.fed_back_on)}）" if outcome.fed_back_on else ""
            text += f"向群众反馈{when}：{outcome.feedback.rstrip('。')}。"
        satisfaction = outcome.satisfaction.label if outcome.satisfaction else "尚未评价"
        text += f"群众满意度：{satisfaction}。"
        document.labelled(label, text, record="协商成果")


def _appendix(
    document: _Draft, sources: _Sources, stats: dict[str, Any], *, with_cases: bool
) -> None:
    year = stats["year"]
    document.space(1)
    document.heading("附：数据来源")
    text = (
        "下表列出文中每个数字所依据的统计数据项及其口径，与“统计”页面和统计报告（Excel、PDF）"
        "的数字一致。经办人可在“统计”页面选择同一年份和范围核对，或运行："
        f"{_cli_command(stats)}。"
    )
    if with_cases:
        text += "典型案例取自协商议事记录和协商成果台账，可按文中日期和议事室查到原记录。"
    document.note(text)
    rows: list[tuple[list[str], str]] = []
    for number, (key, label) in enumerate(sources.used.items(), 1):
        root = key.split(".")[0]
        if root in ("ranking", "townships", "meetings_by_month"):
            now_text, before_text = "见表", "—"
        else:
            now, before = _lookup(stats, key), _lookup(stats["previous"], key)
            if key == "implementation_rate":
                now_text, before_text = format_rate(now), format_rate(before)
            else:
                now_text, before_text = str(now), str(before)
        rows.append(
            (
                [str(number), label, now_text, before_text, key, DEFINITIONS.get(root, "")],
                "数据来源",
            )
        )
    document.table(
        ["序号", "指标", f"{year}年", f"{year - 1}年", "统计数据项", "口径"],
        rows,
        widths_mm=(10, 34, 16, 16, 36, 60),
    )


def _masked_case(case: TypicalCase, masker: Masker) -> TypicalCase:
    return replace(
        case,
        topic_title=masker.text(case.topic_title),
        meeting_title=masker.text(case.meeting_title),
        consensus_text=masker.text(case.consensus_text),
        outcomes=tuple(
            replace(
                outcome,
                content=masker.text(outcome.content),
                feedback=masker.text(outcome.feedback) if outcome.feedback else outcome.feedback,
            )
            for outcome in case.outcomes
        ),
    )


def write_year_report(
    db: Database,
    *,
    year: int,
    path: Path,
    scope: Scope = DISTRICT,
    today: date | None = None,
) -> Path:
    """Write the draft of `year`'s work summary for `scope` to `path` (.docx) atomically;
    a refusal (StatsError) names what is wrong and writes nothing."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise StatsError(f"Word 文件须以 .docx 结尾：{path.name}")
    today = today or clock.today()
    stats = compute_stats(db, period=Period.of_year(year), scope=scope, today=today)
    # A room installation counts its own room whatever was asked: the cases follow the stats.
    counted = Scope(Level(stats["level"]), stats.get("room_id") or stats.get("township_id"))
    # One room's summary names its cadres as its own (社区干部), not as 村（社区）干部.
    if stats.get("room_id"):
        with db.session() as session:
            room = session.get(Room, stats["room_id"])
            stats = {**stats, "village": room.village if room is not None else ""}
    cases = read_typical_cases(
        db, period=Period.of_year(year), scope=counted, limit=_case_count(stats)
    )
    # A work summary gets published: its cases name no resident (the notices' mask).
    with db.session() as session:
        masker = load_masker(session)
    cases = [_masked_case(case, masker) for case in cases]
    # Signed by what it summarises: the district, or the township or room drafted for.
    document = build_year_report(stats, cases, issuer=stats["name"], today=today)
    try:
        with atomic_path(path) as part:
            document.docx.save(str(part))
    except OSError as error:
        raise StatsError(f"无法写入 {path}：{os_reason(error)}") from error
    return path
