"""What this installation has ever sent each peer, kept beside the keys, outside the database.

A database restored from an older backup has forgotten the bundles sent after that backup;
these files have not. Opening such a database lifts its change counter and its revision
floor above them (`lift_after_restore`), and export numbers its bundles above them, so
nothing a peer has seen is numbered again, and an acknowledgement of those bundles is
believed, not refused.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from desktop.files import write_atomically
from desktop.models import Installation
from desktop.paths import Home

SEQUENCE_FILE = "sequences.json"  # per peer: the highest bundle sequence number ever used
CHANGES_FILE = "sent_changes.json"  # per peer: the highest change counter ever sent


def _read(home: Home, name: str) -> dict[str, Any]:
    try:
        data = json.loads((home.keys / name).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _value(home: Home, name: str, peer: str) -> int:
    value = _read(home, name).get(peer, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _raise_to(home: Home, name: str, peer: str, value: int) -> None:
    data = _read(home, name)
    if _value(home, name, peer) >= value:
        return
    data[peer] = value
    write_atomically(home.keys / name, json.dumps(data).encode("utf-8"))


def stored_sequence(home: Home, peer: str) -> int:
    return _value(home, SEQUENCE_FILE, peer)


def store_sequence(home: Home, peer: str, sequence: int) -> None:
    _raise_to(home, SEQUENCE_FILE, peer, sequence)


def sent_through(home: Home, peer: str) -> int:
    """The highest change counter value ever sent to `peer`, restores notwithstanding."""
    return _value(home, CHANGES_FILE, peer)


def store_sent_through(home: Home, peer: str, change_to: int) -> None:
    _raise_to(home, CHANGES_FILE, peer, change_to)


def highest_sent(home: Home) -> int:
    """The highest change counter value ever sent to anyone: new changes are numbered above."""
    values = _read(home, CHANGES_FILE).values()
    return max((v for v in values if isinstance(v, int) and not isinstance(v, bool)), default=0)


def lift_after_restore(session: Session, home: Home) -> bool:
    """True when the database is behind what was sent (restored from an older backup): its
    change counter and revision floor are then raised above every change sent, so the
    edits from here on reuse no number a peer holds."""
    installation = session.get(Installation, 1)
    highest = highest_sent(home)
    if installation is None or installation.change_counter >= highest:
        return False
    installation.change_counter = highest
    installation.revision_floor = max(installation.revision_floor, highest)
    return True
