"""The sync page's work off the GUI thread: write one bundle (or a township's pack), import
bundle and pack files one by one.

Each function returns the work for `run_with_progress`; the sync services it calls
open their own sessions, so nothing crosses from the GUI thread but the database handle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError
from desktop.queries import Database
from desktop.sync.export import ExportResult, export_bundle
from desktop.sync.importer import ImportBatch, ImportResult
from desktop.sync.pack import NotForThisRoom, PackResult, export_pack, import_file
from desktop.views.common.background import CancelledQuestion, ProgressCallback, Work


@dataclass(frozen=True)
class FileOutcome:
    """What importing one file came to: its result, or the reason it was refused."""

    path: Path
    result: ImportResult | None = None
    refusal: str = ""
    # A township pack without a bundle for this room: `refusal` says so, but nothing is wrong.
    not_for_us: bool = False


def export_work(db: Database, *, to_dir: Path, full: bool, room: str | None) -> Work:
    """Writes one bundle into `to_dir` and checks it there; the work returns its result."""

    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> ExportResult:
        return export_bundle(db, to_dir=to_dir, full=full, room=room)

    return work


def export_pack_work(db: Database, *, to_dir: Path, full: bool, township: str) -> Work:
    """Writes one pack for the township's rooms into `to_dir`; the work returns its result."""

    def work(_progress: ProgressCallback, _cancelled: CancelledQuestion) -> PackResult:
        return export_pack(db, to_dir=to_dir, full=full, township=township)

    return work


def import_work(db: Database, paths: list[Path]) -> Work:
    """Imports each file on its own (a refused one does not stop the others) until cancelled;
    the work returns a FileOutcome for each file it tried."""

    def work(progress: ProgressCallback, cancelled: CancelledQuestion) -> list[FileOutcome]:
        outcomes = []
        batch = ImportBatch()  # the files chosen together share one backup
        for done, path in enumerate(paths):
            if cancelled():
                break
            progress(done, len(paths))
            try:
                outcomes.append(FileOutcome(path, result=import_file(db, path, batch=batch)))
            except NotForThisRoom as error:
                outcomes.append(FileOutcome(path, refusal=str(error), not_for_us=True))
            except (UserError, OSError) as error:
                outcomes.append(FileOutcome(path, refusal=str(error)))
        progress(len(paths), len(paths))
        return outcomes

    return work
