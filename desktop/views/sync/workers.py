"""The sync page's work off the GUI thread: write one bundle, import bundle files one by one.

Each function returns the work for `run_with_progress`; the sync services it calls
open their own sessions, so nothing crosses from the GUI thread but the database handle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError
from desktop.queries import Database
from desktop.sync.export import ExportResult, export_bundle
from desktop.sync.importer import ImportResult, import_bundle
from desktop.views.common.background import CancelledQuestion, ProgressCallback, Work


@dataclass(frozen=True)
class FileOutcome:
    """What importing one file came to: its result, or the reason it was refused."""

    path: Path
    result: ImportResult | None = None
    refusal: str = ""


def export_work(db: Database, *, to_dir: Path, full: bool, room: str | None) -> Work:
    """Writes one bundle into `to_dir` and checks it there; the work returns its result."""

    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> ExportResult:
        return export_bundle(db, to_dir=to_dir, full=full, room=room)

    return work


def import_work(db: Database, paths: list[Path]) -> Work:
    """Imports each file on its own (a refused one does not stop the others) until cancelled;
    the work returns a FileOutcome for each file it tried."""

    def work(progress: ProgressCallback, cancelled: CancelledQuestion) -> list[FileOutcome]:
        outcomes = []
        for done, path in enumerate(paths):
            if cancelled():
                break
            progress(done, len(paths))
            try:
                outcomes.append(FileOutcome(path, result=import_bundle(db, path)))
            except (UserError, OSError) as error:
                outcomes.append(FileOutcome(path, refusal=str(error)))
        progress(len(paths), len(paths))
        return outcomes

    return work
