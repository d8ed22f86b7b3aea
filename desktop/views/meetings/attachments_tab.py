"""The 附件 tab: photos and scanned sheets as thumbnails, opened with the system viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import Home
from desktop.queries import meetings as queries
from desktop.views.common.background import run_with_progress
from desktop.views.common.forms import message_label
from desktop.views.common.icons import icon
from desktop.views.meetings.editing import MeetingEditing
from desktop.workflow import attachments
from desktop.workflow.attachments import IMAGE_TYPES, stored_path
from desktop.workflow.meetings import Amending

AnyIndex = QModelIndex | QPersistentModelIndex
THUMBNAIL = QSize(128, 96)


class AttachmentListModel(QAbstractListModel):
    """A meeting's attachments: file name as text, a thumbnail (images) or a file icon."""

    def __init__(self, home: Home, parent: Any = None) -> None:
        super().__init__(parent)
        self._home = home
        self._rows: list[queries.AttachmentRow] = []
        self._icons: dict[str, QIcon] = {}

    def set_rows(self, rows: list[queries.AttachmentRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.caption or row.file_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.file_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row)
        return None

    def _icon(self, row: queries.AttachmentRow) -> QIcon:
        if row.sha256 not in self._icons:
            self._icons[row.sha256] = self._thumbnail(row)
        return self._icons[row.sha256]

    def _thumbnail(self, row: queries.AttachmentRow) -> QIcon:
        if row.media_type in IMAGE_TYPES:
            # Scaled while decoding: a 12-megapixel phone photo never sits in memory whole.
            reader = QImageReader(str(stored_path(self._home, row.sha256)))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QIcon(QPixmap.fromImage(image))
        return icon("attachment_file")

    def row_at(self, row: int) -> queries.AttachmentRow:
        return self._rows[row]


class AttachmentsTab(QWidget):
    """Add photos and scans, open them with the system viewer, remove them."""

    def __init__(self, editor: MeetingEditing) -> None:
        super().__init__()
        self._editor = editor
        self._db, self._meeting_id = editor.db, editor.meeting_id
        self.model = AttachmentListModel(editor.db.home, self)
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(THUMBNAIL)
        self.view.setGridSize(QSize(THUMBNAIL.width() + 40, THUMBNAIL.height() + 48))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWordWrap(True)
        self.view.setModel(self.model)
        self.add_button = QPushButton(self.tr("Add photos or scans…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.message = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

        self.add_button.clicked.connect(self._on_add)
        self.open_button.clicked.connect(self._on_open)
        self.remove_button.clicked.connect(self._on_remove)
        self.view.activated.connect(self._on_open)

    def reload(self) -> None:
        self.model.set_rows(queries.meeting_attachments(self._db, self._meeting_id))

    def choose_files(self) -> list[Path]:
        """The files the user picks (a seam tests replace)."""
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos or scans"),
            str(Path.home()),
            self.tr("Photos and scans (*.jpg *.jpeg *.png *.bmp *.gif *.pdf);;All files (*)"),
        )
        return [Path(name) for name in names]

    def add_files(self, paths: list[Path]) -> None:
        if not paths:
            return
        db, meeting_id = self._db, self._meeting_id

        def attach(amending: Amending | None) -> None:
            # Photos are read, hashed and copied off the GUI thread: a few large ones take
            # seconds. A refusal (UserError) comes back here, for the editor to show.
            result = run_with_progress(
                lambda _progress, _cancelled: attachments.attach_to_meeting(
                    db, meeting_id, paths=paths, amending=amending
                ),
                parent=self,
                title=self.tr("Add photos or scans"),
                label=self.tr("Adding %1 files…").replace("%1", str(len(paths))),
            )
            if result.error is not None:
                raise result.error

        if self._editor.write(self.tr("Added attachments"), attach, self.message):
            self.reload()

    def _on_add(self) -> None:
        self.add_files(self.choose_files())

    def _current(self) -> queries.AttachmentRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_open(self) -> None:
        row = self._current()
        if row is not None:
            path = stored_path(self._db.home, row.sha256)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _on_remove(self) -> None:
        row = self._current()
        if row is None:
            return
        if self._editor.write(
            self.tr("Removed an attachment"),
            lambda amending: attachments.detach_from_meeting(
                self._db, self._meeting_id, attachment_id=row.id, amending=amending
            ),
            self.message,
        ):
            self.reload()

    def set_editable(self, editable: bool) -> None:
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
