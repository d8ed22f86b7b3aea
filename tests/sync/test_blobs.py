"""Issue 12: attachments are content-addressed and owned.

A dishonest but enrolled room (real keys) ships blobs whose bytes do not hash to their name,
blobs no attachment row refers to, blobs of another room's attachments, other bytes for a
blob the district already holds, or a blob above the district's limit: each bundle is refused
with a message, the district's database and attachment folder are unchanged, and the other
room's next exchange still works.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop import settings as options
from desktop.db import Database
from desktop.models import Attachment
from desktop.sync import SyncError
from desktop.sync.importer import import_bundle
from desktop.workflow.attachments import attach_file, stored_path
from tests.sync.conftest import EnrolRoom
from tests.sync.dishonest import DishonestRoom, forged_row, snapshot
from tests.sync.helpers import add_topic, count, send


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _attach(db: Database, topic_id: str, data: bytes, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_digest(data)[:8]}.jpg"
    path.write_bytes(data)
    with db.session() as session:
        attach_file(session, db.home, path, record_table="topic", record_id=topic_id)
    return _digest(data)


class Rooms:
    """The dishonest room with a topic, and an honest room whose photo the district holds."""

    def __init__(self, district: Database, enrol: EnrolRoom, tmp_path: Path) -> None:
        self.district = district
        self.liar = DishonestRoom(enrol("和平桥社区"), district, tmp_path / "forged")
        self.topic = add_topic(self.liar.db, "路灯不亮")
        self.honest = enrol("城东社区")
        honest_topic = add_topic(self.honest, "垃圾分类")
        self.photo = b"\xff\xd8honest photo" * 10
        self.held = _attach(self.honest, honest_topic, self.photo, tmp_path / "files")
        send(self.honest, district, tmp_path / "honest")
        self.tmp_path = tmp_path

    def row(self, data: bytes, **values: object) -> dict[str, object]:
        """The liar's attachment row on its own topic, claiming `data`."""
        fields: dict[str, object] = {
            "sha256": _digest(data),
            "size": len(data),
            "record_table": "topic",
            "record_id": self.topic,
            "file_name": "现场照片.jpg",
            "media_type": "image/jpeg",
        }
        fields.update(values)
        return forged_row("attachment", self.liar.node, **fields)

    def refused(self, path: Path, words: str) -> None:
        before = snapshot(self.district)
        with pytest.raises(SyncError, match=words):
            import_bundle(self.district, path)
        assert snapshot(self.district) == before
        assert stored_path(self.district.home, self.held).read_bytes() == self.photo

    def others_still_work(self) -> None:
        add_topic(self.honest, f"下一件事{count(self.honest, Attachment)}")
        assert send(self.honest, self.district, self.tmp_path / "next").tables["topic"].added == 1


@pytest.fixture
def rooms(district: Database, enrol: EnrolRoom, tmp_path: Path) -> Rooms:
    return Rooms(district, enrol, tmp_path)


def test_a_blob_whose_bytes_do_not_hash_to_its_name_is_refused(rooms: Rooms) -> None:
    claimed, sent = b"what the row claims", b"other bytes, same size"[:19]
    path = rooms.liar.write({"attachment": [rooms.row(claimed)]}, blobs={_digest(claimed): sent})
    rooms.refused(path, "内容与其名称（哈希）不符")
    rooms.others_still_work()


def test_a_blob_no_row_refers_to_is_refused(rooms: Rooms) -> None:
    stray = b"nobody's file"
    rooms.refused(rooms.liar.write(blobs={_digest(stray): stray}), "不属于任何附件记录")
    # A deleted row still names its blob; a row for another blob does not cover this one.
    other = b"another file"
    rooms.refused(
        rooms.liar.write(
            {"attachment": [rooms.row(other)]}, blobs={_digest(other): other, _digest(stray): stray}
        ),
        "不属于任何附件记录",
    )
    rooms.others_still_work()


def test_another_rooms_blob_is_neither_sent_nor_replaced(rooms: Rooms) -> None:
    # The right bytes, but the only row naming them belongs to the honest room.
    rooms.refused(rooms.liar.write(blobs={rooms.held: rooms.photo}), "不属于任何附件记录")
    # Other bytes under the held name, with a row of its own claiming them.
    fake = b"\x00" * len(rooms.photo)
    row = rooms.row(rooms.photo)
    rooms.refused(rooms.liar.write({"attachment": [row]}, blobs={rooms.held: fake}), "内容与其名称")
    # Its own row on the same photo, with the true bytes: accepted, and the file is the same.
    result = import_bundle(
        rooms.district, rooms.liar.write({"attachment": [row]}, blobs={rooms.held: rooms.photo})
    )
    assert result.tables["attachment"].added == 1
    assert stored_path(rooms.district.home, rooms.held).read_bytes() == rooms.photo
    rooms.others_still_work()


def test_a_blob_of_a_row_the_sender_already_sent_is_accepted_again(rooms: Rooms) -> None:
    data = b"liar's own photo"
    topic = rooms.topic
    digest = _attach(rooms.liar.db, topic, data, rooms.tmp_path / "liar-files")
    send(rooms.liar.db, rooms.district, rooms.tmp_path / "first")
    # The same blob again without its row (already held, owned by the sender): harmless.
    result = import_bundle(rooms.district, rooms.liar.write(blobs={digest: data}))
    assert not result.already_imported
    assert stored_path(rooms.district.home, digest).read_bytes() == data


def test_a_row_whose_size_is_not_its_blobs_is_refused(rooms: Rooms) -> None:
    data = b"twelve bytes"
    rooms.refused(
        rooms.liar.write({"attachment": [rooms.row(data, size=3)]}, blobs={_digest(data): data}),
        "大小与记录不符",
    )


def test_a_blob_over_the_districts_limit_is_refused(rooms: Rooms) -> None:
    with rooms.district.session() as session:
        options.put(session, options.SYNC_ATTACHMENT_BYTES, 100)
    data = b"x" * 101
    rooms.refused(
        rooms.liar.write({"attachment": [rooms.row(data)]}, blobs={_digest(data): data}),
        "超过本机的同步上限",
    )
    small = b"y" * 100
    result = import_bundle(
        rooms.district,
        rooms.liar.write({"attachment": [rooms.row(small)]}, blobs={_digest(small): small}),
    )
    assert result.tables["attachment"].added == 1


def test_a_damaged_local_copy_gives_way_to_checked_bytes(rooms: Rooms) -> None:
    target = stored_path(rooms.district.home, rooms.held)
    target.write_bytes(b"bit rot")
    row = rooms.row(rooms.photo)
    import_bundle(
        rooms.district, rooms.liar.write({"attachment": [row]}, blobs={rooms.held: rooms.photo})
    )
    assert target.read_bytes() == rooms.photo


# Hypothesis: arbitrary bytes, named wrongly, named rightly but unclaimed, or put under the
# name of the honest room's held photo: every one refused, nothing changed.
cases = st.tuples(
    st.sampled_from(["wrong-name", "unclaimed", "held-name"]), st.binary(max_size=300)
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases)
def test_property_every_dishonest_blob_is_refused(rooms: Rooms, case: tuple[str, bytes]) -> None:
    kind, data = case
    event(kind)
    if kind == "wrong-name":
        claimed = data + b"!"
        path = rooms.liar.write(
            {"attachment": [rooms.row(claimed, size=len(data))]}, blobs={_digest(claimed): data}
        )
        words = "内容与其名称"
    elif kind == "unclaimed":
        path = rooms.liar.write(blobs={_digest(data): data})
        words = "不属于任何附件记录"
    else:
        bytes_ = data if data != rooms.photo else data + b"!"
        path = rooms.liar.write(blobs={rooms.held: bytes_})
        words = "不属于任何附件记录"
    rooms.refused(path, words)
