"""Keeps what is typed into a dialog in the drafts journal, so a power cut loses at most
about two seconds of it; opening the same form again brings the text back.

The fields are found by object name among the dialog's QLineEdit, QPlainTextEdit and
QTextEdit children. The draft goes when the dialog finishes (saved, or cancelled on purpose);
a dialog that never finishes (the program was killed) leaves it for next time.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QDialog, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from desktop.drafts import DraftJournal
from desktop.views.common.forms import FormDialog

# A change reaches the disk this long after the first change not yet written (not after the
# last keystroke: typing on does not put it off), well inside the two seconds promised.
DRAFT_WRITE_MS = 1000

log = logging.getLogger(__name__)

TextField = QLineEdit | QPlainTextEdit | QTextEdit


def _text_of(widget: TextField) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def _set_text(widget: TextField, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    else:
        widget.setPlainText(text)


def _find_field(dialog: QDialog, name: str) -> TextField:
    for kind in (QLineEdit, QPlainTextEdit, QTextEdit):
        found = dialog.findChild(kind, name)
        if isinstance(found, QLineEdit | QPlainTextEdit | QTextEdit):
            return found
    raise LookupError(f"{type(dialog).__name__} has no text field named {name!r}")


class DraftKeeper(QObject):
    """Writes a dialog's typed text to the journal while it is open; restores it on opening."""

    draft_written = Signal()

    def __init__(
        self,
        dialog: QDialog,
        journal: DraftJournal,
        *,
        key: str,
        title: str,
        fields: Sequence[str],
    ) -> None:
        super().__init__(dialog)
        self.journal = journal
        self.key = key
        self.title = title
        self.fields: dict[str, TextField] = {}
        for name in fields:
            self.fields[name] = _find_field(dialog, name)
        # What the form held before any typing: a draft equal to it is no draft.
        self._initial = self.snapshot()
        self.notice = QLabel(self.tr("Restored what you typed here last time and did not save."))
        self.notice.setObjectName("mutedText")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout = dialog.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.notice)
        self.restored = self._restore(dialog)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_WRITE_MS)
        self.timer.timeout.connect(self.write_now)
        for field in self.fields.values():
            field.textChanged.connect(self._on_text_changed)
        dialog.finished.connect(self._on_dialog_finished)

    def snapshot(self) -> dict[str, str]:
        return {name: _text_of(widget) for name, widget in self.fields.items()}

    def _restore(self, dialog: QDialog) -> bool:
        draft = self.journal.read(self.key)
        if draft is None:
            return False
        for name, text in draft.fields.items():
            if name in self.fields:
                _set_text(self.fields[name], text)
        self.notice.show()
        if isinstance(dialog, FormDialog):
            # The restored text counts as typed: cancelling asks before throwing it away.
            dialog.edited = True
        return True

    def _on_text_changed(self, *_args: object) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def write_now(self) -> None:
        """Write the draft (or drop it, when the form is back as it was opened)."""
        self.timer.stop()
        fields = self.snapshot()
        if fields == self._initial or not any(text.strip() for text in fields.values()):
            self.journal.discard(self.key)
            return
        try:
            self.journal.write(self.key, title=self.title, fields=fields)
        except OSError as exc:
            # A full disk must not stop the typing; the text is still in the form.
            log.warning("draft %s not written: %s", self.key, exc)
            return
        self.draft_written.emit()

    def _on_dialog_finished(self, _result: int) -> None:
        # Saved or cancelled on purpose (cancelling typed text asks first): no draft to keep.
        self.timer.stop()
        self.journal.discard(self.key)
