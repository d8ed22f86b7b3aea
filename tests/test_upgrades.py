"""Installing a newer Yishi over an older one, and back: two real package versions.

No pip: the checkout's `desktop` package is copied twice into a temporary folder, once as it
is (the old version) and once with one more Alembic migration and a higher `__version__` (the
new version). Each runs as its own `python -m desktop` process with PYTHONPATH pointing at its
copy, from a working folder that holds neither, so the checkout never leaks in.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

import desktop
from desktop.db import head_revision

REPO = Path(__file__).resolve().parents[1]
NEW_VERSION = f"{desktop.__version__}.post1"
NEW_REVISION = "9000_upgrade_probe"
NEW_TABLE = "upgrade_probe"

# The next release's migration: down_revision is today's head, as a real one would be.
MIGRATION = '''"""upgrade probe: a table and a nullable column, as a next release might add

Revision ID: {revision}
Revises: {down}
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "{revision}"
down_revision: str | None = "{down}"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("{table}", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("installation") as batch:
        batch.add_column(sa.Column("upgrade_probe_note", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("installation") as batch:
        batch.drop_column("upgrade_probe_note")
    op.drop_table("{table}")
'''


@dataclass(frozen=True)
class Version:
    """One installed copy of Yishi: the folder PYTHONPATH points at."""

    root: Path
    version: str

    def run(self, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(self.root)
        env.pop("PYTHONSAFEPATH", None)
        return subprocess.run(
            [sys.executable, "-m", "desktop", "--home", str(home), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            # `-m` puts the working folder first on sys.path: never the checkout.
            cwd=self.root.parent,
            timeout=120,
        )


def _install(root: Path, *, newer: bool) -> Version:
    """A copy of the checkout's package (with its resources) under `root`."""
    package = root / "desktop"
    shutil.copytree(
        REPO / "desktop", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    # Found as `desktop.resources`, as in a wheel; linked, not copied (40 MB of fonts).
    try:
        (package / "resources").symlink_to(REPO / "resources", target_is_directory=True)
    except OSError:
        shutil.copytree(REPO / "resources", package / "resources")
    version = desktop.__version__
    if newer:
        version = NEW_VERSION
        init = package / "__init__.py"
        text, count = re.subn(
            r'^__version__ = ".*"$',
            f'__version__ = "{version}"',
            init.read_text("utf-8"),
            flags=re.M,
        )
        assert count == 1, "desktop/__init__.py has no __version__ line to bump"
        init.write_text(text, encoding="utf-8")
        (package / "migrations" / "versions" / f"{NEW_REVISION}.py").write_text(
            MIGRATION.format(revision=NEW_REVISION, down=head_revision(), table=NEW_TABLE),
            encoding="utf-8",
        )
    return Version(root, version)


def _read_only(database: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True))


def _revision(database: Path) -> str:
    with _read_only(database) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _counts(database: Path) -> dict[str, int]:
    """Rows in every table (the search index's too) but the schema version's."""
    with _read_only(database) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def _demo_year(database: Path) -> int:
    with _read_only(database) as connection:
        return int(
            connection.execute("SELECT max(substr(held_on, 1, 4)) FROM meeting").fetchone()[0]
        )


@pytest.mark.slow
def test_newer_version_migrates_with_a_backup_and_the_older_one_refuses(tmp_path: Path) -> None:
    old = _install(tmp_path / "yishi-old", newer=False)
    new = _install(tmp_path / "yishi-new", newer=True)
    assert _ok(old.run(tmp_path, "--version")).strip() == f"yishi {old.version}"
    assert _ok(new.run(tmp_path, "--version")).strip() == f"yishi {new.version}"

    home = tmp_path / "张三 的 文档" / "议事 数据"
    database = home / "yishi.sqlite"
    backups = home / "backups"

    # The old version in use: a room with a year of records.
    room = ["--name", "和平桥社区协商议事室", "--village", "和平桥社区", "--township", "和平桥街道"]
    _ok(old.run(home, "setup", "room", *room))
    _ok(old.run(home, "demo", "--years", "1"))
    old_head = _revision(database)
    assert old_head == head_revision()
    counts = _counts(database)
    assert counts["meeting"] > 0 and counts["attendance"] > 0
    year = str(_demo_year(database))
    figures = json.loads(_ok(old.run(home, "stats", "--year", year, "--json")))
    assert not list(backups.glob("*.sqlite"))

    # The newer version installed over it: its first command migrates, after a backup.
    _ok(new.run(home, "check"))
    assert _revision(database) == NEW_REVISION
    after = _counts(database)
    assert after.pop(NEW_TABLE) == 0
    assert after == counts, "a record count changed in the upgrade"
    (backup,) = backups.glob("*-migration.sqlite")
    assert _revision(backup) == old_head
    assert _counts(backup) == counts
    assert json.loads(_ok(new.run(home, "stats", "--year", year, "--json"))) == figures

    # The older version again: refused with what to do, and the file left as it was.
    before = database.read_bytes()
    refused = old.run(home, "check")
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr and refused.stdout == ""
    message = refused.stderr.strip()
    assert message.startswith("错误：此数据库由更新版本的议事写入"), message
    for needed in (
        NEW_REVISION,
        f"本机的议事 {old.version}",
        "数据没有改动",
        "安装新版本的议事",
        str(database),
    ):
        assert needed in message, (needed, message)
    assert database.read_bytes() == before

    smoke = old.run(home, "--smoke")
    assert smoke.returncode != 0
    assert "Traceback" not in smoke.stderr, smoke.stderr
    assert "更新版本的议事" in smoke.stderr and "安装新版本的议事" in smoke.stderr, smoke.stderr
    assert database.read_bytes() == before
    # Nothing written beside it either: no migration backup from the refused opens.
    assert [path.name for path in backups.glob("*.sqlite")] == [backup.name]
