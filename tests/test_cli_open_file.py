"""`yishi [--home DIR] FILE.yishi`: a bundle file starts the GUI with it; a command is a
command, and anything else is refused by argparse as before."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from desktop import cli
from desktop.cli import main, split_bundle_file


@pytest.mark.parametrize(
    ("argv", "rest", "file"),
    [
        (["a.yishi"], [], "a.yishi"),
        (["--home", "H", "a.yishi"], ["--home", "H"], "a.yishi"),
        (["--home=H", "--smoke", "包.YiShi"], ["--home=H", "--smoke"], "包.YiShi"),
        (["--ho", "H", "港 口/村 包.yishipack"], ["--ho", "H"], "港 口/村 包.yishipack"),
        (["--smoke", "x.YISHIPACK", "--home", "H"], ["--smoke", "--home", "H"], "x.YISHIPACK"),
        # A command stays a command, even with a file after it.
        (["import", "a.yishi"], ["import", "a.yishi"], None),
        (["--home", "a.yishi", "check"], ["--home", "a.yishi", "check"], None),
        # Neither: argparse refuses it.
        (["notes.txt"], ["notes.txt"], None),
        (["yishi"], ["yishi"], None),
        ([], [], None),
    ],
)
def test_the_file_is_taken_out_of_the_arguments(
    argv: list[str], rest: list[str], file: str | None
) -> None:
    words, bundle = split_bundle_file(argv)
    assert words == rest
    assert bundle == (None if file is None else Path(os.path.abspath(file)))


def test_a_relative_file_is_resolved_against_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _words, bundle = split_bundle_file(["U盘 备份/和平桥 数据包.yishi"])
    assert bundle == tmp_path / "U盘 备份" / "和平桥 数据包.yishi"
    assert bundle is not None and bundle.is_absolute()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What main would start the GUI with (the GUI itself is tests/views/shell's)."""
    from desktop import app

    calls: list[dict[str, Any]] = []

    def run_gui(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(app, "run_gui", run_gui)
    return calls


def test_main_starts_the_gui_with_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[dict[str, Any]]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--home", str(tmp_path / "home"), "村 包.YISHI", "--smoke"]) == 0
    [call] = started
    assert call["bundle"] == tmp_path / "村 包.YISHI"
    assert call["smoke"] is True and call["home"].root == tmp_path / "home"
    # No file: the GUI as before.
    assert main(["--home", str(tmp_path / "home")]) == 0
    assert started[1]["bundle"] is None


def test_junk_and_a_file_with_a_command_are_refused(
    tmp_path: Path, started: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "home")
    assert main(["--home", home, "notes.txt"]) == 2
    assert '未知的命令："notes.txt"' in capsys.readouterr().err
    assert main(["--home", home, "a.yishi", "check"]) == 2
    assert "a.yishi" in capsys.readouterr().err
    # One file at a time: several are for `yishi import`.
    assert main(["--home", home, "a.yishi", "b.yishi"]) == 2
    assert '未知的命令："b.yishi"' in capsys.readouterr().err
    assert started == []


def test_the_help_mentions_opening_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--help"])
    assert "FILE.yishi" in capsys.readouterr().out
