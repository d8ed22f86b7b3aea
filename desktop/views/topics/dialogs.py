"""The topic page's dialogs: new topic, announce, claim and decline.

Each dialog is handed an `apply` callback that does the work in one unit of work; a refusal
(UserError) is shown beside the field it concerns and the dialog stays open, so nothing is
half-saved and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.drafts import DraftJournal
from desktop.errors import UserError
from desktop.models.enums import TopicSource
from desktop.queries.topics import MemberChoice, TopicDetail
from desktop.views.common.draft_keeper import DraftKeeper
from desktop.views.common.forms import (
    ApplyingDialog,
    date_edit,
    message_label,
    text_edit,
    to_date,
    with_message,
)


@dataclass(frozen=True)
class NewTopic:
    """What the new-topic dialog collected."""

    title: str
    source: TopicSource
    category: str
    description: str
    immediate: bool
    raised_on: date
    proposer_id: str | None


class NewTopicDialog(ApplyingDialog):
    """Title, source, category, description, 即时性协商, and the proposing member (委员荐题)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        categories: list[str],
        members: list[MemberChoice],
        today: date,
        apply: Callable[[NewTopic], None],
        drafts: DraftJournal | None = None,
        draft_key: str = "topic.new",
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(self.tr("New topic"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("topicTitle")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("What is to be consulted on, in one line"))
        self.title_message = message_label()
        self.source_combo = QComboBox()
        for source in TopicSource:
            # Stored by value: Qt hands a StrEnum back as a plain str.
            self.source_combo.addItem(source.label, source.value)
        self.proposer_combo = QComboBox()
        self.proposer_combo.addItem(self.tr("(choose a member)"), None)
        for member in members:
            self.proposer_combo.addItem(member.text, member.id)
        self.proposer_message = message_label()
        self.proposer_row = with_message(self.proposer_combo, self.proposer_message)
        self.category_combo = QComboBox()
        self.category_combo.setEditable(True)
        self.category_combo.addItems(categories)
        self.category_combo.setCurrentIndex(-1)
        self.description_edit = text_edit(110)
        self.description_edit.setObjectName("topicDescription")
        self.immediate_box = QCheckBox(
            self.tr("Immediate consultation (no announcement or claiming)")
        )
        self.raised_edit = date_edit(today)

        form = QFormLayout()
        form.addRow(self.tr("Title:"), with_message(self.title_edit, self.title_message))
        form.addRow(self.tr("Source:"), self.source_combo)
        form.addRow(self.tr("Proposed by:"), self.proposer_row)
        form.addRow(self.tr("Category:"), self.category_combo)
        form.addRow(self.tr("Description:"), self.description_edit)
        form.addRow(self.tr("Raised on:"), self.raised_edit)
        form.addRow("", self.immediate_box)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        self._on_source_changed()
        # What is typed survives a power cut; the same form opened again brings it back.
        self.draft_keeper = (
            DraftKeeper(
                self,
                drafts,
                key=draft_key,
                title=self.windowTitle(),
                fields=("topicTitle", "topicDescription"),
            )
            if drafts is not None
            else None
        )
        self.title_edit.setFocus()

    def _on_source_changed(self, _index: int = 0) -> None:
        self._form.setRowVisible(self.proposer_row, self.source() is TopicSource.MEMBER)

    def source(self) -> TopicSource:
        return TopicSource(self.source_combo.currentData())

    def value(self) -> NewTopic:
        member = self.source() is TopicSource.MEMBER
        return NewTopic(
            title=self.title_edit.text(),
            source=self.source(),
            category=self.category_combo.currentText().strip(),
            description=self.description_edit.toPlainText(),
            immediate=self.immediate_box.isChecked(),
            raised_on=to_date(self.raised_edit),
            proposer_id=self.proposer_combo.currentData() if member else None,
        )

    def _apply(self) -> None:
        self._callback(self.value())

    def _message_for(self, error: UserError) -> QLabel:
        return self.proposer_message if "委员" in str(error) else self.title_message

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        categories: list[str],
        members: list[MemberChoice],
        today: date,
        apply: Callable[[NewTopic], None],
        drafts: DraftJournal | None = None,
        draft_key: str = "topic.new",
    ) -> bool:
        """True once `apply` has succeeded; False when the user cancelled."""
        dialog = cls(
            parent,
            categories=categories,
            members=members,
            today=today,
            apply=apply,
            drafts=drafts,
            draft_key=draft_key,
        )
        return dialog.exec() == QDialog.DialogCode.Accepted


class AnnounceDialog(ApplyingDialog):
    """公告: the day the notice goes up and the last day members may claim."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        today: date,
        default_deadline: date,
        apply: Callable[[date, date], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(self.tr("Announce topic"))
        heading = QLabel(title)
        heading.setWordWrap(True)
        self.announce_edit = date_edit(today)
        self.deadline_edit = date_edit(default_deadline)
        self.deadline_message = message_label()
        form = QFormLayout()
        form.addRow(self.tr("Announced on:"), self.announce_edit)
        form.addRow(self.tr("Claim by:"), with_message(self.deadline_edit, self.deadline_message))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _apply(self) -> None:
        self._callback(to_date(self.announce_edit), to_date(self.deadline_edit))

    def _message_for(self, error: UserError) -> QLabel:
        return self.deadline_message

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        today: date,
        default_deadline: date,
        apply: Callable[[date, date], None],
    ) -> bool:
        dialog = cls(
            parent, title=title, today=today, default_deadline=default_deadline, apply=apply
        )
        return dialog.exec() == QDialog.DialogCode.Accepted


class ClaimDialog(ApplyingDialog):
    """认领: which member claims the topic, and when."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        members: list[MemberChoice],
        today: date,
        apply: Callable[[str | None, date], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(self.tr("Claim topic"))
        heading = QLabel(title)
        heading.setWordWrap(True)
        self.member_combo = QComboBox()
        self.member_combo.setEditable(True)
        self.member_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for member in members:
            self.member_combo.addItem(member.text, member.id)
        self.member_combo.setCurrentIndex(-1)
        completer = self.member_combo.completer()
        if completer is not None:
            # A surname or a sector typed anywhere in 名字（界别） finds the member.
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.member_message = message_label()
        self.date_edit = date_edit(today)
        self.date_message = message_label()
        form = QFormLayout()
        form.addRow(self.tr("Member:"), with_message(self.member_combo, self.member_message))
        form.addRow(self.tr("Claimed on:"), with_message(self.date_edit, self.date_message))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def member_id(self) -> str | None:
        # The text typed must name a listed member exactly; a half-typed name is no one.
        index = self.member_combo.findText(self.member_combo.currentText())
        value = self.member_combo.itemData(index) if index >= 0 else None
        return value if isinstance(value, str) else None

    def _apply(self) -> None:
        self._callback(self.member_id(), to_date(self.date_edit))

    def _message_for(self, error: UserError) -> QLabel:
        return self.date_message if "截止" in str(error) else self.member_message

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        members: list[MemberChoice],
        today: date,
        apply: Callable[[str | None, date], None],
    ) -> bool:
        dialog = cls(parent, title=title, members=members, today=today, apply=apply)
        return dialog.exec() == QDialog.DialogCode.Accepted


class DeclineDialog(ApplyingDialog):
    """不予立项: the reason is required and kept with the topic."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        apply: Callable[[str], None],
        drafts: DraftJournal | None = None,
        draft_key: str = "topic.decline",
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(self.tr("Decline topic"))
        heading = QLabel(title)
        heading.setWordWrap(True)
        self.reason_edit = text_edit(100)
        self.reason_edit.setPlaceholderText(
            self.tr("Why the topic is not taken up, e.g. it is not for the room to decide")
        )
        self.reason_message = message_label()
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), with_message(self.reason_edit, self.reason_message))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason_edit.setObjectName("declineReason")
        self.draft_keeper = (
            DraftKeeper(
                self,
                drafts,
                key=draft_key,
                title=f"{self.windowTitle()} · {title}",
                fields=("declineReason",),
            )
            if drafts is not None
            else None
        )
        self.reason_edit.setFocus()

    def _apply(self) -> None:
        self._callback(self.reason_edit.toPlainText())

    def _message_for(self, error: UserError) -> QLabel:
        return self.reason_message

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        apply: Callable[[str], None],
        drafts: DraftJournal | None = None,
        draft_key: str = "topic.decline",
    ) -> bool:
        dialog = cls(parent, title=title, apply=apply, drafts=drafts, draft_key=draft_key)
        return dialog.exec() == QDialog.DialogCode.Accepted


class EditTopicDialog(NewTopicDialog):
    """The new-topic form filled with the topic as stored, to correct it."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        detail: TopicDetail,
        categories: list[str],
        members: list[MemberChoice],
        apply: Callable[[NewTopic], None],
    ) -> None:
        super().__init__(
            parent,
            categories=categories,
            members=members,
            today=detail.raised_on,
            apply=apply,
        )
        self.setWindowTitle(self.tr("Edit topic"))
        self.title_edit.setText(detail.title)
        self.source_combo.setCurrentIndex(self.source_combo.findData(detail.source.value))
        if detail.proposer_id is not None:
            if self.proposer_combo.findData(detail.proposer_id) < 0:
                # No longer active: still the one who proposed it.
                self.proposer_combo.addItem(detail.proposer or "", detail.proposer_id)
            self.proposer_combo.setCurrentIndex(self.proposer_combo.findData(detail.proposer_id))
        self.category_combo.setEditText(detail.category or "")
        self.description_edit.setPlainText(detail.description)
        self.immediate_box.setChecked(detail.immediate)
        self.title_edit.setFocus()

    @classmethod
    def ask_edit(
        cls,
        parent: QWidget | None,
        *,
        detail: TopicDetail,
        categories: list[str],
        members: list[MemberChoice],
        apply: Callable[[NewTopic], None],
    ) -> bool:
        """True once `apply` has saved the change; False when the user cancelled."""
        dialog = cls(parent, detail=detail, categories=categories, members=members, apply=apply)
        return dialog.exec() == QDialog.DialogCode.Accepted
