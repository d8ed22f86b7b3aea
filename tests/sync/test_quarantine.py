"""Quarantined records: listed beside the local row, kept or taken, never over our own rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import AuditEntry, Member, QuarantinedRecord, Topic
from desktop.sync import SyncError
from desktop.sync.quarantine import Resolution, list_quarantined, resolve
from desktop.sync.records import from_json, to_json, values_to_json
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, rename_topic, send
from tests.sync.quarantine_helpers import make_quarantine

OTHER = "同一版本的另一内容"


@pytest.fixture
def room(enrol: EnrolRoom) -> Database:
    db = enrol("和平桥社区")
    add_topic(db, "路灯不亮")
    return db


@pytest.fixture
def quarantined(district: Database, room: Database, tmp_path: Path) -> int:
    return make_quarantine(room, district, tmp_path / "usb", title=OTHER)


def _topic(db: Database) -> Topic:
    with db.session() as session:
        return session.scalars(select(Topic)).one()


def _record(db: Database, quarantine_id: int) -> QuarantinedRecord:
    with db.session() as session:
        record = session.get(QuarantinedRecord, quarantine_id)
        assert record is not None
        return record


def test_the_list_shows_both_sides_of_each_differing_field(
    district: Database, room: Database, quarantined: int
) -> None:
    [entry] = list_quarantined(district)
    assert entry.id == quarantined
    assert entry.table == "topic" and entry.table_label == "议题"
    assert entry.file_name == "R0001_again.yishi"
    assert entry.sender == "和平桥社区协商议事室"
    assert entry.record_id == _topic(district).id and entry.revision == 1
    assert entry.local_revision == 1
    assert not entry.owned_here and entry.can_take_incoming and entry.take_refusal is None
    assert [(d.field, d.label, d.local, d.incoming) for d in entry.differences] == [
        ("title", "标题", "路灯不亮", OTHER)
    ]
    assert entry.open and entry.resolution is None


def test_keep_local_only_marks_it_settled_with_who_and_when(
    district: Database, quarantined: int
) -> None:
    before = _topic(district)
    entry = resolve(district, quarantined, Resolution.KEEP_LOCAL)

    assert entry.resolution is Resolution.KEEP_LOCAL and not entry.open
    assert entry.resolved_by == district.user and entry.resolved_at is not None
    after = _topic(district)
    assert (after.title, after.revision, after.change_seq) == (
        before.title,
        before.revision,
        before.change_seq,
    )
    assert list_quarantined(district) == []
    assert [e.id for e in list_quarantined(district, include_resolved=True)] == [quarantined]
    with pytest.raises(UserError, match="已处理过（保留本机）"):
        resolve(district, quarantined, Resolution.TAKE_INCOMING)
    assert _topic(district).title == "路灯不亮"


def test_take_incoming_writes_the_senders_row_keeping_its_owner_and_revision(
    district: Database, room: Database, quarantined: int
) -> None:
    before = _topic(district)
    entry = resolve(district, quarantined, Resolution.TAKE_INCOMING)

    assert entry.resolution is Resolution.TAKE_INCOMING and entry.resolved_at is not None
    after = _topic(district)
    assert after.title == OTHER
    assert after.revision == before.revision == 1
    assert after.owner_node == before.owner_node == room.installation().node_id  # type: ignore[union-attr]
    with district.session() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == after.id).order_by(AuditEntry.id)
        ).all()
    assert OTHER in audit[-1].changes
    # The room still holds its own version; nothing goes back to it.
    assert _topic(room).title == "路灯不亮"


def test_take_incoming_is_refused_on_a_row_this_node_owns_and_nothing_is_written(
    district: Database,
) -> None:
    with district.session() as session:
        member = session.scalars(select(Member)).one()
        values = from_json(Member, {**to_json(member), "phone": "13900000000"})
        session.add(
            QuarantinedRecord(
                bundle_id="00000000-0000-4000-8000-000000000001",
                record_table="member",
                record_id=member.id,
                revision=member.revision,
                incoming=json.dumps(values_to_json(Member, values), ensure_ascii=False),
            )
        )
        session.flush()
        member_id, before = member.id, (member.phone, member.revision, member.change_seq)

    [entry] = list_quarantined(district)
    assert entry.owned_here and not entry.can_take_incoming
    assert entry.take_refusal is not None and "属于本机" in entry.take_refusal
    assert [(d.field, d.local, d.incoming) for d in entry.differences] == [
        ("phone", "13800000001", "13900000000")
    ]
    with pytest.raises(SyncError, match="属于本机，不能用对方的内容覆盖"):
        resolve(district, entry.id, Resolution.TAKE_INCOMING)

    with district.session() as session:
        member = session.get(Member, member_id)
        assert member is not None
        assert (member.phone, member.revision, member.change_seq) == before
    assert _record(district, entry.id).resolution is None
    assert resolve(district, entry.id, Resolution.KEEP_LOCAL).resolution is Resolution.KEEP_LOCAL


def test_take_incoming_is_refused_once_the_row_moved_on(
    district: Database, room: Database, quarantined: int, tmp_path: Path
) -> None:
    rename_topic(room, _topic(room).id, "路灯不亮（已报修）")
    send(room, district, tmp_path / "later")
    assert _topic(district).revision == 2

    [entry] = list_quarantined(district)
    assert not entry.can_take_incoming
    with pytest.raises(SyncError, match="已更新（第 2 版）"):
        resolve(district, quarantined, Resolution.TAKE_INCOMING)
    assert _topic(district).title == "路灯不亮（已报修）"
    assert _record(district, quarantined).resolution is None


def test_an_unknown_number_is_refused(district: Database) -> None:
    with pytest.raises(UserError, match="没有编号为 42 的待核对记录"):
        resolve(district, 42, Resolution.KEEP_LOCAL)
