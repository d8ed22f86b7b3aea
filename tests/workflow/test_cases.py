"""Mediation and petition cases: dates ordered, closing needs a result, members of the roster."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import CaseMember, MediationCase, Outcome
from desktop.models.enums import CaseStatus
from desktop.workflow import RuleError
from desktop.workflow.activities import FieldRuleError, SuggestionData, add_suggestion
from desktop.workflow.cases import close_case, save_case
from tests.activity_builders import TODAY, Roster, build_roster
from tests.activity_builders import case_data as _data


@pytest.fixture
def roster(room_db: Database) -> Roster:
    return build_roster(room_db)


def test_open_then_close_with_a_result(room_db: Database, roster: Roster) -> None:
    with room_db.session() as s:
        case_id = save_case(s, _data(roster), room_id=roster.room_id, today=TODAY).id
    with room_db.session() as s:
        case = s.get(MediationCase, case_id)
        assert case is not None
        assert (case.status, case.closed_on, case.result) == (CaseStatus.OPEN, None, "")
        with pytest.raises(FieldRuleError, match="须填写处理结果") as caught:
            close_case(
                s, case, status=CaseStatus.RESOLVED, on=date(2026, 11, 20), result=" ", today=TODAY
            )
        assert caught.value.field == "result"
    with room_db.session() as s:
        case = s.get(MediationCase, case_id)
        assert case is not None
        close_case(
            s,
            case,
            status=CaseStatus.RESOLVED,
            on=date(2026, 11, 20),
            result="双方达成维修协议",
            today=TODAY,
        )
    with room_db.session() as s:
        case = s.get(MediationCase, case_id)
        assert case is not None
        assert (case.status.label, case.closed_on, case.result) == (
            "调解成功",
            date(2026, 11, 20),
            "双方达成维修协议",
        )
        members = s.scalars(select(CaseMember.member_id).where(CaseMember.case_id == case_id))
        assert set(members) == {roster.members["李志强"]}


def test_open_case_forgets_a_typed_closing_date(room_db: Database, roster: Roster) -> None:
    data = _data(roster, status=CaseStatus.IN_PROGRESS, closed_on=date(2026, 11, 5))
    with room_db.session() as s:
        assert save_case(s, data, room_id=roster.room_id, today=TODAY).closed_on is None


def test_close_case_only_closes(room_db: Database, roster: Roster) -> None:
    with room_db.session() as s:
        case = save_case(s, _data(roster), room_id=roster.room_id, today=TODAY)
        with pytest.raises(RuleError, match="结案状态只能是"):
            close_case(s, case, status=CaseStatus.IN_PROGRESS, on=TODAY, result="x", today=TODAY)


def test_case_suggestion_is_an_outcome(room_db: Database, roster: Roster) -> None:
    with room_db.session() as s:
        case = save_case(s, _data(roster), room_id=roster.room_id, today=TODAY)
        add_suggestion(s, case, SuggestionData(content="加强楼道管线巡查", responsible_unit="物业"))
        case_id = case.id
    with room_db.session() as s:
        assert s.scalars(select(Outcome.case_id)).one() == case_id
