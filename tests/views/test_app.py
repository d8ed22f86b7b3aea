"""run_gui end to end: smoke runs, a damaged database, the first run with and without demo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import app as app_module
from desktop.app import run_gui
from desktop.db import Database, open_database
from desktop.models import SyncPeer
from desktop.models.enums import NodeRole
from desktop.overview import read_overview
from desktop.paths import Home
from desktop.sync import enrolment as enrolment_module
from desktop.sync.enrolment import EnrolledRoom, read_enrolment
from desktop.sync.identity import own_fingerprint
from desktop.sync.keys import has_keys
from desktop.views.common.background import TaskState
from desktop.views.shell.first_run_dialog import FirstRunChoice, FirstRunDialog
from desktop.views.shell.main_window import MainWindow
from tests.sync_pair import FastPassphrase
from tests.views.common.test_background import Heartbeat
from tests.views.gui_helpers import when_shown
from tests.views.shell.test_first_run_dialog import (
    EnrolmentFile,
    fill_enrolment,
    write_enrolment_file,
)

REPO = Path(__file__).resolve().parents[2]
ROOM_CHOICE = FirstRunChoice(
    role=NodeRole.ROOM, name="徐庄村协商议事室", village="徐庄村", township="兴仁镇"
)


def installation_of(home: Home) -> Any:
    db = open_database(home)
    try:
        return db.installation()
    finally:
        db.close()


def never_asked(_parent: QWidget | None = None) -> FirstRunChoice | None:
    raise AssertionError("the first-run dialog must not be shown")


def test_smoke_on_a_district_shows_its_name_and_exits_0(
    district_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(FirstRunDialog, "ask", never_asked)
    assert run_gui(home=district_db.home, smoke=True) == 0
    assert capsys.readouterr().out == "smoke ok: 议事 — 崇川区政协\n"


def test_a_smoke_run_leaves_the_application_as_it_found_it(
    district_db: Database, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    made: list[MainWindow] = []

    class RecordedWindow(MainWindow):
        def __init__(self, db: Database) -> None:
            super().__init__(db)
            made.append(self)

    monkeypatch.setattr(app_module, "MainWindow", RecordedWindow)
    assert run_gui(home=district_db.home, smoke=True) == 0
    assert len(made) == 1 and not shiboken6.isValid(made[0])
    # The smoke run once left a Quit queued that, delivered outside any loop (as pytest-qt
    # does between tests), stopped every later event loop: no window in any later test
    # became active, whichever order pytest-xdist runs them in.
    QApplication.processEvents()
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def test_smoke_on_an_empty_home_never_asks_and_sets_nothing_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(FirstRunDialog, "ask", never_asked)
    home = Home(tmp_path / "fresh")
    assert run_gui(home=home, smoke=True) == 0
    assert capsys.readouterr().out == "smoke ok: 议事 — 尚未设置\n"
    assert installation_of(home) is None


@pytest.fixture
def damaged_home(tmp_path: Path) -> Home:
    home = Home(tmp_path / "damaged")
    home.create_dirs()
    home.database.write_bytes(b"this was a spreadsheet, not a database\n" * 50)
    return home


def test_a_damaged_database_shows_the_reason_and_exits_1(
    damaged_home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
    assert run_gui(home=damaged_home, smoke=False) == 1
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "议事无法打开数据库"
    assert "损坏" in text and str(damaged_home.database) in text


def test_a_damaged_database_in_smoke_mode_fails_without_a_dialog(
    damaged_home: Home, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(QMessageBox, "critical", never_asked)
    assert run_gui(home=damaged_home, smoke=True) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("smoke failed: ") and "损坏" in captured.err


def test_a_home_that_is_a_file_is_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
    a_file = tmp_path / "议事.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    assert run_gui(home=Home(a_file), smoke=False) == 1
    assert len(shown) == 1 and "不是文件夹" in shown[0][1] and str(a_file) in shown[0][1]
    assert run_gui(home=Home(a_file / "子目录"), smoke=True) == 1
    assert "无法建立安装目录" in capsys.readouterr().err
    assert a_file.read_text(encoding="utf-8") == "not a folder"


def test_first_run_sets_up_the_chosen_room_then_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FirstRunDialog, "ask", lambda _parent=None: ROOM_CHOICE)
    titles: list[str] = []

    def close(window: MainWindow) -> None:
        titles.append(window.windowTitle())
        window.close()

    when_shown(MainWindow, close)
    home = Home(tmp_path / "room")
    assert run_gui(home=home, smoke=False) == 0
    assert titles == ["议事 — 徐庄村协商议事室"]
    installation = installation_of(home)
    assert installation.role is NodeRole.ROOM and installation.name == "徐庄村协商议事室"


def test_cancelled_first_run_still_opens_the_window_not_set_up_and_can_set_up_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([None, ROOM_CHOICE])
    monkeypatch.setattr(FirstRunDialog, "ask", lambda _parent=None: next(answers))
    titles: list[str] = []

    def set_up_from_the_window(window: MainWindow) -> None:
        titles.append(window.windowTitle())
        assert window.dashboard.not_set_up.action is not None
        window.dashboard.not_set_up.action.click()
        titles.append(window.windowTitle())
        assert window.dashboard.figures.isVisible()
        window.close()

    when_shown(MainWindow, set_up_from_the_window)
    home = Home(tmp_path / "later")
    assert run_gui(home=home, smoke=False) == 0
    assert titles == ["议事 — 尚未设置", "议事 — 徐庄村协商议事室"]
    assert installation_of(home).name == "徐庄村协商议事室"


@pytest.fixture
def enrolment_file(
    template_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> EnrolmentFile:
    return write_enrolment_file(template_database, tmp_path, monkeypatch)


def test_first_run_enrols_the_room_from_the_district_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enrolment_file: EnrolmentFile
) -> None:
    def enrol(dialog: FirstRunDialog) -> None:
        fill_enrolment(dialog, enrolment_file.path, enrolment_file.passphrase, monkeypatch)
        dialog.ok_button.click()

    titles: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))

    def close(window: MainWindow) -> None:
        titles.append(window.windowTitle())
        window.close()

    when_shown(FirstRunDialog, enrol)
    when_shown(MainWindow, close)
    home = Home(tmp_path / "room")
    assert run_gui(home=home, smoke=False) == 0
    assert titles == ["议事 — 徐庄村协商议事室"]
    # The clerk is shown both fingerprints to read out by phone.
    [text] = told
    assert "崇川区政协" in text and "电话" in text
    assert len(re.findall(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){3}", text)) == 2
    db = open_database(home)
    try:
        installation = db.installation()
        assert installation is not None and installation.role is NodeRole.ROOM
        with db.session() as session:
            peer = session.scalars(select(SyncPeer).where(SyncPeer.role == "district")).one()
            assert peer.name == "崇川区政协"
    finally:
        db.close()


def test_enrolment_opens_the_file_once_and_never_freezes_the_gui(
    db: Database, monkeypatch: pytest.MonkeyPatch, enrolment_file: EnrolmentFile
) -> None:
    opened: list[threading.Thread] = []
    installed: list[threading.Thread] = []
    heartbeat = Heartbeat()

    class SlowPassphrase(FastPassphrase):
        """Brings back scrypt's wait (a slowed step), on whichever thread calls it."""

        @classmethod
        def decrypt(cls, data: bytes, passphrase: str) -> bytes:
            opened.append(threading.current_thread())
            heartbeat.slow_step()
            return super().decrypt(data, passphrase)

    setup = enrolment_module.setup_room_from_payload

    def slow_setup(db: Database, payload: dict[str, Any]) -> EnrolledRoom:
        installed.append(threading.current_thread())
        heartbeat.slow_step()
        return setup(db, payload)

    monkeypatch.setattr(enrolment_module, "age_passphrase", SlowPassphrase)
    monkeypatch.setattr(enrolment_module, "setup_room_from_payload", slow_setup)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)

    def enrol(dialog: FirstRunDialog) -> None:
        fill_enrolment(dialog, enrolment_file.path, enrolment_file.passphrase, monkeypatch)
        dialog.ok_button.click()

    when_shown(FirstRunDialog, enrol)
    with heartbeat:
        assert app_module.first_run(db, parent=None)
    heartbeat.assert_kept_turning()
    assert len(opened) == 1 and len(installed) == 1
    assert threading.main_thread() not in opened + installed
    installation = db.installation()
    assert installation is not None and installation.name == "徐庄村协商议事室"


def test_an_enrolment_the_database_refuses_is_reported(
    district_db: Database, monkeypatch: pytest.MonkeyPatch, enrolment_file: EnrolmentFile
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    choice = FirstRunChoice(
        role=NodeRole.ROOM,
        name="徐庄村协商议事室",
        enrolment=read_enrolment(enrolment_file.path, enrolment_file.passphrase),
    )
    assert not app_module.apply_choice(district_db, choice, parent=None)
    assert shown == ["区政协安装不能用登记文件设置为议事室"]


class FakeDemoCancelled(Exception):
    """Stands in for desktop.demo.DemoCancelled."""


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch) -> types.SimpleNamespace:
    """A `desktop.demo` with the agreed `generate` signature that records how it was run."""
    calls: list[dict[str, Any]] = []
    behaviour = types.SimpleNamespace(calls=calls, fail=None, wait_for_cancel=False)

    def generate(db: Database, **options: Any) -> str:
        calls.append({"db": db, "thread": threading.current_thread(), **options})
        if behaviour.fail:
            raise behaviour.fail
        total = 5
        for done in range(total):
            options["progress"](done, total)
            if options["cancelled"]():
                raise FakeDemoCancelled
        if behaviour.wait_for_cancel:
            for _ in range(1000):  # 10 s at most, so a broken cancel fails instead of hanging
                if options["cancelled"]():
                    raise FakeDemoCancelled
                threading.Event().wait(0.01)
            raise AssertionError("cancel never reached the work")
        options["progress"](total, total)
        return "summary"

    module = types.ModuleType("desktop.demo")
    module.generate = generate  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.demo", module)
    import desktop

    monkeypatch.setattr(desktop, "demo", module, raising=False)
    return behaviour


def test_demo_choice_runs_the_demo_off_the_gui_thread(
    db: Database, fake_demo: types.SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    choice = FirstRunChoice(role=NodeRole.DISTRICT, name="崇川区政协", with_demo=True)
    assert app_module.apply_choice(db, choice, parent=None)
    assert db.installation().role is NodeRole.DISTRICT
    # The district's keys are made with it (it enrols rooms from the window), and the clerk
    # is told its fingerprint and where the escrow key went.
    assert has_keys(db.home)
    [said] = told
    assert own_fingerprint(db) in said and "escrow-key-" in said
    (call,) = fake_demo.calls
    assert call["db"] is db and call["seed"] == 1
    assert call["thread"] is not threading.main_thread()


def test_demo_can_be_cancelled_from_the_progress_dialog(
    district_db: Database, fake_demo: types.SimpleNamespace
) -> None:
    fake_demo.wait_for_cancel = True
    when_shown(QProgressDialog, lambda dialog: dialog.findChild(QPushButton).click())
    assert app_module.run_demo(district_db, parent=None) is TaskState.CANCELLED
    assert len(fake_demo.calls) == 1


def test_a_failing_demo_is_reported(
    district_db: Database, fake_demo: types.SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_demo.fail = RuntimeError("磁盘已满")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _title, text: warnings.append(text))
    assert app_module.run_demo(district_db, parent=None) is TaskState.FAILED
    assert warnings == ["未能生成示例数据：磁盘已满"]


def test_room_with_the_real_demo_shows_figures(db: Database) -> None:
    choice = FirstRunChoice(
        role=NodeRole.ROOM,
        name="和平桥社区协商议事室",
        village="和平桥社区",
        township="和平桥街道",
        with_demo=True,
    )
    assert app_module.apply_choice(db, choice, parent=None)
    with db.session() as session:
        figures = read_overview(session)
    assert figures.rooms == 1 and figures.members > 0
    assert figures.topics > 0 and figures.meetings_held > 0


def test_the_real_demo_stops_when_cancelled(district_db: Database) -> None:
    when_shown(QProgressDialog, lambda dialog: dialog.findChild(QPushButton).click())
    assert app_module.run_demo(district_db, parent=None) is TaskState.CANCELLED
    with district_db.session() as session:
        # Cancelled before the last of the 16 rooms: the rooms done so far stay.
        assert read_overview(session).rooms < 16


def test_python_m_desktop_smoke_exits_0(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(tmp_path / "sub"), "--smoke"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke ok: 议事")


def test_a_damaged_database_offers_the_newest_backup_and_restores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.backups import backup_now
    from desktop.setup import setup_room

    home = Home(tmp_path / "room")
    db = open_database(home)
    setup_room(db, name="徐庄村协商议事室", village="徐庄村", township="兴仁镇")
    backup_now(db)
    db.close()
    home.database.write_bytes(b"")
    offered: list[tuple[str, Path]] = []

    def ask(problem: str, backup: Any) -> bool:
        offered.append((problem, backup.path))
        return True

    monkeypatch.setattr(app_module, "ask_restore", ask)
    monkeypatch.setattr(FirstRunDialog, "ask", never_asked)
    monkeypatch.setattr(app_module, "start_of_day_backup", lambda _db, parent: None)
    # The window opens on the restored records; the loop ends as soon as it runs.
    monkeypatch.setattr(
        app_module.MainWindow,
        "show",
        lambda _self: app_module.QTimer.singleShot(0, lambda: QApplication.instance().exit(0)),
    )
    assert run_gui(home=home) == 0
    ((problem, path),) = offered
    assert "0 字节" in problem and path.parent == home.backups
    assert installation_of(home).name == "徐庄村协商议事室"
