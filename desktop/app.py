"""Composition root of the GUI: paths → database → QApplication → first run → MainWindow.

User-visible strings are English in the code, wrapped in `self.tr()` or
`QCoreApplication.translate()`; the Chinese lives in resources/translations (workflow in
resources/translations/README.md: pyside6-lupdate, translate, pyside6-lrelease).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Qt-free modules first: once PySide6 is loaded, its import hook reads the source of every
# module imported after it (looking for `from __feature__ import`), 80 ms for SQLAlchemy and
# the models. tests/views/shell/test_start_imports.py keeps this order.
from desktop import APP_NAME, ORG_NAME, __version__, instance_lock
from desktop.db import Database, DatabaseDamagedError, DatabaseError, open_database
from desktop.drafts import DraftJournal, Recovery, recovery_message
from desktop.errors import UserError
from desktop.instance_lock import InstanceLock
from desktop.models.enums import NodeRole
from desktop.paths import Home
from desktop.sync import SyncError

# isort: split
import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    Qt,
    QThread,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.views.common import language, text_size
from desktop.views.common.background import (
    CancelledQuestion,
    ProgressCallback,
    TaskState,
    run_with_progress,
)
from desktop.views.common.icons import app_icon
from desktop.views.shell.crash_hook import crash_hook
from desktop.views.shell.main_window import MainWindow
from desktop.views.shell.single_instance import (
    InstanceServer,
    bring_to_front,
    request_raise,
    server_name,
)

if TYPE_CHECKING:
    # Needed only on their paths (first run, enrolment, a damaged database): imported there,
    # so a usual start does not pay for them (enrolment alone brings Alembic and the crypto).
    from desktop.backups import BackupFile
    from desktop.sync.enrolment import EnrolledRoom
    from desktop.views.shell.first_run_dialog import FirstRunChoice

DEFAULT_LOCALE = language.DEFAULT.value
TRANSLATIONS_DIR = language.TRANSLATIONS_DIR
# Object names mark the translators this module installed, so loading again replaces them.
_TRANSLATOR_NAMES = ("yishi-translator-qtbase", "yishi-translator-app")
DEMO_SEED = 1
# How long a second start waits for the installation: a command (an import) may finish.
GUI_LOCK_WAIT_SECONDS = 3.0


def load_translations(app: QCoreApplication, locale: str | None = None) -> bool:
    """Install Qt's own and Yishi's translations for `locale` (by default the language
    chosen in 设置, remembered per user); False when Yishi's .qm is missing.

    English, the language of the code, needs no catalogue of Yishi's. Translators installed
    by an earlier call are replaced, so a second call for the same language changes nothing.
    """
    locale = locale or language.saved_language().value
    if app.property(language.RUNNING_PROPERTY) == locale and (
        locale == language.Language.ENGLISH
        or app.findChild(QTranslator, _TRANSLATOR_NAMES[1]) is not None
    ):
        return True
    for name in _TRANSLATOR_NAMES:
        while (installed := app.findChild(QTranslator, name)) is not None:
            app.removeTranslator(installed)
            installed.setParent(None)
    app.setProperty(language.RUNNING_PROPERTY, locale)
    QLocale.setDefault(QLocale(locale))
    # Qt's catalogue translates the standard buttons (OK, Cancel) and built-in dialogs.
    qt_translator = QTranslator(app)
    qt_translator.setObjectName(_TRANSLATOR_NAMES[0])
    if qt_translator.load(
        f"qtbase_{locale}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
    if locale == language.Language.ENGLISH:
        return True
    ours = QTranslator(app)
    ours.setObjectName(_TRANSLATOR_NAMES[1])
    if not ours.load(f"yishi_{locale}", str(TRANSLATIONS_DIR)):
        print(f"translation yishi_{locale}.qm not found in {TRANSLATIONS_DIR}", file=sys.stderr)
        return False
    app.installTranslator(ours)
    return True


def _application(*, smoke: bool) -> QApplication:
    if (
        smoke
        and sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        # A smoke run must work on a headless build machine, where Qt would otherwise abort.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    # The text size chosen in 设置 (remembered under the names above), before any window.
    text_size.apply_saved_size()
    return app


def apply_choice(db: Database, choice: FirstRunChoice, *, parent: QWidget | None) -> bool:
    """Set the installation up as chosen, then load demo data if asked; True once set up."""
    from desktop.setup import SetupError, setup_room
    from desktop.sync.identity import setup_office_with_keys

    try:
        if choice.role is not NodeRole.ROOM:
            keys = setup_office_with_keys(db, role=choice.role, name=choice.name)
            # The escrow key is written once: the clerk must know where, and move it away.
            QMessageBox.information(
                parent,
                QCoreApplication.translate("app", "Sync keys made"),
                QCoreApplication.translate(
                    "app",
                    "This computer's key fingerprint: %1\n\nThe escrow key was written once, "
                    "to %2 (fingerprint %3). Copy it to offline media, keep it somewhere safe "
                    "and delete it from this computer: with it, the bundles sent to this office "
                    "can still be read if this computer's keys are lost.",
                )
                .replace("%1", keys.fingerprint)
                .replace("%2", str(keys.escrow_path))
                .replace("%3", keys.escrow_fingerprint),
            )
        elif choice.enrolment is not None:
            enrolled = set_up_from_enrolment(db, choice.enrolment, parent=parent)
            # The keys arrived on a USB stick: the clerk confirms them by phone.
            QMessageBox.information(
                parent,
                QCoreApplication.translate("app", "Enrolled"),
                QCoreApplication.translate(
                    "app",
                    "Enrolled with %1. Read these fingerprints out to the district office by"
                    " phone and check that they match:\n\nDistrict: %2\nThis room: %3",
                )
                .replace("%1", enrolled.district_name)
                .replace("%2", enrolled.district_fingerprint)
                .replace("%3", enrolled.fingerprint),
            )
        else:
            setup_room(db, name=choice.name, village=choice.village, township=choice.township)
    except (SetupError, SyncError, OSError) as exc:
        # OSError: the keys could not be written (say, a file where the keys folder belongs).
        QMessageBox.critical(parent, QCoreApplication.translate("app", "Setup failed"), str(exc))
        return False
    if choice.with_demo:
        run_demo(db, parent=parent)
    return True


def set_up_from_enrolment(
    db: Database, payload: dict[str, Any], *, parent: QWidget | None
) -> EnrolledRoom:
    """Keys, the district's roster and (for a room set up earlier) the mapping of its own
    records, in one transaction on a worker thread; raises what the setup raised."""
    from desktop.sync import enrolment

    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> EnrolledRoom:
        # One transaction: once started it completes or fails, whatever the cancel button says.
        return enrolment.setup_room_from_payload(db, payload)

    result = run_with_progress(
        work,
        parent=parent,
        title=QCoreApplication.translate("app", "Enrolment"),
        label=QCoreApplication.translate("app", "Setting up this room from the enrolment file…"),
    )
    if result.error is not None:
        raise result.error
    enrolled: EnrolledRoom = result.value
    return enrolled


def run_demo(db: Database, *, parent: QWidget | None) -> TaskState:
    """Generate demo data on a worker thread behind a progress dialog with a cancel button."""
    # desktop.demo is large and only needed on this path.
    from desktop import demo

    def work(progress: ProgressCallback, cancelled: CancelledQuestion) -> object:
        # generate() opens its own sessions, in the worker thread that runs it.
        return demo.generate(db, seed=DEMO_SEED, progress=progress, cancelled=cancelled)

    result = run_with_progress(
        work,
        parent=parent,
        title=QCoreApplication.translate("app", "Demo data"),
        label=QCoreApplication.translate("app", "Generating demo data…"),
    )
    if result.state is TaskState.FAILED:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("app", "Demo data"),
            QCoreApplication.translate("app", "The demo data could not be generated: %1").replace(
                "%1", str(result.error)
            ),
        )
    return result.state


class DailyBackup(QThread):
    """The day's automatic backup (desktop.backups.daily_backup) off the GUI thread: a
    district's database of ten years takes a minute to copy and verify, and the window
    must not wait for it. SQLite's backup reads a snapshot, so work goes on meanwhile."""

    # The problem to tell the user ("" when there is none).
    finished_with = Signal(str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db

    def run(self) -> None:
        from desktop.backups import daily_backup

        try:
            warning = daily_backup(self._db).warning or ""
        except (UserError, OSError) as exc:
            warning = str(exc)
        self.finished_with.emit(warning)


def start_of_day_backup(db: Database, *, parent: QWidget | None) -> DailyBackup:
    """Start the day's backup; a failure or a second folder that could not take its copy is
    shown when it ends, and never stops the start. The caller waits for it before closing
    the database."""
    backup = DailyBackup(db)

    def tell(warning: str) -> None:
        if warning:
            QMessageBox.warning(parent, QCoreApplication.translate("app", "Backup"), warning)

    # Queued: the message box opens on the GUI thread, never on the backup's.
    backup.finished_with.connect(tell, Qt.ConnectionType.QueuedConnection)
    backup.start(QThread.Priority.LowPriority)
    return backup


def first_run(db: Database, *, parent: QWidget | None) -> bool:
    """Ask what this computer is for and set it up; False when the user cancels."""
    from desktop.views.shell.first_run_dialog import FirstRunDialog

    choice = FirstRunDialog.ask(parent)
    if choice is None:
        return False
    return apply_choice(db, choice, parent=parent)


def run_gui(*, home: Home, smoke: bool = False, bundle: Path | None = None) -> int:
    """Start the GUI on an installation home; the process's exit code.

    `smoke` shows the main window with the data loaded, prints one line and quits as soon as
    the event loop is idle; it never waits on a dialog (a home with no installation shows
    the main window's "not set up" state). `bundle` (`yishi FILE.yishi`) opens on the 同步
    page with that file selected to import, in this window or the one already open; a smoke
    run first prints what the page said of it.
    """
    app = _application(smoke=smoke)
    load_translations(app)
    taken = take_installation(home, smoke=smoke, bundle=bundle)
    if isinstance(taken, int):
        return taken
    lock, server = taken
    try:
        with crash_hook(smoke=smoke):
            return _run_holding(app, home, server, smoke=smoke, bundle=bundle)
    finally:
        server.close()
        lock.release()


def take_installation(
    home: Home, *, smoke: bool, bundle: Path | None = None
) -> tuple[InstanceLock, InstanceServer] | int:
    """This window's hold on the installation: its lock and the socket a second start
    knocks on; or the exit code when another Yishi has it (its window is brought forward,
    showing `bundle` on its import page when given)."""
    with contextlib.suppress(OSError):
        # The lock file lives in the home; a folder that cannot be made is named by
        # open_database, in its own words.
        home.root.mkdir(parents=True, exist_ok=True)
    name = server_name(home.root)
    # A window just started may hold the lock a moment before it listens: knock again.
    deadline = time.monotonic() + instance_lock.wait_seconds(GUI_LOCK_WAIT_SECONDS)
    while True:
        try:
            lock = instance_lock.acquire(home.root, instance_lock.GUI)
            break
        except instance_lock.LockHeldError as exc:
            if request_raise(name, open_file=bundle):
                _tell(
                    smoke,
                    QCoreApplication.translate("app", "Yishi is already running"),
                    QCoreApplication.translate(
                        "app",
                        "Yishi is already running (one data folder opens in one window only);"
                        " switched to the open window.",
                    )
                    if bundle is None
                    else QCoreApplication.translate(
                        "app",
                        "Yishi is already running (one data folder opens in one window only);"
                        " the file is shown on the Sync page of the open window.",
                    ),
                    critical=False,
                )
                return 0
            if time.monotonic() >= deadline:
                _tell(smoke, QCoreApplication.translate("app", "Yishi is busy"), str(exc))
                return 1
            time.sleep(0.2)
    return lock, InstanceServer(name)


def _tell(smoke: bool, title: str, text: str, *, critical: bool = True) -> None:
    """A start-up message: a dialog, or (smoke runs, build machines) one line."""
    if smoke:
        print(f"smoke: {text}", file=sys.stderr)
    elif critical:
        QMessageBox.critical(None, title, text)
    else:
        QMessageBox.information(None, title, text)


def _open_or_offer_restore(home: Home, *, smoke: bool) -> Database | None:
    """The database, or None once the user was told why it cannot open. A damaged one
    offers the newest sound backup; restored, it opens again."""
    try:
        # A file where keys/ belongs must not stop the start; the window reports the keys.
        return open_database(home, verify=True)
    except DatabaseError as exc:
        if smoke:
            print(f"smoke failed: {exc}", file=sys.stderr)
            return None
        from desktop.backups import newest_sound_backup

        title = QCoreApplication.translate("app", "Yishi cannot open its database")
        backup = newest_sound_backup(home) if isinstance(exc, DatabaseDamagedError) else None
        if backup is None:
            QMessageBox.critical(None, title, str(exc))
            return None
        if not ask_restore(str(exc), backup):
            return None
    from desktop.backups import restore_into_home

    try:
        restore_into_home(home, backup.path)
        return open_database(home, verify=True)
    except (UserError, OSError) as exc:
        QMessageBox.critical(
            None, QCoreApplication.translate("app", "The backup could not be restored"), str(exc)
        )
        return None


def ask_restore(problem: str, backup: BackupFile) -> bool:
    """Whether the user restores `backup` over the damaged database; a seam for tests."""
    box = QMessageBox(QMessageBox.Icon.Critical, "", "")
    box.setWindowTitle(QCoreApplication.translate("app", "Yishi cannot open its database"))
    box.setText(problem)
    box.setInformativeText(
        QCoreApplication.translate(
            "app",
            "The newest sound backup is from %1. Restore it? The damaged file is kept in the"
            " backups folder; what was entered after the backup was made is not in it.",
        ).replace("%1", f"{backup.written_at:%Y-%m-%d %H:%M}")
    )
    restore = box.addButton(
        QCoreApplication.translate("app", "Restore this backup"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return box.clickedButton() is restore


def tell_recovery(recovery: Recovery, *, smoke: bool) -> None:
    """After a power cut or a kill: which minutes were autosaved, which drafts wait."""
    if not recovery.is_empty:
        title = QCoreApplication.translate("app", "Recovered after an unexpected exit")
        _tell(smoke, title, recovery_message(recovery), critical=False)


def _run_holding(
    app: QApplication,
    home: Home,
    server: InstanceServer,
    *,
    smoke: bool,
    bundle: Path | None = None,
) -> int:
    db = _open_or_offer_restore(home, smoke=smoke)
    if db is None:
        return 1
    # Marks the GUI as running; what the last session left if it ended unexpectedly.
    recovered = DraftJournal(home).begin_session()
    backup: DailyBackup | None = None
    try:
        if db.installation() is None and not smoke:
            first_run(db, parent=None)
        window = MainWindow(db)

        def on_setup_requested() -> None:
            if first_run(db, parent=window):
                window.reload()

        window.setup_requested.connect(on_setup_requested)
        # A second start on this home brings this window (or its open dialog) forward.
        server.raise_requested.connect(
            lambda: bring_to_front(QApplication.activeModalWidget() or window)
        )
        # ...and a file it was given shows on the import page (the raise follows).
        server.open_requested.connect(lambda path: window.open_bundle_file(Path(path)))
        window.show()
        if smoke:

            def finish_smoke(chosen: str = "") -> None:
                if chosen:
                    print(f"smoke file: {chosen}", flush=True)
                print(f"smoke ok: {window.windowTitle()}", flush=True)
                window.close()
                app.exit(0)

            # With a file: once the page has said what became of it (its folder is read
            # off the GUI thread).
            window.bundle_file_shown.connect(
                lambda chosen: QTimer.singleShot(0, partial(finish_smoke, chosen))
            )
        if (bundle is None or not window.open_bundle_file(bundle)) and smoke:
            QTimer.singleShot(0, finish_smoke)
        if not smoke:
            # Once the window shows: a big database's copy must not keep it from the user.
            backup = start_of_day_backup(db, parent=window)
        if recovered is not None:
            tell_recovery(recovered, smoke=smoke)
        code = app.exec()
        # A clean exit: the next start has nothing to recover.
        DraftJournal(home).end_session()
        # Closing the last window posts a Quit; exit() can end the loop before it is
        # delivered. Delivered later, outside exec(), it flags the thread to quit with no
        # loop left to clear the flag, and every later QEventLoop (a dialog's exec(), a
        # test's wait) returns at once: an in-process run must leave the application usable.
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        # Now, while its database is still open: deleteLater() would wait for an event loop
        # that an in-process caller may never run again, leaving the window behind.
        shiboken6.delete(window)
        return code
    finally:
        if backup is not None:
            # A backup under way is finished, not cut short (it would be left as a .part).
            backup.wait()
        db.close()
