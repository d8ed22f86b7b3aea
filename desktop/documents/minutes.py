"""协商议事记录: a meeting's minutes as the verbatim record, or the formal 纪要 (jiyao.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from desktop.db import Database
from desktop.documents.jiyao import build_jiyao
from desktop.documents.layout import Writer, chinese_numeral
from desktop.documents.output import writer_for
from desktop.documents.paragraph import unbreakable
from desktop.documents.wording import host_document
from desktop.formatting import format_date, format_time
from desktop.queries.minutes import ItemLines, MinutesData, PersonLine, load_minutes
from desktop.rules.meetings import refuse_unheld

Layout = Literal["record", "jiyao"]
LAYOUTS: tuple[Layout, ...] = ("record", "jiyao")


def minutes_title(data: MinutesData, layout: Layout = "record") -> str:
    """协商议事记录 for the plain record; the formal layout is a 会议纪要. The district's and a
    township's own meetings are 协商会议, under the office's name."""
    if data.office:
        return f"{data.room_name}{'协商会议纪要' if layout == 'jiyao' else '协商会议记录'}"
    return host_document(
        data.room_name, "协商议事会议纪要" if layout == "jiyao" else "协商议事记录"
    )


def time_span(data: MinutesData) -> str:
    """2026年11月29日 09:00—11:30; the end is left out when not recorded."""
    start, end = format_time(data.start_time), format_time(data.end_time)
    span = f"{start}—{end}" if start and end else start
    return f"{format_date(data.held_on)} {span}".strip()


def _person(person: PersonLine, *, with_unit: bool) -> str:
    name = unbreakable(person.name)
    if with_unit and person.unit:
        return f"{name}（{person.unit}）"
    return name


def _names(people: list[PersonLine], *, with_unit: bool = False) -> list[tuple[str, str]]:
    return [(_person(p, with_unit=with_unit), f"参会人员“{p.name}”") for p in people]


def _leave(people: list[PersonLine]) -> list[tuple[str, str]]:
    return [(f"{unbreakable(p.name)}（{p.leave_reason}）", f"请假人员“{p.name}”") for p in people]


def _votes(item: ItemLines) -> str:
    counts = (item.votes_for, item.votes_against, item.votes_abstain)
    if all(count is None for count in counts):
        return ""
    agreed, against, abstain = (count or 0 for count in counts)
    return f"举手表决：同意{agreed}人，反对{against}人，弃权{abstain}人。"


def _consensus(item: ItemLines) -> str:
    label = item.consensus.label if item.consensus is not None else "未形成共识"
    text = item.consensus_text.strip()
    # "原则同意。原则同意……" says the label twice: a text that opens with it stands alone.
    if text.startswith(label):
        return text
    return f"{label}。{text}" if text else f"{label}。"


def build_minutes(document: Writer, data: MinutesData, layout: Layout) -> None:
    """Add the minutes of `data` to `document` in the chosen layout."""
    record = f"议事活动“{data.title or format_date(data.held_on)}”"
    document.title(minutes_title(data, layout), record=f"{record}的议事室名称")
    if data.title:
        document.subtitle(f"（{data.title}）", record=f"{record}的标题")
    document.space(0.5)
    if layout == "jiyao":
        build_jiyao(document, data, record)
        return
    header = [
        ("时间：", time_span(data)),
        ("地点：", data.place),
        ("形式：", data.form.label),
        ("主持人：", data.host_name),
        ("记录人：", data.recorder_name),
        ("应到：", f"{data.expected_count}人　实到：{data.present_count}人"),
    ]
    for label, value in header:
        document.labelled(label, value or "—", record=f"{record}的{label.rstrip('：')}")
    document.labelled("出席人员：", _names(data.present), record=f"{record}的出席人员")
    document.labelled("请假人员：", _leave(data.on_leave), record=f"{record}的请假人员")
    if data.absent:
        document.labelled("缺席人员：", _names(data.absent), record=f"{record}的缺席人员")
    document.labelled(
        "列席人员：", _names(data.attending, with_unit=True), record=f"{record}的列席人员"
    )
    document.space(0.5)
    document.heading("一、议题")
    for item in data.items:
        document.paragraph(
            f"{item.position}. {item.topic_title}", record=f"议题“{item.topic_title}”", indent=True
        )
    section = 1
    for item in data.items:
        section += 1
        item_record = f"议题“{item.topic_title}”"
        document.heading(f"{chinese_numeral(section)}、议题{item.position}：{item.topic_title}")
        if item.speeches:
            for speech in item.speeches:
                document.labelled(
                    f"{speech.speaker}：",
                    speech.summary,
                    record=f"{item_record}中{speech.speaker}的发言",
                )
        else:
            document.paragraph("（无发言记录）", record=item_record, indent=True)
        document.labelled("协商意见：", _consensus(item), record=f"{item_record}的协商意见")
        if votes := _votes(item):
            document.paragraph(votes, record=f"{item_record}的表决", indent=True)
    if data.outcomes:
        section += 1
        document.heading(f"{chinese_numeral(section)}、协商成果")
        document.table(
            ["序号", "议题", "协商成果", "责任单位", "完成时限"],
            [
                (
                    [
                        str(index),
                        outcome.topic_title,
                        outcome.content,
                        "　".join(
                            part
                            for part in (outcome.responsible_unit, outcome.responsible_person)
                            if part
                        ),
                        format_date(outcome.deadline),
                    ],
                    f"协商成果“{outcome.content[:12]}”",
                )
                for index, outcome in enumerate(data.outcomes, 1)
            ],
            widths_mm=[12, 32, 49, 29, 34],
        )
    document.space(0.5)
    document.paragraph("散会。", record=record, indent=True)
    # The signatures stay with the line before them: a page of signatures alone proves nothing.
    document.signatures(["主持人（签字）：", "记录人（签字）："], keep_with_previous=1)
    if data.amendments:
        document.space(0.5)
        document.heading("定稿后修改记录")
        for amendment in data.amendments:
            document.labelled(
                f"{format_date(amendment.made_at.date())}：",
                f"{amendment.description}（原因：{amendment.reason}）",
                record=f"{record}的修改记录",
            )


def render_minutes(*, db: Database, meeting_id: str, path: Path, layout: Layout = "record") -> Path:
    """Write the minutes of one meeting at `path` (atomically); returns the path.

    The suffix picks the format: .pdf (fonts embedded) or .docx (for editing in Word/WPS).
    Raises UserError (FontError, MissingGlyphError, an unknown meeting or suffix) with a
    Chinese message, before anything is written.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout: {layout}")
    with db.session() as session:
        refuse_unheld(session, meeting_id)
        data = load_minutes(session, meeting_id)
        document = writer_for(path, title=minutes_title(data, layout), session=session)
    build_minutes(document, data, layout)
    return document.save(path)
