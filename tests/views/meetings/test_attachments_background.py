"""Adding photos to a meeting: read, hashed and copied off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.views.meetings.editor import MeetingEditor
from desktop.workflow import attachments
from tests.documents.document_builders import build_meeting
from tests.views.common.test_background import Heartbeat


def test_adding_photos_never_freezes_the_gui(
    qtbot: QtBot, room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "现场.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    assert image.save(str(photo))
    built = build_meeting(room_db, attendees=4, items=1)
    editor = MeetingEditor(room_db, built.meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    tab = editor.attachments_tab
    editor.tabs.setCurrentWidget(tab)
    heartbeat = Heartbeat()
    attach = attachments.attach_to_meeting

    def slow_attach(*args: Any, **kwargs: Any) -> None:
        # Ten phone photos from a USB stick take seconds; here two, wherever it runs.
        heartbeat.slow_step()
        attach(*args, **kwargs)

    monkeypatch.setattr(attachments, "attach_to_meeting", slow_attach)
    monkeypatch.setattr(type(tab), "choose_files", lambda self: [photo])
    with heartbeat:
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    heartbeat.assert_kept_turning()
    assert tab.model.rowCount() == 1
    editor.close()
