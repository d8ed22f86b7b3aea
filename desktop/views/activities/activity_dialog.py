"""The add/edit dialog of an other activity (其他履职活动), with its members and suggestions.

Save runs one unit of work: the activity, who took part and the suggestions queued in the
dialog are written together or not at all; a refusal shows beside its field and the dialog
stays open with everything typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.queries import Database
from desktop.queries import activities as queries
from desktop.views.activities.record_dialog import RecordDialog
from desktop.views.common.forms import (
    date_edit,
    message_label,
    show_message,
    text_edit,
    to_date,
    with_message,
)
from desktop.workflow.activities import ActivityData


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
        room_id: str | None = None,
    ) -> None:
        # room_id: where a new record goes when not this installation's room (the district's
        # own work: desktop.workflow.district_work).
        form = queries.activity_form(db, activity_id, today=today, room_id=room_id)
        super().__init__(db, form, today=today, read_only=read_only, parent=parent)
        self.record = form.record
        self.setWindowTitle(
            self._title(
                new=self.tr("New activity"), view=self.tr("Activity"), edit=self.tr("Edit activity")
            )
        )

        self.kind_combo = QComboBox()
        for kind in form.kinds:
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

        layout = QFormLayout()
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.addRow(self.tr("Kind"), with_message(self.kind_combo, self.kind_message))
        layout.addRow(self.tr("Date"), with_message(self.date_edit, self.date_message))
        layout.addRow(self.tr("Title"), with_message(self.title_edit, self.title_message))
        layout.addRow(self.tr("Place"), with_message(self.place_edit, self.place_message))
        layout.addRow(self.tr("Others present"), self.others_edit)
        layout.addRow(self.tr("Summary"), self.summary_edit)
        self._lay_out(
            layout,
            members_title=self.tr("Members who took part"),
            since_edit=self.date_edit,
            since_label=self.tr("the activity's date"),
        )

        if self.record is not None:
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(self.record.kind_id), 0))
            self.title_edit.setText(self.record.title)
            self.place_edit.setText(self.record.place)
            self.others_edit.setText(self.record.others_present)
            self.summary_edit.setPlainText(self.record.summary)
        if not form.kinds:
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

    def _data(self) -> ActivityData:
        return ActivityData(
            kind_id=self.kind_combo.currentData() or "",
            held_on=to_date(self.date_edit),
            title=self.title_edit.text(),
            place=self.place_edit.text(),
            member_ids=self.member_picker.selected_ids(),
            others_present=self.others_edit.text(),
            summary=self.summary_edit.toPlainText(),
        )
