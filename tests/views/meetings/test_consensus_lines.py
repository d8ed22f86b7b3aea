"""A consensus typed on several lines prints on as many lines, in the PDF and in Word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.views.common.document_preview import DocumentPreviewDialog
from desktop.views.meetings.editor import MeetingEditor
from tests.documents.document_builders import build_meeting
from tests.views.gui_helpers import type_text

POINTS = ("一、同意分两期维修路灯", "二、先修主干道", "三、社区负责监督施工")


def test_consensus_lines_stay_lines_in_the_printed_minutes(
    qtbot: QtBot, room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[tuple[Path, Path]] = []

    def ask(_parent: Any, **kwargs: Any) -> None:
        pdf = tmp_path / f"{len(printed)}.pdf"
        pdf.write_bytes(kwargs["pdf"].read_bytes())
        word = kwargs["docx_export"](tmp_path / f"{len(printed)}.docx")
        printed.append((pdf, word))

    monkeypatch.setattr(DocumentPreviewDialog, "ask", ask)
    built = build_meeting(room_db, attendees=6, items=1)
    editor = MeetingEditor(room_db, built.meeting_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.minutes_tab)
    minutes = editor.minutes_tab
    minutes.item_combo.setCurrentIndex(0)
    edit = minutes.consensus_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    for index, point in enumerate(POINTS):
        if index:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        type_text(edit, point)  # type: ignore[arg-type]
    assert edit.toPlainText() == "\n".join(POINTS)

    editor.print_record_action.trigger()
    [(pdf, word)] = printed

    assert pdf.stat().st_size > 0
    # The PDF flows the points into one paragraph still: breaking them made a notice spill
    # onto a nearly empty page, which waits for keep-with-next (issue 17).
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    [consensus] = [text for text in paragraphs if text.startswith("协商意见：")]
    assert consensus.splitlines()[1:] == list(POINTS[1:])
    assert consensus.splitlines()[0].endswith(POINTS[0])
    editor.close()
