"""One writer per installation: the OS lock, its release when a holder dies, the CLI's wait."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import cli, instance_lock
from desktop.cli import main
from desktop.instance_lock import CLI, GUI, LockHeldError, acquire, read_holder
from desktop.paths import Home

REPO = Path(__file__).resolve().parents[1]

# A process that takes the lock, says so, and holds it until killed (or for `hold` seconds).
HOLDER = """
import sys, time
from pathlib import Path
from desktop import instance_lock
lock = instance_lock.acquire(Path(sys.argv[1]), instance_lock.GUI)
print("held" if lock.held else "not held", flush=True)
time.sleep(float(sys.argv[2]))
lock.release()
"""


def _holder(root: Path, hold: float) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), str(hold)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


def _finish(process: subprocess.Popen[str]) -> None:
    process.wait(10)
    assert process.stdout is not None
    process.stdout.close()


def test_a_second_holder_is_refused_naming_the_first(tmp_path: Path) -> None:
    with acquire(tmp_path, GUI) as first:
        assert first.held
        with pytest.raises(LockHeldError, match="程序界面，进程 " + str(os.getpid())) as caught:
            acquire(tmp_path, CLI)
        assert caught.value.holder is not None and caught.value.holder.pid == os.getpid()
    # Released: the next one takes it, and no lock file is left in the home.
    assert not (tmp_path / instance_lock.LOCK_NAME).exists()
    with acquire(tmp_path, CLI) as again:
        assert again.held


def test_a_waiting_holder_gets_the_lock_when_the_first_lets_go(tmp_path: Path) -> None:
    holder = _holder(tmp_path, hold=1.0)
    told: list[object] = []
    started = time.monotonic()
    with acquire(tmp_path, CLI, wait=20, on_wait=told.append) as lock:
        assert lock.held
    assert time.monotonic() - started < 15
    assert len(told) == 1  # told once, not at every look
    _finish(holder)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    holder = _holder(tmp_path, hold=600)
    with pytest.raises(LockHeldError):
        acquire(tmp_path, CLI)
    holder.send_signal(signal.SIGKILL)
    _finish(holder)
    # The file is still there, with the dead process's name, but the lock went with it.
    assert (tmp_path / instance_lock.LOCK_NAME).exists()
    with acquire(tmp_path, CLI) as lock:
        assert lock.held
        assert read_holder(tmp_path) is not None and read_holder(tmp_path).pid == os.getpid()  # type: ignore[union-attr]


RACER = """
import sys, time
from pathlib import Path
from desktop import instance_lock
root, go = Path(sys.argv[1]), Path(sys.argv[2])
# A file, not a wall-clock time: the test process's clock may be moved (YISHI_TEST_TODAY).
while not go.exists():
    time.sleep(0.001)
wins = 0
for _ in range(30):
    try:
        lock = instance_lock.acquire(root, instance_lock.CLI)
    except instance_lock.LockHeldError:
        continue
    marker = root / "inside"
    # Inside the lock nobody else may be: the marker must be ours alone.
    assert not marker.exists(), "two holders at once"
    marker.write_text(str(sys.argv[3]))
    time.sleep(0.002)
    marker.unlink()
    lock.release()
    wins += 1
print(wins)
"""


def test_racing_processes_never_hold_it_together(tmp_path: Path) -> None:
    go = tmp_path / "go"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(tmp_path), str(go), str(n)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    time.sleep(1.5)  # all four started and waiting
    go.touch()
    try:
        results = [r.communicate(timeout=60) for r in racers]
    finally:
        for racer in racers:
            racer.kill()
            racer.communicate()
    assert all(r.returncode == 0 for r in racers), [err for _out, err in results]
    assert sum(int(out) for out, _err in results) > 0


def _installation(tmp_path: Path) -> Home:
    home = Home(tmp_path / "room")
    assert main(["--home", str(home.root), "setup", "room", "--name", "徐庄村协商议事室",
                 "--village", "徐庄村", "--township", "兴仁镇"]) == 0  # fmt: skip
    return home


def test_a_writing_command_waits_then_refuses_naming_the_holder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = _installation(tmp_path)
    capsys.readouterr()
    monkeypatch.setattr(cli, "LOCK_WAIT_SECONDS", 0.3)
    monkeypatch.delenv("YISHI_LOCK_WAIT", raising=False)
    with acquire(home.root, GUI):
        assert main(["--home", str(home.root), "demo", "--years", "0"]) == 2
        err = capsys.readouterr().err.splitlines()
        assert err[0].startswith("另一个议事程序正在使用此数据文件夹（程序界面，进程 ")
        assert err[0].endswith("正在等待…")
        assert err[1].startswith("错误：另一个议事程序正在使用此数据文件夹（程序界面")
        assert len(err) == 2
        # Reading needs no lock.
        assert main(["--home", str(home.root), "stats", "--year", "2025"]) == 0
        assert main(["--home", str(home.root), "check"]) == 0


def test_a_writing_command_goes_ahead_once_the_holder_finishes(tmp_path: Path) -> None:
    home = _installation(tmp_path)
    holder = _holder(home.root, hold=1.0)
    env = {**os.environ, "YISHI_LOCK_WAIT": "20"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home.root), "demo", "--years", "0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    _finish(holder)
    assert result.returncode == 0, result.stderr
    assert "正在等待" in result.stderr
