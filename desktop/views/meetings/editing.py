"""What the editor's tabs need of the meeting editor.

The tabs see the editor through this protocol, so only editor.py (which builds them) imports
the others and the package has no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QLabel

from desktop.queries import Database
from desktop.workflow.meetings import Amending

# A workflow call; it gets the reason to record when the minutes are final.
Change = Callable[[Amending | None], object]


class MeetingEditing(Protocol):
    db: Database
    meeting_id: str

    @property
    def editable(self) -> bool: ...

    def write(self, description: str, change: Change, message: QLabel | None = None) -> bool:
        """Run one change; False when it was refused (and the message says why)."""
        ...

    def reload_all(self) -> None: ...

    def save_draft(self) -> bool: ...
