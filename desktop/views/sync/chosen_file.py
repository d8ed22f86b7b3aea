"""A bundle or township pack opened from outside the page (`yishi FILE.yishi`, a double click
in Explorer): what is wrong with it before the page offers it, and its row when the folder's
listing leaves it out.

The listing only knows the names Yishi writes; a file the secretary renamed (or a copy's
"(1)", or capitals from another system) is still a bundle, and importing it checks what it
holds. So the chosen file is listed all the same, and 导入 says why if it is refused.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.errors import os_reason
from desktop.sync.bundle import SUFFIX
from desktop.sync.pack import FOR_ROOMS
from desktop.sync.pack_format import PACK_SUFFIX
from desktop.sync.status import BundleFile

# How each kind of file begins: an age envelope, a ZIP. Enough to tell a document or a
# picture given the suffix by mistake; importing checks everything else.
_MAGIC = {SUFFIX: b"age-encryption.org/v1\n", PACK_SUFFIX: b"PK"}


def file_problem(path: Path, *, district: bool) -> str:
    """Why `path` cannot be offered for import, naming it, in the user's words; "" if it can."""
    magic = _MAGIC.get(path.suffix.lower())
    if magic is None:
        return QCoreApplication.translate(
            "SyncPage", "%1 is not a Yishi bundle (.yishi) or township pack (.yishipack)."
        ).replace("%1", str(path))
    try:
        if not path.exists():
            return QCoreApplication.translate("SyncPage", "File not found: %1").replace(
                "%1", str(path)
            )
        if not path.is_file():
            return QCoreApplication.translate(
                "SyncPage", "%1 is a folder, not a bundle file."
            ).replace("%1", str(path))
        with path.open("rb") as file:
            head = file.read(len(magic))
    except OSError as exc:
        return (
            QCoreApplication.translate("SyncPage", "%1 cannot be read: %2")
            .replace("%1", str(path))
            .replace("%2", os_reason(exc))
        )
    if head != magic:
        return QCoreApplication.translate(
            "SyncPage",
            "%1 is not a Yishi bundle: the file is damaged, incomplete or of another kind.",
        ).replace("%1", str(path))
    if district and path.suffix.lower() == PACK_SUFFIX:
        return f"{path}：{FOR_ROOMS}"
    return ""


def with_chosen(
    files: list[BundleFile], chosen: Path | None, folder: Path | None
) -> list[BundleFile]:
    """The folder's listing, with the chosen file added when it is in that folder and the
    listing left it out (a name Yishi did not write)."""
    if chosen is None or folder is None or chosen.parent != folder:
        return files
    if any(file.path == chosen for file in files):
        return files
    township = "" if chosen.suffix.lower() == PACK_SUFFIX else None
    row = BundleFile(chosen, "", 0, "", "", True, False, township=township)
    return [*files, row]


def selected_note(path: Path) -> str:
    """Beneath the list once the chosen file's row is selected: the click is the user's."""
    return QCoreApplication.translate(
        "SyncPage", "%1 is selected: press Import to import it."
    ).replace("%1", path.name)
