"""`generate`: realistic, deterministic demo data for a district or a room home.

A district gets a roster owned by its own node and rooms whose records are written as if
imported from them (owned by each room's node). A room records its own meetings with the
members it holds; one that holds none first receives a small roster owned by a fixed demo
district node. A run is one transaction: cancelled or interrupted, it adds nothing. Running
again adds more; nothing is ever wiped.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import clock
from desktop.db import Database
from desktop.demo.common import Batch, DemoCancelled, DemoError, DemoRandom
from desktop.demo.duty import district_acts
from desktop.demo.rooms import ReferenceNumbers, RoomTarget, build_room
from desktop.demo.roster import district_roster, room_roster
from desktop.models import (
    Activity,
    Attendance,
    Base,
    Claim,
    District,
    DutyAct,
    MediationCase,
    Meeting,
    Member,
    OpinionSlip,
    Outcome,
    Participant,
    ProgressNote,
    Room,
    Topic,
    Township,
)
from desktop.models.enums import NodeRole
from desktop.models.stamping import CONTEXT_KEY, StampContext
from desktop.models.sync import SyncPeer

# The node a lone room's demo roster comes from, as if sent by a district; fixed so that
# the room's data stays deterministic.
DEMO_DISTRICT_NODE = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://yishi.invalid/demo-district"))
DEFAULT_PREFIX = "崇"
# Refused beyond these before anything is written: Qidong, among the largest, has 315 rooms,
# and 30 years reach back before the first consultation rooms.
MAX_ROOMS = 1000
MAX_YEARS = 30

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind a run added (for the CLI and the first-run dialog)."""

    members: int = 0
    rooms: int = 0
    participants: int = 0
    topics: int = 0
    opinion_slips: int = 0
    claims: int = 0
    meetings: int = 0
    attendances: int = 0
    outcomes: int = 0
    progress_notes: int = 0
    activities: int = 0
    cases: int = 0
    duty_acts: int = 0

    def describe(self) -> str:
        """One Chinese line per kind of record added, e.g. `  议题：212 个`."""
        return (
            "\n".join(
                f"  {label}：{getattr(self, name)} {unit}"
                for name, (label, unit) in _LABELS.items()
                if getattr(self, name)
            )
            or "  （没有新增记录）"
        )


_LABELS: dict[str, tuple[str, str]] = {
    "members": ("政协委员", "名"),
    "rooms": ("协商议事室", "个"),
    "participants": ("参加人员", "名"),
    "topics": ("议题", "个"),
    "opinion_slips": ("社情民意采集表", "张"),
    "claims": ("议题认领", "次"),
    "meetings": ("协商议事活动", "场"),
    "attendances": ("签到", "人次"),
    "outcomes": ("协商成果", "条"),
    "progress_notes": ("进展记录", "条"),
    "activities": ("其他履职活动", "场"),
    "cases": ("调解/信访案件", "件"),
    "duty_acts": ("区政协补录的履职记录", "条"),
}
assert set(_LABELS) == {f.name for f in fields(DemoSummary)}

_COUNTED: dict[type[Any], str] = {
    Member: "members",
    Room: "rooms",
    Participant: "participants",
    Topic: "topics",
    OpinionSlip: "opinion_slips",
    Claim: "claims",
    Meeting: "meetings",
    Attendance: "attendances",
    Outcome: "outcomes",
    ProgressNote: "progress_notes",
    Activity: "activities",
    MediationCase: "cases",
    DutyAct: "duty_acts",
}


def _tally(counter: Counter[str], batch: Batch) -> None:
    for row in batch.rows:
        if (name := _COUNTED.get(type(row))) is not None:
            counter[name] += 1


def _seed(session: Session, *, seed: int, today: date) -> int:
    """The run's seed: the caller's, today's date and how many rows each synced table holds.

    Mixing in the counts makes a second run (same seed or not) draw fresh ids and names, so
    it adds to the first instead of colliding with it.
    """
    parts = [f"yishi-demo|{seed}|{today.isoformat()}"]
    for table in Base.metadata.sorted_tables:
        if "owner_node" in table.c:
            count = session.scalar(select(func.count()).select_from(table))
            parts.append(f"{table.name}={count}")
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:16], "big")


def _references(session: Session, prefix: str) -> ReferenceNumbers:
    existing = session.execute(
        select(Outcome.escalation_kind, Outcome.escalation_ref).where(
            Outcome.escalation_ref.is_not(None)
        )
    )
    return ReferenceNumbers(
        prefix, [(kind, ref) for kind, ref in existing if kind is not None and ref is not None]
    )


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise DemoCancelled("已取消生成示例数据")


@contextmanager
def _written_as(session: Session, context: StampContext) -> Iterator[None]:
    """Rows flushed inside are stamped as `context`: several owners, one transaction."""
    own = session.info[CONTEXT_KEY]
    session.info[CONTEXT_KEY] = context
    try:
        yield
        session.flush()
    finally:
        session.info[CONTEXT_KEY] = own


def generate(
    db: Database,
    *,
    seed: int = 1,
    roster_only: bool = False,
    rooms: int = 16,
    years: int = 2,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    loose_problems: dict[str, str] | None = None,
) -> DemoSummary:
    """Add demo data to the installation in `db` and say how much was added.

    `progress(done, total)` is called as parts are written: the roster first, then each
    room. When `cancelled()` turns true, everything written so far is rolled back and
    `DemoCancelled` is raised; any other exception (Ctrl+C too) rolls back the same way.
    `loose_problems`, when given, is filled with the problem each unmerged slip reports
    (demo/loose_slips.py): the answer the similar-slip suggestions are measured against.
    """
    installation = db.installation()
    if installation is None:
        raise DemoError(
            "此目录还没有议事安装，请先运行「yishi setup district」或「yishi setup room」"
        )
    if installation.role is NodeRole.CITY:
        raise DemoError(
            "市政协的记录都来自各区政协的转报，不能生成示例数据；请在区政协安装中生成后转报"
        )
    if not 0 <= rooms <= MAX_ROOMS:
        raise DemoError(f"议事室数量（--rooms）应在 0 到 {MAX_ROOMS} 之间，收到 {rooms}")
    if not 0 <= years <= MAX_YEARS:
        raise DemoError(f"年数（--years）应在 0 到 {MAX_YEARS} 之间，收到 {years}")
    today = today or clock.today()
    start = date(today.year - years, 1, 1)
    report = progress or (lambda done, total: None)
    with db.session() as session:
        salt = hashlib.sha256(installation.node_id.encode()).digest()[:16]
        rng = DemoRandom(_seed(session, seed=seed, today=today), salt=int.from_bytes(salt, "big"))
    counter: Counter[str] = Counter()
    if installation.role is NodeRole.DISTRICT:
        _district(
            db,
            rng,
            district_id=installation.district_id,
            owner=installation.node_id,
            rooms=rooms,
            roster_only=roster_only,
            start=start,
            today=today,
            counter=counter,
            report=report,
            cancelled=cancelled,
            loose_problems=loose_problems,
        )
    else:
        _room(
            db,
            rng,
            room_id=installation.room_id,
            roster_only=roster_only,
            start=start,
            today=today,
            counter=counter,
            report=report,
            cancelled=cancelled,
            loose_problems=loose_problems,
        )
    db.refresh_statistics()
    return DemoSummary(**counter)


def _district(
    db: Database,
    rng: DemoRandom,
    *,
    district_id: str | None,
    owner: str,
    rooms: int,
    roster_only: bool,
    start: date,
    today: date,
    counter: Counter[str],
    report: Progress,
    cancelled: Callable[[], bool] | None,
    loose_problems: dict[str, str] | None = None,
) -> None:
    if district_id is None:
        raise DemoError("本区政协安装缺少区政协记录，无法生成示例数据")
    total = 1 + (0 if roster_only else rooms)
    report(0, total)
    _check(cancelled)
    with db.session() as session:
        district = session.get(District, district_id)
        prefix = district.name[0] if district is not None and district.name else DEFAULT_PREFIX
        refs = _references(session, prefix)
        roster = district_roster(
            session,
            rng.child(),
            district_id=district_id,
            owner=owner,
            rooms=rooms,
            roster_only=roster_only,
            start=start,
        )
        roster.batch.write(session)
        _check(cancelled)
        _tally(counter, roster.batch)
        report(1, total)
        for done, target in enumerate(roster.targets, 2):
            room_rng = rng.child()
            _check(cancelled)
            context = StampContext(node_id=target.node_id, user=db.user, importing=True)
            with _written_as(session, context):
                batch = build_room(
                    room_rng,
                    target,
                    kinds=roster.kinds,
                    refs=refs,
                    start=start,
                    today=today,
                    loose_problems=loose_problems,
                )
                batch.write(session)
            _check(cancelled)
            _tally(counter, batch)
            report(done, total)
        if not roster_only:
            acts = district_acts(session, rng.child(), owner=owner, today=today)
            acts.write(session)
            _tally(counter, acts)


def _enrolled(session: Session) -> bool:
    return session.scalar(select(SyncPeer.node_id).where(SyncPeer.role == "district")) is not None


def _room(
    db: Database,
    rng: DemoRandom,
    *,
    room_id: str | None,
    roster_only: bool,
    start: date,
    today: date,
    counter: Counter[str],
    report: Progress,
    cancelled: Callable[[], bool] | None,
    loose_problems: dict[str, str] | None = None,
) -> None:
    installation = db.installation()
    assert installation is not None
    total = 1 if roster_only else 2
    report(0, total)
    _check(cancelled)
    context = StampContext(node_id=DEMO_DISTRICT_NODE, user=db.user, importing=True)
    with db.session() as session:
        with _written_as(session, context):
            room = session.get(Room, room_id) if room_id else None
            if room is None:
                raise DemoError("本议事室安装缺少协商议事室记录，无法生成示例数据")
            if _enrolled(session) and not session.scalar(
                select(Member.id).where(Member.deleted.is_(False)).limit(1)
            ):
                # An invented roster would belong to nobody the district knows: its bundles
                # could never be imported there.
                raise DemoError(
                    "本议事室已登记，名册由区政协下发，本机还没有委员名册；"
                    "请先在区政协生成名册（yishi demo --roster-only），导出同步包并在本机导入"
                )
            township = session.get(Township, room.township_id)
            district = (
                session.get(District, township.district_id)
                if township and (township.district_id)
                else None
            )
            prefix = district.name[0] if district is not None and district.name else DEFAULT_PREFIX
            refs = _references(session, prefix)
            roster, members = room_roster(
                session, rng.child(), room=room, owner=DEMO_DISTRICT_NODE, start=start
            )
            roster.batch.write(session)
        _check(cancelled)
        target = RoomTarget(
            room_id=room.id,
            node_id=installation.node_id,
            name=room.name,
            village=room.village,
            kind=room.kind,
            township=township.name if township else "",
            members=tuple(members),
            participants=tuple(
                session.scalars(
                    select(Participant)
                    .where(
                        Participant.room_id == room.id,
                        Participant.deleted.is_(False),
                        Participant.active.is_(True),
                    )
                    .order_by(Participant.id)
                )
            ),
        )
        _tally(counter, roster.batch)
        report(1, total)
        if roster_only:
            return
        room_rng = rng.child()
        _check(cancelled)
        batch = build_room(
            room_rng,
            target,
            kinds=roster.kinds,
            refs=refs,
            start=start,
            today=today,
            loose_problems=loose_problems,
        )
        batch.write(session)
        _check(cancelled)
        _tally(counter, batch)
        report(2, total)
