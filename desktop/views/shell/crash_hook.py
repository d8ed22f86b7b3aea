"""The last line of defence: an exception no form caught is logged and told in Chinese.

PySide6 prints an exception raised in a slot and carries on, so without this hook a bug
would show a traceback on a console nobody reads, or nothing at all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.crash_log import summary, write_crash
from desktop.errors import UserError

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def crash_message(error: BaseException) -> str:
    """What the user reads: a refusal as it is; a bug as one line and where its log went."""
    if isinstance(error, UserError):
        return str(error)
    log = write_crash(error)
    text = QCoreApplication.translate(
        "crash_hook",
        "Something unexpected went wrong (%1). What was saved before is safe;"
        " please check the last entry and carry on.",
    ).replace("%1", summary(error))
    if log is not None:
        text += QCoreApplication.translate("crash_hook", "Details were written to %1.").replace(
            "%1", str(log)
        )
    return text


@contextmanager
def crash_hook(*, smoke: bool) -> Iterator[None]:
    """While the GUI runs, uncaught exceptions become a message box (smoke runs: one line)."""
    previous: Hook = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt) or showing:
            previous(kind, error, tb)
            return
        message = crash_message(error)
        if smoke:
            print(f"smoke: {message}", file=sys.stderr)
            return
        showing = True
        try:
            QMessageBox.warning(
                QApplication.activeWindow(),
                QCoreApplication.translate("crash_hook", "Yishi"),
                message,
            )
        finally:
            showing = False

    sys.excepthook = hook
    try:
        yield
    finally:
        sys.excepthook = previous
