"""Nothing lost on a busy database, nothing silently overwritten by a stale form.

"Another window" is a second Database on the same file, written as another user (张三); a long
import is a raw sqlite3 connection holding the write lock (BEGIN IMMEDIATE).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from desktop import clock
from desktop import db as db_module
from desktop.db import Database, make_engine
from desktop.errors import BUSY_MESSAGE, DatabaseBusyError, is_busy
from desktop.models import AuditEntry, Meeting, Participant, Topic
from desktop.models.enums import ParticipantKind
from desktop.queries import meetings as meeting_queries
from desktop.queries import topics as topic_queries
from desktop.workflow import agenda
from desktop.workflow import topics as topic_rules
from desktop.workflow.participants import ParticipantData, save_participant
from desktop.workflow.stale import StaleEditError, stale_message
from tests.meeting_builders import RoomData, build_room


@pytest.fixture
def data(room_db: Database) -> RoomData:
    return build_room(room_db)


@pytest.fixture
def other(room_db: Database) -> Iterator[Database]:
    """A second window (or process) on the same database, used by 张三."""
    second = Database(room_db.home, make_engine(room_db.home.database))
    second.user = "张三"
    yield second
    second.close()


def _hold_write_lock(db: Database) -> sqlite3.Connection:
    """Another connection holding the write lock, as a long import does."""
    connection = sqlite3.connect(db.home.database, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    return connection


def _meeting(db: Database, data: RoomData, title: str = "路灯维修议事") -> str:
    with db.session() as s:
        return agenda.create_meeting(
            s, room_id=data.room_id, held_on=date(2026, 11, 20), title=title
        ).id


def _last_audit(db: Database, table: str, record_id: str) -> AuditEntry:
    with db.session() as s:
        return s.scalars(
            select(AuditEntry)
            .where(AuditEntry.record_table == table, AuditEntry.record_id == record_id)
            .order_by(AuditEntry.id.desc())
        ).first()  # type: ignore[return-value]


def _local_when(at: datetime) -> str:
    local = at.astimezone()
    day = f"{local.month}月{local.day}日"
    if local.year != clock.today().year:
        day = f"{local.year}年{day}"
    return f"{day} {local:%H:%M}"


# Stale forms ----------------------------------------------------------------------------


def test_a_meeting_changed_since_loading_is_not_overwritten(
    room_db: Database, other: Database, data: RoomData
) -> None:
    meeting_id = _meeting(room_db, data)
    loaded = meeting_queries.meeting_details(room_db, meeting_id).revision
    agenda.save_draft(other, meeting_id, details={"title": "张三改的标题"})

    with pytest.raises(StaleEditError) as refused:
        agenda.save_draft(
            room_db, meeting_id, details={"title": "我的标题"}, expected_revision=loaded
        )

    entry = _last_audit(room_db, "meeting", meeting_id)
    message = str(refused.value)
    assert "张三" in message and _local_when(entry.at) in message
    assert "您输入的内容仍保留在窗口中" in message
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).title == "张三改的标题"


def test_an_unchanged_meeting_saves_and_hands_back_its_new_revision(
    room_db: Database, data: RoomData
) -> None:
    meeting_id = _meeting(room_db, data)
    loaded = meeting_queries.meeting_details(room_db, meeting_id).revision
    saved = agenda.save_draft(
        room_db, meeting_id, details={"title": "第一稿"}, expected_revision=loaded
    )
    assert saved and saved.revision == loaded + 1
    # The next save expects what this one left: no refusal of one's own earlier save.
    again = agenda.save_draft(
        room_db, meeting_id, details={"title": "第二稿"}, expected_revision=saved.revision
    )
    assert again.revision == meeting_queries.meeting_details(room_db, meeting_id).revision
    # Callers that pass no revision keep working as before.
    assert agenda.save_draft(room_db, meeting_id, details={"title": "第三稿"})


def test_a_consensus_changed_since_loading_is_not_overwritten(
    room_db: Database, other: Database, data: RoomData
) -> None:
    meeting_id = _meeting(room_db, data)
    with room_db.session() as s:
        topic = s.get_one(Topic, data["t1"])
        item_id = agenda.add_topic(s, s.get_one(Meeting, meeting_id), topic).id
    item = meeting_queries.item_consensus(room_db, item_id)

    def draft(text_: str, revision: int | None) -> agenda.ConsensusDraft:
        return agenda.ConsensusDraft(item_id, None, text_, None, None, None, revision=revision)

    agenda.save_draft(other, meeting_id, details={}, consensus=draft("张三的共识", None))
    with pytest.raises(StaleEditError, match="张三"):
        agenda.save_draft(
            room_db, meeting_id, details={}, consensus=draft("我的共识", item.revision)
        )
    assert meeting_queries.item_consensus(room_db, item_id).text == "张三的共识"


def test_a_participant_changed_since_loading_is_not_overwritten(
    room_db: Database, other: Database, data: RoomData
) -> None:
    room_id, pid = data.room_id, data["p1"]
    with room_db.session() as s:
        loaded = s.get_one(Participant, pid).revision
    save_participant(
        other,
        ParticipantData(name="张三改名", kind=ParticipantKind.EXPERT),
        room_id=room_id,
        participant_id=pid,
    )
    with pytest.raises(StaleEditError, match="张三"):
        save_participant(
            room_db,
            ParticipantData(name="我改名", kind=ParticipantKind.EXPERT),
            room_id=room_id,
            participant_id=pid,
            expected_revision=loaded,
        )
    with room_db.session() as s:
        assert s.get_one(Participant, pid).name == "张三改名"


def test_an_action_on_a_topic_changed_meanwhile_is_refused(
    room_db: Database, other: Database, data: RoomData
) -> None:
    topic_id = data["t3"]  # collected
    shown = topic_queries.topic_detail(room_db, topic_id, node_id=None)
    assert shown is not None
    topic_rules.shortlist_topic(other, topic_id)
    with pytest.raises(StaleEditError, match="张三"):
        topic_rules.decline_topic(
            room_db, topic_id, reason="不属于协商范围", expected_revision=shown.revision
        )
    after = topic_queries.topic_detail(room_db, topic_id, node_id=None)
    assert after is not None and after.decline_reason is None


def test_the_message_names_who_and_when() -> None:
    this_year = clock.today().year
    at = datetime(this_year, 6, 15, 6, 32, tzinfo=UTC)
    assert stale_message("张三", at) == (
        f"这条记录已于 {_local_when(at)} 被 张三 修改，"
        "您的修改未保存（您输入的内容仍保留在窗口中）。请关闭后重新打开再修改。"
    )
    earlier = datetime(this_year - 1, 6, 15, 6, 32, tzinfo=UTC)
    assert f"{this_year - 1}年" in stale_message("张三", earlier)
    assert "导入的数据包（李四）" in stale_message("李四 (import)", at)
    assert stale_message(None, None).startswith("这条记录已被他人修改")


# Busy database ---------------------------------------------------------------------------


def test_readers_are_not_blocked_by_a_write_in_progress(
    room_db: Database, data: RoomData, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = _meeting(room_db, data, title="原标题")
    # Any wait at all would show: a blocked read would fail after 50 ms.
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    writer = sqlite3.connect(room_db.home.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE meeting SET title = '导入中' WHERE id = ?", (meeting_id,))
        assert meeting_queries.meeting_details(room_db, meeting_id).title == "原标题"
    finally:
        writer.rollback()
        writer.close()


def test_a_save_behind_a_held_lock_is_refused_in_chinese_and_writes_nothing(
    room_db: Database, data: RoomData, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = _meeting(room_db, data, title="原标题")
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)
    write_lock = _hold_write_lock(room_db)
    try:
        with pytest.raises(DatabaseBusyError) as refused:
            agenda.save_draft(room_db, meeting_id, details={"title": "新标题"})
    finally:
        write_lock.rollback()
        write_lock.close()
    assert str(refused.value) == BUSY_MESSAGE
    assert is_busy(refused.value)
    with room_db.session() as s:
        assert s.get_one(Meeting, meeting_id).title == "原标题"
    agenda.save_draft(room_db, meeting_id, details={"title": "新标题"})
    assert meeting_queries.meeting_details(room_db, meeting_id).title == "新标题"


def test_the_gui_thread_waits_briefly_other_threads_long(room_db: Database) -> None:
    def timeout() -> int:
        with room_db.session() as s:
            return int(s.execute(text("PRAGMA busy_timeout")).scalar_one())

    assert timeout() == db_module.BUSY_TIMEOUT_MS
    room_db.wait_briefly_on_this_thread()
    assert timeout() == db_module.BRIEF_BUSY_TIMEOUT_MS
    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(timeout()))
    worker.start()
    worker.join()
    # An import in a worker thread on the same pool still waits the full minute.
    assert seen == [db_module.BUSY_TIMEOUT_MS]
    assert db_module.BUSY_TIMEOUT_MS >= 30_000 and db_module.BRIEF_BUSY_TIMEOUT_MS <= 2_000


def test_a_writer_waits_for_a_short_lock_instead_of_failing(
    room_db: Database, data: RoomData
) -> None:
    meeting_id = _meeting(room_db, data, title="原标题")
    write_lock = _hold_write_lock(room_db)
    # The "import" ends after 0.3 s: the save waits for it and goes through.
    releaser = threading.Timer(0.3, write_lock.commit)
    releaser.start()
    started = time.monotonic()
    agenda.save_draft(room_db, meeting_id, details={"title": "等待后保存"})
    releaser.join()
    write_lock.close()
    assert time.monotonic() - started >= 0.2
    assert meeting_queries.meeting_details(room_db, meeting_id).title == "等待后保存"


def test_is_busy_reads_wrapped_errors() -> None:
    assert is_busy(sqlite3.OperationalError("database is locked"))
    assert not is_busy(sqlite3.OperationalError("no such table: x"))
    try:
        try:
            raise sqlite3.OperationalError("database is busy")
        except sqlite3.OperationalError as exc:
            raise RuntimeError("wrapped") from exc
    except RuntimeError as wrapped:
        assert is_busy(wrapped)
