"""Saving an activity or a case from its dialog: the record, who took part and the suggestions
queued there, written together or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop.db import Database
from desktop.models import Activity, MediationCase
from desktop.models.stamping import OwnershipError
from desktop.rules import RuleError
from desktop.workflow.activities import ActivityData, SuggestionData, add_suggestion, save_activity
from desktop.workflow.cases import CaseData, save_case


def save_record(
    db: Database,
    data: ActivityData | CaseData,
    *,
    room_id: str,
    record_id: str | None,
    suggestions: Sequence[SuggestionData],
    today: date,
    expected_revision: int | None = None,
) -> str:
    """Add (no id) or change an activity or a case with its new suggestions; the record's id.

    Refusals are those of save_activity, save_case and add_suggestion, a record another
    installation owns, and (StaleEditError) one changed since the dialog loaded it at
    `expected_revision`; nothing is written then.
    """
    try:
        with db.session() as session:
            record: Activity | MediationCase
            if isinstance(data, ActivityData):
                record = save_activity(
                    session,
                    data,
                    room_id=room_id,
                    activity_id=record_id,
                    today=today,
                    expected_revision=expected_revision,
                )
            else:
                record = save_case(
                    session,
                    data,
                    room_id=room_id,
                    case_id=record_id,
                    today=today,
                    expected_revision=expected_revision,
                )
            for suggestion in suggestions:
                add_suggestion(session, record, suggestion)
            return record.id
    except OwnershipError as error:
        what = "活动" if isinstance(data, ActivityData) else "案件"
        raise RuleError(f"此{what}属于其他单位，只能在那里修改。") from error
