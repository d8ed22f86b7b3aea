"""The start-up key check reads key files as the crypto libraries do, without loading them."""

from __future__ import annotations

import base64
import random

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.sync.keycheck import age_identity_parses, signing_key_parses


def _age_accepts(text: str) -> bool:
    try:
        pyrage.x25519.Identity.from_str(text)
    except (ValueError, pyrage.IdentityError):
        return False
    return True


def _ed25519_accepts(text: str) -> bool:
    try:
        Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))
    except ValueError:
        return False
    return True


def _variants(text: str, alphabet: str, rng: random.Random) -> list[str]:
    """The key, and keys damaged the ways files get damaged: a character changed, dropped or
    added, cut short, two swapped, the case changed."""
    found = [text, text.lower(), text.upper(), text[:-1], text[1:], text + text[-1], ""]
    found.append(text[: len(text) // 2] + text[len(text) // 2 :].lower())
    for _ in range(300):
        at = rng.randrange(len(text))
        found.append(text[:at] + rng.choice(alphabet) + text[at + 1 :])
        found.append(text[:at] + text[at + 1 :])
        found.append(text[:at] + rng.choice(alphabet) + text[at:])
        other = rng.randrange(len(text))
        chars = list(text)
        chars[at], chars[other] = chars[other], chars[at]
        found.append("".join(chars))
    return found


def test_age_identities_read_as_age_reads_them() -> None:
    rng = random.Random(18)
    alphabet = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7Lqpzry1bio-"
    for _ in range(5):
        identity = str(pyrage.x25519.Identity.generate())
        for text in _variants(identity, alphabet, rng):
            assert age_identity_parses(text) == _age_accepts(text), text


def test_signing_keys_read_as_the_crypto_library_reads_them() -> None:
    rng = random.Random(18)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=!-_ "
    for _ in range(5):
        raw = Ed25519PrivateKey.generate().private_bytes_raw()
        for text in _variants(base64.b64encode(raw).decode("ascii"), alphabet, rng):
            assert signing_key_parses(text) == _ed25519_accepts(text), text
