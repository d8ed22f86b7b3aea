"""Quarantined records: list them beside the local row, and settle each one (Qt-free).

An import sets a row aside when it has the same (id, revision) as a local row but other
content, or a lower revision edited later (its owner restored from an older backup and edited
it again: desktop.sync.incoming.apply_rows). A person then decides: keep the local row
(nothing changes but the quarantine's resolution), or, only for a row this node does not
own, take the incoming values. Those are written as the importer writes them, with
`StampContext(importing=True)`, so the owner and revision stay the sender's. A node never
overwrites a row it owns with foreign content: its own edits travel out with a new revision.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import UserError
from desktop.formatting import TABLE_LABELS, format_date, format_time
from desktop.models import Attachment, QuarantinedRecord, SyncBundle, Synced, SyncPeer
from desktop.models.base import utcnow
from desktop.models.enums import Labelled
from desktop.models.stamping import StampContext
from desktop.sync import SyncError
from desktop.sync.identity import require_installation
from desktop.sync.records import RecordError, from_json, model_for
from desktop.workflow.attachments import stored_path

# Same in both rows by construction (the quarantine key) or never travelling.
_NOT_COMPARED = frozenset({"id", "owner_node", "revision", "change_seq"})

# Chinese names of the columns people are likely to meet here; others show their own name.
FIELD_LABELS: dict[str, str] = {
    "title": "标题",
    "name": "名称",
    "content": "内容",
    "description": "说明",
    "summary": "摘要",
    "text": "内容",
    "note": "备注",
    "status": "状态",
    "category": "类别",
    "source": "来源",
    "place": "地点",
    "held_on": "日期",
    "start_time": "开始时间",
    "end_time": "结束时间",
    "phone": "电话",
    "gender": "性别",
    "sector": "界别",
    "party": "党派",
    "post": "职务",
    "village": "村（社区）",
    "feedback": "反馈内容",
    "deadline": "期限",
    "responsible_unit": "责任单位",
    "responsible_person": "责任人",
    "speaker_name": "发言人",
    "host_name": "主持人",
    "recorder_name": "记录人",
    "deleted": "已删除",
    "updated_at": "修改时间",
}


class Resolution(enum.StrEnum):
    """How a quarantined record was settled (stored in QuarantinedRecord.resolution)."""

    KEEP_LOCAL = "keep_local"
    TAKE_INCOMING = "take_incoming"

    @property
    def label(self) -> str:
        return "保留本机" if self is Resolution.KEEP_LOCAL else "采用对方"


@dataclass(frozen=True)
class FieldDifference:
    """One field whose local and incoming values differ, both as text to show."""

    field: str
    label: str
    local: str
    incoming: str


@dataclass(frozen=True)
class QuarantineEntry:
    """A quarantined record with the local row beside it and what may be done with it."""

    id: int
    at: datetime
    bundle_id: str
    file_name: str  # the bundle it came in, "" when that bundle is not in the log
    sender: str  # the peer's name, "" when unknown
    table: str
    table_label: str
    record_id: str
    revision: int
    local_revision: int | None  # None: the local row is gone
    owned_here: bool
    differences: tuple[FieldDifference, ...]
    # Why "take incoming" is not possible (Chinese), or None when it is.
    take_refusal: str | None
    resolution: Resolution | None
    resolved_at: datetime | None
    resolved_by: str | None

    @property
    def open(self) -> bool:
        return self.resolution is None

    @property
    def can_take_incoming(self) -> bool:
        return self.open and self.take_refusal is None


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def show_value(value: Any) -> str:
    """A value as people read it: enums by their Chinese name, dates in Chinese, 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Labelled):
        return value.label
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo else value
        # Seconds too: two versions written within a minute must not look alike.
        return f"{format_date(local.date())} {format_time(local.time())}:{local.second:02d}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return format_time(value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


# --- reading the stored incoming row ---------------------------------------------------------


def incoming_values(model: type[Synced], stored: str) -> dict[str, Any]:
    """The typed column values of a quarantined row, validated as an import's are."""
    try:
        data = json.loads(stored)
    except ValueError as exc:
        raise SyncError("暂存的对方记录已损坏，无法读取") from exc
    try:
        return from_json(model, data)
    except RecordError as exc:
        raise SyncError(f"暂存的对方记录与本机的数据表不符：{exc}") from exc


# --- listing ---------------------------------------------------------------------------------


def list_quarantined(db: Database, *, include_resolved: bool = False) -> list[QuarantineEntry]:
    """Quarantined records, newest first; only the open ones unless `include_resolved`."""
    with db.session() as session:
        me = require_installation(session).node_id
        statement = select(QuarantinedRecord).order_by(
            QuarantinedRecord.at.desc(), QuarantinedRecord.id.desc()
        )
        if not include_resolved:
            statement = statement.where(QuarantinedRecord.resolution.is_(None))
        return [_entry(db, session, q, me=me) for q in session.scalars(statement)]


def get_quarantined(db: Database, quarantine_id: int) -> QuarantineEntry:
    with db.session() as session:
        me = require_installation(session).node_id
        return _entry(db, session, _require(session, quarantine_id), me=me)


def _require(session: Session, quarantine_id: int) -> QuarantinedRecord:
    record = session.get(QuarantinedRecord, quarantine_id)
    if record is None:
        raise UserError(f"没有编号为 {quarantine_id} 的待核对记录")
    return record


def _entry(db: Database, session: Session, q: QuarantinedRecord, *, me: str) -> QuarantineEntry:
    bundle = session.scalars(
        select(SyncBundle).where(SyncBundle.direction == "in", SyncBundle.bundle_id == q.bundle_id)
    ).first()
    peer = session.get(SyncPeer, bundle.peer_node) if bundle is not None else None
    model = model_for(q.record_table)
    local = session.get(model, q.record_id) if model is not None else None
    differences: tuple[FieldDifference, ...] = ()
    refusal: str | None
    values: dict[str, Any] | None
    try:
        values = _checked_incoming(db, model, q, local, me=me)
        refusal = None
    except UserError as exc:
        values, refusal = _loose_values(model, q.incoming), str(exc)
    if values is not None:
        differences = _differences(local, values)
    return QuarantineEntry(
        id=q.id,
        at=q.at,
        bundle_id=q.bundle_id,
        file_name=bundle.file_name if bundle is not None else "",
        sender=peer.name if peer is not None else "",
        table=q.record_table,
        table_label=table_label(q.record_table),
        record_id=q.record_id,
        revision=q.revision,
        local_revision=local.revision if local is not None else None,
        owned_here=local is not None and local.owner_node == me,
        differences=differences,
        take_refusal=refusal,
        resolution=Resolution(q.resolution) if q.resolution else None,
        resolved_at=q.resolved_at,
        resolved_by=q.resolved_by,
    )


def _loose_values(model: type[Synced] | None, stored: str) -> dict[str, Any] | None:
    """Best effort for showing a row that cannot be taken: validated if possible, else raw."""
    if model is not None:
        try:
            return incoming_values(model, stored)
        except UserError:
            pass
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _differences(local: Synced | None, values: dict[str, Any]) -> tuple[FieldDifference, ...]:
    found = []
    for key, value in values.items():
        if key in _NOT_COMPARED:
            continue
        mine = getattr(local, key, None) if local is not None else None
        if local is None or mine != value:
            found.append(
                FieldDifference(
                    field=key,
                    label=field_label(key),
                    local=show_value(mine),
                    incoming=show_value(value),
                )
            )
    return tuple(found)


def _checked_incoming(
    db: Database,
    model: type[Synced] | None,
    q: QuarantinedRecord,
    local: Synced | None,
    *,
    me: str,
) -> dict[str, Any]:
    """The incoming values if they may replace the local row; otherwise UserError saying why."""
    if model is None:
        raise SyncError(f"本机没有数据表 {q.record_table}，不能采用对方的记录")
    if local is None:
        raise SyncError("本机已没有这条记录，不能采用对方的记录")
    if local.owner_node == me:
        raise SyncError("这条记录属于本机，不能用对方的内容覆盖，只能保留本机")
    values = incoming_values(model, q.incoming)
    if values["id"] != local.id or values["owner_node"] != local.owner_node:
        raise SyncError("对方的记录与本机记录的编号或所属单位不一致，不能采用")
    if values["revision"] != q.revision or not _still_current(local, values):
        raise SyncError(
            f"本机的这条记录此后已更新（第 {local.revision} 版），对方的内容已过时，只能保留本机"
        )
    blob_missing = model is Attachment and not stored_path(db.home, values["sha256"]).exists()
    if blob_missing and not values["deleted"]:
        raise SyncError("对方记录所指的附件文件不在本机，不能采用")
    return values


def _still_current(local: Synced, values: dict[str, Any]) -> bool:
    """The local row is still the one the incoming row was set aside against: the same
    revision, or (an owner restored from an older backup) a higher one edited earlier."""
    if local.revision == values["revision"]:
        return True
    edited, held = values.get("updated_at"), local.updated_at
    if local.revision < values["revision"] or edited is None or held is None:
        return False
    return _utc(edited) > _utc(held)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- settling --------------------------------------------------------------------------------


def resolve(db: Database, quarantine_id: int, choice: Resolution) -> QuarantineEntry:
    """Settle one quarantined record; records who, when and which side was kept.

    TAKE_INCOMING writes the incoming values over the local row as an import does; it is
    refused (UserError, nothing written) for a row this node owns, a local row that has
    moved on to a newer revision, or one already settled.
    """
    installation = db.installation()
    if installation is None:
        raise SyncError("本机尚未初始化")
    me = installation.node_id
    context = StampContext(node_id=me, user=db.user, importing=choice is Resolution.TAKE_INCOMING)
    try:
        with db.session_as(context) as session:
            record = _require(session, quarantine_id)
            if record.resolution is not None:
                done = Resolution(record.resolution).label
                raise UserError(f"编号 {quarantine_id} 的记录已处理过（{done}）")
            if choice is Resolution.TAKE_INCOMING:
                model = model_for(record.record_table)
                local = session.get(model, record.record_id) if model is not None else None
                values = _checked_incoming(db, model, record, local, me=me)
                assert local is not None
                for key, value in values.items():
                    setattr(local, key, value)
            record.resolution = choice.value
            record.resolved_at = utcnow()
            record.resolved_by = db.user
            session.flush()
    except IntegrityError as exc:
        raise SyncError(
            "对方的记录与本机数据对不上（缺少关联的记录或违反约束），未作任何更改"
        ) from exc
    return get_quarantined(db, quarantine_id)


def describe_fields(differences: Sequence[FieldDifference]) -> str:
    return "、".join(d.label for d in differences) or "（无）"
