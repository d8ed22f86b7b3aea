"""Every bad command: one Chinese line on stderr, exit 2, no traceback, and nothing changed.

Each case runs `desktop.cli.main` in-process against a home (a room, an enrolled pair, or a
folder that is missing, empty or a file), snapshots the home and the output folder before
and after, and compares. chmod does not stop root, who runs CI: a read-only folder, a
read-only database and a full disk are injected as the errors the system would raise.
"""

from __future__ import annotations

import errno
import os
import pkgutil
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from desktop import cli
from desktop.db import Database
from desktop.paths import Home
from desktop.sync.refusals import LOG_NAME
from tests.sync_pair import Pair
from tests.test_cli import run

Inject = Callable[[pytest.MonkeyPatch], None]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Bad:
    """One bad invocation: its arguments (`{out}`, `{in}` and `{home}` filled in), the home
    it runs in, what it must say, and optionally a failure injected into the run."""

    args: tuple[str, ...]
    says: str
    home: str = "room"  # room | district | enrolled | missing | empty | file
    inject: Inject | None = None


def _raise(error: BaseException) -> Callable[..., Any]:
    def raiser(*_args: object, **_kwargs: object) -> Any:
        raise error

    return raiser


def _sqlite_refuses(words: str) -> BaseException:
    """What SQLAlchemy raises when SQLite refuses (read-only file, full disk)."""
    return OperationalError("INSERT INTO topic …", {}, sqlite3.OperationalError(words))


def _demo_writes_fail(words: str) -> Inject:
    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        from desktop.demo.common import Batch

        monkeypatch.setattr(Batch, "write", _raise(_sqlite_refuses(words)))

    return inject


def _database_will_not_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "desktop.db.current_revision", _raise(_sqlite_refuses("unable to open database file"))
    )


def _pdf_save_fails(code: int) -> Inject:
    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        from desktop.documents.layout import Document

        error = OSError(code, os.strerror(code), "/out/l.pdf.part")
        monkeypatch.setattr(Document, "save", _raise(error))

    return inject


def _files_named_part_fail(code: int) -> Inject:
    """The atomic writer's `*.part` file cannot be made (a read-only stick)."""

    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        opener = Path.open

        def refusing(path: Path, *args: Any, **kwargs: Any) -> Any:
            if path.name.endswith(".part"):
                raise OSError(code, os.strerror(code), str(path))
            return opener(path, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refusing)

    return inject


def _fsync_fails(code: int) -> Inject:
    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(os, "fsync", _raise(OSError(code, os.strerror(code))))

    return inject


def _home_cannot_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Home, "create_dirs", _raise(OSError(errno.EROFS, "Read-only", "/ro")))


def _interrupt(target: str, *, on_call: int = 1) -> Inject:
    """Ctrl+C on the `on_call`-th call of `target` (after earlier calls did their work)."""

    def inject(monkeypatch: pytest.MonkeyPatch) -> None:
        original = pkgutil.resolve_name(target)
        calls = 0

        def interrupted(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls >= on_call:
                raise KeyboardInterrupt
            return original(*args, **kwargs)

        monkeypatch.setattr(target, interrupted)

    return inject


ROOM_SETUP = ("--name", "城东社区协商议事室", "--village", "城东社区", "--township", "城东街道")
ENROLL = ("enroll", "--room-name", "新村议事室", "--village", "新村", "--township", "城东街道")

CASES: dict[str, Bad] = {
    # argparse: one Chinese line instead of usage and an English error
    "unknown-command": Bad(("bogus",), "未知的命令"),
    "unknown-option": Bad(("--frobnicate",), "无法识别的参数"),
    "abbreviated-option": Bad(("stats", "--year", "2025", "--jso"), "无法识别的参数"),
    "extra-argument": Bad(("stats", "--year", "2025", "extra"), "无法识别的参数"),
    "missing-year": Bad(("stats",), "缺少参数：--year"),
    "year-without-value": Bad(("stats", "--year"), "--year 后面缺少取值"),
    "year-not-a-number": Bad(("stats", "--year", "abc"), '--year 需要一个整数，收到 "abc"'),
    "year-negative": Bad(("stats", "--year", "-5"), "1949 到 2100"),
    "year-zero": Bad(("stats", "--year", "0"), "1949 到 2100"),
    "year-too-late": Bad(("stats", "--year", "10000"), "收到 10000"),
    "ledger-year-out-of-range": Bad(
        ("doc", "ledger", "--year", "1800", "-o", "{out}/l.pdf"), "1949"
    ),
    "doc-without-anything": Bad(("doc",), "缺少参数"),
    "doc-unknown-kind": Bad(("doc", "agenda", "-o", "{out}/a.pdf"), "未知的文书类型"),
    "doc-unknown-layout": Bad(("doc", "minutes", "-o", "{out}/m.pdf", "--layout", "x"), "--layout"),
    "setup-without-kind": Bad(("setup",), "缺少参数：安装类型"),
    "setup-unknown-kind": Bad(("setup", "castle"), "未知的安装类型"),
    "resolve-without-choice": Bad(("quarantine", "resolve", "1"), "--keep-local"),
    "resolve-both-choices": Bad(
        ("quarantine", "resolve", "1", "--keep-local", "--take-incoming"), "不能与"
    ),
    "quarantine-unknown-action": Bad(("quarantine", "settle"), "未知的操作"),
    "import-without-files": Bad(("import",), "缺少参数：数据包文件"),
    "demo-rooms-not-a-number": Bad(("demo", "--rooms", "many"), "--rooms 需要一个整数"),
    "demo-seed-not-a-number": Bad(("demo", "--seed", "x"), "--seed 需要一个整数"),
    # ranges refused before anything is generated
    "demo-rooms-absurd": Bad(("demo", "--rooms", "100000"), "0 到 1000"),
    "demo-rooms-negative": Bad(("demo", "--rooms", "-1"), "0 到 1000"),
    "demo-years-absurd": Bad(("demo", "--years", "31"), "0 到 30"),
    "doc-year-for-minutes": Bad(
        ("doc", "minutes", "--year", "2025", "-o", "{out}/m.pdf"), "ledger"
    ),
    # --home that is missing, empty or a file: refused, never created
    "check-missing-home": Bad(("check",), "安装目录不存在", home="missing"),
    "stats-missing-home": Bad(("stats", "--year", "2025"), "请先运行 yishi setup", home="missing"),
    "doc-missing-home": Bad(("doc", "ledger", "-o", "{out}/l.pdf"), "不存在", home="missing"),
    "quarantine-missing-home": Bad(("quarantine",), "安装目录不存在", home="missing"),
    "export-missing-home": Bad(("export", "--to", "{out}"), "安装目录不存在", home="missing"),
    "demo-missing-home": Bad(("demo",), "安装目录不存在", home="missing"),
    "stats-empty-home": Bad(("stats", "--year", "2025"), "还没有议事安装", home="empty"),
    "check-home-is-a-file": Bad(("check",), "不是文件夹", home="file"),
    "setup-home-is-a-file": Bad(
        ("setup", "district", "--name", "崇川区政协"), "不是文件夹", home="file"
    ),
    # setup: refused without leaving a half-made installation
    "setup-blank-name": Bad(("setup", "district", "--name", "  "), "不能为空", home="missing"),
    "setup-room-incomplete": Bad(("setup", "room", "--name", "x"), "--village", home="missing"),
    "setup-not-an-enrolment": Bad(
        ("setup", "room", "--enrollment", "{in}/text.txt", "--passphrase", "1"),
        "登记文件",
        home="missing",
    ),
    "setup-twice": Bad(("setup", "district", "--name", "又一个"), "不能重复初始化"),
    # -o: a missing folder, a folder, a wrong suffix; unknown ids and nothing to print yet
    "doc-into-missing-folder": Bad(
        ("doc", "ledger", "-o", "{out}/missing/l.pdf"), "输出文件夹不存在"
    ),
    "doc-onto-a-folder": Bad(("doc", "ledger", "-o", "{out}"), "这是一个文件夹"),
    "doc-wrong-suffix": Bad(("doc", "ledger", "-o", "{out}/l.txt"), "不支持的文件格式"),
    "doc-unknown-meeting": Bad(("doc", "minutes", "nope", "-o", "{out}/m.pdf"), "找不到该议事活动"),
    "doc-unknown-topic": Bad(("doc", "notice", "nope", "-o", "{out}/n.pdf"), "找不到该议题"),
    "doc-latest-of-nothing": Bad(("doc", "feedback", "latest", "-o", "{out}/f.pdf"), "还没有"),
    "doc-ledger-by-id": Bad(("doc", "ledger", "123", "-o", "{out}/l.pdf"), "--year"),
    # sync commands
    "enroll-into-missing-folder": Bad(
        (*ENROLL, "-o", "{out}/missing/r.enrol"),
        "文件或文件夹不存在",
        home="district",
    ),
    "enroll-onto-a-folder": Bad(
        (*ENROLL, "-o", "{out}"),
        "这是一个文件夹",
        home="district",
    ),
    "enroll-in-a-room": Bad(
        ("enroll", "--room-name", "a", "--village", "b", "--township", "c", "-o", "{out}/r.enrol"),
        "只有区政协",
    ),
    "export-into-missing-folder": Bad(
        ("export", "--to", "{out}/missing"), "目标文件夹不存在", home="enrolled"
    ),
    "export-not-enrolled": Bad(("export", "--to", "{out}"), "请先完成登记"),
    "export-unknown-room": Bad(
        ("export", "--to", "{out}", "--room", "R9999"), "找不到", home="district"
    ),
    "import-a-text-file": Bad(("import", "{in}/text.txt"), "已拒绝", home="district"),
    "import-an-empty-file": Bad(("import", "{in}/empty.yishi"), "已拒绝", home="enrolled"),
    "import-a-folder": Bad(("import", "{in}/folder"), "这是一个文件夹", home="enrolled"),
    "import-a-missing-file": Bad(("import", "{in}/gone.yishi"), "不存在", home="district"),
    "import-a-database": Bad(("import", "{home}/yishi.sqlite"), "已拒绝", home="district"),
    "import-with-a-bad-escrow-key": Bad(
        ("import", "--escrow-key", "{in}/text.txt", "{in}/text.txt"), "托管密钥", home="district"
    ),
    "quarantine-unknown-number": Bad(
        ("quarantine", "resolve", "99", "--keep-local"), "没有编号为 99"
    ),
    # the disk refuses: read-only, no permission, full; never called damaged
    "demo-read-only-database": Bad(
        ("demo", "--years", "0"),
        "只读",
        inject=_demo_writes_fail("attempt to write a readonly database"),
    ),
    "demo-disk-full": Bad(
        ("demo", "--years", "0"), "磁盘已满", inject=_demo_writes_fail("database or disk is full")
    ),
    "database-will-not-open": Bad(
        ("stats", "--year", "2025"), "没有写入权限", inject=_database_will_not_open
    ),
    "doc-read-only-folder": Bad(
        ("doc", "ledger", "-o", "{out}/l.pdf"), "只读", inject=_pdf_save_fails(errno.EROFS)
    ),
    "doc-no-permission": Bad(
        ("doc", "ledger", "-o", "{out}/l.pdf"), "没有写入权限", inject=_pdf_save_fails(errno.EACCES)
    ),
    "doc-disk-full": Bad(
        ("doc", "ledger", "-o", "{out}/l.pdf"), "磁盘已满", inject=_pdf_save_fails(errno.ENOSPC)
    ),
    "enroll-read-only-stick": Bad(
        (*ENROLL, "-o", "{out}/r.enrol"),
        "只读",
        home="district",
        inject=_files_named_part_fail(errno.EROFS),
    ),
    "enroll-stick-full": Bad(
        (*ENROLL, "-o", "{out}/r.enrol"),
        "磁盘已满",
        home="district",
        inject=_fsync_fails(errno.ENOSPC),
    ),
    "setup-on-read-only-disk": Bad(
        ("setup", "room", *ROOM_SETUP), "只读", home="missing", inject=_home_cannot_be_made
    ),
    # Ctrl+C: one line, exit 2, and the interrupted work rolled back
    "ctrl-c-in-demo-midway": Bad(
        ("demo", "--rooms", "3", "--years", "0"),
        "已中断",
        home="district",
        # the roster and the first room are written when the second room is interrupted
        inject=_interrupt("desktop.demo.runner.build_room", on_call=2),
    ),
    "ctrl-c-in-room-demo": Bad(
        ("demo", "--years", "0"), "已中断", inject=_interrupt("desktop.demo.runner.build_room")
    ),
    "ctrl-c-in-first-setup": Bad(
        ("setup", "district", "--name", "崇川区政协"),
        "已中断",
        home="missing",
        inject=_interrupt("desktop.sync.identity.init_district_keys"),
    ),
    "ctrl-c-in-stats": Bad(
        ("stats", "--year", "2025"), "已中断", inject=_interrupt("desktop.stats.compute_stats")
    ),
    "ctrl-c-while-saving": Bad(
        ("doc", "ledger", "-o", "{out}/l.pdf"),
        "已中断",
        inject=_interrupt("desktop.documents.layout.Document.save"),
    ),
    "ctrl-c-in-import": Bad(
        ("import", "{in}/text.txt"),
        "已中断",
        home="district",
        inject=_interrupt("desktop.sync.importer.decrypt_to"),
    ),
    # backups and restores: a file that is no backup of this installation changes nothing
    "restore-without-path": Bad(("restore",), "缺少参数：备份文件"),
    "restore-a-text-file": Bad(("restore", "{in}/text.txt"), "不是 SQLite"),
    "restore-an-empty-file": Bad(("restore", "{in}/empty.yishi"), "不是 SQLite"),
    "restore-a-missing-file": Bad(("restore", "{in}/gone.sqlite"), "不存在"),
    "restore-a-folder": Bad(("restore", "{in}/folder"), "文件夹"),
    "restore-missing-home": Bad(("restore", "{in}/text.txt"), "安装目录不存在", home="missing"),
    "backup-missing-home": Bad(("backup",), "安装目录不存在", home="missing"),
    "backup-json-without-list": Bad(("backup", "--json"), "backup list"),
}


def _dump(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def snapshot(root: Path) -> object:
    """What a user could see changed: files and folders, the database's rows, other bytes."""
    if not root.exists():
        return None
    if root.is_file():
        return root.read_bytes()
    seen: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        # The WAL and shared-memory files come and go with connections; their content is in
        # the dump. A refused import is logged beside the database on purpose (sync page).
        if name.endswith(("-wal", "-shm", "-journal")) or name == LOG_NAME:
            continue
        if path.is_dir():
            seen[name] = "folder"
        elif path.name == "yishi.sqlite":
            seen[name] = _dump(path)
        else:
            seen[name] = path.read_bytes()
    return seen


def _home(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    databases: list[Database] = []
    if kind == "room":
        databases = [request.getfixturevalue("room_db")]
        root = databases[0].home.root
    elif kind in ("district", "enrolled"):
        pair: Pair = request.getfixturevalue("pair")
        databases = [pair.district, pair.room]
        root = (pair.district if kind == "district" else pair.room).home.root
    else:
        root = tmp_path / "home"
        if kind == "empty":
            root.mkdir()
        elif kind == "file":
            root.write_text("not a folder")
    for db in databases:
        db.close()  # the command runs alone, as it would from a terminal
    return root


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_bad_command_says_one_chinese_line_and_changes_nothing(
    case: Bad,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = _home(case.home, request, tmp_path)
    out, given = tmp_path / "out", tmp_path / "in"
    out.mkdir()
    given.mkdir()
    (given / "text.txt").write_text("这不是数据包\n", encoding="utf-8")
    (given / "empty.yishi").write_bytes(b"")
    (given / "folder").mkdir()
    args = [arg.format(out=out, home=home, **{"in": given}) for arg in case.args]
    before = snapshot(home), snapshot(out), snapshot(given)
    capsys.readouterr()
    if case.inject is not None:
        case.inject(monkeypatch)

    code = cli.main(["--home", str(home), *args])
    monkeypatch.undo()

    stdout, stderr = capsys.readouterr()
    lines = stderr.splitlines()
    assert code == 2, stderr
    assert len(lines) == 1 and lines[0].strip(), stderr
    assert CHINESE.search(lines[0]), stderr
    assert case.says in lines[0]
    assert "Traceback" not in stdout + stderr
    if case.inject is not None:  # a disk that refuses is never a damaged database
        assert "已损坏" not in stderr
    assert stdout == ""
    assert (snapshot(home), snapshot(out), snapshot(given)) == before


def test_the_table_is_long_enough() -> None:
    assert len(CASES) >= 40


def test_a_bug_is_one_line_too_with_the_details_in_a_log(
    room_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr("desktop.stats.compute_stats", _raise(RuntimeError("boom\nsecond line")))
    code = cli.main(["--home", str(room_db.home.root), "stats", "--year", "2025"])
    stderr = capsys.readouterr().err
    assert code == 1
    assert stderr.splitlines() == [
        f"错误：意外故障（RuntimeError: boom），详情已写入 {tmp_path / 'yishi-error.log'}"
    ]
    assert "Traceback" in (tmp_path / "yishi-error.log").read_text(encoding="utf-8")


def test_the_checks_leave_help_and_version_alone(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["doc", "--help"], ["--version"]):
        with pytest.raises(SystemExit) as exited:
            cli.main(args)
        assert exited.value.code == 0
    assert "usage: yishi" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("stats", "--year", "-5"), "1949 到 2100"),
        (("bogus",), "未知的命令"),
        (("check",), "安装目录不存在"),
    ],
    ids=["year-out-of-range", "unknown-command", "missing-home"],
)
def test_the_console_shows_one_line_and_exits_2(
    args: tuple[str, ...], says: str, tmp_path: Path
) -> None:
    home = tmp_path / "nowhere"
    result = run(*args, env_home=home)
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert not home.exists()
