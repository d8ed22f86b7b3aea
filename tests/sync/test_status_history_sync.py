"""The 状态变更记录 is the room's own: it travels in the room's bundle with the reason."""

from __future__ import annotations

from pathlib import Path

from desktop.checks import run_checks
from desktop.db import Database
from desktop.models import StatusChange
from desktop.queries.history import status_history
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.workflow import topics as topic_flow
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, count


def test_a_take_back_and_its_reason_reach_the_district(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    topic = add_topic(room, "老旧小区加装电梯")
    topic_flow.shortlist_topic(room, topic)
    topic_flow.take_back_topic(room, topic, reason="居民意见尚未统一")

    (tmp_path / "usb").mkdir(exist_ok=True)
    bundle = export_bundle(room, to_dir=tmp_path / "usb")
    assert bundle.counts["status_change"] == 2
    import_bundle(district, bundle.path)
    assert count(district, StatusChange, topic_id=topic) == 2
    assert [(x.to_label, x.reason) for x in status_history(district, topic_id=topic)] == [
        ("初选", ""),
        ("征集", "居民意见尚未统一"),
    ]
    assert run_checks(district) == []
