"""The add/edit dialog of an other activity (其他履职活动), with its members and suggestions.

Save runs one unit of work: the activity, who took part and the suggestions queued in the
dialog are written together or not at all; a refusal shows beside its field and the dialog
stays open with everything typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.models import Activity
from desktop.queries import activities as queries
from desktop.views.activities.member_picker import MemberPicker
from desktop.views.activities.record_dialog import RecordDialog
from desktop.views.activities.suggestion_editor import SuggestionEditor
from desktop.views.common.forms import (
    date_edit,
    message_label,
    show_message,
    text_edit,
    to_date,
    with_message,
)
from desktop.workflow import activities as rules


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
