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


def is_busy(error: BaseException) -> bool:
    """Whether `error`, or what it wraps, is SQLite refusing because another writer holds it."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, sqlite3.OperationalError):
            text = str(cause).lower()
            if any(words in text for words in _BUSY_WORDS):
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


def storage_reason(error: BaseException) -> str | None:
    """Why the disk refused, in Chinese, when `error` or what caused it is such a refusal.

    SQLAlchemy wraps the driver's error (`orig`), other code chains it (`__cause__`).
    """
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError) and cause.errno in _ERRNO_REASONS:
            return _ERRNO_REASONS[cause.errno]
        if isinstance(cause, sqlite3.Error):
            text = str(cause).lower()
            for words, reason in _SQLITE_REASONS:
                if words in text:
                    return reason
        orig = getattr(cause, "orig", None)
        cause = orig if isinstance(orig, BaseException) else cause.__cause__ or cause.__context__
    return None


def os_reason(error: OSError) -> str:
    """`storage_reason`, or the system's own words for a rarer error."""
    return storage_reason(error) or error.strerror or str(error)
