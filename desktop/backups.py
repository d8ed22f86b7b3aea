"""Backups of the database and restoring one: nothing a village PC holds is lost.

A backup is made through SQLite's online backup API into `<name>.part`, checked there
(integrity, a schema revision this Yishi knows), flushed and renamed (`db.backup_sqlite`),
so it exists whole or not at all. Its reason is in its name:
`yishi-20261204-093000-import.sqlite`; older names (`yishi-YYYYmmdd-HHMMSS[-N].sqlite`) read
as made by hand, `…-before-<rev>.sqlite` as made before a migration.

Automatic backups (daily, before an import, a migration or a restore) are skipped when the
database holds what the newest backup holds, and rotated afterwards; one made by hand is
always made and always kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desktop import clock, settings
from desktop.db import (
    Database,
    DatabaseDamagedError,
    DatabaseError,
    backup_sqlite,
    backup_target,
    copy_problem,
    head_revision,
    migrate,
    open_database,
    verify_copy,
)
from desktop.errors import UserError, os_reason
from desktop.files import atomic_path
from desktop.paths import Home
from desktop.sent_marks import lift_after_restore

REASONS = ("daily", "manual", "import", "migration", "restore")
AUTOMATIC = frozenset(REASONS) - {"manual"}
REASON_LABELS = {
    "daily": "每日",
    "manual": "手动",
    "import": "导入前",
    "migration": "升级前",
    "restore": "恢复前",
}
SQLITE_HEADER = b"SQLite format 3\x00"

_NAME = re.compile(
    r"yishi-(?P<stamp>\d{8}-\d{6})(?:-(?P<reason>daily|manual|import|migration|restore))?"
    r"(?:-(?P<counter>\d+))?\.sqlite"
)
_OLD_MIGRATION = re.compile(r"yishi-(?P<stamp>\d{8}-\d{6})-before-.+\.sqlite")

# Rotation of automatic backups (see backups_to_remove).
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
KEEP_LAST = {"import": 10, "restore": 5, "migration": 5}


class RestoreError(UserError):
    """A backup that cannot be restored; the message names the problem."""


@dataclass(frozen=True)
class BackupFile:
    """One backup file: where it is, when it was made (local time), its size and why."""

    path: Path
    written_at: datetime
    size: int
    reason: str = "manual"

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


@dataclass(frozen=True)
class BackupOutcome:
    """What a backup request did. `path` holds the current state either way: the new file,
    or (skipped) the newest backup, which holds the same. `warning` names a second folder
    that could not take its copy; the backup itself is fine then."""

    path: Path | None
    made: bool
    warning: str | None = None
    removed: tuple[Path, ...] = field(default_factory=tuple)


def _parse_name(path: Path) -> tuple[datetime, str] | None:
    if found := _NAME.fullmatch(path.name):
        reason = found["reason"] or "manual"
    elif found := _OLD_MIGRATION.fullmatch(path.name):
        reason = "migration"
    else:
        return None
    try:
        return datetime.strptime(found["stamp"], "%Y%m%d-%H%M%S"), reason
    except ValueError:
        return None


def list_backups(home: Home) -> list[BackupFile]:
    """Every SQLite backup in home.backups, newest first. `.part` files (a backup cut short)
    end in `.part`, so the glob never lists them."""
    if not home.backups.is_dir():
        return []
    files = []
    for path in home.backups.glob("*.sqlite"):
        try:
            stat = path.stat()
        except OSError:
            continue  # removed while listing
        parsed = _parse_name(path)
        written_at, reason = parsed or (datetime.fromtimestamp(stat.st_mtime), "manual")
        files.append(BackupFile(path=path, written_at=written_at, size=stat.st_size, reason=reason))
    return sorted(files, key=_order, reverse=True)


def newest_sound_backup(home: Home) -> BackupFile | None:
    """The newest backup whose file passes the header checks and quick_check: the one to
    offer when the database itself is damaged."""
    try:
        return next((b for b in list_backups(home) if copy_problem(b.path) is None), None)
    except OSError:
        return None


def _order(backup: BackupFile) -> tuple[datetime, int, str]:
    """Oldest first: by time, then the number a second backup in the same second got."""
    found = _NAME.fullmatch(backup.path.name)
    counter = int(found["counter"]) if found and found["counter"] else 1
    return backup.written_at, counter, backup.path.name


# The fingerprint ---------------------------------------------------------------------------
#
# Sound because every write reaches one of these: a flush that inserts, edits or tombstones
# a synced row (and every import) bumps installation.change_counter in the stamping hook;
# audit_entry and sync_bundle are only ever appended to (count and highest id); setting,
# sync_peer and sync_digest are a few rows each and are hashed whole; a quarantined record
# changes only in its resolution after it is added; the alembic revision covers migrations.
# Attachments' bytes live outside the database (content-addressed files), not in a backup.
_FINGERPRINT_QUERIES = (
    "SELECT version_num FROM alembic_version",
    "SELECT * FROM installation",
    "SELECT count(*), max(id) FROM audit_entry",
    "SELECT count(*), max(id) FROM sync_bundle",
    "SELECT * FROM setting ORDER BY key",
    "SELECT * FROM sync_peer ORDER BY node_id",
    "SELECT * FROM sync_digest ORDER BY node_id",
    "SELECT id, resolution, resolved_at, resolved_by FROM quarantined_record ORDER BY id",
)


def _fingerprint(connection: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    for query in _FINGERPRINT_QUERIES:
        try:
            rows = connection.execute(query).fetchall()
        except sqlite3.OperationalError:
            rows = [("missing",)]  # an older schema without the table
        digest.update(repr(rows).encode("utf-8") + b"\n")
    return digest.hexdigest()


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes beside the file: a backup is a finished file that
    nothing else writes, so `immutable` (no locks, no -shm) is true of it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def fingerprint_of(path: Path, *, live: bool = False) -> str | None:
    """The fingerprint of a database file; None when it cannot be read."""
    try:
        connection = sqlite3.connect(path) if live else _read_only(path)
    except sqlite3.Error:
        return None
    try:
        return _fingerprint(connection)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _unchanged_since(db: Database, newest: BackupFile | None) -> bool:
    if newest is None:
        return False
    current = fingerprint_of(db.home.database, live=True)
    return current is not None and current == fingerprint_of(newest.path)


# Making backups ----------------------------------------------------------------------------
def on_server(db: Database) -> bool:
    """Whether the records live on a database server (a district on PostgreSQL) rather than
    in the home's SQLite file: the server is backed up by its administrator with the
    server's own tools, and Yishi copies nothing of it (an old SQLite file left beside the
    keys after `yishi migrate-db` is not the district's data any more)."""
    return db.engine.dialect.name != "sqlite"


def server_backups_message(db: Database) -> str:
    from desktop.db import server_label

    return (
        f"数据库在服务器 {server_label(db.engine.url)} 上，由服务器管理员用数据库自己的工具"
        "（如 pg_dump）备份和恢复；议事不在本机另做备份"
    )


def take_backup(db: Database, reason: str, *, now: datetime | None = None) -> BackupOutcome:
    """A verified backup for `reason`; an automatic one is skipped when nothing changed
    since the newest backup, and is followed by rotation. Raises what the disk refused.

    On a database server an automatic backup is skipped and one asked for is refused
    (UserError): see `on_server`."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason: {reason}")
    if on_server(db):
        if reason in AUTOMATIC:
            return BackupOutcome(path=None, made=False)
        raise UserError(server_backups_message(db))
    home = db.home
    existing = list_backups(home)
    if reason in AUTOMATIC and _unchanged_since(db, existing[0] if existing else None):
        return BackupOutcome(path=existing[0].path, made=False)
    home.backups.mkdir(parents=True, exist_ok=True)
    target = backup_sqlite(home.database, backup_target(home.backups, now or clock.now(), reason))
    warning = copy_to_second_folder(db, target)
    removed: tuple[Path, ...] = ()
    if reason in AUTOMATIC:
        removed = rotate(home)
    return BackupOutcome(path=target, made=True, warning=warning, removed=removed)


def backup_now(db: Database, *, now: datetime | None = None) -> Path:
    """A backup made by hand: always made, never rotated away."""
    path = take_backup(db, "manual", now=now).path
    assert path is not None
    return path


def daily_backup(db: Database, *, now: datetime | None = None) -> BackupOutcome:
    """The day's backup, for the start of the program: one a day, none when nothing changed."""
    when = now or clock.now()
    existing = list_backups(db.home)
    if db.installation() is None:
        return BackupOutcome(path=None, made=False)  # nothing to keep yet
    for backup in existing:
        if backup.reason == "daily" and backup.written_at.date() == when.date():
            return BackupOutcome(path=backup.path, made=False)
    return take_backup(db, "daily", now=when)


def second_folder(db: Database) -> Path | None:
    with db.session() as session:
        text = settings.get(session, settings.BACKUP_SECOND_FOLDER).strip()
    return Path(text) if text else None


def second_folder_reachable(folder: Path) -> bool:
    """Whether a copy could be written there now (a USB stick plugged in, not read-only)."""
    try:
        return folder.is_dir() and os.access(folder, os.W_OK)
    except OSError:
        return False


def copy_to_second_folder(db: Database, backup: Path) -> str | None:
    """Copy a new backup to the second folder (a USB stick), atomically; the problem in
    Chinese when the folder is missing, read-only or full, None when copied or unset."""
    try:
        folder = second_folder(db)
    except Exception:  # an unreadable setting must not fail the backup that already exists
        return "无法读取第二备份文件夹的设置，本次备份只保存在本机"
    if folder is None:
        return None
    if not folder.is_dir():
        return f"第二备份文件夹不存在（U 盘未插入？）：{folder}，本次备份只保存在本机"
    try:
        with atomic_path(folder / backup.name) as part:
            shutil.copyfile(backup, part)
    except OSError as exc:
        return f"未能复制到第二备份文件夹（{os_reason(exc)}）：{folder}，本次备份只保存在本机"
    return None


# Rotation ----------------------------------------------------------------------------------
def backups_to_remove(files: Sequence[BackupFile]) -> list[BackupFile]:
    """Which backups rotation removes: daily ones beyond the newest of each of the last 7
    days, 4 ISO weeks and 12 months; import ones beyond the last 10; restore and migration
    ones beyond the last 5 each. Made by hand: all kept. The newest backup: always kept."""
    ordered = sorted(files, key=_order, reverse=True)
    keep: set[Path] = {ordered[0].path} if ordered else set()
    daily = [f for f in ordered if f.reason == "daily"]

    def newest_per(bucket: Callable[[datetime], Hashable], count: int) -> None:
        seen: set[Hashable] = set()
        for backup in daily:
            key = bucket(backup.written_at)
            if key in seen:
                continue
            if len(seen) == count:
                return
            seen.add(key)
            keep.add(backup.path)

    newest_per(lambda at: at.date(), KEEP_DAYS)
    newest_per(lambda at: at.isocalendar()[:2], KEEP_WEEKS)
    newest_per(lambda at: (at.year, at.month), KEEP_MONTHS)
    for reason, count in KEEP_LAST.items():
        keep.update(f.path for f in [f for f in ordered if f.reason == reason][:count])
    keep.update(f.path for f in ordered if f.reason not in AUTOMATIC)
    return [f for f in ordered if f.path not in keep]


def rotate(home: Home) -> tuple[Path, ...]:
    """Remove what backups_to_remove names; a file that will not go is left for next time."""
    removed = []
    for backup in backups_to_remove(list_backups(home)):
        with contextlib.suppress(OSError):
            backup.path.unlink()
            removed.append(backup.path)
    return tuple(removed)


# Restoring ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds: when it was made, its schema and whose it is."""

    path: Path
    created: datetime
    revision: str
    node_id: str | None
    change_counter: int


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: Path | None  # the state before the restore ("restore" backup)
    migrated: bool
    warning: str | None = None


def _created(path: Path) -> datetime:
    parsed = _parse_name(path)
    if parsed is not None:
        return parsed[0]
    return datetime.fromtimestamp(path.stat().st_mtime)


@contextlib.contextmanager
def _staged(path: Path) -> Iterator[tuple[Path, BackupInfo]]:
    """A private copy of the backup, checked: what is verified is exactly what is restored,
    even if the file on a USB stick changes or goes away meanwhile."""
    if not path.exists():
        raise RestoreError(f"备份文件不存在：{path}")
    if path.is_dir():
        raise RestoreError(f"这是一个文件夹，不是备份文件：{path}")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        created = _created(path)
    except OSError as exc:
        raise RestoreError(f"无法读取备份文件（{os_reason(exc)}）：{path}") from exc
    if header != SQLITE_HEADER:
        raise RestoreError(f"不是议事备份文件（不是 SQLite 数据库）：{path}")
    with tempfile.TemporaryDirectory(prefix="yishi-restore-") as folder:
        staged = Path(folder) / "restore.sqlite"
        try:
            shutil.copyfile(path, staged)
        except OSError as exc:
            raise RestoreError(f"无法复制备份文件（{os_reason(exc)}）：{path}") from exc
        connection = sqlite3.connect(staged)
        try:
            problem = verify_copy(connection)
            if problem is not None:
                raise RestoreError(f"备份文件不能用于恢复，{problem}：{path}")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            try:
                row = connection.execute(
                    "SELECT node_id, change_counter FROM installation WHERE id = 1"
                ).fetchone()
            except sqlite3.Error:
                row = None
        finally:
            connection.close()
        info = BackupInfo(
            path=path,
            created=created,
            revision=revision,
            node_id=row[0] if row else None,
            change_counter=row[1] if row else 0,
        )
        yield staged, info


def inspect_backup(path: Path) -> BackupInfo:
    """Check a backup as a restore would, without restoring; RestoreError names the problem."""
    with _staged(path) as (_staged_path, info):
        return info


def changes_since(db: Database, info: BackupInfo) -> int | None:
    """How many saved changes a restore of `info` undoes (flushes counted by the change
    counter), or None when the two counters cannot be compared."""
    installation = db.installation()
    if installation is None or installation.node_id != info.node_id:
        return None
    return max(installation.change_counter - info.change_counter, 0)


def _refuse_foreign(db: Database, info: BackupInfo) -> None:
    installation = db.installation()
    if installation is None:
        return  # nothing here to protect: any Yishi backup may be restored
    if info.node_id != installation.node_id:
        raise RestoreError(
            f"此备份属于另一个议事安装（节点 {info.node_id or '未设置'}），"
            f"与本机（节点 {installation.node_id}）不同，不能恢复：{info.path}"
        )


def _integrity_ok(path: Path) -> bool:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def restore_backup(db: Database, path: Path, *, now: datetime | None = None) -> RestoreResult:
    """Put the database back to the backup's state, in place, with the current state kept
    first as a "restore" backup. Refuses (RestoreError, nothing changed) a file that is
    missing, not SQLite, damaged, of a newer Yishi or of another installation.

    The backup is copied INTO the live database through SQLite's backup API rather than by
    replacing files: the copy is one write transaction of the live database, through its
    WAL, so other connections and uncheckpointed WAL pages stay consistent, and a crash
    or power cut midway leaves the old state or the restored one, never a mix. Replacing
    the file instead would need every connection closed and stale -wal/-shm deleted in the
    right order, and the running program holds connections.
    """
    if on_server(db):
        raise RestoreError(server_backups_message(db))
    with _staged(path) as (staged, info):
        _refuse_foreign(db, info)
        safety = take_backup(db, "restore", now=now)
        source = sqlite3.connect(staged)
        try:
            target = sqlite3.connect(db.home.database, timeout=30)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    if not _integrity_ok(db.home.database):
        raise DatabaseError(f"恢复后数据库完整性检查未通过；恢复前的数据保存在：{safety.path}")
    migrated = migrate(db.engine, path=db.home.database, backups=db.home.backups) is not None
    with db.session() as session:
        lift_after_restore(session, db.home)
    return RestoreResult(
        restored=info, safety_backup=safety.path, migrated=migrated, warning=safety.warning
    )


def restore_into_home(home: Home, path: Path, *, now: datetime | None = None) -> RestoreResult:
    """Restore for the command line: into the open database when it opens; when it is
    damaged, the checked backup replaces the file (the damaged one is kept beside the
    backups), since a damaged database cannot be written through."""
    try:
        db = open_database(home)
    except DatabaseDamagedError:
        return _replace_damaged(home, path, now=now)
    try:
        return restore_backup(db, path, now=now)
    finally:
        db.close()


def _replace_damaged(home: Home, path: Path, *, now: datetime | None) -> RestoreResult:
    when = now or clock.now()
    with _staged(path) as (staged, info):
        database = home.database
        home.backups.mkdir(parents=True, exist_ok=True)
        kept = home.backups / f"yishi-{when:%Y%m%d-%H%M%S}-damaged.sqlite.bad"
        with contextlib.suppress(OSError):
            shutil.copyfile(database, kept)
        # Stale -wal/-shm first: left beside the new file, SQLite would replay the old
        # database's frames into it. A crash after this leaves the damaged file, as it was.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        with atomic_path(database) as part:
            shutil.copyfile(staged, part)
    db = open_database(home)  # migrates an older schema and lifts the counters
    db.close()
    return RestoreResult(
        restored=info, safety_backup=None, migrated=info.revision != head_revision()
    )


def format_created(at: datetime | date) -> str:
    """2026年12月1日 09:30, as the confirmation and the command line say it."""
    if isinstance(at, datetime):
        return f"{at.year}年{at.month}月{at.day}日 {at:%H:%M}"
    return f"{at.year}年{at.month}月{at.day}日"
