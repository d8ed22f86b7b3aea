"""No silent overwrite for the remaining forms: outcomes, activities, cases and the room.

Each test loads the record as its form does, lets "another window" (a second Database on the
same file, used by 张三) change it, and saves the form: refused with who and when, nothing
written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop import clock
from desktop.db import Database, make_engine
from desktop.models import ActivityMember, AuditEntry, MediationCase, Outcome, ProgressNote
from desktop.models.enums import EscalationKind, OutcomeStatus, ResultClass, Satisfaction
from desktop.queries import activities as activity_queries
from desktop.queries import outcomes as outcome_queries
from desktop.queries.settings import room_details
from desktop.workflow import outcomes as outcome_rules
from desktop.workflow.activities import SuggestionData
from desktop.workflow.records import save_record
from desktop.workflow.rooms import save_room_details
from desktop.workflow.stale import StaleEditError
from tests.activity_builders import TODAY, Roster, activity_data, build_roster, case_data
from tests.desk_builders import add_outcome, room_id_of

DAY = date(2026, 11, 20)


@pytest.fixture
def other(room_db: Database) -> Iterator[Database]:
    """A second window (or process) on the same database, used by 张三."""
    second = Database(room_db.home, make_engine(room_db.home.database))
    second.user = "张三"
    yield second
    second.close()


def _assert_names_who_and_when(db: Database, error: StaleEditError, table: str, rid: str) -> None:
    with db.session() as s:
        entry = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.record_table == table, AuditEntry.record_id == rid)
            .order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None and entry.user == "张三"
    local = entry.at.astimezone()
    day = f"{local.month}月{local.day}日"
    if local.year != clock.today().year:
        day = f"{local.year}年{day}"
    message = str(error)
    assert "张三" in message and f"{day} {local:%H:%M}" in message
    assert "您输入的内容仍保留在窗口中" in message


# Outcomes --------------------------------------------------------------------------------

OutcomeAction = Callable[[Database, str, int | None], None]

ACTIONS: dict[str, OutcomeAction] = {
    "progress": lambda db, oid, rev: outcome_rules.note_progress(
        db, oid, on=DAY, text="我的进展", expected_revision=rev
    ),
    "complete": lambda db, oid, rev: outcome_rules.complete_outcome(
        db, oid, on=DAY, result_class=ResultClass.A, expected_revision=rev
    ),
    "not_possible": lambda db, oid, rev: outcome_rules.report_not_possible(
        db, oid, reason="我写的原因", expected_revision=rev
    ),
    "feedback": lambda db, oid, rev: outcome_rules.give_feedback(
        db, oid, on=DAY, text="我的反馈", satisfaction=Satisfaction.SATISFIED, expected_revision=rev
    ),
    "escalate": lambda db, oid, rev: outcome_rules.escalate_outcome(
        db, oid, kind=EscalationKind.PROPOSAL, reference="2026-15", on=DAY, expected_revision=rev
    ),
}


def _outcome_state(db: Database, outcome_id: str) -> tuple[object, ...]:
    with db.session() as s:
        outcome = s.get_one(Outcome, outcome_id)
        notes = s.scalar(
            select(func.count()).where(
                ProgressNote.outcome_id == outcome_id, ProgressNote.deleted.is_(False)
            )
        )
        return (
            outcome.revision,
            outcome.status,
            outcome.feedback,
            outcome.result_class,
            outcome.not_possible_reason,
            outcome.escalation_ref,
            notes,
        )


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_an_outcome_changed_since_the_dialog_opened_is_not_overwritten(
    room_db: Database, other: Database, action: str
) -> None:
    with room_db.session() as s:
        outcome_id = add_outcome(s, room_id_of(room_db), "疏浚排水管网", deadline=None).id
    outcome_rules.note_progress(room_db, outcome_id, on=DAY, text="已进场施工")
    node_id = room_db.installation().node_id  # type: ignore[union-attr]
    shown = outcome_queries.read_outcome(room_db, outcome_id, node_id=node_id, today=TODAY)
    assert shown is not None and shown.status is OutcomeStatus.IN_PROGRESS
    outcome_rules.give_feedback(other, outcome_id, on=DAY, text="张三的反馈", satisfaction=None)
    before = _outcome_state(room_db, outcome_id)

    with pytest.raises(StaleEditError) as refused:
        ACTIONS[action](room_db, outcome_id, shown.revision)

    _assert_names_who_and_when(room_db, refused.value, "outcome", outcome_id)
    assert _outcome_state(room_db, outcome_id) == before
    assert before[2] == "张三的反馈"
    # Opened again on what is stored now, the same action goes through.
    fresh = outcome_queries.read_outcome(room_db, outcome_id, node_id=node_id, today=TODAY)
    assert fresh is not None
    ACTIONS[action](room_db, outcome_id, fresh.revision)
    assert _outcome_state(room_db, outcome_id) != before


# Activities and cases --------------------------------------------------------------------


@pytest.fixture
def roster(room_db: Database) -> Roster:
    return build_roster(room_db)


def test_an_activity_changed_since_the_dialog_opened_is_not_overwritten(
    room_db: Database, other: Database, roster: Roster
) -> None:
    activity_id = save_record(
        room_db,
        activity_data(roster),
        room_id=roster.room_id,
        record_id=None,
        suggestions=(),
        today=TODAY,
    )
    form = activity_queries.activity_form(room_db, activity_id, today=TODAY)
    assert form.record is not None
    save_record(
        other,
        activity_data(roster, title="张三改的主题"),
        room_id=roster.room_id,
        record_id=activity_id,
        suggestions=(),
        today=TODAY,
    )

    mine = activity_data(roster, title="我改的主题", member_ids=(roster.members["陈建华"],))
    with pytest.raises(StaleEditError) as refused:
        save_record(
            room_db,
            mine,
            room_id=roster.room_id,
            record_id=activity_id,
            suggestions=(SuggestionData(content="增设阅读角"),),
            today=TODAY,
            expected_revision=form.record.revision,
        )

    _assert_names_who_and_when(room_db, refused.value, "activity", activity_id)
    after = activity_queries.activity_form(room_db, activity_id, today=TODAY)
    assert after.record is not None and after.record.title == "张三改的主题"
    assert after.suggestions == ()  # nothing of the refused save was written
    with room_db.session() as s:
        members = s.scalars(
            select(ActivityMember.member_id).where(
                ActivityMember.activity_id == activity_id, ActivityMember.deleted.is_(False)
            )
        )
        assert len(list(members)) == 2
    # The form's own save, with what it loaded, is no refusal.
    save_record(
        room_db,
        mine,
        room_id=roster.room_id,
        record_id=activity_id,
        suggestions=(),
        today=TODAY,
        expected_revision=after.record.revision,
    )


def test_an_activity_whose_members_alone_changed_is_not_overwritten(
    room_db: Database, other: Database, roster: Roster
) -> None:
    activity_id = save_record(
        room_db,
        activity_data(roster),
        room_id=roster.room_id,
        record_id=None,
        suggestions=(),
        today=TODAY,
    )
    form = activity_queries.activity_form(room_db, activity_id, today=TODAY)
    assert form.record is not None
    # 张三 only ticks who took part: no column of the activity itself changes.
    save_record(
        other,
        activity_data(roster, member_ids=(roster.members["陈建华"],)),
        room_id=roster.room_id,
        record_id=activity_id,
        suggestions=(),
        today=TODAY,
    )
    with pytest.raises(StaleEditError) as refused:
        save_record(
            room_db,
            activity_data(roster, title="我改的主题"),
            room_id=roster.room_id,
            record_id=activity_id,
            suggestions=(),
            today=TODAY,
            expected_revision=form.record.revision,
        )
    _assert_names_who_and_when(room_db, refused.value, "activity", activity_id)
    after = activity_queries.activity_form(room_db, activity_id, today=TODAY)
    assert after.record is not None
    assert list(after.record.member_ids) == [roster.members["陈建华"]]


def test_a_case_changed_since_the_dialog_opened_is_not_overwritten(
    room_db: Database, other: Database, roster: Roster
) -> None:
    case_id = save_record(
        room_db,
        case_data(roster),
        room_id=roster.room_id,
        record_id=None,
        suggestions=(),
        today=TODAY,
    )
    form = activity_queries.case_form(room_db, case_id, today=TODAY)
    assert form.record is not None
    save_record(
        other,
        case_data(roster, parties="张某；刘某；物业"),
        room_id=roster.room_id,
        record_id=case_id,
        suggestions=(),
        today=TODAY,
    )

    with pytest.raises(StaleEditError) as refused:
        save_record(
            room_db,
            case_data(roster, subject="我改的事由"),
            room_id=roster.room_id,
            record_id=case_id,
            suggestions=(),
            today=TODAY,
            expected_revision=form.record.revision,
        )

    _assert_names_who_and_when(room_db, refused.value, "mediation_case", case_id)
    with room_db.session() as s:
        case = s.get_one(MediationCase, case_id)
        assert (case.subject, case.parties) == ("楼上漏水引发邻里纠纷", "张某；刘某；物业")


# The room's details ----------------------------------------------------------------------


@pytest.mark.parametrize("changed", ["room", "township"])
def test_room_details_changed_since_the_page_loaded_are_not_overwritten(
    room_db: Database, other: Database, changed: str
) -> None:
    loaded = room_details(room_db)
    assert loaded is not None
    theirs = {"name": loaded.name, "village": loaded.village, "township": loaded.township}
    if changed == "room":
        theirs["name"] = "张三改的议事室"
    else:
        theirs["township"] = "张三改的街道"
    save_room_details(
        other, name=theirs["name"], village=theirs["village"], township=theirs["township"]
    )

    with pytest.raises(StaleEditError, match="张三"):
        save_room_details(
            room_db,
            name="我改的议事室",
            village=loaded.village,
            township=loaded.township,
            expected_revision=loaded.revision,
            expected_township_revision=loaded.township_revision,
        )

    after = room_details(room_db)
    assert after is not None
    assert (after.name, after.township) == (theirs["name"], theirs["township"])
    save_room_details(
        room_db,
        name="我改的议事室",
        village=after.village,
        township=after.township,
        expected_revision=after.revision,
        expected_township_revision=after.township_revision,
    )
    assert room_details(room_db).name == "我改的议事室"  # type: ignore[union-attr]
