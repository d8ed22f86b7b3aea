"""What every check shares: the problem types, the run's context and small query helpers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement

from desktop.models import Installation


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the database; `message` is Chinese and names the record."""

    check: str
    table: str | None
    record_id: str | None
    message: str


@dataclass(frozen=True)
class Hit:
    """A problem before its record is named: the message is `<record name><detail>`."""

    check: str
    table: str
    record_id: str
    detail: str


@dataclass(frozen=True)
class Context:
    """What the domain checks need besides the connection."""

    installation: Installation | None
    today: date
    attachments: Path


def live(model: type[Any]) -> ColumnElement[bool]:
    return model.deleted.is_(False)  # type: ignore[no-any-return]


def short(node: str | None) -> str:
    return node[:8] if node else "未设置"


def chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
