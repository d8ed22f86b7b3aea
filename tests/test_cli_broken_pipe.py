"""A command whose output's reader goes away (`yishi stats … | head`) ends quietly with the
shell's SIGPIPE status, not with a crash report."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from desktop.cli import main


class _GoneReader(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_went_away_is_no_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "d")
    assert main(["--home", home, "setup", "district", "--name", "崇川区政协"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", _GoneReader())
    assert main(["--home", home, "stats", "--year", "2025"]) == 141
    # No "错误：意外故障…" line, so no crash report either.
    assert capsys.readouterr().err == ""
