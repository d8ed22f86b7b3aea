"""`import --escrow-key`: a lost key must not mean lost data, and a wrong escrow file is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyrage
import pytest

from desktop.db import Database
from desktop.models import Topic
from desktop.sync import SyncError
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from desktop.sync.keys import AGE_FILE
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, count


@pytest.fixture
def bundle(enrol: EnrolRoom, tmp_path: Path) -> Path:
    room = enrol("和平桥社区")
    add_topic(room, "路灯不亮")
    (tmp_path / "usb").mkdir()
    return export_bundle(room, to_dir=tmp_path / "usb").path


@pytest.fixture
def escrow_file(tmp_path: Path) -> Path:
    return tmp_path / "escrow.txt"  # where the district fixture had setup write it


def _nothing_written(district: Database) -> None:
    assert count(district, Topic) == 0
    assert list(district.home.backups.glob("*.sqlite")) == []


def test_with_its_keys_gone_the_district_imports_with_the_escrow_key(
    district: Database, bundle: Path, escrow_file: Path
) -> None:
    shutil.rmtree(district.home.keys)
    with pytest.raises(SyncError, match="没有同步密钥"):
        import_bundle(district, bundle)
    _nothing_written(district)

    result = import_bundle(district, bundle, escrow_key=escrow_file)

    assert result.tables["topic"].added == 1 and not result.already_imported
    assert count(district, Topic, title="路灯不亮") == 1
    # The same bundle again is still recognised, whichever key opened it.
    assert import_bundle(district, bundle, escrow_key=escrow_file).already_imported


def test_with_a_wrong_own_key_the_escrow_key_still_opens_the_bundle(
    district: Database, bundle: Path, escrow_file: Path
) -> None:
    (district.home.keys / AGE_FILE).write_text(str(pyrage.x25519.Identity.generate()) + "\n")
    with pytest.raises(SyncError, match="不是发给本单位的"):
        import_bundle(district, bundle)

    assert import_bundle(district, bundle, escrow_key=escrow_file).tables["topic"].added == 1


def test_a_room_can_use_the_escrow_key_too(
    district: Database, enrol: EnrolRoom, tmp_path: Path, escrow_file: Path
) -> None:
    room = enrol("城东社区")
    add_topic(room, "停车难")
    import_bundle(district, export_bundle(room, to_dir=tmp_path).path)
    back = export_bundle(district, to_dir=tmp_path, room="R0001").path
    shutil.rmtree(room.home.keys)

    result = import_bundle(room, back, escrow_key=escrow_file)
    assert not result.already_imported and result.origin == district.installation().node_id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "不是本区的托管密钥"),  # a real age key, but not this district's escrow key
        (b"AGE-SECRET-KEY-1NOTAKEY\n", "托管密钥文件格式不正确"),
        (b"\xff\xfe binary", "无法读取托管密钥文件"),
    ],
)
def test_a_wrong_escrow_file_is_refused_with_a_clear_message(
    district: Database, bundle: Path, tmp_path: Path, content: bytes | None, words: str
) -> None:
    wrong = tmp_path / "wrong-escrow.txt"
    wrong.write_bytes(
        content if content is not None else str(pyrage.x25519.Identity.generate()).encode()
    )
    with pytest.raises(SyncError, match=words):
        import_bundle(district, bundle, escrow_key=wrong)
    _nothing_written(district)


def test_a_missing_escrow_file_is_named(district: Database, bundle: Path, tmp_path: Path) -> None:
    missing = tmp_path / "stick" / "escrow.txt"
    with pytest.raises(SyncError, match="无法读取托管密钥文件") as refused:
        import_bundle(district, bundle, escrow_key=missing)
    assert str(missing) in str(refused.value)
    _nothing_written(district)
