"""Whether this installation's own sync keys (home.keys) are whole, and the way out if not.

Damaged keys stop only the exchange of bundles: the GUI starts as usual, names what is wrong
and says what to do, taken from `diagnose_keys`, which never raises. The way out depends on
who this is: a district imports with the escrow key (`yishi import --escrow-key`) or copies
its keys back from a copy of the data folder; an enrolled room copies them back or is enrolled
again by the district. Keys that were never made (a room not enrolled yet, a district whose
keys were never generated) are no problem at all.
"""

from __future__ import annotations

import base64
import binascii
import enum
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from desktop.db import Database
from desktop.models import Installation, SyncPeer
from desktop.models.enums import NodeRole
from desktop.paths import Home
from desktop.sync.keys import AGE_FILE, SIGNING_FILE

# A key file holds one short line; anything longer is not a key (and is never read whole).
MAX_KEY_FILE_BYTES = 4096
# An age identity is Bech32 (BIP 173) under this human-readable part, holding 32 bytes.
AGE_SECRET_HRP = "age-secret-key-"
_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


class KeyDamage(enum.Enum):
    """What is wrong with the keys folder or one key file in it."""

    FOLDER_MISSING = "folder_missing"
    NOT_A_FOLDER = "not_a_folder"
    FILE_MISSING = "file_missing"
    FILE_EMPTY = "file_empty"
    FILE_DAMAGED = "file_damaged"
    FILE_UNREADABLE = "file_unreadable"


@dataclass(frozen=True)
class KeyFault:
    """One thing wrong: the kind, the path it is about and, if unreadable, the system's reason."""

    damage: KeyDamage
    path: Path
    reason: str = ""

    @property
    def text(self) -> str:
        """One line naming the fault and its path, in Chinese."""
        if self.damage is KeyDamage.FOLDER_MISSING:
            return f"本机同步密钥文件夹不存在：{self.path}"
        if self.damage is KeyDamage.NOT_A_FOLDER:
            return f"本机同步密钥文件夹 keys 不是文件夹，而是一个同名的文件：{self.path}"
        if self.damage is KeyDamage.FILE_MISSING:
            return f"本机密钥文件缺失：{self.path}"
        if self.damage is KeyDamage.FILE_EMPTY:
            return f"本机密钥文件是空的：{self.path}"
        if self.damage is KeyDamage.FILE_DAMAGED:
            return f"本机密钥文件已损坏：{self.path}"
        return f"本机密钥文件无法读取：{self.path}（{self.reason}）"


@dataclass(frozen=True)
class KeyProblem:
    """What is wrong with the keys (`summary`, one line a fault) and what to do (`remedy`)."""

    faults: tuple[KeyFault, ...]
    summary: str
    remedy: str

    @property
    def message(self) -> str:
        return f"{self.summary}\n{self.remedy}"

    @property
    def damages(self) -> frozenset[KeyDamage]:
        return frozenset(fault.damage for fault in self.faults)


def diagnose_keys(db: Database) -> KeyProblem | None:
    """What is wrong with this installation's keys, or None when they are whole or not due yet.

    Never raises: it runs while the GUI starts, and damaged keys must not stop that.
    """
    try:
        with db.session() as session:
            installation = session.get(Installation, 1)
            role = installation.role if installation is not None else None
            # An office made its keys with its escrow pair; a room got them at enrolment.
            wanted = "district" if role is NodeRole.ROOM else "escrow"
            made = (
                installation is not None
                and session.scalars(select(SyncPeer.node_id).where(SyncPeer.role == wanted)).first()
                is not None
            )
    except SQLAlchemyError:
        # Not a key problem; whatever shows the database says so.
        role, made = None, False
    return diagnose_home(db.home, role=role, keys_made=made)


def diagnose_home(home: Home, *, role: NodeRole | None, keys_made: bool) -> KeyProblem | None:
    """The keys under `home`; `keys_made` says they must be there (a district that made its
    keys and escrow pair, a room enrolled with a district). Never raises."""
    faults = _faults(home, keys_made=keys_made)
    if not faults:
        return None
    return KeyProblem(
        faults=faults,
        summary="\n".join(fault.text for fault in faults),
        remedy=_remedy(home, role=role, keys_made=keys_made, faults=faults),
    )


def _faults(home: Home, *, keys_made: bool) -> tuple[KeyFault, ...]:
    folder = home.keys
    try:
        exists, is_dir = os.path.lexists(folder), folder.is_dir()
    except OSError as exc:
        return (KeyFault(KeyDamage.FILE_UNREADABLE, folder, _reason(exc)),)
    if exists and not is_dir:
        # Whether made or not: a file there also stops keys being made later.
        return (KeyFault(KeyDamage.NOT_A_FOLDER, folder),)
    if not exists:
        return (KeyFault(KeyDamage.FOLDER_MISSING, folder),) if keys_made else ()
    files = [folder / SIGNING_FILE, folder / AGE_FILE]
    found = [_file_fault(path, signing=path.name == SIGNING_FILE) for path in files]
    faults = tuple(fault for fault in found if fault is not None)
    if not keys_made:
        # Keys never made need not be there; a damaged one, or one half of a pair (which
        # stops new keys being made), must go before they are made.
        missing = sum(1 for f in faults if f.damage is KeyDamage.FILE_MISSING)
        damaged = tuple(f for f in faults if f.damage is not KeyDamage.FILE_MISSING)
        return damaged if damaged or missing == len(files) else faults
    # Both files parse as keys.load_keys parses them: the pair loads the way a sync loads it.
    return faults


def _file_fault(path: Path, *, signing: bool) -> KeyFault | None:
    """The fault of one key file, parsed the way keys.load_keys parses it; None if it is whole."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        return KeyFault(KeyDamage.FILE_MISSING, path)
    except OSError as exc:
        return KeyFault(KeyDamage.FILE_UNREADABLE, path, _reason(exc))
    if not raw.strip():
        return KeyFault(KeyDamage.FILE_EMPTY, path)
    if len(raw) > MAX_KEY_FILE_BYTES:
        return KeyFault(KeyDamage.FILE_DAMAGED, path)
    try:
        text = raw.decode("ascii").strip()
    except ValueError:
        return KeyFault(KeyDamage.FILE_DAMAGED, path)
    whole = signing_key_parses(text) if signing else age_identity_parses(text)
    return None if whole else KeyFault(KeyDamage.FILE_DAMAGED, path)


# The GUI checks the keys at every start: these read the formats the crypto libraries accept
# (a test holds them to the libraries) without loading those libraries before a sync needs them.
def signing_key_parses(text: str) -> bool:
    """Whether Ed25519PrivateKey.from_private_bytes(base64.b64decode(text)) accepts `text`:
    base64 of any 32 bytes (every 32-byte string is an Ed25519 seed)."""
    try:
        return len(base64.b64decode(text)) == 32
    except binascii.Error:
        return False


def age_identity_parses(text: str) -> bool:
    """Whether age's Identity.from_str accepts `text`: Bech32 with the AGE-SECRET-KEY- part,
    one case throughout, a valid checksum and 32 bytes (every one an X25519 secret)."""
    if text not in (text.lower(), text.upper()):
        return False
    lowered = text.lower()
    hrp, separator, data = lowered.rpartition("1")
    if not separator or hrp != AGE_SECRET_HRP or len(data) < 6:
        return False
    if any(char not in _BECH32_CHARSET for char in data):
        return False
    values = [_BECH32_CHARSET.index(char) for char in data]
    expanded = [ord(char) >> 5 for char in hrp] + [0] + [ord(char) & 31 for char in hrp]
    if _bech32_polymod(expanded + values) != 1:
        return False
    return _five_bit_bytes(values[:-6]) == 32


def _bech32_polymod(values: list[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for index, generator in enumerate(_BECH32_GENERATOR):
            check ^= generator if (top >> index) & 1 else 0
    return check


def _five_bit_bytes(values: list[int]) -> int:
    """How many bytes 5-bit groups decode to, or -1 when the padding is not Bech32's (fewer
    than 5 bits, all zero)."""
    bits = 5 * len(values)
    padding = bits % 8
    if padding >= 5 or (values and values[-1] & ((1 << padding) - 1)):
        return -1
    return bits // 8


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    return exc.strerror or str(exc)


def _remedy(
    home: Home, *, role: NodeRole | None, keys_made: bool, faults: tuple[KeyFault, ...]
) -> str:
    # Plain quotes: the commands are copied into a terminal, where a path may hold spaces.
    root = f'"{home.root}"'
    if keys_made:
        # While a file stands where keys/ belongs, the yishi command cannot open this folder.
        first = (
            f"先把 {home.keys} 这个文件改名或移走。"
            if any(fault.damage is KeyDamage.NOT_A_FOLDER for fault in faults)
            else ""
        )
        restore = (
            f"解决办法：{first}如有本数据文件夹的备份副本，把其中的 keys 文件夹复制到"
            f" {home.root} 中（替换现有的），然后重新启动议事。"
        )
        if role is NodeRole.DISTRICT or role is NodeRole.CITY:
            office, enrols = ("市政协", "区政协") if role is NodeRole.CITY else ("区政协", "议事室")
            return (
                f"{restore}\n没有备份时，收到的数据包仍可用托管密钥导入："
                f"yishi --home {root} import --escrow-key 托管密钥文件 数据包文件"
                f"（托管密钥是设置{office}时写出、离线保存的那个文件）。"
                f"\n在恢复本机密钥之前，不能导出数据包，也不能登记{enrols}。"
            )
        return (
            f"{restore}\n没有备份时，请联系区政协重新登记本议事室："
            "区政协发给新的登记文件并电话告知口令，"
            "再用它在一个新的数据文件夹中设置议事室："
            "yishi --home 新的数据文件夹 setup room --enrollment 登记文件。"
            "\n本数据文件夹中的记录仍可在这里查看和打印，但不会转入新的数据文件夹。"
        )
    # Keys never used by anyone: nothing is lost by moving them aside.
    if any(fault.damage is KeyDamage.NOT_A_FOLDER for fault in faults):
        what = f"把 {home.keys} 这个文件移走或改名"
    else:
        what = f"把 {home.keys} 文件夹中的密钥文件移走（或删除）"
    if role is NodeRole.ROOM:
        return (
            "本议事室尚未登记，这些密钥还没有用过，不会丢失什么。"
            f"解决办法：{what}，然后用区政协的登记文件设置本议事室"
            f"（yishi --home {root} setup room --enrollment 登记文件），登记时会生成新的密钥。"
        )
    if role is NodeRole.DISTRICT or role is NodeRole.CITY:
        return f"本机还没有生成密钥，这些密钥文件还没有用过。解决办法：{what}。"
    return f"解决办法：{what}，议事会在这里建立密钥文件夹。"
