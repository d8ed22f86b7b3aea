"""Reads behind the district's rooms page (议事室) and `yishi rooms`: every room's standing.

For each room, by township and area: enrolled or not, the last bundle received and its day,
the records held (rows owned by its nodes, the old ones of a re-enrolled room included), the
overdue outcomes, the fingerprint of its current key and the days since it was last heard
from. An enrolled, working room silent for `settings.ROOM_SILENT_DAYS` days (45) is flagged;
a retired room (停用) and a room never enrolled are never silent.

Qt-free; `today` is a parameter so tests fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import settings
from desktop.db import Database
from desktop.formatting import key_fingerprint
from desktop.models import Area, Outcome, Room, SyncBundle, Synced, SyncPeer, Township
from desktop.models.base import Base
from desktop.queries.outcomes import overdue_condition
from desktop.rules.rooms import is_room


@dataclass(frozen=True)
class RoomStanding:
    """One room's line on the rooms page."""

    room_id: str
    code: str
    name: str
    village: str
    township: str
    area: str
    enrolled: bool
    # The first bundle binds the room's key: enrolled rooms that have not sent one have none.
    fingerprint: str | None
    enrolled_at: datetime | None
    retired_on: date | None
    last_bundle_at: datetime | None
    last_bundle_file: str
    records: int
    overdue_outcomes: int
    # Days since the last bundle (or the enrolment, before the first); None when the room is
    # not expected to send bundles (not enrolled, or retired).
    days_silent: int | None
    silent: bool
    # Node ids whose keys were revoked by a re-enrolment.
    revoked_nodes: tuple[str, ...] = ()
    # Every node id the room's records may carry (its own, old keys' included).
    nodes: tuple[str, ...] = ()

    @property
    def last_bundle_on(self) -> date | None:
        return local_date(self.last_bundle_at) if self.last_bundle_at else None

    @property
    def retired(self) -> bool:
        return self.retired_on is not None


@dataclass(frozen=True)
class RoomsOverview:
    """Every room, and the threshold the silent ones crossed."""

    rooms: list[RoomStanding]
    silent_days: int

    @property
    def silent(self) -> list[RoomStanding]:
        return [r for r in self.rooms if r.silent]


def local_date(moment: datetime) -> date:
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def _synced_models() -> list[type[Synced]]:
    return [
        m.class_
        for m in Base.registry.mappers
        if issubclass(m.class_, Synced) and hasattr(m.class_, "__tablename__")
    ]


def _records_by_node(session: Session) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in _synced_models():
        statement = (
            select(model.owner_node, func.count())
            .where(model.deleted.is_(False))
            .group_by(model.owner_node)
        )
        for node, count in session.execute(statement):
            counts[node] = counts.get(node, 0) + count
    return counts


def rooms_overview(
    session: Session, *, today: date, silent_days: int | None = None, count_records: bool = True
) -> RoomsOverview:
    """Every live room by township, area and name, with its standing on `today`.

    `count_records=False` leaves `records` at 0: counting reads every synced table, which
    the 工作台's alerts (desktop.queries.alerts) do not need.
    """
    if silent_days is None:
        silent_days = settings.get(session, settings.ROOM_SILENT_DAYS)
    peers_by_room: dict[str, list[SyncPeer]] = {}
    for peer in session.scalars(select(SyncPeer).where(SyncPeer.role == "room")):
        if peer.room_id is not None:
            peers_by_room.setdefault(peer.room_id, []).append(peer)
    last_in: dict[str, tuple[datetime, str]] = {}
    newest = (
        select(SyncBundle.peer_node, func.max(SyncBundle.id))
        .where(SyncBundle.direction == "in")
        .group_by(SyncBundle.peer_node)
        .subquery()
    )
    statement = select(SyncBundle.peer_node, SyncBundle.at, SyncBundle.file_name).join(
        newest, SyncBundle.id == newest.c[1]
    )
    for node, at, file_name in session.execute(statement):
        last_in[node] = (at, file_name)
    records = _records_by_node(session) if count_records else {}
    overdue = dict(
        session.execute(
            select(Outcome.room_id, func.count())
            .where(Outcome.deleted.is_(False), overdue_condition(today))
            .group_by(Outcome.room_id)
        ).all()
    )
    rows = session.execute(
        select(Room, Township.name, Area.name)
        .join(Township, Township.id == Room.township_id)
        .outerjoin(Area, Area.id == Room.area_id)
        .where(Room.deleted.is_(False), is_room())
        .order_by(Township.name, Area.name, Room.code, Room.name)
    ).all()
    standings = []
    for room, township, area in rows:
        peers = peers_by_room.get(room.id, [])
        live = next((p for p in peers if p.revoked_at is None), None)
        nodes = {p.node_id for p in peers} | ({room.node_id} if room.node_id else set())
        heard = [last_in[n] for n in nodes if n in last_in]
        last = max(heard, key=lambda item: item[0]) if heard else None
        days: int | None = None
        if live is not None and room.retired_on is None:
            since = max([live.enrolled_at, *([last[0]] if last else [])])
            days = max(0, (today - local_date(since)).days)
        fingerprint = (
            key_fingerprint(live.signing_key, live.age_recipient)
            if live is not None and live.signing_key and live.age_recipient
            else None
        )
        standings.append(
            RoomStanding(
                room_id=room.id,
                code=room.code or "",
                name=room.name,
                village=room.village,
                township=township,
                area=area or "",
                enrolled=live is not None,
                fingerprint=fingerprint,
                enrolled_at=live.enrolled_at if live is not None else None,
                retired_on=room.retired_on,
                last_bundle_at=last[0] if last else None,
                last_bundle_file=last[1] if last else "",
                records=sum(records.get(n, 0) for n in nodes),
                overdue_outcomes=overdue.get(room.id, 0),
                days_silent=days,
                silent=days is not None and days >= silent_days,
                revoked_nodes=tuple(sorted(p.node_id for p in peers if p.revoked_at is not None)),
                nodes=tuple(sorted(nodes)),
            )
        )
    return RoomsOverview(rooms=standings, silent_days=silent_days)


def read_rooms_overview(db: Database, *, today: date, count_records: bool = True) -> RoomsOverview:
    with db.session() as session:
        return rooms_overview(session, today=today, count_records=count_records)


def records_of_rooms(db: Database, rooms: list[RoomStanding]) -> dict[str, int]:
    """Each room's records (see RoomStanding.records), by room id: every synced table read
    (0.2–0.5 s on a 10-year district), so the rooms page counts them off the GUI thread."""
    with db.session() as session:
        counts = _records_by_node(session)
    return {room.room_id: sum(counts.get(node, 0) for node in room.nodes) for room in rooms}
