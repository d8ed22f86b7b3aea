"""Issue 13: the save functions the GUI's forms call, given arbitrary text, numbers and dates.

Every example picks one form action (topics, slips, participants, meetings and their agenda,
speeches, consensus, outcomes and their follow-up, attendance, activities, cases, the room's
details, the printer) and fills it with hypothesis' text (any Unicode, lone surrogates, NUL,
huge), numbers and dates (any year). The property: the save either succeeds, and `yishi
check` (run_checks) then finds nothing, or raises a UserError whose message is Chinese and
leaves a dump of every table byte-identical. Any other exception is a bug.

One room with a year of demo records is built per module; accepted saves accumulate in it,
so later examples act on what earlier ones wrote.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop import clock
from desktop.checks import run_checks
from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.errors import UserError
from desktop.models import (
    ActivityKind,
    AgendaItem,
    Attendance,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    Participant,
    Topic,
)
from desktop.models.enums import (
    CaseKind,
    CaseStatus,
    Consensus,
    EscalationKind,
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ParticipantKind,
    ResultClass,
    Satisfaction,
    TopicSource,
)
from desktop.paths import Home
from desktop.setup import setup_room
from desktop.workflow import agenda, attendance, outcomes, participants, slips, topics
from desktop.workflow.activities import ActivityData, SuggestionData
from desktop.workflow.cases import CaseData
from desktop.workflow.meetings import Amending
from desktop.workflow.records import save_record
from desktop.workflow.rooms import save_room_details
from desktop.workflow.settings import choose_printer

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SCALE = int(os.environ.get("YISHI_FUZZ_SCALE", "1"))

# Every code point, lone surrogates and NUL included: the flush hook keeps them as U+FFFD.
_CHARS = st.characters(exclude_categories=[])
texts = st.one_of(
    st.text(alphabet=_CHARS, max_size=40),
    st.sampled_from(["", " ", "路灯不亮", "  议题  ", "\t\n"]),
    st.integers(0, 5000).map(lambda n: "字" * n),
)
dates = st.one_of(
    st.dates(),
    st.integers(-400, 400).map(lambda days: date.fromordinal(clock.today().toordinal() + days)),
)
numbers = st.one_of(st.none(), st.integers(), st.integers(-3, 300))
times = st.one_of(st.none(), st.times())


def _enum(kind: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(list(kind))


class Room:
    """The room the forms write to (a plain class: hypothesis prints a dataclass whole).

    Every example starts from the same records: a save that was accepted is undone by
    copying the pristine database back, so a failing example replays exactly."""

    def __init__(self, db: Database, pristine: Path) -> None:
        self.db = db
        self.pristine = pristine

    def reset(self) -> None:
        home = self.db.home
        self.db.close()
        shutil.copyfile(self.pristine, home.database)
        for extra in ("-wal", "-shm"):
            Path(f"{home.database}{extra}").unlink(missing_ok=True)
        self.db = open_database(home)

    def __repr__(self) -> str:
        return "Room(…)"

    @property
    def room_id(self) -> str:
        installation = self.db.installation()
        assert installation is not None and installation.room_id is not None
        return installation.room_id

    def ids(self, model: Any, **where: Any) -> list[str]:
        with self.db.session() as session:
            stmt = select(model.id).where(model.deleted.is_(False)).order_by(model.id)
            for key, value in where.items():
                stmt = stmt.where(getattr(model, key) == value)
            return list(session.scalars(stmt))

    def pick(self, model: Any, choice: int, **where: Any) -> str:
        """One of the live rows by a number, or an id nothing has (the form's stale choice)."""
        found = self.ids(model, **where)
        if not found or choice % (len(found) + 1) == len(found):
            return "00000000-0000-4000-8000-00000000dead"
        return found[choice % len(found)]


@pytest.fixture(scope="module")
def room(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    home = Home(tmp_path_factory.mktemp("fuzz-forms") / "room")
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    db = open_database(home)
    setup_room(db, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
    generate(db, seed=7, years=1)
    assert run_checks(db) == []
    db.close()
    pristine = home.root.parent / "pristine.sqlite"
    shutil.copyfile(home.database, pristine)
    room = Room(open_database(home), pristine)
    yield room
    room.db.close()


def _dump(db: Database) -> tuple[str, ...]:
    connection = sqlite3.connect(f"file:{db.home.database}?mode=ro", uri=True)
    try:
        return tuple(connection.iterdump())
    finally:
        connection.close()


# One action: its name, a number to choose records with, and the fuzzed values.
Action = tuple[str, int, dict[str, Any]]


def _action(what: str, /, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Action]:
    return st.tuples(st.just(what), st.integers(0, 10_000), st.fixed_dictionaries(fields))


actions = st.one_of(
    _action(
        "raise_topic",
        title=texts,
        source=_enum(TopicSource),
        raised_on=dates,
        description=texts,
        category=st.none() | texts,
        immediate=st.booleans(),
        member=st.booleans(),
    ),
    _action("announce_topic", on=dates, claim_by=dates),
    _action("claim_topic", on=dates),
    _action("decline_topic", reason=texts),
    _action("shortlist_topic"),
    _action("consult_now"),
    _action(
        "enter_slip",
        collected_on=st.none() | dates,
        content=texts,
        grid=texts,
        reporter_name=texts,
        anonymous=st.booleans(),
        category=texts,
        collector=st.booleans(),
    ),
    _action("raise_grid_topic", title=texts, raised_on=dates, count=st.integers(0, 3)),
    _action(
        "save_participant",
        name=texts,
        kind=_enum(ParticipantKind),
        unit=texts,
        position=texts,
        phone=texts | st.from_regex(r"\+?[0-9][0-9\- ]{5,18}[0-9]", fullmatch=True),
        active=st.booleans(),
        new=st.booleans(),
    ),
    _action("plan_meeting", held_on=dates),
    _action("set_meeting_status", target=_enum(MeetingStatus)),
    _action(
        "save_draft",
        title=texts,
        held_on=dates,
        start_time=times,
        end_time=times,
        place=texts,
        form=_enum(MeetingForm),
        host_name=texts,
        recorder_name=texts,
        keys=st.sets(st.sampled_from(list(agenda.DETAIL_FIELDS))),
        consensus=st.none() | _enum(Consensus),
        text=texts,
        votes=st.tuples(numbers, numbers, numbers),
        with_item=st.booleans(),
        amend=st.none() | st.tuples(texts, texts),
    ),
    _action("put_immediate_on_agenda", title=texts),
    _action("put_on_agenda"),
    _action("reorder_agenda", step=st.integers(-5, 5)),
    _action("record_speech", speaker_name=texts, summary=texts),
    _action(
        "record_outcome",
        content=texts,
        responsible_unit=texts,
        responsible_person=texts,
        deadline=st.none() | dates,
    ),
    _action("note_progress", on=dates, text=texts),
    _action("complete_outcome", on=dates, result_class=_enum(ResultClass)),
    _action("report_not_possible", reason=texts),
    _action("give_feedback", on=dates, text=texts, satisfaction=st.none() | _enum(Satisfaction)),
    _action("escalate_outcome", kind=_enum(EscalationKind), reference=texts, on=dates),
    _action("sign_in_walk_in", line=texts),
    _action("put_on_leave", reason=texts),
    _action(
        "save_activity",
        held_on=dates,
        title=texts,
        place=texts,
        members=st.integers(0, 3),
        others_present=texts,
        summary=texts,
        suggestions=st.lists(st.tuples(texts, texts, st.none() | dates), max_size=2),
    ),
    _action(
        "save_case",
        kind=_enum(CaseKind),
        subject=texts,
        opened_on=dates,
        parties=texts,
        members=st.integers(0, 3),
        status=_enum(CaseStatus),
        closed_on=st.none() | dates,
        result=texts,
    ),
    _action("save_room_details", name=texts, village=texts, township=texts),
    _action("choose_printer", name=texts),
)


def _run(room: Room, action: Action) -> None:
    """Calls the form's save function as the form would, with the fuzzed values."""
    name, choice, v = action
    db = room.db
    today = clock.today()
    if name == "raise_topic":
        member = room.pick(Member, choice) if v["member"] else None
        topics.raise_topic(
            db,
            room_id=room.room_id,
            title=v["title"],
            source=v["source"],
            raised_on=v["raised_on"],
            description=v["description"],
            category=v["category"],
            immediate=v["immediate"],
            proposed_by_member_id=member,
        )
    elif name == "announce_topic":
        topics.announce_topic(db, room.pick(Topic, choice), on=v["on"], claim_by=v["claim_by"])
    elif name == "claim_topic":
        topics.claim_topic(
            db, room.pick(Topic, choice), member_id=room.pick(Member, choice // 7), on=v["on"]
        )
    elif name == "decline_topic":
        topics.decline_topic(db, room.pick(Topic, choice), reason=v["reason"])
    elif name == "shortlist_topic":
        topics.shortlist_topic(db, room.pick(Topic, choice))
    elif name == "consult_now":
        topics.consult_now(db, room.pick(Topic, choice))
    elif name == "enter_slip":
        slips.enter_slip(
            db,
            room_id=room.room_id,
            collected_on=v["collected_on"],
            content=v["content"],
            grid=v["grid"],
            collector_id=room.pick(Participant, choice) if v["collector"] else None,
            reporter_name=v["reporter_name"],
            anonymous=v["anonymous"],
            category=v["category"],
        )
    elif name == "raise_grid_topic":
        chosen = [room.pick(OpinionSlip, choice + n) for n in range(v["count"])]
        slips.raise_grid_topic(db, chosen, title=v["title"], raised_on=v["raised_on"])
    elif name == "save_participant":
        data = participants.ParticipantData(
            name=v["name"],
            kind=v["kind"],
            unit=v["unit"],
            position=v["position"],
            phone=v["phone"],
            active=v["active"],
        )
        participants.save_participant(
            db,
            data,
            room_id=room.room_id,
            participant_id=None if v["new"] else room.pick(Participant, choice),
        )
    elif name == "plan_meeting":
        agenda.plan_meeting(db, room.room_id, held_on=v["held_on"])
    elif name == "set_meeting_status":
        agenda.set_meeting_status(db, room.pick(Meeting, choice), target=v["target"])
    elif name == "save_draft":
        meeting = room.pick(Meeting, choice)
        details = {key: v[key] for key in v["keys"]}
        consensus = None
        if v["with_item"]:
            votes_for, votes_against, votes_abstain = v["votes"]
            consensus = agenda.ConsensusDraft(
                item_id=room.pick(AgendaItem, choice // 3, meeting_id=meeting),
                consensus=v["consensus"],
                text=v["text"],
                votes_for=votes_for,
                votes_against=votes_against,
                votes_abstain=votes_abstain,
            )
        amending = Amending(*v["amend"]) if v["amend"] is not None else None
        agenda.save_draft(db, meeting, details=details, consensus=consensus, amending=amending)
    elif name == "put_immediate_on_agenda":
        agenda.put_immediate_on_agenda(db, room.pick(Meeting, choice), title=v["title"])
    elif name == "put_on_agenda":
        agenda.put_on_agenda(db, room.pick(Meeting, choice), topic_id=room.pick(Topic, choice // 3))
    elif name in ("reorder_agenda", "record_speech", "record_outcome"):
        meeting = room.pick(Meeting, choice)
        item = room.pick(AgendaItem, choice // 3, meeting_id=meeting)
        if name == "reorder_agenda":
            agenda.reorder_agenda(db, meeting, item_id=item, step=v["step"])
        elif name == "record_speech":
            agenda.record_speech(
                db, meeting, item_id=item, speaker_name=v["speaker_name"], summary=v["summary"]
            )
        else:
            agenda.record_outcome(
                db,
                meeting,
                item_id=item,
                content=v["content"],
                responsible_unit=v["responsible_unit"],
                responsible_person=v["responsible_person"],
                deadline=v["deadline"],
            )
    elif name == "note_progress":
        outcomes.note_progress(db, room.pick(Outcome, choice), on=v["on"], text=v["text"])
    elif name == "complete_outcome":
        outcomes.complete_outcome(
            db, room.pick(Outcome, choice), on=v["on"], result_class=v["result_class"]
        )
    elif name == "report_not_possible":
        outcomes.report_not_possible(db, room.pick(Outcome, choice), reason=v["reason"])
    elif name == "give_feedback":
        outcomes.give_feedback(
            db,
            room.pick(Outcome, choice),
            on=v["on"],
            text=v["text"],
            satisfaction=v["satisfaction"],
        )
    elif name == "escalate_outcome":
        outcomes.escalate_outcome(
            db, room.pick(Outcome, choice), kind=v["kind"], reference=v["reference"], on=v["on"]
        )
    elif name in ("sign_in_walk_in", "put_on_leave"):
        meeting = room.pick(Meeting, choice)
        if name == "sign_in_walk_in":
            attendance.sign_in_walk_in(db, meeting, line=v["line"])
        else:
            person = room.pick(Attendance, choice // 3, meeting_id=meeting)
            attendance.put_on_leave(db, meeting, attendance_ids=[person], reason=v["reason"])
    elif name == "save_activity":
        members = tuple(room.pick(Member, choice + n) for n in range(v["members"]))
        data = ActivityData(
            kind_id=room.pick(ActivityKind, choice),
            held_on=v["held_on"],
            title=v["title"],
            place=v["place"],
            member_ids=members,
            others_present=v["others_present"],
            summary=v["summary"],
        )
        suggestions = [
            SuggestionData(content=c, responsible_unit=u, deadline=d)
            for c, u, d in v["suggestions"]
        ]
        save_record(
            db, data, room_id=room.room_id, record_id=None, suggestions=suggestions, today=today
        )
    elif name == "save_case":
        members = tuple(room.pick(Member, choice + n) for n in range(v["members"]))
        case = CaseData(
            kind=v["kind"],
            subject=v["subject"],
            opened_on=v["opened_on"],
            parties=v["parties"],
            member_ids=members,
            status=v["status"],
            closed_on=v["closed_on"],
            result=v["result"],
        )
        save_record(db, case, room_id=room.room_id, record_id=None, suggestions=[], today=today)
    elif name == "save_room_details":
        save_room_details(db, name=v["name"], village=v["village"], township=v["township"])
    elif name == "choose_printer":
        choose_printer(db, v["name"])
    else:
        raise AssertionError(name)


# Saves that may be accepted and leave a problem `yishi check` reports, by design: none now.
# (Found by this fuzzing and since fixed: outcome dates before the meeting, sign-in before
# the meeting's day, 即时性协商 without a meeting.)
KNOWN: dict[str, set[str]] = {}


def _check(room: Room, action: Action) -> str:
    before = _dump(room.db)
    try:
        _run(room, action)
    except UserError as error:
        message = str(error)
        assert message.strip() and CHINESE.search(message), repr(message)
        assert _dump(room.db) == before, f"{action[0]} refused ({message}) but wrote"
        return "refused"
    problems = run_checks(room.db)
    room.reset()
    known = [p for p in problems if p.check in KNOWN.get(action[0], set())]
    unknown = [p.message for p in problems if p not in known]
    assert unknown == [], unknown
    return "saved, a known problem" if known else "saved"


FORMS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SAVE: Callable[[Any], Any] = settings(FORMS, max_examples=150 * SCALE)


@SAVE
@given(action=actions)
@example(action=("put_on_leave", 8951, {"reason": "0"}))  # was NoResultFound (a stale row)
@example(action=("reorder_agenda", 3, {"step": 0}))  # was NoResultFound (an item gone)
@example(action=("record_speech", 1, {"speaker_name": "\x00", "summary": "0"}))  # CHECK failed
@example(action=("consult_now", 1180, {}))  # a claimed, not immediate, topic was consulted
@example(  # was a meeting moved past the day its outcomes were completed
    action=(
        "save_draft",
        0,
        {
            "title": "",
            "held_on": date(2026, 12, 5),
            "start_time": None,
            "end_time": None,
            "place": "",
            "form": MeetingForm.ONSITE,
            "host_name": "",
            "recorder_name": "",
            "keys": {"title", "held_on"},
            "consensus": None,
            "text": "",
            "votes": (None, None, None),
            "with_item": False,
            "amend": ("0", ""),
        },
    )
)
@example(  # was a foreign key failure: the recommending member was gone
    action=(
        "raise_topic",
        5886,
        {
            "title": "0",
            "source": TopicSource.PARTY_GOVERNMENT,
            "raised_on": date(2026, 12, 5),
            "description": "",
            "category": None,
            "immediate": False,
            "member": True,
        },
    )
)
def test_property_a_form_save_is_refused_in_chinese_or_leaves_a_sound_database(
    room: Room, action: Action
) -> None:
    event(f"{action[0]}: {_check(room, action)}")


def _stored_title(room: Room) -> list[str]:
    with room.db.session() as session:
        return list(session.scalars(select(Topic.title).where(Topic.title.contains("\ufffd"))))


@pytest.mark.parametrize("title", ["\ud800", "\x00", "路灯\udfff不亮"])
def test_unstorable_characters_in_a_form_become_replacement_marks(room: Room, title: str) -> None:
    fields = {
        "title": title,
        "source": TopicSource.RESIDENTS,
        "raised_on": date(2026, 1, 1),
        "description": "",
        "category": None,
        "immediate": False,
        "member": False,
    }
    _run(room, ("raise_topic", 0, fields))
    assert _stored_title(room) == [
        title.replace("\x00", "\ufffd")
        .encode("utf-16", "surrogatepass")
        .decode("utf-16", "replace")
    ]
    assert run_checks(room.db) == []
    room.reset()


def test_an_outcome_completed_before_its_meeting_is_refused(room: Room) -> None:
    fields = {"on": date(1999, 2, 28), "result_class": ResultClass.A}
    assert _check(room, ("complete_outcome", 0, fields)) == "refused"


OPEN = (OutcomeStatus.PENDING, OutcomeStatus.IN_PROGRESS)


def test_a_nul_reason_for_an_outcome_not_possible_is_saved_visibly(room: Room) -> None:
    # The demo's outcomes depend on the day; take the first one still open.
    ids = room.ids(Outcome)
    with room.db.session() as s:
        open_ = [i for i, oid in enumerate(ids) if s.get_one(Outcome, oid).status in OPEN]
    assert open_
    assert _check(room, ("report_not_possible", open_[0], {"reason": "\x00"})) == "saved"
