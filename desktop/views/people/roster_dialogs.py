"""Small roster dialogs: a date to retire a member or end an assignment, and 派驻 (assign)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.views.common.forms import (
    ApplyingDialog,
    date_edit,
    message_label,
    to_date,
    with_message,
)


class DateDialog(ApplyingDialog):
    """A question with one date (退出名册, 结束派驻); OK applies it, a refusal stays beside it."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        question: str,
        label: str,
        ok_text: str,
        today: date,
        apply: Callable[[date], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(title)
        self.question_label = QLabel(question)
        self.question_label.setWordWrap(True)
        self.date_edit = date_edit(today)
        self.date_message = message_label()
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setText(ok_text)
        form = QFormLayout()
        form.addRow(label, with_message(self.date_edit, self.date_message))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.date_edit.setFocus()

    def _apply(self) -> None:
        self._callback(to_date(self.date_edit))

    def _message_for(self, error: UserError) -> QLabel:
        return self.date_message

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        question: str,
        label: str,
        ok_text: str,
        today: date,
        apply: Callable[[date], None],
    ) -> bool:
        """True once `apply` ran without a refusal; False when the user cancelled."""
        dialog = cls(
            parent,
            title=title,
            question=question,
            label=label,
            ok_text=ok_text,
            today=today,
            apply=apply,
        )
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


class AssignDialog(ApplyingDialog):
    """派驻: an area (or a single room) and the dates; the end date may stay open."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        member_name: str,
        places: list[tuple[str, str]],
        today: date,
        apply: Callable[[str, date, date | None], None],
    ) -> None:
        super().__init__(parent)
        self._callback = apply
        self.setWindowTitle(self.tr("Assign %1").replace("%1", member_name))
        self.place_combo = QComboBox()
        self.place_combo.addItem(self.tr("(choose an area or a room)"), "")
        for key, text in places:
            self.place_combo.addItem(text, key)
        self.place_message = message_label()
        self.start_edit = date_edit(today)
        self.end_check = QCheckBox(self.tr("Ends on"))
        self.end_edit = date_edit(today)
        self.end_edit.setEnabled(False)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        self.date_message = message_label()
        form = QFormLayout()
        form.addRow(self.tr("Assigned to"), with_message(self.place_combo, self.place_message))
        form.addRow(self.tr("From"), self.start_edit)
        form.addRow(self.end_check, with_message(self.end_edit, self.date_message))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.place_combo.setFocus()

    def _apply(self) -> None:
        end = to_date(self.end_edit) if self.end_check.isChecked() else None
        self._callback(str(self.place_combo.currentData() or ""), to_date(self.start_edit), end)

    def _message_for(self, error: UserError) -> QLabel:
        # The rules name the dates in their words (派驻起, 派驻止, 重叠); the rest is the place.
        text = str(error)
        if any(word in text for word in ("日期", "派驻起", "派驻止", "重叠", "已退出")):
            return self.date_message
        return self.place_message

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        member_name: str,
        places: list[tuple[str, str]],
        today: date,
        apply: Callable[[str, date, date | None], None],
    ) -> bool:
        """True once the assignment was saved; False when the user cancelled."""
        dialog = cls(parent, member_name=member_name, places=places, today=today, apply=apply)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
