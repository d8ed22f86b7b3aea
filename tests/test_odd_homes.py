"""Any folder works: Chinese names, spaces, `%`, `'` and long paths, in --home and the data dir.

A village PC's user folder is often named in Chinese; `%` once reached Alembic's configparser
and stopped setup. Each home below goes through the whole cycle a user would run there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic import command

from desktop.backups import backup_now, list_backups
from desktop.cli import main
from desktop.db import alembic_config, current_revision, head_revision, make_engine, open_database
from desktop.paths import HOME_ENV, Home
from desktop.sync import enrolment as enrolment_module
from tests.sync_pair import FastPassphrase

ODD_FOLDERS = {
    "chinese-space-percent": "张三 的 文档/议事%1",
    "quote-and-interpolation": "O'Brien's 100%(here)s 议事室",
    # Over 260 characters in all (the old Windows limit), within SQLite's 500-odd bytes.
    "long": "/".join(f"长文件夹 long folder name-{i}" for i in range(10)),
}


@pytest.fixture(params=list(ODD_FOLDERS.values()), ids=list(ODD_FOLDERS))
def odd(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / request.param
    folder.mkdir(parents=True)
    return folder


def _yishi(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_the_whole_cycle_runs_in_an_odd_folder(
    odd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(enrolment_module, "age_passphrase", FastPassphrase)
    district, room, usb = odd / "区政协 %d", odd / "议事室 'x'", odd / "U盘 %1"
    usb.mkdir()
    escrow = odd / "离线 介质" / "托管%密钥.txt"
    _yishi(
        capsys, "--home", district, "setup", "district", "--name", "崇川区政协", "--escrow", escrow
    )
    assert escrow.is_file()
    _yishi(capsys, "--home", district, "demo", "--roster-only")
    enrolment = usb / "和平桥 %s.enrol"
    out = _yishi(
        capsys, "--home", district, "enroll", "--room-name", "和平桥社区协商议事室",
        "--village", "和平桥社区", "--township", "和平桥街道", "-o", enrolment,
    )  # fmt: skip
    passphrase = re.search(r"登记口令：(\S+)", out)
    assert passphrase is not None
    _yishi(
        capsys, "--home", room, "setup", "room",
        "--enrollment", enrolment, "--passphrase", passphrase.group(1),
    )  # fmt: skip
    _yishi(capsys, "--home", room, "demo", "--years", "0")

    bundle = Path(_yishi(capsys, "--home", room, "export", "--to", usb).splitlines()[-1])
    assert bundle.parent == usb and bundle.is_file()
    assert "新增" in _yishi(capsys, "--home", district, "import", bundle)

    for name in ("纪要 %1.pdf", "纪要 'a'.docx"):
        _yishi(capsys, "--home", room, "doc", "minutes", "latest", "-o", room / name)
        assert (room / name).stat().st_size > 1000
    _yishi(capsys, "--home", district, "doc", "ledger", "--year", "2026", "-o", usb / "台账%.pdf")
    assert (usb / "台账%.pdf").is_file()
    assert "检查通过" in _yishi(capsys, "--home", district, "check")

    db = open_database(Home(room))
    try:
        backup = backup_now(db)
    finally:
        db.close()
    assert backup.parent == room / "backups"
    assert backup in [entry.path for entry in list_backups(Home(room))]


def test_a_database_in_an_odd_folder_migrates_with_a_backup_first(odd: Path) -> None:
    home = Home(odd / "旧版 %1")
    home.create_dirs()
    engine = make_engine(home.database)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    db = open_database(home)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()
    assert [path.name[:6] for path in home.backups.iterdir()] == ["yishi-"]


def test_a_path_too_long_for_sqlite_is_refused_by_name_and_nothing_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path.joinpath(*[f"{'很长的文件夹名称' * 4}-{i}" for i in range(6)])
    setup = ["--home", str(home), "setup", "room", "--name", "和平桥社区协商议事室"]
    assert main([*setup, "--village", "和平桥社区", "--township", "和平桥街道"]) == 2
    assert "路径太长" in capsys.readouterr().err
    assert not (tmp_path / f"{'很长的文件夹名称' * 4}-0").exists()


def test_the_default_data_folder_may_have_a_chinese_name(
    odd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No --home and no $YISHI_HOME: platformdirs' user data dir, here under XDG_DATA_HOME.
    monkeypatch.delenv(HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(odd))
    monkeypatch.setenv("HOME", str(odd))
    out = _yishi(
        capsys, "setup", "room", "--name", "和平桥社区协商议事室",
        "--village", "和平桥社区", "--township", "和平桥街道",
    )  # fmt: skip
    database = next(odd.rglob("yishi.sqlite"))
    assert str(database.parent) in out
    assert "检查通过" in _yishi(capsys, "check")
