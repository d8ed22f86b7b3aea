"""Qt-free reads behind the pages: select statements and small row types.

`Database` is named here for the views: they hold the open installation and hand it to the
services (these reads, and the writes in desktop.workflow), but never import desktop.db,
open a session or build a select themselves (pyproject's import contracts).
"""

from desktop.db import Database

__all__ = ["Database"]
