"""Date and time fields that read what is typed as a whole: 0930, 9:30, 2026年3月5日, 20260305.

Qt's own date and time fields edit section by section, so typing "09:30" over a time can end
up as 01:30, and a typed year is easily lost. Here the keys go into a buffer shown as typed;
Enter, Tab, leaving the field or reading its value turns the buffer into the value with
desktop.formatting's rules. Unreadable text is refused: the field keeps its previous value and
says why in a tooltip. Up/Down, the mouse wheel and the calendar (Alt+Down or F4) still work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, QPoint, Qt, QTime
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit, QToolTip, QWidget

from desktop import clock
from desktop.formatting import parse_date, parse_time

# Keys that end the typing and then do their usual work (move on, step, open the calendar).
_COMMIT_KEYS = {
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_F4,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class _Typing(QObject):
    """The typing buffer of one field; `apply` sets the field from the text, False if unreadable."""

    def __init__(self, edit: QDateTimeEdit, apply: Callable[[str], bool], hint: str) -> None:
        super().__init__(edit)
        self._edit = edit
        self._apply = apply
        self._hint = hint
        self.buffer: str | None = None
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        if kind == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            # A Chinese input method hands over 年, 月, 日 and full-width digits this way.
            if event.commitString():
                self._type(event.commitString())
                return True
        elif kind == QEvent.Type.FocusIn:
            self.buffer = None
        elif kind in (QEvent.Type.FocusOut, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.commit()
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, text = event.key(), event.text()
        commands = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if self.buffer is not None:
            if key == Qt.Key.Key_Backspace:
                self._show(self.buffer[:-1])
                return True
            if key == Qt.Key.Key_Escape:
                # Esc takes back what was typed (and does not close the dialog).
                self.buffer = None
                self._show_value()
                return True
            if key in _COMMIT_KEYS or event.modifiers() & commands:
                self.commit()
                return False
        if text and text.isprintable() and not event.modifiers() & commands:
            if self.buffer is None and not text.strip():
                return False
            self._type(text)
            return True
        return False

    def _type(self, text: str) -> None:
        # The first key replaces the whole value, as in any field whose text is selected.
        self._show((self.buffer or "") + text)

    def _show(self, text: str) -> None:
        self.buffer = text
        self._set_text(text)

    def _set_text(self, text: str) -> None:
        # Unheard and unchecked by the field: Qt would read (and complete) each keystroke
        # section-wise, 9: as 09: and 9:5 as 09:05.
        line = self._edit.lineEdit()
        validator = line.validator()
        line.setValidator(None)  # type: ignore[arg-type]  # Qt takes None: no validator
        line.blockSignals(True)
        line.setText(text)
        line.setCursorPosition(len(text))
        line.blockSignals(False)
        line.setValidator(validator)

    def _show_value(self) -> None:
        edit = self._edit
        special = edit.specialValueText()
        value = QDateTimeEdit.dateTime(edit)
        if special and value == edit.minimumDateTime():
            self._set_text(special)
        else:
            self._set_text(value.toString(edit.displayFormat()))

    def commit(self) -> None:
        """Turn the typed text into the value; unreadable text leaves the value as it was."""
        text, self.buffer = self.buffer, None
        if text is None:
            return
        if not self._apply(text.strip()):
            self._show_value()
            corner = self._edit.mapToGlobal(QPoint(0, self._edit.height()))
            QToolTip.showText(corner, self._hint, self._edit)
            self._edit.setToolTip(self._hint)
            return
        self._edit.setToolTip("")
        # Setting an unchanged value leaves the typed text on screen; show the value itself.
        self._show_value()


class TimeEdit(QTimeEdit):
    """A time field (HH:mm) read as typed: 0930, 930, 9:30 and 9点半 are 09:30, 14 is 14:00.

    With `not_set` (a special value text), 00:00 stands for no time and clearing the text
    gives it."""

    def __init__(self, parent: QWidget | None = None, *, not_set: str = "") -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        if not_set:
            self.setSpecialValueText(not_set)
            self.setMinimumTime(QTime(0, 0))
        self.typing = _Typing(
            self,
            self._apply,
            QCoreApplication.translate(
                "TimeEdit", "Not a time of day. Type for example 0930, 9:30 or 14."
            ),
        )

    def _apply(self, text: str) -> bool:
        if not text and self.specialValueText():
            self.setTime(self.minimumTime())
            return True
        value = parse_time(text)
        if value is None:
            return False
        self.setTime(QTime(value.hour, value.minute))
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the field: it is typed as a whole, not walked section by section.
        return QWidget.focusNextPrevChild(self, next)

    def time(self) -> QTime:
        self.typing.commit()
        return super().time()

    def dateTime(self) -> QDateTime:
        self.typing.commit()
        return super().dateTime()


class DateEdit(QDateEdit):
    """A date field read as typed (2026-03-05, 2026年3月5日, 20260305, 3月5日), with a calendar
    that Alt+Down or F4 opens."""

    def __init__(self, parent: QWidget | None = None, *, display_format: str = "") -> None:
        super().__init__(parent)
        if display_format:
            self.setDisplayFormat(display_format)
        self.setCalendarPopup(True)
        self.typing = _Typing(
            self,
            self._apply,
            QCoreApplication.translate(
                "DateEdit", "Not a date. Type for example 2026-03-05, 2026年3月5日 or 20260305."
            ),
        )

    def _apply(self, text: str) -> bool:
        value = parse_date(text, this_year=clock.today().year)
        if value is None:
            return False
        typed = QDate(value.year, value.month, value.day)
        if not self.minimumDate() <= typed <= self.maximumDate():
            return False
        self.setDate(typed)
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the field: it is typed as a whole, not walked section by section.
        return QWidget.focusNextPrevChild(self, next)

    def show_calendar(self) -> None:
        """The calendar pop-up, on the field's date; arrows move, Enter picks, Esc closes."""
        calendar = self.calendarWidget()
        calendar.setSelectedDate(self.date())
        popup = calendar.window()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        calendar.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # As in a drop-down list: Alt+Down or F4 opens the calendar.
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down and alt):
            event.accept()
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def date(self) -> QDate:
        self.typing.commit()
        return super().date()

    def dateTime(self) -> QDateTime:
        self.typing.commit()
        return super().dateTime()
