"""One entry point for every printed document (`yishi doc KIND [ID|latest] -o FILE`).

The 督办单 (supervision) is named by its responsible unit instead: `yishi doc supervision
UNIT -o FILE`; a member's 履职档案 by the member's id: `yishi doc duty ID --year Y -o FILE`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.documents.minutes import LAYOUTS, Layout
from desktop.documents.output import check_suffix
from desktop.documents.records import latest_topic_id
from desktop.errors import UserError, os_reason
from desktop.models import Meeting
from desktop.models.enums import MeetingStatus

KINDS = ("minutes", "signin", "notice", "feedback", "ledger", "supervision", "duty")
LATEST = "latest"
# Word copies exist for what secretaries edit; notices and the ledger are printed as they are.
WORD_KINDS = frozenset({"minutes", "signin", "ledger"})
HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_FINAL)


def latest_held_meeting_id(session: Session, *, today: date) -> str | None:
    """The most recent meeting that took place (held, minutes drafted or final) by `today`."""
    return session.scalars(
        select(Meeting.id)
        .where(
            Meeting.deleted.is_(False),
            Meeting.status.in_(HELD),
            Meeting.held_on <= today,
        )
        .order_by(Meeting.held_on.desc(), Meeting.start_time.desc(), Meeting.id)
        .limit(1)
    ).first()


def next_planned_meeting_id(session: Session, *, today: date) -> str | None:
    """The next planned meeting from `today` on (what a sign-in sheet is printed for)."""
    return session.scalars(
        select(Meeting.id)
        .where(
            Meeting.deleted.is_(False),
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.held_on >= today,
        )
        .order_by(Meeting.held_on, Meeting.start_time, Meeting.id)
        .limit(1)
    ).first()


def resolve_target(db: Database, *, kind: str, target: str, today: date) -> str:
    """The meeting or topic id meant by `target`; `latest` is resolved per kind:
    minutes/feedback → the most recent held meeting; signin → the next planned meeting
    (else the most recent held one); notice → the most recently announced topic."""
    if target != LATEST:
        return target
    with db.session() as session:
        if kind == "notice":
            found = latest_topic_id(session)
        elif kind == "signin":
            found = next_planned_meeting_id(session, today=today) or latest_held_meeting_id(
                session, today=today
            )
        else:
            found = latest_held_meeting_id(session, today=today)
    if found is None:
        raise UserError("还没有议题" if kind == "notice" else "还没有议事活动")
    return found


def make_document(
    db: Database,
    *,
    kind: str,
    path: Path,
    target: str = LATEST,
    layout: Layout = "record",
    year: int | None = None,
    mask: bool = True,
    today: date | None = None,
) -> Path:
    """Write document `kind` for `target` (an id or `latest`) at `path`; returns the path.

    The suffix picks the format (.pdf; .docx for minutes, sign-in sheets and the ledger). `layout`
    applies to minutes, `year` to the ledger (default: this year), `mask` to the public
    notices. Every refusal is a UserError with a Chinese message; nothing is half written.
    """
    today = today or clock.today()
    if kind not in KINDS:
        raise UserError(f"未知的文书类型：{kind}（可选：{'、'.join(KINDS)}）")
    if layout not in LAYOUTS:
        raise UserError(f"未知的版式：{layout}（可选：record、jiyao）")
    if year is not None and kind not in ("ledger", "duty"):
        raise UserError("--year 只用于年度台账（ledger）和履职档案（duty）")
    check_output(path)
    check_suffix(path, allowed=(".pdf", ".docx") if kind in WORD_KINDS else (".pdf",))
    # A read-only folder or a full disk shows only when the file is written: name it and why.
    try:
        if kind == "ledger":
            from desktop.documents.ledger import render_ledger

            if target != LATEST:
                raise UserError("年度台账不按编号生成，请用 --year 指定年份")
            return render_ledger(db=db, year=year or today.year, path=path)
        if kind == "supervision":
            from desktop.documents.supervision_sheet import render_supervision_sheet

            if target == LATEST:
                raise UserError(
                    "督办单按承办单位生成，请给出单位名称：yishi doc supervision 单位名称"
                )
            return render_supervision_sheet(db=db, unit=target, path=path, today=today)
        if kind == "duty":
            from desktop.documents.duty_record import render_member_file

            if target == LATEST:
                raise UserError(
                    "履职档案按委员生成，请给出委员编号：yishi doc duty 委员编号 --year 年份"
                )
            return render_member_file(
                db=db, member_id=target, year=year or today.year, path=path, today=today
            )
        target_id = resolve_target(db, kind=kind, target=target, today=today)
        if kind == "minutes":
            from desktop.documents.minutes import render_minutes

            return render_minutes(db=db, meeting_id=target_id, path=path, layout=layout)
        if kind == "signin":
            from desktop.documents.signin import render_signin

            return render_signin(db=db, meeting_id=target_id, path=path)
        if kind == "notice":
            from desktop.documents.notice import render_notice

            return render_notice(db=db, topic_id=target_id, path=path, mask=mask, today=today)
        from desktop.documents.feedback import render_feedback

        return render_feedback(db=db, meeting_id=target_id, path=path, mask=mask, today=today)
    except OSError as exc:
        raise UserError(f"无法写入：{path}（{os_reason(exc)}）") from exc


def check_output(path: Path) -> None:
    """Refuse before any work a path the document could not be saved at.

    The writers make missing folders (the GUI's file dialog only offers existing ones): on
    the command line a missing folder is a typing mistake, not a wish.
    """
    if path.is_dir():
        raise UserError(f"这是一个文件夹，请给出文件名：{path}")
    if not path.parent.is_dir():
        raise UserError(f"输出文件夹不存在：{path.parent}")
