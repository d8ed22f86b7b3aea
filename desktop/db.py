"""Opening an installation's SQLite database: pragmas, migration with backup, sessions."""

from __future__ import annotations

import getpass
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from desktop import clock
from desktop.errors import UserError, os_reason, storage_reason
from desktop.files import atomic_path
from desktop.models import Installation, stamping
from desktop.models.stamping import StampContext
from desktop.paths import Home
from desktop.rules import meetings as meeting_rules
from desktop.sent_marks import lift_after_restore

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(UserError):
    """A database that cannot be opened; the message is for the user."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer Yishi than this one."""


class DatabaseDamagedError(DatabaseError):
    """The file is not a readable SQLite database."""


class HomeUnusableError(DatabaseError):
    """The installation folder cannot hold a database: too long, a file, read-only, full."""


class YishiSession(Session):
    """Session class carrying the stamping hook."""


stamping.install(YishiSession)
meeting_rules.install(YishiSession)


def alembic_config() -> Config:
    """Alembic's settings; the connection is handed in through `attributes`, never a URL.

    Alembic keeps options in a configparser, where `%` starts an interpolation: a home or
    install folder such as `议事%1` would break it, so `%` is doubled and no URL goes in.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    # URL.create takes the path as it is: no quoting, so `%`, `#`, `?` and spaces are safe.
    engine = create_engine(URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _on_connect)
    return engine


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's backup API (safe while WAL holds pages), whole or
    not at all: one cut short is never left where a backup is listed or restored from."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as part:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    return target


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, *, path: Path, backups: Path) -> str | None:
    """Bring the schema to head; back up first when an existing schema changes.

    Returns the backup's path as text, or None when nothing was backed up.
    """
    try:
        current = current_revision(engine)
    except SQLAlchemyDatabaseError as exc:
        # A read-only folder or a full disk fails here too: name that, not damage.
        if (reason := storage_reason(exc)) is not None:
            raise DatabaseError(f"{reason}：{path}") from exc
        raise DatabaseDamagedError(
            f"数据库文件已损坏或不是议事数据库：{path}（{exc.orig}）"
        ) from exc
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNewError(
            f"此数据库由更新版本的议事创建（架构版本 {current}），请先更新议事再打开：{path}"
        )
    head = script.get_current_head()
    if current == head:
        return None
    backup: Path | None = None
    if current is not None or inspect(engine).get_table_names():
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(path, backups / f"yishi-{stamp}-before-{head}.sqlite")
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return str(backup) if backup else None


class Database:
    """An open installation database: engine, session factory and who is writing."""

    def __init__(self, home: Home, engine: Engine) -> None:
        self.home = home
        self.engine = engine
        self._factory = sessionmaker(engine, class_=YishiSession, expire_on_commit=False)
        self.user = _current_user()

    def installation(self) -> Installation | None:
        with self._factory() as session:
            return session.get(Installation, 1)

    @contextmanager
    def session(self, *, importing: bool = False) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        installation = self.installation()
        context = None
        if installation is not None:
            context = StampContext(
                node_id=installation.node_id, user=self.user, importing=importing
            )
        with self._unit_of_work(context) as session:
            yield session

    @contextmanager
    def session_as(self, context: StampContext) -> Iterator[Session]:
        """A unit of work written as another context (setup, demo rooms' records)."""
        with self._unit_of_work(context) as session:
            yield session

    @contextmanager
    def _unit_of_work(self, context: StampContext | None) -> Iterator[Session]:
        with self._factory() as session:
            if context is not None:
                session.info[stamping.CONTEXT_KEY] = context
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# SQLite's file layer takes paths up to 512 bytes of UTF-8 (1040 on Windows), counting the
# "-journal" it appends; a Chinese character takes three.
MAX_DATABASE_PATH_BYTES = (1040 if sys.platform == "win32" else 512) - len("-journal") - 1


def open_database(home: Home) -> Database:
    """Open (creating and migrating as needed) the database of an installation home."""
    path = home.database
    length = len(str(path).encode("utf-8"))
    if length > MAX_DATABASE_PATH_BYTES:
        raise HomeUnusableError(
            f"安装目录的路径太长（{length} 字节，数据库最多支持 {MAX_DATABASE_PATH_BYTES} 字节），"
            f"请选用较短的文件夹：{home.root}"
        )
    if home.root.exists() and not home.root.is_dir():
        raise HomeUnusableError(f"安装目录不是文件夹，而是一个文件：{home.root}")
    try:
        home.create_dirs()
    except OSError as exc:
        raise HomeUnusableError(f"无法建立安装目录（{os_reason(exc)}）：{home.root}") from exc
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise DatabaseDamagedError(f"数据库文件已损坏或不是议事数据库：{path}")
    engine = make_engine(path)
    try:
        migrate(engine, path=path, backups=home.backups)
        db = Database(home, engine)
        with db.session() as session:
            lift_after_restore(session, home)
    except Exception:
        engine.dispose()
        raise
    return db
