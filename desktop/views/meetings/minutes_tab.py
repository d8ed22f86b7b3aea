"""The 发言与共识 and 成果 tabs: per agenda item, speeches, the consensus and the outcomes."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import clock
from desktop.formatting import format_date
from desktop.models.enums import Consensus
from desktop.queries import meetings as queries
from desktop.views.common.forms import message_label, to_date, to_qdate
from desktop.views.common.query_table_model import (
    ColumnSpec,
    QueryTableModel,
    selected_ids,
    table_view,
)
from desktop.views.common.typed_dates import DateEdit
from desktop.views.meetings.editing import MeetingEditing
from desktop.workflow import agenda
from desktop.workflow.agenda import ConsensusDraft


def _item_combo() -> QComboBox:
    combo = QComboBox()
    combo.setMinimumWidth(360)
    return combo


def _fill_items(combo: QComboBox, choices: list[queries.AgendaChoice]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for choice in choices:
        combo.addItem(f"{choice.position}. {choice.title}", choice.id)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


class MinutesTab(QWidget):
    """Speakers and their main points, then the consensus 同意/原则同意/暂缓 and a show of hands."""

    edited = Signal()

    def __init__(self, editor: MeetingEditing) -> None:
        super().__init__()
        self._editor = editor
        self._db, self._meeting_id = editor.db, editor.meeting_id
        self._loaded_item: str | None = None
        self.loaded_item_revision: int | None = None
        self.item_combo = _item_combo()
        self.model = QueryTableModel(
            editor.db,
            [
                ColumnSpec(self.tr("No."), lambda r: str(r.position)),
                ColumnSpec(self.tr("Speaker"), lambda r: r.speaker_name),
                ColumnSpec(self.tr("Main points"), lambda r: r.summary),
            ],
            self,
        )
        self.speeches_view = table_view(self.model)
        self.speeches_view.setColumnWidth(0, 50)
        self.speeches_view.setColumnWidth(1, 120)
        self.speaker_combo = QComboBox()
        self.speaker_combo.setEditable(True)
        self.speaker_combo.setMinimumWidth(160)
        speaker_line = self.speaker_combo.lineEdit()
        assert speaker_line is not None  # editable combo boxes have one
        speaker_line.setPlaceholderText(self.tr("Speaker"))
        self.summary_edit = QLineEdit()
        self.summary_edit.setPlaceholderText(self.tr("Main points of the speech — Enter adds it"))
        self.add_speech_button = QPushButton(self.tr("Add speech"))
        self.remove_speech_button = QPushButton(self.tr("Remove speech"))
        self.speech_message = message_label()

        self.consensus_combo = QComboBox()
        self.consensus_combo.addItem(self.tr("not yet"), None)
        for value in Consensus:
            self.consensus_combo.addItem(value.label, value)
        self.consensus_edit = QPlainTextEdit()
        self.consensus_edit.setPlaceholderText(self.tr("What was agreed"))
        self.consensus_edit.setMaximumHeight(110)
        # Tab moves on to the show of hands, as in every other field; Ctrl+Tab is the tabs'.
        self.consensus_edit.setTabChangesFocus(True)
        self.votes: dict[str, QSpinBox] = {}
        votes_row = QHBoxLayout()
        for key, caption in (
            ("votes_for", self.tr("For")),
            ("votes_against", self.tr("Against")),
            ("votes_abstain", self.tr("Abstain")),
        ):
            spin = QSpinBox()
            spin.setRange(-1, 9999)
            # The minimum stands for "no show of hands"; most meetings reach consensus without.
            spin.setSpecialValueText(self.tr("—"))
            spin.setValue(-1)
            spin.valueChanged.connect(self._on_consensus_edited)
            self.votes[key] = spin
            votes_row.addWidget(QLabel(caption))
            votes_row.addWidget(spin)
        votes_row.addStretch(1)
        self.consensus_message = message_label()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Agenda item:")))
        top.addWidget(self.item_combo, 1)
        speech_row = QHBoxLayout()
        speech_row.addWidget(self.speaker_combo)
        speech_row.addWidget(self.summary_edit, 1)
        speech_row.addWidget(self.add_speech_button)
        speech_row.addWidget(self.remove_speech_button)
        consensus_form = QFormLayout()
        consensus_form.addRow(self.tr("Consensus"), self.consensus_combo)
        consensus_form.addRow(self.tr("Consensus text"), self.consensus_edit)
        consensus_form.addRow(self.tr("Show of hands"), votes_row)
        self.empty_note = QLabel(self.tr("Add topics to the agenda first."))
        self.empty_note.setObjectName("mutedText")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.speeches_view, 1)
        layout.addLayout(speech_row)
        layout.addWidget(self.speech_message)
        layout.addLayout(consensus_form)
        layout.addWidget(self.consensus_message)

        self.item_combo.currentIndexChanged.connect(self._on_item_changed)
        self.add_speech_button.clicked.connect(self._on_add_speech)
        self.summary_edit.returnPressed.connect(self._on_add_speech)
        self.remove_speech_button.clicked.connect(self._on_remove_speech)
        self.consensus_combo.activated.connect(self._on_consensus_edited)
        self.consensus_edit.textChanged.connect(self._on_consensus_edited)

    def current_item(self) -> str | None:
        value = self.item_combo.currentData()
        return str(value) if value is not None else None

    def reload(self) -> None:
        choices = queries.record_choices(self._db, self._meeting_id)
        _fill_items(self.item_combo, choices.items)
        self.empty_note.setVisible(not choices.items)
        typed = self.speaker_combo.currentText()
        self.speaker_combo.clear()
        for speaker in choices.speakers:
            self.speaker_combo.addItem(speaker.name, (speaker.member_id, speaker.participant_id))
        self.speaker_combo.setEditText(typed)
        self._load_item()

    def _load_item(self) -> None:
        item_id = self.current_item()
        self._loaded_item = item_id
        if item_id is None:
            self.model.set_query(queries.speeches_statement(""))
            return
        self.model.set_query(queries.speeches_statement(item_id))
        item = queries.item_consensus(self._db, item_id)
        # Handed back when the consensus is saved: a change made meanwhile is not overwritten.
        self.loaded_item_revision = item.revision
        widgets = (self.consensus_combo, self.consensus_edit, *self.votes.values())
        for widget in widgets:
            widget.blockSignals(True)
        self.consensus_combo.setCurrentIndex(self.consensus_combo.findData(item.consensus))
        self.consensus_edit.setPlainText(item.text)
        for key, spin in self.votes.items():
            value = getattr(item, key)
            spin.setValue(-1 if value is None else value)
        for widget in widgets:
            widget.blockSignals(False)

    def _on_item_changed(self) -> None:
        # The consensus typed for the previous item is saved before the next one shows; when
        # it cannot be (busy database, changed elsewhere) that item stays, with its text.
        if not self._editor.save_draft():
            self.item_combo.blockSignals(True)
            self.item_combo.setCurrentIndex(self.item_combo.findData(self._loaded_item))
            self.item_combo.blockSignals(False)
            return
        self._load_item()

    def _on_consensus_edited(self) -> None:
        self.edited.emit()

    def pending_consensus(self) -> ConsensusDraft | None:
        """The consensus as typed for the item shown, for the editor's draft save."""
        if self._loaded_item is None:
            return None

        def vote(key: str) -> int | None:
            value = self.votes[key].value()
            return None if value < 0 else value

        return ConsensusDraft(
            item_id=self._loaded_item,
            consensus=self.consensus_combo.currentData(),
            text=self.consensus_edit.toPlainText(),
            votes_for=vote("votes_for"),
            votes_against=vote("votes_against"),
            votes_abstain=vote("votes_abstain"),
            revision=self.loaded_item_revision,
        )

    def _on_add_speech(self) -> None:
        item_id = self.current_item()
        if item_id is None:
            return
        name = self.speaker_combo.currentText().strip()
        summary = self.summary_edit.text()
        member_id = participant_id = None
        index = self.speaker_combo.findText(name)
        if index >= 0:
            member_id, participant_id = self.speaker_combo.itemData(index)
        if self._editor.write(
            self.tr("Added a speech"),
            lambda amending: agenda.record_speech(
                self._db,
                self._meeting_id,
                item_id=item_id,
                speaker_name=name,
                summary=summary,
                member_id=member_id,
                participant_id=participant_id,
                amending=amending,
            ),
            self.speech_message,
        ):
            self.summary_edit.clear()
            self.speaker_combo.setEditText("")
            self.model.refresh()
            self.speaker_combo.setFocus()

    def _on_remove_speech(self) -> None:
        ids = selected_ids(self.speeches_view, self.model)
        if not ids:
            return
        if self._editor.write(
            self.tr("Removed a speech"),
            lambda amending: agenda.delete_speech(
                self._db, self._meeting_id, speech_id=ids[0], amending=amending
            ),
            self.speech_message,
        ):
            self.model.refresh()

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.speaker_combo,
            self.summary_edit,
            self.add_speech_button,
            self.remove_speech_button,
            self.consensus_combo,
            self.consensus_edit,
            *self.votes.values(),
        ):
            widget.setEnabled(editable)


class OutcomesTab(QWidget):
    """成果: the recommendations of each agenda item with who carries them out and by when."""

    def __init__(self, editor: MeetingEditing) -> None:
        super().__init__()
        self._editor = editor
        self._db, self._meeting_id = editor.db, editor.meeting_id
        self._held_on = clock.today()
        self.item_combo = _item_combo()
        self.model = QueryTableModel(
            editor.db,
            [
                ColumnSpec(self.tr("Outcome"), lambda r: r.content),
                ColumnSpec(self.tr("Responsible unit"), lambda r: r.responsible_unit),
                ColumnSpec(self.tr("Responsible person"), lambda r: r.responsible_person),
                ColumnSpec(self.tr("Deadline"), lambda r: format_date(r.deadline)),
                ColumnSpec(self.tr("Status"), lambda r: r.status.label),
            ],
            self,
        )
        self.view = table_view(self.model)
        self.view.setColumnWidth(0, 360)
        self.view.setColumnWidth(1, 160)
        self.content_edit = QLineEdit()
        self.content_edit.setPlaceholderText(self.tr("The recommendation agreed on"))
        self.unit_edit = QLineEdit()
        self.person_edit = QLineEdit()
        self.deadline_edit = DateEdit(display_format=self.tr("yyyy-MM-dd"))
        self.add_button = QPushButton(self.tr("Add outcome"))
        self.remove_button = QPushButton(self.tr("Remove outcome"))
        self.message = message_label()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Agenda item:")))
        top.addWidget(self.item_combo, 1)
        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.content_edit)
        who = QHBoxLayout()
        who.addWidget(self.unit_edit, 2)
        who.addWidget(QLabel(self.tr("Person")))
        who.addWidget(self.person_edit, 1)
        form.addRow(self.tr("Responsible unit"), who)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_edit)
        deadline_row.addStretch(1)
        deadline_row.addWidget(self.add_button)
        deadline_row.addWidget(self.remove_button)
        form.addRow(self.tr("Deadline"), deadline_row)
        self.empty_note = QLabel(self.tr("Add topics to the agenda first."))
        self.empty_note.setObjectName("mutedText")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)

        self.item_combo.currentIndexChanged.connect(self._load_item)
        self.add_button.clicked.connect(self._on_add)
        # Enter adds the outcome from any of its lines, as in the speech row above.
        for line in (self.content_edit, self.unit_edit, self.person_edit):
            line.returnPressed.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)

    def reload(self) -> None:
        choices = queries.record_choices(self._db, self._meeting_id)
        self._held_on = choices.held_on
        _fill_items(self.item_combo, choices.items)
        self.empty_note.setVisible(not choices.items)
        if not self.content_edit.text():
            self.deadline_edit.setDate(to_qdate(self._held_on + timedelta(days=30)))
        self._load_item()

    def _load_item(self) -> None:
        item_id = self.item_combo.currentData()
        self.model.set_query(queries.outcomes_statement(item_id or ""))

    def _on_add(self) -> None:
        item_id = self.item_combo.currentData()
        if item_id is None:
            return
        content, unit = self.content_edit.text(), self.unit_edit.text()
        person, deadline = self.person_edit.text(), to_date(self.deadline_edit)
        if self._editor.write(
            self.tr("Added an outcome"),
            lambda amending: agenda.record_outcome(
                self._db,
                self._meeting_id,
                item_id=item_id,
                content=content,
                responsible_unit=unit,
                responsible_person=person,
                deadline=deadline,
                amending=amending,
            ),
            self.message,
        ):
            self.content_edit.clear()
            self.model.refresh()
            self.content_edit.setFocus()

    def _on_remove(self) -> None:
        ids = selected_ids(self.view, self.model)
        if not ids:
            return
        if self._editor.write(
            self.tr("Removed an outcome"),
            lambda amending: agenda.delete_outcome(
                self._db, self._meeting_id, outcome_id=ids[0], amending=amending
            ),
            self.message,
        ):
            self.model.refresh()

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.content_edit,
            self.unit_edit,
            self.person_edit,
            self.deadline_edit,
            self.add_button,
            self.remove_button,
        ):
            widget.setEnabled(editable)
