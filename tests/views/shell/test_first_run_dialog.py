"""The first-run dialog: validation next to the fields, OK only when valid, the choice."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.db import open_database
from desktop.models.enums import NodeRole
from desktop.setup import setup_district
from desktop.sync import enrolment as enrolment_module
from desktop.sync.enrolment import enroll_room, read_enrolment
from desktop.sync.identity import init_district_keys
from desktop.views.shell.first_run_dialog import FirstRunChoice, FirstRunDialog
from tests.conftest import _home_from_template
from tests.sync_pair import FastPassphrase
from tests.views.gui_helpers import type_text, when_shown


@dataclass(frozen=True)
class EnrolmentFile:
    """A file the district wrote for 徐庄村 and the passphrase it read out."""

    path: Path
    passphrase: str


@pytest.fixture
def enrolment_file(
    template_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> EnrolmentFile:
    return write_enrolment_file(template_database, tmp_path, monkeypatch)


def write_enrolment_file(
    template_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> EnrolmentFile:
    """A district in its own home enrols 徐庄村 and writes the file under tmp_path/stick."""
    # The envelope itself is tested in tests/sync; here scrypt's 2 s a call would only wait.
    monkeypatch.setattr(enrolment_module, "age_passphrase", FastPassphrase)
    (tmp_path / "stick").mkdir()
    district = open_database(_home_from_template(template_database, tmp_path / "district"))
    try:
        setup_district(district, name="崇川区政协")
        init_district_keys(district, escrow_path=tmp_path / "escrow.txt")
        enrolment = enroll_room(
            district,
            room_name="徐庄村协商议事室",
            village="徐庄村",
            township="兴仁镇",
            output=tmp_path / "stick" / "R0001.enrol",
        )
    finally:
        district.close()
    return EnrolmentFile(enrolment.path, enrolment.passphrase)


def fill_enrolment(
    dialog: FirstRunDialog, file: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pick the enrolment way, choose the file through the chooser, type the passphrase."""
    dialog.enrolment_button.setChecked(True)
    monkeypatch.setattr(dialog, "choose_enrolment_file", lambda: str(file))
    dialog.choose_file_button.click()
    dialog.passphrase.clear()
    type_text(dialog.passphrase, passphrase)


@pytest.fixture
def dialog(qtbot: QtBot) -> FirstRunDialog:
    widget = FirstRunDialog()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def visible_messages(dialog: FirstRunDialog) -> list[str]:
    fields = (dialog.township, dialog.village, dialog.room_name, dialog.district_name)
    return [f.message.text() for f in fields if f.message.isVisible()]


def test_empty_room_form_disables_ok_and_says_what_is_missing(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    assert dialog.windowTitle() == "欢迎使用议事"
    assert dialog.room_button.isChecked()
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "开始使用"
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "取消"  # Qt's own catalogue is loaded too
    # A new form says nothing yet: a message comes once the user typed and left it empty,
    # and goes once the field is filled in.
    assert visible_messages(dialog) == []
    dialog.village.edit.setFocus()
    type_text(dialog.village.edit, "和")
    assert visible_messages(dialog) == []
    qtbot.keyClick(dialog.village.edit, Qt.Key.Key_Backspace)
    assert visible_messages(dialog) == ["请填写村（社区）名称"]
    type_text(dialog.village.edit, "和平桥社区")
    assert visible_messages(dialog) == []


def test_typing_the_names_enables_ok_and_suggests_the_room_name(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    type_text(dialog.township.edit, "和平桥街道")
    assert not dialog.ok_button.isEnabled()
    type_text(dialog.village.edit, "和平桥社区")
    assert dialog.room_name.edit.text() == "和平桥社区协商议事室"
    assert dialog.ok_button.isEnabled()
    assert visible_messages(dialog) == []
    dialog.demo_box.setChecked(True)
    assert dialog.choice() == FirstRunChoice(
        role=NodeRole.ROOM,
        name="和平桥社区协商议事室",
        village="和平桥社区",
        township="和平桥街道",
        with_demo=True,
    )


def test_a_typed_room_name_is_kept_and_blank_names_do_not_count(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    type_text(dialog.room_name.edit, "徐庄村议事室")
    type_text(dialog.village.edit, "徐庄村")
    assert dialog.room_name.edit.text() == "徐庄村议事室"
    type_text(dialog.township.edit, "   ")
    assert not dialog.ok_button.isEnabled()
    assert visible_messages(dialog) == ["请填写镇（街道）名称"]


def test_district_needs_only_its_name(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    # On the indicator: a radio button stretched by the layout ignores clicks past its text.
    button = dialog.district_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert dialog.district_name.isVisible() and not dialog.village.isVisible()
    assert not dialog.ok_button.isEnabled()
    assert visible_messages(dialog) == []
    type_text(dialog.district_name.edit, " ")
    assert visible_messages(dialog) == ["请填写区政协名称"]
    type_text(dialog.district_name.edit, " 崇川区政协 ")
    assert dialog.ok_button.isEnabled()
    assert dialog.choice() == FirstRunChoice(role=NodeRole.DISTRICT, name="崇川区政协")


def _answer_open_dialog(fill: bool) -> None:
    def answer(widget: FirstRunDialog) -> None:
        if fill:
            widget.district_button.setChecked(True)
            type_text(widget.district_name.edit, "海门区政协")
            widget.ok_button.click()
        else:
            widget.reject()

    when_shown(FirstRunDialog, answer)


def test_ask_returns_the_choice_or_none(qtbot: QtBot) -> None:
    _answer_open_dialog(fill=True)
    assert FirstRunDialog.ask(None) == FirstRunChoice(role=NodeRole.DISTRICT, name="海门区政协")
    _answer_open_dialog(fill=False)
    assert FirstRunDialog.ask(QWidget()) is None


def test_a_room_enrols_from_the_district_file_with_its_passphrase(
    qtbot: QtBot,
    dialog: FirstRunDialog,
    enrolment_file: EnrolmentFile,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert dialog.enrolment_button.text() == "议事室：用区政协的登记文件设置"
    dialog.demo_box.setChecked(True)
    dialog.enrolment_button.setChecked(True)
    assert dialog.passphrase.isVisible() and not dialog.village.isVisible()
    assert not dialog.demo_box.isEnabled() and not dialog.demo_box.isChecked()
    assert not dialog.ok_button.isEnabled()
    # Cancelling the chooser leaves the field empty.
    monkeypatch.setattr(dialog, "choose_enrolment_file", lambda: "")
    dialog.choose_file_button.click()
    assert dialog.enrolment_file.text() == "" and not dialog.ok_button.isEnabled()

    fill_enrolment(dialog, enrolment_file.path, "1234-5678-0000-1111-2222-3333", monkeypatch)
    assert dialog.enrolment_file.text() == str(enrolment_file.path)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.enrolment_message.text() == "登记文件无法打开：口令错误或文件已损坏"
    assert dialog.enrolment_message.isVisible()

    # Typed with spaces, as read out: accepted; the message goes as soon as the user types.
    fill_enrolment(
        dialog, enrolment_file.path, enrolment_file.passphrase.replace("-", " "), monkeypatch
    )
    assert dialog.enrolment_message.text() == ""
    dialog.ok_button.click()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    # The choice carries what was read, so setting up does not open the file again.
    assert dialog.choice() == FirstRunChoice(
        role=NodeRole.ROOM,
        name="徐庄村协商议事室",
        enrolment=read_enrolment(enrolment_file.path, enrolment_file.passphrase),
    )


def test_cancelling_while_the_file_opens_keeps_the_dialog_open(
    dialog: FirstRunDialog, enrolment_file: EnrolmentFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    cancelled = threading.Event()

    class WaitingPassphrase(FastPassphrase):
        @classmethod
        def decrypt(cls, data: bytes, passphrase: str) -> bytes:
            # On the worker; bounded, so a cancel that never comes fails instead of hanging.
            assert cancelled.wait(10), "the progress dialog was never cancelled"
            return super().decrypt(data, passphrase)

    def cancel(progress: QProgressDialog) -> None:
        progress.findChild(QPushButton).click()
        cancelled.set()

    monkeypatch.setattr(enrolment_module, "age_passphrase", WaitingPassphrase)
    fill_enrolment(dialog, enrolment_file.path, enrolment_file.passphrase, monkeypatch)
    when_shown(QProgressDialog, cancel)
    dialog.ok_button.click()
    assert cancelled.is_set()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.enrolment_message.text() == ""


def test_the_suggested_room_name_is_never_doubled(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.village.edit, "和平桥社区")
    assert dialog.room_name.edit.text() == "和平桥社区协商议事室"
    # A click into the suggestion selects it: typing the whole name replaces it.
    qtbot.mouseClick(dialog.room_name.edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.room_name.edit.hasSelectedText())
    type_text(dialog.room_name.edit, "和平桥社区协商议事室")
    assert dialog.room_name.edit.text() == "和平桥社区协商议事室"
    # Edited again: the village changed, the typed name is kept as typed.
    type_text(dialog.village.edit, "村")
    assert dialog.room_name.value() == "和平桥社区协商议事室"


def test_a_village_typed_with_the_room_word_is_not_suffixed_again(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    type_text(dialog.village.edit, "和平桥社区协商议事室")
    assert dialog.room_name.edit.text() == "和平桥社区协商议事室"
    # The suffix typed after the suggestion by hand is not kept twice either.
    dialog.room_name.edit.setFocus()
    dialog.room_name.edit.end(False)
    type_text(dialog.room_name.edit, "协商议事室")
    assert dialog.room_name.value() == "和平桥社区协商议事室"
    assert dialog.choice().name == "和平桥社区协商议事室"
