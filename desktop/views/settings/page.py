"""The settings page (设置): room details, data folder, backups, the database (an office's),
printer, fonts and sync keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import settings
from desktop.backups import (
    BackupInfo,
    RestoreError,
    backup_now,
    changes_since,
    inspect_backup,
    list_backups,
    on_server,
    restore_backup,
    server_backups_message,
)
from desktop.documents.fonts import FontRole
from desktop.errors import UserError
from desktop.formatting import format_date, format_time
from desktop.models.enums import NodeRole
from desktop.queries import Database
from desktop.queries.settings import room_details, setting_value
from desktop.views.common.background import TaskState, run_with_progress
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label, show_message, with_message
from desktop.views.common.icons import icon
from desktop.views.settings.app_lock_section import AppLockSection
from desktop.views.settings.backup_table_model import BackupTableModel
from desktop.views.settings.database_card import DatabaseSection
from desktop.views.settings.font_chooser import FontChooser
from desktop.views.settings.keys_section import KeysSection
from desktop.views.settings.language_chooser import LanguageChooser
from desktop.views.settings.printer_section import PrinterSection
from desktop.views.settings.second_folder_row import SecondFolderRow
from desktop.views.settings.text_size_chooser import TextSizeChooser
from desktop.workflow.rooms import save_room_details
from desktop.workflow.settings import (
    ALERT_DAYS_MAX,
    ALERT_OPTIONS,
    choose_alert_days,
)


def _inspected(db: Database, path: Path) -> tuple[BackupInfo, int | None]:
    """The backup checked as a restore would, and how many changes restoring it undoes."""
    info = inspect_backup(path)
    return info, changes_since(db, info)


def _card(title: str, *, subtitle: str = "") -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("figureCard")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(8)
    heading = QLabel(title)
    heading.setFont(scaled_font(heading, 1.2, bold=True))
    layout.addWidget(heading)
    if subtitle:
        note = QLabel(subtitle)
        note.setObjectName("mutedText")
        note.setWordWrap(True)
        layout.addWidget(note)
    return card, layout


class SettingsPage(QWidget):
    """Cards, one per concern; each change is saved to the local `setting` table at once."""

    room_saved = Signal()
    # The database now holds a backup's state: every page must read it again from scratch.
    database_restored = Signal()
    # The app lock was turned on or off, or its idle time changed: the window reads it again.
    app_lock_changed = Signal()
    lock_now_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        installation = db.installation()
        self._role: NodeRole | None = installation.role if installation is not None else None
        self._district = self._role is NodeRole.DISTRICT
        # A city office collects its districts' records and writes none: like a district it
        # has no room of its own, and nothing of the districts' to edit here.
        self._city = self._role is NodeRole.CITY
        self._office = self._district or self._city

        title = QLabel(self.tr("Settings"))
        title.setFont(scaled_font(title, 1.8, bold=True))
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(14)
        column.addWidget(self._room_card())
        column.addWidget(self._data_card())
        if self._office:
            # A room keeps its records in its file; an office may move them to a server.
            column.addWidget(self._database_card())
        column.addWidget(self._app_lock_card())
        if self._district:
            column.addWidget(self._alerts_card())
        if not self._city:
            # A city prints nothing from Yishi (its statistics go out as PDF or Word files).
            column.addWidget(self._printer_card())
        column.addWidget(self._fonts_card())
        column.addWidget(self._text_size_card())
        column.addWidget(self._language_card())
        column.addWidget(self._keys_card())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save_room)
        self.refresh()

    # Cards -------------------------------------------------------------------------------
    def _room_card(self) -> QFrame:
        # A district or city office has no room of its own: only its name shows, read-only.
        if self._city:
            title = self.tr("City CPPCC")
        elif self._district:
            title = self.tr("District CPPCC")
        else:
            title = self.tr("Consultation room")
        card, layout = _card(title)
        self.room_name_edit = QLineEdit()
        self.village_edit = QLineEdit()
        self.township_edit = QLineEdit()
        # What the fields held when last loaded: anything else is typed and not saved.
        self._room_loaded = ("", "", "")
        # The room's and the township's revisions as loaded; saving refuses if someone
        # changed either meanwhile.
        self._room_revisions: tuple[int | None, int | None] = (None, None)
        self.room_message = message_label()
        self.room_reason = QLabel()
        self.room_reason.setObjectName("mutedText")
        self.room_reason.setWordWrap(True)
        self.save_room_button = QPushButton(icon("save", color="#ffffff"), self.tr("Save"))
        self.save_room_button.setObjectName("primaryButton")
        self.save_room_button.setToolTip(self.tr("Save the room's details (Ctrl+S)"))
        for edit in (self.room_name_edit, self.village_edit, self.township_edit):
            edit.setMaximumWidth(460)  # names are short; a full-width field reads oddly
        self.room_form = QFormLayout()
        self.room_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.room_form.addRow(
            self.tr("Name") if self._office else self.tr("Room name"), self.room_name_edit
        )
        # What this computer is, in the words the status bar and the dashboard use.
        self.role_label = QLabel(self._role.label if self._role is not None else "")
        self.room_form.addRow(self.tr("Role"), self.role_label)
        self.room_form.setRowVisible(self.role_label, self._city)
        self.room_form.addRow(self.tr("Village / community"), self.village_edit)
        self.room_form.addRow(self.tr("Township / street"), self.township_edit)
        for edit in (self.village_edit, self.township_edit):
            self.room_form.setRowVisible(edit, not self._office)
        buttons = QHBoxLayout()
        buttons.addWidget(with_message(self.room_reason, self.room_message), 1)
        buttons.addWidget(self.save_room_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.room_form)
        layout.addLayout(buttons)
        self.save_room_button.clicked.connect(self._on_save_room)
        for edit in (self.room_name_edit, self.village_edit, self.township_edit):
            edit.returnPressed.connect(self._on_save_room)
        return card

    def _data_card(self) -> QFrame:
        card, layout = _card(
            self.tr("Data and backups"),
            subtitle=self.tr(
                "Everything Yishi keeps is in this folder. A backup is also made by itself at "
                "the first start of each day and before every import, update and restore."
            ),
        )
        home = self._db.home
        self.home_label = QLabel(str(home.root))
        self.home_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.home_label.setWordWrap(True)
        self.open_folder_button = QPushButton(icon("folder"), self.tr("Open folder"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.home_label, 1)
        folder_row.addWidget(self.open_folder_button)
        self.backup_model = BackupTableModel(self)
        self.backup_table = QTableView()
        self.backup_table.setModel(self.backup_model)
        self.backup_table.verticalHeader().hide()
        self.backup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Read-only rows: Tab moves on to the next button, the arrow keys walk the rows.
        self.backup_table.setTabKeyNavigation(False)
        self.backup_table.setMinimumHeight(110)
        self.backup_table.setMaximumHeight(170)
        header = self.backup_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.backup_count_label = QLabel()
        self.backup_count_label.setObjectName("mutedText")
        self.backup_message = message_label()
        self.backup_status = QLabel()
        self.backup_status.setObjectName("mutedText")
        self.backup_status.setWordWrap(True)
        self.backup_status.hide()
        self.backup_button = QPushButton(icon("backup", color="#ffffff"), self.tr("Back up now"))
        self.backup_button.setObjectName("primaryButton")
        self.open_backups_button = QPushButton(self.tr("Open backup folder"))
        self.restore_button = QPushButton(self.tr("Restore from backup…"))
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_count_label, 1)
        backup_row.addWidget(self.open_backups_button)
        backup_row.addWidget(self.restore_button)
        backup_row.addWidget(self.backup_button)
        layout.addLayout(folder_row)
        layout.addWidget(self.backup_table)
        layout.addLayout(backup_row)
        self.second_folder_row = SecondFolderRow(self._db)
        layout.addWidget(self.second_folder_row)
        layout.addWidget(self.backup_status)
        layout.addWidget(self.backup_message)
        self.open_folder_button.clicked.connect(self._on_open_home)
        self.open_backups_button.clicked.connect(self._on_open_backups)
        self.backup_button.clicked.connect(self._on_backup)
        self.restore_button.clicked.connect(self._on_restore)
        if on_server(self._db):
            # The records are on the district's database server, which its administrator
            # backs up: the folder keeps the keys and attachments only.
            self.backup_status.setText(server_backups_message(self._db))
            self.backup_status.show()
            hidden: tuple[QWidget, ...] = (
                self.backup_table,
                self.second_folder_row,
                self.restore_button,
                self.backup_count_label,
                self.open_backups_button,
                self.backup_button,
            )
            for widget in hidden:
                widget.hide()
        return card

    def _database_card(self) -> QFrame:
        card, layout = _card(
            self.tr("Database"),
            subtitle=self.tr(
                "Where the records are kept. On a PostgreSQL server, several computers of the "
                "office can work on the same records."
            ),
        )
        self.database_section = DatabaseSection(self._db)
        layout.addWidget(self.database_section)
        return card

    def _app_lock_card(self) -> QFrame:
        card, layout = _card(
            self.tr("App lock"),
            subtitle=self.tr(
                "For a computer others use too: Yishi hides everything behind a password at "
                "start and after a while without input. This computer only; never synced."
            ),
        )
        self.app_lock_section = AppLockSection(self._db)
        self.app_lock_section.app_lock_changed.connect(self.app_lock_changed)
        self.app_lock_section.lock_now_requested.connect(self.lock_now_requested)
        layout.addWidget(self.app_lock_section)
        return card

    def _alerts_card(self) -> QFrame:
        card, layout = _card(
            self.tr("Alerts on the dashboard"),
            subtitle=self.tr(
                "The dashboard lists the rooms that sent no bundle for this many days, and "
                "the meetings whose minutes are still not final this many days after."
            ),
        )
        form = QFormLayout()
        self.alert_spins: dict[str, QSpinBox] = {}
        for option, label in (
            (settings.ROOM_SILENT_DAYS, self.tr("A room is silent after (days)")),
            (settings.MINUTES_DUE_DAYS, self.tr("Minutes are late after (days)")),
        ):
            spin = QSpinBox()
            spin.setRange(1, ALERT_DAYS_MAX)
            spin.setMaximumWidth(120)
            spin.valueChanged.connect(lambda days, o=option: choose_alert_days(self._db, o, days))
            self.alert_spins[option.key] = spin
            form.addRow(label, spin)
        layout.addLayout(form)
        return card

    def _load_alerts(self) -> None:
        for option in ALERT_OPTIONS:
            spin = self.alert_spins[option.key]
            spin.blockSignals(True)
            spin.setValue(setting_value(self._db, option))
            spin.blockSignals(False)

    def _printer_card(self) -> QFrame:
        card, layout = _card(
            self.tr("Printer"),
            subtitle=self.tr("Sign-in sheets, notices and minutes print here unless you choose."),
        )
        self.printer_section = PrinterSection(self._db)
        self.printer_combo = self.printer_section.printer_combo
        layout.addWidget(self.printer_section)
        return card

    def _fonts_card(self) -> QFrame:
        card, layout = _card(
            self.tr("Document fonts"),
            subtitle=self.tr(
                "Printed documents embed these fonts, so they look the same on every PC. "
                "As GB/T 9704 asks: FangSong for the body, XiaoBiaoSong or SimSun for titles, "
                "SimHei for first-level and KaiTi for second-level headings. Choose TrueType "
                "fonts (.ttf / .ttc) to use others."
            ),
        )
        self.body_font = FontChooser(self._db, FontRole.BODY)
        self.title_font = FontChooser(self._db, FontRole.TITLE)
        self.heading_font = FontChooser(self._db, FontRole.HEADING)
        self.kai_font = FontChooser(self._db, FontRole.KAI)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("Body text"), self.body_font)
        form.addRow(self.tr("Titles"), self.title_font)
        form.addRow(self.tr("First-level headings"), self.heading_font)
        form.addRow(self.tr("Second-level headings"), self.kai_font)
        layout.addLayout(form)
        return card

    def _keys_card(self) -> QFrame:
        subtitle = (
            self.tr(
                "The keys that sign and encrypt sync bundles. Read this installation's "
                "fingerprint out over the phone: each district office joining the city must "
                "see the same one."
            )
            if self._city
            else self.tr(
                "The keys that sign and encrypt sync bundles. Read the fingerprints out over "
                "the phone: the district office and the room must see the same ones."
            )
        )
        card, layout = _card(self.tr("Key fingerprints"), subtitle=subtitle)
        self.keys_section = KeysSection(self._db, role=self._role)
        self.keys_section.enrolled.connect(self.refresh)
        # The page's names for the section's parts, as tests and other pages know them.
        self.own_fingerprint_label = self.keys_section.own_fingerprint_label
        self.keys_note = self.keys_section.keys_note
        self.enrol_button = self.keys_section.enrol_button
        layout.addWidget(self.keys_section)
        return card

    def _text_size_card(self) -> QFrame:
        card, layout = _card(
            self.tr("Text size"),
            subtitle=self.tr("Larger text for easier reading; this computer only."),
        )
        self.text_size = TextSizeChooser()
        layout.addWidget(self.text_size)
        return card

    def _language_card(self) -> QFrame:
        card, layout = _card(
            self.tr("Interface language"),
            subtitle=self.tr("The language of the window; this computer only."),
        )
        self.language = LanguageChooser()
        layout.addWidget(self.language)
        return card

    # Public ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read everything again (setup, other pages or a restore may have changed it)."""
        self._load_room()
        self._load_backups()
        self.second_folder_row.load()
        if self._office:
            self.database_section.load()
        self.app_lock_section.load()
        if not self._city:
            self.printer_section.load()
        if self._district:
            self._load_alerts()
        for chooser in (self.body_font, self.title_font, self.heading_font, self.kai_font):
            chooser.load()
        self.keys_section.load()

    def open_folder(self, folder: Path) -> bool:
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # Internals ---------------------------------------------------------------------------
    def _on_open_home(self) -> None:
        self.open_folder(self._db.home.root)

    def _on_open_backups(self) -> None:
        self.open_folder(self._db.home.backups)

    def _load_room(self) -> None:
        details = room_details(self._db)
        edits = (self.room_name_edit, self.village_edit, self.township_edit)
        if details is None:
            installation = self._db.installation()
            self.room_name_edit.setText(installation.name if installation else "")
            self.village_edit.clear()
            self.township_edit.clear()
            if self._city:
                reason = self.tr(
                    "City mode: the districts and their rooms keep their own details; this "
                    "computer changes none of their records."
                )
            elif self._district:
                reason = self.tr("District mode: each room keeps its own details.")
            else:
                reason = self.tr("This installation is not set up yet.")
            editable = False
        else:
            self.room_name_edit.setText(details.name)
            self.village_edit.setText(details.village)
            self.township_edit.setText(details.township)
            reason = details.reason
            editable = details.editable
            self._room_revisions = (details.revision, details.township_revision)
        for edit in edits:
            edit.setReadOnly(not editable)
        self._room_loaded = self._room_typed()
        self.save_room_button.setVisible(editable)
        self.room_reason.setText(reason)
        self.room_reason.setVisible(bool(reason))
        show_message(self.room_message, "")

    def _room_typed(self) -> tuple[str, str, str]:
        return (self.room_name_edit.text(), self.village_edit.text(), self.township_edit.text())

    def unsaved_input(self) -> bool:
        """True while the room's details were changed but not saved."""
        return not self.room_name_edit.isReadOnly() and self._room_typed() != self._room_loaded

    def _load_backups(self) -> None:
        files = list_backups(self._db.home)
        self.backup_model.set_files(files)
        self.backup_count_label.setText(self.tr("%1 backups").replace("%1", str(len(files))))

    def _on_save_room(self) -> None:
        if not self.save_room_button.isVisible():
            return
        show_message(self.room_message, "")
        try:
            save_room_details(
                self._db,
                name=self.room_name_edit.text(),
                village=self.village_edit.text(),
                township=self.township_edit.text(),
                expected_revision=self._room_revisions[0],
                expected_township_revision=self._room_revisions[1],
            )
        except UserError as error:
            # Refused, changed elsewhere or the database busy: the typed details stay.
            show_message(self.room_message, str(error))
            return
        self._load_room()
        self.room_reason.setText(self.tr("Saved."))
        self.room_reason.setVisible(True)
        self.room_saved.emit()

    def _on_backup(self) -> None:
        show_message(self.backup_message, "")
        show_message(self.backup_status, "")
        db = self._db
        result = run_with_progress(
            lambda _progress, _cancelled: backup_now(db),
            parent=self,
            title=self.tr("Backup"),
            label=self.tr("Backing up the database…"),
        )
        if result.state is TaskState.DONE:
            self._load_backups()
            show_message(
                self.backup_status,
                self.tr("Backed up to %1").replace("%1", str(result.value)),
            )
        elif result.state is TaskState.FAILED:
            show_message(
                self.backup_message,
                self.tr("The backup failed: %1").replace("%1", str(result.error)),
            )

    def _chosen_backup(self) -> Path | None:
        """The backup selected in the list, or one picked from a folder (a USB stick)."""
        rows = self.backup_table.selectionModel().selectedRows()
        if rows:
            chosen: Path = self.backup_model.file_at(rows[0].row()).path
            return chosen
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from backup"),
            str(self._db.home.backups),
            self.tr("Yishi backups (*.sqlite)"),
        )
        return Path(name) if name else None

    def _on_restore(self) -> None:
        show_message(self.backup_message, "")
        show_message(self.backup_status, "")
        path = self._chosen_backup()
        if path is None:
            return
        db = self._db
        # A whole copy of the backup (perhaps on a stick) and SQLite's checks: off the GUI thread.
        checked = run_with_progress(
            lambda _progress, _cancelled: _inspected(db, path),
            parent=self,
            title=self.tr("Restore from backup"),
            label=self.tr("Checking the backup…"),
        )
        if isinstance(checked.error, RestoreError | OSError):
            show_message(self.backup_message, str(checked.error))
        elif checked.state is TaskState.FAILED and checked.error is not None:
            raise checked.error
        if checked.state is not TaskState.DONE:
            return
        info, changes = checked.value
        when = f"{format_date(info.created.date())} {format_time(info.created.time())}"
        question = self.tr(
            "Restore the backup of %1?\n\nAll changes made after %1 will be undone. The "
            "current state is backed up first."
        ).replace("%1", when)
        if changes:
            question += "\n\n" + self.tr("Changes undone: %1").replace("%1", str(changes))
        answer = QMessageBox.question(
            self,
            self.tr("Restore from backup"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        result = run_with_progress(
            lambda _progress, _cancelled: restore_backup(db, path),
            parent=self,
            title=self.tr("Restore"),
            label=self.tr("Restoring the database…"),
        )
        if result.state is TaskState.FAILED:
            show_message(
                self.backup_message,
                self.tr("The restore failed: %1").replace("%1", str(result.error)),
            )
            return
        if result.state is TaskState.DONE:
            self._load_backups()
            show_message(
                self.backup_status, self.tr("Restored the backup of %1.").replace("%1", when)
            )
            # Pages built on the old state (lists, open editors) are rebuilt by the window.
            self.database_restored.emit()
