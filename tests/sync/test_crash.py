"""An import killed mid-transaction (kill -9) or failing late leaves nothing behind."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.db import Database, open_database
from desktop.models import SyncBundle, Topic
from desktop.sync.export import export_bundle
from desktop.sync.importer import import_bundle
from tests.sync.conftest import EnrolRoom
from tests.sync.helpers import add_topic, count

KILL_MID_IMPORT = """
import os, sys
from pathlib import Path
from desktop.db import open_database
from desktop.paths import Home
from desktop.sync import importer

def die(*args, **kwargs):
    # Rows are flushed into the open transaction by now; die before the commit.
    os.kill(os.getpid(), 9)

importer._apply_ack = die
db = open_database(Home(Path(sys.argv[1])))
importer.import_bundle(db, Path(sys.argv[2]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_during_import_writes_nothing(
    district: Database, enrol: EnrolRoom, tmp_path: Path
) -> None:
    room = enrol("和平桥社区")
    for n in range(20):
        add_topic(room, f"议题{n}")
    bundle = export_bundle(room, to_dir=tmp_path).path
    home = district.home
    district.close()
    result = subprocess.run(
        [sys.executable, "-c", KILL_MID_IMPORT, str(home.root), str(bundle)],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    db = open_database(home)
    try:
        assert count(db, Topic) == 0 and count(db, SyncBundle, direction="in") == 0
        assert import_bundle(db, bundle).tables["topic"].added == 20
    finally:
        db.close()


def test_a_late_failure_rolls_everything_back(
    district: Database, enrol: EnrolRoom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = enrol("和平桥社区")
    add_topic(room, "一")
    bundle = export_bundle(room, to_dir=tmp_path).path

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.sync.importer._apply_ack", disk_full)
    with pytest.raises(OSError):
        import_bundle(district, bundle)
    assert count(district, Topic) == 0 and count(district, SyncBundle, direction="in") == 0
    monkeypatch.undo()
    assert import_bundle(district, bundle).tables["topic"].added == 1
