"""Where a bug's traceback goes: a log file for whoever fixes it, never the user's screen."""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path

from desktop import __version__, clock


def log_path() -> Path:
    return Path(tempfile.gettempdir()) / "yishi-error.log"


def write_crash(error: BaseException) -> Path | None:
    """Append `error`'s traceback to the log; the log's path, or None if it cannot be written."""
    log = log_path()
    try:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {clock.now():%Y-%m-%d %H:%M:%S} yishi {__version__}\n")
            traceback.print_exception(error, file=handle)
    except OSError:
        return None
    return log


def summary(error: BaseException) -> str:
    """One line naming the error, for the message that points at the log."""
    first = (str(error).splitlines() or [""])[0]
    return f"{type(error).__name__}: {first}"
