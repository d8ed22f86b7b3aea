"""Saving an activity or a case from its dialog: all or nothing, refusals naming their field."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Activity, ActivityMember, CaseMember, MediationCase, Outcome
from desktop.models.enums import CaseStatus
from desktop.models.stamping import StampContext
from desktop.workflow import RuleError
from desktop.workflow.activities import ActivityData, FieldRuleError, SuggestionData, save_activity
from desktop.workflow.cases import CaseData
from desktop.workflow.records import save_record
from tests.activity_builders import TODAY, Roster, activity_data, build_roster, case_data


@pytest.fixture
def roster(room_db: Database) -> Roster:
    return build_roster(room_db)


def _save(
    db: Database,
    data: ActivityData | CaseData,
    *,
    roster: Roster,
    record_id: str | None = None,
    suggestions: tuple[SuggestionData, ...] = (),
) -> str:
    return save_record(
        db,
        data,
        room_id=roster.room_id,
        record_id=record_id,
        suggestions=suggestions,
        today=TODAY,
    )


def _rows(db: Database) -> list[object]:
    """Every activity, case, member link and outcome written."""
    with db.session() as s:
        return [
            *s.scalars(select(Activity)),
            *s.scalars(select(MediationCase)),
            *s.scalars(select(ActivityMember)),
            *s.scalars(select(CaseMember)),
            *s.scalars(select(Outcome)),
        ]


@pytest.mark.parametrize(
    ("kind", "changes", "field", "message"),
    [
        ("activity", {"kind_id": ""}, "kind", "请选择活动类型"),
        ("activity", {"held_on": date(2026, 11, 30)}, "held_on", "活动日期不能晚于今天"),
        ("activity", {"title": "  "}, "title", "请填写活动主题"),
        ("activity", {"member_ids": ()}, "members", "请至少选择一位"),
        ("activity", {"member_ids": ("no-such-member",)}, "members", "不在委员名册中"),
        ("case", {"subject": ""}, "subject", "请填写案件事由"),
        ("case", {"opened_on": date(2026, 12, 1)}, "opened_on", "受理日期不能晚于今天"),
        ("case", {"member_ids": ()}, "members", "请至少指派一位包案委员"),
        ("case", {"member_ids": ("ghost",)}, "members", "不在委员名册中"),
        (
            "case",
            {"status": CaseStatus.RESOLVED, "result": "已和解"},
            "closed_on",
            "须填写结案日期",
        ),
        (
            "case",
            {"status": CaseStatus.UNRESOLVED, "closed_on": date(2026, 11, 1), "result": "未和解"},
            "closed_on",
            "结案日期不能早于受理日期",
        ),
        (
            "case",
            {"status": CaseStatus.RESOLVED, "closed_on": date(2026, 11, 20)},
            "result",
            "「调解成功」须填写处理结果",
        ),
    ],
)
def test_refusals_name_their_field_and_write_nothing(
    room_db: Database,
    roster: Roster,
    kind: str,
    changes: dict[str, object],
    field: str,
    message: str,
) -> None:
    data = (activity_data if kind == "activity" else case_data)(roster, **changes)
    with pytest.raises(FieldRuleError, match=message) as caught:
        _save(room_db, data, roster=roster)
    assert caught.value.field == field
    assert _rows(room_db) == []


@pytest.mark.parametrize("kind", ["activity", "case"])
def test_a_refused_suggestion_leaves_the_record_unsaved(
    room_db: Database, roster: Roster, kind: str
) -> None:
    data = activity_data(roster) if kind == "activity" else case_data(roster)
    good = SuggestionData(content="增设社区阅览角")
    late = SuggestionData(content="再议", deadline=date(2026, 10, 1))  # before either date
    with pytest.raises(FieldRuleError, match="办理期限不能早于") as caught:
        _save(room_db, data, roster=roster, suggestions=(good, late))
    assert caught.value.field == "deadline"
    assert _rows(room_db) == []


def test_suggestions_hang_under_the_record_they_came_with(
    room_db: Database, roster: Roster
) -> None:
    suggestion = (SuggestionData(content="加强楼道管线巡查", responsible_unit="物业"),)
    activity_id = _save(room_db, activity_data(roster), roster=roster, suggestions=suggestion)
    case_id = _save(room_db, case_data(roster), roster=roster, suggestions=suggestion)
    # Editing saves only what was queued this time; the earlier suggestion stays as it was.
    _save(room_db, case_data(roster, subject="漏水"), roster=roster, record_id=case_id)
    with room_db.session() as s:
        origins = s.execute(select(Outcome.activity_id, Outcome.case_id)).all()
        assert sorted(origins, key=str) == sorted([(activity_id, None), (None, case_id)], key=str)
        case = s.get(MediationCase, case_id)
        assert case is not None and case.subject == "漏水"


def test_a_record_another_installation_owns_is_refused(room_db: Database, roster: Roster) -> None:
    with room_db.session_as(StampContext(node_id="another-room", user="t")) as s:
        record_id = save_activity(s, activity_data(roster), room_id=roster.room_id, today=TODAY).id
    with pytest.raises(RuleError, match="此活动属于其他单位"):
        _save(room_db, activity_data(roster, title="改名"), roster=roster, record_id=record_id)
    with room_db.session() as s:
        assert s.scalars(select(Activity.title)).all() == ["共读《乡土中国》"]
