"""What the sync page says in words: its status line, the note under it, the import list's note,
each import's outcome and what an export wrote.

The texts keep the page's translation context ("SyncPage"), where they were first written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.enums import NodeRole
from desktop.queries.sync import BundleTotals
from desktop.sync.export import ExportResult
from desktop.sync.pack import PackResult
from desktop.sync.status import BundleFile, SyncStatus
from desktop.sync.upward import CityDistrict
from desktop.views.sync.drive_picker import place_name
from desktop.views.sync.history import moment, totals_text
from desktop.views.sync.workers import FileOutcome


def status_line(status: SyncStatus, *, city: str | None = None) -> str:
    """Who this installation is for sync, its key and its last export, in one line; `city`
    names the city office a district joined."""
    parts = []
    if status.role is NodeRole.DISTRICT:
        parts.append(QCoreApplication.translate("SyncPage", "District office"))
        if city:
            parts.append(
                QCoreApplication.translate("SyncPage", "Forwards to %1").replace("%1", city)
            )
    elif status.role is NodeRole.CITY:
        # Its district peers are not whom it is enrolled with: a city is enrolled with no one.
        parts.append(QCoreApplication.translate("SyncPage", "City office"))
    elif status.enrolled:
        parts.append(
            QCoreApplication.translate("SyncPage", "Enrolled with %1").replace(
                "%1", status.district_name or ""
            )
        )
    if status.fingerprint:
        parts.append(
            QCoreApplication.translate("SyncPage", "Key fingerprint %1").replace(
                "%1", status.fingerprint
            )
        )
    if status.last_export is not None:
        parts.append(
            QCoreApplication.translate("SyncPage", "Last export %1").replace(
                "%1", moment(status.last_export)
            )
        )
    elif status.enrolled and status.role is not NodeRole.CITY:
        parts.append(QCoreApplication.translate("SyncPage", "Nothing exported yet"))
    return " · ".join(parts)


def status_note(status: SyncStatus) -> str:
    """The red line under the status: what to do before the next exchange, if anything."""
    if status.role is NodeRole.CITY:
        # read_status counts a city "enrolled" once it enrolled a district: its keys decide.
        if status.fingerprint is None:
            return QCoreApplication.translate(
                "SyncPage",
                "Sync keys are not made yet: run “yishi setup city” on this computer "
                "before enrolling district offices.",
            )
        return ""
    if not status.enrolled:
        if status.role is NodeRole.DISTRICT:
            return QCoreApplication.translate(
                "SyncPage",
                "Sync keys are not made yet: run “yishi setup district” on this computer "
                "before exchanging bundles.",
            )
        return QCoreApplication.translate(
            "SyncPage",
            "This room is not enrolled yet: ask the district office for an enrolment "
            "file and set up with it before exporting.",
        )
    if status.export_due:
        return QCoreApplication.translate(
            "SyncPage", "%1 days since the last bundle was sent to the district office."
        ).replace("%1", str(status.days_since_export))
    return ""


def files_note(files: list[BundleFile]) -> str:
    """Under the import list: how many bundles are new for us, how many are not for us."""
    new = sum(1 for f in files if f.for_us and not f.imported)
    others = sum(1 for f in files if not f.for_us)
    text = QCoreApplication.translate("SyncPage", "%1 new bundles for this installation").replace(
        "%1", str(new)
    )
    if others:
        text += QCoreApplication.translate("SyncPage", "; %1 others are not for it").replace(
            "%1", str(others)
        )
    return text


def outcome_text(outcome: FileOutcome) -> str:
    """The import list's result cell for one file just imported (or refused)."""
    if outcome.not_for_us:
        return outcome.refusal
    if outcome.result is None:
        return QCoreApplication.translate("SyncPage", "Refused: %1").replace("%1", outcome.refusal)
    if outcome.result.already_imported:
        return QCoreApplication.translate("SyncPage", "Imported before; nothing changed")
    totals = outcome.result.totals()
    return totals_text(
        BundleTotals(
            added=totals.added,
            updated=totals.updated,
            unchanged=totals.unchanged,
            quarantined=totals.quarantined,
        )
    )


def exported_text(exported: ExportResult) -> str:
    """One bundle written: its name, how many records, and where (in words, not a path)."""
    records = sum(exported.counts.values())
    return (
        QCoreApplication.translate("SyncPage", "Written %1 (%2 records) to %3")
        .replace("%1", exported.path.name)
        .replace("%2", str(records))
        .replace("%3", place_name(exported.path.parent))
    )


def pack_text(pack: PackResult) -> str:
    """A township's pack written: its name, how many rooms, where, and the rooms left out."""
    lines = [
        QCoreApplication.translate("SyncPage", "Written %1 (bundles for %2 rooms) to %3")
        .replace("%1", pack.path.name)
        .replace("%2", str(len(pack.rooms)))
        .replace("%3", place_name(pack.path.parent))
    ]
    if pack.skipped:
        # The reasons come from the service, in Chinese.
        lines.append(
            QCoreApplication.translate("SyncPage", "Not included: %1").replace(
                "%1", "；".join(item.message for item in pack.skipped)
            )
        )
    return "\n".join(lines)


def districts_text(districts: list[CityDistrict]) -> str:
    """City: its district offices in a few lines: reporting or not, rooms, last bundle."""
    if not districts:
        return QCoreApplication.translate(
            "SyncPage", "No district office enrolled yet: press “Enrol a district office…”."
        )
    lines = []
    for district in districts:
        if not district.reporting:
            state = QCoreApplication.translate("SyncPage", "enrolled, no bundle yet")
        else:
            state = (
                QCoreApplication.translate("SyncPage", "%1 rooms, last bundle %2")
                .replace("%1", str(district.rooms))
                .replace("%2", moment(district.last_bundle_at))
            )
        lines.append(f"{district.name}：{state}")
    return "\n".join(lines)
