"""A hand-built district for 成果督办 and the alerts: 3 rooms in 2 townships and a township's
own office, outcomes with deadlines relative to the app clock's today (so every test holds on
any day). `expected` below is counted by hand from the table in `build_supervision`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop import clock
from desktop.db import Database
from desktop.models import AgendaItem, Meeting, Outcome, Room, Topic, Township
from desktop.models.base import new_id
from desktop.models.enums import (
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ResultClass,
    RoomKind,
    TopicSource,
    TopicStatus,
)
from desktop.models.stamping import StampContext
from desktop.workflow.district_work import office_host

P, IP, C, NP = (
    OutcomeStatus.PENDING,
    OutcomeStatus.IN_PROGRESS,
    OutcomeStatus.COMPLETED,
    OutcomeStatus.NOT_POSSIBLE,
)
BUILD, WATER, CITY = "兴仁镇建设办", "崇川区水利局", "崇川区城市管理局"

# key: (room, unit, days from today to the deadline or None, status)
OUTCOMES: dict[str, tuple[str, str, int | None, OutcomeStatus]] = {
    "a1": ("room_a", BUILD, -30, P),  # overdue 30
    "a2": ("room_a", BUILD, -1, IP),  # overdue 1
    "a3": ("room_a", WATER, 0, P),  # due today: not overdue
    "b1": ("room_b", WATER, -10, IP),  # overdue 10
    "b2": ("room_b", BUILD, -100, C),  # completed: never overdue
    "b3": ("room_b", "", None, P),  # no unit, no deadline
    "c1": ("room_c", CITY, 20, P),
    "c2": ("room_c", CITY, -5, NP),  # cannot be done: not overdue
    "o1": ("office", CITY, -3, P),  # the township's own work, overdue 3
}
# Overdue first, longest first; then by deadline, none last.
ORDER = ["a1", "b1", "o1", "a2", "b2", "c2", "a3", "c1", "b3"]


@dataclass
class District:
    db: Database
    today: date
    ids: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]

    def key_of(self, record_id: str) -> str:
        return next(key for key, value in self.ids.items() if value == record_id)


def _outcome_rows(
    district: District, key: str, room_id: str, unit: str, days: int | None, status: OutcomeStatus
) -> list[object]:
    today = district.today
    held_on = today - timedelta(days=200)
    topic = Topic(
        id=new_id(),
        room_id=room_id,
        title=f"议题{key}",
        source=TopicSource.RESIDENTS,
        raised_on=held_on - timedelta(days=10),
        status=TopicStatus.DISCUSSED,
    )
    meeting = Meeting(
        id=new_id(),
        room_id=room_id,
        title=f"议事会{key}",
        held_on=held_on,
        form=MeetingForm.ONSITE,
        status=MeetingStatus.HELD,
    )
    item = AgendaItem(id=new_id(), meeting_id=meeting.id, topic_id=topic.id, position=1)
    outcome = Outcome(
        id=new_id(),
        room_id=room_id,
        agenda_item_id=item.id,
        content=f"协商成果{key}",
        responsible_unit=unit,
        deadline=None if days is None else today + timedelta(days=days),
        status=status,
        completed_on=today - timedelta(days=90) if status is C else None,
        result_class=ResultClass.A if status is C else None,
        not_possible_reason="资金暂无来源" if status is NP else None,
    )
    district.ids[key] = outcome.id
    district.ids[f"meeting_{key}"] = meeting.id
    return [topic, meeting, item, outcome]


def build_supervision(db: Database, *, today: date | None = None) -> District:
    """The district above; rooms' records owned by their nodes, as after an import."""
    installation = db.installation()
    assert installation is not None
    district = District(db, today or clock.today())
    with db.session() as s:
        for key, name in (("t1", "兴仁镇"), ("t2", "先锋街道")):
            township = Township(district_id=installation.district_id, name=name)
            s.add(township)
            s.flush()
            district.ids[key] = township.id
        for key, township, name, village, kind in (
            ("room_a", "t1", "徐庄村协商议事室", "徐庄村", RoomKind.VILLAGE),
            ("room_b", "t1", "兴西村协商议事室", "兴西村", RoomKind.VILLAGE),
            ("room_c", "t2", "花园社区协商议事室", "花园社区", RoomKind.COMMUNITY),
        ):
            district.nodes[key] = new_id()
            room = Room(
                township_id=district.ids[township],
                name=name,
                village=village,
                kind=kind,
                node_id=district.nodes[key],
            )
            s.add(room)
            s.flush()
            district.ids[key] = room.id
        district.ids["office"] = office_host(s, district.ids["t2"]).id
        for key, (room, unit, days, status) in OUTCOMES.items():
            if room == "office":
                for row in _outcome_rows(district, key, district.ids[room], unit, days, status):
                    s.add(row)
                    s.flush()  # parents first: no relationships tell the flush the order
    for room in ("room_a", "room_b", "room_c"):
        context = StampContext(node_id=district.nodes[room], user="t", importing=True)
        with db.session_as(context) as s:
            for key, (where, unit, days, status) in OUTCOMES.items():
                if where != room:
                    continue
                rows = _outcome_rows(district, key, district.ids[room], unit, days, status)
                for row in rows:
                    row.owner_node = district.nodes[room]  # type: ignore[attr-defined]
                    s.add(row)
                    s.flush()
    return district
