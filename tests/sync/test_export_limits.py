"""Size limits at export: an oversize attachment is held back, named, and the rest still syncs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import settings
from desktop.checks import run_checks
from desktop.cli import main
from desktop.db import Database
from desktop.models import Attachment, SyncPeer, Topic
from desktop.sync.export import HoldReason, export_bundle
from desktop.sync.importer import import_bundle
from desktop.workflow.attachments import attach_file, stored_path
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, count, send
from tests.sync_pair import Pair


def _attach(room: Database, topic_id: str, name: str, size: int, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(name.encode() + bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    with room.session() as session:
        row = attach_file(session, room.home, path, record_table="topic", record_id=topic_id)
        session.flush()
        return row.id


def _limits(db: Database, *, attachment: int, bundle: int) -> None:
    with db.session() as session:
        settings.put(session, settings.SYNC_ATTACHMENT_BYTES, attachment)
        settings.put(session, settings.SYNC_BUNDLE_BYTES, bundle)


def _acked_through(room: Database) -> int:
    with room.session() as session:
        peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
        return peer.acked_through


def _ids(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(Attachment.id)))


def test_settings_declared_with_defaults_and_refuse_nonsense(district: Database) -> None:
    assert settings.SYNC_ATTACHMENT_BYTES.default == 50 << 20
    assert settings.SYNC_BUNDLE_BYTES.default == 500 << 20
    with district.session() as session:
        with pytest.raises(ValueError):
            settings.put(session, settings.SYNC_ATTACHMENT_BYTES, 0)
        with pytest.raises(ValueError):
            settings.put(session, settings.SYNC_BUNDLE_BYTES, True)
        assert settings.get(session, settings.SYNC_BUNDLE_BYTES) == 500 << 20


def test_an_oversize_attachment_is_held_back_and_the_rest_syncs(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    _limits(room, attachment=2_000, bundle=100_000)
    (tmp_path / "usb").mkdir()
    topic = add_topic(room, "路灯不亮")
    small = _attach(room, topic, "现场.jpg", 500, tmp_path / "files")
    huge = _attach(room, topic, "录像.mp4", 5_000, tmp_path / "files")

    exported = export_bundle(room, to_dir=tmp_path / "usb")
    assert [(h.attachment_id, h.reason) for h in exported.held_back] == [
        (huge, HoldReason.TOO_LARGE)
    ]
    assert "录像.mp4" in exported.held_back[0].message
    assert "超过单个附件的同步上限" in exported.held_back[0].message
    import_bundle(district, exported.path)
    assert count(district, Topic) == 1
    assert _ids(district) == {small}
    with room.session() as session:
        huge_hash = session.get(Attachment, huge).sha256  # type: ignore[union-attr]
    assert not stored_path(district.home, huge_hash).exists()
    # Neither the row nor its file arrived: the district stays consistent.
    assert run_checks(district) == []

    # The district's answer acknowledges what it holds: the digest leaves the held-back
    # attachment out, so the acknowledgement matches and the next bundle is not a full one.
    send(district, room, tmp_path / "usb", room="R0001")
    assert _acked_through(room) > 0
    add_topic(room, "垃圾清运")
    again = export_bundle(room, to_dir=tmp_path / "usb")
    assert [h.attachment_id for h in again.held_back] == [huge]
    assert again.counts.get("topic") == 1 and not again.full
    import_bundle(district, again.path)
    assert count(district, Topic) == 2 and run_checks(district) == []

    # Raised above its size, it travels in the next incremental bundle, offered again.
    send(district, room, tmp_path / "usb", room="R0001")
    _limits(room, attachment=10_000, bundle=100_000)
    later = export_bundle(room, to_dir=tmp_path / "usb")
    assert later.held_back == () and later.counts.get("attachment") == 1
    import_bundle(district, later.path)
    assert _ids(district) == {small, huge}
    assert stored_path(district.home, huge_hash).exists()
    assert run_checks(district) == []
    send(district, room, tmp_path / "usb", room="R0001")
    assert _acked_through(room) > 0


def test_what_does_not_fit_the_bundle_goes_in_the_next(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    _limits(room, attachment=1_000, bundle=1_500)
    (tmp_path / "usb").mkdir()
    topic = add_topic(room, "路灯不亮")
    ids = [_attach(room, topic, f"照片{n}.jpg", 600, tmp_path / "files") for n in range(3)]

    first = export_bundle(room, to_dir=tmp_path / "usb")
    assert [h.reason for h in first.held_back] == [HoldReason.BUNDLE_FULL]
    assert "下一个数据包" in first.held_back[0].message
    import_bundle(district, first.path)
    assert len(_ids(district)) == 2 and run_checks(district) == []
    send(district, room, tmp_path / "usb", room="R0001")
    assert _acked_through(room) > 0

    second = export_bundle(room, to_dir=tmp_path / "usb")
    assert second.held_back == () and not second.full
    import_bundle(district, second.path)
    assert _ids(district) == set(ids) and run_checks(district) == []
    send(district, room, tmp_path / "usb", room="R0001")
    assert _acked_through(room) > 0


def test_the_cli_names_the_held_back_attachment(
    district: Database, enrol: EnrolRoom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = enrol("和平桥社区")
    _limits(room, attachment=1_000, bundle=100_000)
    topic = add_topic(room, "路灯不亮")
    _attach(room, topic, "大文件.pdf", 4_000, tmp_path / "files")
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["--home", str(room.home.root), "export", "--to", str(usb)]) == 0
    out = capsys.readouterr().out
    assert "附件“大文件.pdf”" in out and "其余记录已正常导出" in out


# The offscreen platform's notice, ignored as tests/views/conftest.py ignores it.
@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_sync_page_names_the_held_back_attachment(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.views.sync.page import Folder, SyncPage

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(SyncPage, "folders", lambda self: [Folder("U盘", usb)])
    _limits(pair.room, attachment=1_000, bundle=100_000)
    topic = add_topic(pair.room, "路灯不亮")
    _attach(pair.room, topic, "大文件.pdf", 4_000, tmp_path / "files")
    page = SyncPage(pair.room)
    qtbot.addWidget(page)
    page.resize(1140, 700)
    page.show()
    assert page.export(full=False) is not None
    assert page.export_result.isVisible()
    assert page.export_message.isVisible()
    assert "附件“大文件.pdf”" in page.export_message.text()
