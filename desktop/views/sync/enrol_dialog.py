"""Enrol a room that was set up on its own: the district's file, the passphrase, then adopt.

Opening the file (scrypt) and adopting the district's identity both run off the GUI thread
behind a busy indicator (desktop.views.common.background); a refusal is said beside the
passphrase and the dialog stays open. The Qt-free work is desktop.sync.late_enrolment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.queries import Database
from desktop.sync import SyncError
from desktop.sync.enrolment import EnrolledRoom
from desktop.sync.late_enrolment import (
    EnrolmentPreview,
    enrol_standalone_room,
    open_enrolment,
)
from desktop.views.common import remember, theme
from desktop.views.common.background import (
    CancelledQuestion,
    ProgressCallback,
    TaskState,
    run_with_progress,
)


class EnrolDialog(QDialog):
    """Pick the enrolment file, type the passphrase read out by phone, enrol this room."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.enrolled: EnrolledRoom | None = None
        self.setWindowTitle(self.tr("Enrol this room"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "The district office gives you the enrolment file on a USB stick and reads the "
                "passphrase out by phone. Every record of this room is kept and goes to the "
                "district office in the first bundle."
            )
        )
        intro.setWordWrap(True)
        self.enrolment_file = QLineEdit()
        self.enrolment_file.setReadOnly(True)
        self.enrolment_file.setPlaceholderText(self.tr("No file chosen"))
        self.choose_file_button = QPushButton(self.tr("Choose…"))
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.enrolment_file, 1)
        file_layout.addWidget(self.choose_file_button)
        self.passphrase = QLineEdit()
        self.passphrase.setPlaceholderText(self.tr("e.g. 4821-0937-5512-0066-7310-2295"))
        self.passphrase.setMaxLength(100)
        self.message = QLabel()
        self.message.setObjectName("validationMessage")
        self.message.setStyleSheet(f"color: {theme.ACCENT};")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Enrolment file:"), file_row)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow("", self.message)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Enrol"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.choose_file_button.clicked.connect(self._on_choose_file)
        self.enrolment_file.textChanged.connect(self._on_input_changed)
        self.passphrase.textChanged.connect(self._on_input_changed)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self._on_input_changed()

    @classmethod
    def ask(cls, db: Database, parent: QWidget | None = None) -> EnrolledRoom | None:
        """Show the dialog; the enrolled room, or None when cancelled."""
        dialog = cls(db, parent)
        try:
            dialog.exec()
            return dialog.enrolled
        finally:
            dialog.deleteLater()

    # Seams a test patches ----------------------------------------------------------------
    def choose_enrolment_file(self) -> str:
        return remember.open_file_name(
            self,
            self.tr("Choose the enrolment file"),
            self.tr("Enrolment files (*.enrol);;All files (*)"),
        )

    def confirm_rename(self, preview: EnrolmentPreview) -> bool:
        """The district named the room otherwise: enrol under its name?"""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr(
                "This file enrols the room as “%1” (%2) with %3; this room is called “%4”. "
                "Enrol under the district's name?"
            )
            .replace("%1", preview.room_name)
            .replace("%2", preview.code)
            .replace("%3", preview.district_name)
            .replace("%4", preview.current_name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def tell_enrolled(self, enrolled: EnrolledRoom) -> None:
        QMessageBox.information(
            self,
            self.windowTitle(),
            self.tr(
                "Enrolled with %1. Read these fingerprints out to the district office by"
                " phone and check that they match:\n\nDistrict: %2\nThis room: %3"
            )
            .replace("%1", enrolled.district_name)
            .replace("%2", enrolled.district_fingerprint)
            .replace("%3", enrolled.fingerprint),
        )

    # Internals ---------------------------------------------------------------------------
    def _on_choose_file(self) -> None:
        path = self.choose_enrolment_file()
        if path:
            self.enrolment_file.setText(path)
            self.passphrase.setFocus()

    def _on_input_changed(self) -> None:
        self.message.clear()
        self.ok_button.setEnabled(
            bool(self.enrolment_file.text()) and bool(self.passphrase.text().strip())
        )

    def _on_accepted(self) -> None:
        path, passphrase = Path(self.enrolment_file.text()), self.passphrase.text()
        db = self._db

        def opening(
            _progress: ProgressCallback, _cancelled: CancelledQuestion
        ) -> tuple[dict[str, Any], EnrolmentPreview]:
            return open_enrolment(db, path, passphrase)

        opened = self._run(opening, self.tr("Opening the enrolment file…"))
        if opened is None:
            return
        payload, preview = opened
        if preview.renames and not self.confirm_rename(preview):
            return

        def adopting(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> EnrolledRoom:
            # One transaction: once started it completes or fails, whatever cancel says.
            return enrol_standalone_room(db, payload)

        enrolled = self._run(adopting, self.tr("Enrolling this room…"))
        if enrolled is None:
            return
        self.enrolled = enrolled
        self.tell_enrolled(enrolled)
        self.accept()

    def _run(self, work: Any, label: str) -> Any:
        result = run_with_progress(work, parent=self, title=self.windowTitle(), label=label)
        if result.state is TaskState.DONE:
            return result.value
        if result.state is TaskState.FAILED:
            if not isinstance(result.error, SyncError):
                assert result.error is not None
                raise result.error
            self.message.setText(str(result.error))
            self.passphrase.setFocus()
            self.passphrase.selectAll()
        return None
