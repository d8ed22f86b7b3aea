"""Issue 13: `yishi` with arbitrary argument lists answers with an exit code and Chinese words.

Arguments are drawn from the program's own vocabulary (commands, actions, every option) mixed
with numbers, arbitrary text and files of the wrong kind, in any order. Whatever the list,
`desktop.cli.main` returns 0 or 2 (never 1, the exit of an unexpected fault), a refusal
speaks Chinese (on stderr, or in `import --json`'s report), and nothing prints a traceback.
Only `--help` and `--version` end through SystemExit(0), as argparse does.

The run is confined: the working folder is a temporary one (every relative path lands
there), text never holds a path separator or `~`, the GUI is replaced by a stub, and demo
data is held to one room and no past years within its limits (a thousand rooms would take
minutes; the refusals beyond the limits are the real ones). `tests/test_cli_bad_commands.py`
holds the hand-written cases.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from desktop import cli
from desktop.db import Database, open_database
from desktop.paths import Home
from desktop.setup import setup_room

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SCALE = int(os.environ.get("YISHI_FUZZ_SCALE", "1"))

WORDS = [
    "setup", "district", "room", "demo", "stats", "check", "doc", "minutes", "signin", "notice",
    "feedback", "ledger", "latest", "enroll", "export", "import", "quarantine", "resolve",
    "backup", "list", "restore", "bogus",
]  # fmt: skip
OPTIONS = [
    "--home", "--smoke", "--name", "--escrow", "--village", "--township", "--enrollment",
    "--passphrase", "--seed", "--roster-only", "--rooms", "--years", "--year", "--json", "-o",
    "--output", "--layout", "record", "jiyao", "--no-mask", "--room-name", "--to", "--full",
    "--room", "--escrow-key", "--all", "--keep-local", "--take-incoming", "--", "-", "-x",
    "--jso", "-h", "--version",
]  # fmt: skip
FILES = ["text.txt", "empty.yishi", "garbage.yishi", "folder", "missing.yishi", "out.pdf"]
SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="/\\~\x00", blacklist_categories=["Cs"]),
    max_size=12,
)
tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(OPTIONS),
    st.sampled_from(FILES),
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["0", "1", "1949", "2025", "2101", "1e3", "١٢", "-1", "99999999999999999999"]),
    SAFE_TEXT,
)
# Most lists would stop at "unknown command": a real command first, then anything, reaches
# each command's own checks.
COMMANDS = [
    [], ["setup", "district"], ["setup", "room"], ["demo"], ["stats"], ["check"],
    ["doc", "minutes"], ["doc", "signin"], ["doc", "notice"], ["doc", "ledger"], ["enroll"],
    ["export"], ["import"], ["quarantine"], ["quarantine", "resolve"], ["backup"],
    ["backup", "list"], ["restore"],
]  # fmt: skip
argvs = st.builds(
    lambda command, tail: [*command, *tail],
    st.sampled_from(COMMANDS),
    st.lists(tokens, max_size=7),
)


@pytest.fixture(scope="module")
def home(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-cli")
    home = Home(root / "room")
    home.create_dirs()
    shutil.copyfile(template_database, home.database)
    db = open_database(home)
    setup_room(db, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
    db.close()
    work = root / "work"
    work.mkdir()
    (work / "text.txt").write_text("这不是数据包\n", encoding="utf-8")
    (work / "empty.yishi").write_bytes(b"")
    (work / "garbage.yishi").write_bytes(b"\xff" * 200)
    (work / "folder").mkdir()
    return home.root


@pytest.fixture(scope="module")
def confined(home: Path) -> Iterator[None]:
    """The working folder, the GUI and demo generation, for the whole module."""
    patch = pytest.MonkeyPatch()
    patch.chdir(home.parent / "work")
    patch.setenv("YISHI_HOME", str(home))
    patch.setenv("YISHI_LOCK_WAIT", "0")
    patch.setattr("desktop.app.run_gui", lambda **_: 0)
    from desktop.demo import runner

    real = runner.generate

    def small(db: Database, **options: Any) -> Any:
        """The real generator (and its refusals), held to its smallest within the limits."""
        rooms, years = options.get("rooms", 16), options.get("years", 2)
        if 0 <= rooms <= runner.MAX_ROOMS and 0 <= years <= runner.MAX_YEARS:
            options.update(rooms=min(rooms, 1), years=0)
        return real(db, **options)

    patch.setattr("desktop.demo.generate", small)
    yield
    patch.undo()


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = cli.main(argv)
    except SystemExit as exited:
        out, err = capsys.readouterr()
        assert exited.code == 0, (argv, err)
        assert {"-h", "--help", "--version"} & set(argv), argv
        return 0, out, err
    out, err = capsys.readouterr()
    return code, out, err


@settings(
    max_examples=80 * SCALE,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=argvs, home_first=st.booleans())
@example(argv=["stats", "--year", "99999999999999999999"], home_first=True)
@example(argv=["quarantine", "resolve", "x", "--keep-local"], home_first=True)
@example(argv=["--", "check"], home_first=False)
def test_property_any_argument_list_gets_an_exit_code_and_chinese_words(
    home: Path,
    confined: None,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    home_first: bool,
) -> None:
    full = ["--home", str(home), *argv] if home_first else argv
    code, out, err = _run(full, capsys)
    assert "Traceback" not in out + err
    assert code in (0, 2), (full, code, err)  # 1 is the exit of an unexpected fault
    if code == 2 and not err and "--json" in full:
        # `import --json` reports each file's refusal in the JSON on stdout.
        assert CHINESE.search(json.loads(out)[0]["reason"]), out
        event("refused in the JSON report")
    elif code == 2:
        # The refusal starts "错误：" and speaks Chinese after it too (argparse's English must
        # not come through). An argument holding a line break is echoed as it is, so the
        # refusal is read whole rather than as its last line.
        words = err.replace("错误：", "")
        assert err.strip() and CHINESE.search(words), (full, err)
        event(f"refused: {err.strip()[:12]}")
    else:
        event(f"ran: {argv[:1]}")


def test_help_and_version_still_end_through_argparse(
    confined: None, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["--help"], ["import", "-h"], ["--version"]):
        assert _run(argv, capsys)[0] == 0
