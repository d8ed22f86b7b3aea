"""The app lock's password and idle time: hashed slowly, checked, changed only with the old one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop import app_lock, settings
from desktop.app_lock import AppLockError
from desktop.cli import main
from desktop.db import Database
from desktop.models import Setting

PASSWORD = "议事室2026"


def _rows(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {row.key: row.value for row in s.scalars(select(Setting))}


def test_off_by_default_and_nothing_unlocks(room_db: Database) -> None:
    assert app_lock.lock_state(room_db) == app_lock.LockState(enabled=False, idle_minutes=10)
    assert not app_lock.unlocks(room_db, "")
    assert not app_lock.unlocks(room_db, PASSWORD)


def test_the_password_is_stored_as_a_salted_scrypt_hash_never_in_clear(room_db: Database) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    stored = _rows(room_db)["app_lock.password_hash"]
    assert PASSWORD not in stored
    assert PASSWORD.encode().hex() not in stored
    scheme, n, r, p, salt, key = stored.strip('"').split("$")
    assert (scheme, n, r, p) == ("scrypt", str(1 << 14), "8", "1")
    assert salt and key
    assert app_lock.lock_state(room_db).enabled
    assert app_lock.unlocks(room_db, PASSWORD)
    # A new salt each time: the same password never gives the same hash twice.
    assert app_lock.hash_password(PASSWORD) != app_lock.hash_password(PASSWORD)


def test_a_wrong_password_is_refused(room_db: Database) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    assert not app_lock.unlocks(room_db, "议事室2025")
    assert not app_lock.unlocks(room_db, PASSWORD + " ")
    assert not app_lock.unlocks(room_db, "")


@pytest.mark.parametrize(
    ("password", "repeat", "message"),
    [
        ("12345", "12345", "密码至少需要 6 个字符"),
        ("1234567", "1234568", "两次输入的新密码不一致"),
        (" 123456", " 123456", "密码的开头和结尾不能是空格"),
    ],
)
def test_a_weak_or_mistyped_new_password_is_refused_and_nothing_stored(
    room_db: Database, password: str, repeat: str, message: str
) -> None:
    with pytest.raises(AppLockError, match=message):
        app_lock.turn_on(room_db, password=password, repeat=repeat)
    assert "app_lock.password_hash" not in _rows(room_db)
    assert not app_lock.lock_state(room_db).enabled


def test_changing_needs_the_current_password(room_db: Database) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    before = _rows(room_db)
    with pytest.raises(AppLockError, match="当前密码不正确"):
        app_lock.change_password(room_db, current="wrong-one", new="新密码123", repeat="新密码123")
    assert _rows(room_db) == before
    with pytest.raises(AppLockError, match="两次输入的新密码不一致"):
        app_lock.change_password(room_db, current=PASSWORD, new="新密码123", repeat="新密码12")
    assert _rows(room_db) == before
    app_lock.change_password(room_db, current=PASSWORD, new="新密码123", repeat="新密码123")
    assert not app_lock.unlocks(room_db, PASSWORD)
    assert app_lock.unlocks(room_db, "新密码123")


def test_turning_off_needs_the_current_password(room_db: Database) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    before = _rows(room_db)
    with pytest.raises(AppLockError, match="当前密码不正确"):
        app_lock.turn_off(room_db, current="")
    assert _rows(room_db) == before
    app_lock.turn_off(room_db, current=PASSWORD)
    assert "app_lock.password_hash" not in _rows(room_db)
    assert not app_lock.lock_state(room_db).enabled
    with pytest.raises(AppLockError, match="应用锁未开启"):
        app_lock.turn_off(room_db, current=PASSWORD)


def test_turning_on_twice_is_refused_so_the_password_cannot_be_replaced_silently(
    room_db: Database,
) -> None:
    app_lock.turn_on(room_db, password=PASSWORD, repeat=PASSWORD)
    before = _rows(room_db)
    with pytest.raises(AppLockError):
        app_lock.turn_on(room_db, password="other-password", repeat="other-password")
    assert _rows(room_db) == before


def test_idle_minutes_are_bounded(room_db: Database) -> None:
    app_lock.set_idle_minutes(room_db, 3)
    assert app_lock.lock_state(room_db).idle_minutes == 3
    for wrong in (0, 241):
        with pytest.raises(AppLockError, match="1 到 240 分钟"):
            app_lock.set_idle_minutes(room_db, wrong)
    assert app_lock.lock_state(room_db).idle_minutes == 3


def test_a_damaged_hash_matches_nothing() -> None:
    good = app_lock.hash_password(PASSWORD)
    assert app_lock.password_matches(good, PASSWORD)
    for damaged in ("", "scrypt$1$2", good.replace("scrypt", "md5"), good[:-4] + "!!!!"):
        assert not app_lock.password_matches(damaged, PASSWORD)
    # Parameters that would take gigabytes are refused, not computed.
    costly = "$".join(["scrypt", str(1 << 24), "8", "1", *good.split("$")[4:]])
    assert not app_lock.password_matches(costly, PASSWORD)


def test_repeated_failures_wait_longer_up_to_a_minute() -> None:
    delays = [app_lock.failure_delay_seconds(n) for n in range(12)]
    assert delays[: app_lock.FREE_TRIES] == [0] * app_lock.FREE_TRIES
    assert delays[app_lock.FREE_TRIES] == 5
    assert delays == sorted(delays) and delays[-1] == 60


def test_the_lock_is_a_local_setting_never_synced() -> None:
    from desktop.sync.ownership import RULES, Sync

    assert RULES["setting"].sync is Sync.LOCAL_ONLY
    assert settings.REGISTRY["app_lock.password_hash"] is settings.APP_LOCK_PASSWORD


def test_a_forgotten_password_is_reset_from_the_command_line(
    room_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    app_lock.turn_on(room_db, password="hepingqiao1", repeat="hepingqiao1")
    assert app_lock.lock_state(room_db).enabled
    home = str(room_db.home.root)
    room_db.close()
    assert main(["--home", home, "app-lock", "off"]) == 0
    assert "应用锁已关闭" in capsys.readouterr().out
    assert main(["--home", home, "app-lock", "off"]) == 0
    assert "本来就没有开启" in capsys.readouterr().out
    assert main(["--home", home, "app-lock", "on"]) == 2
