"""Backups of the database a user asks for, and the list of all backups in the home folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop import clock
from desktop.db import Database, backup_sqlite
from desktop.paths import Home


@dataclass(frozen=True)
class BackupFile:
    """One backup file: where it is, when it was written (local time) and its size."""

    path: Path
    written_at: datetime
    size: int


def list_backups(home: Home) -> list[BackupFile]:
    """Every SQLite backup in home.backups, newest first (made by hand or before a migration)."""
    if not home.backups.is_dir():
        return []
    files = []
    for path in home.backups.glob("*.sqlite"):
        stat = path.stat()
        files.append(
            BackupFile(
                path=path, written_at=datetime.fromtimestamp(stat.st_mtime), size=stat.st_size
            )
        )
    return sorted(files, key=lambda f: (f.written_at, f.path.name), reverse=True)


def backup_now(db: Database, *, now: datetime | None = None) -> Path:
    """A consistent copy of the open database into home.backups, named by the time it was made."""
    stamp = (now or clock.now()).strftime("%Y%m%d-%H%M%S")
    folder = db.home.backups
    target = folder / f"yishi-{stamp}.sqlite"
    # Two backups in the same second must not overwrite each other.
    counter = 2
    while target.exists():
        target = folder / f"yishi-{stamp}-{counter}.sqlite"
        counter += 1
    return backup_sqlite(db.home.database, target)
