"""The settings page's database card (a district or city office): where the records are, and
the move from the SQLite file onto a PostgreSQL server (`yishi migrate-db` in a dialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError, storage_reason
from desktop.migrate_db import (
    ADDRESS_FORM,
    MigrateResult,
    check_server_address,
    copy_order,
    migrate_to_server,
    remembered_server,
    server_in_use,
)
from desktop.paths import Home
from desktop.queries import Database
from desktop.views.common.background import (
    CancelledQuestion,
    ProgressCallback,
    TaskState,
    run_with_progress,
)
from desktop.views.common.forms import FormDialog, message_label, show_message, with_message


class _MoveCancelled(Exception):
    """Raised inside the copy once the user cancelled: the copy's single server transaction
    rolls back, so the server database stays empty and the home stays on its file."""


class DatabaseSection(QWidget):
    """Where the records are; on the SQLite file, the way to move them to a server."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.location_label = QLabel()
        self.location_label.setWordWrap(True)
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setObjectName("mutedText")
        self.state_label.setWordWrap(True)
        self.state_label.hide()
        self.move_button = QPushButton(self.tr("Move to a database server…"))
        self.move_dialog: MoveToServerDialog | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.location_label, 1)
        row.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.state_label)
        self.move_button.clicked.connect(self._on_move)
        self.load()

    def load(self) -> None:
        server = server_in_use(self._db)
        if server is not None:
            # The password is never part of the label: only server, port and database.
            self.location_label.setText(
                self.tr("The records are on the PostgreSQL server %1.").replace("%1", server)
            )
            self.move_button.hide()
            show_message(self.state_label, "")
            return
        self.location_label.setText(
            self.tr("The records are in the database file on this computer: %1").replace(
                "%1", str(self._db.home.database)
            )
        )
        try:
            moved_to = remembered_server(self._db.home)
        except UserError as error:
            # A broken `database-url` file: the next start refuses it with the same words.
            self.move_button.hide()
            show_message(self.state_label, str(error))
            return
        if moved_to is not None:
            # Moved while this window kept the file open (here or by `yishi migrate-db`).
            self._show_moved(moved_to)
            return
        self.move_button.show()
        show_message(self.state_label, "")

    def _show_moved(self, server: str) -> None:
        self.move_button.hide()
        show_message(self.state_label, restart_message(server))

    def _on_move(self) -> None:
        dialog = MoveToServerDialog(self._db.home, self)
        dialog.moved.connect(self._show_moved)
        dialog.finished.connect(dialog.deleteLater)
        self.move_dialog = dialog
        # Not exec(): the dialog is window-modal all the same, and a test can drive it.
        dialog.open()


def restart_message(server: str) -> str:
    """What the user must do after a move: the open window still works on the file."""
    return QCoreApplication.translate(
        "DatabaseSection",
        "The records were moved to the PostgreSQL server %1. Close Yishi and start it again "
        "to use the server: until then this window still has the file on this computer "
        "open, and whatever is saved in it now stays in the file and is not on the server.",
    ).replace("%1", server)


class MoveToServerDialog(FormDialog):
    """The server's address, what a move does, and the move itself behind a progress dialog;
    a refusal is shown here and changes nothing, a success is reported here too."""

    # The server's `server:port/database`, once the home opens it from its next start.
    moved = Signal(str)

    def __init__(self, home: Home, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._home = home
        self.setWindowTitle(self.tr("Move to a database server"))
        self.setMinimumWidth(560)
        self.explanation = QLabel(
            self.tr(
                "Yishi copies every record from the database file on this computer into a "
                "database on a PostgreSQL server, checks each table on both sides, and from "
                "its next start uses the server.\n\n"
                "The server's database must exist and be empty: its administrator makes it. "
                "The file on this computer is left as it is. Yishi must be restarted after "
                "the move to use the server."
            )
        )
        self.explanation.setWordWrap(True)
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(ADDRESS_FORM)
        self.address_message = message_label()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.form = QFormLayout()
        address = with_message(self.address_edit, self.address_message)
        self.form.addRow(self.tr("Server address"), address)
        self.buttons = QDialogButtonBox()
        self.move_button = self.buttons.addButton(
            self.tr("Move"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.move_button.setDefault(True)
        self.move_button.clicked.connect(self._on_move)
        self.cancel_button.clicked.connect(self.reject)
        # After a move there is nothing left to discard: closing just closes.
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

    def _say(self, text: str) -> None:
        show_message(self.address_message, text)
        self.adjustSize()  # grown (or shrunk) to the message, a long one wrapped whole

    def _on_move(self) -> None:
        self._say("")
        url_text = self.address_edit.text()
        try:
            server = check_server_address(url_text)
        except UserError as error:
            self._say(str(error))
            return
        home = self._home
        order = {name: number for number, name in enumerate(copy_order(), 1)}

        def work(progress: ProgressCallback, cancelled: CancelledQuestion) -> MigrateResult:
            def copied(table: str, _rows: int) -> None:
                if cancelled():
                    raise _MoveCancelled
                progress(order.get(table, 0), len(order))

            # The move opens its own connections on this worker thread, none of the window's.
            return migrate_to_server(home, url_text, progress=copied)

        result = run_with_progress(
            work,
            parent=self,
            title=self.tr("Move to a database server"),
            label=self.tr("Copying the records to %1 and checking them…").replace("%1", server),
        )
        if result.state is TaskState.CANCELLED:
            self._say(
                self.tr("The move was cancelled: Yishi still uses the file on this computer."),
            )
            return
        if result.state is TaskState.FAILED:
            failure = result.error
            if isinstance(failure, UserError):
                self._say(str(failure))
            elif failure is not None and (reason := storage_reason(failure)) is not None:
                self._say(
                    self.tr(
                        "The move failed: %1. Yishi still uses the file on this computer."
                    ).replace("%1", reason),
                )
            elif failure is not None:
                raise failure  # a fault, not a refusal: the crash handler reports it
            return
        self._show_result(result.value)

    def _show_result(self, result: MigrateResult) -> None:
        lines = [
            self.tr(
                "Moved to the PostgreSQL server %1: %2 records in %3 tables, each table "
                "checked on both sides (row count and checksum)."
            )
            .replace("%1", result.server)
            .replace("%2", str(result.rows))
            .replace("%3", str(len(result.tables)))
        ]
        if result.search_rows is None:
            lines.append(
                self.tr(
                    "The search index could not be built on the server: run "
                    "“yishi check --repair-search”."
                )
            )
        lines.append(
            self.tr("The database file on this computer is left as it was: %1").replace(
                "%1", str(self._home.database)
            )
        )
        lines.append(restart_message(result.server))
        self.result_label.setText("\n\n".join(lines))
        self.result_label.show()
        # The result says what was done; the address typed (password and all) goes away.
        self.explanation.hide()
        self.form.setRowVisible(0, False)
        self.address_edit.clear()
        self.move_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.adjustSize()
        # Nothing typed is left to lose: Esc closes without asking to discard.
        self.edited = False
        self.moved.emit(result.server)
