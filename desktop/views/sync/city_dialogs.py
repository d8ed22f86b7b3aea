"""Enrolment one level up (desktop.sync.upward): a city office enrols a district, a district
joins its city with the file.

Both seal or open a passphrase envelope (scrypt, seconds on an old PC), so the work runs off
the GUI thread behind a busy indicator; a refusal is said in the dialog, which stays open.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
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
from desktop.sync.upward import DistrictEnrolment, JoinedCity, enroll_district, join_city
from desktop.views.common import remember, theme
from desktop.views.common.background import (
    CancelledQuestion,
    ProgressCallback,
    TaskState,
    run_with_progress,
)

# Characters no file name on Windows may hold, in a district's name typed by hand.
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _message_label() -> QLabel:
    label = QLabel()
    label.setObjectName("validationMessage")
    label.setStyleSheet(f"color: {theme.ACCENT};")
    label.setWordWrap(True)
    return label


def _file_row(field: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row


def _run(dialog: QDialog, work: Any, label: str, message: QLabel) -> Any:
    """The work's value, or None with the refusal said in `message` (or cancelled)."""
    result = run_with_progress(work, parent=dialog, title=dialog.windowTitle(), label=label)
    if result.state is TaskState.DONE:
        return result.value
    if result.state is TaskState.FAILED:
        if not isinstance(result.error, SyncError):
            assert result.error is not None
            raise result.error
        message.setText(str(result.error))
    return None


class EnrolDistrictDialog(QDialog):
    """City: name a district, write its enrolment file, show the passphrase once."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.enrolment: DistrictEnrolment | None = None
        self.setWindowTitle(self.tr("Enrol a district office"))
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "Writes an enrolment file for the district office to take on a USB stick; "
                "read the passphrase out to its clerk by phone. The district's records "
                "arrive with its first bundle."
            )
        )
        intro.setWordWrap(True)
        self.district_name = QLineEdit()
        self.district_name.setMaxLength(100)
        self.district_name.setPlaceholderText(self.tr("e.g. 崇川区政协"))
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("The USB stick or a folder"))
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.message = _message_label()
        form = QFormLayout()
        form.addRow(self.tr("District office"), self.district_name)
        form.addRow(self.tr("Write the file to"), _file_row(self.folder, self.choose_button))
        form.addRow("", self.message)

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
                "The passphrase is shown only now. Never write it on the USB stick or keep it "
                "with the enrolment file; enrolling the district again makes a new file and "
                "passphrase."
            )
        )
        hint.setWordWrap(True)
        result.addWidget(hint)
        self.result_box.hide()

        self.enrol_button = QPushButton(self.tr("Enrol"))
        self.enrol_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result_box)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.enrol_button.clicked.connect(self._on_enrol_clicked)
        self.close_button.clicked.connect(self.accept)
        self.district_name.textChanged.connect(self.message.clear)
        self.folder.textChanged.connect(self.message.clear)

    @classmethod
    def ask(cls, db: Database, parent: QWidget | None = None) -> DistrictEnrolment | None:
        """Show the dialog; the enrolment written, or None when none was."""
        dialog = cls(db, parent)
        try:
            dialog.exec()
            return dialog.enrolment
        finally:
            dialog.deleteLater()

    # Seams a test patches ----------------------------------------------------------------
    def choose_folder(self) -> str:
        """A folder chosen by the user, "" when cancelled."""
        return remember.existing_directory(self, self.tr("Write the file to"))

    # Internals ---------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        chosen = self.choose_folder()
        if chosen:
            self.folder.setText(chosen)

    def _output(self, name: str) -> Path | None:
        text = self.folder.text().strip()
        if not text or not Path(text).is_dir():
            self.message.setText(self.tr("Choose the folder to write the file to."))
            return None
        return Path(text) / f"{_NOT_IN_FILE_NAMES.sub('_', name)}.enrol"

    def _on_enrol_clicked(self) -> None:
        name = self.district_name.text().strip()
        if not name:
            self.message.setText(self.tr("Type the district office's name."))
            self.district_name.setFocus()
            return
        output = self._output(name)
        if output is None:
            return
        db = self._db

        def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> DistrictEnrolment:
            return enroll_district(db, name=name, output=output)

        enrolment = _run(self, work, self.tr("Writing the enrolment file…"), self.message)
        if enrolment is None:
            return
        self.enrolment = enrolment
        self.written_label.setText(
            self.tr("Enrolment file written: %1\nCity key fingerprint: %2")
            .replace("%1", str(enrolment.path))
            .replace("%2", enrolment.fingerprint)
        )
        self.passphrase_label.setText(enrolment.passphrase)
        self.result_box.show()
        self.enrol_button.hide()
        self.close_button.setDefault(True)
        for field in (self.district_name, self.folder):
            field.setReadOnly(True)
        self.choose_button.setEnabled(False)
        # Grown to show the passphrase whole: it is read out once, never cut.
        self.adjustSize()


class JoinCityDialog(QDialog):
    """District: pick the city's enrolment file, type the passphrase read out by phone."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.joined: JoinedCity | None = None
        self.setWindowTitle(self.tr("Join a city office"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "The city CPPCC office gives you its enrolment file on a USB stick and reads "
                "the passphrase out by phone. Afterwards this district forwards everything it "
                "holds, its rooms' records too, to the city in its bundles."
            )
        )
        intro.setWordWrap(True)
        self.enrolment_file = QLineEdit()
        self.enrolment_file.setReadOnly(True)
        self.enrolment_file.setPlaceholderText(self.tr("No file chosen"))
        self.choose_file_button = QPushButton(self.tr("Choose…"))
        self.passphrase = QLineEdit()
        self.passphrase.setPlaceholderText(self.tr("e.g. 4821-0937-5512-0066-7310-2295"))
        self.passphrase.setMaxLength(100)
        self.message = _message_label()
        form = QFormLayout()
        form.addRow(
            self.tr("Enrolment file:"), _file_row(self.enrolment_file, self.choose_file_button)
        )
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow("", self.message)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Join"))
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
    def ask(cls, db: Database, parent: QWidget | None = None) -> JoinedCity | None:
        """Show the dialog; the city joined, or None when cancelled."""
        dialog = cls(db, parent)
        try:
            dialog.exec()
            return dialog.joined
        finally:
            dialog.deleteLater()

    # Seams a test patches ----------------------------------------------------------------
    def choose_enrolment_file(self) -> str:
        return remember.open_file_name(
            self,
            QCoreApplication.translate("EnrolDialog", "Choose the enrolment file"),
            QCoreApplication.translate("EnrolDialog", "Enrolment files (*.enrol);;All files (*)"),
        )

    def tell_joined(self, joined: JoinedCity) -> None:
        QMessageBox.information(self, self.windowTitle(), joined_text(joined))

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
        path, passphrase, db = Path(self.enrolment_file.text()), self.passphrase.text(), self._db

        def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> JoinedCity:
            return join_city(db, path, passphrase)

        joined = _run(self, work, self.tr("Opening the enrolment file…"), self.message)
        if joined is None:
            self.passphrase.setFocus()
            self.passphrase.selectAll()
            return
        self.joined = joined
        self.tell_joined(joined)
        self.accept()


def joined_text(joined: JoinedCity) -> str:
    """What the district reads out to the city by phone once it joined."""
    return (
        QCoreApplication.translate(
            "JoinCityDialog",
            "Joined %1. Read this fingerprint out to the city office by phone and check "
            "that it matches the one its enrolment dialog showed:\n\nCity: %2",
        )
        .replace("%1", joined.name)
        .replace("%2", joined.fingerprint)
    )
