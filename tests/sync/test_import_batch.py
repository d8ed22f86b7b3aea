"""Files imported together (one `yishi import`, one choice on the sync page) share the backup
taken before the first of them that passes its checks; a file imported on its own still gets
its own. A backup copies and checks the whole database: on a ten-year district each one is
tens of seconds, so one per file of a USB stick would cost a district clerk many minutes."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

from desktop.backups import list_backups
from desktop.cli_sync import import_bundles
from desktop.db import Database
from desktop.models import Topic
from desktop.sync.export import export_bundle
from desktop.views.sync.workers import import_work
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, count, send

pytestmark = pytest.mark.sqlite_only  # backups are of the SQLite file


def _bundles(enrol: EnrolRoom, usb: Path) -> list[Path]:
    """Two rooms' first bundles, each with one new topic."""
    usb.mkdir(exist_ok=True)
    paths = []
    for village, title in (("和平桥社区", "路灯不亮"), ("永兴社区", "垃圾分类点太远")):
        room = enrol(village)
        add_topic(room, title)
        paths.append(export_bundle(room, to_dir=usb).path)
    return paths


def _import_backups(db: Database) -> list[Path]:
    return [backup.path for backup in list_backups(db.home) if backup.reason == "import"]


def _topics_in(backup: Path) -> int:
    with sqlite3.connect(backup) as copy:
        return int(copy.execute("SELECT count(*) FROM topic").fetchone()[0])


def test_the_files_of_one_import_command_share_one_backup_made_before_them(
    district: Database, enrol: EnrolRoom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundles = _bundles(enrol, tmp_path / "usb")
    damaged = tmp_path / "usb" / "damaged.yishi"
    damaged.write_bytes(b"\xff" * 100)
    files = [str(damaged), *map(str, bundles)]
    args = argparse.Namespace(files=files, escrow_key=None, json=True)

    assert import_bundles(args, district.home) == 2  # the damaged file is refused
    assert "imported" in capsys.readouterr().out
    assert count(district, Topic) == 2
    [backup] = _import_backups(district)
    assert _topics_in(backup) == 0  # the district as it was before the first bundle


def test_the_files_chosen_together_on_the_sync_page_share_one_backup(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    bundles = _bundles(enrol, tmp_path / "usb")
    outcomes = import_work(district, bundles)(lambda *_: None, lambda: False)

    results = [outcome.result for outcome in outcomes]
    assert all(result is not None for result in results)
    [backup] = _import_backups(district)
    assert {result.backup for result in results if result is not None} == {backup}
    assert _topics_in(backup) == 0 and count(district, Topic) == 2


def test_a_batch_of_refused_files_leaves_no_backup(district: Database, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.yishi"
    damaged.write_bytes(b"\xff" * 100)
    outcomes = import_work(district, [damaged, damaged])(lambda *_: None, lambda: False)
    assert all(outcome.refusal for outcome in outcomes)
    assert _import_backups(district) == []


def test_a_file_imported_on_its_own_gets_its_own_backup(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    first, second = (enrol(village) for village in ("和平桥社区", "永兴社区"))
    add_topic(first, "路灯不亮")
    add_topic(second, "垃圾分类点太远")
    send(first, district, tmp_path / "usb")
    send(second, district, tmp_path / "usb")
    backups = sorted(_import_backups(district), key=_topics_in)
    assert [_topics_in(backup) for backup in backups] == [0, 1]
