"""The one base of every refusal whose message is written for the user (in Chinese), and the
words for what the file system refused, so that a full disk is never called "damaged"."""

from __future__ import annotations

import errno
import sqlite3


class UserError(Exception):
    """Refused input or state; `str(error)` is shown as it is, never a traceback."""


BUSY_MESSAGE = "数据库正忙（可能正在导入数据包），请稍候再保存；您输入的内容没有丢失。"


class DatabaseWriteError(UserError):
    """The disk refused a save (full, read-only, gone): nothing was written, the form keeps
    what was typed."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"未能保存：{reason}。您输入的内容没有丢失，处理好后请再保存一次。")


class DatabaseBusyError(UserError):
    """Another connection held the write lock longer than this one would wait (an import).

    Nothing was written; the caller keeps what was typed and may try again later.
    """

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__(message)


# SQLITE_BUSY reads "database is locked"; SQLITE_LOCKED "database table is locked"; a few
# builds say "database is busy". All mean: another writer, try again later.
_BUSY_WORDS = ("database is locked", "database is busy", "database table is locked")


# PostgreSQL (a district on a server) says it by SQLSTATE: lock_timeout ran out, a
# serializable transaction lost to another, two transactions waited on each other. Each
# rolled back whole: nothing was written, trying again later is the way out.
_BUSY_STATES = frozenset({"55P03", "40001", "40P01"})


def _sqlstate(error: BaseException) -> str | None:
    """The PostgreSQL driver's SQLSTATE (psycopg's `sqlstate`), read without importing it: a
    room never has the driver."""
    state = getattr(error, "sqlstate", None)
    return state if isinstance(state, str) else None


def is_busy(error: BaseException) -> bool:
    """Whether `error`, or what it wraps, is the database refusing because another writer
    holds what it needs: SQLite's lock, or PostgreSQL's lock timeout, serialization failure
    or deadlock."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, sqlite3.OperationalError):
            text = str(cause).lower()
            if any(words in text for words in _BUSY_WORDS):
                return True
        if _sqlstate(cause) in _BUSY_STATES:
            return True
        orig = getattr(cause, "orig", None)
        cause = orig if isinstance(orig, BaseException) else cause.__cause__ or cause.__context__
    return False


_ERRNO_REASONS = {
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘已满",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    # A USB stick pulled mid-write: Linux says EIO, ENODEV or ENXIO.
    errno.EIO: "磁盘读写出错（U 盘是否已拔出？）",
    errno.ENODEV: "设备已不在（U 盘是否已拔出？）",
    errno.ENXIO: "设备已不在（U 盘是否已拔出？）",
}
# SQLite says it in words only; matched in lower case.
_SQLITE_REASONS = (
    ("readonly", "数据库是只读的"),
    ("disk is full", "磁盘已满"),
    ("unable to open database file", "无法打开数据库文件（文件夹只读或没有写入权限）"),
    ("disk i/o error", "磁盘读写出错"),
    ("database is locked", "数据库正被另一个程序使用，请关闭后重试"),
)


# PostgreSQL's refusals by SQLSTATE, or by its class (the first two characters).
_SERVER_REASONS = {
    "55P03": "数据库正被另一位用户使用（可能正在导入数据包），请稍后重试",
    "40001": "与另一位用户同时进行的修改冲突，已撤销，请重试",
    "40P01": "与另一位用户的操作互相等待，已撤销，请重试",
    "53100": "数据库服务器的磁盘已满",
    "53200": "数据库服务器内存不足",
    "25006": "数据库服务器是只读的",
    "57P01": "数据库服务器正在关闭，连接已断开",
    "57P02": "数据库服务器已停止，连接已断开",
    "57P03": "数据库服务器正在启动，暂时无法连接，请稍后重试",
}
_SERVER_CLASS_REASONS = {
    "08": "与数据库服务器的连接中断（服务器是否已停止，或网络已断开？）",
    "53": "数据库服务器资源不足",
}
LOST_CONNECTION = _SERVER_CLASS_REASONS["08"]
# libpq says a connection was lost in words only (no SQLSTATE); matched in lower case.
_LOST_WORDS = (
    "server closed the connection",
    "connection already closed",
    "the connection is closed",
    "consuming input failed",
    "terminating connection",
    "connection to server",
    "could not receive data from server",
    "could not send data to server",
    "ssl syscall error",
)


def _server_reason(error: BaseException) -> str | None:
    """Why a PostgreSQL server refused, or the connection to it was lost, in Chinese."""
    state = _sqlstate(error)
    if state is not None:
        return _SERVER_REASONS.get(state) or _SERVER_CLASS_REASONS.get(state[:2])
    if type(error).__module__.partition(".")[0] != "psycopg":
        return None
    text = str(error).lower()
    if getattr(error, "connection_invalidated", False) or any(w in text for w in _LOST_WORDS):
        return LOST_CONNECTION
    return None


def storage_reason(error: BaseException) -> str | None:
    """Why the disk (or the database server) refused, in Chinese, when `error` or what
    caused it is such a refusal.

    SQLAlchemy wraps the driver's error (`orig`), other code chains it (`__cause__`).
    """
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError) and cause.errno in _ERRNO_REASONS:
            return _ERRNO_REASONS[cause.errno]
        if getattr(cause, "connection_invalidated", False) and _server_error(cause):
            return LOST_CONNECTION
        if (reason := _server_reason(cause)) is not None:
            return reason
        if isinstance(cause, sqlite3.Error):
            text = str(cause).lower()
            for words, reason in _SQLITE_REASONS:
                if words in text:
                    return reason
        orig = getattr(cause, "orig", None)
        cause = orig if isinstance(orig, BaseException) else cause.__cause__ or cause.__context__
    return None


def _server_error(error: BaseException) -> bool:
    """Whether SQLAlchemy's wrapped error came from the PostgreSQL driver."""
    orig = getattr(error, "orig", None)
    return orig is not None and type(orig).__module__.partition(".")[0] == "psycopg"


def os_reason(error: OSError) -> str:
    """`storage_reason`, or the system's own words for a rarer error."""
    return storage_reason(error) or error.strerror or str(error)
