"""One writer per installation: an operating-system lock on `<home>/yishi.lock`.

Two copies of Yishi writing one home (two windows, or a window and `yishi import`) each
keep their own view of the records, and the later save silently wins over the earlier one.
The GUI holds this lock for its lifetime and every CLI command that writes takes it first.

The lock is the system's (`fcntl.flock` on POSIX, `msvcrt.locking` on Windows), not the
file's existence: the system drops it when the holder's process ends in any way, so a
killed or crashed Yishi never leaves a stale lock behind. The file records who holds it
(process id, which program, since when) only so that the one refused can say so.

Qt-free: the GUI's start-up and the CLI both use it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from desktop import clock
from desktop.errors import UserError

LOCK_NAME = "yishi.lock"
GUI = "程序界面"
CLI = "命令行"
# Windows locks byte ranges, and a locked range cannot be read by anyone else: the lock
# sits far beyond the few bytes that say who holds it, so those stay readable.
_WINDOWS_LOCK_OFFSET = 1 << 30
# How long a waiting command looks again; short enough to feel immediate.
_POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as it wrote itself into the lock file."""

    pid: int
    program: str
    started: str

    def describe(self) -> str:
        return f"{self.program}，进程 {self.pid}，{self.started} 开始"


class LockHeldError(UserError):
    """Another Yishi holds this installation; the message names it when it could be read."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


def _describe(holder: Holder | None) -> str:
    return holder.describe() if holder is not None else "无法读取是哪个程序"


def held_message(holder: Holder | None) -> str:
    return f"另一个议事程序正在使用此数据文件夹（{_describe(holder)}），请等它结束后再试"


def waiting_message(holder: Holder | None) -> str:
    return f"另一个议事程序正在使用此数据文件夹（{_describe(holder)}），正在等待…"


def _try_lock(fd: int) -> bool:
    """Take the lock on `fd` without waiting; False when another open file holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    """Whether `path` still names the file open as `fd`.

    A holder removes the file as it lets go; a process that opened it just before then
    locks a file no longer in the folder, while a third one makes a new file and locks that.
    Only the one whose file is still the named one holds the lock.
    """
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (mine.st_dev, mine.st_ino)


def read_holder(root: Path) -> Holder | None:
    """Who the lock file says holds it; None when it is missing, empty or unreadable."""
    try:
        data = json.loads((root / LOCK_NAME).read_text(encoding="utf-8"))
        return Holder(pid=int(data["pid"]), program=str(data["program"]), started=data["started"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """This process's hold on one installation; release() (or leaving `with`) lets go.

    `fd` is None when the folder cannot hold a lock file at all (read-only, missing): the
    work that follows meets the same refusal and says it in its own words.
    """

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Removed while still held, so a waiting process never takes a file about to go
        # (see _same_file); Windows refuses to remove an open file, which is harmless there.
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.release()


def _take(path: Path, program: str) -> InstanceLock | None:
    """The lock, or None when another process holds it. OSError when no file can be made."""
    while True:
        # O_BINARY: Windows would otherwise translate line ends in what the holder writes.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            if not _try_lock(fd):
                os.close(fd)
                return None
            if not _same_file(fd, path):
                # The holder removed it as we locked it: try again on the file now named.
                _unlock(fd)
                os.close(fd)
                continue
            record = {
                "pid": os.getpid(),
                "program": program,
                "started": f"{clock.now():%Y-%m-%d %H:%M}",
            }
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(record, ensure_ascii=False).encode("utf-8"))
            return InstanceLock(path, fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise


def acquire(
    root: Path,
    program: str,
    *,
    wait: float = 0.0,
    on_wait: Callable[[Holder | None], None] | None = None,
) -> InstanceLock:
    """Take the installation's lock, waiting up to `wait` seconds for its holder to finish.

    `on_wait` is told once, with the holder, when the lock is busy and waiting begins.
    Raises LockHeldError naming the holder when the time is up.
    """
    path = root / LOCK_NAME
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            lock = _take(path, program)
        except OSError:
            return InstanceLock(path, None)
        if lock is not None:
            return lock
        holder = read_holder(root)
        if time.monotonic() >= deadline:
            raise LockHeldError(held_message(holder), holder)
        if not told and on_wait is not None:
            on_wait(holder)
            told = True
        time.sleep(_POLL_SECONDS)


def wait_seconds(default: float) -> float:
    """How long to wait for a busy installation: $YISHI_LOCK_WAIT (seconds) or `default`.

    The variable exists for tests and scripts that would rather fail at once.
    """
    text = os.environ.get("YISHI_LOCK_WAIT", "")
    try:
        return max(0.0, float(text)) if text else default
    except ValueError:
        return default
