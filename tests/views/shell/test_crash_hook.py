"""A bug in a slot: a Chinese message and a log, never a traceback on the screen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop import crash_log
from desktop.errors import DatabaseWriteError
from desktop.views.shell.crash_hook import crash_hook, crash_message


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "错误 日志.log"
    monkeypatch.setattr(crash_log, "log_path", lambda: path)
    return path


def _raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_a_bug_is_logged_with_its_traceback_and_named_in_one_line(log: Path) -> None:
    message = crash_message(_raised(KeyError("meeting")))
    assert "KeyError" in message and str(log) in message
    assert "Traceback" not in message
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_a_refusal_that_escaped_a_form_is_shown_as_it_is(log: Path) -> None:
    assert crash_message(DatabaseWriteError("磁盘已满")).startswith("未能保存：磁盘已满")
    assert not log.exists()


def test_the_hook_shows_a_message_box_and_is_removed_afterwards(
    log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    before = sys.excepthook
    with crash_hook(smoke=False):
        error = _raised(ZeroDivisionError("division by zero"))
        sys.excepthook(type(error), error, error.__traceback__)
    assert sys.excepthook is before
    assert len(shown) == 1 and "ZeroDivisionError" in shown[0]
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
