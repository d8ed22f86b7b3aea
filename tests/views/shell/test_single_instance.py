"""A second start on the same home brings the running window forward and exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop import app as app_module
from desktop import instance_lock
from desktop.app import run_gui
from desktop.paths import Home
from desktop.views.shell.single_instance import (
    InstanceServer,
    bring_to_front,
    request_raise,
    server_name,
)


def test_the_name_depends_on_the_home_only(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert len(server_name(tmp_path / ("很长的文件夹" * 40))) < 40


def test_a_knock_raises_and_activates_the_window(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[str] = []
    monkeypatch.setattr(window, "raise_", lambda: calls.append("raise"))
    monkeypatch.setattr(window, "activateWindow", lambda: calls.append("activate"))
    server = InstanceServer(server_name(tmp_path))
    assert server.listening
    server.raise_requested.connect(lambda: bring_to_front(window))
    try:
        assert request_raise(server_name(tmp_path))
        qtbot.waitUntil(lambda: calls == ["raise", "activate"])
    finally:
        server.close()
    # Nobody listening: the knock says so instead of waiting.
    assert not request_raise(server_name(tmp_path))


def test_a_second_start_knocks_and_exits_0(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Home(tmp_path / "home")
    home.root.mkdir()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _title, text: shown.append(text))
    raised: list[bool] = []
    # The first window: holds the lock and listens, as run_gui does.
    with instance_lock.acquire(home.root, instance_lock.GUI):
        server = InstanceServer(server_name(home.root))
        server.raise_requested.connect(lambda: raised.append(True))
        try:
            assert run_gui(home=home) == 0
            qtbot.waitUntil(lambda: raised == [True])
        finally:
            server.close()
    assert len(shown) == 1
    # English until the lead regenerates the translations.
    assert "已经在运行" in shown[0] or "already running" in shown[0]


def test_a_home_held_by_a_command_is_refused_after_the_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = Home(tmp_path / "home")
    home.root.mkdir()
    monkeypatch.setattr(app_module, "GUI_LOCK_WAIT_SECONDS", 0.3)
    monkeypatch.delenv("YISHI_LOCK_WAIT", raising=False)
    with instance_lock.acquire(home.root, instance_lock.CLI):
        assert run_gui(home=home, smoke=True) == 1
    assert "另一个议事程序正在使用此数据文件夹（命令行" in capsys.readouterr().err
    # Released, the same start goes ahead and leaves no lock behind.
    assert run_gui(home=home, smoke=True) == 0
    assert not (home.root / instance_lock.LOCK_NAME).exists()
