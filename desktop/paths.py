"""The one place that knows where an installation's files live."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from desktop import APP_NAME, ORG_NAME

HOME_ENV = "YISHI_HOME"
# What can be rebuilt (parsed fonts); the tests point it at their own folder.
CACHE_ENV = "YISHI_CACHE"


@dataclass(frozen=True)
class Home:
    """One installation: its database, attachments, keys and backups under one folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "yishi.sqlite"

    @property
    def database_url_file(self) -> Path:
        """One line naming a PostgreSQL database that holds the records instead of
        `database` (a district on a server, desktop.db.open_database); absent for SQLite."""
        return self.root / "database-url"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def drafts(self) -> Path:
        """Typed-but-unsaved form content (desktop.drafts), one file per form."""
        return self.root / "drafts"

    @property
    def session_marker(self) -> Path:
        """Present while the GUI runs; left behind, it tells the next start of an unclean exit."""
        return self.root / "session.json"

    def create_dirs(self) -> None:
        """Make the folders that are missing; a file where a subfolder belongs is left alone.

        Such a file (a damaged `keys`, say) must not stop the database from opening: the code
        that needs the folder reports it, with the way out (desktop.sync.keycheck).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        for folder in (self.attachments, self.keys, self.backups):
            if not folder.exists():
                folder.mkdir()


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Home:
    """`--home` wins over $YISHI_HOME, which wins over the platform's user data dir."""
    if explicit:
        return Home(Path(explicit).expanduser().resolve())
    if env := os.environ.get(HOME_ENV):
        return Home(Path(env).expanduser().resolve())
    return Home(Path(user_data_dir(APP_NAME, ORG_NAME)))


def cache_dir() -> Path:
    """Where Yishi keeps what it can always rebuild: $YISHI_CACHE or the user cache dir."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env).expanduser().resolve()
    return Path(user_cache_dir(APP_NAME, ORG_NAME))


def resources_dir() -> Path:
    """The fonts, icons and translations: the package `desktop.resources`, or the frozen copy.

    Found through the import system, never relative to the checkout or the working folder, so
    a wheel installed anywhere (`pip install .`) finds them.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    folder = files("desktop.resources")
    # Installed as plain files (wheel, editable or checkout), never zipped: Qt and reportlab
    # need real paths.
    if not isinstance(folder, Path):
        raise RuntimeError(f"Yishi's resources are not plain files: {folder}")
    return folder
