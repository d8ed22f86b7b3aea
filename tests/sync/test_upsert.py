"""Batched import writes what the flush hook writes for an imported row: the audit log, the
change counter, the running digests."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desktop.db import Database
from desktop.models import AuditEntry, Installation, Topic
from desktop.models.enums import AuditAction
from desktop.sync.digest import scanned_digest, state_digest
from desktop.sync.records import from_json, to_json
from desktop.sync.upsert import apply_rows
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, rename_topic, send


def _audits(db: Database, record_id: str) -> list[tuple[AuditAction, str, dict[str, object]]]:
    with db.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.id)
        )
        return [(e.action, e.user, json.loads(e.changes)) for e in entries]


def _counter(db: Database) -> int:
    with db.session() as session:
        installation = session.get(Installation, 1)
        assert installation is not None
        return installation.change_counter


def test_an_imported_insert_and_edit_are_logged_and_stamped_like_the_hook_does(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic_id = add_topic(room, "路灯不亮")
    before = _counter(district)
    send(room, district, tmp_path / "usb")
    [(action, user, changes)] = _audits(district, topic_id)
    assert action is AuditAction.INSERT and user.endswith(" (import)")
    assert changes["title"] == "路灯不亮" and changes["id"] == topic_id
    assert not {"revision", "updated_at", "change_seq", "owner_node"} & set(changes)
    with district.session() as session:
        held = session.get(Topic, topic_id)
        assert held is not None
        assert before < held.change_seq <= _counter(district)

    rename_topic(room, topic_id, "路灯还是不亮")
    send(room, district, tmp_path / "usb")
    with district.session() as session:
        held = session.get(Topic, topic_id)
        assert held is not None
        assert held.title == "路灯还是不亮" and held.revision == 2
    *_, (action, _user, changes) = _audits(district, topic_id)
    assert action is AuditAction.UPDATE and changes == {"title": ["路灯不亮", "路灯还是不亮"]}

    with district.session() as session:
        owner = room.installation()
        assert owner is not None
        assert state_digest(session, owner.node_id) == scanned_digest(session, owner.node_id)


def test_an_unchanged_row_sent_again_writes_nothing(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("新胜村")
    topic_id = add_topic(room, "河道清淤")
    send(room, district, tmp_path / "usb")
    counter = _counter(district)
    result = send(room, district, tmp_path / "usb", full=True)
    assert result.tables["topic"].unchanged == 1 and result.totals().added == 0
    assert len(_audits(district, topic_id)) == 1
    assert _counter(district) == counter


def test_a_row_the_database_refuses_is_raised_as_an_integrity_error_and_nothing_stays(
    district: Database, enrol: EnrolRoom
) -> None:
    """The importer words a refusal by the database (a missing parent) from SQLAlchemy's
    IntegrityError, whichever way the rows went in (PostgreSQL's COPY included)."""
    room = enrol("和平桥社区")
    topic_id = add_topic(room, "路灯不亮")
    with room.session() as session:
        held = session.get(Topic, topic_id)
        assert held is not None
        data = to_json(held)
    orphan = from_json(Topic, dict(data, room_id=str(uuid.uuid4())))
    with pytest.raises(IntegrityError), district.session(importing=True) as session:
        apply_rows(session, [(Topic, [orphan])], bundle_id=str(uuid.uuid4()))
    assert _audits(district, topic_id) == []
    with district.session() as session:
        assert session.get(Topic, topic_id) is None
