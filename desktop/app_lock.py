"""The optional app lock for shared PCs: its password as a slow scrypt hash, its idle time.

Off by default. The hash (with its salt and scrypt parameters, so they can be raised later
without breaking older hashes) and the idle minutes are options of `desktop.settings`, in the
local `setting` table that never travels in a sync bundle. Changing or removing the password
needs the current one; a refused change writes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from desktop import settings
from desktop.db import Database
from desktop.errors import UserError

MIN_PASSWORD_LENGTH = 6
MAX_PASSWORD_LENGTH = 256
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 240
# Wrong passwords allowed before the lock screen makes the next try wait.
FREE_TRIES = 3
MAX_DELAY_SECONDS = 60

# scrypt at N=2^14, r=8, p=1 costs 16 MiB and about 50 ms a try: slow for a guesser, quick
# for the secretary. Stored with the hash, so a later Yishi may raise them.
_SCHEME = "scrypt"
_N = 1 << 14
_R = 8
_P = 1
_SALT_BYTES = 16
_KEY_BYTES = 32
# A stored hash asking for more memory than this is damaged or hostile: never computed.
_MAX_MEMORY = 128 << 20


class AppLockError(UserError, ValueError):
    """A password or idle time the app lock refuses; the message says why, in Chinese."""


@dataclass(frozen=True)
class LockState:
    """What the settings page and the window need: whether the lock is on, and after how long."""

    enabled: bool
    idle_minutes: int


# Hashing ------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, *, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=_MAX_MEMORY
    )


def hash_password(password: str) -> str:
    """`scrypt$N$r$p$salt$key`, salt and key in base64; a new random salt every time."""
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(password, salt=salt, n=_N, r=_R, p=_P, length=_KEY_BYTES)
    return "$".join([_SCHEME, str(_N), str(_R), str(_P), _b64(salt), _b64(key)])


def password_matches(stored: str, password: str) -> bool:
    """Whether the password gives the stored hash; a damaged hash matches nothing."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        computed = _scrypt(
            password,
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            length=len(expected),
        )
    except (ValueError, OverflowError, MemoryError):
        # Wrong field count, bad base64 or numbers, parameters scrypt refuses or too costly.
        return False
    return bool(expected) and hmac.compare_digest(computed, expected)


def check_new_password(password: str, repeat: str) -> None:
    """Refuse a password too short, too long or typed differently the second time."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AppLockError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AppLockError(f"密码不能超过 {MAX_PASSWORD_LENGTH} 个字符")
    if password.strip() != password:
        raise AppLockError("密码的开头和结尾不能是空格")
    if password != repeat:
        raise AppLockError("两次输入的新密码不一致")


def failure_delay_seconds(failures: int) -> int:
    """How long the lock screen waits before the next try after `failures` wrong ones in a
    row: none for the first few, then 5 s, doubling up to a minute."""
    if failures < FREE_TRIES:
        return 0
    return int(min(MAX_DELAY_SECONDS, 5 * 2 ** min(failures - FREE_TRIES, 8)))


def check_idle_minutes(minutes: int) -> None:
    if not MIN_IDLE_MINUTES <= minutes <= MAX_IDLE_MINUTES:
        raise AppLockError(f"自动锁定时间应在 {MIN_IDLE_MINUTES} 到 {MAX_IDLE_MINUTES} 分钟之间")


# Use cases ----------------------------------------------------------------------------------
def lock_state(db: Database) -> LockState:
    """Whether the lock is on and its idle minutes."""
    with db.session() as session:
        stored = settings.get(session, settings.APP_LOCK_PASSWORD)
        minutes = settings.get(session, settings.APP_LOCK_IDLE_MINUTES)
    return LockState(enabled=bool(stored), idle_minutes=minutes)


def unlocks(db: Database, password: str) -> bool:
    """Whether the password opens the lock (always False while the lock is off)."""
    with db.session() as session:
        stored = settings.get(session, settings.APP_LOCK_PASSWORD)
    return bool(stored) and password_matches(stored, password)


def turn_on(db: Database, *, password: str, repeat: str) -> None:
    """Set the password and turn the lock on; refused when it is on already."""
    check_new_password(password, repeat)
    with db.session() as session:
        if settings.get(session, settings.APP_LOCK_PASSWORD):
            raise AppLockError("应用锁已开启；如需更换密码，请使用“修改密码”")
        settings.put(session, settings.APP_LOCK_PASSWORD, hash_password(password))


def _check_current(stored: str, current: str) -> None:
    if not stored:
        raise AppLockError("应用锁未开启")
    if not password_matches(stored, current):
        raise AppLockError("当前密码不正确")


def change_password(db: Database, *, current: str, new: str, repeat: str) -> None:
    """Replace the password; needs the current one."""
    with db.session() as session:
        _check_current(settings.get(session, settings.APP_LOCK_PASSWORD), current)
        check_new_password(new, repeat)
        settings.put(session, settings.APP_LOCK_PASSWORD, hash_password(new))


def turn_off(db: Database, *, current: str) -> None:
    """Remove the password and turn the lock off; needs the current one."""
    with db.session() as session:
        _check_current(settings.get(session, settings.APP_LOCK_PASSWORD), current)
        settings.put(session, settings.APP_LOCK_PASSWORD, "")


def reset(db: Database) -> bool:
    """The way back in after a forgotten password (`yishi app-lock off`, run by someone who can
    reach the installation's files anyway): the lock goes off; whether it was on."""
    with db.session() as session:
        was_on = bool(settings.get(session, settings.APP_LOCK_PASSWORD))
        if was_on:
            settings.put(session, settings.APP_LOCK_PASSWORD, "")
    return was_on


def set_idle_minutes(db: Database, minutes: int) -> None:
    """Lock after this many minutes without keyboard or mouse input."""
    check_idle_minutes(minutes)
    with db.session() as session:
        settings.put(session, settings.APP_LOCK_IDLE_MINUTES, minutes)
