"""The settings page's choices of this installation's preferences: the printer and the fonts."""

from __future__ import annotations

from pathlib import Path

from desktop import settings
from desktop.db import Database


def choose_printer(db: Database, name: str) -> None:
    """Print here by default; "" is the system's default printer."""
    with db.session() as session:
        settings.put(session, settings.PRINTER, name)


def choose_font(db: Database, option: settings.Option[str], *, path: Path) -> str:
    """Check the TrueType file and keep it as the body or title font; its family name."""
    with db.session() as session:
        return settings.set_font(session, option, path)


def reset_font(db: Database, option: settings.Option[str]) -> None:
    """Print with the default font again."""
    with db.session() as session:
        settings.put(session, option, option.default)
