"""Local members: a room without the district's roster records its own, then merges them.

A room set up on its own has no roster, so claims (议题认领) and attendance have nobody to
name. It may add *local members*: member rows it owns itself (the district owns every other
member row). They never leave the room (desktop.sync.late_enrolment holds them and every
row under them back from a bundle), because the district is the single owner of the roster.

When the district's roster arrives, each local member is matched against it: the same name
and the same phone is the same person and is merged at once; the same name with another or
a missing phone is *pending* and a person decides (合并 or 保留). Merging re-points the
room's own rows (claims, attendance, speeches, activity and case members, duty records,
proposed topics) at the district's member and tombstones the local one; nothing is lost.
After a merge the rows that waited go to the district in the next bundle, which carries
everything (the district's acknowledgement is forgotten, as after a digest mismatch).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop import settings
from desktop.db import Database
from desktop.models import (
    ActivityMember,
    Attendance,
    CaseMember,
    Claim,
    DutyRecord,
    Installation,
    Member,
    Speech,
    SyncPeer,
    Topic,
)
from desktop.models.base import Synced
from desktop.models.enums import Gender, MemberLevel, NodeRole
from desktop.rules import RuleError
from desktop.workflow.participants import PHONE_PATTERN, ParticipantFieldError

# (model, column naming the member, columns that with it must stay unique or None)
_REFERENCES: tuple[tuple[type[Synced], str, tuple[str, ...] | None], ...] = (
    (Claim, "member_id", ("topic_id",)),
    (Attendance, "member_id", ("meeting_id",)),
    (ActivityMember, "member_id", ("activity_id",)),
    (CaseMember, "member_id", ("case_id",)),
    (DutyRecord, "member_id", ("kind", "meeting_id")),
    (Speech, "member_id", None),
    (Topic, "proposed_by_member_id", None),
)


@dataclass(frozen=True)
class LocalMemberData:
    """What the add form holds; the district's roster fields come with the district's row."""

    name: str
    phone: str = ""
    gender: Gender = Gender.MALE
    sector: str = ""


@dataclass(frozen=True)
class PendingMatch:
    """A local member and a district member of the same name whose phones do not agree."""

    local_id: str
    local_name: str
    local_phone: str
    district_id: str
    district_name: str
    district_phone: str
    district_sector: str
    district_workplace: str


@dataclass(frozen=True)
class MatchReport:
    """What matching the roster did: merged pairs (local, district) and the pending ones."""

    merged: list[tuple[str, str]]
    pending: list[PendingMatch]


def _me(session: Session) -> Installation:
    installation = session.get(Installation, 1)
    if installation is None:
        raise RuleError("本机尚未初始化")
    return installation


def add_local_member(session: Session, data: LocalMemberData) -> Member:
    """A member of this room's own, for a room without (or before) the district's roster."""
    if _me(session).role is not NodeRole.ROOM:
        raise RuleError("只有议事室可以添加本地委员")
    name, phone = data.name.strip(), data.phone.strip()
    if not name:
        raise ParticipantFieldError("name", "请填写姓名")
    if len(name) > 50:
        raise ParticipantFieldError("name", "姓名不能超过50个字")
    if phone and not PHONE_PATTERN.match(phone):
        raise ParticipantFieldError("phone", "电话号码格式不正确，只能包含数字、空格和“-”")
    member = Member(
        name=name,
        gender=data.gender,
        sector=data.sector.strip()[:50],
        level=MemberLevel.DISTRICT,
        phone=phone or None,
    )
    session.add(member)
    session.flush()
    return member


def is_local(session: Session, member: Member) -> bool:
    """A member this installation wrote itself (a room's local member)."""
    me = _me(session)
    return me.role is NodeRole.ROOM and member.owner_node == me.node_id


def _phone(value: str | None) -> str:
    return "".join(ch for ch in value or "" if ch.isdigit())


def _kept(session: Session) -> set[tuple[str, str]]:
    text = settings.get(session, settings.KEPT_LOCAL_MEMBERS)
    pairs = (item.split(":", 1) for item in text.split() if ":" in item)
    return {(a, b) for a, b in pairs}


def _live_members(session: Session) -> tuple[list[Member], list[Member]]:
    me = _me(session)
    if me.role is not NodeRole.ROOM:
        return [], []
    members = session.scalars(
        select(Member).where(Member.deleted.is_(False)).order_by(Member.name, Member.id)
    ).all()
    local = [m for m in members if m.owner_node == me.node_id]
    district = [m for m in members if m.owner_node != me.node_id]
    return local, district


def pending_matches(session: Session) -> list[PendingMatch]:
    """Local members that share a name with a district member but not (surely) a phone."""
    local, district = _live_members(session)
    kept = _kept(session)
    by_name: dict[str, list[Member]] = {}
    for member in district:
        by_name.setdefault(member.name.strip(), []).append(member)
    pending: list[PendingMatch] = []
    for mine in local:
        candidates = by_name.get(mine.name.strip(), [])
        if _sure_match(mine, candidates) is not None:
            continue
        for theirs in candidates:
            if (mine.id, theirs.id) in kept:
                continue
            pending.append(
                PendingMatch(
                    local_id=mine.id,
                    local_name=mine.name,
                    local_phone=mine.phone or "",
                    district_id=theirs.id,
                    district_name=theirs.name,
                    district_phone=theirs.phone or "",
                    district_sector=theirs.sector,
                    district_workplace=theirs.workplace or "",
                )
            )
    return pending


def _sure_match(mine: Member, candidates: list[Member]) -> Member | None:
    """The one district member with the same name and the same phone, if exactly one."""
    phone = _phone(mine.phone)
    if not phone:
        return None
    same = [m for m in candidates if _phone(m.phone) == phone]
    return same[0] if len(same) == 1 else None


def match_roster(session: Session) -> MatchReport:
    """Merge every sure match (same name, same phone); the rest is returned as pending."""
    local, district = _live_members(session)
    by_name: dict[str, list[Member]] = {}
    for member in district:
        by_name.setdefault(member.name.strip(), []).append(member)
    merged: list[tuple[str, str]] = []
    for mine in local:
        theirs = _sure_match(mine, by_name.get(mine.name.strip(), []))
        if theirs is not None:
            merge(session, local_id=mine.id, district_id=theirs.id)
            merged.append((mine.id, theirs.id))
    return MatchReport(merged=merged, pending=pending_matches(session))


def match_after_import(db: Database) -> MatchReport:
    """After a district bundle: merge the sure matches in one transaction."""
    with db.session() as session:
        return match_roster(session)


def merge(session: Session, *, local_id: str, district_id: str) -> None:
    """Re-point the local member's rows at the district's member and tombstone the local one.

    Where the district's member already has a row in the same place (attended the same
    meeting, claimed the same topic) that row stands for both and the local one is
    tombstoned, so nothing is counted twice.
    """
    mine, theirs = session.get(Member, local_id), session.get(Member, district_id)
    if mine is None or mine.deleted or not is_local(session, mine):
        raise RuleError("此本地委员不存在或已合并")
    if theirs is None or theirs.deleted or is_local(session, theirs):
        raise RuleError("区政协名册中没有这位委员")
    for model, column, unique_with in _REFERENCES:
        rows = session.scalars(
            select(model).where(getattr(model, column) == local_id).order_by(model.id)
        ).all()
        for row in rows:
            if unique_with and _taken(session, model, column, district_id, row, unique_with):
                row.deleted = True
                continue
            setattr(row, column, district_id)
    mine.deleted = True
    mine.active = False
    # The rows that waited for this member were never sent: the next bundle carries all.
    session.execute(update(SyncPeer).where(SyncPeer.role == "district").values(acked_through=0))
    session.flush()


def _taken(
    session: Session,
    model: type[Synced],
    column: str,
    district_id: str,
    row: Synced,
    unique_with: tuple[str, ...],
) -> bool:
    query = select(model.id).where(getattr(model, column) == district_id)
    for name in unique_with:
        value = getattr(row, name)
        if value is None:
            return False  # SQLite lets NULLs repeat in a unique constraint
        query = query.where(getattr(model, name) == value)
    return session.scalar(query) is not None


def keep_apart(session: Session, *, local_id: str, district_id: str) -> None:
    """保留: the two are different people; the question is not asked again."""
    pairs = _kept(session) | {(local_id, district_id)}
    settings.put(
        session, settings.KEPT_LOCAL_MEMBERS, " ".join(f"{a}:{b}" for a, b in sorted(pairs))
    )


def save_local_member(db: Database, data: LocalMemberData) -> str:
    """Add a local member in its own transaction; its id."""
    with db.session() as session:
        return add_local_member(session, data).id


def pending_for(db: Database) -> list[PendingMatch]:
    """The matches a person must decide, for the GUI."""
    with db.session() as session:
        return pending_matches(session)


def merge_member(db: Database, *, local_id: str, district_id: str) -> None:
    """合并, in its own transaction."""
    with db.session() as session:
        merge(session, local_id=local_id, district_id=district_id)


def keep_member(db: Database, *, local_id: str, district_id: str) -> None:
    """保留, in its own transaction."""
    with db.session() as session:
        keep_apart(session, local_id=local_id, district_id=district_id)
