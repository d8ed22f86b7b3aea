"""`yishi FILE.yishi` (and the Windows file association): the window opens on 同步 with the
file selected in the import list; 导入 is still the user's click. A second start with a file
shows it in the window already open."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop import instance_lock
from desktop.app import run_gui
from desktop.db import Database
from desktop.models import SyncBundle, Topic
from desktop.paths import Home
from desktop.sync.export import export_bundle
from desktop.views.shell.main_window import MainWindow
from desktop.views.shell.single_instance import InstanceServer, request_raise, server_name
from desktop.views.sync.page import SyncPage
from tests.sync_pair import Pair, add_topic

REPO = Path(__file__).resolve().parents[3]
FOLDER = "U盘 备份"


@pytest.fixture(autouse=True)
def no_drives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's own volumes are not what these tests are about."""
    monkeypatch.setattr(SyncPage, "folders", lambda self: [])


@pytest.fixture
def bundle(pair: Pair, tmp_path: Path) -> Path:
    """A real bundle from the room to the district, in a folder with a Chinese name and a space."""
    add_topic(pair.room, "修缮健身器材")
    folder = tmp_path / FOLDER
    folder.mkdir()
    return export_bundle(pair.room, to_dir=folder).path


def make_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def sync_page(window: MainWindow) -> SyncPage:
    page = window.page("sync")
    assert isinstance(page, SyncPage)
    return page


def selected_files(page: SyncPage) -> list[Path]:
    rows = page.files_table.selectionModel().selectedRows()
    return [page.files_model.file_at(index.row()).path for index in rows]


def topic_titles(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Topic.title)))


def open_and_wait(qtbot: QtBot, window: MainWindow, path: Path) -> str:
    shown: list[str] = []
    window.bundle_file_shown.connect(shown.append)
    window.open_bundle_file(path)
    qtbot.waitUntil(lambda: len(shown) == 1)
    return shown[0]


def test_the_file_is_selected_on_the_sync_page_and_imported_on_the_click(
    qtbot: QtBot, pair: Pair, bundle: Path
) -> None:
    window = make_window(qtbot, pair.district)
    said = open_and_wait(qtbot, window, bundle)
    assert window.current_page_key() == "sync"
    page = sync_page(window)
    assert page.current_folder() == bundle.parent
    assert selected_files(page) == [bundle]
    assert bundle.name in said and page.files_note.text() == said
    assert page.import_message.isHidden()
    # Nothing is imported until the user says so.
    assert "修缮健身器材" not in topic_titles(pair.district)

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.scanning)
    assert "修缮健身器材" in topic_titles(pair.district)
    assert page.files_model.outcome(bundle).startswith("新增 ")
    with pair.district.session() as session:
        imported = select(func.count()).where(SyncBundle.direction == "in")
        assert session.scalar(imported) == 1


def test_a_renamed_file_in_capitals_is_listed_and_imported_all_the_same(
    qtbot: QtBot, pair: Pair, bundle: Path
) -> None:
    # Explorer's copy of a copy: a name Yishi never writes, and capitals from another system.
    renamed = bundle.with_name("从村里带来的 数据包 (1).YISHI")
    bundle.rename(renamed)
    window = make_window(qtbot, pair.district)
    assert renamed.name in open_and_wait(qtbot, window, renamed)
    page = sync_page(window)
    assert selected_files(page) == [renamed]
    row = [page.files_model.file_at(r).path for r in range(page.files_model.rowCount())].index(
        renamed
    )
    assert page.files_model.data(page.files_model.index(row, 1)) == "未知发送方"

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.scanning)
    assert "修缮健身器材" in topic_titles(pair.district)
    # Read again after the import, the folder still lists the file with what became of it.
    assert renamed in [page.files_model.file_at(r).path for r in range(page.files_model.rowCount())]
    assert page.files_model.outcome(renamed).startswith("新增 ")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("不存在的 数据包.yishi", None, ("File not found", "找不到")),
        ("说明 文字.yishi", b"just some notes", ("not a Yishi bundle", "不是")),
        ("名单.xlsx", b"PK\x03\x04", ("not a Yishi bundle", "不是")),
    ],
)
def test_a_file_that_cannot_be_imported_is_named_in_a_message(
    qtbot: QtBot,
    room_db: Database,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    words: tuple[str, str],
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    window = make_window(qtbot, room_db)
    said = open_and_wait(qtbot, window, path)
    page = sync_page(window)
    assert window.current_page_key() == "sync"
    assert page.import_message.isVisible() and page.import_message.text() == said
    assert str(path) in said and any(word in said for word in words)
    assert page.current_folder() != tmp_path and selected_files(page) == []


def test_a_township_pack_at_the_district_is_refused_by_name(
    qtbot: QtBot, district_db: Database, tmp_path: Path
) -> None:
    pack = tmp_path / "和平桥街道_2026-11-29.yishipack"
    pack.write_bytes(b"PK\x03\x04 not read further")
    window = make_window(qtbot, district_db)
    said = open_and_wait(qtbot, window, pack)
    assert str(pack) in said and "只能在议事室导入" in said


def test_open_messages_reach_the_running_window_through_the_socket(
    qtbot: QtBot, tmp_path: Path
) -> None:
    name = server_name(tmp_path)
    server = InstanceServer(name)
    opened: list[str] = []
    events: list[str] = []

    def on_open(path: str) -> None:
        opened.append(path)
        events.append("open")

    server.open_requested.connect(on_open)
    server.raise_requested.connect(lambda: events.append("raise"))
    # Long enough to arrive in more than one piece.
    path = tmp_path / ("很长的 文件夹" * 60) / "和平桥社区_2026-11-29_R0001_DABCD_000001.yishi"
    try:
        assert request_raise(name, open_file=path)
        qtbot.waitUntil(lambda: events == ["open", "raise"])
        assert opened == [str(path)]
        # The plain knock still only raises.
        assert request_raise(name)
        qtbot.waitUntil(lambda: events == ["open", "raise", "raise"])
    finally:
        server.close()


def test_a_second_start_with_a_file_shows_it_in_the_open_window(
    qtbot: QtBot, pair: Pair, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = pair.district.home
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _title, text: told.append(text))
    with instance_lock.acquire(home.root, instance_lock.GUI):
        # The first window, wired as run_gui wires it.
        window = make_window(qtbot, pair.district)
        server = InstanceServer(server_name(home.root))
        server.open_requested.connect(lambda path: window.open_bundle_file(Path(path)))
        shown: list[str] = []
        window.bundle_file_shown.connect(shown.append)
        try:
            assert run_gui(home=home, bundle=bundle) == 0
            qtbot.waitUntil(lambda: len(shown) == 1)
        finally:
            server.close()
    assert window.current_page_key() == "sync"
    assert selected_files(sync_page(window)) == [bundle]
    [text] = told
    # English until the lead regenerates the translations.
    assert "同步" in text or "Sync page" in text


def _python_m_desktop(*args: str, cwd: Path, tmp_path: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
    )


def test_a_second_process_forwards_its_file_to_the_first(
    qtbot: QtBot, pair: Pair, bundle: Path, tmp_path: Path
) -> None:
    """End to end: this process runs the window (run_gui), a real second `yishi` knocks."""
    home = pair.district.home
    seen: dict[str, object] = {}

    def second_start() -> None:
        [window] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        window.bundle_file_shown.connect(lambda text: finish(window, text))
        # The file given relative to the second start's own folder.
        seen["process"] = _python_m_desktop(
            "--home", str(home.root), bundle.name, "--smoke", cwd=bundle.parent, tmp_path=tmp_path
        )

    def finish(window: MainWindow, text: str) -> None:
        seen["text"] = text
        seen["selected"] = selected_files(sync_page(window))
        window.close()

    QTimer.singleShot(0, second_start)
    # A bounded wait: a second start that never knocks must not hang the suite.
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: [w.close() for w in QApplication.topLevelWidgets()])
    give_up.start(90_000)
    try:
        assert run_gui(home=home) == 0
    finally:
        give_up.stop()
    process = seen["process"]
    assert isinstance(process, subprocess.Popen)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "smoke: " in err and "smoke ok" not in out
    assert bundle.name in str(seen["text"])
    assert seen["selected"] == [bundle]


def test_python_m_desktop_smoke_with_a_relative_file(
    pair: Pair, bundle: Path, tmp_path: Path
) -> None:
    renamed = bundle.with_name("和平桥 数据包.yishi")
    shutil.move(bundle, renamed)
    process = _python_m_desktop(
        "--home",
        str(pair.district.home.root),
        f"{FOLDER}/{renamed.name}",
        "--smoke",
        cwd=tmp_path,
        tmp_path=tmp_path,
    )
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert lines[0].startswith("smoke file: ") and renamed.name in lines[0]
    assert lines[1] == "smoke ok: 议事 — 崇川区政协"
    # A smoke run chooses; it never imports.
    assert "修缮健身器材" not in topic_titles(pair.district)


def test_smoke_says_what_became_of_the_file_and_exits_0(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "没有 这个.yishi"
    assert run_gui(home=pair.district.home, smoke=True, bundle=missing) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("smoke file: ") and str(missing) in first
    assert second == "smoke ok: 议事 — 崇川区政协"


def test_smoke_on_a_home_not_set_up_ignores_the_file(
    tmp_path: Path, bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = Home(tmp_path / "new")
    assert run_gui(home=home, smoke=True, bundle=bundle) == 0
    assert capsys.readouterr().out == "smoke ok: 议事 — 尚未设置\n"
