"""The zh_CN translation is complete, in step with the code, and its .qm is not stale."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.views.latin_words import english_words

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"
TS = TRANSLATIONS / "yishi_zh_CN.ts"
HAN = re.compile(r"[\u3400-\u9fff]")
QM = TRANSLATIONS / "yishi_zh_CN.qm"


def sources() -> list[str]:
    """The files lupdate reads, as resources/translations/README.md says."""
    files = [REPO / "desktop" / "app.py", *sorted((REPO / "desktop" / "views").rglob("*.py"))]
    return [str(f.relative_to(REPO)) for f in files]


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def tool(name: str) -> str:
    """A Qt tool that ships with PySide6, found without `PATH`.

    `.venv/bin/python -m pytest` leaves the venv's `bin/` off `PATH`, so look beside the
    interpreter first (the `pyside6-*` console scripts), then inside the PySide6 package (the
    Qt binaries those scripts run), and only then on `PATH`.
    """
    import PySide6

    suffix = ".exe" if sys.platform == "win32" else ""
    package_tool = name.removeprefix("pyside6-")
    candidates = [
        Path(sys.executable).parent / f"{name}{suffix}",
        Path(PySide6.__file__).parent / f"{package_tool}{suffix}",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found beside {sys.executable}, in PySide6 or on PATH")
    return path


def test_every_message_is_translated() -> None:
    found = messages(TS)
    assert len(found) > 50
    problems = []
    for (context, source), message in found.items():
        translation = message.find("translation")
        assert translation is not None
        kind = translation.get("type")
        text = (translation.text or "").strip()
        if kind in {"unfinished", "obsolete", "vanished"} or not text:
            problems.append(f"{context}: {source!r} ({kind or 'empty'})")
        elif source.count("%1") != text.count("%1"):
            problems.append(f"{context}: {source!r} loses its %1")
        elif english_words(source) and (text == source or not HAN.search(text)):
            # Left in English: a source of key names or a format string alone may stay so.
            problems.append(f"{context}: {source!r} is not translated into Chinese: {text!r}")
    assert problems == []


def test_committed_qm_is_what_lrelease_makes_of_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (resources/translations)"


def test_lupdate_finds_no_string_missing_from_the_ts(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-locations",
            "none",
            "-no-obsolete",
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    before, after = messages(TS), messages(copy)
    assert sorted(set(after) - set(before)) == [], "run pyside6-lupdate and translate"
    assert sorted(set(before) - set(after)) == [], "the .ts holds strings the code no longer has"
