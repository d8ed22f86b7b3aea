"""Refused bundles, logged beside the database: a refusal writes nothing into the database.

The 同步 page's history shows them with the bundles that were exported and imported.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop import clock
from desktop.paths import Home

LOG_NAME = "sync-refusals.jsonl"


@dataclass(frozen=True)
class Refusal:
    """One refused file: when, which, and the reason the user was given."""

    at: datetime
    file_name: str
    reason: str


def log_path(home: Home) -> Path:
    return home.root / LOG_NAME


def record_refusal(home: Home, *, path: Path, reason: str, at: datetime | None = None) -> None:
    """Append one line; a log that cannot be written must not hide the refusal itself."""
    line = json.dumps(
        {"at": (at or clock.utcnow()).isoformat(), "file": path.name, "reason": reason},
        ensure_ascii=False,
    )
    try:
        with log_path(home).open("a+b") as log:
            # A line torn by a crash must not swallow this one.
            torn = False
            if log.seek(0, os.SEEK_END) > 0:
                log.seek(-1, os.SEEK_END)
                torn = log.read(1) != b"\n"
            log.write((("\n" if torn else "") + line + "\n").encode("utf-8"))
            log.flush()
            os.fsync(log.fileno())
    except OSError:
        pass


def read_refusals(home: Home) -> list[Refusal]:
    """Newest first; lines that do not parse (a crash mid-write) are passed over."""
    try:
        lines = log_path(home).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    refusals: list[Refusal] = []
    for line in lines:
        try:
            entry = json.loads(line)
            refusals.append(
                Refusal(
                    at=datetime.fromisoformat(entry["at"]),
                    file_name=str(entry["file"]),
                    reason=str(entry["reason"]),
                )
            )
        except (ValueError, KeyError, TypeError):
            continue
    return sorted(refusals, key=lambda r: r.at, reverse=True)
