"""Form helpers every editor shares: message lines, date fields, dialogs that ask to discard.

A validation message sits under its field (`with_message`), hidden until there is something to
say. `FormDialog` is the base of every dialog people type into: Cancel, Esc or the window's
close button ask "放弃已填写的内容吗？" once something was changed, so typed text is never lost
by a slip of the hand.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.views.common import theme
from desktop.views.common.typed_dates import DateEdit

DATE_FORMAT = "yyyy年M月d日"
# A widget with this property set to True is a filter or a search, not part of what is typed.
NOT_AN_INPUT = "formNotAnInput"


def message_label() -> QLabel:
    """A red message line under a field; hidden until there is something to say."""
    label = QLabel()
    label.setObjectName("validationMessage")
    label.setStyleSheet(f"color: {theme.ACCENT};")
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    """Show the message, or hide the line when the text is empty."""
    label.setText(text)
    label.setVisible(bool(text))


def hide_when_edited(field: QWidget, message: QLabel) -> None:
    """Hide the message as soon as the user changes the field (or an input inside it).

    The message spoke of the value that was refused: left showing while the user fixes it,
    it reads as if the fix were wrong. Saving again says whatever is still wrong.
    """

    def hide(*_args: Any) -> None:
        show_message(message, "")

    for widget in (field, *field.findChildren(QWidget)):
        signal = edit_signal(widget)
        if signal is not None:
            signal.connect(hide)


def edit_signal(widget: QWidget) -> SignalInstance | None:
    """The signal an input emits when its value changes, or None for what is not an input."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.valueChanged
    if isinstance(widget, (QCheckBox, QRadioButton)):
        return widget.toggled
    return None


def with_message(widget: QWidget, message: QLabel) -> QWidget:
    """The field with its message line beneath it, as one form row; the message goes once
    the field is changed."""
    hide_when_edited(widget, message)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(message)
    return box


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit(value: date) -> QDateEdit:
    """A date field shown as 2026年11月29日, read as typed, with a calendar to pick from."""
    edit = DateEdit(display_format=DATE_FORMAT)
    edit.setDate(to_qdate(value))
    return edit


def to_date(edit: QDateEdit) -> date:
    qdate = edit.date()
    return date(qdate.year(), qdate.month(), qdate.day())


def text_edit(height: int = 96) -> QPlainTextEdit:
    """A few lines of plain text; Tab moves on, as in every other field."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


def clear_messages(widget: QWidget) -> None:
    """Hide every message line inside the widget."""
    for label in widget.findChildren(QLabel, "validationMessage"):
        show_message(label, "")


class FormDialog(QDialog):
    """A dialog people type into: closing it unsaved asks first, once something was changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._watching = False
        self.edited = False

    @classmethod
    def confirm_discard(cls, parent: QWidget | None) -> bool:
        """Ask whether to throw away what was typed; True to discard. (Tests patch this seam.)"""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("FormDialog", "Unsaved input"))
        box.setText(QCoreApplication.translate("FormDialog", "Discard what you have filled in?"))
        discard = box.addButton(
            QCoreApplication.translate("FormDialog", "Discard"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        keep = box.addButton(
            QCoreApplication.translate("FormDialog", "Keep editing"),
            QMessageBox.ButtonRole.RejectRole,
        )
        # Enter or Esc on the question keeps the text: losing it takes a deliberate click.
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        answer: QAbstractButton | None = box.clickedButton()
        box.deleteLater()
        return answer is discard

    def watch(self, signal: SignalInstance) -> None:
        """Count the signal as an edit (for inputs that are not standard fields)."""
        signal.connect(self._on_input_changed)

    def _on_input_changed(self, *_args: Any) -> None:
        if self._watching:
            self.edited = True

    def showEvent(self, event: QShowEvent) -> None:
        if not self._watching:
            # Connected once the dialog is built and filled in: initial values are no edit.
            self._watch_inputs()
            self._watching = True
        super().showEvent(event)

    def _watch_inputs(self) -> None:
        signals: list[tuple[type[QWidget], Callable[[Any], SignalInstance]]] = [
            (QLineEdit, lambda w: w.textEdited),
            (QPlainTextEdit, lambda w: w.textChanged),
            (QTextEdit, lambda w: w.textChanged),
            (QComboBox, lambda w: w.currentIndexChanged),
            (QDateTimeEdit, lambda w: w.dateTimeChanged),
            (QSpinBox, lambda w: w.valueChanged),
            (QDoubleSpinBox, lambda w: w.valueChanged),
            (QCheckBox, lambda w: w.toggled),
            (QRadioButton, lambda w: w.toggled),
        ]
        for widget_type, signal_of in signals:
            for widget in self.findChildren(widget_type):
                if widget.property(NOT_AN_INPUT) or _inside_ignored(widget, self):
                    continue
                signal_of(widget).connect(self._on_input_changed)

    def reject(self) -> None:
        # Cancel, Esc and the close button all come here (QDialog.closeEvent calls reject).
        if self.edited and not FormDialog.confirm_discard(self):
            return
        super().reject()


def _inside_ignored(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if parent.property(NOT_AN_INPUT):
            return True
        parent = parent.parentWidget()
    return False


class ApplyingDialog(FormDialog):
    """OK runs the callback; a UserError keeps the dialog open with the message shown."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)

    def _apply(self) -> None:
        raise NotImplementedError

    def _message_for(self, error: UserError) -> QLabel:
        raise NotImplementedError

    def _on_accepted(self) -> None:
        clear_messages(self)
        try:
            self._apply()
        except UserError as error:
            show_message(self._message_for(error), str(error))
            return
        self.accept()
