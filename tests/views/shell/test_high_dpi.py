"""The main window on high-DPI screens (125 % and 150 %) and with the large text size.

Each scale runs in its own process: Qt takes QT_SCALE_FACTOR only at start. The demo room's
pages are all visited. A 1920×1080 laptop screen at 150 % leaves 1280×720 logical pixels, less
the taskbar and the title bar, and an old 1366×768 screen at 125 % leaves 1092 pixels across:
the window must work at 1092×660.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _cli(home: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home), *args],
        check=True,
        capture_output=True,
        cwd=REPO,
        env=ENV,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("dpi") / "和平桥 社区"
    _cli(
        home,
        "setup",
        "room",
        "--name",
        "和平桥社区协商议事室",
        "--village",
        "和平桥社区",
        "--township",
        "和平桥街道",
    )
    _cli(home, "demo", "--years", "1")
    return home


def _probe(home: Path, scale: str, size: str, settings: Path) -> dict[str, Any]:
    # Its own settings folder: a window size remembered by another run would change the figures.
    settings_env = {"XDG_CONFIG_HOME": str(settings), "HOME": str(settings)}
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("high_dpi_probe.py")), str(home), size],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**ENV, **settings_env, "QT_SCALE_FACTOR": scale, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    shown: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return shown


@pytest.mark.parametrize("scale", ["1.25", "1.5"])
@pytest.mark.parametrize("size", ["medium", "large"])
def test_the_window_renders_sharp_and_whole_at_high_dpi(
    demo_room: Path, scale: str, size: str, tmp_path: Path
) -> None:
    shown = _probe(demo_room, scale, size, tmp_path)
    ratio = float(scale)
    # Drawn at the screen's own pixels, not scaled up from 100 % (which would blur).
    assert shown["ratio"] == pytest.approx(ratio)
    width, height = shown["logical"]
    assert shown["grab"] == [round(width * ratio), round(height * ratio)]
    # Every page fits those screens, and no button cuts its own words.
    assert shown["minimum"][0] <= 1092 and shown["minimum"][1] <= 660, shown["minimum"]
    assert shown["cut"] == {}
