"""An import's memory follows its largest member, not the bundle: a village PC has little.

The import runs in a child process that resets its peak resident size (Linux's
/proc/self/clear_refs) just before `import_bundle` and reports how far the peak rose. What
any import costs (modules loaded on first use, SQLite's cache) is measured in the same run
by importing a tiny bundle first, and only the rise above it is held to the limits. The
bundles come from a dishonest room (tests.sync.dishonest), which writes them directly, so
tens of thousands of rows cost no workflow time. Before streaming, a 40 MB attachment raised
the peak by 213 MB and 40,000 small rows (an 18 MB member) by 137 MB.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.db import Database
from desktop.models import Attachment, Topic
from desktop.sync import strictjson
from tests.sync.conftest import EnrolRoom
from tests.sync.dishonest import DishonestRoom, forged_row
from tests.sync.helpers import add_topic, count

MB = 1 << 20

_CHILD = """
import json, sys
from pathlib import Path
from desktop.db import open_database
from desktop.paths import Home
from desktop.sync.importer import import_bundle

def status(key):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(key):
                return int(line.split()[1]) * 1024

db = open_database(Home(Path(sys.argv[1])))
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")  # the peak resident size starts again from here
base = status("VmRSS")
result = import_bundle(db, Path(sys.argv[2]))
growth = status("VmHWM") - base
print(json.dumps({"growth": growth, "added": {t: c.added for t, c in result.tables.items()}}))
"""


def _measurable() -> bool:
    return sys.platform == "linux" and os.access("/proc/self/clear_refs", os.W_OK)


pytestmark = pytest.mark.skipif(not _measurable(), reason="peak memory is read from Linux /proc")


def _import_in_child(district: Database, bundle: Path) -> tuple[int, dict[str, int]]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(district.home.root), str(bundle)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    return report["growth"], report["added"]


def _baseline(district: Database, liar: DishonestRoom) -> int:
    """The peak's rise for the room's honest bundle: what every import costs, whatever its size."""
    growth, _ = _import_in_child(district, liar.write())
    return growth


@pytest.fixture
def liar(district: Database, enrol: EnrolRoom, tmp_path: Path) -> DishonestRoom:
    return DishonestRoom(enrol("和平桥社区"), district, tmp_path / "forged")


def test_a_big_attachment_is_streamed_not_held(district: Database, liar: DishonestRoom) -> None:
    topic = add_topic(liar.db, "老旧小区加装电梯")
    scan = os.urandom(40 * MB)  # random: the ZIP cannot shrink it
    digest = hashlib.sha256(scan).hexdigest()
    attachment = forged_row(
        "attachment",
        liar.node,
        sha256=digest,
        size=len(scan),
        record_table="topic",
        record_id=topic,
        file_name="加装电梯意见汇总.pdf",
        media_type="application/pdf",
    )
    bundle = liar.write({"attachment": [attachment]}, blobs={digest: scan})
    del scan
    base = _baseline(district, liar)

    growth, added = _import_in_child(district, bundle)
    growth -= base

    print(f"import of a 40 MB attachment: peak memory +{growth / MB:.1f} MB above a tiny import")
    assert added["attachment"] == 1 and count(district, Attachment) == 1
    stored = district.home.attachments / digest[:2] / digest
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest
    # Not even one copy of the attachment in memory (it was five).
    assert growth < 40 * MB / 4, f"{growth / MB:.1f} MB for a 40 MB attachment"


def test_many_rows_cost_a_small_multiple_of_their_member(
    district: Database, liar: DishonestRoom
) -> None:
    rows = [
        forged_row(
            "topic",
            liar.node,
            room_id=liar.room_id,
            title=f"村民议题{number}",
            description="村民反映道路积水，希望修缮排水沟。",
        )
        for number in range(20_000)
    ]
    member = sum(len(strictjson.dumps(row)) + 1 for row in rows)
    bundle = liar.write({"topic": rows})
    del rows
    base = _baseline(district, liar)

    growth, added = _import_in_child(district, bundle)
    growth -= base

    print(f"import of 20,000 rows ({member / MB:.1f} MB member): +{growth / MB:.1f} MB above base")
    assert added["topic"] == 20_000 and count(district, Topic) == 20_000
    assert member > 8 * MB
    assert growth < 3 * member, f"{growth / MB:.1f} MB for a {member / MB:.1f} MB member"
