"""The first-run dialog: what this computer is for (city office, district office or room)
and its names.

A room enrolled by the district sets up from the district's enrolment file instead: the
dialog opens it with the passphrase read out by phone before it closes, so a wrong
passphrase is said next to the field and nothing is set up. Opening it (scrypt) takes
seconds, so it runs off the GUI thread, once: the choice carries what it read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.enums import NodeRole
from desktop.sync import SyncError
from desktop.sync.enrolment import read_enrolment
from desktop.views.common import remember, theme
from desktop.views.common.background import (
    CancelledQuestion,
    ProgressCallback,
    TaskState,
    run_with_progress,
)

# Names are stored in String(100) columns.
NAME_MAX_LENGTH = 100


class _Cancelled(Exception):
    """The user cancelled while the enrolment file was being opened."""


@dataclass(frozen=True)
class FirstRunChoice:
    """What the user chose: the role, the names (trimmed) and whether to load demo data.

    `enrolment` is set when a room sets up from the district's file: its verified payload
    (desktop.sync.enrolment.read_enrolment); `name` is then the room's name as the district
    registered it.
    """

    role: NodeRole
    name: str
    village: str = ""
    township: str = ""
    with_demo: bool = False
    enrolment: dict[str, Any] | None = None


class _RequiredField(QWidget):
    """A line edit with the message shown under it while it is empty, once the user has
    typed in it: a new form opens without a row of red complaints."""

    def __init__(self, *, placeholder: str, message: str) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(NAME_MAX_LENGTH)
        self.message = QLabel(message)
        self.message.setObjectName("validationMessage")
        self.message.setStyleSheet(f"color: {theme.ACCENT};")
        # Hidden rather than emptied, so the form keeps its height and does not jump.
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.touched = False
        self.edit.textEdited.connect(self._on_edited)
        self.edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed(self.edit.text())

    def value(self) -> str:
        return self.edit.text().strip()

    def is_valid(self) -> bool:
        return bool(self.value())

    def _on_edited(self, text: str) -> None:
        self.touched = True
        self._on_text_changed(text)

    def _on_text_changed(self, _text: str) -> None:
        self.message.setVisible(self.touched and not self.is_valid())


class FirstRunDialog(QDialog):
    """Asked once, when the installation folder holds no installation yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Yishi"))
        self.setMinimumWidth(520)
        # Set to True once the user types a room name, so the suggestion stops following.
        self._room_name_typed = False

        heading = QLabel(self.tr("Set up this computer"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Choose who uses this computer and enter the names. This is asked only once; "
                "the names appear on printed documents."
            )
        )
        intro.setWordWrap(True)

        self.room_button = QRadioButton(self.tr("Village or community consultation room"))
        self.district_button = QRadioButton(
            self.tr("District CPPCC office (collects the rooms' records)")
        )
        self.enrolment_button = QRadioButton(
            self.tr("Consultation room: set up with the district's enrolment file")
        )
        self.city_button = QRadioButton(
            self.tr("City CPPCC office (collects the district offices' records)")
        )
        self._roles = QButtonGroup(self)
        self._roles.addButton(self.room_button)
        self._roles.addButton(self.enrolment_button)
        self._roles.addButton(self.district_button)
        self._roles.addButton(self.city_button)
        self.room_button.setChecked(True)
        role_box = QGroupBox(self.tr("Used by"))
        role_layout = QVBoxLayout(role_box)
        role_layout.addWidget(self.room_button)
        role_layout.addWidget(self.enrolment_button)
        role_layout.addWidget(self.district_button)
        role_layout.addWidget(self.city_button)

        self.township = _RequiredField(
            placeholder=self.tr("e.g. Hepingqiao Street"),
            message=self.tr("Enter the township or street"),
        )
        self.village = _RequiredField(
            placeholder=self.tr("e.g. Hepingqiao Community"),
            message=self.tr("Enter the village or community"),
        )
        self.room_name = _RequiredField(
            placeholder=self.tr("e.g. Hepingqiao Community Consultation Room"),
            message=self.tr("Enter the room's name"),
        )
        room_page = QWidget()
        room_form = QFormLayout(room_page)
        room_form.setContentsMargins(0, 0, 0, 0)
        room_form.addRow(self.tr("Township or street:"), self.township)
        room_form.addRow(self.tr("Village or community:"), self.village)
        room_form.addRow(self.tr("Room name:"), self.room_name)

        self.district_name = _RequiredField(
            placeholder=self.tr("e.g. Chongchuan District CPPCC"),
            message=self.tr("Enter the committee's name"),
        )
        district_page = QWidget()
        district_form = QFormLayout(district_page)
        district_form.setContentsMargins(0, 0, 0, 0)
        district_form.addRow(self.tr("CPPCC committee:"), self.district_name)
        district_hint = QLabel(
            self.tr(
                "The district office keeps the roster, the register of rooms and the scoring "
                "rules, and collects the rooms' records."
            )
        )
        district_hint.setWordWrap(True)
        district_hint.setStyleSheet(f"color: {theme.MUTED_TEXT};")
        district_form.addRow(district_hint)

        self.city_name = _RequiredField(
            placeholder=self.tr("e.g. Nantong City CPPCC"),
            message=self.tr("Enter the committee's name"),
        )
        city_page = QWidget()
        city_form = QFormLayout(city_page)
        city_form.setContentsMargins(0, 0, 0, 0)
        city_form.addRow(self.tr("CPPCC committee:"), self.city_name)
        city_hint = QLabel(
            self.tr(
                "The city office enrols the district offices and imports what they forward, "
                "for its statistics; it keeps no records of its own. Its keys are made now."
            )
        )
        city_hint.setWordWrap(True)
        city_hint.setStyleSheet(f"color: {theme.MUTED_TEXT};")
        city_form.addRow(city_hint)

        self.enrolment_file = QLineEdit()
        self.enrolment_file.setReadOnly(True)
        self.enrolment_file.setPlaceholderText(self.tr("No file chosen"))
        self.choose_file_button = QPushButton(self.tr("Choose…"))
        self.choose_file_button.clicked.connect(self._on_choose_file)
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.enrolment_file, 1)
        file_layout.addWidget(self.choose_file_button)
        self.passphrase = QLineEdit()
        self.passphrase.setPlaceholderText(self.tr("e.g. 4821-0937-5512-0066-7310-2295"))
        self.passphrase.setMaxLength(100)
        self.enrolment_message = QLabel()
        self.enrolment_message.setObjectName("validationMessage")
        self.enrolment_message.setStyleSheet(f"color: {theme.ACCENT};")
        self.enrolment_message.setWordWrap(True)
        passphrase_field = QWidget()
        passphrase_layout = QVBoxLayout(passphrase_field)
        passphrase_layout.setContentsMargins(0, 0, 0, 0)
        passphrase_layout.setSpacing(2)
        passphrase_layout.addWidget(self.passphrase)
        passphrase_layout.addWidget(self.enrolment_message)
        enrolment_page = QWidget()
        enrolment_form = QFormLayout(enrolment_page)
        enrolment_form.setContentsMargins(0, 0, 0, 0)
        enrolment_form.addRow(self.tr("Enrolment file:"), file_row)
        enrolment_form.addRow(self.tr("Passphrase:"), passphrase_field)
        enrolment_hint = QLabel(
            self.tr(
                "The district office gives you the file on a USB stick and reads the passphrase "
                "out by phone. Records already on this computer are kept."
            )
        )
        enrolment_hint.setWordWrap(True)
        enrolment_hint.setStyleSheet(f"color: {theme.MUTED_TEXT};")
        enrolment_form.addRow(enrolment_hint)
        # Set once the file opened with the passphrase: what it holds.
        self._enrolment: dict[str, Any] | None = None

        self._forms = QStackedWidget()
        self._forms.addWidget(room_page)
        self._forms.addWidget(district_page)
        self._forms.addWidget(enrolment_page)
        self._forms.addWidget(city_page)

        self.demo_box = QCheckBox(self.tr("Try it with demo data"))
        demo_hint = QLabel(
            self.tr(
                "Adds sample members, topics, meetings and outcomes, so you can look around "
                "before entering your own records."
            )
        )
        demo_hint.setWordWrap(True)
        demo_hint.setStyleSheet(f"color: {theme.MUTED_TEXT};")

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Start"))
        self._buttons.accepted.connect(self._on_accepted)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(role_box)
        layout.addWidget(self._forms)
        layout.addSpacing(4)
        layout.addWidget(self.demo_box)
        layout.addWidget(demo_hint)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

        self._roles.buttonToggled.connect(self._on_role_toggled)
        self.village.edit.textChanged.connect(self._on_village_changed)
        self.room_name.edit.textEdited.connect(self._on_room_name_edited)
        self.room_name.edit.installEventFilter(self)
        fields = (self.township, self.village, self.room_name, self.district_name, self.city_name)
        for field in fields:
            field.edit.textChanged.connect(self._on_input_changed)
        self.enrolment_file.textChanged.connect(self._on_enrolment_input_changed)
        self.passphrase.textChanged.connect(self._on_enrolment_input_changed)
        self._on_input_changed()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> FirstRunChoice | None:
        """Show the dialog; the user's choice, or None when they cancel."""
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()

    def role(self) -> NodeRole:
        if self.city_button.isChecked():
            return NodeRole.CITY
        return NodeRole.DISTRICT if self.district_button.isChecked() else NodeRole.ROOM

    def uses_enrolment(self) -> bool:
        return self.enrolment_button.isChecked()

    def is_valid(self) -> bool:
        if self.role() is NodeRole.DISTRICT:
            return self.district_name.is_valid()
        if self.role() is NodeRole.CITY:
            return self.city_name.is_valid()
        if self.uses_enrolment():
            return bool(self.enrolment_file.text()) and bool(self.passphrase.text().strip())
        return all(f.is_valid() for f in (self.township, self.village, self.room_name))

    def choose_enrolment_file(self) -> str:
        """The file the user picks ('' when cancelled); a seam for tests."""
        return remember.open_file_name(
            self,
            self.tr("Choose the enrolment file"),
            self.tr("Enrolment files (*.enrol);;All files (*)"),
        )

    def choice(self) -> FirstRunChoice:
        if self.uses_enrolment():
            name = str(self._enrolment["room"]["name"]) if self._enrolment else ""
            return FirstRunChoice(role=NodeRole.ROOM, name=name, enrolment=self._enrolment)
        if self.role() is NodeRole.CITY:
            return FirstRunChoice(role=NodeRole.CITY, name=self.city_name.value())
        with_demo = self.demo_box.isChecked()
        if self.role() is NodeRole.DISTRICT:
            return FirstRunChoice(
                role=NodeRole.DISTRICT, name=self.district_name.value(), with_demo=with_demo
            )
        return FirstRunChoice(
            role=NodeRole.ROOM,
            name=self.room_name.value(),
            village=self.village.value(),
            township=self.township.value(),
            with_demo=with_demo,
        )

    def _on_role_toggled(self) -> None:
        enrolment = self.uses_enrolment()
        role = self.role()
        forms = {NodeRole.DISTRICT: 1, NodeRole.CITY: 3}
        self._forms.setCurrentIndex(forms.get(role, 2 if enrolment else 0))
        # The district's file brings the real roster: demo data has no place in it. A city
        # writes no records at all: its data is what its districts forward.
        no_demo = enrolment or role is NodeRole.CITY
        self.demo_box.setEnabled(not no_demo)
        if no_demo:
            self.demo_box.setChecked(False)
        self._on_input_changed()

    def _on_choose_file(self) -> None:
        path = self.choose_enrolment_file()
        if path:
            self.enrolment_file.setText(path)
            self.passphrase.setFocus()

    def _on_enrolment_input_changed(self) -> None:
        self.enrolment_message.clear()
        self._enrolment = None
        self._on_input_changed()

    def _on_accepted(self) -> None:
        if not self.is_valid():
            return
        if self.uses_enrolment():
            # Checked now, so that a wrong passphrase is said next to the field and the
            # dialog stays open.
            self._enrolment = self._open_enrolment()
            if self._enrolment is None:
                return
        self.accept()

    def _open_enrolment(self) -> dict[str, Any] | None:
        """The file's payload, opened off the GUI thread; None when refused or cancelled."""
        path, passphrase = Path(self.enrolment_file.text()), self.passphrase.text()

        def work(_progress: ProgressCallback, cancelled: CancelledQuestion) -> dict[str, Any]:
            payload = read_enrolment(path, passphrase)
            if cancelled():
                raise _Cancelled
            return payload

        result = run_with_progress(
            work,
            parent=self,
            title=self.windowTitle(),
            label=self.tr("Opening the enrolment file…"),
        )
        if result.state is TaskState.DONE:
            payload: dict[str, Any] = result.value
            return payload
        if result.state is TaskState.FAILED:
            if not isinstance(result.error, SyncError):
                assert result.error is not None
                raise result.error
            self.enrolment_message.setText(str(result.error))
            self.passphrase.setFocus()
            self.passphrase.selectAll()
        return None

    def _room_suffix(self) -> str:
        return self.tr("%1 Consultation Room").replace("%1", "").strip()

    def _undoubled(self, name: str) -> str:
        """The name with the room word once: a village typed with it, or the word typed
        again after the suggestion, never gives 和平桥社区协商议事室协商议事室."""
        suffix = self._room_suffix()
        if suffix:
            while name.endswith(suffix + suffix):
                name = name.removesuffix(suffix)
        return name

    def _on_village_changed(self, village: str) -> None:
        # Rooms are nearly always named after their village: suggest it until the user types.
        if self._room_name_typed:
            return
        village = village.strip()
        suggestion = self.tr("%1 Consultation Room").replace("%1", village) if village else ""
        self.room_name.edit.setText(self._undoubled(suggestion))

    def _on_room_name_edited(self, text: str) -> None:
        if not self._room_name_typed and (suggested := self._undoubled(text)) != text:
            self.room_name.edit.setText(suggested)
        self._room_name_typed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.room_name.edit
            and event.type() == QEvent.Type.FocusIn
            and not self._room_name_typed
        ):
            # A click into the suggestion selects it (as Tab does), so a user typing the whole
            # name replaces it instead of writing it after the suggestion; after the click.
            QTimer.singleShot(0, self.room_name.edit.selectAll)
        return super().eventFilter(watched, event)

    def _on_input_changed(self) -> None:
        self.ok_button.setEnabled(self.is_valid())
