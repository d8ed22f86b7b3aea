"""Opening an installation's database: SQLite (pragmas, migration with backup) or, for a
district, a PostgreSQL server's (issue 20); sessions."""

from __future__ import annotations

import contextlib
import functools
import getpass
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from desktop import __version__, clock, search_index
from desktop.errors import (
    DatabaseBusyError,
    DatabaseWriteError,
    UserError,
    is_busy,
    os_reason,
    storage_reason,
)
from desktop.files import atomic_path
from desktop.models import Installation, stamping
from desktop.models.base import server_conditions
from desktop.models.stamping import StampContext
from desktop.paths import Home
from desktop.rules import meetings as meeting_rules
from desktop.sent_marks import lift_after_restore

if TYPE_CHECKING:
    from alembic.config import Config

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
search_index.drain_before_commit(YishiSession)


def alembic_config() -> Config:
    """Alembic's settings; the connection is handed in through `attributes`, never a URL.

    Alembic keeps options in a configparser, where `%` starts an interpolation: a home or
    install folder such as `议事%1` would break it, so `%` is doubled and no URL goes in.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


# Alembic costs 0.1-0.2 s to import (Mako, Pygments, every dialect): opening a database that is
# at head, which is every open but the first after an update, reads the revisions from the
# migration files' own `revision` / `down_revision` lines instead. tests/test_db.py checks
# that this reading agrees with Alembic's.
_REVISION_LINE = re.compile(
    r"""^(?P<key>down_revision|revision)\b[^=\n]*=\s*"""
    r"""(?:(?P<quote>["'])(?P<value>[^"'\n]*)(?P=quote)|None)\s*$""",
    re.M,
)


@functools.cache
def _revision_graph() -> dict[str, str | None]:
    """Each schema revision and the one it upgrades from, from the migration files."""
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = {
            match["key"]: match["value"]
            for match in _REVISION_LINE.finditer(script.read_text(encoding="utf-8"))
        }
        if "revision" not in found:  # a merge or an odd format: Alembic's reading is needed
            raise RuntimeError(f"no plain revision line in {script.name}")
        graph[found["revision"]] = found.get("down_revision")
    return graph


def head_revision() -> str:
    """The newest schema revision: the one no other migration upgrades from."""
    graph = _revision_graph()
    heads = set(graph) - set(graph.values())
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


# How long a writer waits for another one's transaction before SQLite says "locked". The
# longest is an import of a big district bundle: 10-25 s before it became 4x faster, so a
# minute covers the worst one measured with room to spare. Work off the GUI thread (imports,
# exports, the command line) waits this long.
BUSY_TIMEOUT_MS = 60_000
# The GUI thread must not freeze for a minute behind an import: it waits briefly, then the
# save is refused with DatabaseBusyError (typed text kept; the meeting editor retries).
BRIEF_BUSY_TIMEOUT_MS = 2_000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a save the user saw succeed survives a power cut (NORMAL may roll the last few
    # back). One flush per commit; saves are few and small, an import is one commit.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path) -> Engine:
    # URL.create takes the path as it is: no quoting, so `%`, `#`, `?` and spaces are safe.
    engine = create_engine(URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _on_connect)
    return engine


class BackupVerifyError(DatabaseError):
    """A fresh copy failed its check; it was removed and nothing was listed."""


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this Yishi can open (and migrate up from)."""
    return frozenset(_revision_graph())


def verify_copy(connection: sqlite3.Connection, *, require_revision: bool = True) -> str | None:
    """What is wrong with a database copy, in Chinese, or None when it is whole and ours:
    integrity_check ok and, when it has one, a schema revision this Yishi knows."""
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        if [tuple(row) for row in rows] != [("ok",)]:
            return f"完整性检查未通过（{rows[0][0]}）"
        has_version = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        revision = None
        if has_version:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        return f"不是可读的 SQLite 数据库（{exc}）"
    if revision is None:
        return "不是议事数据库（没有架构版本）" if require_revision else None
    if revision not in known_revisions():
        return f"架构版本 {revision} 未知（由更新版本的议事写入）"
    return None


def backup_target(folder: Path, when: datetime, reason: str) -> Path:
    """`yishi-YYYYmmdd-HHMMSS-<reason>.sqlite`, numbered when that second is taken already."""
    stem = f"yishi-{when:%Y%m%d-%H%M%S}-{reason}"
    target = folder / f"{stem}.sqlite"
    counter = 2
    while target.exists():
        target = folder / f"{stem}-{counter}.sqlite"
        counter += 1
    return target


def backup_sqlite(source: Path, target: Path, *, require_revision: bool = True) -> Path:
    """A consistent copy through SQLite's backup API (safe while WAL holds pages), whole or
    not at all: one cut short is never left where a backup is listed or restored from.

    The copy is checked in its `.part` (integrity, a known schema revision) before it is
    flushed and renamed: a copy that reads back damaged raises BackupVerifyError instead
    of becoming a backup someone later trusts. It is switched to a rollback journal, so
    reading it later never leaves -wal/-shm files in the backup folder.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as part:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                problem = verify_copy(dst, require_revision=require_revision)
            finally:
                dst.close()
        finally:
            src.close()
        if problem is not None:
            raise BackupVerifyError(f"备份未通过校验，已丢弃：{problem}")
    return target


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database (None in a new one), read with plain SQL."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            table = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first()
        else:
            table = connection.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar()
        if table is None:
            return None
        stored = list(
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
        )
    if len(stored) > 1:  # only a branched history stores several; ours is one line
        raise DatabaseDamagedError(f"数据库记录了多个架构版本（{'、'.join(stored)}）")
    return stored[0] if stored else None


def migrate(engine: Engine, *, path: Path, backups: Path) -> str | None:
    """Bring the schema to head; back up first when an existing schema changes.

    Returns the backup's path as text, or None when nothing was backed up. A PostgreSQL
    database is migrated without a backup (`_migrate_server`).
    """
    if engine.dialect.name != "sqlite":
        _migrate_server(engine)
        return None
    try:
        current = current_revision(engine)
    except SQLAlchemyDatabaseError as exc:
        # A read-only folder or a full disk fails here too: name that, not damage.
        if (reason := storage_reason(exc)) is not None:
            raise DatabaseError(f"{reason}：{path}") from exc
        raise DatabaseDamagedError(
            f"数据库文件已损坏或不是议事数据库：{path}（{exc.orig}）"
        ) from exc
    _refuse_newer(current, path)
    if current == head_revision():
        return None
    from alembic import command

    backup: Path | None = None
    if current is not None or inspect(engine).get_table_names():
        backup = backup_sqlite(
            path,
            backup_target(backups, clock.now(), "migration"),
            require_revision=current is not None,
        )
    with engine.connect() as connection:
        # A migration that rebuilds a table (SQLite batch mode) drops it while rows still
        # point at it: foreign keys are off for the migration (the pragma is ignored inside a
        # transaction, so it comes first) and checked on the whole result before the commit.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
        try:
            with connection.begin():
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(f"数据库升级后有记录指向不存在的记录：{path}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()
    return str(backup) if backup else None


def _refuse_newer(current: str | None, where: object) -> None:
    if current is not None and current not in known_revisions():
        # An older Yishi installed over a newer one: say that nothing was changed and what
        # to do, so nobody restores the pre-upgrade backup and loses what came after it.
        raise DatabaseTooNewError(
            f"此数据库由更新版本的议事写入（架构版本 {current}），本机的议事 {__version__}"
            f" 无法打开，数据没有改动。请先更新议事：安装新版本的议事后再打开：{where}"
        )


# Taken for the migration's transaction: two district PCs opening the same server database
# after an update migrate one after the other; the second finds it at head.
_MIGRATION_LOCK = 0x59_69_73_68_69  # "Yishi"


def _migrate_server(engine: Engine) -> None:
    """Bring a PostgreSQL database to head in one transaction (PostgreSQL's DDL is
    transactional: a failed migration leaves the schema as it was).

    No backup is made first: a server database is backed up by the server's own means
    (pg_dump, its archive), which is its administrator's job, not a desktop's. Foreign keys
    need no switching off: no migration rebuilds a table on PostgreSQL.
    """
    where = server_label(engine.url)
    try:
        current = current_revision(engine)
        _refuse_newer(current, where)
        if current == head_revision():
            return
        from alembic import command

        with engine.connect() as connection, connection.begin():
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DBAPIError as exc:
        raise DatabaseError(
            f"数据库服务器上的议事数据库无法升级（{_server_detail(exc, engine.url)}）：{where}"
        ) from exc


class Database:
    """An open installation database: engine, session factory and who is writing."""

    def __init__(self, home: Home, engine: Engine) -> None:
        self.home = home
        self.engine = engine
        self._factory = sessionmaker(engine, class_=YishiSession, expire_on_commit=False)
        self.user = _current_user()
        # Threads that wait only BRIEF_BUSY_TIMEOUT_MS for a lock (the GUI thread).
        self._brief_threads: set[int] = set()
        # busy_timeout is SQLite's; a server makes a writer wait on the rows it needs only,
        # as long as its lock_timeout.
        if engine.dialect.name == "sqlite":
            event.listen(engine, "checkout", self._on_checkout)
        else:
            event.listen(engine, "checkout", self._on_server_checkout)

    def wait_briefly_on_this_thread(self) -> None:
        """Make writes on the calling thread give up after a short wait instead of a minute.

        The GUI calls this on its own thread, so a save behind a long import is refused
        within seconds with a friendly message instead of freezing the window.
        """
        self._brief_threads.add(threading.get_ident())

    def _on_checkout(self, dbapi_connection: sqlite3.Connection, *_args: Any) -> None:
        # Pooled connections move between threads, so each checkout sets the wait anew.
        brief = threading.get_ident() in self._brief_threads
        timeout = BRIEF_BUSY_TIMEOUT_MS if brief else BUSY_TIMEOUT_MS
        dbapi_connection.execute(f"PRAGMA busy_timeout = {timeout}")

    def _on_server_checkout(self, dbapi_connection: Any, record: Any, *_args: Any) -> None:
        # The same waits as SQLite's, set only when this connection's differs: a SET is a
        # round trip to the server. Committed at once, or the pool's rollback undoes it.
        brief = threading.get_ident() in self._brief_threads
        timeout = BRIEF_BUSY_TIMEOUT_MS if brief else BUSY_TIMEOUT_MS
        if record.info.get("lock_timeout") != timeout:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = {timeout}")
            dbapi_connection.commit()
            record.info["lock_timeout"] = timeout

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
            except BaseException as exc:
                session.rollback()
                # Another writer (an import) held the lock past our wait: a refusal the user
                # can act on, never a traceback. Nothing was written.
                if isinstance(exc, Exception) and not isinstance(exc, UserError):
                    if is_busy(exc):
                        raise DatabaseBusyError() from exc
                    # A full disk, read-only media or a vanished drive: said in Chinese.
                    reason = (
                        storage_reason(exc)
                        if isinstance(exc, (SQLAlchemyDatabaseError, sqlite3.Error))
                        else None
                    )
                    if reason is not None:
                        raise DatabaseWriteError(reason) from exc
                raise

    def refresh_statistics(self, written: Mapping[str, int] | None = None) -> None:
        """After many rows came at once (an import, demo data): see _keep_planner_statistics.
        `written` (table → rows written) names the tables that changed, when known."""
        _keep_planner_statistics(self.engine, first=False, written=written)

    def close(self) -> None:
        self.engine.dispose()


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


SQLITE_MAGIC = b"SQLite format 3\x00"
# quick_check reads every page: about 2 ms a megabyte here (38 ms on the 17.7 MB demo
# district), so above this size a start would wait seconds for it; the header checks, which
# cost nothing, still run.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def _holds_data(home: Home) -> bool:
    """Whether the home shows an installation lived here: backups, keys or attachments."""
    for folder, pattern in ((home.backups, "*.sqlite"), (home.keys, "*"), (home.attachments, "*")):
        try:
            if folder.is_dir() and next(folder.glob(pattern), None) is not None:
                return True
        except OSError:
            continue
    return False


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def database_file_problem(home: Home, path: Path | None = None) -> str | None:
    """Why the database file (or `path`, a backup) is not usable, in Chinese; None when its
    header looks sound. Reads 100 bytes: cheap on any size of database."""
    path = path or home.database
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "数据库文件不见了，但此文件夹里还有备份、密钥或附件，说明这里原有数据"
    except OSError as exc:
        return f"无法读取数据库文件（{os_reason(exc)}）"
    # Pages not yet written back into the file wait in the write-ahead log (or a journal to
    # roll back): SQLite completes the file from them when it opens, so its size is no proof.
    pending = any(_nonempty(path.with_name(path.name + s)) for s in ("-wal", "-journal"))
    if size == 0:
        if pending:
            return None
        if path == home.database and _holds_data(home):
            return "数据库文件是空的（0 字节），但此文件夹里还有备份、密钥或附件，说明这里原有数据"
        return "数据库文件是空的（0 字节）；如果这是刚建立的新安装，删除此文件后重新打开议事即可"
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return f"无法读取数据库文件（{os_reason(exc)}）"
    if not header.startswith(SQLITE_MAGIC):
        return "数据库文件已损坏或不是议事数据库"
    if len(header) < 100:
        return f"数据库文件已损坏：文件被截断，只剩 {size} 字节"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "数据库文件已损坏：文件头无效"
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trusted only when the version it was written at is current.
    counted = header[24:28] == header[92:96] and pages > 0
    if counted and not pending and size < pages * page_size:
        return f"数据库文件已损坏：文件被截断（应有 {pages * page_size} 字节，只剩 {size} 字节）"
    return None


def check_database_file(home: Home) -> None:
    """Refuse an empty, missing or cut-short database where records were (DatabaseDamagedError).

    Never made anew silently: the backups are still there to restore from. A home with no
    database and nothing else is a new installation and passes.
    """
    path = home.database
    if (path.exists() or _holds_data(home)) and (problem := database_file_problem(home)):
        raise DatabaseDamagedError(f"{problem}：{path}")


def copy_problem(path: Path) -> str | None:
    """Why a copy of a database (a backup) cannot be restored from, in Chinese; None when
    its header is sound and quick_check passes. Opened as immutable: nothing is written
    beside it, and a backup nobody writes needs no locking."""
    if (problem := database_file_problem(Home(path.parent), path)) is not None:
        return problem
    uri = f"file:{quote(path.as_posix())}?immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return f"数据库文件已损坏（{exc}）"
    return None if rows == ["ok"] else f"数据库文件已损坏（{rows[0]}）"


def _quick_check(engine: Engine, path: Path) -> None:
    """SQLite's quick_check when the file is small enough for it to be cheap."""
    try:
        if path.stat().st_size > QUICK_CHECK_MAX_BYTES:
            return
        with engine.connect() as connection:
            rows = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA quick_check")]
    except FileNotFoundError:
        return  # a new installation: nothing to check yet
    except SQLAlchemyDatabaseError as exc:
        # A read-only folder or a full disk fails here too: name that, not damage.
        if (reason := storage_reason(exc)) is not None:
            raise DatabaseError(f"{reason}：{path}") from exc
        raise DatabaseDamagedError(
            f"数据库文件已损坏或不是议事数据库（{exc.orig}）：{path}"
        ) from exc
    if rows != ["ok"]:
        detail = "；".join(rows[:3])
        raise DatabaseDamagedError(f"数据库文件已损坏（完整性检查未通过：{detail}）：{path}")


# SQLite's file layer takes paths up to 512 bytes of UTF-8 (1040 on Windows), counting the
# "-journal" it appends; a Chinese character takes three.
MAX_DATABASE_PATH_BYTES = (1040 if sys.platform == "win32" else 512) - len("-journal") - 1


# Rows ANALYZE samples per index: about 7 ms on the 10-year, 315-room district, and enough
# for the planner to pick the right index.
ANALYSIS_LIMIT = 400


def _keep_planner_statistics(
    engine: Engine, *, first: bool, written: Mapping[str, int] | None = None
) -> None:
    """Give SQLite's planner table statistics: without them it scans all of attendance for a
    year's figures (0.4 s on the big district) where the (room, date) index takes 20 ms.

    At open, a database never analysed is (`first`); after an import or demo data, analysed
    again. Never at close or on a refusal: a refused import leaves the file as it was. The
    statistics only help the planner: a database that cannot be written goes without.

    PostgreSQL's autovacuum analyses tables itself; after many rows at once it is asked
    straight away instead of at autovacuum's next round, for the tables `written` changed by
    a tenth or more (autovacuum's own measure), or every table when they are not known. The
    whole of a 10-year district takes 5–20 s to analyse: a room's usual bundle waits for none
    of it."""
    if engine.dialect.name != "sqlite":
        if not first:
            with contextlib.suppress(SQLAlchemyDatabaseError), engine.begin() as connection:
                tables = _grown_tables(connection, written) if written is not None else None
                if tables is None:
                    connection.exec_driver_sql("ANALYZE")
                elif tables:
                    connection.exec_driver_sql(f"ANALYZE {', '.join(tables)}")
        return
    try:
        with engine.begin() as connection:
            if first and (
                connection.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                ).first()
                is not None
            ):
                return
            connection.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            connection.exec_driver_sql("ANALYZE")
    except (SQLAlchemyDatabaseError, sqlite3.Error):
        pass


def _grown_tables(connection: Connection, written: Mapping[str, int]) -> list[str]:
    """The server's tables among `written` whose rows written are a tenth or more of the
    rows its statistics last counted (all of a table never analysed)."""
    known: dict[str, float] = {
        str(name): float(rows)
        for name, rows in connection.exec_driver_sql(
            "SELECT relname, reltuples FROM pg_class"
            " WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace"
        )
    }
    return sorted(
        f'"{table}"'
        for table, rows in written.items()
        if rows and table in known and rows >= 0.1 * known[table]
    )


def open_database(home: Home, *, verify: bool = False, url: str | None = None) -> Database:
    """Open (creating and migrating as needed) the database of an installation home.

    A file that is empty, cut short or not SQLite is refused (DatabaseDamagedError), as is a
    missing one where backups, keys or attachments show there were records. `verify` also
    runs SQLite's quick_check when the file is small enough for it to be cheap (the GUI's
    start and the command line ask for it; `yishi check` runs the full check instead).

    `url` (`postgresql+psycopg://user:password@server:port/database`), or else the home's
    `database-url` file, puts the records in that PostgreSQL database instead: a district
    on a server (issue 20). The home still holds the keys, attachments, backups and lock.
    The SQLite file's checks, pragmas and statistics are skipped there, `verify` is the
    server's business, and a migration makes no backup first (see `_migrate_server`).
    """
    if url is None:
        url = remembered_database_url(home)
    if url is not None:
        return _open_server_database(home, url)
    path = home.database
    length = len(str(path).encode("utf-8"))
    if length > MAX_DATABASE_PATH_BYTES:
        raise HomeUnusableError(
            f"安装目录的路径太长（{length} 字节，数据库最多支持 {MAX_DATABASE_PATH_BYTES} 字节），"
            f"请选用较短的文件夹：{home.root}"
        )
    _make_folders(home)
    check_database_file(home)
    engine = make_engine(path)

    def checked_first() -> None:
        if verify:
            _quick_check(engine, path)

    db = _open_with(home, engine, checked_first)
    _keep_planner_statistics(engine, first=True)
    return db


def _make_folders(home: Home) -> None:
    if home.root.exists() and not home.root.is_dir():
        raise HomeUnusableError(f"安装目录不是文件夹，而是一个文件：{home.root}")
    try:
        home.create_dirs()
    except OSError as exc:
        raise HomeUnusableError(f"无法建立安装目录（{os_reason(exc)}）：{home.root}") from exc


def _open_with(home: Home, engine: Engine, first: Callable[[], None]) -> Database:
    """The database on `engine` once `first` has looked at it: migrated, and lifted above
    what was ever sent when it was restored; the engine is let go when any step fails."""
    try:
        first()
        migrate(engine, path=home.database, backups=home.backups)
        db = Database(home, engine)
        with db.session() as session:
            lift_after_restore(session, home)
    except Exception:
        engine.dispose()
        raise
    return db


# The only server driver Yishi ships with (the `postgres` extra); `postgresql://` means it too.
SERVER_DRIVER = "postgresql+psycopg"
_SERVER_DRIVERS = ("postgresql", SERVER_DRIVER)
SERVER_URL_FORM = "postgresql+psycopg://用户名:密码@服务器:端口/数据库名"
# A server that does not answer is reported after this long instead of libpq's forever.
CONNECT_TIMEOUT_SECONDS = 10


def server_url(text: str, *, source: object = None) -> URL:
    """The PostgreSQL database `text` names, or DatabaseError saying what is wrong with it
    (`source`, the file it came from, is named). The text itself is never repeated in a
    message: it may hold a password."""
    where = f"：{source}" if source is not None else ""
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"数据库地址的格式不对，应为 {SERVER_URL_FORM}{where}") from exc
    if url.drivername not in _SERVER_DRIVERS:
        raise DatabaseError(
            f"数据库地址不是 PostgreSQL 的（{url.drivername}）：只有 PostgreSQL 服务器可以代替"
            f"内置的数据库，地址应为 {SERVER_URL_FORM}{where}"
        )
    if not url.database:
        raise DatabaseError(f"数据库地址没有写数据库名，应为 {SERVER_URL_FORM}{where}")
    return url.set(drivername=SERVER_DRIVER)


def server_label(url: URL) -> str:
    """`server:port/database` for messages: the password never, the user not needed."""
    host = url.host or "本机"
    return f"{host}:{url.port or 5432}/{url.database}"


def remembered_database_url(home: Home) -> str | None:
    """The PostgreSQL address in the home's `database-url` file, checked; None without one.

    One line (blank lines and a byte-order mark from Notepad are allowed); a file that
    cannot be read, or holds anything but one PostgreSQL address, is refused by name
    rather than the home quietly opening a new empty SQLite database beside it.
    """
    path = home.database_url_file
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, NotADirectoryError):
        # No such file; or the home's own path runs through a file, which opening the home
        # names in its own words.
        return None
    except OSError as exc:
        raise DatabaseError(f"无法读取数据库地址文件（{os_reason(exc)}）：{path}") from exc
    except UnicodeDecodeError as exc:
        raise DatabaseError(f"数据库地址文件不是 UTF-8 文本：{path}") from exc
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 1:
        raise DatabaseError(
            f"数据库地址文件应只有一行 PostgreSQL 地址（{SERVER_URL_FORM}），"
            f"现在有 {len(lines)} 行：{path}"
        )
    server_url(lines[0], source=path)
    return lines[0]


def remember_database_url(home: Home, url: str | None) -> None:
    """Make the home open `url`'s PostgreSQL database from now on (None: its SQLite file).

    The file may hold a password: only its owner may read it (on POSIX). A password can
    also stay out of it, in libpq's own ~/.pgpass or PGPASSWORD.
    """
    path = home.database_url_file
    if url is None:
        path.unlink(missing_ok=True)
        return
    server_url(url)
    home.root.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as part:
        part.touch(mode=0o600)
        part.write_text(url.strip() + "\n", encoding="utf-8")


def load_driver(home: Home) -> None:
    """Import the driver of the server database `home` remembers, if any, ahead of its use.

    The GUI calls it before it loads Qt: once PySide6 is imported, its import hook reads the
    source of every module imported after it, which costs psycopg's import half again (50 ms
    of a server home's start). A missing driver or a bad address file is left to opening
    the database, which names the problem.
    """
    try:
        text = remembered_database_url(home)
        if text is not None:
            server_url(text).get_dialect().import_dbapi()
    except (DatabaseError, ArgumentError, ImportError):
        pass


def make_server_engine(url: URL) -> Engine:
    """An engine on a PostgreSQL database; DatabaseError when the driver is not installed."""
    query = dict(url.query)
    connect_args: dict[str, Any] = {"application_name": "yishi"}
    if "connect_timeout" not in query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    server_conditions()
    try:
        # pre_ping: a server restarted overnight leaves the pool's connections dead.
        return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    except ImportError as exc:
        raise DatabaseError(
            "没有安装 PostgreSQL 驱动 psycopg，无法连接数据库服务器"
            f" {server_label(url)}。请安装议事的 PostgreSQL 组件："
            'pip install "yishi[postgres]"'
        ) from exc


def _server_detail(exc: DBAPIError, url: URL) -> str:
    """The server's or libpq's own words, first line, with the password blanked out."""
    detail = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else type(exc).__name__
    if url.password:
        detail = detail.replace(str(url.password), "***")
    return detail


def _connection_problem(exc: DBAPIError, url: URL) -> str:
    """Why a connection to the server failed, in Chinese, naming the server."""
    label = server_label(url)
    host = f"{url.host or '本机'}:{url.port or 5432}"
    text = str(exc.orig).lower()
    state = getattr(exc.orig, "sqlstate", None)
    if state in ("28P01", "28000") or "authentication failed" in text:
        return f"数据库服务器 {host} 拒绝登录：用户名或密码不对（用户 {url.username}）"
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return f"数据库服务器 {host} 上没有数据库 {url.database}，请先由服务器管理员建立"
    if "resolve host" in text or "could not translate host name" in text:
        return f"找不到数据库服务器 {url.host}，请检查服务器名称：{label}"
    if "refused" in text or "timeout" in text or "timed out" in text:
        return (
            f"无法连接数据库服务器 {host}：服务器没有响应或拒绝连接，请确认服务器已启动、"
            f"地址和端口无误：{label}"
        )
    return f"无法连接数据库服务器（{_server_detail(exc, url)}）：{label}"


def _open_server_database(home: Home, text: str) -> Database:
    url = server_url(text)
    _make_folders(home)
    engine = make_server_engine(url)

    def reachable() -> None:
        try:
            with engine.connect():
                pass
        except DBAPIError as exc:
            raise DatabaseError(_connection_problem(exc, url)) from exc

    return _open_with(home, engine, reachable)
