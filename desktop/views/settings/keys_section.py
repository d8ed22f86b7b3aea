"""The settings page's key card: this installation's and the district's fingerprints, what is
wrong with the keys, and the way to enrol a room set up on its own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.models.enums import NodeRole
from desktop.queries import Database
from desktop.sync.identity import escrow_files_left, escrow_fingerprint, own_fingerprint
from desktop.sync.keycheck import diagnose_keys
from desktop.sync.status import enrolled_district_fingerprint
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import show_message
from desktop.views.sync.enrol_dialog import EnrolDialog


class KeysSection(QWidget):
    """The fingerprints to read out by phone; `load` reads the keys again."""

    enrolled = Signal()

    def __init__(self, db: Database, *, role: NodeRole | None) -> None:
        super().__init__()
        self._db = db
        self._role = role
        # A district or city office made its own keys and escrow pair and enrols others; a
        # room (or an installation not set up) is enrolled by its district.
        self._office = role is not None and role.sees_many_rooms
        self.own_fingerprint_label = QLabel()
        self.district_fingerprint_label = QLabel()
        self.escrow_fingerprint_label = QLabel()
        for label in (
            self.own_fingerprint_label,
            self.district_fingerprint_label,
            self.escrow_fingerprint_label,
        ):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFont(scaled_font(label, 1.15, bold=True))
        self.keys_form = QFormLayout()
        self.keys_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.keys_form.addRow(
            QCoreApplication.translate("SettingsPage", "This installation"),
            self.own_fingerprint_label,
        )
        self.keys_form.addRow(
            QCoreApplication.translate("SettingsPage", "District office"),
            self.district_fingerprint_label,
        )
        self.keys_form.addRow(
            QCoreApplication.translate("SettingsPage", "Escrow key"), self.escrow_fingerprint_label
        )
        self.keys_note = QLabel()
        self.keys_note.setWordWrap(True)
        self.keys_note.setObjectName("mutedText")
        self.escrow_note = QLabel()
        self.escrow_note.setWordWrap(True)
        self.escrow_note.setObjectName("mutedText")
        # A room set up on its own enrols here too (as on 同步) once the district's file came.
        self.enrol_button = QPushButton(
            QCoreApplication.translate("SettingsPage", "Enrol with the district's file…")
        )
        self.enrol_button.clicked.connect(self._on_enrol_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.keys_form)
        layout.addWidget(self.escrow_note)
        layout.addWidget(self.keys_note)
        layout.addWidget(self.enrol_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _on_enrol_clicked(self) -> None:
        if EnrolDialog.ask(self._db, self) is not None:
            # The enrolment may rename the room too: the page reads everything again.
            self.enrolled.emit()

    def load(self) -> None:
        own = own_fingerprint(self._db)
        # A city's district peers are the offices it enrolled, not one it is enrolled with.
        district = None if self._office else enrolled_district_fingerprint(self._db)
        problem = diagnose_keys(self._db)
        if problem is not None and own is None:
            own_text = QCoreApplication.translate("SettingsPage", "Damaged")
        else:
            own_text = own or QCoreApplication.translate("SettingsPage", "Not made yet")
        self.own_fingerprint_label.setText(own_text)
        self.district_fingerprint_label.setText(
            district or QCoreApplication.translate("SettingsPage", "Not enrolled yet")
        )
        self.enrol_button.setVisible(not self._office and district is None)
        self.keys_form.setRowVisible(self.district_fingerprint_label, not self._office)
        self.keys_form.setRowVisible(self.escrow_fingerprint_label, self._office)
        self._load_escrow()
        if problem is not None:
            note = problem.message
        elif own is None:
            note = self._no_keys_note()
        else:
            note = ""
        show_message(self.keys_note, note)

    def _load_escrow(self) -> None:
        escrow = escrow_fingerprint(self._db) if self._office else None
        self.escrow_fingerprint_label.setText(
            escrow or QCoreApplication.translate("SettingsPage", "Not made yet")
        )
        left = escrow_files_left(self._db.home.root) if escrow else []
        if escrow is None:
            # A room has none of its own; an office without one is told so by the keys note.
            note = ""
        elif left:
            note = QCoreApplication.translate(
                "SettingsPage",
                "The escrow key's private half is still in the data folder (%1). Copy it to "
                "offline media, keep it somewhere safe and delete it from this computer.",
            ).replace("%1", ", ".join(path.name for path in left))
        else:
            note = QCoreApplication.translate(
                "SettingsPage",
                "The escrow key's private half was written once, when the keys were made; "
                "with it, bundles can still be read if this computer's keys are lost.",
            )
        show_message(self.escrow_note, note)

    def _no_keys_note(self) -> str:
        if self._role is NodeRole.CITY:
            return QCoreApplication.translate(
                "SettingsPage", "Run “yishi setup city” on this computer to make the city's keys."
            )
        if self._role is NodeRole.DISTRICT:
            return QCoreApplication.translate(
                "SettingsPage",
                "Run “yishi setup district” on this computer to make the district's keys.",
            )
        return QCoreApplication.translate(
            "SettingsPage",
            "The keys are made when this room is enrolled with an enrolment file from "
            "the district office (USB exchange of records).",
        )
