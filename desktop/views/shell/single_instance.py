"""One window per installation: a second start asks the running window to come to the front.

The installation lock (desktop.instance_lock) decides who writes; this is only how the
second start reaches the first. The holder listens on a local socket (a named pipe on
Windows) named after the home folder; a second start on the same home connects, says
"raise" and exits, and the secretary finds the window already open instead of a copy that
would overwrite the other's edits. A second start given a bundle file (`yishi FILE.yishi`, a
double click in Explorer) says "open <path>" instead: the window shows the file to import.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

RAISE_MESSAGE = b"raise\n"
# Followed by the file's absolute path in UTF-8 and a line feed; it raises the window too.
OPEN_PREFIX = b"open "
CONNECT_TIMEOUT_MS = 1000


def server_name(root: Path) -> str:
    """The local socket's name for a home: a hash, since paths hold characters (and lengths)
    a socket or pipe name cannot."""
    digest = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:24]
    return f"yishi-{digest}"


class InstanceServer(QObject):
    """Listens while this process holds the installation; says when a second start knocks."""

    raise_requested = Signal()
    # The absolute path of a file to show on the import page; a raise_requested follows.
    open_requested = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        # Only the lock holder gets here, so a socket file left by a crashed holder is stale.
        QLocalServer.removeServer(name)
        self._server.newConnection.connect(self._on_new_connection)
        self.listening = self._server.listen(name)

    def close(self) -> None:
        self._server.close()
        for socket in self._server.findChildren(QLocalSocket):
            socket.readyRead.disconnect(self._on_ready_read)
            socket.abort()

    def _on_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            # A child of the server (Qt's choice), answered through sender(): no Python
            # closure keeps a wrapper of a socket Qt may already have deleted.
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            # The message may have arrived with the connection.
            if socket.bytesAvailable():
                self._read(socket)

    @Slot()
    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        # Whole lines only: a long path may arrive in pieces, the rest stays in the buffer.
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).rstrip(b"\r\n")
            if line.startswith(OPEN_PREFIX) and len(line) > len(OPEN_PREFIX):
                path = line.removeprefix(OPEN_PREFIX)
                self.open_requested.emit(path.decode("utf-8", errors="surrogateescape"))
                self.raise_requested.emit()
            elif line == RAISE_MESSAGE.strip():
                self.raise_requested.emit()


def open_message(path: Path) -> bytes:
    """What a second start given a file says: its absolute path, as this process sees it."""
    return OPEN_PREFIX + os.path.abspath(path).encode("utf-8", errors="surrogateescape") + b"\n"


def request_raise(
    name: str, *, timeout_ms: int = CONNECT_TIMEOUT_MS, open_file: Path | None = None
) -> bool:
    """Ask the running window listening as `name` to come forward (showing `open_file` on
    its import page, when given); False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE_MESSAGE if open_file is None else open_message(open_file))
    sent = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return sent


def bring_to_front(widget: QWidget) -> None:
    """Un-minimise, raise and activate; the system may only flash the taskbar entry."""
    if widget.isMinimized():
        widget.setWindowState(widget.windowState() & ~Qt.WindowState.WindowMinimized)
        widget.showNormal()
    widget.show()
    widget.raise_()
    widget.activateWindow()
