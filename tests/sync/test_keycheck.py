"""Diagnosing damaged keys: each kind of damage at a district and a room, never raising."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from desktop import clock
from desktop.db import Database, open_database
from desktop.paths import Home
from desktop.sync.identity import own_fingerprint
from desktop.sync.keycheck import KeyDamage, diagnose_keys
from desktop.sync.keys import AGE_FILE, SIGNING_FILE
from desktop.sync.status import read_status
from tests.sync_pair import Pair


def remove_folder(home: Home) -> None:
    shutil.rmtree(home.keys)


def folder_is_a_file(home: Home) -> None:
    shutil.rmtree(home.keys)
    home.keys.write_text("not a folder\n")


def remove_signing_file(home: Home) -> None:
    (home.keys / SIGNING_FILE).unlink()


def empty_age_file(home: Home) -> None:
    (home.keys / AGE_FILE).write_bytes(b"")


def garbage_in_signing_file(home: Home) -> None:
    (home.keys / SIGNING_FILE).write_text("这不是密钥 !!\n", encoding="utf-8")


def garbage_in_age_file(home: Home) -> None:
    (home.keys / AGE_FILE).write_text("AGE-SECRET-KEY-1NOTAKEY\n")


Damage = Callable[[Home], None]

# Each damage, what it is diagnosed as and the path the message must name.
DAMAGES: list[tuple[Damage, set[KeyDamage], str]] = [
    (remove_folder, {KeyDamage.FOLDER_MISSING}, "keys"),
    (folder_is_a_file, {KeyDamage.NOT_A_FOLDER}, "keys"),
    (remove_signing_file, {KeyDamage.FILE_MISSING}, SIGNING_FILE),
    (empty_age_file, {KeyDamage.FILE_EMPTY}, AGE_FILE),
    (garbage_in_signing_file, {KeyDamage.FILE_DAMAGED}, SIGNING_FILE),
    (garbage_in_age_file, {KeyDamage.FILE_DAMAGED}, AGE_FILE),
]
WORDS = {
    KeyDamage.FOLDER_MISSING: "本机同步密钥文件夹不存在：",
    KeyDamage.NOT_A_FOLDER: "不是文件夹",
    KeyDamage.FILE_MISSING: "本机密钥文件缺失：",
    KeyDamage.FILE_EMPTY: "本机密钥文件是空的：",
    KeyDamage.FILE_DAMAGED: "本机密钥文件已损坏：",
}
IDS = [damage.__name__ for damage, _kinds, _name in DAMAGES]


def test_whole_keys_are_no_problem(pair: Pair) -> None:
    assert diagnose_keys(pair.district) is None
    assert diagnose_keys(pair.room) is None


@pytest.mark.parametrize(("damage", "kinds", "name"), DAMAGES, ids=IDS)
def test_district_is_told_the_escrow_route_and_the_backup(
    pair: Pair, damage: Damage, kinds: set[KeyDamage], name: str
) -> None:
    home = pair.district.home
    damage(home)

    problem = diagnose_keys(pair.district)

    assert problem is not None
    assert problem.damages == kinds
    (kind,) = kinds
    assert WORDS[kind] in problem.summary
    assert str(home.keys if name == "keys" else home.keys / name) in problem.summary
    assert problem.remedy.startswith("解决办法：")
    assert "备份" in problem.remedy and "keys 文件夹" in problem.remedy
    assert f'yishi --home "{home.root}" import --escrow-key 托管密钥文件' in problem.remedy
    assert "不能导出数据包" in problem.remedy
    # Until a file standing where keys/ belongs is moved, `yishi` cannot open the folder.
    moved_first = f"先把 {home.keys} 这个文件改名或移走" in problem.remedy
    assert moved_first == (kinds == {KeyDamage.NOT_A_FOLDER})
    assert problem.message == f"{problem.summary}\n{problem.remedy}"


@pytest.mark.parametrize(("damage", "kinds", "name"), DAMAGES, ids=IDS)
def test_enrolled_room_is_told_to_be_enrolled_again(
    pair: Pair, damage: Damage, kinds: set[KeyDamage], name: str
) -> None:
    home = pair.room.home
    damage(home)

    problem = diagnose_keys(pair.room)

    assert problem is not None
    assert problem.damages == kinds
    assert str(home.keys if name == "keys" else home.keys / name) in problem.summary
    assert "备份" in problem.remedy
    assert "区政协重新登记本议事室" in problem.remedy
    assert "setup room --enrollment 登记文件" in problem.remedy
    assert "escrow" not in problem.remedy


def test_a_room_never_enrolled_has_no_keys_and_no_problem(room_db: Database) -> None:
    assert not (room_db.home.keys / SIGNING_FILE).exists()
    assert diagnose_keys(room_db) is None
    remove_folder(room_db.home)
    assert diagnose_keys(room_db) is None


def test_a_district_whose_keys_were_never_made_has_no_problem(district_db: Database) -> None:
    # The first-run dialog sets a district up without keys (no escrow pair either).
    assert diagnose_keys(district_db) is None
    remove_folder(district_db.home)
    assert diagnose_keys(district_db) is None


@pytest.mark.parametrize(
    ("damage", "kind"),
    [
        (folder_is_a_file, KeyDamage.NOT_A_FOLDER),
        (empty_age_file, KeyDamage.FILE_EMPTY),
        (garbage_in_signing_file, KeyDamage.FILE_DAMAGED),
    ],
)
def test_leftovers_at_a_room_not_enrolled_are_named_and_safe_to_move(
    room_db: Database, damage: Damage, kind: KeyDamage
) -> None:
    # They would stop enrolment (keys are never overwritten), but nobody knows them yet.
    damage(room_db.home)

    problem = diagnose_keys(room_db)

    assert problem is not None and problem.damages == {kind}
    assert "本议事室尚未登记" in problem.remedy
    assert "移走" in problem.remedy
    assert f'yishi --home "{room_db.home.root}" setup room --enrollment' in problem.remedy


def test_one_half_of_a_pair_at_a_room_not_enrolled_is_named(room_db: Database) -> None:
    # generate_keys refuses to write beside an existing key file.
    (room_db.home.keys / AGE_FILE).write_text("AGE-SECRET-KEY-1\n")
    problem = diagnose_keys(room_db)
    assert problem is not None
    assert KeyDamage.FILE_DAMAGED in problem.damages


def test_a_folder_in_place_of_a_key_file_is_unreadable(pair: Pair) -> None:
    path = pair.room.home.keys / SIGNING_FILE
    path.unlink()
    path.mkdir()

    problem = diagnose_keys(pair.room)

    assert problem is not None and problem.damages == {KeyDamage.FILE_UNREADABLE}
    assert f"本机密钥文件无法读取：{path}（" in problem.summary


def test_an_oversized_key_file_is_damaged_and_not_read_whole(pair: Pair) -> None:
    (pair.district.home.keys / AGE_FILE).write_bytes(b"A" * 100_000)
    problem = diagnose_keys(pair.district)
    assert problem is not None and problem.damages == {KeyDamage.FILE_DAMAGED}


def test_fingerprint_and_sync_status_read_without_raising(pair: Pair) -> None:
    garbage_in_age_file(pair.room.home)
    assert own_fingerprint(pair.room) is None
    status = read_status(pair.room, today=clock.today())
    assert status.fingerprint is None and status.enrolled


def test_a_home_whose_keys_folder_is_a_file_still_opens(pair: Pair) -> None:
    home = pair.district.home
    folder_is_a_file(home)
    db = open_database(home)
    try:
        assert db.installation() is not None
        assert home.keys.is_file()  # left as found
        problem = diagnose_keys(db)
        assert problem is not None and problem.damages == {KeyDamage.NOT_A_FOLDER}
    finally:
        db.close()
