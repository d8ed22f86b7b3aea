"""Other activities: validation naming the field, members kept in step, suggestions as outcomes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Activity, ActivityMember, Outcome
from desktop.models.enums import OutcomeStatus
from desktop.workflow.activities import (
    FieldRuleError,
    SuggestionData,
    add_suggestion,
    save_activity,
)
from tests.activity_builders import TODAY, Roster, build_roster
from tests.activity_builders import activity_data as _data


@pytest.fixture
def roster(room_db: Database) -> Roster:
    return build_roster(room_db)


def _live_members(db: Database, activity_id: str) -> set[str]:
    with db.session() as s:
        return set(
            s.scalars(
                select(ActivityMember.member_id).where(
                    ActivityMember.activity_id == activity_id, ActivityMember.deleted.is_(False)
                )
            )
        )


def test_add_then_edit_keeps_members_in_step(room_db: Database, roster: Roster) -> None:
    with room_db.session() as s:
        activity_id = save_activity(s, _data(roster), room_id=roster.room_id, today=TODAY).id
    with room_db.session() as s:
        activity = s.get(Activity, activity_id)
        assert activity is not None and activity.title == "共读《乡土中国》"
    assert _live_members(room_db, activity_id) == {
        roster.members["陈建华"],
        roster.members["王秀英"],
    }
    swap = (roster.members["王秀英"], roster.members["李志强"])
    with room_db.session() as s:
        save_activity(
            s,
            _data(roster, member_ids=swap),
            room_id=roster.room_id,
            activity_id=activity_id,
            today=TODAY,
        )
    assert _live_members(room_db, activity_id) == set(swap)
    back = (roster.members["陈建华"],)
    with room_db.session() as s:  # a member taken off and put back revives the same row
        save_activity(
            s,
            _data(roster, member_ids=back),
            room_id=roster.room_id,
            activity_id=activity_id,
            today=TODAY,
        )
        assert len(s.scalars(select(ActivityMember)).all()) == 3
    assert _live_members(room_db, activity_id) == set(back)


def test_suggestions_become_pending_outcomes(room_db: Database, roster: Roster) -> None:
    with room_db.session() as s:
        activity = save_activity(s, _data(roster), room_id=roster.room_id, today=TODAY)
        add_suggestion(
            s,
            activity,
            SuggestionData(
                content="增设社区阅览角",
                responsible_unit="和平桥街道文化站",
                deadline=date(2027, 1, 31),
            ),
        )
        activity_id = activity.id
    with room_db.session() as s:
        outcome = s.scalars(select(Outcome)).one()
        assert (outcome.activity_id, outcome.status, outcome.responsible_unit) == (
            activity_id,
            OutcomeStatus.PENDING,
            "和平桥街道文化站",
        )
        activity = s.get(Activity, activity_id)
        assert activity is not None
        with pytest.raises(FieldRuleError, match="办理期限不能早于活动日期") as caught:
            add_suggestion(s, activity, SuggestionData(content="再议", deadline=date(2026, 11, 1)))
        assert caught.value.field == "deadline"
        with pytest.raises(FieldRuleError, match="请填写建议内容"):
            add_suggestion(s, activity, SuggestionData(content=" "))


def test_moving_the_date_past_a_deadline_is_refused(room_db: Database, roster: Roster) -> None:
    with room_db.session() as s:
        activity = save_activity(s, _data(roster), room_id=roster.room_id, today=TODAY)
        add_suggestion(s, activity, SuggestionData(content="修缮", deadline=date(2026, 11, 22)))
        activity_id = activity.id
    with pytest.raises(FieldRuleError, match="早于新的活动日期"), room_db.session() as s:
        save_activity(
            s,
            _data(roster, held_on=date(2026, 11, 25)),
            room_id=roster.room_id,
            activity_id=activity_id,
            today=TODAY,
        )
