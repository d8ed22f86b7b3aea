"""The sync page (同步): export a bundle to a USB drive, import bundles from one, the history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStorageInfo,
    Qt,
)
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Row

from desktop.db import Database
from desktop.errors import UserError
from desktop.formatting import format_date, format_time
from desktop.models.enums import NodeRole
from desktop.queries import sync as queries
from desktop.queries.sync import BundleFile, BundleTotals, SyncStatus
from desktop.sync.export import ExportResult, export_bundle
from desktop.sync.importer import ImportResult, import_bundle
from desktop.sync.refusals import read_refusals
from desktop.views.background import TaskState, run_with_progress
from desktop.views.empty_state import scaled_font
from desktop.views.forms import message_label, show_message
from desktop.views.icons import icon
from desktop.views.quarantine_view import QuarantineView
from desktop.views.query_table_model import OVERDUE_RED, ColumnSpec, QueryTableModel, record_table
from desktop.views.settings_page import format_size

AnyIndex = QModelIndex | QPersistentModelIndex
# File systems that are never a place to carry a bundle away on.
PSEUDO_FILE_SYSTEMS = {"tmpfs", "devtmpfs", "squashfs", "overlay", "proc", "sysfs", "ramfs"}
REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Folder:
    """A place to write bundles to or read them from: a mounted drive or a chosen folder."""

    label: str
    path: Path
    removable: bool = True


@dataclass(frozen=True)
class FileOutcome:
    """What importing one file came to: its result, or the reason it was refused."""

    path: Path
    result: ImportResult | None = None
    refusal: str = ""


def _moment(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return f"{format_date(local.date())} {format_time(local.time())}"


def _likely_removable(storage: QStorageInfo) -> bool:
    root = storage.rootPath()
    if storage.isRoot():
        return False
    if root.startswith(REMOVABLE_PREFIXES):
        return True
    # Windows: any drive but the system's own is likely a stick or a card.
    return len(root) <= 3 and root[1:2] == ":"


def mounted_folders() -> list[Folder]:
    """Mounted, ready, writable volumes; the likely removable ones first."""
    found = []
    for storage in QStorageInfo.mountedVolumes():
        kind = bytes(storage.fileSystemType().data()).decode(errors="replace")
        if not (storage.isValid() and storage.isReady()) or storage.isReadOnly():
            continue
        if kind in PSEUDO_FILE_SYSTEMS:
            continue
        root = storage.rootPath()
        name = storage.displayName() or root
        available = storage.bytesAvailable()
        free = f"{available / 1024**3:.1f} GB" if available >= 1024**3 else format_size(available)
        label = name if name == root else f"{name}（{root}）"
        found.append(
            Folder(
                # Free space: is there room for the bundle?
                label=QCoreApplication.translate("SyncPage", "%1 · %2 free")
                .replace("%1", label)
                .replace("%2", free),
                path=Path(root),
                removable=_likely_removable(storage),
            )
        )
    return sorted(found, key=lambda f: (not f.removable, str(f.path)))


class BundleFileModel(QAbstractTableModel):
    """The bundle files in the chosen folder and, after an import, what became of each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._files: list[BundleFile] = []
        self._outcomes: dict[Path, str] = {}
        self._refused: set[Path] = set()
        self._headers = [self.tr("File"), self.tr("From"), self.tr("Result")]

    def set_files(self, files: list[BundleFile]) -> None:
        self.beginResetModel()
        self._files = files
        self._outcomes = {p: t for p, t in self._outcomes.items() if p in {f.path for f in files}}
        self.endResetModel()

    def set_outcome(self, path: Path, text: str, *, refused: bool) -> None:
        self._outcomes[path] = text
        if refused:
            self._refused.add(path)
        else:
            self._refused.discard(path)
        for row, file in enumerate(self._files):
            if file.path == path:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def file_at(self, row: int) -> BundleFile:
        return self._files[row]

    def outcome(self, path: Path) -> str:
        return self._outcomes.get(path, "")

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._files):
            return None
        file = self._files[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (file.path.name, self._sender(file), self._result(file))[index.column()]
        refused = file.path in self._refused
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and refused:
            return QBrush(OVERDUE_RED)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def _sender(self, file: BundleFile) -> str:
        name = file.sender or self.tr("unknown sender")
        number = self.tr("No. %1").replace("%1", str(file.sequence))
        return f"{name}（{file.code} · {number}）"

    def _result(self, file: BundleFile) -> str:
        if file.path in self._outcomes:
            return self._outcomes[file.path]
        if not file.for_us:
            return self.tr("Not for this installation")
        return self.tr("Imported before") if file.imported else self.tr("Not imported yet")


class SyncPage(QWidget):
    """A drive to use, export and import, then the history and the acknowledgements."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        installation = db.installation()
        self._district = installation is not None and installation.role is NodeRole.DISTRICT
        self._status: SyncStatus | None = None
        self._chosen: list[Folder] = []

        title = QLabel(self.tr("Sync"))
        title.setFont(scaled_font(title, 1.8, bold=True))
        self.status_label = QLabel()
        self.status_label.setObjectName("mutedText")
        self.status_label.setWordWrap(True)
        self.enrol_note = QLabel()
        self.enrol_note.setWordWrap(True)
        self.enrol_note.setStyleSheet(f"color: {OVERDUE_RED.name()};")
        self.enrol_note.hide()

        # The drive -------------------------------------------------------------------
        self.folder_combo = QComboBox()
        self.folder_combo.setMinimumWidth(420)
        self.rescan_button = QPushButton(self.tr("Look again"))
        self.rescan_button.setToolTip(self.tr("List the drives again after plugging one in"))
        self.choose_button = QPushButton(icon("folder"), self.tr("Choose folder…"))
        drive_row = QHBoxLayout()
        drive_row.setSpacing(8)
        drive_label = QLabel(self.tr("USB drive or folder"))
        drive_label.setBuddy(self.folder_combo)
        drive_row.addWidget(drive_label)
        drive_row.addWidget(self.folder_combo, 1)
        drive_row.addWidget(self.rescan_button)
        drive_row.addWidget(self.choose_button)

        # Export ----------------------------------------------------------------------
        export_card = QFrame()
        export_card.setObjectName("figureCard")
        export_layout = QVBoxLayout(export_card)
        export_layout.setContentsMargins(18, 14, 18, 14)
        export_layout.setSpacing(8)
        export_title = QLabel(self.tr("Export"))
        export_title.setFont(scaled_font(export_title, 1.2, bold=True))
        export_note = QLabel(
            self.tr(
                "Writes every change the district office has not acknowledged yet "
                "into one signed and encrypted file on the drive."
            )
            if not self._district
            else self.tr(
                "Writes the roster, rules and acknowledgements for one room into one signed "
                "and encrypted file on the drive."
            )
        )
        export_note.setObjectName("mutedText")
        export_note.setWordWrap(True)
        self.room_combo = QComboBox()
        self.room_combo.setVisible(self._district)
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
        if not self._district:
            export_buttons.addStretch(1)
        export_buttons.addWidget(self.full_export_button)
        export_buttons.addWidget(self.export_button)
        self.export_result = QLabel()
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_result.hide()
        self.export_message = message_label()
        export_layout.addWidget(export_title)
        export_layout.addWidget(export_note)
        export_layout.addStretch(1)
        export_layout.addLayout(export_buttons)
        export_layout.addWidget(self.export_result)
        export_layout.addWidget(self.export_message)

        # Import ----------------------------------------------------------------------
        import_card = QFrame()
        import_card.setObjectName("figureCard")
        import_layout = QVBoxLayout(import_card)
        import_layout.setContentsMargins(18, 14, 18, 14)
        import_layout.setSpacing(8)
        import_title = QLabel(self.tr("Import"))
        import_title.setFont(scaled_font(import_title, 1.2, bold=True))
        self.files_model = BundleFileModel(self)
        self.files_table = QTableView()
        self.files_table.setModel(self.files_model)
        self.files_table.verticalHeader().hide()
        self.files_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files_table.setWordWrap(False)
        header = self.files_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.files_table.setColumnWidth(0, 200)
        self.files_table.setMinimumHeight(110)
        self.files_note = QLabel()
        self.files_note.setObjectName("mutedText")
        self.files_note.setWordWrap(True)
        self.import_button = QPushButton(icon("sync_import", color="#ffffff"), self.tr("Import"))
        self.import_button.setObjectName("primaryButton")
        self.import_button.setToolTip(
            self.tr("Import the selected bundles, or all new ones when none is selected")
        )
        self.import_message = message_label()
        import_buttons = QHBoxLayout()
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
        self.history_model = QueryTableModel(db, self._history_columns())
        self.history_table = record_table(self.history_model, sortable=False)
        history_header = self.history_table.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.peers_model = QueryTableModel(db, self._peer_columns())
        self.peers_table = record_table(self.peers_model, sortable=False)
        peers_header = self.peers_table.horizontalHeader()
        peers_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        peers_header.setStretchLastSection(True)
        # Refusals live in a log beside the database (a refusal writes nothing into it).
        self.refusals_model = QStandardItemModel(0, 3, self)
        self.refusals_model.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("File"), self.tr("Reason")]
        )
        self.refusals_table = QTableView()
        self.refusals_table.setModel(self.refusals_model)
        self.refusals_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.refusals_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.refusals_table.verticalHeader().hide()
        refusals_header = self.refusals_table.horizontalHeader()
        refusals_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        refusals_header.setStretchLastSection(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.history_table, self.tr("Bundles in and out"))
        self.tabs.addTab(
            self.peers_table,
            self.tr("Rooms and acknowledgements")
            if self._district
            else self.tr("What the district has acknowledged"),
        )
        self.tabs.addTab(self.refusals_table, self.tr("Refused bundles"))
        self.quarantine_view = QuarantineView(db)
        self.tabs.addTab(self.quarantine_view, self.tr("Records to check"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.status_label)
        layout.addWidget(self.enrol_note)
        layout.addLayout(drive_row)
        layout.addLayout(cards, 2)
        layout.addWidget(self.tabs, 3)

        self.folder_combo.currentIndexChanged.connect(self._scan_files)
        self.rescan_button.clicked.connect(self._fill_folders)
        self.choose_button.clicked.connect(self._on_choose)
        self.export_button.clicked.connect(lambda: self.export(full=False))
        self.full_export_button.clicked.connect(lambda: self.export(full=True))
        self.import_button.clicked.connect(self.import_selected)
        self.files_table.activated.connect(lambda _index: self.import_selected())
        self.quarantine_view.record_settled.connect(self._on_record_settled)

        self.history_model.set_query(queries.bundle_history())
        self.peers_model.set_query(queries.peers())
        self.refresh()

    # Seams a test patches ----------------------------------------------------------------
    def folders(self) -> list[Folder]:
        """The drives to offer (a test gives temporary folders instead)."""
        return mounted_folders()

    def choose_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder of the bundles"))
        return Path(name) if name else None

    # Public ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status, the history, the drives (one may be new) and their files again."""
        self._status = queries.read_status(self._db, today=self._today())
        self._show_status(self._status)
        self.history_model.refresh()
        self.peers_model.refresh()
        self._show_refusals()
        self.quarantine_view.refresh()
        self._show_quarantine_count()
        self._fill_folders()

    def _show_refusals(self) -> None:
        refusals = read_refusals(self._db.home)
        self.refusals_model.setRowCount(0)
        for refusal in refusals:
            local = refusal.at.astimezone()
            self.refusals_model.appendRow(
                [
                    QStandardItem(f"{format_date(local.date())} {format_time(local.time())}"),
                    QStandardItem(refusal.file_name),
                    QStandardItem(refusal.reason),
                ]
            )
        title = self.tr("Refused bundles")
        self.tabs.setTabText(2, f"{title}（{len(refusals)}）" if refusals else title)

    def _show_quarantine_count(self) -> None:
        index = self.tabs.indexOf(self.quarantine_view)
        title = self.tr("Records to check")
        count = self.quarantine_view.open_count
        self.tabs.setTabText(index, f"{title}（{count}）" if count else title)

    def _on_record_settled(self, _quarantine_id: int) -> None:
        self._show_quarantine_count()

    def current_folder(self) -> Path | None:
        data = self.folder_combo.currentData()
        return Path(data) if data else None

    def use_folder(self, folder: Path) -> None:
        """Offer a folder beside the drives and select it."""
        if all(f.path != folder for f in self._chosen):
            self._chosen.append(Folder(label=str(folder), path=folder))
        self._fill_folders()
        self.folder_combo.setCurrentIndex(self.folder_combo.findData(str(folder)))

    def export(self, *, full: bool) -> ExportResult | None:
        """Write one bundle into the chosen folder, off the GUI thread."""
        show_message(self.export_message, "")
        self.export_result.hide()
        folder = self.current_folder()
        if folder is None:
            show_message(self.export_message, self.tr("Plug in a USB drive or choose a folder."))
            return None
        room = str(self.room_combo.currentData() or "") or None if self._district else None
        if self._district and room is None:
            # The core would ask for --room, which is the command line's word for it.
            show_message(self.export_message, self.tr("No room has sent its first bundle yet"))
            return None
        db = self._db
        result = run_with_progress(
            lambda _progress, _cancelled: export_bundle(db, to_dir=folder, full=full, room=room),
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
        records = sum(exported.counts.values())
        self.export_result.setText(
            self.tr("Written %1 (%2 records) to %3")
            .replace("%1", exported.path.name)
            .replace("%2", str(records))
            .replace("%3", str(exported.path.parent))
        )
        self.export_result.show()
        self.refresh()
        return exported

    def import_selected(self) -> list[FileOutcome]:
        """Import the selected files (or every new one for us), each on its own, off the GUI."""
        show_message(self.import_message, "")
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
        db = self._db
        paths = [f.path for f in files]

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            outcomes = []
            for done, path in enumerate(paths):
                if cancelled():
                    break
                progress(done, len(paths))
                try:
                    outcomes.append(FileOutcome(path, result=import_bundle(db, path)))
                except (UserError, OSError) as error:
                    outcomes.append(FileOutcome(path, refusal=str(error)))
            progress(len(paths), len(paths))
            return outcomes

        result = run_with_progress(
            work,
            parent=self,
            title=self.tr("Import"),
            label=self.tr("Checking and importing the bundles…"),
        )
        outcomes: list[FileOutcome] = result.value if result.state is TaskState.DONE else []
        if result.state is TaskState.FAILED:
            show_message(self.import_message, self._reason(result.error))
        self.refresh()
        for outcome in outcomes:
            if outcome.result is None:
                text = self.tr("Refused: %1").replace("%1", outcome.refusal)
            elif outcome.result.already_imported:
                text = self.tr("Imported before; nothing changed")
            else:
                totals = outcome.result.totals()
                text = self._totals_text(
                    BundleTotals(
                        added=totals.added,
                        updated=totals.updated,
                        unchanged=totals.unchanged,
                        quarantined=totals.quarantined,
                    )
                )
            self.files_model.set_outcome(outcome.path, text, refused=outcome.result is None)
        # The table cell elides a long reason; the refusals are spelled out beneath it too.
        refusals = [f"{o.path.name}：{o.refusal}" for o in outcomes if o.result is None]
        if refusals:
            show_message(self.import_message, "\n".join(refusals))
        return outcomes

    # Internals ---------------------------------------------------------------------------
    def _show_status(self, status: SyncStatus) -> None:
        parts = []
        if status.role is NodeRole.DISTRICT:
            parts.append(self.tr("District office"))
        elif status.enrolled:
            parts.append(self.tr("Enrolled with %1").replace("%1", status.district_name or ""))
        if status.fingerprint:
            parts.append(self.tr("Key fingerprint %1").replace("%1", status.fingerprint))
        if status.last_export is not None:
            parts.append(self.tr("Last export %1").replace("%1", _moment(status.last_export)))
        elif status.enrolled:
            parts.append(self.tr("Nothing exported yet"))
        self.status_label.setText(" · ".join(parts))
        note = ""
        if not status.enrolled:
            note = (
                self.tr(
                    "Sync keys are not made yet: run “yishi setup district” on this computer "
                    "before exchanging bundles."
                )
                if status.role is NodeRole.DISTRICT
                else self.tr(
                    "This room is not enrolled yet: ask the district office for an enrolment "
                    "file and set up with it before exporting."
                )
            )
        elif (
            status.days_since_export is not None
            and status.days_since_export > queries.EXPORT_REMINDER_DAYS
        ):
            note = self.tr(
                "%1 days since the last bundle was sent to the district office."
            ).replace("%1", str(status.days_since_export))
        show_message(self.enrol_note, note)
        if self._district:
            current = self.room_combo.currentData()
            self.room_combo.blockSignals(True)
            self.room_combo.clear()
            for node_id, label in status.rooms_ready:
                self.room_combo.addItem(label, node_id)
            if not status.rooms_ready:
                self.room_combo.addItem(self.tr("No room has sent its first bundle yet"), "")
            index = self.room_combo.findData(current)
            self.room_combo.setCurrentIndex(max(index, 0))
            self.room_combo.blockSignals(False)

    def _fill_folders(self) -> None:
        current = self.folder_combo.currentData()
        self.folder_combo.blockSignals(True)
        self.folder_combo.clear()
        listed = set()
        for folder in [*self.folders(), *self._chosen]:
            if str(folder.path) in listed:
                continue
            listed.add(str(folder.path))
            self.folder_combo.addItem(
                icon("usb_drive" if folder.removable else "folder"),
                folder.label,
                str(folder.path),
            )
        index = self.folder_combo.findData(current)
        self.folder_combo.setCurrentIndex(index if index >= 0 else 0)
        self.folder_combo.blockSignals(False)
        self._scan_files()

    def _on_choose(self) -> None:
        folder = self.choose_folder()
        if folder is not None:
            self.use_folder(folder)

    def _scan_files(self) -> None:
        folder = self.current_folder()
        if folder is None:
            self.files_model.set_files([])
            self.files_note.setText(
                self.tr("No drive found: plug in a USB drive or choose a folder.")
            )
            return
        with self._db.session() as session:
            files = queries.bundle_files(session, folder)
        self.files_model.set_files(files)
        new = sum(1 for f in files if f.for_us and not f.imported)
        others = sum(1 for f in files if not f.for_us)
        text = self.tr("%1 new bundles for this installation").replace("%1", str(new))
        if others:
            text += self.tr("; %1 others are not for it").replace("%1", str(others))
        self.files_note.setText(text)

    def _reason(self, error: BaseException | None) -> str:
        if isinstance(error, UserError):
            return str(error)
        return self.tr("Something went wrong: %1").replace("%1", str(error))

    def _totals_text(self, totals: BundleTotals) -> str:
        text = (
            self.tr("%1 added, %2 updated, %3 unchanged")
            .replace("%1", str(totals.added))
            .replace("%2", str(totals.updated))
            .replace("%3", str(totals.unchanged))
        )
        if totals.quarantined:
            text += self.tr(", %1 set aside for checking").replace("%1", str(totals.quarantined))
        return text

    def _direction_text(self, row: Row[Any]) -> str:
        if row.direction == "in":
            return self.tr("Imported")
        # The district records the enrolment file it wrote for a room as bundle number 0.
        return self.tr("Enrolment file") if row.sequence == 0 else self.tr("Exported")

    def _bundle_result(self, row: Row[Any]) -> str:
        totals = queries.bundle_totals(row.summary, row.direction)
        if row.direction == "out":
            text = self.tr("%1 records").replace("%1", str(totals.records))
            return text + (self.tr(" (full)") if row.full else "")
        return self._totals_text(totals)

    def _history_columns(self) -> list[ColumnSpec]:
        right = Qt.AlignmentFlag.AlignRight
        return [
            ColumnSpec(self.tr("Time"), lambda r: _moment(r.at)),
            ColumnSpec(self.tr("Direction"), self._direction_text),
            ColumnSpec(
                self.tr("With"),
                lambda r: f"{r.peer_name}（{r.peer_code}）" if r.peer_code else r.peer_name,
            ),
            ColumnSpec(self.tr("No."), lambda r: str(r.sequence or "–"), alignment=right),
            ColumnSpec(
                self.tr("Changes"),
                lambda r: (
                    f"{r.change_from + 1}–{r.change_to}" if r.change_to > r.change_from else "–"
                ),
                alignment=right,
            ),
            ColumnSpec(self.tr("Result"), self._bundle_result),
            ColumnSpec(self.tr("File"), lambda r: str(r.file_name)),
        ]

    def _peer_columns(self) -> list[ColumnSpec]:
        right = Qt.AlignmentFlag.AlignRight
        if self._district:
            return [
                ColumnSpec(self.tr("Room"), lambda r: str(r.name)),
                ColumnSpec(self.tr("Code"), lambda r: str(r.code or "")),
                ColumnSpec(self.tr("Enrolled"), lambda r: format_date(r.enrolled_at.date())),
                ColumnSpec(
                    self.tr("Last bundle received"),
                    lambda r: _moment(r.last_in) or self.tr("None yet"),
                ),
                ColumnSpec(
                    self.tr("Its changes held through"),
                    lambda r: str(r.received_through),
                    alignment=right,
                ),
                ColumnSpec(self.tr("Last bundle sent"), lambda r: _moment(r.last_out)),
                ColumnSpec(self.tr("It acknowledged"), self._ack_text),
            ]
        return [
            ColumnSpec(self.tr("District office"), lambda r: str(r.name)),
            ColumnSpec(self.tr("Enrolled"), lambda r: format_date(r.enrolled_at.date())),
            ColumnSpec(self.tr("Last bundle sent"), lambda r: _moment(r.last_out)),
            ColumnSpec(
                self.tr("Last bundle received"),
                lambda r: _moment(r.last_in) or self.tr("None yet"),
            ),
            ColumnSpec(self.tr("It acknowledged"), self._ack_text),
        ]

    def _ack_text(self, row: Row[Any]) -> str:
        if not row.acked_sequence and not row.acked_through:
            return self.tr("Nothing yet")
        return (
            self.tr("Bundle No. %1, changes through %2 (%3)")
            .replace("%1", str(row.acked_sequence))
            .replace("%2", str(row.acked_through))
            .replace("%3", _moment(row.acked_at))
        )
