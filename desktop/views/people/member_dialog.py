"""The district's member dialog (委员): every field of the roster, refusals shown beside them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models.enums import Gender, MemberLevel
from desktop.queries import Database
from desktop.queries import roster_lists as roster_queries
from desktop.rules.roster import EXPERTISE_GROUPS, MAX_LENGTHS, PARTIES, SECTORS
from desktop.views.common.forms import (
    FormDialog,
    clear_messages,
    message_label,
    show_message,
    with_message,
)
from desktop.workflow import roster

# A year field at its minimum shows "—": no year given.
NO_YEAR = 1948
TEXT_FIELDS = ("name", "party", "workplace", "post", "phone", "expertise", "term")
# Offered in a list, but free text: a party or expertise group is as the roster writes it.
SUGGESTED = {"party": PARTIES, "expertise": EXPERTISE_GROUPS}


def year_box() -> QSpinBox:
    """A year from 1949 to 2100, or "—" (none) at the bottom of the range."""
    box = QSpinBox()
    box.setRange(NO_YEAR, 2100)
    box.setSpecialValueText("—")
    box.setValue(NO_YEAR)
    return box


def year_of(box: QSpinBox) -> int | None:
    return None if box.value() == NO_YEAR else box.value()


class MemberDialog(FormDialog):
    """Name, gender, 界别, level, party, work unit and post, phone, expertise group, term."""

    def __init__(
        self, db: Database, *, member_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._member_id = member_id
        # The record's revision as loaded; saving refuses if someone changed it meanwhile.
        self._revision: int | None = None
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("New member") if member_id is None else self.tr("Edit member"))
        self.setMinimumWidth(520)

        self.edits: dict[str, QLineEdit] = {}
        # The widget each field shows as (an editable list for the suggested ones).
        self.field_widgets: dict[str, QWidget] = {}
        for key in TEXT_FIELDS:
            if key in SUGGESTED:
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(list(SUGGESTED[key]))
                combo.setCurrentIndex(-1)
                line = combo.lineEdit()
                assert line is not None  # an editable combo has one
                edit = line
                self.field_widgets[key] = combo
            else:
                edit = QLineEdit()
                self.field_widgets[key] = edit
            edit.setMaxLength(MAX_LENGTHS[key])
            self.edits[key] = edit
        self.name_edit = self.edits["name"]
        self.edits["phone"].setPlaceholderText(self.tr("Optional"))
        self.edits["term"].setPlaceholderText(self.tr("e.g. 17th"))
        self.gender_combo = QComboBox()
        for gender in Gender:
            self.gender_combo.addItem(gender.label, gender.value)
        self.level_combo = QComboBox()
        for level in MemberLevel:
            self.level_combo.addItem(level.label, level.value)
        self.level_combo.setCurrentIndex(self.level_combo.findData(MemberLevel.DISTRICT.value))
        self.sector_combo = QComboBox()
        self.sector_combo.addItem(self.tr("(choose a sector)"), "")
        for sector in SECTORS:
            self.sector_combo.addItem(sector, sector)
        self.start_year = year_box()
        self.end_year = year_box()
        keys = (*TEXT_FIELDS, "gender", "sector", "level", "term_years")
        self.messages = {key: message_label() for key in keys}
        self.general_message = message_label()

        years = QWidget()
        years_row = QHBoxLayout(years)
        years_row.setContentsMargins(0, 0, 0, 0)
        years_row.addWidget(self.start_year)
        years_row.addWidget(QLabel(self.tr("to")))
        years_row.addWidget(self.end_year)
        years_row.addStretch(1)
        rows: list[tuple[str, QWidget, str]] = [
            (self.tr("Name"), self.name_edit, "name"),
            (self.tr("Gender"), self.gender_combo, "gender"),
            (self.tr("Sector"), self.sector_combo, "sector"),
            (self.tr("Level"), self.level_combo, "level"),
            (self.tr("Party"), self.field_widgets["party"], "party"),
            (self.tr("Workplace"), self.edits["workplace"], "workplace"),
            (self.tr("Post"), self.edits["post"], "post"),
            (self.tr("Phone"), self.edits["phone"], "phone"),
            (self.tr("Expertise"), self.field_widgets["expertise"], "expertise"),
            (self.tr("Term"), self.edits["term"], "term"),
            (self.tr("Term years"), years, "term_years"),
        ]
        self.focus_of: dict[str, QWidget] = {}
        form = QFormLayout()
        for label, widget, key in rows:
            form.addRow(label, with_message(widget, self.messages[key]))
            self.focus_of[key] = widget
        self.focus_of["term_years"] = self.start_year
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)
        if member_id is not None:
            self._load(member_id)
        self.name_edit.setFocus()

    def _load(self, member_id: str) -> None:
        record = roster_queries.read_member(self._db, member_id)
        self._revision = record.revision
        for key in TEXT_FIELDS:
            self.edits[key].setText(getattr(record, key) or "")
        self.gender_combo.setCurrentIndex(self.gender_combo.findData(record.gender.value))
        self.level_combo.setCurrentIndex(self.level_combo.findData(record.level.value))
        index = self.sector_combo.findData(record.sector)
        if index < 0:  # a sector outside today's list (an older roster) stays as it was
            self.sector_combo.addItem(record.sector, record.sector)
            index = self.sector_combo.count() - 1
        self.sector_combo.setCurrentIndex(index)
        self.start_year.setValue(record.term_start_year or NO_YEAR)
        self.end_year.setValue(record.term_end_year or NO_YEAR)

    @property
    def save_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None  # the box is made with Save
        return button

    def data(self) -> roster.MemberData:
        def text(key: str) -> str | None:
            return self.edits[key].text().strip() or None

        return roster.MemberData(
            name=self.name_edit.text(),
            # Qt hands StrEnum data back as plain str.
            gender=Gender(self.gender_combo.currentData()),
            sector=str(self.sector_combo.currentData() or ""),
            level=MemberLevel(self.level_combo.currentData()),
            party=text("party"),
            workplace=text("workplace"),
            post=text("post"),
            phone=text("phone"),
            expertise=text("expertise"),
            term=text("term"),
            term_start_year=year_of(self.start_year),
            term_end_year=year_of(self.end_year),
        )

    def _on_save(self) -> None:
        clear_messages(self)
        try:
            self.saved_id = roster.save_member(
                self._db,
                self.data(),
                member_id=self._member_id,
                expected_revision=self._revision,
            )
        except UserError as error:
            field = field_of(error)
            if field in self.messages:
                show_message(self.messages[field], str(error))
                self.focus_of[field].setFocus()
            else:
                show_message(self.general_message, str(error))
            return
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, db: Database, *, member_id: str | None = None
    ) -> str | None:
        """The saved member's id, or None when the user cancelled."""
        dialog = cls(db, member_id=member_id, parent=parent)
        try:
            return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def field_of(error: UserError) -> str | None:
    """The form field a refusal names, when the rule says which (term years count as one)."""
    field = getattr(error, "field", None)
    if field in ("term_start_year", "term_end_year"):
        return "term_years"
    return field if isinstance(field, str) else None
