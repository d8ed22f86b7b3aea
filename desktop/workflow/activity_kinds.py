"""The district's list of activity kinds (活动类型): add, rename, remove while unused.

Kinds are district-wide rows (desktop.sync.ownership): the district edits them and they go
down to every room in its bundles, where they are read-only. A kind some activity uses is
never removed; the model has no column to retire a kind, so a used kind stays in the list
(it may be renamed).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Activity, ActivityKind
from desktop.models.enums import DutyKind
from desktop.rules import RuleError
from desktop.workflow.roster import require_district
from desktop.workflow.stale import still_there

NAME_LIMIT = 100
ROOM_REFUSAL = "活动类型由区政协统一设定，议事室不能修改；类型随区政协的数据包下发"


@dataclass(frozen=True)
class KindRow:
    """One kind as the list shows it: how many live activities use it."""

    id: str
    code: str
    name: str
    counts_as_inspection: bool
    used_by: int
    # What taking part counts as in duty scoring (履职评价).
    duty_kind: DutyKind = DutyKind.OTHER_ACTIVITY


def _require_district(session: Session) -> None:
    try:
        require_district(session)
    except RuleError:
        raise RuleError(ROOM_REFUSAL) from None


def _clean_name(session: Session, name: str, *, other_than: str | None) -> str:
    name = name.strip()
    if not name:
        raise RuleError("请填写活动类型的名称")
    if len(name) > NAME_LIMIT:
        raise RuleError(f"活动类型的名称不能超过{NAME_LIMIT}个字")
    same = select(ActivityKind.id).where(ActivityKind.deleted.is_(False), ActivityKind.name == name)
    if other_than is not None:
        same = same.where(ActivityKind.id != other_than)
    if session.scalar(same.limit(1)) is not None:
        raise RuleError(f"已有名为“{name}”的活动类型")
    return name


def _new_code(session: Session) -> str:
    # Codes are unique over tombstones too; a district's own kinds are numbered.
    taken = set(session.scalars(select(ActivityKind.code)))
    number = len(taken) + 1
    while f"custom-{number:03d}" in taken:
        number += 1
    return f"custom-{number:03d}"


def _live_kind(session: Session, kind_id: str) -> ActivityKind:
    kind = still_there(session, ActivityKind, kind_id)
    if kind.deleted:
        raise RuleError("所选的活动类型已删除，请刷新后重试")
    return kind


def used_by(session: Session, kind_id: str) -> int:
    """How many live activities (of any room this installation holds) are of the kind."""
    return int(
        session.scalar(
            select(func.count(Activity.id)).where(
                Activity.kind_id == kind_id, Activity.deleted.is_(False)
            )
        )
        or 0
    )


def _duty_kind(counts_as_inspection: bool, duty_kind: DutyKind | None) -> DutyKind:
    # A kind said to count as an inspection scores as one unless told otherwise.
    if duty_kind is not None:
        return duty_kind
    return DutyKind.INSPECTION if counts_as_inspection else DutyKind.OTHER_ACTIVITY


def add_kind(
    session: Session,
    name: str,
    *,
    counts_as_inspection: bool = False,
    duty_kind: DutyKind | None = None,
) -> ActivityKind:
    """A new kind at the end of the district's list."""
    _require_district(session)
    kind = ActivityKind(
        code=_new_code(session),
        name=_clean_name(session, name, other_than=None),
        counts_as_inspection=counts_as_inspection,
        duty_kind=_duty_kind(counts_as_inspection, duty_kind),
    )
    session.add(kind)
    session.flush()
    return kind


def rename_kind(
    session: Session,
    kind_id: str,
    name: str,
    *,
    counts_as_inspection: bool | None = None,
    duty_kind: DutyKind | None = None,
) -> ActivityKind:
    """A new name (and, when given, whether it counts as an inspection and what taking part
    counts as in duty scoring); used kinds too, their activities then score as the new kind."""
    _require_district(session)
    kind = _live_kind(session, kind_id)
    kind.name = _clean_name(session, name, other_than=kind.id)
    if counts_as_inspection is not None:
        kind.counts_as_inspection = counts_as_inspection
    if duty_kind is not None:
        kind.duty_kind = duty_kind
    session.flush()
    return kind


def remove_kind(session: Session, kind_id: str) -> None:
    """Remove an unused kind (a tombstone the rooms receive); a used one is refused."""
    _require_district(session)
    kind = _live_kind(session, kind_id)
    if count := used_by(session, kind.id):
        raise RuleError(
            f"“{kind.name}”已有{count}项活动使用，不能删除。"
            "活动类型没有“停用”设置，已使用的类型只能保留（可以改名）"
        )
    kind.deleted = True
    session.flush()


def kind_rows(session: Session) -> list[KindRow]:
    """Live kinds in the list's order (by code), each with its use."""
    uses = (
        select(Activity.kind_id, func.count(Activity.id).label("n"))
        .where(Activity.deleted.is_(False))
        .group_by(Activity.kind_id)
        .subquery()
    )
    rows = session.execute(
        select(
            ActivityKind.id,
            ActivityKind.code,
            ActivityKind.name,
            ActivityKind.counts_as_inspection,
            ActivityKind.duty_kind,
            func.coalesce(uses.c.n, 0).label("used_by"),
        )
        .outerjoin(uses, uses.c.kind_id == ActivityKind.id)
        .where(ActivityKind.deleted.is_(False))
        .order_by(ActivityKind.code, ActivityKind.id)
    ).all()
    return [
        KindRow(
            id=row.id,
            code=row.code,
            name=row.name,
            counts_as_inspection=bool(row.counts_as_inspection),
            used_by=int(row.used_by),
            duty_kind=DutyKind(row.duty_kind),
        )
        for row in rows
    ]


# --- each in its own transaction, for the GUI -----------------------------------------------


def list_kinds(db: Database) -> list[KindRow]:
    with db.session() as session:
        return kind_rows(session)


def save_new_kind(
    db: Database,
    name: str,
    *,
    counts_as_inspection: bool = False,
    duty_kind: DutyKind | None = None,
) -> str:
    """Add a kind; its id."""
    with db.session() as session:
        return add_kind(
            session, name, counts_as_inspection=counts_as_inspection, duty_kind=duty_kind
        ).id


def save_kind(
    db: Database,
    kind_id: str,
    name: str,
    *,
    counts_as_inspection: bool | None = None,
    duty_kind: DutyKind | None = None,
) -> None:
    with db.session() as session:
        rename_kind(
            session,
            kind_id,
            name,
            counts_as_inspection=counts_as_inspection,
            duty_kind=duty_kind,
        )


def delete_kind(db: Database, kind_id: str) -> None:
    with db.session() as session:
        remove_kind(session, kind_id)
