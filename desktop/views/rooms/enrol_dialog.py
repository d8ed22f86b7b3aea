"""登记 / 重新登记: the GUI of `yishi enroll`; writes the file, shows the passphrase large."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.documents.enrolment_sheet import EnrolmentSheet, render_enrolment_sheet
from desktop.errors import UserError
from desktop.queries import Database
from desktop.queries.rooms import RoomStanding
from desktop.sync.enrolment import Enrolment, enroll_room
from desktop.sync.rooms import reenrol_room
from desktop.views.common import remember
from desktop.views.common.background import TaskState, run_with_progress


class EnrolRoomDialog(QDialog):
    """Enrol a new room, or re-enrol `room` (its PC lost or replaced)."""

    enrolled = Signal(str)  # room id

    def __init__(
        self, db: Database, *, room: RoomStanding | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._room = room
        self.enrolment: Enrolment | None = None
        self.setWindowTitle(self.tr("Re-enrol a room") if room else self.tr("Enrol a room"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.room_name = QLineEdit(room.name if room else "")
        self.village = QLineEdit(room.village if room else "")
        self.township = QLineEdit(room.township if room else "")
        for field in (self.room_name, self.village, self.township):
            field.setReadOnly(room is not None)
        self.room_name.setPlaceholderText(self.tr("e.g. 和平桥社区协商议事室"))
        form.addRow(self.tr("Room name"), self.room_name)
        form.addRow(self.tr("Village or community"), self.village)
        form.addRow(self.tr("Township or street"), self.township)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("The USB stick or a folder"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._on_choose_clicked)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        form.addRow(self.tr("Write the file to"), folder_row)
        layout.addLayout(form)
        if room is not None:
            warning = QLabel(
                self.tr(
                    "The room's current key will be revoked: bundles from its old PC are refused "
                    "from now on. The records it sent are kept."
                )
            )
            warning.setWordWrap(True)
            layout.addWidget(warning)

        self.result_box = QWidget()
        result = QVBoxLayout(self.result_box)
        result.setContentsMargins(0, 8, 0, 0)
        self.written_label = QLabel()
        self.written_label.setWordWrap(True)
        self.written_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result.addWidget(self.written_label)
        result.addWidget(QLabel(self.tr("Passphrase, to read out by phone:")))
        self.passphrase_label = QLabel()
        self.passphrase_label.setObjectName("passphrase")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        big.setStyleHint(QFont.StyleHint.Monospace)
        self.passphrase_label.setFont(big)
        self.passphrase_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result.addWidget(self.passphrase_label)
        hint = QLabel(
            self.tr(
                "Never write the passphrase on the USB stick or keep it with the enrolment file."
            )
        )
        hint.setWordWrap(True)
        result.addWidget(hint)
        self.result_box.hide()
        layout.addWidget(self.result_box)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = QPushButton(self.tr("Print enrolment sheet"))
        self.print_button.clicked.connect(self._on_print_clicked)
        self.print_button.hide()
        self.enrol_button = QPushButton(self.tr("Re-enrol") if room else self.tr("Enrol"))
        self.enrol_button.setDefault(True)
        self.enrol_button.clicked.connect(self._on_enrol_clicked)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        for button in (self.print_button, self.enrol_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    @classmethod
    def choose_folder(cls, parent: QWidget) -> str:
        """The seam tests patch: a folder chosen by the user, "" when cancelled."""
        title = QCoreApplication.translate("EnrolRoomDialog", "Write the file to")
        return remember.existing_directory(parent, title)

    def _on_choose_clicked(self) -> None:
        chosen = self.choose_folder(self)
        if chosen:
            self.folder.setText(chosen)

    def _output(self) -> Path | None:
        folder = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        if folder is None or not folder.is_dir():
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("Choose the folder to write the file to.")
            )
            return None
        code = self._room.code if self._room else ""
        name = self.room_name.text().strip() or "room"
        return folder / f"{code + '_' if code else ''}{name}.enrol"

    def _on_enrol_clicked(self) -> None:
        output = self._output()
        if output is None:
            return
        db, room = self._db, self._room
        name, village, township = (
            self.room_name.text(),
            self.village.text(),
            self.township.text(),
        )

        def work(_progress: object, _cancelled: object) -> Enrolment:
            # Key material and scrypt: seconds on an old PC, off the GUI thread.
            if room is not None:
                return reenrol_room(db, room_id=room.room_id, output=output).enrolment
            return enroll_room(
                db, room_name=name, village=village, township=township, output=output
            )

        done = run_with_progress(
            work,
            parent=self,
            title=self.windowTitle(),
            label=self.tr("Writing the enrolment file…"),
        )
        if done.state is not TaskState.DONE:
            if isinstance(done.error, UserError):
                QMessageBox.warning(self, self.windowTitle(), str(done.error))
            elif done.error is not None:
                raise done.error
            return
        self.enrolment = done.value
        assert self.enrolment is not None
        self.written_label.setText(
            self.tr("Enrolment file written: %1\nDistrict key fingerprint: %2")
            .replace("%1", str(self.enrolment.path))
            .replace("%2", self.enrolment.fingerprint)
        )
        self.passphrase_label.setText(self.enrolment.passphrase)
        self.result_box.show()
        self.print_button.show()
        self.enrol_button.hide()
        for field in (self.room_name, self.village, self.township, self.folder):
            field.setReadOnly(True)
        self.enrolled.emit(self.enrolment.room_id)

    def sheet(self, *, today: date | None = None) -> EnrolmentSheet:
        enrolment = self.enrolment
        assert enrolment is not None
        installation = self._db.installation()
        return EnrolmentSheet(
            district=installation.name if installation else "",
            township=self.township.text().strip(),
            village=self.village.text().strip(),
            room=self.room_name.text().strip(),
            code=enrolment.code,
            file_name=enrolment.path.name,
            district_fingerprint=enrolment.fingerprint,
            passphrase=enrolment.passphrase,
            day=today or clock.today(),
            reenrolment=self._room is not None,
        )

    def write_sheet(self, path: Path) -> Path:
        return render_enrolment_sheet(db=self._db, sheet=self.sheet(), path=path)

    def _on_print_clicked(self) -> None:
        self.print_sheet()

    def print_sheet(self) -> bool:
        """Preview (and print) the enrolment sheet, made off the GUI thread in a temporary
        folder that goes with the preview (the sheet bears the passphrase)."""
        from desktop.views.common.document_preview import preview_document

        db, sheet = self._db, self.sheet()
        return preview_document(
            self,
            title=self.tr("Enrolment sheet"),
            file_stem="登记单",
            render=lambda path: render_enrolment_sheet(db=db, sheet=sheet, path=path),
        )
