"""A damaged database at start is reported with the newest sound backup; never made anew."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from desktop.backups import backup_now
from desktop.cli import main
from desktop.db import DatabaseDamagedError, copy_problem, open_database
from desktop.paths import Home
from desktop.setup import setup_room


def _room(tmp_path: Path, *, backup: bool = True) -> Home:
    home = Home(tmp_path / "room")
    db = open_database(home)
    try:
        setup_room(db, name="徐庄村协商议事室", village="徐庄村", township="兴仁镇")
        if backup:
            backup_now(db)
    finally:
        db.close()
    return home


def _truncate(home: Home) -> None:
    data = home.database.read_bytes()
    home.database.write_bytes(data[: len(data) // 2])


DAMAGE = {
    "empty": lambda home: home.database.write_bytes(b""),
    "missing": lambda home: home.database.unlink(),
    "truncated": _truncate,
    "not-sqlite": lambda home: home.database.write_bytes(b"PK\x03\x04 a spreadsheet" * 300),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_database_where_records_were_is_refused_untouched(
    tmp_path: Path, damage: str
) -> None:
    home = _room(tmp_path)
    DAMAGE[damage](home)
    before = home.database.read_bytes() if home.database.exists() else None
    with pytest.raises(DatabaseDamagedError, match=re.escape(str(home.database))):
        open_database(home, verify=True)
    after = home.database.read_bytes() if home.database.exists() else None
    assert after == before


def test_an_empty_file_alone_is_named_with_the_way_out(tmp_path: Path) -> None:
    home = Home(tmp_path)
    home.create_dirs()
    home.database.write_bytes(b"")
    with pytest.raises(DatabaseDamagedError, match=r"0 字节.*删除此文件"):
        open_database(home)
    assert home.database.read_bytes() == b""


def test_a_brand_new_home_is_still_created(tmp_path: Path) -> None:
    home = Home(tmp_path / "new")
    open_database(home, verify=True).close()
    assert home.database.stat().st_size > 0


def test_quick_check_finds_a_damaged_page(tmp_path: Path) -> None:
    home = _room(tmp_path, backup=False)
    connection = sqlite3.connect(home.database)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'room'"
        ).fetchone()[0]
    finally:
        connection.close()
    data = bytearray(home.database.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + page_size] = b"\xa5" * (page_size - 8)
    home.database.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError, match="已损坏"):
        open_database(home, verify=True)


def test_a_backup_is_judged_without_writing_beside_it(tmp_path: Path) -> None:
    home = _room(tmp_path)
    (backup,) = home.backups.glob("*.sqlite")
    before = sorted(p.name for p in home.backups.iterdir())
    assert copy_problem(backup) is None
    assert sorted(p.name for p in home.backups.iterdir()) == before
    backup.write_bytes(backup.read_bytes()[:5000])
    assert copy_problem(backup) is not None


def test_the_command_line_names_the_problem_and_the_backup_to_restore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = _room(tmp_path)
    (backup,) = home.backups.glob("*.sqlite")
    home.database.write_bytes(b"")
    assert main(["--home", str(home.root), "demo", "--years", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith("错误：数据库文件是空的（0 字节）")
    assert str(backup) in err and " restore " in err
    assert home.database.read_bytes() == b""


def test_the_command_line_says_when_there_is_no_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = _room(tmp_path, backup=False)
    _truncate(home)
    assert main(["--home", str(home.root), "stats", "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert "截断" in err and "没有找到可用的备份" in err
