"""The figures on the dashboard (工作台): how many records of each kind this installation holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Meeting, Member, Outcome, Room, Synced, Topic
from desktop.models.enums import MeetingStatus, OutcomeStatus
from desktop.rules.meetings import HELD_STATUSES
from desktop.rules.rooms import is_room

# Outcomes still waiting to be carried out (待办 and 办理中).
OPEN_OUTCOME_STATUSES = (OutcomeStatus.PENDING, OutcomeStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Overview:
    """Counts of live (not tombstoned) records, as the dashboard shows them."""

    members: int
    rooms: int
    topics: int
    meetings_held: int
    meetings_planned: int
    outcomes_open: int


def read_overview(session: Session) -> Overview:
    """Count this installation's live records; one query per figure, each on an index."""

    def count(model: type[Synced], *conditions: ColumnElement[bool]) -> int:
        statement = select(func.count()).select_from(model).where(model.deleted.is_(False))
        return int(session.scalar(statement.where(*conditions)) or 0)

    return Overview(
        members=count(Member, Member.active.is_(True)),
        rooms=count(Room, is_room()),
        topics=count(Topic),
        meetings_held=count(Meeting, Meeting.status.in_(HELD_STATUSES)),
        meetings_planned=count(Meeting, Meeting.status == MeetingStatus.PLANNED),
        outcomes_open=count(Outcome, Outcome.status.in_(OPEN_OUTCOME_STATUSES)),
    )


def dashboard_figures(db: Database) -> Overview:
    with db.session() as session:
        return read_overview(session)
