"""协商议事记录 as a Word document (.docx), for editing in Word or WPS.

The minutes module writes either format from the same data and the same `build_minutes`
(the path's suffix picks `layout.Document` or `word.WordDocument`); this is the explicit
"export as Word" entry point the GUI's 另存为… calls.
"""

from __future__ import annotations

from pathlib import Path

from desktop.db import Database
from desktop.documents.minutes import Layout, render_minutes
from desktop.documents.output import check_suffix


def render_minutes_docx(
    *, db: Database, meeting_id: str, path: Path, layout: Layout = "record"
) -> Path:
    """Write the minutes of one meeting as a .docx at `path` (atomically); returns the path.

    Raises UserError for an unknown meeting or a path that does not end in .docx.
    """
    check_suffix(path, allowed=(".docx",))
    return render_minutes(db=db, meeting_id=meeting_id, path=Path(path), layout=layout)
