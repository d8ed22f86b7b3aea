"""The core stays Qt-free: only desktop.views and the start-up code may import Qt."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import desktop

PACKAGE_DIR = Path(desktop.__file__).parent
REPO = PACKAGE_DIR.parent
QT_ALLOWED = ("desktop.views", "desktop.app", "desktop.__main__")
QT_PACKAGES = ("PySide6", "shiboken6", "qtawesome", "qtpy")


def _core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages([str(PACKAGE_DIR)], prefix="desktop.")
        if not info.name.startswith(QT_ALLOWED) and ".migrations.versions." not in info.name
    ]
    return sorted(["desktop", *names])


def test_core_modules_load_no_qt() -> None:
    modules = _core_modules()
    assert "desktop.models" in modules and "desktop.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name.endswith('migrations.env'): continue\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_core_source_imports_qt() -> None:
    offenders = []
    for path in PACKAGE_DIR.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        if module.startswith(QT_ALLOWED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in QT_PACKAGES for name in names):
                offenders.append(f"{module}: {names}")
    assert offenders == []


# Asking the system for the day anywhere but desktop/clock.py makes code that tests cannot move.
SYSTEM_CLOCK_CALLS = (
    "date.today(",
    "datetime.now(",
    "datetime.utcnow(",
    "datetime.today(",
    "QDate.currentDate(",
    "QDateTime.currentDateTime(",
    "QTime.currentTime(",
)


def test_only_the_clock_module_reads_the_system_clock() -> None:
    offenders = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if path.name == "clock.py" and path.parent == PACKAGE_DIR:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {call}" for call in SYSTEM_CLOCK_CALLS if call in text]
    assert offenders == [], "ask desktop.clock (or take today=) instead"


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    # pyproject's [tool.importlinter]: the layers of docs/architecture.md and the Qt boundary.
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


# A view shows what a query returns and calls a workflow function for every change.
DATABASE_WORK = re.compile(
    r"\bSession\b|\bselect\(|\.session\(|\bsession_as\(|\bdesktop\.db\b|\bsqlalchemy\.orm\b"
)


def test_no_view_opens_a_session_or_builds_a_select() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((PACKAGE_DIR / "views").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DATABASE_WORK.search(line)
    ]
    assert offenders == []
