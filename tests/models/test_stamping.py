"""The before_flush hook stamps sync columns, audits, and guards ownership."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from desktop.db import Database
from desktop.models import AuditEntry, Installation, Member, Outcome, ProgressNote, Topic
from desktop.models.enums import AuditAction, Gender, MemberLevel, TopicSource
from desktop.models.stamping import AppendOnlyError, OwnershipError, StampContext


def _topic(db: Database, title: str = "停车难") -> Topic:
    installation = db.installation()
    assert installation is not None
    with db.session() as s:
        topic = Topic(
            room_id=installation.room_id,
            title=title,
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 4, 2),
        )
        s.add(topic)
    return topic


def test_new_row_is_stamped_with_this_node(room_db: Database) -> None:
    topic = _topic(room_db)
    installation = room_db.installation()
    assert installation is not None
    assert len(topic.id) == 36
    assert topic.owner_node == installation.node_id
    assert topic.revision == 1
    assert topic.updated_at.tzinfo is not None
    assert topic.change_seq == installation.change_counter


def test_caller_values_for_sync_columns_are_overwritten(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None
    with room_db.session() as s:
        topic = Topic(
            room_id=installation.room_id,
            title="垃圾分类",
            source=TopicSource.GRID,
            raised_on=date(2026, 4, 2),
            revision=99,
        )
        s.add(topic)
    assert topic.revision == 1


def test_each_change_bumps_revision_and_change_seq(room_db: Database) -> None:
    topic = _topic(room_db)
    seqs = [topic.change_seq]
    for n, title in enumerate(["停车难（一）", "停车难（二）"], start=2):
        with room_db.session() as s:
            row = s.get(Topic, topic.id)
            assert row is not None
            row.title = title
        with room_db.session() as s:
            row = s.get(Topic, topic.id)
            assert row is not None
            assert row.revision == n
            seqs.append(row.change_seq)
    assert seqs == sorted(seqs) and len(set(seqs)) == 3


def test_flush_without_real_change_does_not_bump(room_db: Database) -> None:
    topic = _topic(room_db)
    with room_db.session() as s:
        row = s.get(Topic, topic.id)
        assert row is not None
        row.title = row.title
    with room_db.session() as s:
        row = s.get(Topic, topic.id)
        assert row is not None and row.revision == 1


def test_audit_log_records_insert_update_and_tombstone(room_db: Database) -> None:
    topic = _topic(room_db)
    with room_db.session() as s:
        row = s.get(Topic, topic.id)
        assert row is not None
        row.title = "小区停车难"
    with room_db.session() as s:
        row = s.get(Topic, topic.id)
        assert row is not None
        row.deleted = True
    with room_db.session() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.record_id == topic.id).order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == [
        AuditAction.INSERT,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ]
    assert json.loads(entries[0].changes)["title"] == "停车难"
    assert json.loads(entries[1].changes) == {"title": ["停车难", "小区停车难"]}
    assert entries[1].user == room_db.user


def test_hard_delete_is_refused(room_db: Database) -> None:
    topic = _topic(room_db)
    with pytest.raises(AppendOnlyError), room_db.session() as s:
        row = s.get(Topic, topic.id)
        s.delete(row)
    with room_db.session() as s:
        assert s.get(Topic, topic.id) is not None


def test_rows_of_another_node_cannot_be_edited(room_db: Database) -> None:
    # The roster belongs to the district: a room holds it read-only.
    district = StampContext(node_id="district-node", user="区政协", importing=True)
    with room_db.session_as(district) as s:
        member = Member(
            name="张丽",
            gender=Gender.FEMALE,
            sector="民盟",
            level=MemberLevel.CITY,
            owner_node="district-node",
            revision=3,
        )
        s.add(member)
    assert member.owner_node == "district-node" and member.revision == 3
    with pytest.raises(OwnershipError), room_db.session() as s:
        row = s.get(Member, member.id)
        assert row is not None
        row.phone = "13800000000"
    with room_db.session() as s:
        row = s.get(Member, member.id)
        assert row is not None and row.phone is None


def test_new_row_cannot_claim_another_owner(room_db: Database) -> None:
    installation = room_db.installation()
    assert installation is not None
    with pytest.raises(OwnershipError), room_db.session() as s:
        s.add(
            Topic(
                room_id=installation.room_id,
                title="路灯",
                source=TopicSource.RESIDENTS,
                raised_on=date(2026, 4, 2),
                owner_node="someone-else",
            )
        )


def test_progress_notes_are_append_only(room_db: Database) -> None:
    from desktop.models import AgendaItem, Meeting
    from desktop.models.enums import MeetingForm

    topic = _topic(room_db)
    with room_db.session() as s:
        meeting = Meeting(room_id=topic.room_id, held_on=date(2026, 5, 1), form=MeetingForm.ONSITE)
        s.add(meeting)
        s.flush()
        item = AgendaItem(meeting_id=meeting.id, topic_id=topic.id, position=1)
        s.add(item)
        s.flush()
        outcome = Outcome(room_id=topic.room_id, agenda_item_id=item.id, content="增设停车位")
        s.add(outcome)
        s.flush()
        note = ProgressNote(outcome_id=outcome.id, noted_on=date(2026, 5, 9), text="已联系物业")
        s.add(note)
    with pytest.raises(AppendOnlyError), room_db.session() as s:
        row = s.get(ProgressNote, note.id)
        assert row is not None
        row.text = "改写历史"
    with room_db.session() as s:  # a tombstone is allowed
        row = s.get(ProgressNote, note.id)
        assert row is not None
        row.deleted = True


def test_change_counter_counts_flushes_not_rows(room_db: Database) -> None:
    before = room_db.installation()
    assert before is not None
    with room_db.session() as s:
        for title in ("一", "二", "三"):
            s.add(
                Topic(
                    room_id=before.room_id,
                    title=title,
                    source=TopicSource.RESIDENTS,
                    raised_on=date(2026, 4, 2),
                )
            )
    with room_db.session() as s:
        after = s.get(Installation, 1)
        assert after is not None
        assert after.change_counter == before.change_counter + 1
