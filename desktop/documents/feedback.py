"""成果反馈公示: what became of a meeting's outcomes, for the notice board, data masked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]

from desktop import clock
from desktop.db import Database
from desktop.documents.fonts import load_fonts
from desktop.documents.layout import NOTICE_SIZE, Document
from desktop.documents.masking import load_masker, mask_feedback
from desktop.documents.records import FeedbackData, load_feedback
from desktop.documents.wording import held_event
from desktop.formatting import format_date

# The 公示 period residents have to object, from the day of issue.
NOTICE_DAYS = 7


def feedback_title(data: FeedbackData) -> str:
    return f"{data.room_name}协商成果反馈公示"


def build_feedback(document: Document, data: FeedbackData, *, today: date) -> None:
    """Add the feedback notice of `data` to `document`, as it is: mask it first (mask_feedback)."""
    record = f"议事活动“{data.meeting_title or format_date(data.held_on)}”"
    big = ParagraphStyle(
        "feedback-intro",
        parent=document.styles.notice_body,
        firstLineIndent=2 * NOTICE_SIZE,
    )
    document.title(feedback_title(data), record=f"{record}的议事室名称")
    document.space(0.5)
    who, what = (data.room_name, "协商活动") if data.office else ("本议事室", "协商议事活动")
    document.paragraph(
        f"{format_date(data.held_on)}，{who}开展{held_event(data.meeting_title, what)}，"
        f"形成协商成果{len(data.lines)}项。现将办理情况公示如下：",
        record=record,
        style=big,
    )
    rows = []
    for index, line in enumerate(data.lines, 1):
        result = line.result_class.label if line.result_class is not None else line.status.label
        rows.append(
            (
                [
                    str(index),
                    line.topic_title,
                    line.content,
                    line.responsible_unit,
                    result,
                    line.done,
                ],
                f"协商成果“{line.content[:12]}”",
            )
        )
    document.space(0.3)
    if rows:
        document.table(
            ["序号", "议题", "协商成果", "责任单位", "办理结果", "落实情况"],
            rows,
            widths_mm=[12, 26, 34, 24, 22, 38],
        )
    else:
        document.paragraph("本次活动未形成协商成果。", record=record, style=big)
    document.space(0.5)
    until = format_date(today + timedelta(days=NOTICE_DAYS))
    document.paragraph(
        f"公示期自即日起至{until}。如有意见建议，请向"
        f"{data.room_name if data.office else '协商议事室'}或所在网格员反映。",
        record=record,
        style=big,
    )
    document.sign_off(
        data.room_name, format_date(today), record=record, style=document.styles.notice_body
    )


def render_feedback(
    *,
    db: Database,
    meeting_id: str,
    path: Path,
    mask: bool = True,
    today: date | None = None,
) -> Path:
    """Write the outcome feedback notice of one meeting as a PDF at `path` (atomically)."""
    with db.session() as session:
        data = mask_feedback(load_feedback(session, meeting_id), load_masker(session, enabled=mask))
        fonts = load_fonts(session)
    document = Document(fonts, title=feedback_title(data))
    build_feedback(document, data, today=today or clock.today())
    return document.save(path)
