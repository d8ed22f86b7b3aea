"""The print preview: pages, printing every page on A4, saving a copy, the print actions."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.documents.minutes import render_minutes
from desktop.documents.word import WordDocument
from desktop.models.enums import TopicSource
from desktop.views.common.document_preview import DocumentPreviewDialog, preview_document
from desktop.views.meetings.editor import MeetingEditor
from desktop.views.meetings.page import MeetingsPage
from desktop.views.topics.page import TopicsPage
from desktop.workflow import topics as topic_rules
from tests.documents import pdf_probe as probe
from tests.documents.document_builders import build_meeting
from tests.views.common.test_background import Heartbeat

A4_POINTS = (595.3, 841.9)


@pytest.fixture
def long_minutes(room_db: Database, tmp_path: Path) -> Path:
    built = build_meeting(room_db, attendees=30, items=4, speech_chars=2500)
    return render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.pdf")


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes shown, as (title, text), instead of blocking the test."""
    shown: list[tuple[str, str]] = []

    def warning(_parent: Any, title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def _preview(qtbot: QtBot, pdf: Path, **kwargs: Any) -> DocumentPreviewDialog:
    dialog = DocumentPreviewDialog(pdf, title="会议记录", file_stem="会议记录", **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _to_pdf_file(printer: QPrinter, path: Path, dpi: int) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)


def _grey(path: Path, page: int) -> QImage:
    document = QPdfDocument()
    document.load(str(path))
    image = document.render(page, QSize(60, 85))
    document.close()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def test_preview_shows_the_pages_and_steps_through_them(qtbot: QtBot, long_minutes: Path) -> None:
    pages = len(PdfReader(long_minutes).pages)
    assert pages > 2
    dialog = _preview(qtbot, long_minutes)
    assert dialog.page_count() == pages
    assert str(pages) in dialog.page_count_label.text() and "页" in dialog.page_count_label.text()
    assert dialog.page_spin.maximum() == pages
    assert not dialog.previous_button.isEnabled() and dialog.next_button.isEnabled()
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.current_page() == 1)
    assert dialog.page_spin.value() == 2 and dialog.previous_button.isEnabled()
    dialog.page_spin.setValue(pages)
    qtbot.waitUntil(lambda: dialog.current_page() == pages - 1)
    assert not dialog.next_button.isEnabled()
    dialog.zoom_combo.setCurrentIndex(dialog.zoom_combo.findData(100))
    assert dialog.view.zoomFactor() == 1.0
    assert dialog.print_button.text() == "打印…" and dialog.save_button.text() == "另存为…"


def test_printing_sends_every_page_on_a4_at_full_size(
    qtbot: QtBot, long_minutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    dialog = _preview(qtbot, long_minutes)
    printed_path = tmp_path / "printed.pdf"
    # A low resolution keeps the test fast; bands still cover the page (300 / 72 × 842 > 1024).
    _to_pdf_file(dialog.printer, printed_path, dpi=300)
    with qtbot.waitSignal(dialog.printed) as signal:
        assert dialog.print_document()
    pages = dialog.page_count()
    assert signal.args == [pages]
    printed = PdfReader(printed_path)
    assert len(printed.pages) == pages
    for page in printed.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1
    # The same picture in the same place: nothing scaled, shifted or left blank.
    for index in (0, pages - 1):
        original, copy = _grey(long_minutes, index), _grey(printed_path, index)
        differences = [
            abs(original.pixelColor(x, y).value() - copy.pixelColor(x, y).value())
            for x in range(60)
            for y in range(85)
        ]
        assert sum(differences) / len(differences) < 4
        assert min(copy.pixelColor(x, y).value() for x in range(60) for y in range(85)) < 160


def test_printing_never_freezes_the_gui(
    qtbot: QtBot, long_minutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    dialog = _preview(qtbot, long_minutes)
    printed_path = tmp_path / "printed.pdf"
    _to_pdf_file(dialog.printer, printed_path, dpi=72)
    heartbeat = Heartbeat()
    print_to = DocumentPreviewDialog.print_to

    def slow_print_to(self: DocumentPreviewDialog, printer: QPrinter, **kwargs: Any) -> int:
        # A long ledger on an office printer takes seconds; here two, wherever it runs.
        heartbeat.slow_step()
        return print_to(self, printer, **kwargs)

    monkeypatch.setattr(DocumentPreviewDialog, "print_to", slow_print_to)
    with heartbeat:
        assert dialog.print_document()
    heartbeat.assert_kept_turning()
    assert len(PdfReader(printed_path).pages) == dialog.page_count()


def test_printing_a_page_range_and_a_cancelled_dialog(
    qtbot: QtBot, long_minutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted]
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: answers.pop(0))
    dialog = _preview(qtbot, long_minutes)
    printed_path = tmp_path / "two.pdf"
    _to_pdf_file(dialog.printer, printed_path, dpi=72)
    assert not dialog.print_document()
    assert not printed_path.exists()
    dialog.printer.setPrintRange(QPrinter.PrintRange.PageRange)
    dialog.printer.setFromTo(2, 3)
    # The real dialog writes the range the user typed into the printer; the stub keeps ours.
    monkeypatch.setattr(QPrintDialog, "setFromTo", lambda _self, _a, _b: None)
    assert dialog.print_document()
    assert len(PdfReader(printed_path).pages) == 2


def test_save_a_copy_as_pdf_or_word(
    qtbot: QtBot, long_minutes: Path, tmp_path: Path, warnings: list[tuple[str, str]]
) -> None:
    exported: list[Path] = []

    def export(path: Path) -> Path:
        path.write_bytes(b"PK")
        exported.append(path)
        return path

    dialog = _preview(qtbot, long_minutes, docx_export=export)
    target = tmp_path / "copies" / "纪要.pdf"
    dialog._ask_save_path = lambda: target  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save_copy() == target
    assert target.read_bytes() == long_minutes.read_bytes()
    assert [p.name for p in target.parent.iterdir()] == ["纪要.pdf"]

    word = tmp_path / "copies" / "纪要.docx"
    dialog._ask_save_path = lambda: word  # type: ignore[method-assign]
    assert dialog.save_copy() == word and exported == [word]

    plain = _preview(qtbot, long_minutes)
    plain._ask_save_path = lambda: word  # type: ignore[method-assign]
    assert plain.save_copy() is None
    assert warnings == [("无法保存", "此文件只能保存为 PDF。")]


def test_saving_a_word_copy_never_freezes_the_gui(
    qtbot: QtBot, room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_meeting(room_db, attendees=8, items=2)
    pdf = render_minutes(db=room_db, meeting_id=built.meeting_id, path=tmp_path / "m.pdf")
    saved_on: list[threading.Thread] = []
    save = WordDocument.save
    heartbeat = Heartbeat()

    def slow_save(document: WordDocument, path: Path) -> Path:
        # A long record in Word takes seconds on an office PC; here two, wherever it runs.
        saved_on.append(threading.current_thread())
        heartbeat.slow_step()
        return save(document, path)

    monkeypatch.setattr(WordDocument, "save", slow_save)
    dialog = _preview(
        qtbot,
        pdf,
        docx_export=lambda path: render_minutes(db=room_db, meeting_id=built.meeting_id, path=path),
    )
    word = tmp_path / "copies" / "会议记录.docx"
    dialog._ask_save_path = lambda: word  # type: ignore[method-assign]
    with heartbeat:
        assert dialog.save_copy() == word
    heartbeat.assert_kept_turning()
    assert saved_on and threading.main_thread() not in saved_on
    assert word.read_bytes()[:2] == b"PK"  # a .docx is a zip archive


def test_a_document_error_is_a_message_not_a_traceback(
    qtbot: QtBot,
    room_db: Database,
    warnings: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[dict[str, Any]] = []
    monkeypatch.setattr(DocumentPreviewDialog, "ask", lambda *_a, **k: opened.append(k))
    built = build_meeting(room_db, attendees=4, items=1, rare_name="𠮷祥")
    editor = MeetingEditor(room_db, built.meeting_id)
    qtbot.addWidget(editor)
    assert not editor.print_minutes("record")
    assert opened == []
    [(title, text)] = warnings
    assert title == "无法打印" and "𠮷" in text and "Traceback" not in text

    def broken(_path: Path) -> Path:
        raise OSError("磁盘已满")

    assert not preview_document(None, title="公告", file_stem="公告", render=broken)
    assert warnings[-1] == ("无法打印", "无法生成文件：磁盘已满")


def test_editor_print_actions_open_the_preview(
    qtbot: QtBot, room_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str, bool]] = []
    folders: list[Path] = []

    def ask(_parent: Any, **kwargs: Any) -> None:
        # The PDF lives in a temporary folder only while the preview is open.
        text = probe.full_text(kwargs["pdf"])
        folders.append(kwargs["pdf"].parent)
        docx_export = kwargs["docx_export"]
        if docx_export is not None:
            docx_export(tmp_path / f"{len(seen)}.docx")
        seen.append((kwargs["title"], text, docx_export is not None))

    monkeypatch.setattr(DocumentPreviewDialog, "ask", ask)
    built = build_meeting(room_db, attendees=6, items=2)
    editor = MeetingEditor(room_db, built.meeting_id)
    qtbot.addWidget(editor)
    assert editor.print_minutes_button.text() == "打印记录…"
    assert editor.print_signin_button.text() == "打印签到表…"
    assert [a.text() for a in editor.print_minutes_button.menu().actions()] == [
        "会议记录",
        "纪要",
        "成果反馈公示",
    ]

    editor.print_record_action.trigger()
    editor.print_jiyao_action.trigger()
    editor.print_signin_button.click()
    editor.print_feedback_action.trigger()
    (record_title, record, record_docx), (jiyao_title, jiyao, _), (signin_title, signin, sd) = seen[
        :3
    ]
    feedback_title, feedback, feedback_docx = seen[3]
    assert feedback_title.startswith("成果反馈公示") and not feedback_docx
    assert "协商成果反馈公示" in feedback
    assert record_title.startswith("会议记录") and "出席人员：" in record and record_docx
    assert jiyao_title.startswith("纪要") and "出席：" in jiyao
    assert signin_title.startswith("签到表") and "签到表" in signin and not sd
    for name in built.present:
        assert name in record and name in signin
    assert (tmp_path / "0.docx").exists() and (tmp_path / "1.docx").exists()
    # The temporary folders are gone once the preview closed.
    assert len(folders) == 4 and not any(folder.exists() for folder in folders)


def test_meetings_page_prints_the_ledger_of_the_chosen_year(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        DocumentPreviewDialog,
        "ask",
        lambda _parent, **k: seen.append((k["title"], probe.full_text(k["pdf"]))),
    )
    built = build_meeting(room_db, attendees=4, items=1)
    page = MeetingsPage(room_db)
    qtbot.addWidget(page)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2026))
    assert page.ledger_button.text() == "打印年度台账…"
    page.ledger_button.click()
    [(title, text)] = seen
    assert title == "年度台账 2026"
    assert "和平桥社区2026年第九次协商议事活动" in text and built.topics[0] in text


def test_topics_page_prints_the_notice_of_a_shortlisted_topic(
    qtbot: QtBot, room_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        DocumentPreviewDialog,
        "ask",
        lambda _parent, **k: seen.append((k["title"], probe.full_text(k["pdf"]))),
    )
    installation = room_db.installation()
    assert installation is not None and installation.room_id is not None
    with room_db.session() as session:
        fresh = topic_rules.create_topic(
            session,
            room_id=installation.room_id,
            title="路灯不亮",
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 11, 20),
        )
        ready = topic_rules.create_topic(
            session,
            room_id=installation.room_id,
            title="广场舞扰民",
            source=TopicSource.RESIDENTS,
            raised_on=date(2026, 11, 20),
        )
        topic_rules.shortlist(ready)
        session.flush()
        fresh_id, ready_id = fresh.id, ready.id
    page = TopicsPage(room_db)
    qtbot.addWidget(page)
    page.show()
    button = page.detail_panel.print_notice_button
    assert page.select_topic(fresh_id)
    assert not button.isVisible()  # nothing to announce yet
    assert page.select_topic(ready_id)
    assert button.isVisible() and button.text() == "打印公告…"
    button.click()
    [(title, text)] = seen
    assert title == "议题公告 广场舞扰民" and "广场舞扰民" in text and "公告" in text
