"""The sync page (同步): export a bundle to a USB drive, import bundles from one, the history.

The district exports for one room, or for every room of a township in one pack file
(desktop.sync.pack), or, once it joined a city office, for the city (desktop.sync.upward); a
room lists packs beside bundles and imports its own bundle from one. A city office enrols its
districts here and answers each district's bundles with an acknowledgement.

Its parts: drive_picker.py (the drive row), bundle_file_model.py (the import list),
chosen_file.py (a file opened from outside, `yishi FILE.yishi`), folder_scan.py (listing a
folder off the GUI thread), workers.py (export and import off the GUI thread), page_words.py
(what the page says), history.py (the tabs beneath), city_dialogs.py (enrolment one level up).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.errors import UserError
from desktop.models.enums import NodeRole
from desktop.queries import Database
from desktop.sync import status as sync_status
from desktop.sync.export import ExportResult, export_bundle
from desktop.sync.keycheck import KeyProblem, diagnose_keys
from desktop.sync.pack import PackResult, township_choices
from desktop.sync.status import BundleFile, SyncStatus
from desktop.sync.upward import CityDistrict, districts_of_city
from desktop.views.common import remember
from desktop.views.common.background import (
    CancelledQuestion,
    ProgressCallback,
    TaskState,
    Work,
    run_with_progress,
)
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.icons import icon
from desktop.views.common.query_table_model import OVERDUE_RED
from desktop.views.people.member_match_dialog import MemberMatchDialog
from desktop.views.sync import chosen_file
from desktop.views.sync.bundle_file_model import BundleFileModel, bundle_file_table
from desktop.views.sync.choices import district_items, fill_choices, joined_city, township_items
from desktop.views.sync.city_dialogs import EnrolDistrictDialog, JoinCityDialog
from desktop.views.sync.drive_picker import DrivePicker, Folder, mounted_folders
from desktop.views.sync.enrol_dialog import EnrolDialog
from desktop.views.sync.folder_scan import FolderScanner, busy_bar
from desktop.views.sync.history import SyncHistoryTabs
from desktop.views.sync.key_problem_banner import KeyProblemBanner
from desktop.views.sync.page_words import (
    districts_text,
    exported_text,
    files_note,
    outcome_text,
    pack_text,
    status_line,
    status_note,
)
from desktop.views.sync.workers import (
    FileOutcome,
    export_pack_work,
    export_work,
    import_work,
)
from desktop.workflow.local_members import pending_for

__all__ = ["Folder", "SyncPage"]


class SyncPage(QWidget):
    """A drive to use, export and import, then the history and the acknowledgements."""

    # The import list shows a folder's files (after each scan, or when there is no folder).
    files_listed = Signal()
    # What the page says of a file opened from outside (choose_file): selected, or why not.
    file_chosen = Signal(str)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        installation = db.installation()
        self._district = installation is not None and installation.role is NodeRole.DISTRICT
        self._city = installation is not None and installation.role is NodeRole.CITY
        # District: the city office it joined (its name), None until it joins one.
        self._joined_city: str | None = None
        self._status: SyncStatus | None = None
        self.key_problem: KeyProblem | None = None
        # A file opened from outside: listed whenever its folder is, selected once.
        self._chosen: Path | None = None
        self._select_chosen = False

        title = QLabel(self.tr("Sync"))
        title.setFont(scaled_font(title, 1.8, bold=True))
        self.status_label = QLabel()
        self.status_label.setObjectName("mutedText")
        self.status_label.setWordWrap(True)
        self.enrol_note = QLabel()
        self.enrol_note.setWordWrap(True)
        self.enrol_note.setStyleSheet(f"color: {OVERDUE_RED.name()};")
        self.enrol_note.hide()
        # A room set up on its own enrols here whenever the district's file arrives.
        self.enrol_button = QPushButton(self.tr("Enrol with the district's file…"))
        self.enrol_button.hide()
        # One level up: a district joins its city with the city's file; a city enrols districts.
        self.join_city_button = QPushButton(self.tr("Join a city office with its file…"))
        self.join_city_button.hide()
        self.enrol_district_button = QPushButton(self.tr("Enrol a district office…"))
        self.enrol_district_button.setVisible(self._city)
        # Local members the district's roster may name: a person decides.
        self.match_button = QPushButton()
        self.match_button.hide()
        self.key_banner = KeyProblemBanner(in_main_window=False)

        # The drive -------------------------------------------------------------------
        # The page keeps the two seams a test patches; the picker asks it each time.
        self.drive_picker = DrivePicker(
            folders=lambda: self.folders(), choose=lambda: self.choose_folder()
        )

        # Export ----------------------------------------------------------------------
        export_card = QFrame()
        export_card.setObjectName("figureCard")
        export_layout = QVBoxLayout(export_card)
        export_layout.setContentsMargins(18, 14, 18, 14)
        export_layout.setSpacing(8)
        export_title = QLabel(self.tr("Export"))
        export_title.setFont(scaled_font(export_title, 1.2, bold=True))
        self.export_note = QLabel()
        self.export_note.setObjectName("mutedText")
        self.export_note.setWordWrap(True)
        # The district sends to one room, or to every room of a township in one file.
        self.room_scope = QRadioButton(self.tr("One room"))
        self.township_scope = QRadioButton(self.tr("All rooms of a township, in one file"))
        self.township_scope.setToolTip(
            self.tr(
                "One file on the drive with a bundle for each enrolled room of the township; "
                "each room imports its own bundle from it"
            )
        )
        # Shown once the district joined a city office.
        self.city_scope = QRadioButton(self.tr("The city office"))
        self.city_scope.hide()
        self.room_scope.setChecked(True)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.room_scope)
        scope_row.addWidget(self.township_scope)
        scope_row.addWidget(self.city_scope)
        scope_row.addStretch(1)
        for button in (self.room_scope, self.township_scope):
            button.setVisible(self._district)
        self.room_combo = QComboBox()
        self.room_combo.setVisible(self._district)
        self.township_combo = QComboBox()
        self.township_combo.hide()
        # City: the district office to answer, among those that have sent a bundle.
        self.district_combo = QComboBox()
        self.district_combo.setVisible(self._city)
        self.export_button = QPushButton(
            icon("save_copy", color="#ffffff"), self.tr("Export bundle")
        )
        self.export_button.setObjectName("primaryButton")
        self.full_export_button = QPushButton(self.tr("Full export"))
        self.full_export_button.setToolTip(
            self.tr("Everything this installation owns, not only the changes")
        )
        export_buttons = QHBoxLayout()
        export_buttons.addWidget(self.room_combo, 1)
        export_buttons.addWidget(self.township_combo, 1)
        export_buttons.addWidget(self.district_combo, 1)
        if not self._district and not self._city:
            export_buttons.addStretch(1)
        # A city's bundle holds no records, only its acknowledgement: "full" means nothing.
        self.full_export_button.setVisible(not self._city)
        export_buttons.addWidget(self.full_export_button)
        export_buttons.addWidget(self.export_button)
        self.export_result = QLabel()
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_result.hide()
        self.export_message = message_label()
        export_layout.addWidget(export_title)
        export_layout.addWidget(self.export_note)
        export_layout.addStretch(1)
        export_layout.addLayout(scope_row)
        export_layout.addLayout(export_buttons)
        export_layout.addWidget(self.export_result)
        export_layout.addWidget(self.export_message)
        # City: its districts, reporting or not, under the export.
        self.districts_label = QLabel()
        self.districts_label.setObjectName("mutedText")
        self.districts_label.setWordWrap(True)
        self.districts_label.setVisible(self._city)
        export_layout.addWidget(self.districts_label)

        # Import ----------------------------------------------------------------------
        import_card = QFrame()
        import_card.setObjectName("figureCard")
        import_layout = QVBoxLayout(import_card)
        import_layout.setContentsMargins(18, 14, 18, 14)
        import_layout.setSpacing(8)
        import_title = QLabel(self.tr("Import"))
        import_title.setFont(scaled_font(import_title, 1.2, bold=True))
        self.files_model = BundleFileModel(self)
        self.files_table = bundle_file_table(self.files_model)
        self.files_note = QLabel()
        self.files_note.setObjectName("mutedText")
        self.files_note.setWordWrap(True)
        # Busy while a folder is read; the list, the buttons and the rest of the page stay usable.
        self.scan_bar = busy_bar()
        self.scanner = FolderScanner(db, self)
        self.import_button = QPushButton(icon("sync_import", color="#ffffff"), self.tr("Import"))
        self.import_button.setObjectName("primaryButton")
        self.import_button.setToolTip(
            self.tr("Import the selected bundles, or all new ones when none is selected")
        )
        self.import_message = message_label()
        import_buttons = QHBoxLayout()
        import_buttons.addWidget(self.scan_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        import_buttons.addWidget(self.files_note, 1)
        import_buttons.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        import_layout.addWidget(import_title)
        import_layout.addWidget(self.files_table, 1)
        import_layout.addLayout(import_buttons)
        import_layout.addWidget(self.import_message)

        cards = QHBoxLayout()
        cards.setSpacing(14)
        cards.addWidget(export_card, 2)
        cards.addWidget(import_card, 3)

        # History and acknowledgements -----------------------------------------------
        self.tabs = SyncHistoryTabs(db, district=self._district)
        if self._city:
            # A city's peers are its districts: the room's wording of that tab would mislead.
            self.tabs.setTabText(1, self.tr("District offices and acknowledgements"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.status_label)
        layout.addWidget(self.key_banner)
        layout.addWidget(self.enrol_note)
        enrol_row = QHBoxLayout()
        enrol_row.addWidget(self.enrol_button)
        enrol_row.addWidget(self.join_city_button)
        enrol_row.addWidget(self.enrol_district_button)
        enrol_row.addWidget(self.match_button)
        enrol_row.addStretch(1)
        layout.addLayout(enrol_row)
        layout.addWidget(self.drive_picker)
        layout.addLayout(cards, 2)
        layout.addWidget(self.tabs, 3)

        self.drive_picker.folder_changed.connect(self._scan_files)
        self.scanner.busy_changed.connect(self._on_scan_busy)
        self.scanner.scanned.connect(self._on_files_scanned)
        self.scanner.failed.connect(self._on_scan_failed)
        self.township_scope.toggled.connect(self._show_scope)
        self.city_scope.toggled.connect(self._show_scope)
        self.export_button.clicked.connect(lambda: self.export(full=False))
        self.full_export_button.clicked.connect(lambda: self.export(full=True))
        self.import_button.clicked.connect(self.import_selected)
        self.enrol_button.clicked.connect(self.enrol)
        self.join_city_button.clicked.connect(self.join_city)
        self.enrol_district_button.clicked.connect(self.enrol_district)
        self.match_button.clicked.connect(self.match_members)
        self.files_table.activated.connect(lambda _index: self.import_selected())

        # The stick or folder used last time, when it is there again.
        if (last := remember.last_folder(remember.BUNDLES)) is not None:
            self.drive_picker.use_folder(last)
        self._show_scope()
        self.refresh()

    # Seams a test patches ----------------------------------------------------------------
    def folders(self) -> list[Folder]:
        """The drives to offer (a test gives temporary folders instead)."""
        return mounted_folders()

    def choose_folder(self) -> Path | None:
        name = remember.existing_directory(self, self.tr("Choose the folder of the bundles"))
        return Path(name) if name else None

    # Public ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status, the history, the drives (one may be new) and their files again."""
        self.key_problem = diagnose_keys(self._db)
        self.key_banner.show_problem(self.key_problem)
        self._status = sync_status.read_status(self._db, today=self._today())
        self._show_status(self._status)
        self.tabs.refresh()
        self.drive_picker.fill()

    def enrol(self) -> None:
        """Enrol this room from the district's file (EnrolDialog), then show the new state."""
        if EnrolDialog.ask(self._db, self) is not None:
            self.refresh()

    def join_city(self) -> None:
        """District: join a city office with its enrolment file (JoinCityDialog)."""
        if JoinCityDialog.ask(self._db, self) is not None:
            self.refresh()

    def enrol_district(self) -> None:
        """City: enrol a district office (EnrolDistrictDialog), then list it."""
        if EnrolDistrictDialog.ask(self._db, self) is not None:
            self.refresh()

    def match_members(self) -> None:
        """Decide the local members the roster may name (MemberMatchDialog)."""
        MemberMatchDialog.ask(self._db, self)
        self.refresh()

    def current_folder(self) -> Path | None:
        return self.drive_picker.current_folder()

    def use_folder(self, folder: Path) -> None:
        """Offer a folder beside the drives and select it."""
        self.drive_picker.use_folder(folder)

    def choose_file(self, path: Path) -> bool:
        """Use the folder of a file opened from outside and, once it is read, select the file's
        row: importing it is the user's click. False, the reason shown, when it cannot be."""
        show_message(self.import_message, "")
        self._chosen = None
        if problem := chosen_file.file_problem(path, district=self._district or self._city):
            show_message(self.import_message, problem)
            self.file_chosen.emit(problem)
            return False
        self._chosen, self._select_chosen = path, True
        self.use_folder(path.parent)
        return True

    def export(self, *, full: bool) -> ExportResult | PackResult | None:
        """Write one bundle (or a township's pack) into the chosen folder, off the GUI thread."""
        show_message(self.export_message, "")
        self.export_result.hide()
        if (refusal := self._key_refusal(self.tr("Cannot export"))) is not None:
            show_message(self.export_message, refusal)
            return None
        folder = self.current_folder()
        if folder is None:
            show_message(self.export_message, self.tr("Plug in a USB drive or choose a folder."))
            return None
        if self._district and self.township_scope.isChecked():
            return self._export_pack(folder, full=full)
        if self._city or (self._district and self.city_scope.isChecked()):
            return self._export_upward(folder, full=full)
        room = str(self.room_combo.currentData() or "") or None if self._district else None
        if self._district and room is None:
            # The core would ask for --room, which is the command line's word for it.
            show_message(self.export_message, self.tr("No room has sent its first bundle yet"))
            return None
        return self._export_one(export_work(self._db, to_dir=folder, full=full, room=room), folder)

    def _export_upward(self, folder: Path, *, full: bool) -> ExportResult | None:
        """District: everything for its city; city: the acknowledgement of one district."""
        district: str | None = None
        if self._city:
            district = str(self.district_combo.currentData() or "") or None
            if district is None:
                show_message(
                    self.export_message, self.tr("No district office has sent its first bundle yet")
                )
                return None
        return self._export_one(
            _upward_work(self._db, to_dir=folder, full=full, district=district), folder
        )

    def _export_one(self, work: Work, folder: Path) -> ExportResult | None:
        result = run_with_progress(
            work,
            parent=self,
            title=self.tr("Export"),
            label=self.tr("Writing the bundle and checking it on the drive…"),
        )
        if result.state is not TaskState.DONE:
            if result.state is TaskState.FAILED:
                show_message(self.export_message, self._reason(result.error))
            self.refresh()
            return None
        exported: ExportResult = result.value
        self.export_result.setText(exported_text(exported))
        # The words say where; the whole path is there for whoever needs it.
        self.export_result.setToolTip(str(exported.path))
        self.export_result.show()
        remember.remember_folder(remember.BUNDLES, folder)
        # The service names each held-back attachment in Chinese, as its refusals do.
        show_message(self.export_message, "\n".join(item.message for item in exported.held_back))
        self.refresh()
        return exported

    def _export_pack(self, folder: Path, *, full: bool) -> PackResult | None:
        township = str(self.township_combo.currentData() or "")
        if not township:
            show_message(self.export_message, self.tr("No township has rooms yet"))
            return None
        result = run_with_progress(
            export_pack_work(self._db, to_dir=folder, full=full, township=township),
            parent=self,
            title=self.tr("Export"),
            label=self.tr("Writing a bundle for each room of the township and checking the file…"),
        )
        if result.state is not TaskState.DONE:
            if result.state is TaskState.FAILED:
                show_message(self.export_message, self._reason(result.error))
            self.refresh()
            return None
        pack: PackResult = result.value
        self.export_result.setToolTip(str(pack.path))
        remember.remember_folder(remember.BUNDLES, folder)
        self.export_result.setText(pack_text(pack))
        self.export_result.show()
        held = [
            f"{room.code} {room.name}：{item.message}"
            for room in pack.rooms
            for item in room.bundle.held_back
        ]
        show_message(self.export_message, "\n".join(held))
        self.refresh()
        return pack

    def import_selected(self) -> list[FileOutcome]:
        """Import the selected files (or every new one for us), each on its own, off the GUI."""
        show_message(self.import_message, "")
        if (refusal := self._key_refusal(self.tr("Cannot import"))) is not None:
            show_message(self.import_message, refusal)
            return []
        rows = sorted(index.row() for index in self.files_table.selectionModel().selectedRows())
        files = [self.files_model.file_at(row) for row in rows]
        if not files:
            files = [
                self.files_model.file_at(row)
                for row in range(self.files_model.rowCount())
                if self.files_model.file_at(row).for_us
                and not self.files_model.file_at(row).imported
            ]
        if not files:
            show_message(self.import_message, self.tr("There is no new bundle to import here."))
            return []
        result = run_with_progress(
            import_work(self._db, [f.path for f in files]),
            parent=self,
            title=self.tr("Import"),
            label=self.tr("Checking and importing the bundles…"),
        )
        outcomes: list[FileOutcome] = result.value if result.state is TaskState.DONE else []
        if outcomes:
            remember.remember_folder(remember.BUNDLES, files[0].path.parent)
        if result.state is TaskState.FAILED:
            show_message(self.import_message, self._reason(result.error))
        self.refresh()
        for outcome in outcomes:
            refused = outcome.result is None and not outcome.not_for_us
            self.files_model.set_outcome(outcome.path, outcome_text(outcome), refused=refused)
        # The table cell elides a long reason; the refusals are spelled out beneath it too.
        refusals = [
            f"{o.path.name}：{o.refusal}" for o in outcomes if o.result is None and not o.not_for_us
        ]
        if refusals:
            show_message(self.import_message, "\n".join(refusals))
        return outcomes

    # Internals ---------------------------------------------------------------------------
    def _show_status(self, status: SyncStatus) -> None:
        self._joined_city = joined_city(self._db) if self._district else None
        self.status_label.setText(status_line(status, city=self._joined_city))
        # With damaged keys the banner above says what is wrong and what to do instead.
        show_message(self.enrol_note, "" if self.key_problem is not None else status_note(status))
        self.enrol_button.setVisible(status.role is NodeRole.ROOM and not status.enrolled)
        # Keys first: a district without them cannot open the city's file either.
        self.join_city_button.setVisible(
            self._district and status.enrolled and self._joined_city is None
        )
        self.city_scope.setVisible(self._joined_city is not None)
        if self._joined_city is not None:
            self.city_scope.setToolTip(self._joined_city)
        elif self.city_scope.isChecked():
            self.room_scope.setChecked(True)
        if self._city:
            self._show_districts(districts_of_city(self._db))
        pending = len(pending_for(self._db)) if status.role is NodeRole.ROOM else 0
        self.match_button.setText(
            self.tr("Match local members with the roster (%1)").replace("%1", str(pending))
        )
        self.match_button.setVisible(pending > 0)
        if self._district:
            fill_choices(
                self.room_combo,
                [(label, node_id) for node_id, label in status.rooms_ready],
                empty=self.tr("No room has sent its first bundle yet"),
            )
            fill_choices(
                self.township_combo,
                township_items(township_choices(self._db)),
                empty=self.tr("No township has rooms yet"),
            )

    def _show_districts(self, districts: list[CityDistrict]) -> None:
        fill_choices(
            self.district_combo,
            district_items(districts),
            empty=self.tr("No district office has sent its first bundle yet"),
        )
        self.districts_label.setText(districts_text(districts))

    def _show_scope(self) -> None:
        township = self._district and self.township_scope.isChecked()
        city = self._district and self.city_scope.isChecked()
        self.room_combo.setVisible(self._district and not township and not city)
        self.township_combo.setVisible(township)
        self.export_note.setText(self._export_words(township=township, city=city))

    def _export_words(self, *, township: bool, city: bool) -> str:
        if self._city:
            return self.tr(
                "Writes this office's acknowledgement for one district office (no records) "
                "into one signed file on the drive, so its next bundle carries only what "
                "changed."
            )
        if not self._district:
            return self.tr(
                "Writes every change the district office has not acknowledged yet "
                "into one signed and encrypted file on the drive."
            )
        if city:
            return self.tr(
                "Writes everything this district holds, its rooms' records too, that the city "
                "office has not acknowledged yet into one signed and encrypted file on the "
                "drive."
            )
        if township:
            return self.tr(
                "Writes one file on the drive holding a signed and encrypted bundle for each "
                "enrolled room of the township (roster, rules and acknowledgements); each room "
                "imports its own bundle from it."
            )
        return self.tr(
            "Writes the roster, rules and acknowledgements for one room into one signed "
            "and encrypted file on the drive."
        )

    def _key_refusal(self, action: str) -> str | None:
        """Why an export or import cannot start (damaged keys, read again now), or None."""
        self.key_problem = diagnose_keys(self._db)
        self.key_banner.show_problem(self.key_problem)
        if self.key_problem is None:
            return None
        return (
            self.tr("%1: %2\nThe way out is described at the top of this page.")
            .replace("%1", action)
            .replace("%2", self.key_problem.summary)
        )

    def _scan_files(self) -> None:
        folder = self.current_folder()
        if folder is None:
            self.scanner.forget()
            self.files_model.set_files([])
            self.files_note.setText(
                self.tr("No drive found: plug in a USB drive or choose a folder.")
            )
            self.files_listed.emit()
            return
        self.scanner.scan(folder)

    @property
    def scanning(self) -> bool:
        """Whether a folder is being read (the list still shows the previous one)."""
        return self.scanner.busy

    def _on_scan_busy(self, busy: bool) -> None:
        self.scan_bar.setVisible(busy)
        if busy:
            self.files_note.setText(self.tr("Reading the drive…"))

    def _on_files_scanned(self, files: list[BundleFile]) -> None:
        files = chosen_file.with_chosen(files, self._chosen, self.current_folder())
        self.files_model.set_files(files)
        self.files_note.setText(files_note(files))
        rows = [row for row, file in enumerate(files) if file.path == self._chosen]
        if self._select_chosen and self._chosen is not None and rows:
            self._select_chosen = False
            row = rows[0]
            self.files_table.selectRow(row)
            self.files_table.scrollTo(self.files_model.index(row, 0))
            self.files_note.setText(chosen_file.selected_note(self._chosen))
            self.file_chosen.emit(self.files_note.text())
        self.files_listed.emit()

    def _on_scan_failed(self, error: BaseException) -> None:
        self.files_model.set_files([])
        self.files_note.setText(self._reason(error))
        if self._select_chosen:
            self._select_chosen = False
            self.file_chosen.emit(self.files_note.text())
        self.files_listed.emit()

    def _reason(self, error: BaseException | None) -> str:
        if isinstance(error, UserError):
            return str(error)
        return self.tr("Something went wrong: %1").replace("%1", str(error))


def _upward_work(db: Database, *, to_dir: Path, full: bool, district: str | None) -> Work:
    """One bundle a level up: a district's for its city (`district` None) or a city's
    acknowledgement for one district; the work returns its result."""

    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> ExportResult:
        if district is None:
            return export_bundle(db, to_dir=to_dir, full=full, city=True)
        return export_bundle(db, to_dir=to_dir, full=full, district=district)

    return work
