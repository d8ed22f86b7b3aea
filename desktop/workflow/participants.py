"""Local participants (参加人员): validated add and edit, and merging two records of one person."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import AgendaItem, Attendance, Meeting, OpinionSlip, Participant, Speech
from desktop.models.enums import AttendanceStatus, MeetingStatus, ParticipantKind
from desktop.rules import RuleError
from desktop.workflow import meetings as meeting_rules
from desktop.workflow.stale import check_unchanged

# Digits with the usual separators: 13812345678, 0513-85012345, 0513 8501 2345.
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")


class ParticipantFieldError(RuleError):
    """A refused field value; `field` names the field so the form shows it beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ParticipantData:
    """What the add/edit form holds."""

    name: str
    kind: ParticipantKind
    unit: str = ""
    position: str = ""
    phone: str = ""
    active: bool = True


def validate(data: ParticipantData) -> ParticipantData:
    """The cleaned data, or ParticipantFieldError naming the first wrong field."""
    name = data.name.strip()
    unit = data.unit.strip()
    phone = data.phone.strip()
    if not name:
        raise ParticipantFieldError("name", "请填写姓名")
    if len(name) > 50:
        raise ParticipantFieldError("name", "姓名不能超过50个字")
    if data.kind is ParticipantKind.DEPARTMENT and not unit:
        raise ParticipantFieldError("unit", "职能部门代表须填写单位")
    if len(unit) > 200:
        raise ParticipantFieldError("unit", "单位不能超过200个字")
    if len(data.position.strip()) > 100:
        raise ParticipantFieldError("position", "职务不能超过100个字")
    if phone and not PHONE_PATTERN.match(phone):
        raise ParticipantFieldError("phone", "电话号码格式不正确，只能包含数字、空格和“-”")
    return ParticipantData(
        name=name,
        kind=data.kind,
        unit=unit,
        position=data.position.strip(),
        phone=phone,
        active=data.active,
    )


def _apply(participant: Participant, data: ParticipantData) -> None:
    participant.name = data.name
    participant.kind = data.kind
    participant.unit = data.unit or None
    participant.position = data.position or None
    participant.phone = data.phone or None
    participant.active = data.active


def create_participant(session: Session, *, room_id: str, data: ParticipantData) -> Participant:
    clean = validate(data)
    participant = Participant(room_id=room_id, name=clean.name, kind=clean.kind)
    _apply(participant, clean)
    session.add(participant)
    session.flush()
    return participant


def update_participant(
    session: Session,
    participant_id: str,
    data: ParticipantData,
    *,
    expected_revision: int | None = None,
) -> None:
    clean = validate(data)
    participant = _live(session, participant_id)
    check_unchanged(session, participant, expected_revision)
    _apply(participant, clean)


def save_participant(
    db: Database,
    data: ParticipantData,
    *,
    room_id: str,
    participant_id: str | None = None,
    expected_revision: int | None = None,
) -> str:
    """Add a participant to the room (no id) or change one; the saved participant's id.

    With `expected_revision` (what the dialog loaded), a participant changed since is refused
    with StaleEditError and nothing is written.
    """
    with db.session() as session:
        if participant_id is None:
            return create_participant(session, room_id=room_id, data=data).id
        update_participant(session, participant_id, data, expected_revision=expected_revision)
        return participant_id


def _live(session: Session, participant_id: str) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None or participant.deleted:
        raise RuleError("此人员记录不存在或已删除")
    return participant


# An attendance that says more wins when both records of the person attended one meeting.
_STATUS_WEIGHT = {
    AttendanceStatus.PRESENT: 2,
    AttendanceStatus.LEAVE: 1,
    AttendanceStatus.ABSENT: 0,
}


def merge_participants(session: Session, *, keep_id: str, drop_id: str) -> Participant:
    """Two records of one person become one: references move to `keep`, `drop` is tombstoned.

    Attendances, speeches and slips collected move over; when both attended the same meeting
    one attendance row stays (the more informative one's details, on the kept record's row).
    Empty unit, position and phone of the kept record are filled from the other. Final
    minutes that change this way get an amendment saying so, as every change to them must.
    """
    if keep_id == drop_id:
        raise RuleError("不能把一个人员与自己合并")
    keep = _live(session, keep_id)
    drop = _live(session, drop_id)
    if keep.room_id != drop.room_id:
        raise RuleError("两条记录属于不同的协商议事室，不能合并")

    # No flush until the amendments are added: the lock on final minutes checks each flush.
    with session.no_autoflush:
        touched_meetings: set[str] = set()
        kept_by_meeting = {
            row.meeting_id: row
            for row in session.scalars(
                select(Attendance).where(
                    Attendance.participant_id == keep.id, Attendance.deleted.is_(False)
                )
            )
        }
        for row in session.scalars(
            select(Attendance).where(
                Attendance.participant_id == drop.id, Attendance.deleted.is_(False)
            )
        ):
            touched_meetings.add(row.meeting_id)
            twin = kept_by_meeting.get(row.meeting_id)
            if twin is None:
                row.participant_id = keep.id
                continue
            if _STATUS_WEIGHT[row.status] > _STATUS_WEIGHT[twin.status]:
                twin.status = row.status
                twin.leave_reason = row.leave_reason
                twin.signed_in_at = row.signed_in_at
            # Tombstoned, it keeps its old participant id, so the unique pair stays unique.
            row.deleted = True
        for speech in session.scalars(
            select(Speech).where(Speech.participant_id == drop.id, Speech.deleted.is_(False))
        ):
            speech.participant_id = keep.id
            touched_meetings.add(
                session.scalars(
                    select(AgendaItem.meeting_id).where(AgendaItem.id == speech.agenda_item_id)
                ).one()
            )
        for slip in session.scalars(
            select(OpinionSlip).where(
                OpinionSlip.collector_id == drop.id, OpinionSlip.deleted.is_(False)
            )
        ):
            slip.collector_id = keep.id
        keep.unit = keep.unit or drop.unit
        keep.position = keep.position or drop.position
        keep.phone = keep.phone or drop.phone
        keep.active = keep.active or drop.active
        drop.deleted = True
        for meeting in session.scalars(
            select(Meeting).where(
                Meeting.id.in_(touched_meetings), Meeting.status == MeetingStatus.MINUTES_FINAL
            )
        ):
            meeting_rules.amend(
                session,
                meeting,
                reason="合并同一人员的重复记录",
                description=f"签到和发言中的「{drop.name}」并入「{keep.name}」",
            )
    session.flush()
    return keep


def merge_duplicates(db: Database, *, keep_id: str, drop_id: str) -> None:
    """The user's merge: one unit of work, so a refused merge changes nothing."""
    with db.session() as session:
        merge_participants(session, keep_id=keep_id, drop_id=drop_id)
