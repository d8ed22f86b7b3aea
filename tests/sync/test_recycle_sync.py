"""回收站 over sync: a delete and the restore after it both reach the district."""

from __future__ import annotations

from pathlib import Path

from desktop.db import Database
from desktop.models import Topic
from desktop.workflow import recycle
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, send


def _at_district(district: Database, topic_id: str) -> Topic:
    with district.session() as session:
        topic = session.get_one(Topic, topic_id)
        session.expunge(topic)
        return topic


def test_a_delete_then_a_restore_travel_to_the_district(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic_id = add_topic(room, "楼道堆物清理")
    send(room, district, tmp_path / "1")
    assert not _at_district(district, topic_id).deleted

    recycle.delete_topic(room, topic_id)
    result = send(room, district, tmp_path / "2")
    assert result.tables["topic"].updated == 1
    assert _at_district(district, topic_id).deleted

    recycle.restore(room, recycle.TOPIC, topic_id)
    result = send(room, district, tmp_path / "3")
    assert result.tables["topic"].updated == 1
    at_district = _at_district(district, topic_id)
    assert not at_district.deleted
    with room.session() as session:
        assert at_district.revision == session.get_one(Topic, topic_id).revision == 3
