"""Writing a file so that it holds the old content or the new, never half of either.

The new content goes to `<name>.part` in the same folder (a rename is atomic only within one
file system), is flushed to the disk, and then renamed over the file. A crash, a full disk or
Ctrl+C at any point leaves the old file as it was; only a power cut can leave a `.part`
behind, and the next write of the same file removes it first. Errors are the system's own
`OSError`s: each caller says in Chinese what it could not write (`desktop.errors.os_reason`).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

PART_SUFFIX = ".part"


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """The temporary path to write `path`'s new content to, for writers that want a file name.

    When the block ends normally the temporary replaces `path`; when it raises (anything,
    KeyboardInterrupt included) the temporary is removed and `path` is left untouched.
    The folder must exist: a missing one is refused by name before anything is written.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
    part = path.with_name(path.name + PART_SUFFIX)
    try:
        # A writer that opens an existing file (SQLite does) must not build on a stale one.
        part.unlink(missing_ok=True)
        yield part
        # Read-write: Windows refuses to flush a file opened for reading only.
        _fsync(part, os.O_RDWR)
        os.replace(part, path)
        # So that the rename itself survives a power cut; Windows cannot open a folder.
        if os.name == "posix":
            _fsync(path.parent, os.O_RDONLY)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes) -> Path:
    """`path` holding exactly `data`, or, on any failure, as it was before."""
    with atomic_path(path) as part, part.open("wb") as handle:
        handle.write(data)
    return path


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
