"""The settings page's choices of this installation's preferences: printer, fonts, backups."""

from __future__ import annotations

from pathlib import Path

from desktop import settings
from desktop.db import Database
from desktop.errors import UserError


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


class SecondFolderError(UserError, ValueError):
    """A second backup folder refused; the message says why, in Chinese."""


def choose_second_backup_folder(db: Database, folder: Path | None) -> None:
    """Copy every new backup to this folder too (a USB stick); None stops the copies."""
    if folder is None:
        with db.session() as session:
            settings.put(session, settings.BACKUP_SECOND_FOLDER, "")
        return
    if not folder.is_absolute() or not folder.is_dir():
        raise SecondFolderError(f"找不到该文件夹：{folder}")
    own = db.home.root.resolve()
    chosen = folder.resolve()
    # A copy inside the installation's own folder is lost with the disk it guards against.
    if chosen == own or chosen.is_relative_to(own):
        raise SecondFolderError("第二备份位置不能在本软件的数据文件夹之内，请选择 U 盘或其他磁盘")
    with db.session() as session:
        settings.put(session, settings.BACKUP_SECOND_FOLDER, str(folder))


# The district's alert thresholds (工作台) the settings page may change, and their bounds.
ALERT_OPTIONS = (settings.ROOM_SILENT_DAYS, settings.MINUTES_DUE_DAYS)
ALERT_DAYS_MAX = 366


def choose_alert_days(db: Database, option: settings.Option[int], days: int) -> None:
    """After how many days a room counts as silent, or late minutes are shown (district)."""
    if option not in ALERT_OPTIONS:
        raise ValueError(f"not an alert threshold: {option.key}")
    if not 1 <= days <= ALERT_DAYS_MAX:
        raise UserError(f"{option.title}：天数应在 1 到 {ALERT_DAYS_MAX} 之间，收到 {days}")
    with db.session() as session:
        settings.put(session, option, days)
