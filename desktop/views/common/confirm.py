"""Asking before a status move a single click should not make alone (初选、公告、已召开、取消,
删除活动): a question naming the record; Enter confirms, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_confirmation(parent: QWidget | None, *, title: str, text: str, action: str) -> bool:
    """True when the user confirms; the confirming button says what happens (`action`)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    confirm = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(
        QCoreApplication.translate("Confirmation", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(confirm)
    box.setEscapeButton(cancel)
    try:
        box.exec()
        return box.clickedButton() is confirm
    finally:
        box.deleteLater()


class Confirmation:
    """The seam the views ask through; GUI tests answer it (tests/views/conftest.py) unless
    they drive the real box."""

    ask = staticmethod(ask_confirmation)
