"""议题公告: an announced topic for the notice board, in large type, personal data masked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]

from desktop import clock
from desktop.db import Database
from desktop.documents.fonts import load_fonts
from desktop.documents.layout import NOTICE_SIZE, Document
from desktop.documents.masking import load_masker, mask_notice
from desktop.documents.records import NoticeData, load_notice
from desktop.formatting import format_date, format_time

# Residents have a week to give their opinions when no claim deadline or meeting is set.
DEFAULT_OPINION_DAYS = 7


def notice_title(data: NoticeData) -> str:
    return f"{data.room_name}议题公告"


def opinions_until(data: NoticeData, issued_on: date) -> date:
    """The claim deadline, else the day before the meeting, else a week after issue."""
    if data.claim_deadline is not None:
        return data.claim_deadline
    if data.meeting_day is not None:
        return data.meeting_day - timedelta(days=1)
    return issued_on + timedelta(days=DEFAULT_OPINION_DAYS)


def build_notice(document: Document, data: NoticeData, *, today: date) -> None:
    """Add the notice of `data` to `document`, as it is: mask it first (mask_notice)."""
    big = document.styles.notice_body
    indented = ParagraphStyle("notice-indent", parent=big, firstLineIndent=2 * NOTICE_SIZE)
    record = f"议题“{data.title}”"
    issued_on = data.announced_on or today
    document.title(notice_title(data), record=f"{record}的议事室名称")
    document.space(0.5)
    document.paragraph(
        # The district's or a township's own topic was not shortlisted by a room.
        "经广泛征集意见，以下议题将开展协商，现予公告，欢迎关心此事的群众参与。"
        if data.office
        else "经广泛征集居民意见并经议事室初选，以下议题将开展协商议事，现予公告，"
        "欢迎广大居民参与。",
        record=record,
        style=indented,
    )
    document.labelled("议题：", data.title, record=record, style=big)
    if data.description:
        document.labelled("背景：", data.description, record=f"{record}的背景", style=big)
    if data.reporter_names:
        document.labelled(
            "反映人：",
            [(name, f"{record}的反映人“{name}”") for name in data.reporter_names],
            record=record,
            style=big,
        )
    if data.claimer_names:
        document.labelled(
            "认领委员：",
            [(name, f"{record}的认领委员“{name}”") for name in data.claimer_names],
            record=record,
            style=big,
        )
    if data.meeting_day is not None:
        when = f"{format_date(data.meeting_day)} {format_time(data.meeting_start)}".strip()
    else:
        when = "另行通知"
    document.labelled("协商时间：", when, record=record, style=big)
    document.labelled("协商地点：", data.meeting_place or "另行通知", record=record, style=big)
    until = format_date(opinions_until(data, issued_on))
    document.labelled(
        "参加人员：",
        "政协委员、相关职能部门、群众代表；关心此事的群众均可报名参加。"
        if data.office
        else f"{data.village or '本村（社区）'}居民代表、相关职能部门、政协委员；"
        "关心此事的居民均可报名参加。",
        record=record,
        style=big,
    )
    document.labelled(
        "意见建议：",
        f"请于{until}前，通过所在网格员或直接向{data.room_name}反映。"
        if data.office
        else f"请于{until}前，通过议事室意见箱、所在网格员或直接到协商议事室反映。",
        record=record,
        style=big,
    )
    document.sign_off(data.room_name, format_date(issued_on), record=record, style=big)


def render_notice(
    *,
    db: Database,
    topic_id: str,
    path: Path,
    mask: bool = True,
    today: date | None = None,
) -> Path:
    """Write the notice of one topic as a PDF at `path` (atomically); returns the path."""
    with db.session() as session:
        data = mask_notice(load_notice(session, topic_id), load_masker(session, enabled=mask))
        fonts = load_fonts(session)
    document = Document(fonts, title=notice_title(data))
    build_notice(document, data, today=today or clock.today())
    return document.save(path)
