"""This node's key pairs (Ed25519 signing, X25519 age encryption) and readable fingerprints."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.formatting import key_fingerprint
from desktop.paths import Home
from desktop.sync import SyncError

if TYPE_CHECKING:
    # Imported where keys are made, loaded or checked: the GUI starts without the crypto.
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SIGNING_FILE = "signing.ed25519"
AGE_FILE = "identity.age"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def fingerprint(*parts: str) -> str:
    """Short and readable over the phone (desktop.formatting.key_fingerprint)."""
    return key_fingerprint(*parts)


def key_id(public: str) -> str:
    """A stable id of one public key, carried in manifests."""
    return hashlib.sha256(public.encode("ascii")).hexdigest()[:16]


@dataclass(frozen=True)
class NodeKeys:
    """A node's private keys, loaded from home.keys."""

    signing: Ed25519PrivateKey
    identity: pyrage.x25519.Identity

    @property
    def signing_public(self) -> str:
        return b64(self.signing.public_key().public_bytes_raw())

    @property
    def recipient(self) -> str:
        return str(self.identity.to_public())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_public, self.recipient)

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)


def write_private(path: Path, text: str) -> None:
    """Written once, readable by the owner only (0600); an existing key is never overwritten.

    Windows ignores the mode; there the default home (%LOCALAPPDATA%) carries the profile's
    ACL, which already shuts out other ordinary users. A --home on a shared folder does not.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def generate_keys(home: Home) -> NodeKeys:
    """New signing and encryption keys under home.keys; refuses to replace existing ones."""
    signing_path, age_path = home.keys / SIGNING_FILE, home.keys / AGE_FILE
    if signing_path.exists() or age_path.exists():
        raise SyncError(f"密钥已存在，不能覆盖：{home.keys}")
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    signing = Ed25519PrivateKey.generate()
    identity = pyrage.x25519.Identity.generate()
    write_private(signing_path, b64(signing.private_bytes_raw()))
    write_private(age_path, str(identity))
    return NodeKeys(signing=signing, identity=identity)


def load_keys(home: Home) -> NodeKeys:
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        raw = base64.b64decode((home.keys / SIGNING_FILE).read_text("ascii").strip())
        signing = Ed25519PrivateKey.from_private_bytes(raw)
        identity = pyrage.x25519.Identity.from_str(
            (home.keys / AGE_FILE).read_text("ascii").strip()
        )
    except (OSError, ValueError, pyrage.IdentityError) as exc:
        raise SyncError(f"本机密钥缺失或损坏（{home.keys}），无法同步") from exc
    return NodeKeys(signing=signing, identity=identity)


def has_keys(home: Home) -> bool:
    return (home.keys / SIGNING_FILE).exists() and (home.keys / AGE_FILE).exists()


def write_escrow(path: Path) -> str:
    """The escrow pair: its private half goes to `path` once (kept offline); returns the public."""
    if path.exists():
        raise SyncError(f"托管密钥文件已存在，不能覆盖：{path}")
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    write_private(path, str(identity))
    return str(identity.to_public())


def load_escrow(path: Path) -> pyrage.x25519.Identity:
    """The escrow private key from the file `write_escrow` wrote (kept offline by the district)."""
    import pyrage

    try:
        with path.open("rb") as handle:
            raw = handle.read(4096)  # the key is one short line; never read a large file whole
        text = raw.decode("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncError(f"无法读取托管密钥文件：{path}") from exc
    try:
        return pyrage.x25519.Identity.from_str(text)
    except (pyrage.IdentityError, ValueError) as exc:
        raise SyncError(f"托管密钥文件格式不正确（应以 AGE-SECRET-KEY-1 开头）：{path}") from exc


def verify(public_b64: str, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def recipient(text: str) -> pyrage.x25519.Recipient:
    import pyrage

    try:
        return pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError as exc:
        raise SyncError("加密公钥格式不正确") from exc
