"""The add/edit dialog of an other activity (其他履职活动), with its members and suggestions.

Save runs one unit of work: the activity, who took part and the suggestions queued in the
dialog are written together or not at all; a refusal shows beside its field and the dialog
stays open with everything typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import UserError
from desktop.formatting import format_date
from desktop.models import Activity
from desktop.models.stamping import OwnershipError
from desktop.queries import activities as queries
from desktop.views.forms import (
    NOT_AN_INPUT,
    FormDialog,
    clear_messages,
    date_edit,
    message_label,
    show_message,
    text_edit,
    to_date,
    with_message,
)
from desktop.views.icons import icon
from desktop.workflow import activities as rules
from desktop.workflow.activities import FieldRuleError, SuggestionData


class MemberPicker(QWidget):
    """The roster as a checkable list with a filter; members assigned to the room come first."""

    selection_changed = Signal()

    def __init__(self, choices: list[queries.Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Find a member by name or sector"))
        self.filter_edit.setClearButtonEnabled(True)
        # Finding a member is not filling in the form: no "discard?" for a filter typed.
        self.filter_edit.setProperty(NOT_AN_INPUT, True)
        self.list = QListWidget()
        self.list.setMinimumHeight(150)
        for choice in choices:
            text = choice.name
            if choice.detail:
                text += f"（{choice.detail}）"
            if choice.assigned:
                text += "  " + self.tr("· this room")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.count_label = QLabel()
        self.count_label.setObjectName("mutedText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.list.itemChanged.connect(self._on_item_changed)
        # Enter in the filter ticks the one member it leaves, as a quick keyboard path.
        self.filter_edit.returnPressed.connect(self._on_filter_return)
        self._update_count()

    def set_selected(self, member_ids: tuple[str, ...]) -> None:
        wanted = set(member_ids)
        self.list.blockSignals(True)
        for item in self._items():
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update_count()

    def selected_ids(self) -> tuple[str, ...]:
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def check(self, member_id: str, checked: bool = True) -> None:
        for item in self._items():
            if item.data(Qt.ItemDataRole.UserRole) == member_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_read_only(self, read_only: bool) -> None:
        for item in self._items():
            flags = item.flags()
            if read_only:
                flags &= ~Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _on_filter_changed(self, text: str) -> None:
        needle = text.strip()
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text())

    def _on_filter_return(self) -> None:
        visible = [item for item in self._items() if not item.isHidden()]
        if len(visible) == 1:
            visible[0].setCheckState(Qt.CheckState.Checked)
            self.filter_edit.clear()

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_count()
        self.selection_changed.emit()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%1 members chosen").replace("%1", str(len(self.selected_ids())))
        )


class SuggestionEditor(QGroupBox):
    """Existing suggestions (read-only, followed up on the outcomes page) and new ones to add."""

    def __init__(
        self,
        existing: list[queries.SuggestionRow],
        *,
        since_edit: QDateEdit,
        since_label: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Suggestions (followed up on the Outcomes page)"))
        # The record's own date field: suggestions may not be due before it.
        self._since_edit = since_edit
        self._since_label = since_label
        self.pending: list[SuggestionData] = []
        self.list = QListWidget()
        self.list.setMinimumHeight(70)
        for row in existing:
            deadline = format_date(row.deadline) or self.tr("no deadline")
            unit = row.responsible_unit or self.tr("no unit")
            self.list.addItem(f"{row.content} — {unit}，{deadline}（{row.status.label}）")
        self.content_edit = QLineEdit()
        self.content_edit.setPlaceholderText(self.tr("What should be done"))
        self.content_message = message_label()
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("e.g. the township's culture station"))
        self.deadline_check = QCheckBox(self.tr("Deadline"))
        self.deadline_edit = date_edit(today)
        self.deadline_edit.setEnabled(False)
        self.deadline_message = message_label()
        self.add_button = QPushButton(icon("new"), self.tr("Add suggestion"))
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_check)
        deadline_row.addWidget(self.deadline_edit, 1)
        deadline_row.addWidget(self.add_button)
        form = QFormLayout()
        form.addRow(self.tr("Suggestion"), with_message(self.content_edit, self.content_message))
        form.addRow(self.tr("Responsible unit"), self.unit_edit)
        deadline_box = QWidget()
        deadline_box.setLayout(deadline_row)
        deadline_row.setContentsMargins(0, 0, 0, 0)
        form.addRow("", with_message(deadline_box, self.deadline_message))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        self.deadline_check.toggled.connect(self.deadline_edit.setEnabled)
        self.add_button.clicked.connect(self._on_add)
        self.content_edit.returnPressed.connect(self.unit_edit.setFocus)
        self.unit_edit.returnPressed.connect(self._on_add)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.content_edit,
            self.unit_edit,
            self.deadline_check,
            self.deadline_edit,
            self.add_button,
        ):
            widget.setVisible(not read_only)
        for label in self.findChildren(QLabel):
            if label.objectName() != "validationMessage":
                label.setVisible(not read_only)

    def _on_add(self) -> None:
        show_message(self.content_message, "")
        show_message(self.deadline_message, "")
        data = SuggestionData(
            content=self.content_edit.text(),
            responsible_unit=self.unit_edit.text(),
            deadline=to_date(self.deadline_edit) if self.deadline_check.isChecked() else None,
        )
        try:
            clean = rules.validate_suggestion(
                data, since=to_date(self._since_edit), since_label=self._since_label
            )
        except FieldRuleError as error:
            target = self.deadline_message if error.field == "deadline" else self.content_message
            show_message(target, str(error))
            return
        self.pending.append(clean)
        deadline = format_date(clean.deadline) or self.tr("no deadline")
        unit = clean.responsible_unit or self.tr("no unit")
        self.list.addItem(
            f"{clean.content} — {unit}，{deadline}" + self.tr(" (new, saved with the record)")
        )
        self.content_edit.clear()
        self.unit_edit.clear()
        self.deadline_check.setChecked(False)
        self.content_edit.setFocus()


def enter_stays_local(dialog: QDialog, event: QKeyEvent, fields: tuple[QWidget, ...]) -> bool:
    """True when Enter belongs to a field of its own (tick a member, add a suggestion).

    QLineEdit passes Enter on to the dialog, which would press Save as well.
    """
    enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    if enter and dialog.focusWidget() in fields:
        event.accept()
        return True
    return False


class RecordDialog(FormDialog):
    """What the activity and the case dialogs share: the frame, members, suggestions and Save.

    Save writes the record, who took part and the queued suggestions in one unit of work.
    """

    read_only: bool
    member_picker: MemberPicker
    suggestions: SuggestionEditor
    members_message: QLabel
    general_message: QLabel

    def __init__(self, db: Database, *, today: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        installation = db.installation()
        self._node_id = installation.node_id if installation else ""
        self._own_room_id = installation.room_id if installation else None
        self._room_id: str | None = None
        self.saved_id: str | None = None

    def _members_box(self, title: str) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(self.member_picker, 1)
        layout.addWidget(self.members_message)
        return box

    def _lay_out(self, form: QFormLayout, members_box: QGroupBox) -> None:
        """The form and suggestions on the left, the members on the right, Save beneath."""
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.suggestions, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 3)
        columns.addWidget(members_box, 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._on_save)
        self.resize(980, 640)
        # Ticking a member is an edit too; the list has no field of its own to watch.
        self.watch(self.member_picker.selection_changed)

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        local = (
            self.member_picker.filter_edit,
            self.suggestions.content_edit,
            self.suggestions.unit_edit,
        )
        if not enter_stays_local(self, event, local):
            super().keyPressEvent(event)

    def _make_read_only(self) -> None:
        self.save_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.member_picker.set_read_only(True)
        self.suggestions.set_read_only(True)

    def _message_for(self, field: str) -> QLabel:
        raise NotImplementedError

    def _write(self, session: Session, room_id: str) -> str:
        """Save the record and its pending suggestions; the record's id."""
        raise NotImplementedError

    def _foreign_message(self) -> str:
        """What to say when the record belongs to another installation."""
        raise NotImplementedError

    def _on_save(self) -> None:
        if self.read_only:
            return
        clear_messages(self)
        if self._room_id is None:
            show_message(self.general_message, self.tr("This installation has no room."))
            return
        try:
            with self._db.session() as session:
                saved_id = self._write(session, self._room_id)
        except FieldRuleError as error:
            show_message(self._message_for(error.field), str(error))
            return
        except UserError as error:
            show_message(self.general_message, str(error))
            return
        except OwnershipError:
            show_message(self.general_message, self._foreign_message())
            return
        self.saved_id = saved_id
        self.accept()

    def run(self) -> str | None:
        """Show the dialog; the saved record's id, or None when nothing was saved."""
        accepted = self.exec() == QDialog.DialogCode.Accepted
        saved = self.saved_id if accepted else None
        self.deleteLater()  # parented to the page: it would otherwise live as long as it
        return saved


class ActivityDialog(RecordDialog):
    """Kind, date, title, place, members, others present, summary and suggestions."""

    def __init__(
        self,
        db: Database,
        *,
        activity_id: str | None,
        today: date,
        read_only: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, today=today, parent=parent)
        room_id = self._own_room_id
        with db.session() as session:
            self.record = (
                queries.read_activity(session, activity_id, node_id=self._node_id)
                if activity_id
                else None
            )
            kinds = queries.kind_choices(session)
            members = queries.member_choices(
                session, room_id=self.record.room_id if self.record else room_id, today=today
            )
            existing = queries.suggestions(session, activity_id=activity_id) if activity_id else []
        self._room_id = self.record.room_id if self.record else room_id
        self.read_only = read_only or (self.record is not None and not self.record.owned)

        if self.record is None:
            self.setWindowTitle(self.tr("New activity"))
        elif self.read_only:
            self.setWindowTitle(self.tr("Activity"))
        else:
            self.setWindowTitle(self.tr("Edit activity"))

        self.kind_combo = QComboBox()
        for kind in kinds:
            self.kind_combo.addItem(kind.name, kind.id)
        self.kind_message = message_label()
        self.date_edit = date_edit(self.record.held_on if self.record else today)
        self.date_message = message_label()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. reading 'From the Soil' together"))
        self.title_message = message_label()
        self.place_edit = QLineEdit()
        self.place_message = message_label()
        self.others_edit = QLineEdit()
        self.others_edit.setPlaceholderText(self.tr("e.g. six residents, the grid worker"))
        self.summary_edit = text_edit(110)
        self.summary_edit.setPlaceholderText(self.tr("What was done and what was heard"))
        self.member_picker = MemberPicker(members)
        self.members_message = message_label()
        self.suggestions = SuggestionEditor(
            existing,
            since_edit=self.date_edit,
            since_label=self.tr("the activity's date"),
            today=today,
        )
        self.general_message = message_label()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("Kind"), with_message(self.kind_combo, self.kind_message))
        form.addRow(self.tr("Date"), with_message(self.date_edit, self.date_message))
        form.addRow(self.tr("Title"), with_message(self.title_edit, self.title_message))
        form.addRow(self.tr("Place"), with_message(self.place_edit, self.place_message))
        form.addRow(self.tr("Others present"), self.others_edit)
        form.addRow(self.tr("Summary"), self.summary_edit)
        self._lay_out(form, self._members_box(self.tr("Members who took part")))

        if self.record is not None:
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(self.record.kind_id), 0))
            self.title_edit.setText(self.record.title)
            self.place_edit.setText(self.record.place)
            self.others_edit.setText(self.record.others_present)
            self.summary_edit.setPlainText(self.record.summary)
            self.member_picker.set_selected(self.record.member_ids)
        if not kinds:
            show_message(
                self.kind_message,
                self.tr("No activity kinds yet: they come with the district's roster."),
            )
        if self.read_only:
            self._make_read_only()
        self.kind_combo.setFocus()
        self.setTabOrder(self.kind_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.title_edit)
        self.setTabOrder(self.title_edit, self.place_edit)
        self.setTabOrder(self.place_edit, self.others_edit)
        self.setTabOrder(self.others_edit, self.summary_edit)
        self.setTabOrder(self.summary_edit, self.member_picker.filter_edit)
        self.setTabOrder(self.member_picker.filter_edit, self.member_picker.list)

    def _make_read_only(self) -> None:
        super()._make_read_only()
        for edit in (self.title_edit, self.place_edit, self.others_edit):
            edit.setReadOnly(True)
        self.summary_edit.setReadOnly(True)
        self.kind_combo.setEnabled(False)
        self.date_edit.setReadOnly(True)

    def _message_for(self, field: str) -> QLabel:
        return {
            "kind": self.kind_message,
            "held_on": self.date_message,
            "title": self.title_message,
            "place": self.place_message,
            "members": self.members_message,
        }.get(field, self.general_message)

    def _write(self, session: Session, room_id: str) -> str:
        data = rules.ActivityData(
            kind_id=self.kind_combo.currentData() or "",
            held_on=to_date(self.date_edit),
            title=self.title_edit.text(),
            place=self.place_edit.text(),
            member_ids=self.member_picker.selected_ids(),
            others_present=self.others_edit.text(),
            summary=self.summary_edit.toPlainText(),
        )
        activity: Activity = rules.save_activity(
            session,
            data,
            room_id=room_id,
            activity_id=self.record.id if self.record else None,
            today=self._today,
        )
        for suggestion in self.suggestions.pending:
            rules.add_suggestion(session, activity, suggestion)
        return activity.id

    def _foreign_message(self) -> str:
        return self.tr("This activity belongs to another installation; it can only change there.")

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        db: Database,
        *,
        activity_id: str | None = None,
        today: date,
        read_only: bool = False,
    ) -> str | None:
        """Show the dialog; the saved activity's id, or None when nothing was saved."""
        return cls(
            db, activity_id=activity_id, today=today, read_only=read_only, parent=parent
        ).run()
